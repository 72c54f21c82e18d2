"""pipeline/dating.py: the document's own date, on the real first lines of real documents."""
from __future__ import annotations

import pytest

from pipeline.config import LEXICON_DIR
from pipeline.dating import document_date, load_date_cues
from pipeline.errors import RuleError
from pipeline.evaluate.corpora import PLANS, WORK_REPORTS
from pipeline.model import DocumentMeta

CUES = load_date_cues(LEXICON_DIR)
PATTERNS = {"date_line": (CUES.date_line,), "title_year": (CUES.title_year,), "doc_number": (CUES.doc_number_year,),
            "title_period": (CUES.title_span, CUES.five_year_plan)}


@pytest.mark.parametrize("table, example", CUES.examples)
def test_every_example_of_the_lexicon_matches(table, example):
    assert any(p.search(example) for p in PATTERNS[table]), (table, example)


def lines_of(path):
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name, iso", [
    ("anhui", "2026-02-05"), ("fujian", "2026-01-27"), ("gansu", "2026-01-27"),
    ("guizhou", "2026-01-27"), ("heilongjiang", "2026-01-31"), ("jilin", "2026-01-27"),
    ("ningxia", "2026-02-03"), ("shanxi", "2026-02-02"), ("tianjin", "2026-01-26"), ("xizang", "2026-01-31"),
])
def test_work_report_date_line(name, iso):
    got = document_date(DocumentMeta(doc_id=name), {}, lines_of(WORK_REPORTS / f"{name}.txt"), CUES)
    assert (got.iso_date, got.year, got.source) == (iso, 2026, "date_line")


def test_work_report_without_a_date_line_takes_the_year_of_its_title():
    lines = [line for line in lines_of(WORK_REPORTS / "anhui.txt") if "会议上" not in line[:40]]
    got = document_date(DocumentMeta(doc_id="anhui"), {}, lines, CUES)
    assert (got.iso_date, got.year, got.source) == (None, 2026, "title_year")


def test_plan_period_in_the_title():
    lines = lines_of(PLANS / "national-rural-revitalization-plan-2024-2027.txt")
    got = document_date(DocumentMeta(doc_id="x"), {}, lines, CUES)
    assert (got.year, got.source) == (2024, "title_period")


@pytest.mark.parametrize("title, year", [
    ("浙江省人力资源和社会保障事业发展“十四五”规划", 2021),
    ("北京市“十四五”时期生态环境保护规划", 2021),
    ("国民经济和社会发展第十三个五年规划纲要", 2016),
])
def test_five_year_plan_titles(title, year):
    got = document_date(DocumentMeta(doc_id="x"), {}, [title, "正文"], CUES)
    assert (got.year, got.source) == (year, "title_period")


def test_manifest_and_front_matter_come_first():
    lines = lines_of(WORK_REPORTS / "fujian.txt")
    meta = DocumentMeta(doc_id="x", issue_date="2026-02-01")
    assert document_date(meta, {"issue_date": "2026-01-30"}, lines, CUES).source == "manifest"
    got = document_date(DocumentMeta(doc_id="x"), {"issue_date": "2026-01-30"}, lines, CUES)
    assert (got.iso_date, got.source) == ("2026-01-30", "front_matter")


def test_manifest_period_is_the_last_resort():
    got = document_date(DocumentMeta(doc_id="x", period="十四五"), {}, ["正文"], CUES)
    assert (got.year, got.source) == (2021, "title_period")
    assert document_date(DocumentMeta(doc_id="x"), {}, ["正文"], CUES).source == "unknown"


def test_a_body_line_citing_a_plan_is_not_the_title():
    lines = ["政府工作报告"] + ["各位代表："] * 12 + ["“十四五”规划目标任务圆满完成。"]
    assert document_date(DocumentMeta(doc_id="x"), {}, lines, CUES).source == "unknown"


def test_a_missing_key_is_one_line(tmp_path):
    text = (LEXICON_DIR / "document_dates.toml").read_text(encoding="utf-8")
    (tmp_path / "document_dates.toml").write_text(text.replace("title_lines = 12\n", ""), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_date_cues(tmp_path)
    assert str(caught.value) == "document_dates.toml title_lines: missing key"


def test_a_copy_without_a_date_is_dated_by_the_year_of_its_own_doc_number():
    # gov-business-environment-pilot-measures-notice-2022 (tuning): the stored copy is cut before its
    # signature; 国办发〔2022〕35号 says it was issued in 2022 (year only), so 2021年…6个城市 is a result
    when = document_date(DocumentMeta(doc_id="d"), {"doc_number": "国办发〔2022〕35号"}, ["国务院办公厅关于复制推广"], CUES)
    assert (when.iso_date, when.year, when.source) == (None, 2022, "doc_number")
    dated = document_date(DocumentMeta(doc_id="d"), {"doc_number": "国办发〔2022〕35号", "issue_date": "2022-09-28"}, [], CUES)
    assert dated.source == "front_matter"
