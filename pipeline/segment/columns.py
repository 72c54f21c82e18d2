"""专栏 (boxed columns) and notes: ``ColumnRule`` with its items, and ``NoteRule``.

A 专栏 is one line with its items, or a title line followed by item lines or table rows;
items are numbered 01 1. 1、 （1） （一） ① or bulleted ■ ● ◆ ▲ ★ ◇ □ · (``[[column_item]]`` in
heading_cues.toml), or unnumbered "标题：正文" lines, or a title line with its text on the
next line. A prose line before item 1 is the 专栏's intro. The 专栏 ends where its items
end: the next heading, 专栏, note (注：…) or the end of the document; no end marker is
needed. A 专栏 that captions an indicator table keeps no items; one laid out as a TAB-separated
task table (类别	细分	重点任务, a lead row spanning the columns, category rows) keeps its rows
as its body, and only rows opening with an item number are items.

An item number printed again (the same number twice in a row in text; any repeat or restart
among the rows of an HTML table) keeps the item: ``assemble._build_columns`` numbers that
专栏's items 1, 2, 3 … in order and records a warning (a ``problems`` row, stage segment).

Known limits: unmarked items (a title line, its text on the next line) are read only in
numbered documents (in a document of bare headings they cannot be told from a bare heading
and its paragraph); a （一） item printed as a title alone on its line ends the 专栏 (it is a
heading); a restart at 01 in plain text ends the 专栏; bullets under numbered items end it too.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.segment.context import (
    Block,
    ColumnDraft,
    Context,
    ItemDraft,
    _has_sentence_punct,
    _next_nonblank,
    _span,
)
from pipeline.segment.heading_cues import ColumnItemSystem, Cues
from pipeline.segment.numbering import (
    _cn_to_int,
    _content_end,
    _heading_shape,
    _is_bare_candidate,
    _match_number,
    _runin_split,
)
from pipeline.segment.rule import Rule
from pipeline.segment.tables import _indicator_header


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


class ColumnRule(Rule):
    """专栏: one line with its items, or a title line followed by item lines/rows."""

    name, priority = "column", 92          # before HTML table rows: a 专栏 may be a table

    def test(self, ctx, i):
        return bool(ctx.cues.column.match(ctx.lines[i].strip()))

    def run(self, ctx, i):
        c = ctx.cues
        line = ctx.lines[i]
        start, _ = _span(line)
        end = _span(line, start, _content_end(line, c))[1]
        m = c.column.match(line[start:])
        label = line[start:start + m.end()].strip()
        number = _cn_to_int(m["n"])
        draft = ColumnDraft(label, number, "", None, i)
        ctx.columns.append(draft)
        block = Block("column", i, start, end, column=len(ctx.columns) - 1)
        ctx.blocks.append(block)
        body_start = start + m.end()
        while body_start < end and (line[body_start].isspace() or line[body_start] in "：:"):
            body_start += 1
        found = _split_items(line, body_start, end, c)
        if found:
            head_end, items = found
            self._title_intro(draft, line[body_start:head_end].strip(), ctx.cues)
            for item_no, s, e in items:
                draft.items.append(_item(line, item_no, s, e, block, c))
            return 1
        title_text = line[body_start:end].strip()
        self._title_intro(draft, title_text, ctx.cues)
        return 1 + self._following_items(ctx, i, draft)

    @staticmethod
    def _title_intro(draft: ColumnDraft, head: str, c: Cues) -> None:
        """Title = the first phrase; the rest is the intro when it is prose, else
        part of a title printed with a space ("专栏1 “十四五”时期 重大工程")."""
        parts = head.split(None, 1)
        draft.title = parts[0] if parts else ""
        draft.intro = parts[1].strip() if len(parts) > 1 else None
        if draft.intro and not _has_sentence_punct(draft.intro, c) \
                and len(head) <= c.max_numbered_title:
            draft.title, draft.intro = head, None

    def _following_items(self, ctx: Context, i: int, draft: ColumnDraft) -> int:
        """Consume the item lines (or table rows) after a title-only 专栏 line.

        Items are numbered 1, 2, 3 … in one of the column item systems, or are
        unnumbered "标题：正文" lines, or rows of the table the 专栏 opens. A line
        right after an item printed as a bare title is that item's text. Returns how
        many lines were consumed.
        """
        c = ctx.cues
        column = len(ctx.columns) - 1
        hint = ctx.hint(i)
        table_no = hint.table_no if hint is not None and hint.kind == "table_row" else None
        j = i + 1
        expected = 1
        title_only = False
        numbered_items = 0
        system: Optional[ColumnItemSystem] = None        # the marker of the items so far
        while j < len(ctx.lines):
            line = ctx.lines[j]
            if line.strip() == "":
                j += 1
                continue
            if c.residue.match(line):
                ctx.blocks.append(Block("residue", j))
                j += 1
                continue
            h = ctx.hint(j)
            in_table = h is not None and h.kind == "table_row" and (
                table_no is None and expected == 1 or h.table_no == table_no)
            if in_table:
                table_no = h.table_no
            start, end = _span(line, 0, _content_end(line, c))
            if (in_table or h is None and "\t" in line) and not draft.items and _indicator_header(line, c):
                break                                         # 专栏1 主要指标 + its table
            if h is None and self._text_table_row(ctx, j) and _leading_item(line, start, end, c, expected) is None:
                ctx.blocks.append(Block("column", j, start, end, column=column))
                j += 1                                        # 类别	细分	重点任务: the box's task table
                continue
            if in_table and h.is_header:                      # 序号 | 项目 | 内容
                ctx.blocks.append(Block("column", j, start, end, column=column))
                j += 1
                continue
            item_start = _after_category_cells(line, start, end, c) if in_table else start
            marker = _leading_item(line, item_start, end, c, expected)
            item = None
            if marker is not None and self._marker_opens_item(marker, line[item_start:end], system, c):
                item = marker[:2]
            if c.note.match(line[start:end].strip()):
                break                                         # 注：… under the 专栏
            if item is None and not draft.items and draft.intro is None \
                    and _has_sentence_punct(line[start:end], c) and self._item_follows(ctx, j):
                draft.intro = line[start:end].strip()            # the 专栏's intro, items below
                ctx.blocks.append(Block("column", j, start, end, column=column))
                j += 1
                continue
            if item is None and not in_table and _colon_title(line[start:end], c):
                item = (expected, 0)                         # unnumbered "标题：正文" item
            if item is None and not in_table and not title_only and draft.title \
                    and numbered_items == 0 and self._title_line_pair(ctx, j):
                item = (expected, 0)                         # unnumbered title line, text below
            if item is None and not in_table:
                text = line[start:end]
                if expected == 1 and draft.title == "" and _heading_shape(
                        text, c, c.max_numbered_title):
                    draft.title = text.strip()                # 专栏1 on its own, title below
                elif title_only and not self._ends_column(ctx, j):
                    self._continue_item(draft, text, ctx.cues)          # the text of a title-only item
                    title_only = False
                else:
                    break
                ctx.blocks.append(Block("column", j, start, end, column=column))
                j += 1
                continue
            repeated = item is not None and item[0] == expected - 1 and marker[2] is system
            if item is not None and item[0] != expected and not in_table and not repeated:
                break                                         # (a repeated item: a warning in _build)
            block = Block("column", j, start, end, column=column)
            ctx.blocks.append(block)
            item_no = item[0] if item is not None else expected
            draft.items.append(_item(line, item_no, item_start, end, block, c, cells=in_table))
            new = draft.items[-1]
            title_only = new.title is None and _heading_shape(new.text, c, c.max_item_title) is not None
            if item is not None and marker is not None and item == marker[:2]:
                numbered_items += 1
                system = marker[2]
            expected = item_no + 1
            j += 1
        return j - i - 1

    @staticmethod
    def _marker_opens_item(marker: tuple, text: str, system: Optional[ColumnItemSystem], c: Cues) -> bool:
        """A line opening with an item marker is an item of the 专栏: the same marker as the
        items before it (a bullet under numbered items is a point of the item), and for a
        marker that is also a heading numbering (（一）) not a title alone."""
        found = marker[2]
        if system is not None and (found.value == "bullet") != (system.value == "bullet"):
            return False
        if found.also_heading:
            rest = text[marker[1]:].strip()
            return (_heading_shape(rest, c, c.max_numbered_title) is None
                    or any(ch.isspace() for ch in rest) or _colon_title(rest, c) is not None)
        return True

    @classmethod
    def _item_follows(cls, ctx: Context, j: int) -> bool:
        """The next line opens item 1 (after an intro paragraph)."""
        k = _next_nonblank(ctx.lines, j + 1)
        if k is None:
            return False
        line = ctx.lines[k]
        start, end = _span(line, 0, _content_end(line, ctx.cues))
        found = _leading_item(line, _after_category_cells(line, start, end, ctx.cues), end, ctx.cues)
        return found is not None and found[0] == 1 or cls._title_line_pair(ctx, k)

    @classmethod
    def _title_line_pair(cls, ctx: Context, j: int) -> bool:
        """In a numbered document, a short unnumbered title line followed by a prose line
        is an item of the 专栏 (title on one line, text on the next)."""
        c = ctx.cues
        text = ctx.lines[j].strip()
        if not ctx.numbered or not _is_bare_candidate(text, c) or _has_sentence_punct(text, c) \
                or _heading_shape(text, c, c.max_item_title) is None:
            return False
        k = _next_nonblank(ctx.lines, j + 1)
        if k is None or cls._ends_column(ctx, k) or ctx.hint(k) is not None:
            return False
        body = ctx.lines[k].strip()
        return _has_sentence_punct(body, c) and _match_number(body, c) is None

    @classmethod
    def _text_table_row(cls, ctx: Context, j: int) -> bool:
        """A row of a TAB-separated table in the 专栏 (类别	细分	重点任务), or a one-cell row
        between such rows (a lead row spanning the columns); not a heading, note or 专栏.
        Its rows without an item number are the box's body, not items."""
        line = ctx.lines[j]
        if cls._ends_column(ctx, j) and "\t" not in line.strip():
            return False
        if "\t" in line.strip():
            return not ctx.cues.column.match(line.strip())
        k = _next_nonblank(ctx.lines, j + 1)
        return k is not None and "\t" in ctx.lines[k].strip() and ctx.hint(k) is None \
            and _has_sentence_punct(line, ctx.cues) and j > 0 and "\t" in ctx.lines[j - 1]

    @staticmethod
    def _ends_column(ctx: Context, j: int) -> bool:
        """A line that cannot continue a column item: a heading, 专栏, note or table."""
        c = ctx.cues
        text = ctx.lines[j].strip()
        found = _match_number(text, c)
        return bool(found and found[0].role != "list" or c.column.match(text)
                    or c.note.match(text) or _content_end(ctx.lines[j], c) < len(ctx.lines[j])
                    or (not ctx.numbered and _is_bare_candidate(text, c)))

    @staticmethod
    def _continue_item(draft: ColumnDraft, text: str, c: Cues) -> None:
        item = draft.items[-1]
        item.title = _heading_shape(item.text, c, c.max_item_title)
        item.text = text.strip()


def _marker_number(system: ColumnItemSystem, m: re.Match, expected: int) -> int:
    """The number an item marker prints (a bullet: the next one, ``expected``)."""
    if system.value == "bullet":
        return expected
    value = m["v"]
    if system.value == "circled":
        return CIRCLED.index(value) + 1
    if system.value == "chinese":
        return _cn_to_int(value)
    return int(value)


def _split_items(line: str, start: int, end: int, c: Cues) -> Optional[tuple[int, list]]:
    """Item markers numbered 1, 2, 3 … (or bullets) in ``line[start:end]``.

    Returns (end of the head before item 1, [(item_no, item_start, item_end)]) using the
    item marker that gives the longest sequence; None when there is no item 1.
    """
    text = line[start:end]
    best: list[tuple[int, int]] = []
    for system in c.column_items:
        found: list[tuple[int, int]] = []
        expected = 1
        for m in system.pattern.finditer(text):
            if m.end() >= len(text.rstrip()):
                continue                                  # a marker with nothing after it
            number = _marker_number(system, m, expected)
            if number == expected:
                found.append((number, m.start()))
                expected += 1
        if len(found) > len(best):
            best = found
    if not best:
        return None
    items = []
    for k, (number, s) in enumerate(best):
        e = best[k + 1][1] if k + 1 < len(best) else len(text)
        s_abs, e_abs = _span(line, start + s, start + e)
        items.append((number, s_abs, e_abs))
    return start + best[0][1], items


def _leading_item(line: str, start: int, end: int, c: Cues, expected: int = 1
                  ) -> Optional[tuple[int, int, ColumnItemSystem]]:
    """(item_no, end of marker, marker system) when the line opens with an item marker
    (a bullet is item ``expected``)."""
    text = line[start:end]
    for system in c.column_items:
        m = system.pattern.match(text)
        if m and m.end() < len(text) and text[m.end():].strip():
            return _marker_number(system, m, expected), m.end(), system
    return None


def _after_category_cells(line: str, start: int, end: int, c: Cues) -> int:
    """Where the item of a table row starts: at its number cell when cells before it hold no
    number (重点项目	01	标题 正文: a category cell spanning several rows comes first)."""
    if _leading_item(line, start, end, c) is not None:
        return start
    at = line.find("\t", start, end)
    while at != -1:
        cell = _span(line, at + 1, end)[0]
        if _leading_item(line, cell, end, c) is not None:
            return cell
        at = line.find("\t", at + 1, end)
    return start


def _item(line: str, item_no: int, s: int, e: int, block: Block, c: Cues,
          cells: bool = False) -> ItemDraft:
    """The column item spanning ``line[s:e]``, offsets relative to the paragraph ``block``."""
    marker = _leading_item(line, s, e, c)
    rest = line[s:e][marker[1] if marker else 0:].strip()
    title: Optional[str] = None
    text = rest
    separator = "\t" if cells and "\t" in rest else None
    parts = rest.split(separator, 1) if rest else []
    colon = _colon_title(rest, c)
    runin = _runin_split(rest, c)
    if colon is not None and (separator is None or "\t" not in rest[:colon]):
        title, text = rest[:colon].strip(), rest[colon + 1:].strip()
    elif len(parts) == 2 and 0 < len(parts[0]) <= c.max_item_title \
            and not _has_sentence_punct(parts[0], c):
        title, text = parts[0].strip(), parts[1].strip()
    elif runin is not None and not any(ch.isspace() for ch in rest[:runin].strip()):
        title, text = rest[:runin].strip(), rest[runin + 1:].strip()    # 标题。正文
    return ItemDraft(item_no, title, text, block, s - block.start, e - block.start)


def _colon_title(text: str, c: Cues) -> Optional[int]:
    """Position of the colon after a short title with no space ("数字就业：建设…")."""
    k = _runin_split(text, c)
    if k is None or text[k] not in "：:" or any(ch.isspace() for ch in text[:k].strip()):
        return None
    return k


class NoteRule(Rule):
    name, priority = "note", 75

    def test(self, ctx, i):
        text = ctx.lines[i].strip()
        return bool(ctx.cues.note.match(text)) and len(text) <= ctx.cues.note_max_chars

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i], 0, _content_end(ctx.lines[i], ctx.cues))
        ctx.blocks.append(Block("note", i, start, end))
        return 1
