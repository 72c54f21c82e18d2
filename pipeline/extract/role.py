"""Role of a figure (``extract_roles.tsv``): baseline, actual or target."""
from __future__ import annotations

from typing import Optional, Sequence

from pipeline.extract.clauses import _last_break
from pipeline.extract.lexicons import Lexicon
from pipeline.extract.periods import Cue, PlanPeriod

BASELINE_WINDOW = 16                    # chars before a figure tested by the baseline cue


def _role(s: str, start: int, cue: Optional[Cue], plan: Optional[PlanPeriod],
          section_titles: Sequence[str], lex: Lexicon, doc_year: Optional[int] = None,
          later_years: Sequence[int] = ()) -> str:
    """``doc_year`` is the year the document was written (``dating``): a figure dated before
    it reports the past, one dated in or after it is a commitment. Without it the plan
    period's first year stands in. ``later_years`` are the years of the cues after the figure
    in its sentence: the starting point of a change that ended before the document
    (从2020年的4.2万亿元增长到2025年的5.1万亿元, written in 2026) is reported, not planned."""
    now = doc_year if doc_year is not None else (plan.start if plan is not None else None)
    window = s[max(0, start - BASELINE_WINDOW):start]
    for role_cue in lex.roles:
        if role_cue.scope == "before" and role_cue.pattern.search(window):
            if role_cue.role == "baseline" and doc_year is not None and later_years \
                    and max(later_years) < doc_year:
                return "actual"
            return role_cue.role
    if cue is not None and cue.deadline is not None and now is not None:
        return "actual" if cue.deadline < now else "target"
    clause = s[_last_break(s, lex.breaks.clause, start):start]
    if cue is not None:
        clause = s[cue.start:cue.end] + " " + clause
    for role_cue in lex.roles:
        if role_cue.scope == "section" and any(role_cue.pattern.search(t) for t in section_titles):
            return role_cue.role
        if role_cue.scope == "clause" and role_cue.pattern.search(clause):
            return role_cue.role
    return "target"
