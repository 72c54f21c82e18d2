"""pipeline/titles.py: a document without a manifest title names itself, from real first lines."""
from __future__ import annotations

import pytest

from pipeline.config import LEXICON_DIR
from pipeline.dating import load_date_cues
from pipeline.evaluate.corpora import FIXTURES, PLANS, WORK_REPORTS
from pipeline.model import DocumentMeta
from pipeline.segment import load_cues
from pipeline.titles import document_title

CUES, DATES = load_cues(LEXICON_DIR), load_date_cues(LEXICON_DIR)


def title_of(path, meta=None, front=None):
    lines = path.read_text(encoding="utf-8").splitlines()
    return document_title(meta or DocumentMeta(doc_id="x"), front or {}, lines, CUES, DATES)


@pytest.mark.parametrize("path, title", [
    (WORK_REPORTS / "anhui.txt", "2026年安徽省政府工作报告"),
    (WORK_REPORTS / "ningxia.txt", "2026年宁夏回族自治区政府工作报告"),
    (PLANS / "national-rural-revitalization-plan-2024-2027.txt", "乡村全面振兴规划（2024—2027年）"),
    (PLANS / "moa-rural-revitalization-implementation-opinions-2026.txt",
     "农业农村部关于落实《中共中央国务院关于锚定农业农村现代化扎实推进乡村全面振兴的意见》的实施意见"),
    (FIXTURES / "segment" / "eval" / "shandong_education_opinions.txt", "山东省人民政府关于推进教育高质量发展的实施意见"),
])
def test_title_from_the_opening_lines(path, title):
    assert title_of(path) == title


def test_the_first_heading_like_line_when_no_line_is_shaped_as_a_title():
    # guizhou's copy opens with a photo caption, then 政府工作报告 alone, then the date line
    assert title_of(WORK_REPORTS / "guizhou.txt") == "政府工作报告"
    # an excerpt opening with a numbered heading is titled by it, its number dropped
    assert document_title(DocumentMeta(doc_id="x"), {}, ["一、发展基础", "“十三五”时期，全省经济稳中有进。"],
                          CUES, DATES) == "发展基础"


def test_no_title_is_none_not_a_placeholder():
    lines = ["2021年5月31日", "“十三五”时期，全省经济稳中有进，城镇新增就业500万人。", "扫一扫在手机打开当前页"]
    assert document_title(DocumentMeta(doc_id="x"), {}, lines, CUES, DATES) is None


def test_manifest_and_front_matter_titles_come_first():
    path = WORK_REPORTS / "anhui.txt"
    assert title_of(path, DocumentMeta(doc_id="x", title="安徽省政府工作报告（2026）")) == "安徽省政府工作报告（2026）"
    assert title_of(path, front={"title": "页面标题"}) == "页面标题"
    assert title_of(path, DocumentMeta(doc_id="x", title="  ")) == "2026年安徽省政府工作报告"
