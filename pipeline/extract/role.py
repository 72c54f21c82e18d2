"""Role of a figure (``extract_roles.tsv``): baseline, actual or target."""
from __future__ import annotations

from typing import Optional, Sequence

from pipeline.extract.clauses import _last_break
from pipeline.extract.lexicons import Lexicon
from pipeline.extract.periods import Cue, PlanPeriod

BASELINE_WINDOW = 16                    # chars before a figure tested by the baseline cue


def _role(s: str, start: int, cue: Optional[Cue], plan: Optional[PlanPeriod],
          section_titles: Sequence[str], lex: Lexicon) -> str:
    window = s[max(0, start - BASELINE_WINDOW):start]
    for role_cue in lex.roles:
        if role_cue.scope == "before" and role_cue.pattern.search(window):
            return role_cue.role
    if cue is not None and cue.deadline is not None and plan is not None:
        return "actual" if cue.deadline < plan.start else "target"
    clause = s[_last_break(s, lex.breaks.clause, start):start]
    if cue is not None:
        clause = s[cue.start:cue.end] + " " + clause
    for role_cue in lex.roles:
        if role_cue.scope == "section" and any(role_cue.pattern.search(t) for t in section_titles):
            return role_cue.role
        if role_cue.scope == "clause" and role_cue.pattern.search(clause):
            return role_cue.role
    return "target"
