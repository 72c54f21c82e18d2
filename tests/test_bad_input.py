"""Bad input (issue 6): each case is one problem naming the file; every other document survives."""
import codecs
from pathlib import Path

import pandas as pd
import pytest

from pipeline.build import build
from tests.conftest import FIRST_DOC_ID

pytestmark = pytest.mark.integration

FORMATS = Path(__file__).parent / "fixtures" / "formats"
PLAN = "“十四五”期间，全省累计实现城镇新增就业500万人以上，城镇调查失业率控制在5.5%左右。\n"

REFUSED = {  # file name -> (bytes, words the problem message must contain)
    "empty": ("plan-empty.txt", b"", "empty"),
    "whitespace": ("plan-blank.txt", b" \n\r\n\t\n", "empty"),
    "pdf": ("guihua.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
    "png": ("guihua.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG"),
    "zip": ("plan.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
    "truncated utf-8": ("cut.txt", PLAN.encode("utf-8")[:-1] + "就".encode("utf-8")[:2], "truncated"),
    "html without text": ("blank.html", b"<html><head><title></title></head><body><div></div></body></html>", "no text"),
    "scanned pdf": ("guihua-scan.pdf", (FORMATS / "scan.pdf").read_bytes(), "OCR is not done"),
    "encrypted pdf": ("guihua-locked.pdf", (FORMATS / "encrypted.pdf").read_bytes(), "needs a password"),
    "garbage pdf": ("guihua-fonts.pdf", (FORMATS / "garbage.pdf").read_bytes(), "decodes to garbage"),
}


def build_with(raw, tmp_path):
    out = tmp_path / "out"
    report = build(raw, out, jobs=1)
    problems = pd.read_parquet(out / "problems.parquet")
    documents = pd.read_parquet(out / "documents.parquet")
    return report, problems, documents


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_file_is_one_problem_and_the_rest_is_built(raw, tmp_path, case):
    name, data, words = REFUSED[case]
    (raw / name).write_bytes(data)
    report, problems, documents = build_with(raw, tmp_path)
    assert not report.ok
    assert problems["source_path"].tolist() == [name]
    message = problems["message"].iloc[0]
    assert name in message and words.lower() in message.lower(), message
    assert "\n" not in message
    assert documents["doc_id"].tolist() == [FIRST_DOC_ID]


ENCODINGS = {
    "utf-8-sig": codecs.BOM_UTF8 + PLAN.encode("utf-8"),
    "utf-16-le-bom": codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"),
    "utf-16-be-bom": codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"),
    "utf-16-le": PLAN.encode("utf-16-le"),
    "gb18030": PLAN.encode("gb18030"),
    "big5": "“十四五”期間，全省累計實現城鎮新增就業500萬人以上，城鎮調查失業率控制在5.5%左右。\n".encode("big5"),
    "mixed line endings": "第一章 总体要求\r\n一、发展目标\r" .encode("utf-8") + PLAN.encode("utf-8"),
}


@pytest.mark.parametrize("case", sorted(ENCODINGS))
def test_every_supported_encoding_gives_the_same_targets(raw, tmp_path, case):
    (raw / "other-plan.txt").write_bytes(ENCODINGS[case])
    report, problems, documents = build_with(raw, tmp_path)
    assert report.ok, problems
    targets = pd.read_parquet(tmp_path / "out" / "targets.parquet")
    mine = targets[targets["doc_id"] == "other-plan"]
    assert mine["mention"].tolist() == ["500万人以上", "5.5%左右"]
    text = (tmp_path / "out" / "text" / "other-plan.txt").read_text(encoding="utf-8")
    assert "\ufeff" not in text and "\ufffd" not in text


def test_broken_html_still_builds(raw, tmp_path):
    (raw / "broken.html").write_text("<div><p>一、总体要求<p>" + PLAN + "<table><tr><td>未闭合", encoding="utf-8")
    report, problems, documents = build_with(raw, tmp_path)
    assert report.ok, problems
    assert "broken" in documents["doc_id"].tolist()


def test_two_files_with_the_same_doc_id(raw, tmp_path):
    (raw / "other.txt").write_text(PLAN, encoding="utf-8")
    with open(raw / "manifest.toml", "a", encoding="utf-8") as handle:
        handle.write(f'\n[[documents]]\nfile = "other.txt"\ndoc_id = "{FIRST_DOC_ID}"\n')
    report, problems, documents = build_with(raw, tmp_path)
    assert not report.ok
    assert len(problems) >= 1
    assert FIRST_DOC_ID in " ".join(problems["message"])
    assert documents["doc_id"].tolist() == [FIRST_DOC_ID]


def test_manifest_entry_for_a_missing_file(raw, tmp_path):
    with open(raw / "manifest.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[[documents]]\nfile = "gone.txt"\ndoc_id = "gone"\n')
    report, problems, documents = build_with(raw, tmp_path)
    assert not report.ok
    assert "gone.txt" in " ".join(problems["message"])
    assert documents["doc_id"].tolist() == [FIRST_DOC_ID]


def test_manifest_syntax_error_stops_before_touching_outputs(raw, tmp_path):
    out = tmp_path / "out"
    assert build(raw, out, jobs=1).ok
    before = (out / "targets.parquet").read_bytes()
    with open(raw / "manifest.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[[documents]\nfile = \n")
    from pipeline.errors import PipelineError

    with pytest.raises(PipelineError, match="manifest.toml"):
        build(raw, out, jobs=1)
    assert (out / "targets.parquet").read_bytes() == before


def test_a_50_mb_single_line_file_is_one_problem_and_the_rest_is_built(raw, tmp_path):
    (raw / "dump.txt").write_bytes(("城镇新增就业累计500万人，" * 1_500_000).encode("utf-8"))   # 54 MB
    report, problems, documents = build_with(raw, tmp_path)
    assert not report.ok
    assert problems["source_path"].tolist() == ["dump.txt"]
    assert "line 1 has 21,000,000 characters" in problems["message"].iloc[0]
    assert documents["doc_id"].tolist() == [FIRST_DOC_ID]


def test_large_single_line_file(raw, tmp_path):
    line = ("城镇新增就业500万人以上，" * 4000).encode("utf-8")  # ~200 KB on one line
    (raw / "one-line.txt").write_bytes(line)
    report, problems, documents = build_with(raw, tmp_path)
    assert report.ok, problems
    targets = pd.read_parquet(tmp_path / "out" / "targets.parquet")
    assert (targets["doc_id"] == "one-line").sum() == 4000


def test_docx_and_pdf_in_raw_are_built_with_their_format_and_pages(raw, tmp_path):
    """#15: a plan as published (Word, PDF) is read directly by `make all`."""
    import shutil
    shutil.copy(FORMATS / "national-employment-14th.docx", raw / "employment-word.docx")
    shutil.copy(FORMATS / "national-employment-14th.fpdf.pdf", raw / "employment-print.pdf")
    report, problems, documents = build_with(raw, tmp_path)
    assert report.ok and problems.empty
    rows = {row.doc_id: (row.format, None if pd.isna(row.n_pages) else int(row.n_pages), row.n_sections,
                         row.n_columns, row.n_indicators) for row in documents.itertuples()}
    assert rows == {"employment-print": ("pdf", 4, 16, 2, 5), "employment-word": ("docx", 4, 16, 2, 5),
                    FIRST_DOC_ID: ("text", None, 45, 10, 8)}
