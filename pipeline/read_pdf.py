"""A PDF with a text layer → blocks and hints, as ``html_blocks`` gives them for a page
(docs/ARCHITECTURE.md, "Contract between ingest and segment").

``pdf_to_blocks(data, path) -> Blocks``.

The library is pypdfium2 (PDFium, the PDF engine of Chromium, as a wheel with the binary
inside: nothing is downloaded at run time), chosen over pdfplumber (pdfminer.six) on both
counts the issue names, measured on the 15- and 18-page fixture plans (tests/fixtures/formats;
pdfplumber 0.11.10, pdfminer.six 20260107, pypdfium2 5.15.2):

* CJK fidelity: from the fpdf2 PDF (an embedded OpenType/CFF CID font with a ToUnicode map,
  as modern typesetting writes) pdfminer.six extracts no character at all; PDFium every one.
  From the LibreOffice PDF both get the text. PDFium also reports the characters it could not
  map (``FPDFText_HasUnicodeMapError``), which the garbage check below needs;
* speed: pdfplumber's ``extract_text`` alone takes 60 ms a page of the LibreOffice PDF; this
  module, reading every character's box, size and font and the ruled lines and building the
  blocks, 20 ms (``make bench``: a 100-page plan in about 1 s).

What is read:

* characters with their loose boxes, sizes, weights and fonts; lines are characters on one
  baseline, in x order; PDFium's generated characters (spaces and line breaks it guessed)
  are left out, and no space is ever put between Chinese characters;
* page furniture: a line that is first or last on its page and is a page number (``— 3 —``,
  ``- 3 -``, ``第3页``, ``第3页 共12页``, ``3``), or whose text (digits aside) is first or last
  on at least half of the pages (running headers and footers), is dropped;
* ruled tables: horizontal and vertical rules that touch form a grid; a cell is the area
  between rules, merged where a rule is missing (a category cell spanning rows keeps its
  text in its first row and is an empty cell below, as plain-text tables print it; a cell
  spanning columns is one cell); one block per row, cells joined by TAB,
  ``LineHint("table_row", table_no, is_header)`` (the first row of a table is its header). A
  table that goes on at the top of the next page keeps its number, and the header row
  printed again there is dropped, and a row the page break split is joined again. A grid of
  one cell is a box (a 专栏): its lines are read
  as paragraphs of their own, without hints, as a plain-text copy prints them;
* tables with horizontal rules only (三线表): columns where no line of the table has a
  character, a row a line, wrapped cell text joined (a merged category cell stays on the
  line it is printed on, usually the middle of its rows);
* paragraphs: the hard-wrapped lines of official layout are joined back. A line starts a
  paragraph when it is indented (two characters), set in another size, weight or face,
  centred, or the first in a box or after a table; a line ends one when it ends short of
  the right margin by more than the first word of the next line would have needed. Lines
  are joined without a space (with one only between two Latin letters);
* a short block set larger than the body text, in bold, in another face than the body's, or
  centred gets ``LineHint("emphasis")`` (a heading candidate, as bold or centred HTML):
  sizes are not turned into heading levels — numbering gives those.

Refused, with one line naming the file (a ``problems`` row in a build): a PDF that needs a
password to open (one with only an owner password, restricting copying or printing, is
read); no text layer — a scan, pages that are only images (OCR is not done); text that
decodes to garbage — more than ``MAX_GARBAGE_SHARE`` of its characters unmapped by the
fonts, private-use or replacement characters.
"""
from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import InputError
from pipeline.model import Blocks, LineHint

MAX_GARBAGE_SHARE = 0.02       # share of unmapped / private-use / U+FFFD characters refused
MIN_CHARS_PER_PAGE = 5         # fewer visible characters a page on average: no text layer
RULE_MAX_THICKNESS = 2.5       # pt: a path thinner than this is a rule
RULE_TOUCH = 2.5               # pt: rules this close touch
EMPHASIS_MAX_CHARS = 50        # as html_walk
SPACE_MIN_GAP = 0.28           # em: a wider gap between two characters is a space (LibreOffice
                               # sets 0.2 em between Chinese and Latin text, a space is 0.3 or more)
SPACING_WINDOW = 3             # gaps on each side that tell a line's spacing at a place
IDEOGRAPHIC_GAP = 0.8          # em: a gap this wide is a full-width space (U+3000)
PARAGRAPH_GAP = 1.4            # line pitches: a wider gap before a line starts a paragraph
CENTRED_MIN_INDENT = 2.5       # em of body text: a centred line starts further in than an indent
LINED_MIN_WIDTH = 0.3          # of the page: rules this wide, two or more, may be a table …
LINED_COLUMN_GAP = 1.0         # em: … whose columns are this far apart …
LINED_WRAP_PITCH = 1.6         # em: … and whose cell text wraps at this pitch (rows are further apart)
MARGIN_MIN_LINES = 2           # lines that share a text edge …
MARGIN_MIN_SHARE = 0.1         # … and their share of the commonest edge's
FURNITURE_MIN_SHARE = 0.5      # of the pages a running header or footer is printed on
FURNITURE_Y_TOLERANCE = 6      # pt: … at the same height
PAGE_NUMBER_RE = re.compile(r"^(?:[—–\-－·•\s]*\d{1,4}[—–\-－·•\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
                            r"|\d{1,4}\s*/\s*\d{1,4})$")
NO_LINE_START = set("，。、；：？！）》」』】〕”’…—%,.;:?!)]")
LATIN = re.compile(r"[A-Za-z]")
SENTENCE_END_RE = re.compile(r"[。；：！？]\s*$")
ITEM_START_RE = re.compile(r"\s*(?:\d{1,2}[.、．](?!\d)|（[一二三四五六七八九十\d]{1,3}）|[①-⑳]|[一二三四五六七八九十]{1,3}、"
                           r"|第[一二三四五六七八九十]{1,3}[篇章节条])")
HEADING_FACE_RE = re.compile(r"hei|kai|sans|gothic|黑|楷|小标宋|标宋", re.IGNORECASE)


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    face: str
    space_after: bool = False          # PDFium found a gap after it (a space not drawn as a glyph)


@dataclass
class Line:
    chars: list[Char]
    page: int
    box: Optional[int] = None          # the box (专栏) the line is in

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def style(self) -> tuple[float, bool, str]:
        visible = [c for c in self.chars if c.text.strip()] or self.chars
        size = Counter(round(c.size * 2) / 2 for c in visible).most_common(1)[0][0]
        return size, all(c.bold for c in visible), Counter(c.face for c in visible).most_common(1)[0][0]


@dataclass
class Table:
    page: int
    top: float
    rows: list[list[str]]
    table_no: int = 0


@dataclass
class _Page:
    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    h_rules: list[tuple[float, float, float]] = field(default_factory=list)   # y, x0, x1
    v_rules: list[tuple[float, float, float]] = field(default_factory=list)   # x, y0, y1
    images: int = 0
    garbage: int = 0                   # characters without a Unicode mapping, private-use, U+FFFD


def pdf_to_blocks(data: bytes, path: Path) -> Blocks:
    """The blocks of a PDF's text layer; InputError for what cannot be read (module docstring)."""
    document = _open(data, path)
    try:
        pages = [_read_page(document, k) for k in range(len(document))]
    finally:
        document.close()
    _check_text_layer(pages, path)
    lines, hints = _Assembler(pages).blocks()
    if not lines:
        raise InputError(path, "no text left in the PDF after page headers, footers and numbers")
    return Blocks(tuple(lines), tuple(hints), len(pages))


def _open(data: bytes, path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(path, "encrypted PDF: it needs a password to open",
                             "save an unprotected copy (e.g. qpdf --decrypt --password=… in.pdf out.pdf)") from None
        raise InputError(path, f"not a readable PDF ({exc})", "download the file again") from None


# --------------------------------------------------------------------------- one page

FONT_NAME_BUFFER = 256


def _read_page(document: pdfium.PdfDocument, k: int) -> _Page:
    page = document[k]
    width, height = page.get_size()
    out = _Page(k + 1, width, height)
    textpage = page.get_textpage()
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if pdfium_c.FPDFText_IsGenerated(raw, i):
            if code == 0x20 and out.chars:
                out.chars[-1].space_after = True
            continue
        if code in (0, 0xFFFE) or code in (0x0A, 0x0D):
            continue
        if pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1 or _odd(code):
            out.garbage += 1
            continue
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
        pdfium_c.FPDFText_GetFontInfo(raw, i, name, FONT_NAME_BUFFER, ctypes.byref(flags))
        face = name.value.decode("latin-1").split("+")[-1]
        weight = pdfium_c.FPDFText_GetFontWeight(raw, i)
        bold = weight >= 600 or bool(re.search(r"bold|heavy|black|semibold|demi", face, re.IGNORECASE))
        out.chars.append(Char(chr(code), box.left, box.right, height - box.top, height - box.bottom,
                              pdfium_c.FPDFText_GetFontSize(raw, i), bold, re.sub(r"[-,]?(Bold|Regular|Medium|Light).*$", "", face)))
    for obj in page.get_objects(max_depth=4):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            out.images += 1
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            _add_rules(out, *obj.get_bounds())
    textpage.close()
    page.close()
    return out


def _add_rules(page: _Page, left: float, bottom: float, right: float, top: float) -> None:
    """Rules of a path from its bounds: a thin path is one rule, a larger one a frame of four."""
    y0, y1 = page.height - top, page.height - bottom
    if right - left <= RULE_MAX_THICKNESS and y1 - y0 > RULE_MAX_THICKNESS:
        page.v_rules.append(((left + right) / 2, y0, y1))
    elif y1 - y0 <= RULE_MAX_THICKNESS and right - left > RULE_MAX_THICKNESS:
        page.h_rules.append(((y0 + y1) / 2, left, right))
    elif right - left > RULE_MAX_THICKNESS and y1 - y0 > RULE_MAX_THICKNESS:
        page.h_rules += [(y0, left, right), (y1, left, right)]
        page.v_rules += [(left, y0, y1), (right, y0, y1)]


def _odd(code: int) -> bool:
    """A character no text has: private use, U+FFFD, C0 controls (glyph ids read as codes)."""
    return 0xE000 <= code <= 0xF8FF or code == 0xFFFD or (code < 0x20 and code not in (0x09, 0x0A, 0x0D))


def _check_text_layer(pages: list[_Page], path: Path) -> None:
    visible = sum(1 for page in pages for c in page.chars if c.text.strip())
    garbage = sum(page.garbage for page in pages)
    total = visible + garbage
    if total < MIN_CHARS_PER_PAGE * len(pages):
        images = sum(1 for page in pages if page.images)
        if images:
            raise InputError(path, f"no text layer: a scan ({images} of {len(pages)} page(s) are images, "
                                   f"{total} characters of text in all); OCR is not done",
                             "get the PDF with text from the publisher, or the .docx/web page")
        raise InputError(path, f"no text in the PDF ({len(pages)} page(s), {total} characters)")
    if garbage > MAX_GARBAGE_SHARE * total:
        raise InputError(path, f"the PDF's text decodes to garbage: {garbage} of {total} characters "
                               f"({garbage / total:.0%}) have no Unicode mapping in their fonts or are private-use",
                         "get a PDF with searchable text or the .docx/web page; OCR is not done")


# --------------------------------------------------------------------------- lines, tables, boxes


def _lines_of(chars: list[Char], page: int) -> list[Line]:
    """Characters grouped into lines by baseline, each line in x order."""
    lines: list[Line] = []
    for char in sorted(chars, key=lambda c: (c.bottom + c.top) / 2):
        middle = (char.top + char.bottom) / 2
        if lines:
            last = lines[-1]
            last_middle = statistics.fmean((c.top + c.bottom) / 2 for c in last.chars[-3:])
            if abs(middle - last_middle) <= 0.35 * max(char.size, last.chars[-1].size):
                last.chars.append(char)
                continue
        lines.append(Line([char], page))
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)
        line.chars = _spaced(line.chars)
    return [line for line in lines if line.text.strip()]


def _spaced(chars: list[Char]) -> list[Char]:
    """Duplicates drawn twice at one place (fake bold) dropped; a space where PDFium saw a gap
    that no space glyph fills (LibreOffice draws none), when the gap is a space wider than the
    gaps on either side of it (a justified line spreads its Chinese characters, not its digits
    or leader dots)."""
    chars = [c for k, c in enumerate(chars)
             if not (k and c.text == chars[k - 1].text and abs(c.x0 - chars[k - 1].x0) < 0.2 * c.size)]
    gaps = [b.x0 - a.x1 for a, b in zip(chars, chars[1:])]
    out: list[Char] = []
    for k, char in enumerate(chars):
        last = chars[k - 1] if k else None
        if last is not None and last.space_after and last.text.strip() and char.text.strip():
            sides = [side for side in (gaps[max(0, k - 1 - SPACING_WINDOW):k - 1], gaps[k:k + SPACING_WINDOW]) if side]
            usual = max([0.0] + [statistics.median(side) for side in sides])   # Latin runs are not spread
            gap = (gaps[k - 1] - usual) / char.size
            if gap >= SPACE_MIN_GAP:
                space = "\u3000" if gap >= IDEOGRAPHIC_GAP else " "
                out.append(Char(space, last.x1, char.x0, last.top, last.bottom, last.size, last.bold, last.face))
        out.append(char)
    return out


def _cluster(values: list[float], tolerance: float = RULE_TOUCH) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= tolerance:
            continue
        out.append(value)
    return out


@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]
    h_rules: list[tuple[float, float, float]]
    v_rules: list[tuple[float, float, float]]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, char: Char) -> bool:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        x0, y0, x1, y1 = self.bbox
        return x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1

    def has_v(self, x: float, y0: float, y1: float) -> bool:
        middle = (y0 + y1) / 2
        return any(abs(rx - x) <= RULE_TOUCH and ry0 - 1 <= middle <= ry1 + 1 for rx, ry0, ry1 in self.v_rules)

    def has_h(self, y: float, x0: float, x1: float) -> bool:
        middle = (x0 + x1) / 2
        return any(abs(ry - y) <= RULE_TOUCH and rx0 - 1 <= middle <= rx1 + 1 for ry, rx0, rx1 in self.h_rules)


def _grids(page: _Page) -> list[_Grid]:
    """Groups of touching rules with at least two vertical and two horizontal positions."""
    rules = [("h", r) for r in page.h_rules] + [("v", r) for r in page.v_rules]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def bounds(rule) -> tuple[float, float, float, float]:
        kind, (a, b, c) = rule
        return (b, a, c, a) if kind == "h" else (a, b, a, c)

    boxes = [bounds(rule) for rule in rules]
    order = sorted(range(len(rules)), key=lambda i: boxes[i][1])
    for n, i in enumerate(order):                      # sweep on y: only neighbours in y can touch
        ax0, ay0, ax1, ay1 = boxes[i]
        for j in order[n + 1:]:
            bx0, by0, bx1, by1 = boxes[j]
            if by0 > ay1 + RULE_TOUCH:
                break
            if bx0 <= ax1 + RULE_TOUCH and ax0 <= bx1 + RULE_TOUCH:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(rules)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        h = [rules[i][1] for i in members if rules[i][0] == "h"]
        v = [rules[i][1] for i in members if rules[i][0] == "v"]
        xs, ys = _cluster([r[0] for r in v]), _cluster([r[0] for r in h])
        if len(xs) >= 2 and len(ys) >= 2:
            out.append(_Grid(xs, ys, h, v))
    return out


@dataclass
class _Lined:
    """Rules of one width with nothing vertical: a three-line table (三线表: above and below
    the header, at the foot), or one with a rule under every row."""

    x0: float
    x1: float
    y0: float
    y1: float

    def contains(self, char: Char) -> bool:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        return self.x0 - 1 <= x <= self.x1 + 1 and self.y0 - 1 <= y <= self.y1 + 1


def _lined_regions(page: _Page, grids: list[_Grid]) -> list[_Lined]:
    """Horizontal rules outside the grids that share their ends, at two heights at least and
    as wide as a table; the table is the run of bands between them whose text stands in
    columns (a running header's rule above the body shares the ends of a full-width table's)."""
    def in_grid(rule) -> bool:
        y, x0, x1 = rule
        return any(g.xs[0] - RULE_TOUCH <= x0 and x1 <= g.xs[-1] + RULE_TOUCH
                   and g.ys[0] - RULE_TOUCH <= y <= g.ys[-1] + RULE_TOUCH for g in grids)

    groups: list[list[tuple[float, float, float]]] = []
    for rule in sorted((r for r in page.h_rules if not in_grid(r)), key=lambda r: (r[1], r[2])):
        group = next((g for g in groups if abs(g[0][1] - rule[1]) <= RULE_TOUCH
                      and abs(g[0][2] - rule[2]) <= RULE_TOUCH), None)
        if group is None:
            groups.append([rule])
        else:
            group.append(rule)
    out = []
    for group in groups:
        x0, x1 = min(r[1] for r in group), max(r[2] for r in group)
        ys = _cluster([r[0] for r in group])
        if len(ys) < 2 or x1 - x0 < LINED_MIN_WIDTH * page.width:
            continue
        run: list[float] = []
        for top, bottom in zip(ys, ys[1:]):
            band = _Lined(x0, x1, top, bottom)
            if len(_columns([c for c in page.chars if band.contains(c)])) >= 2:
                run = run or [top]
                run.append(bottom)
            else:
                if len(run) >= 2:
                    out.append(_Lined(x0, x1, run[0], run[-1]))
                run = []
        if len(run) >= 2:
            out.append(_Lined(x0, x1, run[0], run[-1]))
    return out


def _columns(chars: list[Char]) -> list[list[float]]:
    """The x spans that characters cover, apart by ``LINED_COLUMN_GAP`` at least."""
    visible = [c for c in chars if c.text.strip()]
    if not visible:
        return []
    size = statistics.median(c.size for c in visible)
    columns: list[list[float]] = []
    for x0, x1 in sorted((c.x0, c.x1) for c in visible):
        if columns and x0 - columns[-1][1] < LINED_COLUMN_GAP * size:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return columns


def _lined_rows(chars: list[Char]) -> Optional[list[list[str]]]:
    """Rows of a table without vertical rules: columns where the characters of all its lines
    leave a gap, one row a line; a line set close under the one before, with text only under
    filled cells, is the rest of that row's cells (a cell's text wrapped)."""
    lines = _lines_of(chars, 0)
    columns = _columns(chars)
    if len(lines) < 2 or len(columns) < 2:
        return None
    size = statistics.median(c.size for line in lines for c in line.chars if c.text.strip())
    rows: list[list[str]] = []
    previous: Optional[Line] = None
    for line in lines:
        cells: list[list[Char]] = [[] for _ in columns]
        for char in line.chars:
            middle = (char.x0 + char.x1) / 2
            k = min(range(len(columns)), key=lambda n: 0 if columns[n][0] <= middle <= columns[n][1]
                    else min(abs(middle - columns[n][0]), abs(middle - columns[n][1])))
            cells[k].append(char)
        row = ["".join(c.text for c in cell).strip() for cell in cells]
        wrapped = previous is not None and line.top - previous.top <= LINED_WRAP_PITCH * size \
            and all(rows[-1][k] for k, cell in enumerate(row) if cell)
        if wrapped:
            rows[-1] = [_join([a, b]) for a, b in zip(rows[-1], row)]
        else:
            rows.append(row)
        previous = line
    return rows


def _table_rows(grid: _Grid, chars: list[Char]) -> list[list[str]]:
    """Rows of cell texts: grid cells merged where a rule is missing between them."""
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    region = [[(r, c) for c in range(n_cols)] for r in range(n_rows)]
    for r in range(n_rows):
        for c in range(n_cols):
            y0, y1, x0, x1 = grid.ys[r], grid.ys[r + 1], grid.xs[c], grid.xs[c + 1]
            if c > 0 and not grid.has_v(x0, y0, y1):
                region[r][c] = region[r][c - 1]
            elif r > 0 and not grid.has_h(y0, x0, x1):
                region[r][c] = region[r - 1][c]
    texts: dict[tuple[int, int], list[Char]] = {}
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        r = next((k for k in range(n_rows) if y <= grid.ys[k + 1]), n_rows - 1)
        c = next((k for k in range(n_cols) if x <= grid.xs[k + 1]), n_cols - 1)
        texts.setdefault(region[r][c], []).append(char)
    rows = []
    for r in range(n_rows):
        cells, seen = [], set()
        for c in range(n_cols):
            key = region[r][c]
            if key in seen:
                continue
            seen.add(key)
            cells.append(_cell_text(texts.get(key, [])) if key[0] == r else "")
        rows.append(cells)
    return rows


def _cell_text(chars: list[Char]) -> str:
    return _join([line.text.strip() for line in _lines_of(chars, 0)])


def _join(pieces: list[str]) -> str:
    """Wrapped pieces of one paragraph or cell: no space, except between two Latin letters."""
    out = ""
    for piece in pieces:
        if out and piece and LATIN.match(out[-1]) and LATIN.match(piece[0]):
            out += " "
        out += piece
    return out


# --------------------------------------------------------------------------- the document


class _Assembler:
    def __init__(self, pages: list[_Page]):
        self.pages = pages
        self.items: list[tuple[int, float, object]] = []        # (page, top, Line | Table)
        boxes = 0
        for page in pages:
            grids = _grids(page)
            free = list(page.chars)
            # the smallest first: a table inside a 专栏 box takes its cells before the box
            for grid in sorted(grids, key=lambda g: (g.xs[-1] - g.xs[0]) * (g.ys[-1] - g.ys[0])):
                inside = [c for c in free if grid.contains(c)]
                free = [c for c in free if not grid.contains(c)]
                if len(grid.xs) == 2 and len(grid.ys) == 2:
                    boxes += 1
                    for line in _lines_of(inside, page.number):
                        line.box = boxes
                        self.items.append((page.number, line.top, line))
                elif inside:
                    self.items.append((page.number, grid.ys[0], Table(page.number, grid.ys[0], _table_rows(grid, inside))))
            for region in _lined_regions(page, grids):
                inside = [c for c in free if region.contains(c)]
                rows = _lined_rows(inside)
                if rows:
                    free = [c for c in free if not region.contains(c)]
                    self.items.append((page.number, region.y0, Table(page.number, region.y0, rows)))
            for line in _lines_of(free, page.number):
                self.items.append((page.number, line.top, line))
        self.items.sort(key=lambda item: (item[0], item[1]))
        self._drop_furniture()
        lines = [item for _, _, item in self.items if isinstance(item, Line)]
        styles = Counter()
        for line in lines:
            styles[line.style] += len(line.chars)
        self.body = styles.most_common(1)[0][0] if styles else (0, False, "")
        self.margins: dict[Optional[int], tuple[float, float]] = {}
        for box in {line.box for line in lines}:
            inside = [line for line in lines if line.box == box]
            size = Counter(line.style[0] for line in inside).most_common(1)[0][0]
            usual = [line for line in inside if line.style[0] == size]
            self.margins[box] = (_mode([line.x0 for line in usual]), _mode([line.x1 for line in usual], high=True))
        pitches = [b.top - a.top for a, b in zip(lines, lines[1:])
                   if a.page == b.page and a.box == b.box and a.style == b.style == self.body and b.top > a.top]
        self.pitch = Counter(round(p, 1) for p in pitches).most_common(1)[0][0] if pitches else 0.0

    def _drop_furniture(self) -> None:
        """Page numbers and running headers/footers: first or last lines of their pages."""
        edges: dict[int, list[int]] = {}
        for k, (page, _, item) in enumerate(self.items):
            if isinstance(item, Line) and item.box is None:
                edges.setdefault(page, []).append(k)
        candidates = []
        for indices in edges.values():
            candidates += indices[:2] + indices[-2:]
        keys = Counter()
        for k in set(candidates):
            keys[self._furniture_key(k)] += 1
        repeated = {key for key, n in keys.items()
                    if len(self.pages) >= 2 and n >= max(2, FURNITURE_MIN_SHARE * len(self.pages))}
        drop = set()
        for page, indices in edges.items():
            firsts, lasts = indices[:2], indices[-2:][::-1]
            for run in (firsts, lasts):
                for k in run:                       # from the edge inwards, while furniture
                    text = self.items[k][2].text.strip()
                    if PAGE_NUMBER_RE.match(text) or self._furniture_key(k) in repeated:
                        drop.add(k)
                    else:
                        break
        self.items = [item for k, item in enumerate(self.items) if k not in drop]

    def _furniture_key(self, k: int) -> tuple[str, int]:
        """A line's text, digits aside, and its height on the page: a running header is printed
        at one place on every page (the same title set as the heading of page 1 is not)."""
        _, top, line = self.items[k]
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(top / FURNITURE_Y_TOLERANCE)

    def blocks(self) -> tuple[list[str], list[Optional[LineHint]]]:
        out = _Output()
        paragraph: list[Line] = []
        for _, _, item in self.items:
            if isinstance(item, Table):
                self._flush(paragraph, out)
                out.table(item)
                continue
            if paragraph and self._starts_paragraph(paragraph[-1], item):
                self._flush(paragraph, out)
            paragraph.append(item)
            out.last_table = None
        self._flush(paragraph, out)
        return out.lines, out.hints

    def _flush(self, paragraph: list[Line], out: "_Output") -> None:
        text = _join([line.text.strip(" \u3000\u00a0") for line in paragraph])
        if text:
            out.lines.append(text)
            out.hints.append(self._hint(paragraph, text))
        paragraph.clear()

    def _starts_paragraph(self, previous: Line, line: Line) -> bool:
        size = self.body[0] or line.chars[0].size
        if line.box != previous.box or line.style[:2] != previous.style[:2]:
            return True                                       # another box, size or weight
        pitch = self.pitch * line.style[0] / size                # the body's line pitch at this size
        if line.page == previous.page and pitch and line.top - previous.top > PARAGRAPH_GAP * pitch:
            return True                                       # space before it
        if ITEM_START_RE.match(line.text) and (SENTENCE_END_RE.search(previous.text) or self._ends_short(line)):
            return True                                       # 。 then 2. / （二） / ②, or a numbered line on its own
        title = line.style == previous.style != self.body and self._centred(line)
        if title and self._centred(previous):
            return False                                      # a centred title on two lines
        left, _ = self.margins[line.box]
        if self._ends_short(previous, line):
            return True                                       # the line before ended short
        if line.x0 - left >= 1.5 * size:
            return not title                                  # indented: a new paragraph
        return False

    def _ends_short(self, line: Line, following: Optional[Line] = None) -> bool:
        """The line ends before the right margin by more than the next line's first word (one
        character when there is none) would have needed: it ends a paragraph."""
        size = self.body[0] or line.chars[0].size
        word = _first_word_width(following) if following is not None else size
        return self.margins[line.box][1] - line.x1 > word + 1.2 * size

    def _centred(self, line: Line) -> bool:
        """Set in the middle: more space on the left than a paragraph's two-character indent,
        as much on the right (an indented line two characters short is not centred)."""
        size = self.body[0] or line.chars[0].size
        left_margin, right_margin = self.margins[line.box]
        left, right = line.x0 - left_margin, right_margin - line.x1
        return left >= CENTRED_MIN_INDENT * size and abs(left - right) <= size

    def _hint(self, paragraph: list[Line], text: str) -> Optional[LineHint]:
        if len(text) > EMPHASIS_MAX_CHARS or paragraph[0].box is not None:
            return None
        size, bold, face = paragraph[0].style
        body_size, body_bold, body_face = self.body
        if size >= body_size + 1 or (bold and not body_bold) or self._centred(paragraph[0]) \
                or (face != body_face and HEADING_FACE_RE.search(face) and not HEADING_FACE_RE.search(body_face)):
            return LineHint("emphasis")
        return None




@dataclass
class _Output:
    """The blocks so far, and the table the next one may continue."""

    lines: list[str] = field(default_factory=list)
    hints: list[Optional[LineHint]] = field(default_factory=list)
    tables: int = 0
    last_table: Optional[Table] = None          # the last item, when it is a table
    header: list[str] = field(default_factory=list)

    def table(self, table: Table) -> None:
        """Its rows; a table opening the page after one that ended the page before, with as
        many columns, goes on with that table's number (its repeated header row dropped)."""
        rows = table.rows
        continued = (self.last_table is not None and table.page == self.last_table.page + 1
                     and bool(rows) and len(rows[0]) == len(self.header))
        if continued and rows[0] == self.header:
            rows = rows[1:]
        if continued and rows and _split_row_rest(self.lines[-1].split("\t"), rows[0]):
            previous = self.lines[-1].split("\t")
            self.lines[-1] = "\t".join(_join([a, b]) for a, b in zip(previous, rows[0]))
            rows = rows[1:]
        if not continued:
            self.tables += 1
            self.header = rows[0] if rows else []
        for r, row in enumerate(rows):
            if any(cell.strip() for cell in row):
                self.lines.append("\t".join(cell.replace("\t", " ") for cell in row))
                self.hints.append(LineHint("table_row", table_no=self.tables, is_header=r == 0 and not continued))
        self.last_table = table


def _split_row_rest(previous: list[str], row: list[str]) -> bool:
    """``row`` opening a page is the rest of ``previous``, a row the page break split (Word and
    LibreOffice let rows break across pages): fewer than half of its cells hold text, and
    only cells whose text began above."""
    filled = [k for k, cell in enumerate(row) if cell.strip()]
    return len(previous) == len(row) and 0 < len(filled) < len(row) / 2 \
        and all(previous[k].strip() for k in filled)


def _mode(values: list[float], high: bool = False) -> float:
    """The text edge of a container (left, or right when ``high``): the outermost position that
    lines share often enough (a tenth as often as the commonest, twice at least). The commonest
    alone is wrong when most paragraphs are one indented line."""
    counts = Counter(round(v) for v in values)
    top = counts.most_common(1)[0][1]
    common = [v for v, n in counts.items() if n >= max(MARGIN_MIN_LINES, MARGIN_MIN_SHARE * top)] \
        or [counts.most_common(1)[0][0]]
    return max(common) if high else min(common)


def _first_word_width(line: Line) -> float:
    """Width the next line's first word would have needed on the line before: a Latin or
    digit run, or one character, with the punctuation that may not start a line after it."""
    chars = line.chars
    end = 1
    if chars[0].text.isascii() and chars[0].text.isalnum():
        while end < len(chars) and chars[end].text.isascii() and (chars[end].text.isalnum() or chars[end].text in ".%"):
            end += 1
    while end < len(chars) and chars[end].text in NO_LINE_START:
        end += 1
    return chars[end - 1].x1 - chars[0].x0
