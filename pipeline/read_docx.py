"""A Word .docx file → blocks and hints, as ``html_blocks`` gives them for a page
(docs/ARCHITECTURE.md, "Contract between ingest and segment").

``docx_to_blocks(data, path) -> Blocks``. The package's XML is read directly with the
standard library (``zipfile`` + ``xml.etree``): python-docx does not render automatic
numbering, text boxes or footnotes, which is most of what this module is for.

* body paragraphs in document order, one block each; a line break (``<w:br/>``) splits a
  block, as ``<br>`` does in HTML; deleted revisions, hidden text and field codes are left
  out; page headers and footers (their own parts) are not read;
* Word's automatic numbering is written as printed: ``一、``, ``（一）``, ``1.``, ``第一章``
  exist only in ``numbering.xml`` (the paragraph's ``numPr``, or its style's), and are put
  before the paragraph's text, counted per list as Word counts them (a level restarts
  after a higher level);
* headings: a paragraph style named Heading n / 标题 n / 標題 n, or an outline level, gives
  ``LineHint("heading", level=n)``; a short paragraph that is all bold, centred or in a
  heading typeface (黑体, 楷体, 小标宋 …) gives ``LineHint("emphasis")``, as in HTML;
* tables: one block per row, cells joined by TAB (a cell's paragraphs by a space),
  ``LineHint("table_row", table_no, is_header)``; a horizontally merged cell (gridSpan) is one
  cell, as HTML's colspan; a vertically merged cell keeps its text in its first row and is an
  empty cell below, as plain-text tables print it; ``is_header`` for rows marked as header
  rows, and for the first row of a table;
* a 专栏 is usually a one-cell table or a text box: its paragraphs are blocks of their own,
  without hints, as the plain-text copy prints them (segment reads the 专栏 from its label);
  a table of one column is read the same way;
* footnotes: after the body, one block per footnote, its printed number then its text.

``Blocks.n_pages`` is the page count Word recorded when it saved the file
(``docProps/app.xml``), None when absent.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Iterator, Optional
from xml.etree import ElementTree

from pipeline.errors import InputError
from pipeline.model import Blocks, LineHint

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
HEADING_STYLE_RE = re.compile(r"^(?:heading|标题|標題)\s*([1-9])$", re.IGNORECASE)
HEADING_FONT_RE = re.compile(r"黑体|楷体|小标宋|标宋|方正.*宋|Hei|Kai", re.IGNORECASE)
EMPHASIS_MAX_CHARS = 50        # as html_walk: longer bold text is a paragraph, not a heading
SKIPPED = frozenset({W + "del", W + "instrText", W + "delInstrText", W + "fldChar",
                     W + "footnoteReference", W + "endnoteReference", MC + "Fallback"})


def docx_to_blocks(data: bytes, path: Path) -> Blocks:
    """The blocks of a .docx file; InputError when it is not a readable Word document."""
    try:
        package = zipfile.ZipFile(BytesIO(data))
        document = _xml(package, "word/document.xml")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise InputError(path, f"not a readable .docx file ({exc})",
                         "open it in Word or LibreOffice and save it again as .docx") from None
    reader = _Reader(_Styles(_xml(package, "word/styles.xml")), _Numbering(_xml(package, "word/numbering.xml")))
    body = document.find(W + "body")
    if body is not None:
        reader.container(body)
    reader.footnotes(_xml(package, "word/footnotes.xml"))
    if not any(line.strip() for line in reader.lines):
        raise InputError(path, "the .docx file holds no text")
    return Blocks(tuple(reader.lines), tuple(reader.hints), _pages(_xml(package, "docProps/app.xml")))


def _xml(package: zipfile.ZipFile, name: str) -> Optional[ElementTree.Element]:
    try:
        return ElementTree.fromstring(package.read(name))
    except KeyError:
        if name == "word/document.xml":
            raise
        return None


def _pages(app: Optional[ElementTree.Element]) -> Optional[int]:
    pages = app.find(EP + "Pages") if app is not None else None
    if pages is None or not (pages.text or "").strip().isdigit():
        return None
    return int(pages.text) or None


def _val(element: Optional[ElementTree.Element], name: str, default: Optional[str] = None) -> Optional[str]:
    if element is None:
        return default
    child = element.find(W + name)
    return default if child is None else child.get(W + "val", default)


def _on(props: Optional[ElementTree.Element], name: str) -> Optional[bool]:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``): True, False, or None when unset."""
    if props is None or props.find(W + name) is None:
        return None
    return _val(props, name, "true") not in ("0", "false", "off")


# --------------------------------------------------------------------------- styles


@dataclass
class _Style:
    name: str = ""
    based_on: Optional[str] = None
    ppr: Optional[ElementTree.Element] = None
    rpr: Optional[ElementTree.Element] = None


class _Styles:
    def __init__(self, root: Optional[ElementTree.Element]):
        self.styles: dict[str, _Style] = {}
        self.default_para: Optional[str] = None
        for style in (root.iter(W + "style") if root is not None else ()):
            style_id = style.get(W + "styleId")
            self.styles[style_id] = _Style(_val(style, "name", "") or "", _val(style, "basedOn"),
                                           style.find(W + "pPr"), style.find(W + "rPr"))
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default_para = style_id

    def chain(self, style_id: Optional[str]) -> Iterator[_Style]:
        """The style and the styles it is based on, nearest first."""
        seen = set()
        style_id = style_id or self.default_para
        while style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def heading_level(self, style_id: Optional[str], ppr: Optional[ElementTree.Element]) -> Optional[int]:
        outline = _val(ppr, "outlineLvl")
        for style in self.chain(style_id):
            m = HEADING_STYLE_RE.match(style.name.strip())
            if m:
                return int(m.group(1))
            outline = outline or _val(style.ppr, "outlineLvl")
        return int(outline) + 1 if outline is not None and outline.isdigit() and int(outline) < 9 else None

    def is_title(self, style_id: Optional[str]) -> bool:
        return any(style.name.strip().lower() in ("title", "标题", "標題") for style in self.chain(style_id))

    def ppr_value(self, style_id: Optional[str], ppr: Optional[ElementTree.Element], name: str) -> Optional[str]:
        value = _val(ppr, name)
        for style in self.chain(style_id):
            value = value or _val(style.ppr, name)
        return value

    def num_pr(self, style_id: Optional[str], ppr: Optional[ElementTree.Element]) -> Optional[tuple[str, int]]:
        """(numId, level) of a paragraph's automatic numbering, from it or its style."""
        for props in [ppr] + [style.ppr for style in self.chain(style_id)]:
            num = props.find(W + "numPr") if props is not None else None
            if num is not None and _val(num, "numId") is not None:
                level = _val(num, "ilvl", "0") or "0"
                return _val(num, "numId"), int(level) if level.isdigit() else 0
        return None

    def run_toggle(self, style_id: Optional[str], name: str) -> Optional[bool]:
        for style in self.chain(style_id):
            value = _on(style.rpr, name)
            if value is not None:
                return value
        return None

    def run_font(self, style_id: Optional[str]) -> str:
        for style in self.chain(style_id):
            fonts = style.rpr.find(W + "rFonts") if style.rpr is not None else None
            if fonts is not None:
                return fonts.get(W + "eastAsia") or fonts.get(W + "ascii") or ""
        return ""


# --------------------------------------------------------------------------- numbering

CN_DIGITS = "〇一二三四五六七八九"


def chinese_counting(n: int) -> str:
    """Word's chineseCounting format.

    >>> [chinese_counting(n) for n in (1, 10, 12, 20, 35, 100)]
    ['一', '十', '十二', '二十', '三十五', '一百']
    """
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" if rest < 10 else "") + (chinese_counting(rest) if rest >= 20 or rest < 10
                                                              else "一" + chinese_counting(rest))
    return CN_DIGITS[hundreds] + "百" + tail


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + digits, n - value
    return out


NUMBER_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "chineseLegalSimplified": chinese_counting,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "japaneseCounting": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting,
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
}


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: Optional[int] = None      # lvlRestart: restarts after this level (0: never); None: any higher


@dataclass
class _List:
    levels: dict[int, _Level]
    counters: dict[int, int] = field(default_factory=dict)


class _Numbering:
    """Counters of every list (``w:num``) and the printed number of its next paragraph."""

    def __init__(self, root: Optional[ElementTree.Element]):
        abstract: dict[str, dict[int, _Level]] = {}
        self.lists: dict[str, _List] = {}
        if root is None:
            return
        for node in root.iter(W + "abstractNum"):
            abstract[node.get(W + "abstractNumId")] = {int(lvl.get(W + "ilvl", "0")): self._level(lvl)
                                                       for lvl in node.iter(W + "lvl")}
        for num in root.iter(W + "num"):
            levels = dict(abstract.get(_val(num, "abstractNumId"), {}))
            for override in num.iter(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                base = levels.get(ilvl, _Level())
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    base = self._level(lvl)
                start = _val(override, "startOverride")
                if start is not None and start.isdigit():
                    base = _Level(int(start), base.fmt, base.text, base.suffix, base.restart)
                levels[ilvl] = base
            self.lists[num.get(W + "numId")] = _List(levels)

    @staticmethod
    def _level(lvl: ElementTree.Element) -> _Level:
        start = _val(lvl, "start", "1") or "1"
        restart = _val(lvl, "lvlRestart")
        return _Level(int(start) if start.isdigit() else 1, _val(lvl, "numFmt", "decimal") or "decimal",
                      _val(lvl, "lvlText", "") or "", _val(lvl, "suff", "tab") or "tab",
                      int(restart) if restart is not None and restart.isdigit() else None)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number printed before the list's next paragraph at level ``ilvl`` ("" for none)."""
        lst = self.lists.get(num_id)
        if lst is None or num_id == "0" or ilvl not in lst.levels:
            return ""
        level = lst.levels[ilvl]
        lst.counters[ilvl] = lst.counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in lst.counters if k > ilvl]:
            restart = lst.levels.get(deeper, _Level()).restart
            if restart is None or restart != 0 and ilvl < restart:
                del lst.counters[deeper]
        if level.fmt == "none":
            text = level.text
        elif level.fmt == "bullet":
            return ""                                    # a bullet glyph: not a number
        else:
            text = re.sub(r"%([1-9])", lambda m: self._format(lst, int(m.group(1)) - 1), level.text)
        return text + (" " if level.suffix == "space" else "")

    @staticmethod
    def _format(lst: _List, ilvl: int) -> str:
        level = lst.levels.get(ilvl, _Level())
        value = lst.counters.get(ilvl, level.start)
        return NUMBER_FORMATS.get(level.fmt, str)(value)


# --------------------------------------------------------------------------- the walk


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering):
        self.styles = styles
        self.numbering = numbering
        self.lines: list[str] = []
        self.hints: list[Optional[LineHint]] = []
        self.tables = 0
        self.footnote_ids: list[str] = []

    def add(self, text: str, hint: Optional[LineHint] = None) -> None:
        text = text.strip(" \u00a0\u3000")
        if text:
            self.lines.append(text)
            self.hints.append(hint)

    def container(self, element: ElementTree.Element) -> None:
        """Paragraphs and tables of a body, cell, text box or content control, in order."""
        for child in element:
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
                self.container(child.find(W + "sdtContent") if child.tag == W + "sdt" else child)

    def paragraph(self, p: ElementTree.Element) -> None:
        ppr = p.find(W + "pPr")
        style_id = _val(ppr, "pStyle")
        pieces, boxes, bold, fonts = self._runs(p, style_id)
        num = self.styles.num_pr(style_id, ppr)
        label = self.numbering.label(*num) if num else ""
        pieces[0] = label + pieces[0]
        hint = self._hint("".join(pieces), style_id, ppr, bold, fonts)
        for piece in pieces:
            self.add(piece, hint)
        for box in boxes:                                # text boxes anchored in the paragraph
            self.container(box)

    def _runs(self, p: ElementTree.Element, style_id: Optional[str]):
        """(text pieces split at line breaks, text box contents, all-bold, fonts) of a paragraph."""
        pieces = [""]
        boxes: list[ElementTree.Element] = []
        bold_chars = chars = 0
        fonts: set[str] = set()
        style_bold = bool(self.styles.run_toggle(style_id, "b"))

        def walk(node: ElementTree.Element, rpr: Optional[ElementTree.Element]) -> None:
            nonlocal bold_chars, chars
            for child in node:
                tag = child.tag
                if tag in SKIPPED:
                    continue
                if tag == W + "txbxContent":
                    boxes.append(child)
                elif tag == W + "r":
                    props = child.find(W + "rPr")
                    if not _on(props, "vanish"):                 # hidden text is not printed
                        walk(child, props)
                elif tag == W + "t":
                    text = child.text or ""
                    pieces[-1] += text
                    n = len(text.strip())
                    chars += n
                    b = _on(rpr, "b")
                    bold_chars += n if (style_bold if b is None else b) else 0
                    f = rpr.find(W + "rFonts") if rpr is not None else None
                    if n:
                        fonts.add((f.get(W + "eastAsia") or f.get(W + "ascii") or "") if f is not None
                                  else self.styles.run_font(style_id))
                elif tag in (W + "tab", W + "ptab"):
                    pieces[-1] += " "
                elif tag in (W + "br", W + "cr"):
                    if child.get(W + "type") not in ("page", "column"):
                        pieces.append("")
                elif tag in (W + "noBreakHyphen",):
                    pieces[-1] += "-"
                elif tag not in (W + "pPr", W + "rPr"):
                    walk(child, rpr)

        walk(p, None)
        for ref in p.iter(W + "footnoteReference"):
            self.footnote_ids.append(ref.get(W + "id"))
        return pieces, boxes, chars > 0 and bold_chars == chars, fonts

    def _hint(self, text: str, style_id: Optional[str], ppr, bold: bool, fonts: set[str]) -> Optional[LineHint]:
        level = self.styles.heading_level(style_id, ppr)
        if level is not None:
            return LineHint("heading", level=level)
        short = 0 < len(text.strip()) <= EMPHASIS_MAX_CHARS
        centred = self.styles.ppr_value(style_id, ppr, "jc") == "center"
        heading_font = bool(fonts) and all(HEADING_FONT_RE.search(f or "") for f in fonts)
        if short and (bold or centred or heading_font or self.styles.is_title(style_id)):
            return LineHint("emphasis")
        return None

    def table(self, tbl: ElementTree.Element) -> None:
        rows = [row for row in tbl if row.tag == W + "tr"]
        grid = [self._cells(row) for row in rows]
        if max((len(cells) for cells in grid), default=0) <= 1:
            for row in rows:                              # a box (专栏) or a one-column table
                for tc in row.iter(W + "tc"):
                    self.container(tc)
            return
        self.tables += 1
        for k, (row, cells) in enumerate(zip(rows, grid)):
            header = k == 0 or _on(row.find(W + "trPr"), "tblHeader") is True
            texts = [self._cell_text(tc) if not continued else "" for tc, continued in cells]
            if any(texts):
                self.lines.append("\t".join(texts))
                self.hints.append(LineHint("table_row", table_no=self.tables, is_header=header))

    @staticmethod
    def _cells(row: ElementTree.Element) -> list[tuple[ElementTree.Element, bool]]:
        """(cell, continues a vertical merge) of a row; a gridSpan cell counts once."""
        out = []
        for tc in row:
            if tc.tag != W + "tc":
                continue
            tcpr = tc.find(W + "tcPr")
            merge = tcpr.find(W + "vMerge") if tcpr is not None else None
            out.append((tc, merge is not None and merge.get(W + "val", "continue") == "continue"))
        return out

    def _cell_text(self, tc: ElementTree.Element) -> str:
        inner = _Reader(self.styles, self.numbering)
        inner.container(tc)
        self.footnote_ids += inner.footnote_ids
        return " ".join(line.replace("\t", " ") for line in inner.lines)

    def footnotes(self, root: Optional[ElementTree.Element]) -> None:
        if root is None or not self.footnote_ids:
            return
        notes = {note.get(W + "id"): note for note in root.iter(W + "footnote")}
        for number, note_id in enumerate(self.footnote_ids, 1):
            note = notes.get(note_id)
            if note is None:
                continue
            inner = _Reader(self.styles, self.numbering)
            inner.container(note)
            text = " ".join(inner.lines)
            if text:
                self.add(f"{number} {text}")
