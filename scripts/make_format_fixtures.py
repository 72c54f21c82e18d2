"""Write tests/fixtures/formats/: real plan texts as .txt, .docx and .pdf, from two independent
producers, for the three-format invariant (tests/test_formats.py).

    python scripts/make_format_fixtures.py          # needs python-docx, fpdf2, LibreOffice

For every source in ``SOURCES``:

* ``<name>.txt``: the source as the other files print it (blank lines and the copy's stray
  page-number lines dropped; nothing else changed);
* ``<name>.docx`` (python-docx): numbered headings in Heading 1/2 styles whose ``一、`` /
  ``（一）`` exist only in ``numbering.xml`` (Word automatic numbering) where the printed number
  is the list's next one; justified paragraphs with first-line indents of two characters; a
  专栏 as a one-cell table;
  indicator tables with the category column merged vertically;
* ``<name>.lo.pdf``: that .docx converted by LibreOffice headless (``soffice --convert-to pdf``):
  rows may break across pages, as Word's default lets them (专栏1 of the Sichuan plan does);
* ``<name>.fpdf.pdf`` (fpdf2, Noto Serif/Sans SC from pylopdf-fonts-zh-cn embedded): laid out
  as an official document (GB/T 9704: A4, 28 characters by 22 lines, two-character indents),
  a running header, ``— n —`` page numbers at the foot, the title larger and centred, headings
  in the sans face, ruled tables with merged category cells, a 专栏 in a box; paragraphs and
  tables run across page breaks (a table's header row is repeated on the next page);
* ``<name>.3line.pdf``, for a plan with tables: the same with its tables ruled as 三线表
  (no vertical rules);

and two refused inputs: ``scan.pdf`` (one page that is only an image of text) and
``encrypted.pdf`` (opens only with a password). ``make_plan_pdf`` is also used by
``pipeline.bench`` for its 100-page PDF.
"""
from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "formats"
SOURCES = {
    "national-employment-14th": ROOT / "tests/fixtures/segment/eval/national_employment_14th.txt",
    "sichuan-outline-14th": ROOT / "tests/fixtures/segment/eval/sichuan_outline_14th.txt",
    "national-rural-revitalization": ROOT / "tests/fixtures/corpus/plans/national-rural-revitalization-plan-2024-2027.txt",
    # checked out of sample first (the readers were not tuned on them), then kept
    "jiangsu-medical-security-14th": ROOT / "tests/fixtures/segment/eval/jiangsu_medical_security_14th.txt",
    "shandong-education-opinions": ROOT / "tests/fixtures/segment/eval/shandong_education_opinions.txt",
    "zhejiang-ecology-action-plan": ROOT / "tests/fixtures/segment/eval/zhejiang_ecology_action_plan.txt",
    "fujian-transport-bare": ROOT / "tests/fixtures/segment/eval/fujian_transport_bare.txt",
}
PAGE_NUMBER_RE = re.compile(r"^\s*[—–-]\s*\d+\s*[—–-]\s*$")
LEVEL1_RE = re.compile(r"^([一二三四五六七八九十]+)、(.{1,38})$")
LEVEL2_RE = re.compile(r"^（([一二三四五六七八九十]+)）(.{1,38})$")
CHAPTER_RE = re.compile(r"^第[一二三四五六七八九十]+([篇章节])[\u3000 ]")
COLUMN_RE = re.compile(r"^专栏\s*[0-9一二三四五六七八九十]")
NOTE_RE = re.compile(r"^注[:：]")
CN = "〇一二三四五六七八九"
FIXED_DATE = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)   # the same bytes on every run


def cn_number(text: str) -> int:
    if "十" not in text:
        return CN.index(text)
    tens, _, ones = text.partition("十")
    return (CN.index(tens) if tens else 1) * 10 + (CN.index(ones) if ones else 0)


# --------------------------------------------------------------------------- the source as parts


@dataclass
class Part:
    kind: str                      # title | heading | para | column | caption | table | note
    text: str = ""
    level: int = 0                 # headings: 1, 2, 3
    number: int = 0                # headings 一、/（一）: the printed number (0: literal text)
    rows: list[list[str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


def source_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not PAGE_NUMBER_RE.match(line)]


def parts_of(lines: list[str]) -> list[Part]:
    parts: list[Part] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        bare = line.strip("\u3000 ")
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            parts.append(Part("table", rows=rows))
            continue
        if COLUMN_RE.match(bare):
            if i + 1 < len(lines) and "\t" in lines[i + 1]:
                parts.append(Part("caption", bare))
            else:
                items = []
                while i + 1 < len(lines) and lines[i + 1].startswith("\u3000") and not COLUMN_RE.match(lines[i + 1].strip()):
                    i += 1
                    items.append(lines[i].strip("\u3000 "))
                parts.append(Part("column", bare, items=items))
            i += 1
            continue
        m1, m2 = LEVEL1_RE.match(bare), LEVEL2_RE.match(bare)
        if i == 0:
            parts.append(Part("title", bare))
        elif NOTE_RE.match(bare):
            parts.append(Part("note", bare))
        elif m1 and "。" not in m1.group(2):
            parts.append(Part("heading", m1.group(2), 1, cn_number(m1.group(1))))
        elif m2 and "。" not in m2.group(2)[:-1]:
            parts.append(Part("heading", m2.group(2), 2, cn_number(m2.group(1))))
        elif CHAPTER_RE.match(bare) and len(bare) <= 40 and "…" not in bare:
            parts.append(Part("heading", bare, "篇章节".index(CHAPTER_RE.match(bare).group(1)) + 1))
        else:
            parts.append(Part("para", bare))
        i += 1
    return parts


def printed(part: Part) -> str:
    if part.kind == "heading" and part.number:
        n = _cn(part.number)
        return f"{n}、{part.text}" if part.level == 1 else f"（{n}）{part.text}"
    return part.text


def _cn(n: int) -> str:
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def plain_text(parts: list[Part]) -> str:
    out = []
    for part in parts:
        if part.kind == "table":
            out += ["\t".join(row) for row in part.rows]
        elif part.kind == "column":
            out.append(part.text)
            out += ["\u3000\u3000" + item for item in part.items]
        elif part.kind == "para":
            out.append("\u3000\u3000" + part.text)
        else:
            out.append(printed(part))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- producer (a): python-docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(parts: list[Part], n_pages: int | None = None) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    # no extra space between Chinese and Latin text: the PDF's gaps are then the printed spaces
    normal.element.get_or_add_pPr().append(parse_xml(f'<w:autoSpaceDE xmlns:w="{W_NS}" w:val="0"/>'))
    normal.element.get_or_add_pPr().append(parse_xml(f'<w:autoSpaceDN xmlns:w="{W_NS}" w:val="0"/>'))
    for name, size in (("Heading 1", 16), ("Heading 2", 16), ("Heading 3", 16)):
        style = document.styles[name]
        style.font.size, style.font.bold = Pt(size), name != "Heading 1"
        style.font.color.rgb = None
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体" if name == "Heading 1" else "楷体_GB2312")
    numbering = _Numbering(document.part.numbering_part.element, parse_xml)

    def paragraph(text: str, indent: bool = True, style: str | None = None, into=None):
        p = (into or document).add_paragraph(style=style)
        p.add_run(text)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY          # 两端对齐, as official documents are set
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)
        return p

    for part in parts:
        if part.kind == "title":
            p = paragraph(part.text, indent=False)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.runs[0].font.size = Pt(22)
            p.runs[0].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
        elif part.kind == "heading":
            p = document.add_paragraph(style=f"Heading {part.level}")
            if part.number:
                numbering.number(p._p, part.level - 1, part.number)
                p.add_run(part.text)
            else:
                p.add_run(part.text)
        elif part.kind == "para":
            paragraph(part.text)
        elif part.kind == "note":
            paragraph(part.text, indent=False).runs[0].font.size = Pt(12)
        elif part.kind == "caption":
            p = paragraph(part.text, indent=False)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.runs[0].font.bold = True
        elif part.kind == "column":
            box = document.add_table(rows=1, cols=1)
            box.style = "Table Grid"
            cell = box.cell(0, 0)
            cell.paragraphs[0].add_run(part.text).font.bold = True
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for item in part.items:
                p = cell.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                p.add_run(item).font.size = Pt(14)
                p.paragraph_format.first_line_indent = Pt(28)
        elif part.kind == "table":
            _docx_table(document, part.rows, Pt)
    document.core_properties.created = document.core_properties.modified = FIXED_DATE
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    return _set_app_pages(data, n_pages) if n_pages else data


def _docx_table(document, rows: list[list[str]], Pt) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row + [""] * (width - len(row))):
            cell = table.cell(r, c)
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)
            run.font.bold = r == 0
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for c in range(width):                   # a blank cell under a filled one: merged with it
        top = None
        for r in range(1, len(rows)):
            text = rows[r][c] if c < len(rows[r]) else ""
            if text == "" and top is not None and c == 0:
                table.cell(top, c).merge(table.cell(r, c))
            elif text:
                top = r
    for r, row in enumerate(rows):            # merge() joined empty paragraphs: keep the text as is
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            if text and cell.text.strip() != text:
                for p in cell.paragraphs[1:]:
                    if not p.text:
                        p._p.getparent().remove(p._p)


class _Numbering:
    """Two lists: ``一、`` headings and ``（一）`` headings, each counting on through the
    document (the （一） of 乡村全面振兴规划 run on across its 一、 sections); a paragraph whose
    printed number is not its list's next one starts a new instance of that list (``w:num``
    with a ``startOverride``), as Word's "set numbering value" does. (One multi-level list
    with ``lvlRestart 0`` says the same to Word, but LibreOffice restarts it anyway.)"""

    FORMATS = ("%1、", "（%1）")

    def __init__(self, element, parse_xml):
        self.element, self.parse_xml = element, parse_xml
        self.next_num = 90
        for level, text in enumerate(self.FORMATS):
            element.insert(level, parse_xml(
                f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{90 + level}">'
                '<w:multiLevelType w:val="singleLevel"/>'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
                '</w:abstractNum>'))
        self.num_ids: dict[int, int] = {}
        self.counters: dict[int, int] = {}

    def number(self, p, level: int, printed: int) -> None:
        if level not in self.num_ids or self.counters[level] + 1 != printed:
            self.num_ids[level] = self._new_num(level, printed)
        self.counters[level] = printed
        ppr = p.get_or_add_pPr()
        ppr.insert(1, self.parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/>'
                                     f'<w:numId w:val="{self.num_ids[level]}"/></w:numPr>'))

    def _new_num(self, level: int, start: int) -> int:
        self.next_num += 1
        self.element.append(self.parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{self.next_num}"><w:abstractNumId w:val="{90 + level}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return self.next_num


def _set_app_pages(data: bytes, n_pages: int) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "docProps/app.xml":
                body = re.sub(rb"<Pages>\d+</Pages>", b"<Pages>%d</Pages>" % n_pages, body)
            item.date_time = FIXED_DATE.timetuple()[:6]
            target.writestr(item, body)
    return out.getvalue()


def libreoffice_pdf(docx_bytes: bytes) -> bytes:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "plan.docx"
        source.write_bytes(docx_bytes)
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{work}/profile",
                        "--convert-to", "pdf", "--outdir", work, str(source)], check=True, capture_output=True)
        return (Path(work) / "plan.pdf").read_bytes()


# --------------------------------------------------------------------------- producer (b): fpdf2

MM = 72 / 25.4
BODY_PT = 16                       # 三号
CHAR_MM = 156 / 28                 # 28 characters in the 156 mm text width
LINE_MM = 225 / 22                 # 22 lines in the 225 mm text height
LEFT, TOP, WIDTH, HEIGHT = 28, 37, 156, 225


def _fonts():
    import pylopdf_fonts_zh_cn
    folder = Path(pylopdf_fonts_zh_cn.__file__).parent
    return folder / "NotoSerifSC-Regular.otf", folder / "NotoSansSC-Regular.otf"


def make_plan_pdf(parts: list[Part], running_header: str, encrypt_password: str | None = None,
                  three_line: bool = False) -> bytes:
    """The plan laid out as an official document; ``three_line``: tables ruled as 三线表 (above
    and below the header row and at the foot, nothing vertical) instead of a full grid."""
    from fpdf import FPDF

    serif, sans = _fonts()

    class Plan(FPDF):
        def header(self):
            self.set_font("sans", size=10)
            self.set_xy(LEFT, 20)
            self.cell(WIDTH, 6, running_header, align="C")
            self.line(LEFT, 27, LEFT + WIDTH, 27)

        def footer(self):
            self.set_font("serif", size=14)
            self.set_xy(LEFT, 297 - 28)
            self.cell(WIDTH, 7, f"— {self.page_no()} —", align="C")

    pdf = Plan(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_font("serif", "", str(serif))
    pdf.add_font("sans", "", str(sans))
    pdf.set_margins(LEFT, TOP, 210 - LEFT - WIDTH)
    pdf.set_auto_page_break(False)
    if encrypt_password:
        pdf.set_encryption(owner_password="owner-" + encrypt_password, user_password=encrypt_password)
    pdf.add_page()
    layout = _Layout(pdf, three_line)
    for part in parts:
        layout.part(part)
    return bytes(pdf.output())


class _Layout:
    def __init__(self, pdf, three_line: bool = False):
        self.pdf = pdf
        self.y = TOP
        self.three_line = three_line

    def room(self, height: float) -> None:
        if self.y + height > TOP + HEIGHT:
            self.pdf.add_page()
            self.y = TOP

    def wrapped(self, text: str, size: float, font: str = "serif", indent_chars: float = 0,
                centre: bool = False, left: float = LEFT, width: float = WIDTH, line: float | None = None) -> None:
        """Text broken into lines of the text width (by character count: CJK is monospaced)."""
        pdf = self.pdf
        pdf.set_font(font, size=size)
        line = line or LINE_MM * size / BODY_PT
        char = size / BODY_PT * CHAR_MM
        lines, current, limit = [], "", width - indent_chars * char
        for ch in text:
            if pdf.get_string_width(current + ch) > limit + 0.01:
                run = re.search(r"[A-Za-z0-9.%]+$", current) if ch.isascii() and ch.isalnum() else None
                keep = run.start() if run and run.start() > 0 else len(current)   # no break inside a number
                lines.append((current[:keep], limit))
                current, limit = current[keep:] + ch, width
            else:
                current += ch
        lines.append((current, limit))
        for k, (piece, limit) in enumerate(lines):
            self.room(line)
            x = left + (width - limit if k == 0 else 0)
            if centre:
                x = left + (width - pdf.get_string_width(piece)) / 2
            pdf.text(x, self.y + line * 0.75, piece)
            self.y += line

    def part(self, part: Part) -> None:
        if part.kind == "title":
            self.wrapped(part.text, 22, "sans", centre=True, line=14)
            self.y += 4
        elif part.kind == "heading":
            self.wrapped(printed(part), BODY_PT, "sans", indent_chars=2)
        elif part.kind == "para":
            self.wrapped(part.text, BODY_PT, indent_chars=2)
        elif part.kind == "note":
            self.wrapped(part.text, 12, indent_chars=0)
        elif part.kind == "caption":
            self.wrapped(part.text, BODY_PT, "sans", centre=True)
        elif part.kind == "column":
            self.column(part)
        elif part.kind == "table":
            self.table(part.rows)

    def column(self, part: Part) -> None:
        """A 专栏 in a box (one box per page when it runs on)."""
        self.room(LINE_MM * 2)
        top = self.y
        self.y += 2
        self.wrapped(part.text, BODY_PT, "sans", centre=True, left=LEFT + 4, width=WIDTH - 8)
        page = self.pdf.page_no()
        for item in part.items:
            before = self.pdf.page_no()
            self.wrapped(item, 14, indent_chars=2, left=LEFT + 4, width=WIDTH - 8)
            if self.pdf.page_no() != before:
                top = TOP
        self.y += 2
        if self.pdf.page_no() != page:
            top = TOP
        self.pdf.rect(LEFT, top, WIDTH, self.y - top)
        self.y += 3

    def table(self, rows: list[list[str]]) -> None:
        """Ruled table; a blank category cell under a filled one is merged with it (no rule
        between them); a row moved to the next page repeats the header row there."""
        pdf = self.pdf
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        size, row_h = 11, 8.0
        pdf.set_font("serif", size=size)
        weights = [max(pdf.get_string_width(row[c]) for row in rows) + 4 for c in range(width)]
        scale = WIDTH / sum(weights)
        widths = [w * scale for w in weights]
        char = size * 25.4 / 72

        def cell_lines(text: str, w: float) -> list[str]:
            out, current = [], ""
            for ch in text:
                if pdf.get_string_width(current + ch) > w - 2:
                    out.append(current)
                    current = ch
                else:
                    current += ch
            return out + [current]

        heights = [max(len(cell_lines(t, w)) for t, w in zip(row, widths)) * (char + 1.5) + 3 for row in rows]
        self.y += 1
        merged_top = [False] * width                # previous row continues into this one
        if self.three_line:
            self._three_line_table(rows, widths, heights, cell_lines, char)
            return
        for r, row in enumerate(rows):
            if self.y + heights[r] > TOP + HEIGHT:
                pdf.add_page()
                self.y = TOP
                if r > 0:
                    self._row(rows[0], widths, heights[0], cell_lines, char, [True] * width, [True] * width)
                merged_top = [False] * width
            below = rows[r + 1] if r + 1 < len(rows) else None
            continues = [c == 0 and below is not None and below[c] == "" and r > 0 for c in range(width)]
            closes_top = [not merged_top[c] for c in range(width)]
            closes_bottom = [not continues[c] or self.y + heights[r] + (heights[r + 1] if below else 0) > TOP + HEIGHT
                             for c in range(width)]
            self._row(row, widths, heights[r], cell_lines, char, closes_top, closes_bottom)
            merged_top = [not b for b in closes_bottom]
        self.y += 3

    def _three_line_table(self, rows, widths, heights, cell_lines, char) -> None:
        """Rules above and below the header row and at the foot of the table on each page."""
        pdf = self.pdf
        no_rules = [False] * len(widths)

        def header() -> None:
            pdf.line(LEFT, self.y, LEFT + WIDTH, self.y)
            self._row(rows[0], widths, heights[0], cell_lines, char, no_rules, no_rules, vertical=False)
            pdf.line(LEFT, self.y, LEFT + WIDTH, self.y)

        header()
        for r in range(1, len(rows)):
            if self.y + heights[r] > TOP + HEIGHT:
                pdf.line(LEFT, self.y, LEFT + WIDTH, self.y)
                pdf.add_page()
                self.y = TOP
                header()
            self._row(rows[r], widths, heights[r], cell_lines, char, no_rules, no_rules, vertical=False)
        pdf.line(LEFT, self.y, LEFT + WIDTH, self.y)
        self.y += 3

    def _row(self, row, widths, height, cell_lines, char, closes_top, closes_bottom, vertical: bool = True) -> None:
        pdf = self.pdf
        pdf.set_font("serif", size=11)
        x = LEFT
        for c, (text, w) in enumerate(zip(row, widths)):
            if vertical:
                pdf.line(x, self.y, x, self.y + height)
            if closes_top[c]:
                pdf.line(x, self.y, x + w, self.y)
            if closes_bottom[c]:
                pdf.line(x, self.y + height, x + w, self.y + height)
            ty = self.y + 2 + char * 0.85
            for piece in cell_lines(text, w):
                pdf.text(x + 1, ty, piece)
                ty += char + 1.5
            x += w
        if vertical:
            pdf.line(x, self.y, x, self.y + height)
        self.y += height


# --------------------------------------------------------------------------- refused inputs


def scan_pdf(lines: list[str]) -> bytes:
    """A page that is only a picture of text: rendered with Pillow, placed as an image."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    serif, _ = _fonts()
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(serif), 40)
    for k, line in enumerate(lines[:20]):
        draw.text((160, 220 + 64 * k), line[:26], fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def garbage_pdf(parts: list[Part]) -> bytes:
    """A text layer that decodes to garbage: the font's ToUnicode map taken out (renamed, so
    that every byte offset stays valid), as PDFs from some old typesetting systems are."""
    data = make_plan_pdf(parts, parts[0].text)
    assert data.count(b"/ToUnicode") >= 1
    return data.replace(b"/ToUnicode", b"/ToUnicodX")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, path in SOURCES.items():
        parts = parts_of(source_lines(path))
        (OUT / f"{name}.txt").write_text(plain_text(parts), encoding="utf-8")
        lo_pdf = libreoffice_pdf(make_docx(parts))
        import pypdfium2
        pages = len(pypdfium2.PdfDocument(lo_pdf))
        (OUT / f"{name}.docx").write_bytes(make_docx(parts, n_pages=pages))
        (OUT / f"{name}.lo.pdf").write_bytes(lo_pdf)
        (OUT / f"{name}.fpdf.pdf").write_bytes(make_plan_pdf(parts, parts[0].text))
        if any(part.kind == "table" for part in parts):
            (OUT / f"{name}.3line.pdf").write_bytes(make_plan_pdf(parts, parts[0].text, three_line=True))
        print(f"{name}: {len(parts)} parts, LibreOffice {pages} pages")
    employment = parts_of(source_lines(SOURCES["national-employment-14th"]))
    (OUT / "scan.pdf").write_bytes(scan_pdf([printed(p) for p in employment if p.kind != "table"]))
    (OUT / "garbage.pdf").write_bytes(garbage_pdf(employment[:8]))
    (OUT / "encrypted.pdf").write_bytes(make_plan_pdf(employment[:8], employment[0].text, encrypt_password="planparse"))


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
