"""Indicator rows read from the table blocks: ``_build_indicators``.

Each table block becomes zero or more ``Indicator`` rows: header rows set the headers of
their table, category rows its current category, body rows are aligned with the header
cells (``_align_cells``, ``_column_roles``) to find number, name, unit, values and
attribute. What the rows read so far say about each table (headers, current category)
is its ``TableState``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from pipeline.chars import cn_to_int
from pipeline.dating import plan_start_year

from pipeline.model import Indicator
from pipeline.segment.context import Block, Context
from pipeline.segment.heading_cues import Cues
from pipeline.segment.tables import (
    IndicatorRow,
    _is_cumulative,
    _is_value,
    _name_unit,
    _number,
    classify_text_row,
    is_category_cell,
    pipe_cells,
)


@dataclass
class TableState:
    """What the rows read so far say about one table of the document."""

    headers: tuple[str, ...] = ()       # the cells of its header row
    category: Optional[str] = None      # the category of the rows that follow
    header_rows: bool = False           # a header row was read from cells (sub-headers follow)
    body_rows: bool = False             # a body row was read (no header row follows)


def _build_indicators(ctx: Context, table_nos: dict[int, int],
                      block_section: dict[int, Optional[str]]) -> list[Indicator]:
    c = ctx.cues
    doc_id = ctx.doc.doc_id
    out: list[Indicator] = []
    state: dict[int, TableState] = {}
    for b in ctx.blocks:
        if b.kind != "table":
            continue
        table_no = table_nos[id(b)]
        st = state.setdefault(table_no, TableState())
        text = ctx.lines[b.index][b.start:b.end]
        section_id = block_section.get(id(b))
        piped = pipe_cells(ctx.lines[b.index][b.start:], c)      # with its closing pipes
        if b.cell_line:                                 # one cell per line: read by cells.py
            if b.cell_headers:
                st.headers = b.cell_headers
            rows = [b.cell_row] if b.cell_row is not None else []
        elif piped is not None:
            rows = _cell_rows(piped, b, st, c)
        elif "\t" in text or b.table_no is not None:
            rows = _cell_rows([cell.strip() for cell in text.split("\t")], b, st, c)
        else:
            text = text.lstrip(" |｜")                 # residue pipes before a flattened row
            line_row = classify_text_row(text, c, st.headers)
            if line_row.kind == "header":
                st.headers = tuple(text.split())
                continue
            if line_row.kind == "category":             # a category row on its own line
                st.category = line_row.category
                continue
            if line_row.kind == "other" and is_category_cell(text, c):
                if st.headers:                          # before the header: a caption
                    st.category = text.strip()          # "信息基础设施" between TAB rows
                continue
            rows = []
            if line_row.kind == "cells":
                rows = _cell_rows(text.split(), b, st, c)   # space-separated cells
            heads = value_headers(st.headers, c)
            for row in line_row.rows:
                if row.category is not None:
                    st.category = row.category
                rows.append(replace(row, category=st.category,
                                    headers=row_headers(heads, len(row.values))))
        for row in rows:
            out.append(Indicator(
                doc_id, f"i{len(out) + 1:03d}", section_id, table_no, row.category,
                len(out) + 1, row.row_no, row.name, row.unit, row.headers,
                tuple(header_year(h) for h in row.headers), row.values,
                tuple(_number(v, c) for v in row.values),
                tuple(_is_cumulative(v, c) for v in row.values), row.attribute, b.index + 1))
    return out


HEADER_SPAN = re.compile(r"((?:19|20)\d{2})\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})")
HEADER_YEAR = re.compile(r"(?:19|20)\d{2}")
HEADER_PLAN_END = re.compile(r"十([一二三四五六七八九])五[”\"」]?(?:期?末|目标)")


def header_year(header: str) -> Optional[int]:
    """The year a column header names: the last year of a span, a year, the end of a 十X五.

    >>> [header_year(h) for h in ("2020年", "2021—2025年", "“十三五”末", "2025年目标", "目标值", "属性")]
    [2020, 2025, 2020, 2025, None, None]
    """
    span = HEADER_SPAN.search(header)
    if span:
        return int(span.group(2))
    year = HEADER_YEAR.search(header)
    if year:
        return int(year.group(0))
    plan = HEADER_PLAN_END.search(header)
    if plan:
        start = plan_start_year(10 + cn_to_int(plan.group(1)))
        return start + 4 if start else None
    return None


def _cell_rows(cells: list[str], b: Block, st: TableState, c: Cues) -> list[IndicatorRow]:
    """Indicator rows from the stripped cells of one table row: an HTML row, or a text row
    whose cells are separated by TAB, pipes or spaces."""
    headers = st.headers
    looks_header = not headers and any(
        c.header_name.search(cell) or c.header_attribute.search(cell)
        for cell in ("".join(cell.split()) for cell in cells)) \
        and not any(_number(cell, c) is not None for cell in cells)
    if st.header_rows and not st.body_rows and (b.is_header or _sub_header_row(cells, c)):
        merged = merge_header_rows(headers, tuple(cells), c)
        if merged is not None:                           # 规划目标 over 2015年 | 年均增长
            st.headers = merged
            return []
    if b.is_header or looks_header:
        if st.header_rows and len(cells) < len(headers):
            return []                                    # sub-header row: keep the first
        st.headers = tuple(cells)
        st.header_rows = True
        return []
    non_empty = [cell for cell in cells if cell]
    if not non_empty:
        return []
    if len(non_empty) == 1 and _number(non_empty[0], c) is None:
        m = c.category.match(non_empty[0].replace(" ", ""))
        if m or headers:                                 # before the header: a caption
            st.category = m["name"] if m else non_empty[0]
        return []
    if headers and not any(c.indicator_table.search("".join(h.split())) for h in headers):
        return []                                        # a project list, not indicators
    if not headers and not any(_number(cell, c) is not None for cell in cells):
        return []                                        # not an indicator table row
    cells, role, heads = _align_cells(cells, headers, c)
    row_no = name = unit = attribute = None
    values: list[str] = []
    value_heads: list[str] = []
    for cell, r, head in zip(cells, role, heads):
        if r == "category":
            if cell:
                m = c.category.match(cell.replace(" ", ""))
                st.category = m["name"] if m else cell
        elif r == "number":
            row_no = cell or None
        elif r == "name":
            name = cell
        elif r == "unit":
            unit = cell or None
        elif r == "attribute":
            attribute = cell or attribute            # empty: a 属性 read in a value column stays
        elif r == "value":
            if cell in c.attributes:
                attribute = cell
            elif name is None and not headers and _number(cell, c) is None and not _is_value(cell, c):
                m = c.row_number.match(cell)
                if m:
                    row_no, name = m["no"], m["rest"]
                else:
                    name = cell
            elif row_no is None and name is None and not headers and cell.isdigit():
                row_no = cell
            else:
                values.append(cell)
                value_heads.append(head)
    if not name:
        return []
    m = c.row_number.match(name)
    if m and row_no is None:
        row_no, name = m["no"], m["rest"]
    clean, unit_in_name = _name_unit(name, c)
    st.body_rows = True
    return [IndicatorRow(row_no, clean, unit or unit_in_name, tuple(values), attribute,
                         st.category, tuple(value_heads) if headers else ())]


def _sub_header_row(cells: list[str], c: Cues) -> bool:
    """A row of header cells under the header row: two cells or more, none a value, one a
    year or value header ("2015年 | 年均增长（%） | 2015年 | 年均增长（%）")."""
    filled = ["".join(cell.split()) for cell in cells if cell.strip()]
    return len(filled) >= 2 and not any(_is_value(cell, c) for cell in filled) \
        and any(c.header_year.match(cell) or c.header_value.search(cell) for cell in filled)


def merge_header_rows(upper: tuple[str, ...], lower: tuple[str, ...],
                      c: Cues) -> Optional[tuple[str, ...]]:
    """The header cells of a table with two header rows: each value cell of ``upper``
    spans an equal share of the ``lower`` cells, which take its text before theirs; the other
    cells of ``upper`` (指标, 单位, 属性) span both rows. None when the ``lower`` cells do not
    divide evenly among the value cells of ``upper``, or one of them heads a column of its
    own (指标, 序号, 单位, 属性: ``lower`` is a header row again, not a row under one).

    >>> merge_header_rows(("指　标", "规划目标", "实现情况"),
    ...                   ("2015年", "年均增长（%）", "2015年", "年均增长（%）"), CUES)
    ('指　标', '规划目标 2015年', '规划目标 年均增长（%）', '实现情况 2015年', '实现情况 年均增长（%）')
    """
    roles = _column_roles(upper, len(upper), c)
    spanning = [k for k, r in enumerate(roles) if r == "value" and upper[k].strip()]
    lower = tuple(cell.strip() for cell in lower if cell.strip())
    if not spanning or not lower or len(lower) % len(spanning):
        return None
    own = (c.header_name, c.header_category, c.header_number, c.header_unit, c.header_attribute)
    if any(rx.search("".join(cell.split())) for cell in lower for rx in own):
        return None
    share = len(lower) // len(spanning)
    merged: list[str] = []
    at = 0
    for k, head in enumerate(upper):
        if k in spanning:
            merged += [f"{head.strip()} {cell}" for cell in lower[at:at + share]]
            at += share
        else:
            merged.append(head)
    return tuple(merged)


def value_headers(headers: tuple[str, ...], c: Cues) -> tuple[str, ...]:
    """The header cells of the value columns, in order ("2020年", "2025年"): those that
    name no category, number, name, unit or attribute column (``_column_roles``)."""
    roles = _column_roles(headers, len(headers), c)
    return tuple(h for h, r in zip(headers, roles) if r == "value")


def row_headers(heads: tuple[str, ...], n_values: int) -> tuple[str, ...]:
    """Headers for a row of ``n_values`` values read in order under the value headers
    ``heads``, one per value: () when the table has no header row; "" for a value whose
    column is not known: every value of a row with fewer values than value columns (a cell
    was left out, and nothing says which), a value beyond the header row."""
    if not heads:
        return ()
    if n_values < len(heads):
        return ("",) * n_values
    return tuple(heads) + ("",) * (n_values - len(heads))


def _align_cells(cells: list[str], headers: tuple[str, ...],
                 c: Cues) -> tuple[list[str], list[str], list[str]]:
    """Cells of a body row, the role of each and the header over each ("" where none),
    against the header row.

    A row shorter than the header lost its first cells to row-spanning cells above
    (padded on the left), unless that would leave the name column empty while a value
    column receives text: then a cell was left out further right, and the row starts at
    the name column. A row longer than the header is aligned on the right when that puts
    a name in the name column: the header's first cell spans the extra cells on the left
    ("指标" over 类别 | 子类 | 名称), which are categories; otherwise the extra cells are
    values on the right.
    """
    heads = list(headers)
    if not headers or len(cells) == len(headers):
        return cells, _column_roles(headers, len(cells), c), heads + [""] * (len(cells) - len(heads))
    roles = _column_roles(headers, len(headers), c)
    if len(cells) > len(headers):
        extra = len(cells) - len(headers)
        right = ["category"] * extra + roles
        named = [cell for cell, r in zip(cells, right) if r == "name"]
        if named and named[0] and not _is_value(named[0], c) and named[0] not in c.attributes:
            return cells, right, [""] * extra + heads
        return cells, _column_roles(headers, len(cells), c), heads + [""] * extra   # extra cells on the right
    padded = [""] * (len(headers) - len(cells)) + cells
    name_at = roles.index("name") if "name" in roles else None
    text_in_values = any(r == "value" and cell and not _is_value(cell, c)
                         and cell not in c.attributes for cell, r in zip(padded, roles))
    if name_at is not None and padded[name_at] == "" and text_in_values \
            and name_at + len(cells) <= len(headers):
        shifted = [""] * name_at + cells
        unknown = [""] * len(headers)                   # which value columns it lacks is not known
        return shifted + [""] * (len(headers) - len(shifted)), roles, unknown
    return padded, roles, heads


def _column_roles(headers: tuple[str, ...], n: int, c: Cues) -> list[str]:
    """What each cell of a row holds, from the header cells (values when unknown)."""
    roles = []
    for k in range(n):
        h = "".join((headers[k] if k < len(headers) else "").split())    # 属　性 is 属性
        if not h:
            roles.append("value")
        elif c.header_category.search(h):
            roles.append("category")
        elif c.header_number.search(h):
            roles.append("number")
        elif c.header_attribute.search(h):
            roles.append("attribute")
        elif c.header_unit.search(h):
            roles.append("unit")
        elif c.header_name.search(h):
            roles.append("name")
        else:
            roles.append("value")
    if headers and "name" not in roles:
        for k, r in enumerate(roles):
            if r == "value":
                roles[k] = "name"
                break
    return roles
