"""Role of a figure (``extract_roles.tsv``): baseline, actual or target."""
from __future__ import annotations

from typing import Optional, Sequence

from pipeline.extract.clauses import _last_break
from pipeline.extract.lexicons import Lexicon
from pipeline.extract.periods import Cue, PlanPeriod
from pipeline.extract.words import _boundaries

BASELINE_WINDOW = 16                    # chars before a figure tested by the baseline cue
AFTER_WINDOW = 16                       # chars after a figure's number tested by the after cues


def _role(s: str, start: int, cue: Optional[Cue], plan: Optional[PlanPeriod],
          section_titles: Sequence[str], lex: Lexicon, doc_year: Optional[int] = None,
          later_years: Sequence[int] = (), number_start: Optional[int] = None,
          number_end: Optional[int] = None, floor: int = 0,
          section_frame: Optional[Cue] = None) -> str:
    """``doc_year`` is the year the document was written (``dating``): a figure dated before
    it reports the past, one dated in or after it is a commitment. Without it the plan
    period's first year stands in. ``later_years`` are the years of the cues after the figure
    in its sentence: the starting point of a change that ended before the document
    (从2020年的4.2万亿元增长到2025年的5.1万亿元, written in 2026) is reported, not planned.
    ``floor`` is the end of the figure before it: a clause's words before that figure are
    about it (从目前的23.04%再提高超1个百分点: 目前 dates the 23.04%, not the increase).
    ``section_frame`` is the dated cue of the figure's section (its title, or its first
    paragraph's opening): last of all, a figure of a section about a year before the
    document's reports it ("一、2025年工作回顾" in a 2026 report)."""
    number_start = start if number_start is None else number_start
    now = doc_year if doc_year is not None else (plan.start if plan is not None else None)
    window = s[max(0, start - BASELINE_WINDOW):start]
    for role_cue in lex.roles:
        if role_cue.scope == "before" and role_cue.pattern.search(window):
            if role_cue.role == "baseline" and doc_year is not None and later_years \
                    and max(later_years) < doc_year:
                return "actual"
            return role_cue.role
    after = s[number_end:number_end + AFTER_WINDOW] if number_end is not None else ""
    for role_cue in lex.roles:
        if role_cue.scope == "after" and role_cue.pattern.search(after):
            return role_cue.role
    if cue is not None and cue.deadline is not None and doc_year is not None:
        return "actual" if cue.deadline < doc_year else "target"
    clause = s[max(floor, _last_break(s, lex.breaks.clause, number_start)):number_start]
    if cue is not None:
        clause = s[cue.start:cue.end] + " " + clause
    stated = _stated_role(clause, section_titles, lex)
    if stated is not None:
        return stated
    if cue is not None and cue.deadline is not None:
        return "actual" if now is not None and cue.deadline < now else "target"
    stated = _stated_role(s[:number_start], (), lex)
    if stated is not None:
        return stated
    if section_frame is not None and section_frame.deadline is not None and doc_year is not None:
        return "actual" if section_frame.deadline < doc_year else "target"
    return "target"


def _stated_role(text: str, section_titles: Sequence[str], lex: Lexicon) -> Optional[str]:
    """The role the text itself states: a background section (发展基础), else the cue nearest
    the figure among words that report (已突破, 五年来) and words that commit (力争, 下一步);
    a word that is an attribute (目前的50%) dates its noun, not the figure after it.
    Without the document's date this outranks the plan's first year standing in for it: a
    review written after the plan began cites the plan's years too."""
    for role_cue in lex.roles:
        if role_cue.scope == "section" and any(role_cue.pattern.search(t) for t in section_titles):
            return role_cue.role
    nearest: Optional[tuple[int, str]] = None
    for role_cue in lex.roles:
        if role_cue.scope != "clause":
            continue
        ends = [m.end() for m in role_cue.pattern.finditer(text)
                if _starts_a_word(text, m.start(), lex) and not text.startswith(ATTRIBUTIVE, m.end())]
        if ends and (nearest is None or max(ends) > nearest[0]):
            nearest = (max(ends), role_cue.role)
    return nearest[1] if nearest else None


ATTRIBUTIVE = "的"                      # 目前的50%: the word dates that noun, not the clause
WORD_WINDOW = 6                         # chars each side of a cue cut by jieba to find its word start


def _starts_a_word(text: str, at: int, lex: Lexicon) -> bool:
    """目前 in 重大项目前期工作, 现有 in 实现有效 are no cues: a cue must start a word."""
    left = max(0, at - WORD_WINDOW)
    return (at - left) in _boundaries(text[left:at + WORD_WINDOW], lex)
