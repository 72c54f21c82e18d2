"""Text plumbing shared by every step: full-width folding, sentence and clause breaks, claimed spans.

The break characters are a lexicon (``extract_breaks.tsv``, compiled into ``Breaks`` by
``break_patterns`` and held by the ``Lexicon``); the rest of this module is fixed grammar.

``FOLD`` keeps lengths, so offsets in the folded text are offsets in the paragraph text.
``_last_break`` finds where the sentence or clause around a position starts, within
``BREAK_LOOKBACK`` characters (linear time on pathological single-line files).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

# Same-length folding, so offsets in the folded text are offsets in the paragraph text.
FOLD = str.maketrans("０１２３４５６７８９．％﹪：～〜－", "0123456789.%%:~~-")
GAP = re.compile(r"[ \u00a0]?")            # 134.9 万亿元, 超过 95%: one space as printed
LIST_MARK = "、"
LEADING_ASIDE = re.compile(r"^\s*[（(][^（()）]{0,30}[）)]")
TRIM_CHARS = " \t、，,\"'|:：●○■□◆◇▲△•·"
# How far a clause or sentence break is looked for. Real sentences are far shorter; the
# bound keeps a pathological single-line file (megabytes without punctuation) linear.
BREAK_LOOKBACK = 1000
BREAK_WINDOWS = (64, 256, BREAK_LOOKBACK)   # most breaks are near: look there first


@dataclass(frozen=True)
class Breaks:
    """Where a sentence, a clause and the phrase printed after a figure end.

    The characters are ``extract_breaks.tsv`` (each level includes the levels above it); the
    whitespace rules are layout, not characters: a sentence also ends before a list number
    standing between spaces (`` 01 ``) and at a run of spaces, a clause at a space between
    non-alphanumerics (达 134.9 万亿元: no break), the phrase after a figure at any space."""

    sentence: re.Pattern
    clause: re.Pattern
    after: re.Pattern


def break_patterns(sentence: Iterable[str], clause: Iterable[str], phrase: Iterable[str]) -> Breaks:
    """The ``Breaks`` of the break characters of each level (see ``extract_breaks.tsv``)."""
    sentence = _char_class(sentence)
    clause = sentence + _char_class(clause)
    after = clause + _char_class(phrase)
    return Breaks(
        sentence=re.compile(rf"[{sentence}]|\s(?=0?[0-9]{{1,2}}\s)|\s{{2,}}"),
        clause=re.compile(rf"[{clause}]|(?<![0-9A-Za-z])\s(?![0-9A-Za-z])"),
        after=re.compile(rf"[{after}\s]"))


def _char_class(chars: Iterable[str]) -> str:
    return "".join(re.escape(c) for c in chars)


class _Claimed:
    """Character positions of a text already taken by some match.

    A mask rather than a list of spans: an overlap test costs the length of the span, not
    the number of earlier matches (millions in a pathological single-line file)."""

    def __init__(self, length: int):
        self.mask = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) != -1

    def claim(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)


def _sentence_end(s: str, start: int, breaks: Breaks) -> int:
    stop = min(len(s), start + BREAK_LOOKBACK)
    match = breaks.sentence.search(s, start, stop)
    return match.start() if match else stop


# Text before a position that ``_last_break`` can read (its look-back and a lookbehind):
# callers pass this window, not the whole text before it (a copy per figure, quadratic).
BEFORE_WINDOW = BREAK_LOOKBACK + 64


def _end_before_spaces(s: str, end: int) -> int:
    """``len(s[:end].rstrip(" \\u00a0"))`` without copying ``s[:end]``."""
    while end > 0 and s[end - 1] in " \u00a0":
        end -= 1
    return end


def _last_break(text: str, pattern: re.Pattern, stop: Optional[int] = None) -> int:
    """End of the last ``pattern`` match in ``text[:stop]`` within BREAK_LOOKBACK characters."""
    stop = len(text) if stop is None else stop
    for window in BREAK_WINDOWS:
        floor = max(0, stop - window)
        end = None
        for match in pattern.finditer(text, floor, stop):
            end = match.end()
        if end is not None:
            return end
        if floor == 0:
            return 0
    return floor
