"""Finding the figures of a folded text, left to right, without overlaps, and dropping
what is not a figure: spans of ``extract_nontargets.tsv`` and counts that describe the
next figure's subject (74个国控断面水质优良比例达到95%).
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.extract.clauses import AFTER_BREAK, _Claimed
from pipeline.extract.lexicons import Lexicon, lexicon
from pipeline.extract.numbers import (FRACTION_UNIT, NUMBER, PERCENT_UNIT, RATE_KINDS, RATIO_UNIT,
                                      RawFigure, _quantity_figure, _ratio, _special_figures)


def _scan(s: str, lex: Lexicon) -> list[RawFigure]:
    """All figures of the folded text, left to right, not overlapping."""
    blocked = _blocked_spans(s, lex)
    found = [f for f in _special_figures(s) if not blocked.overlaps(f.start, f.end)]
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
    if AFTER_BREAK.search(gap) or figure.unit == following.unit or figure.unit in _rate_units():
        return False                             # 从目前的23.04%再提高超1个百分点: two measures
    if following.unit == PERCENT_UNIT and gap.endswith(lex.measure) and len(gap) > 1:
        return True                              # 7个国考断面水质优良比例100%
    return any(at > 0 for word in lex.link if len(word) > 1 for at in [gap.find(word)])


@lru_cache(maxsize=1)
def _rate_units() -> frozenset[str]:
    """Canonical units of rates and shares: such a figure never counts the next one's subject."""
    rates = {u.canonical for u in lexicon().units.values() if u.kind in RATE_KINDS}
    return frozenset(rates | {RATIO_UNIT, FRACTION_UNIT})


def _blocked_spans(s: str, lex: Lexicon) -> "_Claimed":
    blocked = _Claimed(len(s))
    for pattern in lex.nontargets:
        for match in pattern.finditer(s):
            blocked.claim(match.start(), match.end())
    return blocked
