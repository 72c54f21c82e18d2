"""Qualifiers and comparators (``qualifiers.tsv``): suffixes (以上, 左右), infixes (余, 多),
strong prefixes touching the number (超过, 不低于) and weak ones earlier in the clause
(达到, 控制在, 力争), and a prefix governing the list after it (分别达到x和y).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from pipeline.extract.clauses import (BEFORE_WINDOW, GAP, LEADING_ASIDE, LIST_MARK, TRIM_CHARS, _end_before_spaces,
                                      _last_break)
from pipeline.extract.words import _boundaries

if TYPE_CHECKING:
    from pipeline.extract.lexicons import Lexicon, Qualifier
    from pipeline.extract.numbers import RawFigure


def _infix_at(s: str, pos: int, lex: Lexicon) -> Optional[Qualifier]:
    match = lex.infix_re.match(s, pos)
    return _qualifier(lex, match.group(), "infix") if match else None


def _with_prefix(s: str, raw: RawFigure, floor: int,
                 lex: Lexicon) -> tuple[int, Optional[Qualifier]]:
    """Mention start (a touching strong prefix joins it) and the figure's qualifier.

    ``floor`` is the end of the previous figure: a weak qualifier is looked for after it."""
    suffix = None if raw.qualifier else _suffix_at(s, raw.end, lex)
    qualifier = raw.qualifier or suffix
    # the text before the figure is s[:end], read in place (s.endswith(x, 0, end))
    end = raw.start
    spaced = _end_before_spaces(s, end)
    strong = (q.printed for q in lex.prefixes if q.strong)
    if end - spaced == 1 and any(s.endswith(printed, 0, spaced) for printed in strong):
        end = spaced                            # 超过 95%: the space joins the mention
    touching = next((q for q in lex.prefixes if s.endswith(q.printed, 0, end)), None)
    start = end - len(touching.printed) if touching and touching.strong else raw.start
    connector = next((c for c in lex.connectors if s.endswith(c, 0, end)), None) if touching is None else None
    if connector:                               # 至少有1所: a strong prefix one connector away
        rest = end - len(connector)
        touching = next((q for q in lex.prefixes if q.strong and s.endswith(q.printed, 0, rest)), None)
    if qualifier is None and raw.number_high is None:
        stripped = _end_before_spaces(s, end)
        offset = max(0, stripped - BEFORE_WINDOW)
        qualifier = touching or _weak_in_clause(s[offset:stripped], max(0, floor - offset), lex)
    elif qualifier is None and touching is not None and touching.strong:
        qualifier = touching
    return start, qualifier


def _inherited(gap: str, previous: Qualifier, lex: Lexicon) -> Optional[Qualifier]:
    """分别达到680万和1150万, 分别突破8.5万亿元、13万元: a prefix governs the list after it;
    力争实现A 60%、B 98%: a scope qualifier governs the items of its clause."""
    if previous.position == "prefix" and _only_joiners(gap, lex):
        return previous
    if previous.scope and not lex.breaks.clause.search(gap) and not any(
            word in gap for word in lex.link if len(word) > 1):
        return previous
    return None


def _suffix_match(s: str, pos: int, lex: Lexicon) -> Optional[re.Match]:
    """A suffix qualifier right after ``pos`` or after one space (4.5% 以内)."""
    return lex.suffix_re.match(s, GAP.match(s, pos).end()) or lex.suffix_re.match(s, pos)


def _suffix_at(s: str, pos: int, lex: Lexicon) -> Optional[Qualifier]:
    match = _suffix_match(s, pos, lex)
    return _qualifier(lex, match.group(), "suffix") if match else None


def _weak_in_clause(before: str, floor: int, lex: Lexicon) -> Optional[Qualifier]:
    """The weak prefix of the clause ending ``before`` (at least the last ``BEFORE_WINDOW``
    characters before the figure), after ``floor`` (an index into ``before``)."""
    clause = before[max(floor, _last_break(before, lex.breaks.clause)):]
    clause = clause[clause.rfind(LIST_MARK) + 1:]    # 地表水达到或好于Ⅲ类水体比例、…等4项: not 达到
    bounds = _boundaries(clause, lex)
    best: Optional[tuple[int, int, Qualifier]] = None
    for q in lex.prefixes:
        if q.strong:
            continue
        at = clause.rfind(q.printed)
        if at < 0 or at not in bounds or at + len(q.printed) not in bounds:
            continue
        if best is None or (at, len(q.printed)) > best[:2]:
            best = (at, len(q.printed), q)
    return best[2] if best else None


def _qualifier(lex: Lexicon, printed: str, position: str) -> Optional[Qualifier]:
    return next((q for q in lex.qualifiers if q.printed == printed and q.position == position), None)


def _suffix_text(s: str, pos: int, lex: Lexicon) -> str:
    match = _suffix_match(s, pos, lex)
    return s[pos:match.end()] if match else ""


def _gap(s: str, previous: RawFigure, start: int, lex: Lexicon) -> str:
    """Text between two figures, without the first one's suffix and bracketed asides."""
    gap = s[previous.end:start]
    suffix = lex.suffix_re.match(gap)
    if suffix:
        gap = gap[suffix.end():]
    return LEADING_ASIDE.sub("", gap)


def _only_joiners(before: str, lex: Lexicon) -> bool:
    rest = before.strip(TRIM_CHARS)
    return rest == "" or rest in lex.lead and rest in lex.trail
