"""Time frames: plan periods (``PlanPeriod``, 十四五 = 2021–2025), the cues of ``periods.tsv``
(到2025年, “十四五”期间, 每年, 累计) and which cue frames a figure.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from pipeline.dating import plan_start_year
from pipeline.extract.clauses import FOLD, TRIM_CHARS, _Claimed, _last_break, _sentence_end
from pipeline.extract.lexicons import Lexicon
from pipeline.extract.numbers import CN_DIGITS
from pipeline.model import Outline

CUMULATIVE_BRACKETS = ("〔", "〕")
CUMULATIVE_WORD = "累计"
INTRO_END = (":", "：")
OPENING_CUE_CHARS = 12                  # a paragraph "opens" with a cue within these chars
CLAUSE_INITIAL_SLACK = 2                # chars allowed before a clause-opening cue (在, 全省)
FYP_NAME = re.compile(r"十([一二三四五六七八九])五")
YEAR_SPAN = re.compile(r"((?:19|20)[0-9]{2})\D{1,3}((?:19|20)[0-9]{2})")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    period_type: str
    period: str
    deadline: Optional[int]
    rank: int
    carries: bool
    first_year: Optional[int] = None      # first year of a span (2021—2025年, 十四五期间, 过去五年)
    relative: bool = False                # 今年, 去年, 过去五年: a year only against the document's date
    stand_in: bool = False                # 五年累计, 期末: the plan's years stand in unless a span frames it


@dataclass(frozen=True)
class PlanPeriod:
    start: int
    end: int


def _intro_frame(text: str, plan: Optional[PlanPeriod], lex: Lexicon,
                 doc_year: Optional[int] = None) -> Optional[Cue]:
    """The dated cue an intro paragraph lends to the bullet paragraphs after it: one that opens
    the paragraph (到2025年，…), or the last one of a paragraph ending with a colon (…目标是：)."""
    folded = text.translate(FOLD)
    dated = [c for c in _cues(folded, lex, plan, doc_year) if c.rank == 1 and c.deadline is not None]
    opening = [c for c in dated if c.start < OPENING_CUE_CHARS and _clause_initial(folded, c, lex)]
    if opening:
        return opening[0]
    if folded.rstrip().endswith(INTRO_END) and dated:
        return dated[-1]
    return None


def plan_period(outline: Outline, named: Optional[tuple[int, int]] = None) -> Optional[PlanPeriod]:
    """The document's own plan period: the one its date gives (``dating.DocumentDate.
    plan_period``: the manifest's or the title's period, else the five-year period of its
    year), else the manifest's ``period``; never the 十X五 its text cites most (a 2026 report
    reviewing the 十四五 cites it on every page)."""
    if named:
        return PlanPeriod(*named)
    return _period_from_label(outline.doc.raw.meta.period or "")


def title_frame(titles: Sequence[str], plan: Optional[PlanPeriod], doc_year: Optional[int],
                lex: Lexicon) -> Optional[Cue]:
    """The dated cue of the nearest section title that has one ("三、2026年重点工作"): the
    reference year of figures of that section that carry no time cue of their own."""
    for title in titles:
        dated = [c for c in _cues(title.translate(FOLD), lex, plan, doc_year)
                 if c.rank == 1 and c.deadline is not None]
        if dated:
            return dated[0]
    return None


def _cues(s: str, lex: Lexicon, plan: Optional[PlanPeriod], doc_year: Optional[int] = None) -> list[Cue]:
    cues: list[Cue] = []
    taken = _Claimed(len(s))
    for row in lex.periods:
        for match in row.pattern.finditer(s):
            if taken.overlaps(match.start(), match.end()):
                continue
            taken.claim(match.start(), match.end())
            if row.period_type == "none":
                continue
            deadline = _deadline(row.deadline, match, plan, doc_year)
            cues.append(Cue(match.start(), match.end(), row.period_type,
                            _fill(row.period, match), deadline, row.rank, row.carries,
                            _first_year(row.period_type, row.deadline, match, plan, doc_year),
                            bool(RELATIVE_YEAR.match(row.deadline)), row.deadline == "plan" and row.rank > 1))
    cues.sort(key=lambda c: c.start)
    return cues


def _fill(template: str, match: re.Match) -> str:
    return re.sub(r"\{(\d)\}", lambda m: _arabic_year(match.group(int(m.group(1))) or ""), template)


def _arabic_year(text: str) -> str:
    """二〇二〇 → 2020; anything else unchanged."""
    if len(text) == 4 and all(c in CN_DIGITS for c in text):
        return "".join(str(CN_DIGITS[c]) for c in text)
    return text


RELATIVE_YEAR = re.compile(r"^doc([+-]\d)?$")      # deadline "doc", "doc-1", "doc+1": 今年, 去年, 明年


def _deadline(spec: str, match: re.Match, plan: Optional[PlanPeriod],
              doc_year: Optional[int] = None) -> Optional[int]:
    if not spec:
        return None
    if spec == "plan":
        return plan.end if plan else None
    relative = RELATIVE_YEAR.match(spec)
    if relative:
        return doc_year + int(relative.group(1) or 0) if doc_year else None
    if spec.startswith("fyp:"):
        digit = _fill(spec[len("fyp:"):], match)
        return _fyp(10 + CN_DIGITS[digit]).end if digit in CN_DIGITS else None
    year = _fill(spec, match)
    return int(year) if year.isascii() and year.isdigit() else None


SPAN_YEARS = re.compile(r"((?:19|20)\d{2})\D{1,3}(?:19|20)\d{2}")
A_YEAR = re.compile(r"(?:19|20)\d{2}")
PAST_YEARS = 5                          # 过去五年 / 这五年 / 五年来: the five years before the document's


def _first_year(period_type: str, spec: str, match: re.Match, plan: Optional[PlanPeriod],
                doc_year: Optional[int]) -> Optional[int]:
    """First year of a span cue: 2021—2025年 -> 2021, 十四五期间 -> 2021, 今后五年 -> the plan's
    start, 过去五年 (deadline doc-1) -> the document's year - 5, 2021年以来 -> 2021."""
    if period_type != "period_total":
        return None
    span = SPAN_YEARS.search(match.group(0))
    if span:
        return int(span.group(1))
    if spec.startswith("fyp:"):
        digit = _fill(spec[len("fyp:"):], match)
        return _fyp(10 + CN_DIGITS[digit]).start if digit in CN_DIGITS else None
    if spec == "plan":
        return plan.start if plan else None
    if spec == "doc-1":
        return doc_year - PAST_YEARS if doc_year else None
    year = A_YEAR.search(match.group(0))
    return int(year.group(0)) if year else None


def _cue_for(s: str, start: int, cues: Sequence[Cue], starts: Sequence[int],
             lex: Lexicon) -> Optional[Cue]:
    """The time frame of a figure at ``start``: see the module docstring.

    ``cues`` are sorted by start, ``starts`` are their starts: only the cues of the figure's
    sentence and of the paragraph's opening are looked at (linear time on huge paragraphs)."""
    sentence_start = _last_break(s, lex.breaks.sentence, start)
    sentence_end = _sentence_end(s, start, lex.breaks)
    clause_start = _last_break(s, lex.breaks.clause, start)
    sentence = cues[bisect_left(starts, sentence_start):bisect_left(starts, sentence_end)]
    head = cues[:bisect_left(starts, OPENING_CUE_CHARS)]
    before = [c for c in sentence if c.end <= start
              and (c.start >= clause_start or c.carries and _clause_initial(s, c, lex))]
    own_dated = any(c.rank == 1 for c in sentence)
    opening = [c for c in head if c.rank == 1 and c.end <= start
               and _clause_initial(s, c, lex) and not own_dated]
    if not before:
        return opening[0] if opening else None
    chosen = before[-1]
    framing = [c for c in before + opening if c.rank == 1]
    if chosen.rank > 1:
        named = [c for c in framing if c.period_type == chosen.period_type]
        if named:
            return max(named, key=lambda c: c.start)
    if (chosen.deadline is None or chosen.stand_in) and chosen.period_type == "period_total":
        dated = [c for c in framing if c.deadline is not None and c.start < chosen.start] \
            or [c for c in head if c.period_type == "period_total" and c.deadline is not None and not c.stand_in
                and c.end <= chosen.start and not own_dated and _clause_initial(s, c, lex)]
        if dated:
            frame = max(dated, key=lambda c: c.start)
            chosen = _framed_by(chosen, frame)
    return chosen


def _framed_by(cue: Cue, frame: Cue) -> Cue:
    """A span cue without years of its own (累计, 五年累计) takes the years of the span framing it."""
    first_year = frame.first_year if frame.period_type == "period_total" else None
    if cue.first_year is not None and not cue.stand_in:
        first_year = cue.first_year
    return replace(cue, deadline=frame.deadline, first_year=first_year, stand_in=False)


def _clause_initial(s: str, cue: Cue, lex: Lexicon) -> bool:
    """A cue opening its clause (“十四五”期间，… / 到2025年，…) frames the clauses after it."""
    head = s[_last_break(s, lex.breaks.clause, cue.start):cue.start].strip(TRIM_CHARS)
    return len(head) <= CLAUSE_INITIAL_SLACK


def _fyp(number: int) -> PlanPeriod:
    """Years of the n-th five-year plan (十四五 = 14th: 2021–2025)."""
    start = plan_start_year(number)
    return PlanPeriod(start, start + 4)


def _period_from_label(label: str) -> Optional[PlanPeriod]:
    match = FYP_NAME.search(label)
    if match:
        return _fyp(10 + CN_DIGITS[match.group(1)])
    match = YEAR_SPAN.search(label)
    return PlanPeriod(int(match.group(1)), int(match.group(2))) if match else None
