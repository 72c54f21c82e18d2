"""Plans as published (#15): the same document as .txt, .docx and PDF gives the same tables.

The files in tests/fixtures/formats/ were made by ``scripts/make_format_fixtures.py`` from real
plan texts with two independent producers: python-docx (the .docx) converted by LibreOffice
(``.lo.pdf``), and fpdf2 laying the text out itself (``.fpdf.pdf``; ``.3line.pdf`` with
三线表 tables, no vertical rules). The .txt beside them is the source those files print.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path

import pytest

from pipeline.build.stages import process_document
from pipeline.config import LEXICON_DIR
from pipeline.errors import InputError
from pipeline.ingest import read_document
from pipeline.lexicon_set import load_lexicons
from pipeline.model import DocumentMeta
from tests.known_misses import case, stale_entries

FORMATS = Path(__file__).parent / "fixtures" / "formats"
DOCUMENTS = ("national-employment-14th", "sichuan-outline-14th", "national-rural-revitalization",
             "jiangsu-medical-security-14th", "shandong-education-opinions", "zhejiang-ecology-action-plan",
             "fujian-transport-bare")
TABLES = ("sections", "columns", "column_items", "indicators", "targets")
LAID_OUT = ("docx", "lo.pdf", "fpdf.pdf")
THREE_LINE = ("national-employment-14th", "sichuan-outline-14th")     # the plans with TAB tables


def formats_of(name: str) -> tuple[str, ...]:
    return LAID_OUT + (("3line.pdf",) if name in THREE_LINE else ())
# columns that say where a row is in its input (a raw line, a block, a paragraph's offsets):
# they differ between formats by design; everything else must be equal
PLACE = {"line", "char_start", "char_end", "line_char_start", "line_char_end", "source_text"}
MAX_PDF_CHAR_ERROR = 0.001      # the bound: 0.1 % of the source's characters


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons(LEXICON_DIR)


@pytest.fixture(scope="module")
def tables(lexicons):
    cache = {}

    def get(name: str, ext: str):
        if (name, ext) not in cache:
            cache[name, ext] = process_document(FORMATS / f"{name}.{ext}", DocumentMeta(doc_id=name), lexicons)
        return cache[name, ext]
    return get


def rows(table) -> list[tuple]:
    return [tuple(v for k, v in dataclasses.asdict(row).items() if k not in PLACE) for row in table]


# Known misses (tests/fixtures/known_misses.toml) are strict xfails with their reason.
@pytest.mark.parametrize("name, ext, table", [
    case("test_same_table_as_the_text", f"{name}/{ext}/{table}", name, ext, table)
    for name in DOCUMENTS for ext in formats_of(name) for table in TABLES])
def test_same_table_as_the_text(tables, name, ext, table):
    expected, got = rows(getattr(tables(name, "txt"), table)), rows(getattr(tables(name, ext), table))
    assert got == expected, "\n".join(difflib.unified_diff([str(r) for r in expected], [str(r) for r in got],
                                                           lineterm="", n=0))


@pytest.mark.parametrize("name, counts", [
    ("national-employment-14th", (16, 2, 3, 5, 4)),
    ("sichuan-outline-14th", (15, 3, 5, 6, 4)),
    ("national-rural-revitalization", (47, 0, 0, 0, 4)),
    ("jiangsu-medical-security-14th", (14, 2, 6, 6, 1)),
    ("shandong-education-opinions", (9, 2, 4, 5, 9)),
    ("zhejiang-ecology-action-plan", (21, 0, 0, 0, 6)),
    ("fujian-transport-bare", (14, 1, 3, 3, 10)),
])
def test_the_documents_have_what_the_invariant_is_about(tables, name, counts):
    """Not an empty comparison: (sections, 专栏, 专栏 items, indicator rows, targets) of the text."""
    text = tables(name, "txt")
    assert (len(text.sections), len(text.columns), len(text.column_items), len(text.indicators),
            len(text.targets)) == counts


@pytest.mark.parametrize("ext", LAID_OUT)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_targets_point_at_their_text(tables, name, ext):
    result = tables(name, ext)
    lines = result.text.split("\n")
    paragraphs = {p.para_id: p for p in result.paragraphs}
    for target in result.targets:
        paragraph = paragraphs[target.para_id]
        assert paragraph.text[target.char_start:target.char_end] == target.mention
        line = lines[paragraph.line - 1]
        assert line[paragraph.line_char_start:paragraph.line_char_end] == paragraph.text


def _characters(lines) -> str:
    """The text without its layout: lines joined, indents and table-cell TABs left out
    (spaces inside a line count: a PDF draws none, they are read back from the gaps)."""
    return "".join(line.strip("\u3000 ").replace("\t", "") for line in lines)


@pytest.mark.parametrize("name, ext", [case("test_pdf_text_is_the_source_text", f"{name}/{ext}", name, ext)
                                       for name in DOCUMENTS for ext in formats_of(name) if ext != "docx"])
def test_pdf_text_is_the_source_text(lexicons, name, ext):
    """Character edit distance of the PDF's blocks to the source: at most 0.1 %."""
    source_lines = (FORMATS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    raw = read_document(FORMATS / f"{name}.{ext}", DocumentMeta(doc_id=name), lexicons.chrome)
    source, got = _characters(source_lines), _characters(raw.lines)
    matcher = difflib.SequenceMatcher(None, source, got, autojunk=False)
    errors = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    assert errors <= MAX_PDF_CHAR_ERROR * len(source), f"{errors} of {len(source)} characters differ"
    assert len(raw.lines) == len(source_lines)       # every paragraph joined back, none split


def test_known_misses_name_existing_cases():
    assert stale_entries(("test_same_table_as_the_text", "test_pdf_text_is_the_source_text")) == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_documents_row_records_format_and_pages(tables, name):
    assert [(d.format, d.n_pages) for d in tables(name, "txt").documents] == [("text", None)]
    lo = tables(name, "lo.pdf").documents[0]
    assert (lo.format, tables(name, "docx").documents[0].format) == ("pdf", "docx")
    assert lo.n_pages == tables(name, "docx").documents[0].n_pages >= 3      # Word's count = the PDF's


def test_pdf_blocks_drop_page_furniture_and_keep_tables(lexicons):
    raw = read_document(FORMATS / "sichuan-outline-14th.fpdf.pdf", DocumentMeta(doc_id="x"), lexicons.chrome)
    title = "四川省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert raw.lines[0] == title and raw.hints[0].kind == "emphasis"
    assert title not in raw.lines[1:]                           # the running header, on every page
    assert not any(re.fullmatch(r"— \d+ —", line) for line in raw.lines)
    rows = [(line, hint.table_no, hint.is_header) for line, hint in zip(raw.lines, raw.hints)
            if hint is not None and hint.kind == "table_row"]
    # the table runs from page 2 onto page 3, whose repeated header row is dropped
    assert rows[:3] == [("类别\t指标\t2020年\t2025年\t年均增长〔累计〕\t属性", 1, True),
                        ("经济发展\t1.地区生产总值增长（%）\t3.8\t—\t保持在合理区间\t预期性", 1, False),
                        ("\t2.全员劳动生产率增长（%）\t4.9\t—\t高于地区生产总值增长\t预期性", 1, False)]
    assert len(rows) == 7


def test_docx_numbering_exists_only_in_the_numbering_part():
    import zipfile
    with zipfile.ZipFile(FORMATS / "national-employment-14th.docx") as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "发展环境" in body and "一、发展环境" not in body and "（一）指导思想" not in body


# --------------------------------------------------------------------------- refused


@pytest.mark.parametrize("file, problem", [
    ("scan.pdf", r"no text layer: a scan \(1 of 1 page\(s\) are images, 0 characters of text in all\); OCR is not done"),
    ("encrypted.pdf", r"encrypted PDF: it needs a password to open"),
    # its fonts lost their ToUnicode maps: glyph numbers instead of characters
    ("garbage.pdf", r"the PDF's text decodes to garbage: \d+ of \d+ characters \(100%\) have no Unicode mapping"),
])
def test_unreadable_pdfs_are_refused_in_one_line(lexicons, file, problem):
    with pytest.raises(InputError) as caught:
        read_document(FORMATS / file, DocumentMeta(doc_id="x"), lexicons.chrome)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(FORMATS / file))
    assert re.search(problem, caught.value.problem)


def test_doc_without_libreoffice_says_to_save_as_docx(lexicons, tmp_path, monkeypatch):
    from pipeline import read_doc
    monkeypatch.setattr(read_doc.shutil, "which", lambda name: None)
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "WordDocument".encode("utf-16-le"))
    with pytest.raises(InputError, match=r"old Word \.doc file.*save it as \.docx"):
        read_document(path, DocumentMeta(doc_id="x"), lexicons.chrome)


def test_doc_is_converted_by_soffice_and_read_as_docx(lexicons, tmp_path, monkeypatch):
    """The .doc path: soffice is called to write a .docx beside it, which read_docx reads.
    (A stand-in soffice copies the fixture .docx: the conversion itself is LibreOffice's.)"""
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n"
                    "while [ $# -gt 1 ]; do [ \"$1\" = --outdir ] && out=$2; shift; done\n"
                    f"cp '{FORMATS / 'national-employment-14th.docx'}' \"$out/input.docx\"\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "WordDocument".encode("utf-16-le"))
    raw = read_document(path, DocumentMeta(doc_id="x"), lexicons.chrome)
    docx = read_document(FORMATS / "national-employment-14th.docx", DocumentMeta(doc_id="x"), lexicons.chrome)
    assert (raw.format, raw.lines, raw.hints) == ("doc", docx.lines, docx.hints)


# --------------------------------------------------------------------------- .docx parts python-docx cannot write

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(tmp_path, body: str, numbering: str = "", footnotes: str = "", styles: str = "") -> Path:
    import zipfile
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
        if numbering:
            package.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
        if footnotes:
            package.writestr("word/footnotes.xml", f'<w:footnotes xmlns:w="{W_NS}">{footnotes}</w:footnotes>')
        if styles:
            package.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
    return path


def _p(text: str, ppr: str = "", extra: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r>{extra}</w:p>"


def test_docx_multilevel_numbering_text_box_footnote_and_merged_cells(lexicons, tmp_path):
    lvl = ('<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
           '<w:lvlText w:val="{text}"/></w:lvl>')
    numbering = ('<w:abstractNum w:abstractNumId="1">'
                 + lvl.format(i=0, fmt="chineseCounting", text="%1、")
                 + lvl.format(i=1, fmt="chineseCounting", text="（%2）")
                 + lvl.format(i=2, fmt="decimal", text="%3.")
                 + '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    styles = ('<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/>'
              '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>')

    def numbered(text, level):
        return _p(text, f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="5"/></w:numPr>')

    box = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice><w:drawing><w:txbxContent>' + _p("专栏1　就业容量拓展工程") + _p("1.制造业就业提质扩容行动。")
           + '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>'
           + _p("专栏1　就业容量拓展工程") + '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    cell = '<w:tc><w:tcPr>{pr}</w:tcPr>' + _p("{text}") + '</w:tc>'
    table = ('<w:tbl>'
             '<w:tr>' + cell.format(pr="", text="类别") + cell.format(pr="", text="指标")
             + cell.format(pr='<w:gridSpan w:val="2"/>', text="目标值") + '</w:tr>'
             '<w:tr>' + cell.format(pr='<w:vMerge w:val="restart"/>', text="经济发展")
             + cell.format(pr="", text="地区生产总值增长（%）") + cell.format(pr="", text="6")
             + cell.format(pr="", text="预期性") + '</w:tr>'
             '<w:tr>' + cell.format(pr="<w:vMerge/>", text="") + cell.format(pr="", text="城镇调查失业率（%）")
             + cell.format(pr="", text="5.5") + cell.format(pr="", text="预期性") + '</w:tr></w:tbl>')
    body = (_p("发展环境", '<w:pStyle w:val="H1"/>') + numbered("“十三五”时期就业工作取得显著成就", 1)
            + numbered("城镇新增就业累计超过6000万人", 2) + numbered("就业局势保持总体稳定", 2)
            + numbered("“十四五”时期就业工作面临新形势", 1) + numbered("发展环境依然复杂", 2)
            + _p("总体要求", '<w:pStyle w:val="H1"/>') + numbered("指导思想", 1)
            + _p("坚持经济发展就业导向。", "", '<w:r><w:footnoteReference w:id="2"/></w:r>' + box)
            + table)
    footnotes = '<w:footnote w:id="2">' + _p("城镇调查失业率为年度平均值。") + '</w:footnote>'
    raw = read_document(_docx(tmp_path, body, numbering, footnotes, styles), DocumentMeta(doc_id="x"), lexicons.chrome)
    hints = [None if h is None else (h.kind, h.level if h.kind == "heading" else h.table_no) for h in raw.hints]
    assert list(zip(raw.lines, hints)) == [
        ("一、发展环境", ("heading", 1)),
        ("（一）“十三五”时期就业工作取得显著成就", None),
        ("1.城镇新增就业累计超过6000万人", None),
        ("2.就业局势保持总体稳定", None),
        ("（二）“十四五”时期就业工作面临新形势", None),
        ("1.发展环境依然复杂", None),                          # level 3 restarts under a new level 2 …
        ("二、总体要求", ("heading", 1)),
        ("（一）指导思想", None),                              # … and level 2 under a new level 1
        ("坚持经济发展就业导向。", None),
        ("专栏1　就业容量拓展工程", None),                     # the text box, once (not its fallback)
        ("1.制造业就业提质扩容行动。", None),
        ("类别\t指标\t目标值", ("table_row", 1)),
        ("经济发展\t地区生产总值增长（%）\t6\t预期性", ("table_row", 1)),
        ("\t城镇调查失业率（%）\t5.5\t预期性", ("table_row", 1)),
        ("1 城镇调查失业率为年度平均值。", None),              # footnotes after the body
    ]


def test_pdf_row_split_by_a_page_break_is_one_row(lexicons):
    """LibreOffice breaks 专栏1's row 5 across pages 2 and 3 (the header row repeated on 3)."""
    raw = read_document(FORMATS / "sichuan-outline-14th.lo.pdf", DocumentMeta(doc_id="x"), lexicons.chrome)
    rows = [line for line, hint in zip(raw.lines, raw.hints) if hint is not None and hint.kind == "table_row"]
    assert rows[5:] == ["\t5.每万人口高价值发明专利拥有量（件）\t2.3\t4.5\t〔2.2〕\t预期性",
                        "民生福祉\t6.城镇调查失业率（%）\t5.6\t<5.5\t—\t预期性"]
