"""The line-rule interface ``Rule``, and the rules that belong to no structure.

A rule has ``test(ctx, i)`` (does line ``i`` belong to me?) and ``run(ctx, i)`` (append
blocks, return how many lines were consumed); ``assemble.RULES`` orders them by priority.
Here: blank lines, page numbers ("— 3 —") and the paragraph fallback. The other rules
live with their family: front_matter, columns, tables, headings.
"""
from __future__ import annotations

from pipeline.segment.context import Block, Context, _span


class Rule:
    """A line rule: ``test`` says whether line ``i`` is this rule's, ``run`` consumes it."""

    name = "rule"
    priority = 0

    def test(self, ctx: Context, i: int) -> bool:
        raise NotImplementedError

    def run(self, ctx: Context, i: int) -> int:
        raise NotImplementedError


class BlankRule(Rule):
    name, priority = "blank", 100

    def test(self, ctx, i):
        return ctx.lines[i].strip() == ""

    def run(self, ctx, i):
        return 1


class PageNumberRule(Rule):
    """A page number left by a PDF or Word copy ("— 3 —", "- 3 -"): kind page_number."""

    name, priority = "page_number", 80

    def test(self, ctx, i):
        return bool(ctx.cues.page_number.match(ctx.lines[i].strip()))

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("page_number", i, start, end))
        return 1


class FurnitureRule(Rule):
    """Site furniture left in a text copy of a web page (扫一扫…, 打印本页, 相关报道：): kind
    furniture, after the front matter only (a title box keeps its own lines)."""

    name, priority = "furniture", 79

    def test(self, ctx, i):
        return i > ctx.front_end and bool(ctx.cues.furniture.match(ctx.lines[i].strip()))

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("furniture", i, start, end))
        return 1


class ParagraphRule(Rule):
    name, priority = "paragraph", 0

    def test(self, ctx, i):
        return True

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("paragraph", i, start, end))
        return 1
