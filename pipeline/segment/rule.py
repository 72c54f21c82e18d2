"""The line-rule interface ``Rule``, and the rules that belong to no structure.

A rule has ``test(ctx, i)`` (does line ``i`` belong to me?) and ``run(ctx, i)`` (append
blocks, return how many lines were consumed); ``assemble.RULES`` orders them by priority.
Here: blank lines, page numbers ("— 3 —") and the paragraph fallback. The other rules
live with their family: front_matter, columns, tables, headings.
"""
from __future__ import annotations

import re

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


class SignatureRule(Rule):
    """The signature block closing an official document (GB/T 9704): the issuer, the 成文日期
    and a publication remark ("山东省人民政府 / 2021年7月2日 / （此件公开发布）"), at the end of
    the text or before its 附件: kind signature, never headings. Its date is the document's
    成文日期 (``front_matter._front_matter_fields``)."""

    name, priority = "signature", 78
    MAX_LINES = 12        # a joint document is signed by up to ten bodies, then dated

    def test(self, ctx, i):
        return i > ctx.front_end and signature_block(ctx, i) is not None

    def run(self, ctx, i):
        end = signature_block(ctx, i)
        for j in range(i, end):
            if ctx.lines[j].strip():
                start, stop = _span(ctx.lines[j])
                ctx.blocks.append(Block("signature", j, start, stop))
        return end - i


def _signature_line(text: str, c) -> bool:
    return bool(c.issuer.match(unspaced(text)) or c.date.match(text) or c.publication.match(text))


def unspaced(text: str) -> str:
    """A name printed letter-spaced to the width of the others in a signature block ("交 通 运 输 部",
    "水  利  部") without its spaces; other text as it is (two names on one line keep theirs)."""
    parts = text.split()
    return "".join(parts) if len(parts) > 1 and all(len(p) == 1 for p in parts) else text


def signature_block(ctx, i: int):
    """End (exclusive) of the signature block starting at line ``i``, or None: up to
    ``MAX_LINES`` signature lines with a date among them, followed by nothing but blank lines,
    furniture, an attachment heading or the title of a document it forwards."""
    c = ctx.cues
    lines, j, found, dated = ctx.lines, i, 0, False
    while j < len(lines) and found < SignatureRule.MAX_LINES:
        text = lines[j].strip()
        if text:
            if not _signature_line(text, c):
                break
            found += 1
            dated = dated or bool(c.date.match(text))
        j += 1
    if not found or not dated or not _signature_line(lines[i].strip(), c):
        return None
    for k in range(j, len(lines)):
        text = lines[k].strip()
        if not text or c.furniture.match(text):
            continue
        # an attachment, or the title of the text a notice forwards or issues
        return j if c.attachment.match(text) or issued_title_lines(lines, k, c) else None
    return j


def issued_title_lines(lines, i: int, c) -> int:
    """How many lines from ``i`` form a document title, on one line or two (…意见的报告 /
    重庆市…行为 + 举报奖励实施细则（试行）), with its subtitle; 0 when none does."""
    text = lines[i].strip()
    if not text:
        return 0
    two = i + 1 < len(lines) and c.doc_title.match(text + lines[i + 1].strip())
    n = 1 if c.doc_title.match(text) else 2 if two else 0
    if n and i + n < len(lines) and c.subtitle.match(lines[i + n].strip()):
        n += 1
    return n


class AttachmentListRule(Rule):
    """The list of attachments closing a text ("附件：1．…审批表" then "2．…通知书", "3．…"): one
    paragraph a line, never headings."""

    name, priority = "attachment_list", 76

    def test(self, ctx, i):
        return _attachment_list_end(ctx, i) > i

    def run(self, ctx, i):
        end = _attachment_list_end(ctx, i)
        for j in range(i, end):
            start, stop = _span(ctx.lines[j])
            ctx.blocks.append(Block("paragraph", j, start, stop))
        return end - i


def _attachment_list_end(ctx: Context, i: int) -> int:
    """End (exclusive) of the attachment list opening at line ``i``, else ``i``."""
    if not ctx.cues.attachment_list.match(ctx.lines[i].strip()):
        return i
    j, n = i + 1, 2
    while j < len(ctx.lines) and re.match(rf"\s*{n}\s*[.．、]", ctx.lines[j]):
        j, n = j + 1, n + 1
    return j


class ParagraphRule(Rule):
    name, priority = "paragraph", 0

    def test(self, ctx, i):
        return True

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("paragraph", i, start, end))
        return 1
