"""Heading rules: HTML headings, numbered, standalone and bare (unnumbered) headings.

``NumberedHeadingRule`` also splits run-in headings ("（一）发展基础。正文…") and keeps a
1. 2. 3. list introduced by "…如下：" as paragraphs; ``StandaloneHeadingRule`` takes
前言, 结束语, 附件; ``BareHeadingRule`` takes short unnumbered titles in documents that
are not numbered. Their levels are set later, in ``levels``.
"""
from __future__ import annotations

from typing import Optional

from pipeline.segment.context import Block, Context, _next_nonblank, _span
from pipeline.segment.heading_cues import Cues, NumberingSystem
from pipeline.segment.numbering import (
    _content_end,
    _heading_shape,
    _is_bare_candidate,
    _match_number,
    _numbered_title,
    _runin_split,
)
from pipeline.segment.rule import Rule
from pipeline.segment.tables import _is_tab_row, is_header_line
from pipeline.segment.cells import _header_cell, read_cell_table


class HtmlHeadingRule(Rule):
    name, priority = "html_heading", 65

    def test(self, ctx, i):
        hint = ctx.hint(i)
        return hint is not None and hint.kind in ("heading", "emphasis")

    def run(self, ctx, i):
        hint = ctx.hint(i)
        c = ctx.cues
        line = ctx.lines[i]
        if _numbered_heading(ctx, i, hint_level=hint.level if hint.kind == "heading" else None):
            return 1
        start, end = _span(line)
        if hint.kind == "heading" and i > ctx.front_end:
            title = line[start:end]
            if title and title[-1] in c.heading_terminal:
                title = title[:-1].rstrip()
            ctx.blocks.append(Block("heading", i, start, end, title=title,
                                    system=f"h{hint.level}", hint_level=hint.level))
        elif _is_bare_candidate(line, c):
            ctx.blocks.append(_bare_block(line, i, c))
        else:
            ctx.blocks.append(Block("paragraph", i, start, end))
        return 1


def _bare_block(line: str, i: int, c: Cues, allowed: str = "", max_chars: Optional[int] = None) -> Block:
    start, end = _span(line)
    title = _heading_shape(line[start:end], c, max_chars or c.bare_max_chars, allowed=allowed) or ""
    return Block("heading", i, start, end, title=title, system="bare")


def _numbered_heading(ctx: Context, i: int, hint_level: Optional[int] = None) -> bool:
    """Append a numbered heading (and its run-in paragraph) for line ``i`` if it is one."""
    c = ctx.cues
    line = ctx.lines[i]
    start, end = _span(line)
    found = _match_number(line[start:end], c)
    if found is None:
        return False
    system, number_len = found
    number = line[start:start + number_len].strip()
    title_start, _ = _span(line, start + number_len, end)
    rest = line[title_start:end]
    title = _numbered_title(rest, system, c)
    if title is None and system.role == "heading" and _has_child(ctx, i, system):
        title = _heading_shape(rest, c, c.max_numbered_title, c.numbered_terminal,
                               c.title_inner_punct)             # "（一）强化…，构建…体系。"
    key = system.name
    if title is not None and system.role != "article":
        ctx.blocks.append(Block("heading", i, start, end, number=number, title=title,
                                system=key, hint_level=hint_level))
        return True
    if system.role == "article":
        ctx.blocks.append(Block("heading", i, start, title_start, number=number, title="",
                                system=key, hint_level=hint_level))
        if rest:
            ctx.blocks.append(Block("paragraph", i, title_start, end))
        return True
    k = _runin_split(rest, c)
    if k is None and _comma_title_allowed(ctx, system):
        k = _runin_split(rest, c, c.title_inner_punct)
    if k is None and system.role == "heading" and i in ctx.runs:
        k = _runin_split(rest, c, c.title_inner_punct, c.max_numbered_title)
    if k is None and system.role in ("heading", "list") and i in ctx.runs and rest:
        # a numbered point printed without a title ("（二）为使防震减灾工作与…相同步，…。", "1.排查…。"), one
        # step of its numbering run: a part with its number and no title, as 第一条 is
        ctx.blocks.append(Block("heading", i, start, title_start, number=number, title="",
                                system=key, hint_level=hint_level))
        ctx.blocks.append(Block("paragraph", i, title_start, end))
        return True
    if k is None:
        return False
    ctx.blocks.append(Block("heading", i, start, title_start + k, number=number,
                            title=rest[:k].strip(), system=key, hint_level=hint_level))
    p_start, p_end = _span(line, title_start + k + 1, end)
    ctx.blocks.append(Block("paragraph", i, p_start, p_end))
    return True


def _outer_systems(ctx: Context, system: NumberingSystem) -> list[str]:
    """Numbering systems of the headings seen before ``system``'s first heading."""
    outer: list[str] = []
    for b in ctx.blocks:
        if b.kind != "heading" or b.system is None:
            continue
        if b.system == system.name:
            break
        if b.system not in outer:
            outer.append(b.system)
    return outer


def _has_child(ctx: Context, i: int, system: NumberingSystem) -> bool:
    """The next line opens with a number of a system nested below ``system`` (one that is
    neither ``system`` nor outside it): "（一）强化…，构建…体系。" followed by "1.加快…"."""
    j = _next_nonblank(ctx.lines, i + 1)
    if j is None:
        return False
    found = _match_number(ctx.lines[j].strip(), ctx.cues)
    return found is not None and found[0].role != "article" and found[0].name != system.name \
        and found[0].name not in _outer_systems(ctx, system)


def _comma_title_allowed(ctx: Context, system: NumberingSystem) -> bool:
    """A run-in title may hold commas ("1.服务国家战略，承载上海综合服务功能。对接…") when the
    line opens the section of the heading right above it or follows a heading of its own
    numbering system (a sibling): the place of a heading, not of a list item."""
    last_heading = ctx.last_heading
    if last_heading is None:
        return False
    return ctx.blocks[-1] is last_heading or last_heading.system == system.name


class NumberedHeadingRule(Rule):
    name, priority = "numbered_heading", 60

    def test(self, ctx, i):
        return _match_number(ctx.lines[i].strip(), ctx.cues) is not None

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        system = _match_number(ctx.lines[i][start:end], ctx.cues)[0]
        if _in_colon_list(ctx, system) or _in_glossary(ctx, system) or not _numbered_heading(ctx, i):
            ctx.blocks.append(Block("paragraph", i, start, end, system=system.name))
        return 1


def _in_glossary(ctx: Context, system: NumberingSystem) -> bool:
    """A list-numbered line under a glossary heading (名词解释) is a definition."""
    last = ctx.last_heading
    return system.role == "list" and last is not None and last.system == "standalone" \
        and bool(ctx.cues.glossary.match(last.title))


def _in_colon_list(ctx: Context, system: NumberingSystem) -> bool:
    """A list-numbered line introduced by a paragraph ending with a colon ("…主要目标是：")
    or continuing such a list is an item of that paragraph, not a heading."""
    if system.role != "list" or not ctx.blocks:
        return False
    last = ctx.blocks[-1]
    if last.kind != "paragraph":
        return False
    if last.system == system.name:
        return True
    text = ctx.lines[last.index][last.start:last.end]
    return last.system is None and text.endswith(ctx.cues.list_intro)


class StandaloneHeadingRule(Rule):
    """前言, 结束语, 附件 …: a top-level heading in any document."""

    name, priority = "standalone_heading", 55

    def test(self, ctx, i):
        return bool(ctx.cues.standalone.match(ctx.lines[i].strip()))

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("heading", i, start, end, title=ctx.lines[i][start:end],
                                system="standalone"))
        return 1


class BareHeadingRule(Rule):
    name, priority = "bare_heading", 50

    def test(self, ctx, i):
        if ctx.unnumbered_top:
            return _unnumbered_top_heading(ctx, i)
        if ctx.numbered:
            return i in ctx.subheadings
        return not ctx.numbered and (_is_bare_candidate(ctx.lines[i], ctx.cues)
                                     or _comma_parent(ctx, i) or _comma_leaf(ctx, i)) \
            and not _opens_table(ctx, i) and not _attachment_title(ctx) and not _cover_line(ctx, i)

    def run(self, ctx, i):
        ctx.blocks.append(_bare_block(ctx.lines[i], i, ctx.cues, ctx.cues.title_inner_punct,
                                      ctx.cues.max_numbered_title))
        return 1


def _unnumbered_top_heading(ctx: Context, i: int) -> bool:
    """In a document whose outermost numbering is a second level (（一）), a heading-shaped
    line that does not end as a sentence, before the next numbered line, is the level above."""
    line = ctx.lines[i].strip()
    if line[-1:] in ctx.cues.sentence_punct or not _is_bare_candidate(line, ctx.cues):
        return False
    return not _opens_table(ctx, i) and not _attachment_title(ctx)


COVER_RUN = 4


def _cover_line(ctx: Context, i: int) -> bool:
    """Line ``i`` belongs to a cover or a title block, not to the outline: a dateline ("2021 年
    5 月", a date with or without its day), an issuer over a dateline ("庐江县人民政府" / "2021 年
    5 月"), or one of up to ``COVER_RUN`` short lines in a row (a title broken over lines:
    "静安区全力打响“上海服务”品牌" / "加快建设“国际静安”三年行动计划") that end on such an issuer
    or on a bracketed line after a title: its period ("(2018—2020年)") or its adoption note
    ("( 2021 年 1 月 13 日庐江县第十七届人民代表大会第五次会议通过)"). Headings are followed by
    their text, a title by its subtitle, issuer and date."""
    c = ctx.cues
    j = i
    for _ in range(COVER_RUN):
        text = ctx.lines[j].strip()
        if _dateline(text, c) or c.issuer.match(text) and _dateline(_next_text(ctx, j), c):
            return True
        k = _next_nonblank(ctx.lines, j + 1)
        if k is None:
            return False
        after = ctx.lines[k].strip()
        if c.subtitle.match(after) or after[:1] in "（(" and _opens_with_date(after, c):
            return True
        if not _is_bare_candidate(after, c):
            return False
        j = k
    return False


def _next_text(ctx: Context, i: int) -> str:
    k = _next_nonblank(ctx.lines, i + 1)
    return ctx.lines[k].strip() if k is not None else ""


def _dateline(text: str, c: Cues) -> bool:
    """A date alone on its line; the month of a cover ("2021 年 5 月") is a date without its day."""
    return bool(c.date.match(text) or text.endswith("月") and c.date.match(text + "1日"))


def _opens_with_date(text: str, c: Cues) -> bool:
    """"( 2021 年 1 月 13 日…通过)": a bracketed note opening with a date (its closing bracket
    may fall on a later line)."""
    core = text[1:].lstrip()
    k = core.find("日")
    return k > 0 and bool(c.date.match(core[:k + 1]))


def _subheading_shape(ctx: Context, j: int) -> bool:
    """Short, heading-shaped, not ending as a sentence, followed by prose."""
    line = ctx.lines[j].strip()
    if not line or len(line) > ctx.cues.max_unnumbered_subheading or line[-1:] in ctx.cues.sentence_punct:
        return False
    if not _is_bare_candidate(line, ctx.cues) or _opens_table(ctx, j):
        return False
    k = _next_nonblank(ctx.lines, j + 1)
    return k is not None and _match_number(ctx.lines[k].strip(), ctx.cues) is None \
        and any(ch in ctx.cues.sentence_punct for ch in ctx.lines[k])


def unnumbered_subheadings(ctx: Context) -> frozenset[int]:
    """In a numbered document, the unnumbered sub-headings of numbered sections: lines of
    ``_subheading_shape`` standing at least twice between the same two heading-numbered lines
    (a window before the first numbered heading after the front matter does not count).
    Computed once per document (``assemble.segment``)."""
    found: set[int] = set()
    window: list[int] = []
    inside = False
    for j, line in enumerate(ctx.lines):
        if _is_heading_number(line, ctx.cues):
            if inside and len(window) >= 2:
                found.update(window)
            window, inside = [], j > ctx.front_end
        elif inside and _subheading_shape(ctx, j):
            window.append(j)
    if inside and len(window) >= 2:
        found.update(window)
    return frozenset(found)


def _is_heading_number(line: str, c: Cues) -> bool:
    found = _match_number(line.strip(), c)
    return found is not None and found[0].role == "heading"


def _comma_parent(ctx: Context, i: int) -> bool:
    """A short line with a comma and no closing mark, directly followed by a heading-shaped
    line, is a parent heading that lost its number ("优化城乡发展格局，分类有序推进乡村全面振兴"
    over "统筹优化城乡发展布局"): the line after it, not the line itself, says it is no prose.
    Not right after a heading: a parent does not open its own parent's section, while a
    principle of a list ("规划背景" / "坚持系统观念，统筹发展和安全") does."""
    line = ctx.lines[i].strip()
    if ctx.blocks and ctx.blocks[-1].kind == "heading":
        return False
    if line[-1:] in ctx.cues.sentence_punct or \
            not _is_bare_candidate(line, ctx.cues, ctx.cues.title_inner_punct):
        return False
    j = _next_nonblank(ctx.lines, i + 1)
    return j is not None and _is_bare_candidate(ctx.lines[j], ctx.cues)


def _comma_leaf(ctx: Context, i: int) -> bool:
    """A line with a comma and no closing mark, as long as a numbered title may be, followed by
    a paragraph, is a heading that lost its number ("着力优化供给扩大需求，拓展内需增长新空间"
    over "坚持扩大内需这个战略基点，…。"): prose ends its paragraphs with a sentence mark."""
    line = ctx.lines[i].strip()
    c = ctx.cues
    if line[-1:] in c.sentence_punct or not any(mark in line for mark in c.title_inner_punct) or \
            not _is_bare_candidate(line, c, c.title_inner_punct, c.max_numbered_title):
        return False
    j = _next_nonblank(ctx.lines, i + 1)
    return j is not None and ctx.lines[j].strip()[-1:] in c.sentence_punct


def _attachment_title(ctx: Context) -> bool:
    """The last block is an attachment heading ("附件1"): the line is its title."""
    last = ctx.blocks[-1] if ctx.blocks else None
    return last is not None and last.kind == "heading" and last.system == "standalone" \
        and bool(ctx.cues.attachment.match(last.title))


def _opens_table(ctx: Context, i: int) -> bool:
    """Line ``i`` is a table's caption or one of its lines, not a heading: it holds a TAB (a
    row of cells), or the next non-blank line is table residue, a row of TAB or pipe cells
    ("指　标\t规划目标\t实现情况"), a flattened header line ("指标 2020年 2025年 属性") or
    the first header cell of a table printed one cell per line (``cells.read_cell_table``)."""
    c = ctx.cues
    if "\t" in ctx.lines[i].strip():
        return True
    j = _next_nonblank(ctx.lines, i + 1)
    if j is None:
        return False
    line = ctx.lines[j]
    if c.residue.match(line) or _content_end(line, c) < len(line):
        return True
    text = line.strip()
    return _is_tab_row(text, c) or is_header_line(text, c) \
        or (_header_cell(text, c) and read_cell_table(ctx, j) is not None)
