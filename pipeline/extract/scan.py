"""Finding the figures of a folded text, left to right, without overlaps, and dropping
what is not a figure: spans of ``extract_nontargets.tsv`` and counts that describe the
next figure's subject (74个国控断面水质优良比例达到95%).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.extract.clauses import _Claimed
from pipeline.extract.numbers import (NUMBER, PERCENT_UNIT, RawFigure, _quantity_figure, _ratio,
                                      _special_figures)

if TYPE_CHECKING:
    from pipeline.extract.lexicons import Lexicon


def _scan(s: str, lex: Lexicon) -> list[RawFigure]:
    """All figures of the folded text, left to right, not overlapping."""
    blocked = _blocked_spans(s, lex)
    found = [f for f in _special_figures(s, lex) if not blocked.overlaps(f.start, f.end)]
    taken = _Claimed(len(s))
    for figure in found:
        taken.claim(figure.start, figure.end)
    pos = 0
    while True:
        match = NUMBER.search(s, pos)
        if match is None:
            break
        if taken.overlaps(match.start(), match.end()):
            pos = match.end()
            continue
        figure = _ratio(s, match.start()) or _quantity_figure(s, match, lex)
        if figure is None:
            pos = match.end()
            continue
        pos = max(figure.end, match.end())
        if not blocked.overlaps(figure.start, figure.end):
            found.append(figure)
    found.sort(key=lambda f: f.start)
    kept: list[RawFigure] = []
    for figure in reversed(found):             # 6条主要河流的7个国考断面…比例100%: both describe it
        if not kept or not _describes(s, figure, kept[-1], lex):
            kept.append(figure)
    return kept[::-1]


def _describes(s: str, figure: RawFigure, following: RawFigure, lex: Lexicon) -> bool:
    """74个国控断面水质优良比例达到95%: the first figure is part of the second one's subject."""
    gap = s[figure.end:following.start].rstrip(" \u00a0")
    prefix = next((q.printed for q in lex.prefixes if q.strong and gap.endswith(q.printed)), "")
    gap = gap[:len(gap) - len(prefix)]
    if lex.breaks.after.search(gap) or figure.unit == following.unit or figure.unit in lex.rate_units:
        return False                             # 从目前的23.04%再提高超1个百分点: two measures
    if following.unit == PERCENT_UNIT and gap.endswith(lex.measure) and len(gap) > 1:
        return True                              # 7个国考断面水质优良比例100%
    return any(at > 0 for word in lex.link if len(word) > 1 for at in [gap.find(word)])


def _blocked_spans(s: str, lex: Lexicon) -> "_Claimed":
    blocked = _Claimed(len(s))
    for pattern in lex.nontargets:
        for match in pattern.finditer(s):
            blocked.claim(match.start(), match.end())
    return blocked
