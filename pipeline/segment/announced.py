"""Run-in headings a counted announcement introduces in a document without numbers.

A work report announces its parts at the end of a paragraph ("具体抓好八个方面重点工作。",
"一年来，主要做了以下工作。") and then gives each part as a
run-in heading: "着力优化供给扩大需求，拓展内需增长新空间。坚持扩大内需…". When the copy has
lost the numbers (（一）…（八）), such a paragraph has the shape of the topic paragraphs under it
("大力提振消费。坚持…"). The count tells them apart: the n paragraphs after the announcement
that share the first part's shape — as many commas inside its title sentence, else its
first word — are the n parts, when exactly n do. ``announced_runins`` is computed once per
document (``assemble.segment``); ``AnnouncedRunInRule`` splits each such line.
"""
from __future__ import annotations

from typing import Callable, Optional

from pipeline.segment.context import Block, Context, _next_nonblank, _span
from pipeline.segment.heading_cues import Cues
from pipeline.segment.numbering import _cn_to_int, _is_bare_candidate, _runin_split
from pipeline.segment.rule import Rule

FIRST_WORD_CHARS = 2                      # 着力… / 坚持…: parts opening with the same verb


OPEN = -1                                 # an announcement without a count (以下工作：)


def announced_count(text: str, c: Cues) -> int:
    """How many parts the last clause of a paragraph announces: n (重点做好十一个方面工作。,
    努力实现以下8个方面主要目标。), ``OPEN`` (主要做了以下工作。), else 0."""
    core = text.strip()
    k = len(core) - 1
    while k > 0 and core[k - 1] not in c.sentence_punct:
        k -= 1
    clause = core[max(k, 0):]
    match = c.parts_announcement.match(clause)
    if match:
        n = match["n"]
        return int(n) if n.isdigit() else _cn_to_int(n)
    return OPEN if c.open_parts_announcement.match(clause) else 0


def announced_runins(ctx: Context) -> frozenset[int]:
    """Lines that are the run-in headings of an announcement (see the module docstring)."""
    found: set[int] = set()
    for j, line in enumerate(ctx.lines):
        count = announced_count(line, ctx.cues) if line.strip() else 0
        if count >= 2:
            found.update(_parts_after(ctx, j, count))
        elif count == OPEN:
            found.update(_parts_after(ctx, j, None))
    return frozenset(found)


def _parts_after(ctx: Context, announcement: int, count: Optional[int]) -> list[int]:
    """The ``count`` lines after the announcement, up to the next bare heading line, whose
    title sentence has the first one's shape; none unless exactly ``count`` have it. Without
    a count (以下工作：) only the comma shape counts, and at least two must have it."""
    first = _next_nonblank(ctx.lines, announcement + 1)
    if first is None or _title_of(ctx, first) is None:
        return []
    window = []
    for j in range(first, len(ctx.lines)):
        line = ctx.lines[j].strip()
        if not line:
            continue
        if j > first and _is_bare_candidate(line, ctx.cues):
            break                                   # the next top-level heading
        title = _title_of(ctx, j)
        if title is not None:
            window.append((j, title))
    first_title = window[0][1]
    shapes = (_comma_shape(ctx, first_title, True), _first_word_shape(first_title)) if count \
        else (_comma_shape(ctx, first_title, False),)
    for same_shape in shapes:
        if same_shape is None:
            continue
        parts = [j for j, title in window if same_shape(title)]
        if len(parts) == count or count is None and len(parts) >= 2:
            return parts
    return []


def _title_of(ctx: Context, j: int) -> Optional[str]:
    """The run-in title sentence of line ``j`` (up to its first 。), commas allowed."""
    start, end = _span(ctx.lines[j])
    text = ctx.lines[j][start:end]
    c = ctx.cues
    k = _runin_split(text, c, c.title_inner_punct, c.max_numbered_title)
    if k is None or any(ch.isdigit() for ch in text[:k]) or c.not_title.match(text) \
            or text.startswith(c.bare_not_start):
        return None
    return text[:k]


def _comma_shape(ctx: Context, title: str, counted: bool) -> Optional[Callable[[str], bool]]:
    """As many commas as the first part's title (着力…，拓展…: one); none only with a count
    to check them against (高质量发展取得显著成效。…)."""
    commas = _commas(ctx, title)
    return (lambda other: _commas(ctx, other) == commas) if commas or counted else None


def _commas(ctx: Context, title: str) -> int:
    return sum(title.count(mark) for mark in ctx.cues.title_inner_punct)


def _first_word_shape(title: str) -> Optional[Callable[[str], bool]]:
    head = title[:FIRST_WORD_CHARS]
    return lambda other: other.startswith(head)


class AnnouncedRunInRule(Rule):
    """A run-in heading of an announcement: the title sentence, then its paragraph."""

    name, priority = "announced_runin", 52

    def test(self, ctx, i):
        return i in ctx.announced_runins

    def run(self, ctx, i):
        line = ctx.lines[i]
        start, end = _span(line)
        title = _title_of(ctx, i)
        k = len(title)
        ctx.blocks.append(Block("heading", i, start, start + k, title=title.strip(), system="bare"))
        p_start, p_end = _span(line, start + k + 1, end)
        ctx.blocks.append(Block("paragraph", i, p_start, p_end))
        return 1
