"""Indicator tables on lines: which lines are table rows, and how a text row reads.

Rules ``HtmlTableRowRule``, ``ResidueRule`` and ``TextTableRowRule`` (flattened
"1.名称 值 值" lines, TAB cells, cells between pipes, space-separated cells under a
header line, a category row "一、参保覆盖" alone between rows). Cell splitting
(``pipe_cells``, ``table_cells``), header detection (``is_header_line``,
``_indicator_header``), ``parse_indicator_line`` and the cell tests (values, numbers,
units) used again when ``indicators`` reads the rows.

A row travels as an ``IndicatorRow``. ``classify_text_row`` says what a plain-text table
line holds (header, category, rows, space-separated cells); ``TextTableRowRule.test``
and ``indicators._build_indicators`` both ask it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.segment.context import Block, Context, _next_nonblank, _span
from pipeline.segment.heading_cues import Cues
from pipeline.segment.numbering import _content_end
from pipeline.segment.rule import Rule


BRACKETED_TAIL = re.compile(r"(?:\s*[(（][^()（）]*[)）])*\s*")


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator row read from a table line, before it is numbered (``Indicator``)."""

    row_no: Optional[str]           # 序号 as printed
    name: str
    unit: Optional[str]
    values: tuple[str, ...]         # as printed, one per value column
    attribute: Optional[str]        # 预期性 | 约束性
    category: Optional[str]         # the category row the row stands under
    headers: tuple[str, ...] = ()   # header of each value column, one per value (() when none)


@dataclass(frozen=True)
class TextRow:
    """What a line of a plain-text table holds (``classify_text_row``)."""

    kind: str                               # header | category | rows | cells | other
    category: Optional[str] = None          # kind category: the name it gives
    rows: tuple[IndicatorRow, ...] = ()     # kind rows: the rows printed on the line


def classify_text_row(text: str, c: Cues, headers: tuple[str, ...] = ()) -> TextRow:
    """Classify a stripped line of a plain-text table (no TAB, no pipe cells).

    ``header``: a flattened header row ("指标 2020年 2025年 属性"); ``category``: a
    category row alone ("一、参保覆盖"); ``rows``: numbered rows with their values
    (``parse_indicator_line``); ``cells``: space-separated cells, as many as ``headers``
    (the header cells of the table, when known); ``other``: none of these.

    >>> classify_text_row("一、参保覆盖", CUES)
    TextRow(kind='category', category='参保覆盖', rows=())
    >>> classify_text_row("指标 2020年 2025年 属性", CUES).kind
    'header'
    """
    if is_header_line(text, c):
        return TextRow("header")
    alone = c.category.match(text)
    if alone:
        return TextRow("category", category=alone["name"])
    parsed = parse_indicator_line(text, c)
    if parsed is not None:
        return TextRow("rows", rows=tuple(parsed))
    if headers and len(text.split()) == len(headers):
        return TextRow("cells")
    return TextRow("other")


class HtmlTableRowRule(Rule):
    name, priority = "html_table_row", 90

    def test(self, ctx, i):
        hint = ctx.hint(i)
        return hint is not None and hint.kind == "table_row"

    def run(self, ctx, i):
        hint = ctx.hint(i)
        line = ctx.lines[i]
        if ctx.cues.residue.match(line):
            ctx.blocks.append(Block("residue", i, table_no=hint.table_no))
            return 1
        start, end = _span(line)
        ctx.blocks.append(Block("table", i, start, end, table_no=hint.table_no,
                                is_header=hint.is_header))
        return 1


class ResidueRule(Rule):
    name, priority = "residue", 85

    def test(self, ctx, i):
        return bool(ctx.cues.residue.match(ctx.lines[i]))

    def run(self, ctx, i):
        ctx.blocks.append(Block("residue", i))
        return 1


class TextTableRowRule(Rule):
    """A flattened indicator row: content followed by residue pipes, or numbered
    names followed by printed values."""

    name, priority = "text_table_row", 70

    def test(self, ctx, i):
        c = ctx.cues
        line = ctx.lines[i]
        content_end = _content_end(line, c)
        content = line[:content_end].strip()
        if not content:
            return False
        if content_end < len(line) or _is_tab_row(content, c):
            return True
        row = classify_text_row(content, c)
        if row.kind == "header":
            return True
        if _in_text_table(ctx) and ((row.kind == "category" or row.kind == "other"
                                     and is_category_cell(content, c)) and _rows_follow(ctx, i)
                                    or _space_row(ctx, content)):
            return True
        rows = row.rows
        return row.kind == "rows" and _has_values(rows) and (
            rows[0].category is not None or len(rows) >= 2 or len(rows[0].values) >= 2)

    def run(self, ctx, i):
        line = ctx.lines[i]
        start, end = _span(line, 0, _content_end(line, ctx.cues))
        ctx.blocks.append(Block("table", i, start, end))
        return 1


def _in_text_table(ctx: Context) -> bool:
    """The last block is a row of a plain-text table."""
    return bool(ctx.blocks) and ctx.blocks[-1].kind == "table" and ctx.blocks[-1].table_no is None


def _rows_follow(ctx: Context, i: int) -> bool:
    """The next non-blank line after line ``i`` is residue, numbered indicator rows with
    printed values, or a row of TAB or pipe cells with a printed value after its first cell:
    a category row alone on line ``i`` ("一、参保覆盖", "信息基础设施") between rows of a
    text table is then no heading.

    The next line is parsed, not classified: a numbered line of header words ("1.指标
    2020年 2025年") counts as rows here, as it always has.
    """
    c = ctx.cues
    j = _next_nonblank(ctx.lines, i + 1)
    if j is None:
        return False
    if c.residue.match(ctx.lines[j]):
        return True
    content = ctx.lines[j][:_content_end(ctx.lines[j], c)].strip()
    if _is_tab_row(content, c) and any(_is_value(cell, c) for cell in table_cells(content, c)[1:]):
        return True                                 # a body row of TAB or pipe cells
    rows = parse_indicator_line(content, c)
    return bool(rows) and _has_values(rows)


def _has_values(rows) -> bool:
    """Every row has printed values."""
    return all(row.values for row in rows)


def _space_header(ctx: Context) -> Optional[list[str]]:
    """Tokens of the space-separated header line of the text table that the last blocks
    belong to ("序号 指标 单位 2020年 2025年 属性"), None when it has none."""
    c = ctx.cues
    for b in reversed(ctx.blocks):
        if b.kind != "table" or b.table_no is not None:
            return None
        text = ctx.lines[b.index][b.start:b.end]
        if is_header_line(text, c):
            return text.split()
    return None


def _space_row(ctx: Context, content: str) -> bool:
    """A row of a space-separated table under a header line: as many tokens as the
    header, at least one of them a value ("1 学前教育毛入园率 % 90.2 >92 预期性")."""
    header = _space_header(ctx)
    tokens = content.split()
    return header is not None and len(tokens) == len(header) \
        and any(_is_value(t, ctx.cues) for t in tokens[1:])


def _indicator_header(line: str, c: Cues) -> bool:
    """A table row of header words naming an indicator table (指标 / 2020年 / 属性), no
    numbers: "领域\t序号\t主要指标\t单位\t2020年\t2025年\t指标性质"."""
    cells = [_squeeze(cell) for cell in table_cells(line, c) if cell]
    return len(cells) >= 3 and sum(1 for cell in cells if c.indicator_table.search(cell)) >= 2 \
        and not any(_number(cell, c) is not None for cell in cells)


def parse_indicator_line(content: str, c: Cues) -> Optional[list[IndicatorRow]]:
    """Rows of a flattened table line ("1.名称(单位) 值 值 属性 2.名称 …").

    ``category`` is the category row printed before the row on this line ("一、人才队伍
    建设"), None when the line names none. None when the line is not made of rows.

    >>> [row] = parse_indicator_line("一、人才队伍建设 1.人才资源总量(万人) 1075 1400 1400", CUES)
    >>> row.row_no, row.name, row.unit, row.values, row.attribute, row.category
    ('1', '人才资源总量', '万人', ('1075', '1400', '1400'), None, '人才队伍建设')
    """
    tokens = content.split()
    rows: list[IndicatorRow] = []
    category = None
    k = 0
    while k < len(tokens):
        if _category_at(tokens, k, c):
            category = c.category.match(tokens[k])["name"]
            k += 1
            continue
        m = c.row_number.match(tokens[k])
        if not m:
            return None
        name_parts = [m["rest"]]
        k += 1
        while k < len(tokens) and not _is_value(tokens[k], c) \
                and tokens[k] not in c.attributes and not c.row_number.match(tokens[k]) \
                and not _category_at(tokens, k, c):
            name_parts.append(tokens[k])
            k += 1
        values: list[str] = []
        attribute = None
        while k < len(tokens) and not c.row_number.match(tokens[k]) \
                and not _category_at(tokens, k, c):
            if tokens[k] in c.attributes:
                attribute = tokens[k]
            else:
                values.append(tokens[k])
            k += 1
        name, unit = _name_unit(" ".join(name_parts), c)
        rows.append(IndicatorRow(m["no"], name, unit, tuple(values), attribute, category))
    return rows or None


def _is_tab_row(content: str, c: Cues) -> bool:
    """A table row in a text document: cells between pipes (``pipe_cells``), or three
    TAB-separated cells or more, one of them a header word (spaces inside it aside: 指　标),
    a year or value header (2015年, 年均增长（%）) or a number."""
    if pipe_cells(content, c) is not None:
        return True
    cells = [_squeeze(cell) for cell in content.split("\t")]
    return len(cells) >= 3 and any(
        c.header_name.search(cell) or c.header_year.match(cell) or c.header_value.search(cell)
        or _number(cell, c) is not None for cell in cells)


def _squeeze(text: str) -> str:
    """``text`` without white space: 指　标 is 指标."""
    return "".join(text.split())


def is_category_cell(text: str, c: Cues) -> bool:
    """A line that can be a category row of a table standing alone between its rows
    ("信息基础设施", "一、参保覆盖"): one short cell (at most ``bare.max_chars``), no TAB or
    space inside, no sentence mark, no value, no row number.

    >>> is_category_cell("信息基础设施", CUES), is_category_cell("2.信息产业收入规模", CUES)
    (True, False)
    """
    t = text.strip()
    return 0 < len(t) <= c.bare_max_chars and len(t.split()) == 1 \
        and not any(ch in c.sentence_punct for ch in t) and not _is_value(t, c) \
        and _number(t, c) is None and not c.row_number.match(t)


def table_cells(text: str, c: Cues) -> list[str]:
    """The cells of a table row, stripped: written between pipes (``pipe_cells``) or
    separated by TAB (HTML tables, copies from a word processor).

    >>> table_cells("| 1 | 城镇新增就业 | 万人 | 〔760〕 | |", CUES)
    ['1', '城镇新增就业', '万人', '〔760〕', '']
    >>> table_cells("指标\\t2020年\\t2025年", CUES)
    ['指标', '2020年', '2025年']
    """
    cells = pipe_cells(text, c)
    return cells if cells is not None else [cell.strip() for cell in text.split("\t")]


def pipe_cells(line: str, c: Cues) -> Optional[list[str]]:
    """The cells of a row written between pipes (text converted from Markdown or a word
    processor, lexicon ``pipe_row``), empty ones kept in place; None when the line is no such
    row: it has no TAB, and two cells with text, or a single one that names a category
    ("| 一、经济发展 | | |"). Give the whole line: its closing pipes delimit empty cells.

    >>> pipe_cells("| 2 | 城镇调查失业率 | % | 4.6 | <5.5 | |", CUES)
    ['2', '城镇调查失业率', '%', '4.6', '<5.5', '']
    >>> pipe_cells("| | | 1.人才资源总量(万人) 1075 1400 1400 | |", CUES) is None
    True
    """
    if "\t" in line or not c.pipe_row.match(line):
        return None
    cells = [cell.strip() for cell in re.split("[|｜]", line.strip())[1:]]
    if cells and not cells[-1]:
        cells.pop()                             # after the closing pipe
    filled = [cell for cell in cells if cell]
    if len(filled) >= 2 or (len(filled) == 1 and c.category.match(filled[0].replace(" ", ""))):
        return cells
    return None


def _category_at(tokens: list[str], k: int, c: Cues) -> bool:
    """A category token ("一、经济发展") directly followed by a numbered row."""
    return bool(c.category.match(tokens[k])) and k + 1 < len(tokens) \
        and bool(c.row_number.match(tokens[k + 1]))


def is_header_line(content: str, c: Cues) -> bool:
    """A flattened header row: 指标 2020年 2025年 属性.

    >>> is_header_line("指标 2020年 2025年 属性", CUES)
    True
    """
    tokens = content.split()
    return len(tokens) >= 3 and any(c.header_name.search(t) for t in tokens) \
        and sum(1 for t in tokens if c.header_year.match(t)) >= 1 \
        and not any(_number(t, c) is not None for t in tokens)


def _is_value(token: str, c: Cues) -> bool:
    return bool(c.value.match(token))


def _name_unit(name: str, c: Cues) -> tuple[str, Optional[str]]:
    """Split the unit in parentheses ending an indicator name: 人才资源总量(万人) → 万人.

    The unit may be followed by a remark in brackets (总量(万人)(含…)); brackets inside
    the name are part of it: 每千人口执业（助理）医师数.
    """
    name = name.strip()
    m = next((m for m in c.unit.finditer(name) if BRACKETED_TAIL.fullmatch(name[m.end():])), None)
    if not m:
        return name, None
    return (name[:m.start()] + name[m.end():]).strip(), m["unit"]


def _number(value: str, c: Cues) -> Optional[float]:
    m = c.number.match(value.strip())
    return float(m["num"]) if m else None


def _is_cumulative(value: str, c: Cues) -> bool:
    return value.strip()[:1] in c.cumulative_open if value.strip() else False
