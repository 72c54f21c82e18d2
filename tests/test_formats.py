"""Plans as published (#15): the same document as .txt, .docx and PDF gives the same tables.

The files in tests/fixtures/formats/ were made by ``scripts/make_format_fixtures.py`` from real
plan texts with two independent producers: python-docx (the .docx) converted by LibreOffice
(``.lo.pdf``), and fpdf2 laying the text out itself (``.fpdf.pdf``). The .txt beside them is
the source those files print.
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

FORMATS = Path(__file__).parent / "fixtures" / "formats"
DOCUMENTS = ("national-employment-14th", "sichuan-outline-14th", "national-rural-revitalization")
LAID_OUT = ("docx", "lo.pdf", "fpdf.pdf")
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


@pytest.mark.parametrize("ext", LAID_OUT)
@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("table", ("sections", "columns", "column_items", "indicators", "targets"))
def test_same_table_as_the_text(tables, name, ext, table):
    expected, got = rows(getattr(tables(name, "txt"), table)), rows(getattr(tables(name, ext), table))
    assert got == expected, "\n".join(difflib.unified_diff([str(r) for r in expected], [str(r) for r in got],
                                                           lineterm="", n=0))


@pytest.mark.parametrize("name, counts", [
    ("national-employment-14th", (16, 2, 3, 5, 4)),
    ("sichuan-outline-14th", (15, 3, 5, 6, 4)),
    ("national-rural-revitalization", (47, 0, 0, 0, 4)),
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


@pytest.mark.parametrize("ext", ("lo.pdf", "fpdf.pdf"))
@pytest.mark.parametrize("name", DOCUMENTS)
def test_pdf_text_is_the_source_text(lexicons, name, ext):
    """Character edit distance of the PDF's blocks to the source: at most 0.1 %."""
    source_lines = (FORMATS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    raw = read_document(FORMATS / f"{name}.{ext}", DocumentMeta(doc_id=name), lexicons.chrome)
    source, got = _characters(source_lines), _characters(raw.lines)
    matcher = difflib.SequenceMatcher(None, source, got, autojunk=False)
    errors = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    assert errors <= MAX_PDF_CHAR_ERROR * len(source), f"{errors} of {len(source)} characters differ"
    assert len(raw.lines) == len(source_lines)       # every paragraph joined back, none split


@pytest.mark.parametrize("name", DOCUMENTS)
def test_documents_row_records_format_and_pages(tables, name):
    assert [(d.format, d.n_pages) for d in tables(name, "txt").documents] == [("text", None)]
    lo = tables(name, "lo.pdf").documents[0]
    assert (lo.format, tables(name, "docx").documents[0].format) == ("pdf", "docx")
    assert lo.n_pages == tables(name, "docx").documents[0].n_pages >= 4      # Word's count = the PDF's


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
