"""The walk of an HTML page's content tree into blocks (for ``pipeline.html_blocks``).

``Collector(rules).walk(container, enter(Context(), container, rules))`` cuts the tree into
``Block`` s at block elements and ``<br>``, one text and ``LineHint`` each: headings,
emphasis (bold, a heading typeface, centred), data tables one row per block (cells joined by
TAB, ``table_row`` hints numbered per document), layout tables read as containers, and the
``METADATA_TAG`` elements left by the metadata-box pass as ``metadata`` blocks. Text-level
judgments (chrome text, metadata fields, block cleaning) are ``pipeline.html_text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator, Optional

from bs4.element import NavigableString, PreformattedString, Tag

from pipeline.chars import LINE_BREAK
from pipeline.html_chrome import ChromeRules
from pipeline.html_text import clean_block, is_chrome_text, metadata_fields
from pipeline.model import LineHint

METADATA_TAG = "planparse-metadata"    # stands in the tree for a metadata box, one <p> per kept field
METADATA_HINT = LineHint("metadata")
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "hgroup", "hr", "html", "li",
    "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", *HEADING_TAGS,
})
BOLD_TAGS = frozenset({"b", "strong"})
TABLE_PARTS = frozenset({"td", "th", "tr", "caption"})
TABLE_SECTIONS = TABLE_PARTS | {"tbody", "thead", "tfoot"}
SKIPPED_INLINE = frozenset({"img", "rt", "rp", "wbr"})
BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
NOT_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:normal|lighter|[1-5]00)", re.IGNORECASE)
FONT_FAMILY_RE = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)
ALIGN_STYLE_RE = re.compile(r"text-align\s*:\s*([a-z-]+)", re.IGNORECASE)
EMPHASIS_MAX_CHARS = 50        # a bold or centered block longer than this is body text


@dataclass(frozen=True)
class Context:
    """Layout state inherited by the elements inside a block."""

    heading: Optional[int] = None
    centered: bool = False
    bold: bool = False
    heading_font: bool = False     # set in a heading typeface (黑体, 楷体 …)
    pre: bool = False


@dataclass
class Block:
    text: str
    hint: Optional[LineHint]


class Collector:
    """Walks the content tree and cuts it into blocks at block elements and <br>.

    With ``drop_chrome``, blocks and table rows that are site chrome are left out (before
    tables are numbered, so a dropped metadata box does not take a table number).
    """

    def __init__(self, rules: ChromeRules, drop_chrome: bool = True) -> None:
        self.rules = rules
        self.drop_chrome = drop_chrome
        self.blocks: list[Block] = []
        self.buffer: list[tuple[str, bool]] = []     # (text, emphasized) pieces of the current block
        self.table_no = 0
        self.metadata: list[str] = []                # metadata blocks so far (a page may repeat its box)

    def walk(self, node: Tag, ctx: Context, skip_cells: bool = False) -> None:
        """Cut ``node``'s content into blocks; ``skip_cells`` leaves out cells and rows that
        unclosed ``<td>``/``<tr>`` tags nested inside this one (they are read on their own).

        Iterative (an explicit stack), layout tables included: sloppy pages nest unclosed
        tags, and tables in tables, thousands deep.
        """
        # frames: (children still to read, context, flush this context when done, skip cells)
        stack: list[tuple[Iterator, Context, bool, bool]] = [(iter(node.children), ctx, False, skip_cells)]
        while stack:
            children, ctx, is_block, skip = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if is_block:
                    self.flush(ctx)
            elif isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):
                    self._add_text(str(child), ctx)
            elif not isinstance(child, Tag) or child.name in SKIPPED_INLINE:
                continue
            elif skip and child.name in TABLE_PARTS:
                continue
            elif child.name == "br":
                self.flush(ctx)
            elif child.name == METADATA_TAG:
                self.flush(ctx)
                self._metadata(field.get_text() for field in child.find_all("p"))
            elif child.name == "table":
                self.flush(ctx)
                cells = self._table(child, ctx)
                if cells:      # a layout table: each cell a container, read in turn
                    stack += [(iter(cell.children), enter(ctx, cell, self.rules), True, True)
                              for cell in reversed(cells)]
            elif child.name in BLOCK_TAGS:
                self.flush(ctx)
                stack.append((iter(child.children), enter(ctx, child, self.rules), True, skip))
            else:
                stack.append((iter(child.children), _inline(ctx, child, self.rules), False, skip))

    def _add_text(self, text: str, ctx: Context) -> None:
        emphasized = ctx.bold or ctx.heading_font
        if not ctx.pre:
            self.buffer.append((text, emphasized))
            return
        for index, piece in enumerate(LINE_BREAK.split(text)):
            if index:
                self.flush(ctx)
            self.buffer.append((piece, emphasized))

    def flush(self, ctx: Context) -> None:
        if not self.buffer:
            return
        pieces, self.buffer = self.buffer, []
        text = clean_block("".join(piece for piece, _ in pieces))
        if not text or self._is_chrome(text):
            return
        emphasized = all(flag for piece, flag in pieces if piece.strip())
        self.blocks.append(Block(text, _block_hint(text, ctx, emphasized)))

    def _table(self, table: Tag, ctx: Context) -> list[Tag]:
        """Write a data table's rows; a layout table's cells (to be read as containers) are
        returned instead (nested tables, or a single column)."""
        own = own_parts(table)
        rows = [] if own.nested_table else table_rows(table, self.rules, own)
        if not is_data_table(rows, self.rules):
            return own.cells
        caption = table.find("caption")
        if caption is not None:
            inner = enter(ctx, caption, self.rules)
            self.walk(caption, inner)
            self.flush(inner)
        numbered = False
        in_thead = table.find_parent("thead") is not None
        for row, cells, texts in rows:
            fields = metadata_fields(" ".join(texts), self.rules) if self.drop_chrome and any(texts) else None
            if fields is not None:
                self._metadata(fields)                   # a metadata row takes no table number
                continue
            if not any(texts) or self._is_chrome("\t".join(texts)):
                continue
            if not numbered:
                self.table_no += 1
                numbered = True
            is_header = in_thead or id(row) in own.thead_rows or all(cell.name == "th" for cell in cells)
            hint = LineHint("table_row", table_no=self.table_no, is_header=is_header)
            self.blocks.append(Block("\t".join(texts), hint))

    def _metadata(self, fields) -> None:
        for text in fields:
            if text not in self.metadata:
                self.metadata.append(text)
                self.blocks.append(Block(text, METADATA_HINT))

    def _is_chrome(self, text: str) -> bool:
        return self.drop_chrome and is_chrome_text(text, self.rules)

def is_data_table(rows: list[tuple[Tag, list[Tag], list[str]]], rules: ChromeRules) -> bool:
    """A row with two non-empty cells, or a single column labelled as a box (专栏3 …)."""
    if any(sum(1 for text in texts if text) >= 2 for _, _, texts in rows):
        return True
    first = next((text for _, _, texts in rows for text in texts if text), "")
    return bool(rules.box_label_re.match(first))


@dataclass
class OwnParts:
    """The parts of a table that are its own, not those of the tables nested in it."""

    nested_table: bool              # it holds another table
    cells: list[Tag]                # td, th and caption, in document order
    rows: list[tuple[Tag, list[Tag]]]   # each tr with its td and th (also when </td> and </tr> are missing)
    thead_rows: set[int]            # ids of the rows inside its thead


def own_parts(table: Tag) -> OwnParts:
    """One pass over ``table`` that does not enter the tables nested in it (so the parts of
    all the tables of a page cost one pass over the page)."""
    own = OwnParts(False, [], [], set())
    row_cells: dict[int, list[Tag]] = {}
    # frames: (element, nearest row, inside a thead); children pushed reversed: document order
    stack = [(child, None, False) for child in reversed(list(table.children)) if isinstance(child, Tag)]
    while stack:
        element, row, in_thead = stack.pop()
        if element.name == "table":
            own.nested_table = True
            continue
        if element.name == "tr":
            row = element
            row_cells[id(row)] = []
            own.rows.append((row, row_cells[id(row)]))
            if in_thead:
                own.thead_rows.add(id(row))
        elif element.name in ("td", "th", "caption"):
            own.cells.append(element)
            if element.name != "caption" and row is not None:
                row_cells[id(row)].append(element)
        in_thead = in_thead or element.name == "thead"
        stack += [(child, row, in_thead) for child in reversed(list(element.children)) if isinstance(child, Tag)]
    return own


def table_rows(table: Tag, rules: ChromeRules,
               own: OwnParts | None = None) -> list[tuple[Tag, list[Tag], list[str]]]:
    """(row, cells, cell texts) of the table's own rows, also when </td> and </tr> are missing."""
    own = own or own_parts(table)
    return [(row, cells, [_cell_text(cell, rules) for cell in cells]) for row, cells in own.rows]


def _cell_text(cell: Tag, rules: ChromeRules) -> str:
    """A cell's text on one line (its paragraphs joined by a space); nested cells excluded."""
    collector = Collector(rules, drop_chrome=False)
    ctx = enter(Context(), cell, rules)
    collector.walk(cell, ctx, skip_cells=True)
    collector.flush(ctx)
    return " ".join(block.text.replace("\t", " ") for block in collector.blocks)


def enter(ctx: Context, tag: Tag, rules: ChromeRules) -> Context:
    """Context inside block element ``tag``."""
    style = tag.get("style") or ""
    align = (tag.get("align") or "").strip().lower()
    style_align = ALIGN_STYLE_RE.search(style)
    if style_align:
        align = style_align.group(1).lower()
    centered = ctx.centered if not align else align == "center"
    if tag.name == "center":
        centered = True
    return Context(
        heading=HEADING_TAGS.get(tag.name, ctx.heading),
        centered=centered,
        bold=_bold(ctx.bold, tag, style),
        heading_font=_heading_font(ctx.heading_font, tag, style, rules),
        pre=ctx.pre or tag.name == "pre",
    )


def _inline(ctx: Context, tag: Tag, rules: ChromeRules) -> Context:
    style = tag.get("style") or ""
    bold = _bold(ctx.bold, tag, style)
    heading_font = _heading_font(ctx.heading_font, tag, style, rules)
    if (bold, heading_font) == (ctx.bold, ctx.heading_font):
        return ctx
    return replace(ctx, bold=bold, heading_font=heading_font)


def _bold(inherited: bool, tag: Tag, style: str) -> bool:
    if tag.name in BOLD_TAGS or BOLD_STYLE_RE.search(style):
        return True
    if NOT_BOLD_STYLE_RE.search(style):
        return False
    return inherited


def _heading_font(inherited: bool, tag: Tag, style: str, rules: ChromeRules) -> bool:
    """Set in a heading typeface (lexicon ``[emphasis] fonts``); the nearest declaration wins."""
    font = FONT_FAMILY_RE.search(style)
    face = font.group(1) if font else tag.get("face") if tag.name == "font" else None
    if not face:
        return inherited
    return bool(rules.emphasis_font_re.search(face))


def _block_hint(text: str, ctx: Context, emphasized: bool) -> Optional[LineHint]:
    if ctx.heading is not None:
        return LineHint("heading", level=ctx.heading)
    if len(text) <= EMPHASIS_MAX_CHARS and (emphasized or ctx.centered):
        return LineHint("emphasis")
    return None
