"""One paragraph's text → ``Figure`` rows: scan, then qualifier, subject, time frame and role
of each figure (``extract_from_text``)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from pipeline.extract.clauses import FOLD, _last_break, _sentence_end
from pipeline.extract.lexicons import Lexicon, Qualifier
from pipeline.extract.numbers import RawFigure
from pipeline.extract.periods import (CUMULATIVE_BRACKETS, CUMULATIVE_WORD, OPENING_CUE_CHARS, Cue,
                                      PlanPeriod, _clause_initial, _cue_for, _cues, _framed_by)
from pipeline.extract.qualifiers import _gap, _inherited, _suffix_text, _with_prefix
from pipeline.extract.role import _role
from pipeline.extract.scan import _scan
from pipeline.extract.subject import _distribute, _subject


TIME_SUFFIXES = "里中内来"                # 2025年里，…: the time phrase still ends there
BASELINE_YEAR = re.compile(r"(?:从|由)((?:19|20)[0-9]{2})年(?:底|末)?的?$")
BASELINE_YEAR_WINDOW = 12
FROM_TO = "到至"
OWN_CUE_GAP = 3                         # chars between a baseline's own date and it (2020年底的)
LEVEL_WINDOW = 4                        # chars before a figure searched for a verb of a level reached
LEVEL_VERB = re.compile(r"(?:达到|达|突破|控制在|(?:增长|增加|提高|提升|扩大|下降|降低|减少|缩小)[到至]|增至|降至|降到|为|是"
                        r"|迈上|站上|跃上|跨越|跨上)(?:了)?(?:约|近)?$")
LEVEL_QUALIFIERS = ("达到", "达", "突破", "提高到", "提高至", "提升到", "提升至", "降至", "降到", "下降到")
# a bound on a level (营收超1.4万亿元, 比重超过2%, 浓度不高于23), unless a change is bounded (增长超过5%)
BOUND_QUALIFIERS = ("超", "超过", "不低于", "不高于", "不超过", "低于", "高于")
CHANGE_BEFORE = re.compile(r"(?:增长|增加|新增|提高|提升|下降|降低|减少|累计|年均|每年|完成|实现|建成|稳定在|保持)"
                           r"(?:了)?$")
# a share or a stock named by its subject is a level at a point (优良天数比率93.5%, 总数186家)
LEVEL_SUBJECT = re.compile(r"(?:率|比例|比重|占比|比率|总数|总里程|总量|保有量)$")
ACCRUAL_WORDS = re.compile(r"新增|累计|年均|每年|新建|建成|完成|实施|开展|举办|培育|引进|开工|下乡")   # 新增城市绿道超200公里: still a flow
RUN_GAPS = ("、", "和", "及", "与")       # 分别提升至95%左右、96%以上: one verb for the whole run
HOLD_QUALIFIERS = ("稳定在", "保持在")
HOLD_VERB = re.compile(r"(?:稳定在|保持在|稳定保持在|维持在)(?:约|近)?$")


@dataclass(frozen=True)
class Figure:
    """One figure found in a text; offsets into that text."""

    mention: str
    char_start: int
    char_end: int
    number: Optional[float]
    number_high: Optional[float]
    scale: float
    unit: Optional[str]
    value: Optional[float]
    qualifier: Optional[str] = None
    comparator: Optional[str] = None
    period: Optional[str] = None
    period_type: Optional[str] = None
    deadline_year: Optional[int] = None
    subject: Optional[str] = None
    role: str = "target"
    is_cumulative: bool = False
    year: Optional[int] = None            # the year the figure refers to (a span's last year)
    year_from: Optional[int] = None       # the first year when it refers to a span
    unit_implied: bool = False            # the unit is implied by the subject, not printed
    holds: bool = False                   # 稳定在 / 保持在: held in every year of its period


def extract_from_text(text: str, lexicon: Lexicon, plan: Optional[PlanPeriod] = None,
                      section_titles: Sequence[str] = (), frame: Optional[Cue] = None,
                      doc_year: Optional[int] = None, title_cue: Optional[Cue] = None) -> list[Figure]:
    """Figures in one paragraph of Simplified text, with their context attributes.

    ``lexicon`` is ``load_extract_lexicon(lexicon_dir)``. ``frame`` is the time frame of an
    intro paragraph (到2025年，…：) that this bullet paragraph (——…, （一）…) continues; it
    applies where no cue of the paragraph does. ``doc_year`` is the year the document was
    written (roles, 今年/去年); ``title_cue`` the dated cue of the section's title, the
    reference year of figures without a cue."""
    lex = lexicon
    folded = text.translate(FOLD)
    raws = _scan(folded, lex)
    cues = _cues(folded, lex, plan, doc_year)
    cue_starts = [c.start for c in cues]
    figures: list[Figure] = []
    flows: list[bool] = []
    own_years: list[Optional[int]] = []       # the year printed with each starting point (从2020年的)
    previous: Optional[tuple[RawFigure, Optional[str]]] = None
    previous_qualifier: Optional[Qualifier] = None
    for index, raw in enumerate(raws):
        floor = previous[0].end if previous else 0
        mention_start, qualifier = _with_prefix(folded, raw, floor, lex)
        if qualifier is None and previous_qualifier is not None and raw.number_high is None:
            qualifier = _inherited(_gap(folded, previous[0], mention_start, lex), previous_qualifier, lex)
        previous_qualifier = qualifier
        next_start = raws[index + 1].start if index + 1 < len(raws) else len(folded)
        subject = _subject(folded, raw, mention_start, next_start, previous, lex)
        cue = _cue_for(folded, mention_start, cues, cue_starts, lex) or frame
        if cue is not None and cue.stand_in and title_cue is not None \
                and title_cue.period_type == "period_total" and title_cue.deadline is not None:
            cue = _framed_by(cue, title_cue)          # 五年累计 in a section on the five years past
        later = _later_years(folded, raw.end, cues, lex)
        dated = _dated_frame(folded, mention_start, cue, cues, lex)
        role = _role(folded, mention_start, dated, plan, section_titles, lex, doc_year, later,
                     raw.start, raw.end, floor, title_cue)
        figure = _figure(text, folded, raw, mention_start, qualifier, cue, subject, role, lex)
        year_frame = _has_year(dated) or title_cue
        in_run = bool(figures) and folded[figures[-1].char_end:mention_start] in RUN_GAPS
        flow = flows[-1] if in_run else _is_flow(folded, figure, lex)
        flows.append(flow)
        if HOLD_VERB.search(folded[max(0, mention_start - LEVEL_WINDOW):mention_start]) \
                or (figure.qualifier or "") in HOLD_QUALIFIERS:
            figure = replace(figure, holds=True)
        own_year = _baseline_year(folded, mention_start)
        if own_year is None and in_run:
            own_year = own_years[-1]         # 从2020年的645元/月、4318元/年: both are 2020's
        own_years.append(own_year)
        figures.append(_with_year(figure, year_frame, flow, own_year, _from_to(folded, year_frame)))
        previous = (raw, subject)
    return [_implied_unit(f, lex) for f in _distribute(folded, figures, lex)]


def _implied_unit(figure: Figure, lex: Lexicon) -> Figure:
    """人才总量…达到680万: no unit printed, the subject counts people (``extract_implied_units.tsv``)."""
    if figure.unit is not None or figure.number is None or not figure.subject:
        return figure
    unit = next((u for end, u in lex.implied_units if figure.subject.endswith(end)), None)
    return replace(figure, unit=unit, unit_implied=True) if unit else figure


def _later_years(folded: str, end: int, cues: Sequence[Cue], lex: Lexicon) -> list[int]:
    """Years of the dated cues after a figure in its sentence (从…的X增长到2025年的Y)."""
    stop = _sentence_end(folded, end, lex.breaks)
    return [c.deadline for c in cues if end <= c.start < stop and c.deadline is not None]


def _dated_frame(folded: str, start: int, cue: Optional[Cue], cues: Sequence[Cue],
                 lex: Lexicon) -> Optional[Cue]:
    """The figure's cue when it has a year; else the dated cue opening its sentence that
    frames it ("十三五"期间，全市地区生产总值年均增长6.5%: 年均 is the period, 十三五 the
    time): what the role and the reference year are read from."""
    if cue is not None and cue.deadline is not None:
        return cue
    sentence_start = _last_break(folded, lex.breaks.sentence, start)
    framing = [c for c in cues if sentence_start <= c.start and c.end <= start and c.rank == 1
               and c.deadline is not None and c.carries and _clause_initial(folded, c, lex)]
    if framing:
        return framing[-1]
    return _opening_frame(folded, start, cues, lex) or cue


def _opening_frame(folded: str, start: int, cues: Sequence[Cue], lex: Lexicon) -> Optional[Cue]:
    """The dated cue in the paragraph's first clause ("十三五"时期，…。…年均提高约1.2个百分点; 五年来，…)
    frames the figures of its later sentences that name no time of their own."""
    opening = [c for c in cues if c.start < OPENING_CUE_CHARS and c.end <= start
               and c.deadline is not None and c.carries and _opens_the_paragraph(folded, c, lex)]
    return min(opening, key=lambda c: (c.rank, c.start)) if opening else None


def _has_year(cue: Optional[Cue]) -> Optional[Cue]:
    return cue if cue is not None and (cue.deadline is not None or cue.first_year is not None) else None


def _opens_the_paragraph(folded: str, cue: Cue, lex: Lexicon) -> bool:
    """A clause near the paragraph's start opens with the cue (“十三五”时期，…), or its first
    clause is nothing but a time phrase ending with it (刚刚过去的2025年，…); a cue inside a
    longer first clause is an attribute of something else (作为指引2021年—2025年发展的纲领性文件)."""
    if _clause_initial(folded, cue, lex):
        return True
    return _last_break(folded, lex.breaks.clause, cue.start) == 0 and _ends_its_clause(folded, cue, lex)


def _ends_its_clause(folded: str, cue: Cue, lex: Lexicon) -> bool:
    """The time phrase ends where its clause does (2025年里，… / 五年来，…)."""
    rest = folded[cue.end:cue.end + 2].lstrip(TIME_SUFFIXES)
    return bool(lex.breaks.clause.match(rest[:1]))


def _with_year(figure: Figure, cue: Optional[Cue], flow: bool, own_year: Optional[int] = None,
               from_to: bool = False) -> Figure:
    """The year a figure refers to, from its time frame: a span's end, with its first year
    only for what accrues over the span (年均, 累计, 新增, 增长 — ``flow``); a level reached
    (达到, 提高到) is a point at the end. A baseline is the level before the span began (the
    year before its first year, or before the year of the change)."""
    if own_year is not None:
        return replace(figure, year=own_year, year_from=None)             # 从2020年的X
    if _has_year(cue) is None:
        return figure
    if figure.role == "baseline" and cue.deadline is not None:
        if 0 <= figure.char_start - cue.end <= OWN_CUE_GAP and cue.first_year is None:
            return replace(figure, year=cue.deadline, year_from=None)     # 从2020年的X: its own year
        if cue.first_year is not None and from_to:
            return replace(figure, year=cue.first_year, year_from=None)    # 2020年到2025年，从X提升到Y
        start = cue.first_year if cue.first_year is not None else cue.deadline
        return replace(figure, year=start - 1, year_from=None)
    return replace(figure, year=cue.deadline, year_from=cue.first_year if flow else None)


def _from_to(folded: str, cue: Optional[Cue]) -> bool:
    """A span printed from one year to another (2020年到2025年) starts at its first year's
    level; a range (2021—2025年, 十四五期间) covers its first year."""
    return cue is not None and any(mark in folded[cue.start:cue.end] for mark in FROM_TO)


def _baseline_year(folded: str, start: int) -> Optional[int]:
    """The year printed with a starting point (从2020年的53.2%, 由2020年底的80亿元): a comparison
    base that periods.tsv keeps from being any figure's time frame, but the starting figure's
    own year."""
    found = BASELINE_YEAR.search(folded, max(0, start - BASELINE_YEAR_WINDOW), start)
    return int(found.group(1)) if found else None


def _is_flow(folded: str, figure: Figure, lex: Lexicon) -> bool:
    """A figure that accrues over its period — an annual rate or a total (年均, 累计, 每年), a
    change (增长5%, 新增62家), what was done in it (建成5G基站8.99万个) — rather than a level
    reached at its end (达到13697.5亿元, 提高到40%, 控制在5.5%左右), a level bounded (营收超1.4万亿元)
    or a share or stock named as such (水质优良比例97.3%, 总里程12.96万公里)."""
    before = folded[max(0, figure.char_start - LEVEL_WINDOW):figure.char_start]
    if LEVEL_VERB.search(before) or figure.qualifier in LEVEL_QUALIFIERS:
        return False
    clause = folded[_last_break(folded, lex.breaks.clause, figure.char_start):figure.char_start]
    if CHANGE_BEFORE.search(before) or ACCRUAL_WORDS.search(clause):
        return True
    return not (figure.qualifier in BOUND_QUALIFIERS or LEVEL_SUBJECT.search(figure.subject or ""))


def _figure(text: str, folded: str, raw: RawFigure, start: int, qualifier: Optional[Qualifier],
            cue: Optional[Cue], subject: Optional[str], role: str, lex: Lexicon) -> Figure:
    end = raw.end
    if qualifier is not None and qualifier.position == "suffix":
        end += len(_suffix_text(folded, raw.end, lex))
    value = None if raw.number is None else float(raw.number * raw.scale)
    clause = folded[_last_break(folded, lex.breaks.clause, raw.start):raw.start]
    cumulative = (cue is not None and cue.period_type == "period_total"
                  or CUMULATIVE_WORD in clause
                  or folded[max(0, raw.start - 1):raw.start] == CUMULATIVE_BRACKETS[0])
    return Figure(
        mention=text[start:end], char_start=start, char_end=end,
        number=None if raw.number is None else float(raw.number),
        number_high=None if raw.number_high is None else float(raw.number_high),
        scale=float(raw.scale), unit=raw.unit, value=value,
        qualifier=qualifier.printed if qualifier else None,
        comparator=qualifier.comparator if qualifier else None,
        period=cue.period if cue and not cue.relative else None,
        period_type=cue.period_type if cue and not cue.relative else None,
        deadline_year=cue.deadline if cue and not cue.relative else None,
        subject=subject or None, role=role, is_cumulative=bool(cumulative))
