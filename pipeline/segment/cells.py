"""Indicator tables printed one cell per line, as copying a table from a web page or Word
gives them: ``CellLinesRule``.

    指  标 / 2020年 / 2025年 / 属性                         the header block, one cell a line
    一、经济发展                                           a category line (optional)
    1.人均预期寿命(岁) / 78.3 / 79 / 预期性                 a row: its cells, one a line

The table is recognised from its header block (lexicon ``[indicator]``: at least
``cell_header_min`` header cells of at most ``cell_header_max_chars`` characters, one a name
header ``header_name``, one a value header ``header_year`` / ``header_value``); the roles of
its columns come from the header cells (``indicators._column_roles``). Each row is then its
cells in column order; a row spanning cell (类别) printed once stands before the first row
of its group. With a 属性 column each row ends at its attribute, and cells before the name
beyond the columns are categories (a header 指标 spanning 类别 | 子类 | 名称). Without one,
a row is [number] name [unit] and as many value lines as there are value columns, fewer
when the next row starts early (numbered ``1.`` names, a 序号 column).

A row with fewer value cells than value columns is kept with what it has: its values are
read as the first value columns (``indicators.row_headers``), as the HTML path reads a row one
cell short. A table with no header block is read only when its rows are numbered (``1.名称``)
and each has the same number (two at least) of printed values (``value``), at least two
rows: then ``headers`` stays empty.

Every line read becomes a ``table`` block; the row's ``IndicatorRow`` rides on the block of
its name line (``Block.cell_row``), the header cells on the first header line.
"""
from __future__ import annotations

from typing import Optional

from pipeline.segment.context import Block, Context, _span
from pipeline.segment.heading_cues import Cues
from pipeline.segment.numbering import _match_number
from pipeline.segment.rule import Rule
from pipeline.segment.tables import IndicatorRow, _is_value, _name_unit, _number, is_category_cell


MAX_TABLE_LINES = 2000                # lines looked at from a table's first line


class CellLinesRule(Rule):
    name, priority = "cell_lines", 72

    def __init__(self) -> None:
        self._last = None                               # (ctx, i, table) read by test

    def test(self, ctx, i):
        table = read_cell_table(ctx, i)
        self._last = (ctx, i, table)
        return table is not None

    def run(self, ctx, i):
        last_ctx, last_i, table = self._last or (None, None, None)
        if last_ctx is not ctx or last_i != i:
            table = read_cell_table(ctx, i)
        self._last = None
        headers, header_lines, rows = table
        for n, j in enumerate(header_lines):
            start, end = _span(ctx.lines[j])
            ctx.blocks.append(Block("table", j, start, end, is_header=True, cell_line=True,
                                    cell_headers=headers if n == 0 else ()))
        last = header_lines[-1] if header_lines else i
        for lines, name_at, row in rows:
            for j in lines:
                start, end = _span(ctx.lines[j])
                ctx.blocks.append(Block("table", j, start, end, cell_line=True,
                                        cell_row=row if j == name_at else None))
                last = j
        return last - i + 1


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _hinted(ctx: Context, j: int) -> bool:
    return ctx.hint(j) is not None


def _value_header(cell: str, c: Cues) -> bool:
    return bool(c.header_year.match(cell) or c.header_value.search(cell))


def _header_cell(line: str, c: Cues) -> bool:
    """A line that is one header cell: short, no number, a header word (指标, 2020年, 属性…)."""
    t = _squeeze(line)
    return 0 < len(t) <= c.cell_header_max_chars and not any(ch in c.cell_not_in for ch in t) \
        and _number(t, c) is None and not _is_value(t, c) and not c.row_number.match(t) \
        and t not in c.attributes and (_value_header(t, c) or not any(ch.isdigit() for ch in t)) \
        and bool(c.header_name.search(t) or c.header_category.search(t) or c.header_number.search(t)
                 or c.header_unit.search(t) or c.header_attribute.search(t) or _value_header(t, c))


def _cell(line: str, c: Cues, numbered: bool = False) -> bool:
    """A line that can be one body cell: short, no sentence mark, no heading number (unless
    ``numbered``: a category cell "（一）水安全保障" in a row that ends at its 属性)."""
    t = line.strip()
    if not t or len(t) > c.cell_max_chars or any(ch in c.cell_not_in for ch in t):
        return False
    if numbered:
        return True
    found = _match_number(t, c)
    return not (found and found[0].role in ("heading", "article") and not c.category.match(_squeeze(t)))


def _lines_from(ctx: Context, j: int) -> list[int]:
    """Indices of the non-blank, unhinted lines from ``j`` on (blank lines may stand between
    cells), up to the first hinted line."""
    out = []
    for k in range(j, min(len(ctx.lines), j + MAX_TABLE_LINES)):
        if _hinted(ctx, k):
            break
        if ctx.lines[k].strip():
            out.append(k)
    return out


def read_cell_table(ctx: Context, i: int):
    """(header cells, header line indices, [(row line indices, name line, IndicatorRow)]) of
    the one-cell-per-line table starting at line ``i``, None when none starts there."""
    c = ctx.cues
    first = ctx.lines[i].strip()
    if _hinted(ctx, i) or not first or not (
            _header_cell(first, c) or c.category.match(_squeeze(first)) or c.row_number.match(first)):
        return None
    lines = _lines_from(ctx, i)
    header_lines: list[int] = []
    for j in lines:
        if not _header_cell(ctx.lines[j], c):
            break
        header_lines.append(j)
    cells = tuple(_squeeze(ctx.lines[j]) for j in header_lines)
    if len(cells) >= c.cell_header_min and any(c.header_name.search(h) for h in cells) \
            and any(_value_header(h, c) for h in cells) \
            and not _value_header(cells[0], c):
        headers = tuple(ctx.lines[j].strip() for j in header_lines)
        cells, headers = two_row_header(cells, c) or cells, two_row_header(headers, c) or headers
        rows = _read_rows(ctx, lines[len(header_lines):], cells)
        return (headers, header_lines, rows) if rows else None
    if header_lines:
        return None
    rows = _read_bare_rows(ctx, lines)
    return ((), [], rows) if rows else None


def two_row_header(cells: tuple[str, ...], c: Cues) -> Optional[tuple[str, ...]]:
    """The header cells of a header block that holds two header rows, one after the other:
    the upper row's cells up to the first year header, each value cell of it spanning an
    equal share of the lower row, whose cells repeat once per spanning cell
    (指标 / 规划目标 / 实现情况 / 2015年 / 年均增长（%） / 2015年 / 年均增长（%）:
    ``indicators.merge_header_rows``). None when the block is one header row.

    >>> two_row_header(("指标", "规划目标", "实现情况", "2015年", "年均增长", "2015年", "年均增长"), CUES)
    ('指标', '规划目标 2015年', '规划目标 年均增长', '实现情况 2015年', '实现情况 年均增长')
    >>> two_row_header(("指标", "现状值", "2020年", "2025年"), CUES) is None
    True
    """
    from pipeline.segment.indicators import _column_roles, merge_header_rows
    split = next((k for k, h in enumerate(cells) if c.header_year.match(_squeeze(h))), None)
    if not split:
        return None
    upper, lower = cells[:split], cells[split:]
    spanning = sum(1 for r in _column_roles(upper, len(upper), c) if r == "value")
    if spanning < 2 or len(lower) % spanning:
        return None
    share = len(lower) // spanning
    if tuple(map(_squeeze, lower)) != tuple(map(_squeeze, lower[:share])) * spanning:
        return None
    return merge_header_rows(upper, lower, c)


def _category_line(text: dict[int, str], lines: list[int], pos: int, c: Cues) -> bool:
    """The line at ``pos`` is a category row: "一、经济发展", or a short cell of no number
    ("信息基础设施", ``tables.is_category_cell``) right before a numbered name (``1.名称``),
    which no row of values can be."""
    t = text[lines[pos]]
    if not _cell(t, c):
        return False
    if c.category.match(_squeeze(t)):
        return True
    return is_category_cell(t, c) and pos + 1 < len(lines) \
        and bool(c.row_number.match(text[lines[pos + 1]]))


def _read_rows(ctx: Context, lines: list[int], header: tuple[str, ...]):
    from pipeline.segment.indicators import _column_roles, row_headers
    c = ctx.cues
    roles = _column_roles(header, len(header), c)
    heads = tuple(h for h, r in zip(header, roles) if r == "value")
    k = len(heads)
    has = {r: r in roles for r in ("category", "number", "unit", "attribute")}
    width = has["number"] + 1 + has["unit"] + k           # cells of a row, categories aside
    text = {j: ctx.lines[j].strip() for j in lines}
    rows = []
    category: Optional[str] = None
    at = 0
    while at < len(lines):
        group: list[int] = []
        if has["attribute"]:                            # a row ends at its 属性
            for j in lines[at:at + width + 4]:
                if not _cell(text[j], c, numbered=True):
                    break
                group.append(j)
                if _squeeze(text[j]) in c.attributes:
                    break
            if not group or _squeeze(text[group[-1]]) not in c.attributes:
                break
            body = group[:-1]
            attribute = _squeeze(text[group[-1]])
            lead = max(0, len(body) - width)
            cats, body = body[:lead], body[lead:]
            if not cats and body and c.category.match(_squeeze(text[body[0]])) \
                    and len(body) > 1 + has["number"]:
                cats, body = body[:1], body[1:]
        else:
            attribute = None
            cats, body, pos = [], [], at
            while pos < len(lines) and _category_line(text, lines, pos, c) \
                    and not _row_start(text[lines[pos]], c, has):
                cats.append(lines[pos])
                pos += 1
            if has["category"] and pos + 1 < len(lines) and not cats \
                    and not _row_start(text[lines[pos]], c, has) \
                    and _row_start(text[lines[pos + 1]], c, has):
                cats.append(lines[pos])
                pos += 1
            n_before = has["number"] + 1 + has["unit"]
            while pos < len(lines) and len(body) < width and _cell(text[lines[pos]], c) \
                    and not (len(body) >= n_before and _row_start(text[lines[pos]], c, has)) \
                    and not (len(body) >= n_before and c.category.match(_squeeze(text[lines[pos]]))):
                body.append(lines[pos])
                pos += 1
            group = cats + body
        row = _row(ctx, [text[j] for j in body], has, k, attribute)
        if row is None:
            break
        for j in cats:
            m = c.category.match(_squeeze(text[j]))
            category = m["name"] if m else text[j]
        row_no, name, unit, values = row
        name_at = body[has["number"] if row_no is not None and has["number"] else 0]
        rows.append((group, name_at, IndicatorRow(row_no, name, unit, values, attribute,
                                                  category, row_headers(heads, len(values)))))
        at += len(group)
    return rows


def _row_start(t: str, c: Cues, has: dict) -> bool:
    return bool(c.row_number.match(t)) or has["number"] and t.isdigit() and len(t) <= 3


def _row(ctx: Context, cells: list[str], has: dict, k: int, attribute: Optional[str]):
    """(row_no, name, unit, values) from the cells of a row in column order, None when they
    make no row (no name, or no value and no attribute)."""
    c = ctx.cues
    cells = list(cells)
    row_no = None
    if has["number"] and cells and cells[0].isdigit() and len(cells[0]) <= 3:
        row_no = cells.pop(0)
    if not cells:
        return None
    name = cells.pop(0)
    if _is_value(name, c) or _squeeze(name) in c.attributes:
        return None
    m = c.row_number.match(name)
    if m and row_no is None:
        row_no, name = m["no"], m["rest"]
    unit = None
    if has["unit"] and len(cells) > k:
        unit = cells.pop(0)
        if _is_value(unit, c) and _number(unit, c) is None:
            unit = None                                  # a dash in the unit column
    values = tuple(cells[:k])
    if not values and attribute is None or any(_squeeze(v) in c.attributes for v in values):
        return None
    if attribute is None and len(values) < k and not any(_is_value(v, c) for v in values):
        return None
    clean, unit_in_name = _name_unit(name, c)
    return row_no, clean, unit or unit_in_name, values


def _read_bare_rows(ctx: Context, lines: list[int]):
    """Rows without a header block: numbered names (``1.名称(单位)``), each followed by the
    same number (two at least) of printed values, category lines between them."""
    c = ctx.cues
    text = {j: ctx.lines[j].strip() for j in lines}
    rows = []
    category: Optional[str] = None
    width: Optional[int] = None
    at = 0
    while at < len(lines):
        group, cats = [], []
        pos = at
        while pos < len(lines) and _category_line(text, lines, pos, c):
            cats.append(lines[pos])
            pos += 1
        if pos >= len(lines):
            break
        name_line = ctx.lines[lines[pos]].strip()
        m = c.row_number.match(name_line)
        if not m or not _cell(name_line, c) or _is_value(name_line, c):
            break
        values = []
        q = pos + 1
        while q < len(lines) and _is_value(ctx.lines[lines[q]].strip(), c) \
                and (width is None or len(values) < width):
            values.append(ctx.lines[lines[q]].strip())
            q += 1
        if len(values) < 2 or width is not None and len(values) != width:
            break
        width = len(values)
        for j in cats:
            cat = c.category.match(_squeeze(text[j]))
            category = cat["name"] if cat else text[j]
        group = lines[at:q]
        name, unit = _name_unit(m["rest"], c)
        rows.append((group, lines[pos], IndicatorRow(m["no"], name, unit, tuple(values), None,
                                                    category)))
        at = q
    return rows if len(rows) >= 2 else []
