"""Outline → ``Target`` rows: the prose paragraphs of a document, with the time frame an
intro paragraph lends to the bullet paragraphs after it (``extract_targets``)."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from pipeline.extract.clauses import FOLD
from pipeline.extract.figures import Figure, _ends_its_clause, _opening_frame, extract_from_text
from pipeline.dating import DocumentDate
from pipeline.extract.lexicons import Lexicon
from pipeline.extract.periods import (OPENING_CUE_CHARS, Cue, PlanPeriod, _clause_initial, _cues, _intro_frame,
                                      plan_period, title_frame)
from pipeline.model import Outline, Paragraph, Section, Target

# a document's year is its own only when a date says so; a year guessed from the plan period
# it names (title_period) dates its plan, not its 今年 / 去年
DATED_SOURCES = ("manifest", "front_matter", "date_line", "doc_number", "title_year")
DAY_DATE = re.compile(r"\s*[0-9０-９一二三四五六七八九十]{1,2}月")   # …年3月5日: a day's date
OWN_PARTS = re.compile(r"(?:指标|任务|方面|举措|措施)$")   # 3项指标: the document counts its parts
SPAN_TYPES = ("annual", "period_total")                # 年均 / 累计: a rate or total over the period
SCANNED_KINDS = ("paragraph", "column", "heading_runin", "note")
BULLET = re.compile(r"\s*(?:——|—|[●○■□◆◇▲△•·]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[.、．](?![0-9])"
                    r"|[一二三四五六七八九十]{1,3}是)")      # bullet paragraphs under an intro


def extract_targets(outline: Outline, lexicon: Lexicon, when: Optional[DocumentDate] = None) -> list[Target]:
    """Every figure in the outline's prose paragraphs, in document order, as Target rows.

    ``lexicon`` is ``load_extract_lexicon(lexicon_dir)``, loaded once by the caller; ``when``
    is the document's own date (``dating.document_date``): roles and years are read against
    it; without it only the manifest's plan period is known."""
    doc_year = when.year if when and when.source in DATED_SOURCES else None
    plan = plan_period(outline, when.plan_period() if when else None)
    named_plan = plan if (when and when.period) or outline.doc.raw.meta.period else None
    sections = {section.section_id: section for section in outline.sections}
    rows: list[Target] = []
    frame: Optional[tuple[Optional[str], Cue]] = None     # (section, cue) of an intro paragraph
    openings: dict[Optional[str], Optional[Cue]] = {}      # section -> dated cue opening its first paragraph
    running: dict[Optional[str], Cue] = {}                 # section -> the latest paragraph opening with a time
    leadins: dict[Optional[str], Optional[Cue]] = {}       # section -> time its latest paragraph closes on
    for paragraph in outline.paragraphs:
        if paragraph.kind not in SCANNED_KINDS:
            continue
        titles = _section_titles(paragraph.section_id, sections)
        bullet = bool(BULLET.match(paragraph.text))
        intro = _intro_frame(paragraph.text, plan, lexicon, doc_year)
        own_opening = _opening_cue(paragraph.text, intro, plan, lexicon, doc_year)
        openings.setdefault(paragraph.section_id, own_opening)
        if own_opening is not None:
            running[paragraph.section_id] = own_opening      # 刚刚过去的2025年，… frames what follows
        lent = frame[1] if frame and bullet and frame[0] == paragraph.section_id \
            and own_opening is None else None        # ——这五年，…: a bullet's own time wins
        title_cue = running.get(paragraph.section_id) \
            or _section_frame(paragraph.section_id, sections, openings, leadins, plan, doc_year, lexicon)
        for figure in extract_from_text(paragraph.text, lexicon, plan=plan, section_titles=titles,
                                        frame=lent, doc_year=doc_year, title_cue=title_cue):
            figure = _plan_year(figure, named_plan)
            rows.append(_target(outline.doc_id, len(rows) + 1, paragraph, figure))
        leadins[paragraph.section_id] = _closing_frame(paragraph.text, plan, lexicon, doc_year)
        if intro is not None:
            frame = (paragraph.section_id, intro)
        elif lent is None:
            frame = None
    return rows


def _target(doc_id: str, n: int, paragraph: Paragraph, figure: Figure) -> Target:
    return Target(
        doc_id=doc_id, target_id=f"t{n:04d}", section_id=paragraph.section_id,
        column_id=paragraph.column_id, para_id=paragraph.para_id, line=paragraph.line,
        mention=figure.mention, char_start=figure.char_start, char_end=figure.char_end,
        number=figure.number, number_high=figure.number_high, scale=figure.scale,
        unit=figure.unit, value=figure.value, qualifier=figure.qualifier,
        comparator=figure.comparator, period=figure.period, period_type=figure.period_type,
        deadline_year=figure.deadline_year, year=figure.year, year_from=figure.year_from,
        unit_implied=figure.unit_implied,
        subject=figure.subject, role=figure.role, is_cumulative=figure.is_cumulative)


def _plan_year(figure: Figure, plan: Optional[PlanPeriod]) -> Figure:
    """A plan's target that names no time refers to the end of the plan period (an annual
    rate, 年均, and a level held in every year, 稳定在, to the whole period); never a count of
    the document's own parts (20项主要指标)."""
    if plan is None or figure.role != "target" or figure.year is not None \
            or OWN_PARTS.search(figure.subject or ""):
        return figure
    span = figure.period_type in SPAN_TYPES or figure.holds
    return replace(figure, year=plan.end, year_from=plan.start if span else None)


def _opening_cue(text: str, intro: Optional[Cue], plan, lexicon: Lexicon,
                 doc_year: Optional[int]) -> Optional[Cue]:
    """The dated cue a paragraph opens with (its intro frame ``intro``, else any dated cue
    opening it), unless it is a day's date (2026年3月5日，国务院总理…: a dateline dates an
    event, it frames no section)."""
    cue = intro
    if cue is None:
        folded = text.translate(FOLD)
        cue = _opening_frame(folded, len(folded), _cues(folded, lexicon, plan, doc_year), lexicon)
    if cue is None or cue.start >= OPENING_CUE_CHARS or DAY_DATE.match(text, cue.end):
        return None
    return cue


def _section_frame(section_id: Optional[str], sections: dict, openings: dict[Optional[str], Optional[Cue]],
                   leadins: dict[Optional[str], Optional[Cue]], plan, doc_year: Optional[int],
                   lexicon: Lexicon) -> Optional[Cue]:
    """The dated frame of the figure's section, nearest first: the section's own title, then
    the dated cue opening its first paragraph ("2025年是“十四五”收官之年。一年来，…"; 五年来，…),
    then for each ancestor the time its lead-in paragraph (the last before its subsections)
    closes on, its title and its opening: the reference year of the section's figures that
    name no time of their own. The text before the first heading is no section: its opening
    is a dateline or a preamble, not an intro."""
    own = True
    while section_id is not None and section_id in sections:
        section = sections[section_id]
        cue = (None if own else leadins.get(section_id)) \
            or title_frame((section.title,), plan, doc_year, lexicon) or openings.get(section_id)
        if cue is not None:
            return cue
        section_id, own = section.parent_id, False
    return None


def _closing_frame(text: str, plan, lexicon: Lexicon, doc_year: Optional[int]) -> Optional[Cue]:
    """The last time phrase of a paragraph that stands as a clause of its own (…收官。回望过去五年，
    …。五年来，省委…): what a lead-in paragraph hands to the subsections after it (the five-year
    review under a heading that names 2025 and 十四五). A month's date (2021年2月，总书记…)
    dates an event, not a frame."""
    folded = text.translate(FOLD)
    closing = [c for c in _cues(folded, lexicon, plan, doc_year)
               if c.deadline is not None and _is_time_clause(folded, c, lexicon)
               and not DAY_DATE.match(folded, c.end)]
    return closing[-1] if closing else None


def _is_time_clause(folded: str, cue: Cue, lexicon: Lexicon) -> bool:
    return _clause_initial(folded, cue, lexicon) and _ends_its_clause(folded, cue, lexicon)


def _section_titles(section_id: Optional[str], sections: dict) -> tuple[str, ...]:
    titles: list[str] = []
    while section_id is not None and section_id in sections:
        section: Section = sections[section_id]
        titles.append(section.title)
        section_id = section.parent_id
    return tuple(titles)
