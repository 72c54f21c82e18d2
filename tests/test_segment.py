"""Tests of pipeline/segment/: outline, paragraphs, 专栏 and indicator tables.

Three styles (see docs/ARCHITECTURE.md and shared STYLE.md §10–11):

* the first real document (raw/zhejiang-hrss-14th-fyp.zh-tw.txt, t2s-converted here);
* fixtures of real plan text in tests/fixtures/segment/ (numbered, run-in, bare,
  Traditional, HTML blocks with hints), each with a hand-checked
  ``<name>.expected.json``. Regenerate with ``SEGMENT_UPDATE=1 pytest tests/test_segment.py``
  and review the diff by hand before committing;
* an evaluation corpus (tests/fixtures/segment/eval/): excerpts of other real plans —
  national, provincial and sector plans, 实施方案 and 实施意见, as plain text and as HTML
  pages with site chrome — each with a hand-written ``<name>.outline`` (headings with level
  and number, 专栏 with items, indicator rows with values). Every document is read through
  ``ingest.read_document`` + ``normalize.normalize``, once as written and once converted to
  Traditional (OpenCC s2tw); each entry of the key is one test case asserting its exact
  match, and one case per document asserts nothing else was found (known misses: xfail with
  their reason in tests/fixtures/known_misses.toml; scores: ``make eval``); ``real-*`` files
  there are quotations of real pages (sources in eval/README.md), and eval_tables/ holds real
  indicator tables;
* inline rule cases and a hypothesis property: segmentation never loses or duplicates
  text and never raises.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import segment as seg
from pipeline.segment import announced, columns, heading_cues, levels, numbering, tables
from pipeline.config import LEXICON_DIR, RAW_DIR
from pipeline.evaluate.expected import parse_outline
from pipeline.ingest import load_chrome_rules, read_document
from pipeline.model import DocumentMeta, LineHint, NormalizedDocument, Outline, RawDocument
from pipeline.normalize import load_normalize_lexicon, normalize
from tests.known_misses import case, stale_entries

CUES = heading_cues.load_cues(LEXICON_DIR)

FIXTURES = Path(__file__).parent / "fixtures" / "segment"
FIRST_DOC = RAW_DIR / "zhejiang-hrss-14th-fyp.zh-tw.txt"
CHROME, NORMALIZE = load_chrome_rules(LEXICON_DIR), load_normalize_lexicon(LEXICON_DIR)
UPDATE = os.environ.get("SEGMENT_UPDATE") == "1"
RESIDUE_CHARS = "|｜"


# --------------------------------------------------------------------------- helpers


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def make_doc(lines, raw_lines=None, fmt="text", hints=(), doc_id="t") -> NormalizedDocument:
    """A NormalizedDocument built by hand (normalize is another stage)."""
    lines = tuple(lines)
    raw = RawDocument(DocumentMeta(doc_id=doc_id), f"{doc_id}.txt", "0" * 64, "utf-8", fmt,
                      tuple(raw_lines) if raw_lines is not None else lines, tuple(hints))
    return NormalizedDocument(raw, lines, "simplified", False)


def read_lines(path: Path) -> tuple[str, ...]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def traditional_doc(path: Path, doc_id: str) -> NormalizedDocument:
    raw_lines = read_lines(path)
    return make_doc([_t2s().convert(line) for line in raw_lines], raw_lines, doc_id=doc_id)


def html_doc(path: Path, doc_id: str) -> NormalizedDocument:
    data = json.loads(path.read_text(encoding="utf-8"))
    lines = [b["text"] for b in data["blocks"]]
    hints = [LineHint(**b["hint"]) if b["hint"] else None for b in data["blocks"]]
    return make_doc(lines, fmt="html", hints=hints, doc_id=doc_id)


@lru_cache(maxsize=1)
def first_outline() -> Outline:
    return seg.segment(traditional_doc(FIRST_DOC, "zhejiang-hrss-14th-fyp"), CUES)


def outline_json(outline: Outline) -> dict:
    """Every row of the outline without doc_id, as plain JSON."""

    def rows(items):
        out = []
        for item in items:
            row = dataclasses.asdict(item)
            row.pop("doc_id")
            out.append(row)
        return out

    return {"sections": rows(outline.sections), "paragraphs": rows(outline.paragraphs),
            "columns": rows(outline.columns), "column_items": rows(outline.column_items),
            "indicators": rows(outline.indicators), "front_matter": outline.front_matter}


def dump_outline(data: dict) -> str:
    """Canonical JSON, one row per line, so a person can read and diff it."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in value)
            parts.append(f' "{key}": [\n{rows}\n ]' if value else f' "{key}": []')
        else:
            parts.append(f' "{key}": {json.dumps(value, ensure_ascii=False, sort_keys=True)}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def fixture_doc(name: str) -> NormalizedDocument:
    path = FIXTURES / name
    doc_id = name.split(".")[0]
    if name.endswith(".blocks.json"):
        return html_doc(path, doc_id)
    if ".zh-tw." in name:
        return traditional_doc(path, doc_id)
    return make_doc(read_lines(path), doc_id=doc_id)


FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir()
                       if p.name.endswith((".txt", ".blocks.json")))


# --------------------------------------------------------------------------- the first document


TOP_COUNTS = [2, 3, 6, 5, 6, 4, 2, 4, 4]


def test_first_document_has_nine_chapters_and_36_sections():
    sections = first_outline().sections
    top = [s for s in sections if s.level == 1]
    second = [s for s in sections if s.level == 2]
    assert len(top) == 9 and len(second) == 36 and len(sections) == 45
    assert [s.title for s in top] == ["规划背景", "总体要求", "高质量就业", "社会保障体系", "人才队伍",
                                      "劳动关系", "分配机制", "公共服务", "实施保障"]
    assert [sum(1 for s in second if s.parent_id == t.section_id) for t in top] == TOP_COUNTS
    assert all(s.number is None for s in sections)


def test_first_document_section_ids_parents_and_lines():
    sections = {s.section_id: s for s in first_outline().sections}
    assert [(s.title, s.line) for s in (sections["1.1"], sections["1.2"])] == [
        ("发展基础", 2), ("发展环境", 24)]
    assert [sections[k].title for k in ("2.1", "2.2", "2.3")] == ["指导思想", "基本原则", "主要目标"]
    assert sections["3.1"].title == "强化就业优先导向" and sections["3.1"].parent_id == "3"
    assert sections["8.4"].title == "推进人社领域基本公共服务标准化建设"      # printed with 。
    assert sections["8.4"].line == 144
    assert sections["9.4"].title == "加强队伍建设"
    assert [s.seq for s in first_outline().sections] == list(range(1, 46))


def test_first_document_paragraph_kinds():
    paragraphs = first_outline().paragraphs
    by_line = {}
    for p in paragraphs:
        by_line.setdefault(p.line, []).append(p)
    assert [p.kind for p in by_line[30]] == ["paragraph"]             # ——坚持以人民为中心。…
    assert by_line[30][0].section_id == "2.2"
    assert [p.kind for p in by_line[23]] == ["note"] and by_line[23][0].text == "注:〔 〕内为5年累计数。"
    assert [p.kind for p in by_line[69]] == ["note"]
    assert [p.para_id for p in paragraphs] == [f"p{n:04d}" for n in range(1, len(paragraphs) + 1)]
    assert all(p.kind != "front_matter" for p in paragraphs)


def test_first_document_has_no_residue_text():
    outline = first_outline()
    assert not any(ch in p.text for p in outline.paragraphs for ch in RESIDUE_CHARS)
    residue_lines = [n for n, line in enumerate(outline.doc.lines, 1) if set(line) <= set("| ")
                     and "|" in line]
    # every residue line is counted once on a table paragraph (or a residue paragraph)
    assert sum(p.n_residue_lines for p in outline.paragraphs) == len(residue_lines) == 42
    table = {p.line: p for p in outline.paragraphs if p.kind == "table"}
    assert (table[6].n_residue_lines, table[53].n_residue_lines, table[59].n_residue_lines,
            table[60].n_residue_lines) == (18, 16, 0, 8)
    assert table[6].text.endswith("35.5 >40 —")


def test_first_document_columns():
    outline = first_outline()
    columns = outline.columns
    assert [c.label for c in columns] == [f"专栏{n}" for n in range(3, 13)]
    assert [c.n_items for c in columns] == [4, 6, 3, 3, 5, 3, 3, 4, 4, 6]
    assert [c.number for c in columns] == list(range(3, 13))
    assert columns[0].title == "高质量就业专项行动" and columns[0].section_id == "3.6"
    assert [c.intro is not None for c in columns] == [False] * 3 + [True] + [False] * 6
    assert columns[3].intro.startswith("构建“产教训”融合") and columns[3].intro.endswith("20万人以上。")
    counts = {}
    for item in outline.column_items:
        counts[item.column_id] = counts.get(item.column_id, 0) + 1
    assert [counts[c.column_id] for c in columns] == [c.n_items for c in columns]


def test_first_document_column_items_point_into_their_paragraph():
    outline = first_outline()
    column_text = {p.column_id: p.text for p in outline.paragraphs if p.kind == "column"}
    assert len(column_text) == 10
    for item in outline.column_items:
        span = column_text[item.column_id][item.char_start:item.char_end]
        assert span.startswith(f"{item.item_no:02d} {item.title} ")
        assert span.endswith(item.text)
    first = outline.column_items[0]
    assert (first.item_no, first.title) == (1, "高校毕业生就业创业促进计划")
    assert all(not p.text.endswith("|") for p in outline.paragraphs if p.kind == "column")


def test_first_document_indicators_line_6():
    rows = [i for i in first_outline().indicators if i.line == 6]
    assert [r.row_no for r in rows] == ["1", "2", "3", "4", "5"]
    assert {r.category for r in rows} == {"人才队伍建设"}
    assert rows[0].name == "人才资源总量" and rows[0].unit == "万人"
    assert rows[0].values == ("1075", "1400", "1400") and rows[0].numbers == (1075, 1400, 1400)
    assert rows[2].values == ("7:25:68", "8:26:66", "7.4:28:64.6")
    assert rows[2].numbers == (None, None, None) and rows[2].unit is None
    assert rows[4].unit == "%" and rows[4].values == ("35.5", ">40", "—")
    assert rows[4].numbers == (35.5, 40, None)
    assert [r.row_id for r in rows] == ["i001", "i002", "i003", "i004", "i005"]
    assert all(r.table_no == 1 and r.section_id == "1.1" for r in rows)


def test_first_document_lone_row_labels():
    rows = {i.line: i for i in first_outline().indicators if i.line != 6}
    assert sorted(rows) == [53, 59, 60]
    assert (rows[53].row_no, rows[53].name, rows[53].unit) == (
        "7", "专业技术人才总量(含在管理岗位的专技人才)", "万人")
    assert rows[59].row_no == "13" and rows[60].row_no == "14"
    assert all(r.values == () and r.numbers == () and r.cumulative == () for r in rows.values())
    assert {r.table_no for r in rows.values()} == {2} and rows[53].category is None


def test_first_document_source_text_is_the_raw_span():
    outline = first_outline()
    raw = outline.doc.raw.lines
    for p in outline.paragraphs:
        assert p.source_text == raw[p.line - 1][p.line_char_start:p.line_char_end]
    assert outline.paragraphs[0].source_text.startswith("“十三五”時期")


# --------------------------------------------------------------------------- fixtures


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_outline_matches_expected(name):
    outline = seg.segment(fixture_doc(name), CUES)
    got = outline_json(outline)
    expected_path = FIXTURES / (name.split(".")[0] + ".expected.json")
    assert_matches_golden(dump_outline(got), expected_path, f"{name} outline")


def test_first_document_outline_matches_expected():
    """Whole-document regression file; paragraph texts left out (their offsets are kept)."""
    got = outline_json(first_outline())
    for row in got["paragraphs"]:
        row.pop("text")
        row.pop("source_text")
    for row in got["column_items"]:
        row["text"] = row["text"][:12] + "…"
    assert_matches_golden(dump_outline(got), FIXTURES / "zhejiang-hrss-14th-fyp.expected.json",
                          "first document outline")


def assert_matches_golden(text: str, expected_path: Path, label: str) -> None:
    """Compare with a hand-checked golden file; SEGMENT_UPDATE=1 rewrites it (review the diff)."""
    if UPDATE or not expected_path.exists():
        expected_path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote {expected_path.name}: check it by hand")
    expected = expected_path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            "expected", "got", n=2))
        pytest.fail(f"{label} differs from {expected_path.name}:\n{diff[:6000]}")


def test_numbered_fixture_run_in_heading_offsets():
    outline = seg.segment(fixture_doc("zhejiang_official_numbered.txt"), CUES)
    sections = {s.section_id: s for s in outline.sections}
    assert (sections["1.1"].number, sections["1.1"].title) == ("（一）", "发展基础")
    first = next(p for p in outline.paragraphs if p.line == sections["1.1"].line)
    line = outline.doc.lines[first.line - 1]
    assert first.kind == "paragraph" and first.line_char_start == len("（一）发展基础。")
    assert line[first.line_char_start:first.line_char_end] == first.text
    assert first.text.startswith("“十三五”时期，面对")


def test_numbered_fixture_list_inside_paragraph_is_not_heading():
    outline = seg.segment(fixture_doc("zhejiang_official_numbered.txt"), CUES)
    listed = [p for p in outline.paragraphs if p.text.startswith(("1.落实", "2.加大", "3.支持"))]
    assert len(listed) == 3 and all(p.kind == "paragraph" for p in listed)
    assert {p.section_id for p in listed} == {"3.1"}
    titles = [s.title for s in outline.sections]
    assert not any(t.startswith(("落实减负稳岗政策", "更加充分")) for t in titles)
    # items of a list introduced by "…主要目标是：" stay paragraphs even when run-in shaped
    goals = [p for p in outline.paragraphs if p.text.startswith(("1.更加充分", "2.更加健全"))]
    assert [(p.kind, p.section_id) for p in goals] == [("paragraph", "2.3")] * 2


def test_run_in_list_heading_after_body_text():
    lines = ["（一）完善就业政策", "支持企业稳定岗位，鼓励市场主体吸纳就业。",
             "1.加强组织领导。各地要把促进就业摆在突出位置，落实工作责任。",
             "2.强化资金保障。加大就业补助资金投入，提高资金使用效益。", "（二）加强监测"]
    outline = _one(lines)
    assert [(s.section_id, s.number, s.title) for s in outline.sections] == [
        ("1", "（一）", "完善就业政策"), ("1.1", "1.", "加强组织领导"), ("1.2", "2.", "强化资金保障"),
        ("2", "（二）", "加强监测")]


def test_numbered_fixture_front_matter():
    outline = seg.segment(fixture_doc("zhejiang_official_numbered.txt"), CUES)
    assert outline.front_matter == {"doc_number": "浙发改规划〔2021〕208号",
                                    "issue_date": "2021-05-31",
                                    "issuer": "浙江省发展和改革委员会、浙江省人力资源和社会保障厅"}
    front = [p for p in outline.paragraphs if p.kind == "front_matter"]
    assert [p.line for p in front] == [1, 2, 4, 5, 7, 8, 9, 11]
    assert all(p.section_id is None for p in front)
    assert outline.sections[0].title == "规划背景"


def test_traditional_fixture_levels_follow_nesting():
    outline = seg.segment(fixture_doc("national_outline_traditional.zh-tw.txt"), CUES)
    levels = {s.number[:2] + s.number[-1]: s.level for s in outline.sections}
    assert levels == {"第一篇": 1, "第一章": 2, "第一节": 3, "第二节": 3, "第三章": 2,
                      "第二篇": 1, "第四章": 2, "第三节": 3}
    assert outline.paragraphs[0].source_text.startswith("“十四五”時期是我國")


def test_html_fixture_uses_hints():
    outline = seg.segment(fixture_doc("guangdong_html.blocks.json"), CUES)
    assert all(s.line is None for s in outline.sections)
    assert [(s.level, s.title) for s in outline.sections[:2]] == [
        (1, "第一章 发展基础和发展环境"[4:]), (2, "“十三五”时期取得的主要成就")]
    rows = outline.indicators
    assert rows[0].headers == ("2020年", "2025年")            # one per value column
    assert (rows[0].category, rows[0].name, rows[0].unit, rows[0].attribute) == (
        "就业创业", "城镇新增就业", "万人", "预期性")
    assert rows[0].values == ("〔698〕", "〔550〕") and rows[0].cumulative == (True, True)
    assert rows[3].attribute == "约束性" and rows[3].category == "社会保障"
    column = outline.columns[0]
    assert (column.label, column.title, column.n_items) == ("专栏1", "技能人才培育重点工程", 3)
    assert outline.column_items[0].title == "“广东技工”工程"


# --------------------------------------------------------------------------- rules, inline


def _one(lines, **kw) -> Outline:
    return seg.segment(make_doc(lines, **kw), CUES)


@pytest.mark.parametrize("line, number, title", [
    ("第一章 总体要求", "第一章", "总体要求"),
    ("第一章　总体要求", "第一章", "总体要求"),
    ("一、规划背景", "一、", "规划背景"),
    ("一．规划背景", "一．", "规划背景"),
    ("（一）发展基础", "（一）", "发展基础"),
    ("(一) 发展基础", "(一)", "发展基础"),
    ("1.加强组织领导", "1.", "加强组织领导"),
    ("1． 加强组织领导", "1．", "加强组织领导"),
    ("（1）实施省级统筹", "（1）", "实施省级统筹"),
    ("①新时代工匠遴选培育计划", "①", "新时代工匠遴选培育计划"),
    ("第二节　“十四五”时期经济社会发展主要目标", "第二节", "“十四五”时期经济社会发展主要目标"),
    ("（三）主要目标：", "（三）", "主要目标"),
    ("１．加强组织领导", "１．", "加强组织领导"),
])
def test_numbered_heading_forms(line, number, title):
    outline = _one([line, "坚持以人民为中心的发展思想，不断满足人民对美好生活的需要。", line])
    assert [(s.number, s.title) for s in outline.sections][:1] == [(number, title)]


def test_levels_follow_document_nesting_not_a_fixed_table():
    lines = ["（一）就业", "1.稳岗", "正文一。", "（二）社保", "一、另一种编号", "（1）深一层", "正文二。"]
    got = [(s.number, s.level) for s in _one(lines).sections]
    assert got == [("（一）", 1), ("1.", 2), ("（二）", 1), ("一、", 2), ("（1）", 3)]


def test_article_heading_keeps_its_text_as_paragraph():
    outline = _one(["第一条 为规范人力资源市场活动，制定本办法。", "第二条 本办法适用于本省行政区域内。"])
    assert [(s.number, s.title) for s in outline.sections] == [("第一条", ""), ("第二条", "")]
    assert outline.paragraphs[0].text == "为规范人力资源市场活动，制定本办法。"


def test_bare_heading_parent_by_adjacency_and_intro():
    body = "坚持经济发展就业导向，把稳定和扩大就业作为宏观调控的优先目标，" * 4 + "增强创造就业岗位的能力。"
    lines = ["规划背景", "发展基础", body, "发展环境", body,
             "高质量就业", "大力实施就业优先政策，健全促进机制。", "强化就业优先导向", body,
             "完善积极就业政策体系", body]
    got = [(s.section_id, s.title) for s in _one(lines).sections]
    assert got == [("1", "规划背景"), ("1.1", "发展基础"), ("1.2", "发展环境"),
                   ("2", "高质量就业"), ("2.1", "强化就业优先导向"), ("2.2", "完善积极就业政策体系")]


def test_bare_headings_without_parents_are_all_level_one():
    body = "完善创业政策体系，推动建立创业带动就业专项资金长效投入机制，推进创业孵化基地高质量建设。"
    outline = _one(["强化就业优先导向", body, "完善积极就业政策体系", body + body])
    assert [s.level for s in outline.sections] == [1, 1]


def test_one_short_section_among_flat_ones_is_not_a_parent():
    body = "坚持经济发展就业导向，把稳定和扩大就业作为宏观调控的优先目标，增强经济发展创造就业岗位的能力。" * 3
    lines = ["强化就业优先导向", body, "加大宣传力度", "做好政策解读，完善新闻发布机制。", "加强队伍建设", body,
             "强化规划实施", body]
    assert [s.level for s in _one(lines).sections] == [1, 1, 1, 1]


def test_title_subtitle_and_preface():
    lines = ["浙江省数字经济发展“十四五”规划", "（2021—2025年）", "前　言",
             "数字经济是继农业经济、工业经济之后的主要经济形态。", "第一章 发展基础", "第一节 发展成效",
             "“十三五”时期，全省数字经济快速发展。", "第二章 总体要求", "结束语", "让我们紧密团结，奋力开创新局面。"]
    outline = _one(lines)
    assert [(s.section_id, s.number, s.title) for s in outline.sections] == [
        ("1", None, "前　言"), ("2", "第一章", "发展基础"), ("2.1", "第一节", "发展成效"),
        ("3", "第二章", "总体要求"), ("4", None, "结束语")]
    assert [p.kind for p in outline.paragraphs][:2] == ["front_matter", "front_matter"]


def test_numbered_document_keeps_short_lines_as_paragraphs():
    outline = _one(["一、规划背景", "发展基础", "正文。", "二、总体要求", "指导思想"])
    assert [s.title for s in outline.sections] == ["规划背景", "总体要求"]
    assert [p.text for p in outline.paragraphs] == ["发展基础", "正文。", "指导思想"]


def test_intro_threshold_needs_a_clear_gap():
    c = CUES
    assert levels._intro_threshold([54, 59, 68, 70, 75, 87, 99, 136, 147, 160, 394], c) == 99
    assert levels._intro_threshold([150, 160, 170], c) == 0
    assert levels._intro_threshold([], c) == 0


@pytest.mark.parametrize("line", [
    "——坚持以人民为中心。坚决把以人民为中心的发展思想贯彻落实到全过程各方面。",
    "注：〔 〕内为5年累计数。",
    "表1 主要指标",
    "2021年5月31日",
    "坚持系统观念，统筹发展和安全",
])
def test_not_bare_headings(line):
    outline = _one(["规划背景", line, "发展环境", "正文" * 80])
    assert line.strip() not in [s.title for s in outline.sections]


def test_bare_table_caption_is_not_a_heading():
    body = "坚持经济发展就业导向，把稳定和扩大就业作为宏观调控的优先目标，增强创造就业岗位的能力。" * 2
    lines = ["发展基础", body, "人力社保事业发展主要指标", "| | | |", "1.城镇新增就业(万人) 〔537〕 〔500〕 | | |",
             "发展环境", body]
    outline = _one(lines)
    assert [s.title for s in outline.sections] == ["发展基础", "发展环境"]
    assert [p.kind for p in outline.paragraphs] == ["paragraph", "paragraph", "table", "paragraph"]


def test_note_and_cumulative_values():
    outline = _one(["一、就业创业 1.城镇新增就业(万人) 〔537〕 〔500〕 〔612〕 | | |",
                    "| | |", "注：〔 〕内为5年累计数。"])
    row = outline.indicators[0]
    assert row.cumulative == (True, True, True) and row.numbers == (537, 500, 612)
    assert [p.kind for p in outline.paragraphs] == ["table", "note"]
    assert outline.paragraphs[0].n_residue_lines == 1


def test_standalone_residue_run_is_one_empty_residue_paragraph():
    first, second = "加强协调劳动关系三方机制建设，规范劳务派遣用工。", "强化劳动关系源头治理，完善形势分析制度。"
    outline = _one([first, "| | | |", "| | | |", second])
    kinds = [(p.kind, p.text, p.n_residue_lines) for p in outline.paragraphs]
    assert kinds == [("paragraph", first, 0), ("residue", "", 2), ("paragraph", second, 0)]


@pytest.mark.parametrize("line, label, number, n_items", [
    ("专栏 一 重大工程 ①项目甲 建设甲。 ②项目乙 建设乙。", "专栏 一", 1, 2),
    ("专栏1-1 重点项目 1.项目甲：建设甲。 2.项目乙：建设乙。 3.项目丙：建设丙。", "专栏1-1", 1, 3),
    ("专栏十二 数字化改革 （1）政务运行 建设并迭代政务系统。 （2）协同治理 打造工作场景。", "专栏十二", 12, 2),
])
def test_one_line_column_forms(line, label, number, n_items):
    outline = _one(["一、主要任务", line])
    column = outline.columns[0]
    assert (column.label, column.number, column.n_items) == (label, number, n_items)
    assert column.section_id == "1"
    items = outline.column_items
    assert items[0].title in ("项目甲", "政务运行") and items[0].item_no == 1


def test_column_title_with_a_space_and_intro():
    outline = _one(["一、主要任务", "专栏1 “十四五”时期 重大工程 01 项目甲 建设甲。 02 项目乙 建设乙。 |",
                    "专栏2 技能人才培育工程 每年开展技能人才培训100万人次以上。 01 工匠计划 培育工匠。 |"])
    first, second = outline.columns
    assert (first.title, first.intro, first.n_items) == ("“十四五”时期 重大工程", None, 2)
    assert (second.title, second.intro) == ("技能人才培育工程", "每年开展技能人才培训100万人次以上。")


def test_front_matter_chinese_date():
    outline = _one(["国务院办公厅关于印发“十四五”全民医疗保障规划的通知", "国办发〔2021〕36号",
                    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
                    "《“十四五”全民医疗保障规划》已经国务院同意，现印发给你们，请认真贯彻执行。",
                    "国务院办公厅", "二〇二一年九月二十三日", "（此件公开发布）",
                    "一、发展环境", "当前和今后一个时期，我国发展仍然处于重要战略机遇期。",
                    "二、指导思想", "坚持以人民为中心，坚持新发展理念。"])
    assert outline.front_matter == {"doc_number": "国办发〔2021〕36号", "issue_date": "2021-09-23",
                                    "issuer": "国务院办公厅"}
    assert [s.title for s in outline.sections] == ["发展环境", "指导思想"]


def test_heading_cues_examples_match():
    """Every example in heading_cues.toml matches the pattern it documents."""
    data = tomllib.loads((LEXICON_DIR / heading_cues.CUES_FILE).read_text(encoding="utf-8"))
    c = CUES
    for entry in data["numbering"]:
        assert numbering._match_number(entry["example"], c)[0].name == entry["name"], entry
    for entry in data["column_item"]:
        assert columns._split_items(entry["example"], 0, len(entry["example"]), c), entry
    assert c.residue.match(data["residue"]["example"]) and c.residue.match(data["residue"]["example_rule"])
    assert tables.table_cells(data["indicator"]["example_pipe_row"], c)[:2] == ["1", "城镇新增就业"]
    assert c.residue_suffix.search(data["residue"]["example_suffix"])
    assert c.note.match(data["note"]["example"])
    assert c.page_number.match(data["page_number"]["example"])
    assert "，" in c.title_inner_punct and data["bare"]["max_levels"] == c.bare_max_levels
    assert c.toc.match(data["toc"]["example"]) and c.toc_leader.search(data["toc"]["example_leader"])
    h = data["heading"]
    assert numbering._heading_shape(h["example_numbered"][3:], c, c.max_numbered_title)
    assert numbering._runin_split(h["example_runin"][3:], c) == len("发展基础")
    assert h["example_list_intro"].endswith(c.list_intro)
    assert len(data["bare"]["example_intro"]) <= c.intro_max_chars
    assert c.parts_announcement.match(data["bare"]["example_parts_announcement"])["n"] == "八"
    assert announced.announced_count(data["bare"]["example_open_parts_announcement"], c) == announced.OPEN
    assert announced.announced_count(data["bare"]["example_parts_announcement_clause"], c) == 8
    assert c.not_title.match(data["bare"]["example_not_title"])
    assert c.not_title.match(data["bare"]["example_not_title_enumeration"])
    for name in ("subject", "time", "since"):
        assert c.not_title.match(data["bare"][f"example_not_title_{name}"])
    for name in ("example_publication", "example_publication_abridged"):
        assert c.publication.match(data["front_matter"][name])
    assert c.issuer.match(data["front_matter"]["example_issuer"])
    assert not c.issuer.match(data["front_matter"]["example_not_issuer"])
    assert c.attachment_list.match(data["standalone"]["example_attachment_list"])
    assert c.column.match(data["column"]["example"])
    assert c.caption.match(data["bare"]["example_caption"])
    assert c.caption.match(data["bare"]["example_caption_picture"])
    assert c.standalone.match(data["standalone"]["example"])
    assert c.attachment.match(data["standalone"]["example_attachment"])
    assert numbering._is_bare_candidate(data["bare"]["example"], c)
    ind, fm = data["indicator"], data["front_matter"]
    assert c.row_number.match(ind["example_row"]) and c.category.match(ind["example_category"])
    assert c.value.match(ind["example_value"]) and c.number.match(ind["example_number"])
    assert c.unit.search(ind["example_unit"]) and c.header_year.match(ind["example_header_year"])
    assert c.indicator_table.search(ind["example_indicator_table"])
    assert ind["example_attribute"] in c.attributes
    for key in ("doc_number", "notice", "notice_title"):
        assert getattr(c, key).search(fm[f"example_{key}"]), key
    for key in ("addressee", "publication", "date", "issuer", "doc_title", "subtitle"):
        assert getattr(c, key).match(fm[f"example_{key}"]), key
    assert c.date.match(fm["example_date_bracketed"])
    assert c.doc_number_label.search(fm["example_doc_number_label"])
    assert fm["example_metadata"].partition("：")[0] in dict(c.metadata_keys).values()
    assert c.metadata_date.match(fm["example_metadata_date"])


# --------------------------------------------------------------------------- property


HEADING_LIKE = ["一、规划背景", "（一）发展基础。“十三五”时期，全省就业稳定。", "第一章　总则", "1.加强组织领导",
                "发展环境", "推进人社领域基本公共服务标准化建设。", "第一条 为规范，制定本办法。", "①项目",
                "——坚持以人民为中心。", "注：〔 〕内为5年累计数。", "浙发改规划〔2021〕208号", "（此件主动公开）",
                "2021年5月31日", "各市、县（市、区）人民政府：", "表1 主要指标", "指标 2020年 2025年 属性"]
COLUMN_LIKE = ["专栏3 高质量就业专项行动 01 计划甲 健全体系。 02 计划乙 每年帮扶7万人。 |",
               "专栏6 工程 引言一句。 01 计划 培育30名。 |", "专栏1", "专栏2-1 设施", "1）项目 建设。",
               "（1）项目：建设。", "数字就业：建设平台。"]
RESIDUE_LIKE = ["| | | |", "|", " ｜ ｜ ", "一、人才队伍建设 1.人才资源总量(万人) 1075 1400 1400 | | | |",
                "7.专业技术人才总量(万人) | | | |", "1.城镇新增就业(万人) 〔60〕 〔62.5〕 2.失业率(%) <3 —",
                "| 序号 | 指标 | 2025年 |", "| --- | :---: | ---: |", "| 1 | 城镇新增就业 | 〔700〕 |", "｜2｜失业率｜<5.5｜"]
line_strategy = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HEADING_LIKE + COLUMN_LIKE + RESIDUE_LIKE),
    st.builds(lambda a, b: a + b, st.sampled_from(HEADING_LIKE + COLUMN_LIKE + RESIDUE_LIKE),
              st.text(alphabet="一二三四五六七八九十（）()、.．。：: |0123456789专栏注—年", max_size=12)),
)


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in RESIDUE_CHARS)


def _pieces(outline: Outline) -> str:
    """Section numbers/titles and paragraph texts in document order."""
    items = [((s.line, -1, 0), (s.number or "") + s.title) for s in outline.sections]
    items += [((p.line, p.line_char_start, 1), p.text) for p in outline.paragraphs]
    return "".join(text for _key, text in sorted(items, key=lambda item: item[0]))


def assert_lossless(lines, outline: Outline) -> None:
    """The pieces, in order, are the input minus whitespace, residue (pipes, a Markdown
    table's rule of dashes) and the one mark that ends or separates a heading title (。：:)."""
    kept = (line for line in lines if not CUES.residue.match(line))
    source, got = _squeeze("".join(kept)), _squeeze(_pieces(outline))
    dropped = CUES.numbered_terminal + CUES.runin_separators
    k = 0
    for ch in source:
        if k < len(got) and got[k] == ch:
            k += 1
        else:
            assert ch in dropped, f"lost {ch!r}: {source!r} vs {got!r}"
    assert k == len(got), f"duplicated or invented text: {source!r} vs {got!r}"
    n_dropped = len(source) - len(got)
    assert n_dropped <= len(outline.sections), "only one mark per heading may be dropped"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_strategy, max_size=25))
def test_segmentation_never_loses_or_duplicates_text(lines):
    outline = seg.segment(make_doc(lines), CUES)
    assert_lossless(lines, outline)
    assert [p.seq for p in outline.paragraphs] == list(range(1, len(outline.paragraphs) + 1))
    for p in outline.paragraphs:
        assert lines[p.line - 1][p.line_char_start:p.line_char_end] == p.text
    for item in outline.column_items:
        assert 0 <= item.char_start <= item.char_end


def test_first_document_is_lossless():
    outline = first_outline()
    assert_lossless(outline.doc.lines, outline)


@pytest.mark.parametrize("name", [n for n in FIXTURE_NAMES if n.endswith(".txt")])
def test_fixtures_are_lossless(name):
    doc = fixture_doc(name)
    assert_lossless(doc.lines, seg.segment(doc, CUES))


def test_segment_is_deterministic():
    doc = traditional_doc(FIRST_DOC, "zj")
    assert outline_json(seg.segment(doc, CUES)) == outline_json(seg.segment(doc, CUES))


def test_html_residue_table_row_is_not_text():
    hints = [LineHint("table_row", table_no=1, is_header=True), LineHint("table_row", table_no=1),
             LineHint("table_row", table_no=1)]
    outline = seg.segment(make_doc(["指标\t2020年\t2025年", "1.城镇新增就业（万人）\t600\t550", "\t\t"],
                                   fmt="html", hints=hints), CUES)
    assert [p.kind for p in outline.paragraphs] == ["table", "table"]
    assert outline.indicators[0].values == ("600", "550")
    assert re.fullmatch(r"i\d{3}", outline.indicators[0].row_id)


PIPE_TABLE = [
    "二、主要目标",
    "表1 “十四五”时期就业促进主要指标",
    "| 序号 | 指标 | 单位 | 2020年 | 2025年 | 属性 |",
    "| --- | --- | :---: | ---: | ---: | --- |",
    "| 一、就业 | | | | | |",
    "| 1 | 城镇新增就业 | 万人 | 〔760〕 | 〔700〕 | 预期性 |",
    "| 2 | 城镇调查失业率 | % | 4.6 | <5.5 | |",
    "｜3｜农民工总量｜万人｜1500｜1600｜预期性｜",
    "注：〔 〕内为5年累计数。",
    "到2025年，城镇新增就业700万人以上。",
]
HEADERS = ("2020年", "2025年")                 # the headers of the value columns


def test_a_table_written_between_pipes_gives_its_cells_in_place():
    # text converted from Markdown or a word processor: cells between pipes, a rule of
    # dashes, a category row, an empty last cell
    outline = seg.segment(make_doc(PIPE_TABLE), CUES)
    assert [(i.category, i.row_no, i.name, i.unit, i.headers, i.values, i.numbers, i.cumulative, i.attribute, i.line)
            for i in outline.indicators] == [
        ("就业", "1", "城镇新增就业", "万人", HEADERS, ("〔760〕", "〔700〕"), (760.0, 700.0), (True, True), "预期性", 6),
        ("就业", "2", "城镇调查失业率", "%", HEADERS, ("4.6", "<5.5"), (4.6, 5.5), (False, False), None, 7),
        ("就业", "3", "农民工总量", "万人", HEADERS, ("1500", "1600"), (1500.0, 1600.0), (False, False), "预期性", 8),
    ]
    assert [(p.kind, p.line) for p in outline.paragraphs] == [
        ("paragraph", 2), ("table", 3), ("table", 5), ("table", 6), ("table", 7), ("table", 8), ("note", 9),
        ("paragraph", 10)]
    assert_lossless(PIPE_TABLE, outline)


def test_pipes_before_a_flattened_row_are_residue():
    lines = ["表1 主要指标", "指标 2020年 2025年 属性",
             "一、人才队伍建设 1.人才资源总量(万人) 1075 1400 1400 | | | |",
             "| | | 2.技能人才总量(万人) 1000 1300 1300 | |"]
    outline = seg.segment(make_doc(lines), CUES)
    assert [(i.category, i.row_no, i.name, i.values) for i in outline.indicators] == [
        ("人才队伍建设", "1", "人才资源总量", ("1075", "1400", "1400")),
        ("人才队伍建设", "2", "技能人才总量", ("1000", "1300", "1300"))]


def test_html_project_table_and_caption_row_are_not_indicators():
    rows = ["表2 重大项目表", "序号\t项目名称\t建设内容\t总投资（亿元）", "1\t省人力资源服务产业园\t建设园区\t12",
            "表1 主要指标", "指标\t2020年\t2025年", "城镇新增就业（万人）\t〔537〕\t〔500〕"]
    hints = [LineHint("table_row", table_no=1), LineHint("table_row", table_no=1, is_header=True),
             LineHint("table_row", table_no=1), LineHint("table_row", table_no=2),
             LineHint("table_row", table_no=2, is_header=True), LineHint("table_row", table_no=2)]
    outline = seg.segment(make_doc(rows, fmt="html", hints=hints), CUES)
    assert [(i.table_no, i.category, i.name, i.unit, i.values) for i in outline.indicators] == [
        (2, None, "城镇新增就业", "万人", ("〔537〕", "〔500〕"))]


def test_table_of_contents_is_front_matter_not_sections():
    lines = ["浙江省人力资源和社会保障事业发展“十四五”规划", "目　录", "一、规划背景……………………1",
             "（一）发展基础……………1", "（二）发展环境 3", "二、总体要求……5", "一、规划背景",
             "（一）发展基础。“十三五”时期，全省就业局势保持稳定，成绩显著。", "（二）发展环境。今后五年，形势复杂。",
             "二、总体要求", "坚持以人民为中心，坚持新发展理念。"]
    outline = _one(lines)
    assert [(s.section_id, s.title, s.line) for s in outline.sections] == [
        ("1", "规划背景", 7), ("1.1", "发展基础", 8), ("1.2", "发展环境", 9), ("2", "总体要求", 10)]
    assert [p.line for p in outline.paragraphs if p.kind == "front_matter"] == [1, 2, 3, 4, 5, 6]


def test_column_item_title_line_then_text_line():
    lines = ["一、主要任务", "（一）促进就业", "支持企业稳定岗位，鼓励市场主体吸纳就业。", "专栏1　重点工程", "",
             "1.高校毕业生就业创业促进计划", "健全多部门联动、全社会参与的高校毕业生就业创业服务体系。", "",
             "2.就业困难人员精准帮扶计划", "每年帮扶困难人员实现就业7万人。",
             "（二）加强监测", "构建就业失业统计监测调查体系，推动数据共享。"]
    outline = _one(lines)
    items = [(i.item_no, i.title, i.text, i.line) for i in outline.column_items]
    assert items == [(1, "高校毕业生就业创业促进计划", "健全多部门联动、全社会参与的高校毕业生就业创业服务体系。", 6),
                     (2, "就业困难人员精准帮扶计划", "每年帮扶困难人员实现就业7万人。", 9)]
    assert [p.line for p in outline.paragraphs if p.column_id == "c01"] == [4, 6, 7, 9, 10]
    assert outline.sections[-1].title == "加强监测" and outline.paragraphs[-1].section_id == "1.2"


def test_manifest_heading_levels_override_inference():
    body = "坚持经济发展就业导向，把稳定和扩大就业作为宏观调控的优先目标，增强创造就业岗位的能力。"
    lines = ["强化就业优先导向", body, "完善积极就业政策体系", body, "附：名词解释"]
    raw = RawDocument(DocumentMeta(doc_id="t", heading_levels=((3, 2), (5, 1))), "t.txt", "0" * 64,
                      "utf-8", "text", tuple(lines))
    outline = seg.segment(NormalizedDocument(raw, tuple(lines), "simplified", False), CUES)
    assert [(s.section_id, s.title, s.level) for s in outline.sections] == [
        ("1", "强化就业优先导向", 1), ("1.1", "完善积极就业政策体系", 2), ("2", "附：名词解释", 1)]


hint_strategy = st.one_of(
    st.none(),
    st.builds(LineHint, kind=st.just("heading"), level=st.integers(1, 6)),
    st.just(LineHint("emphasis")),
    st.builds(LineHint, kind=st.just("table_row"), table_no=st.integers(1, 3),
              is_header=st.booleans()),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.one_of(line_strategy, st.sampled_from(
    ["序号\t指标\t单位\t2020年\t2025年\t属性", "1\t城镇新增就业\t万人\t〔698〕\t〔550〕\t预期性",
     "一、就业创业", "专栏1 重点工程", "1\t“广东技工”工程\t每年培训100万人次。"])), hint_strategy,
    st.text(max_size=8)), max_size=20))
def test_html_segmentation_never_raises(rows):
    lines = [r[0] for r in rows]
    raw_lines = [r[2] for r in rows]                # raw lines of other lengths: whole-line source
    outline = seg.segment(make_doc(lines, raw_lines=raw_lines, fmt="html",
                                   hints=[r[1] for r in rows]), CUES)
    assert all(s.line is None for s in outline.sections)
    for p in outline.paragraphs:
        assert lines[p.line - 1][p.line_char_start:p.line_char_end] == p.text
        assert p.source_text in (raw_lines[p.line - 1],
                                 raw_lines[p.line - 1][p.line_char_start:p.line_char_end])
    assert len({i.row_id for i in outline.indicators}) == len(outline.indicators)


# --------------------------------------------------------------------------- evaluation corpus
# Exact expectations per case: every heading, 专栏, 专栏 item, indicator row and front-matter
# field of each hand-written ``<name>.outline``, in the document as written and in its
# Traditional copy (OpenCC s2tw), plus one test per document that nothing else was found.
# Known misses are xfail(strict) with their reason in tests/fixtures/known_misses.toml;
# scores are ``make eval``'s business.

EVAL = FIXTURES / "eval"
EVAL_TABLES = FIXTURES / "eval_tables"         # real 主要指标 tables, no headings of their own
EVAL_NAMES = sorted(p.name for p in EVAL.iterdir() if p.suffix in (".txt", ".html"))
EVAL_TABLE_NAMES = sorted(p.name for p in EVAL_TABLES.iterdir() if p.suffix in (".txt", ".html"))
EVAL_PATHS = {name: EVAL / name for name in EVAL_NAMES} | {
    name: EVAL_TABLES / name for name in EVAL_TABLE_NAMES}
EVAL_KEYS = {name: parse_outline(path.with_suffix(".outline")) for name, path in EVAL_PATHS.items()}
VARIANTS = {"": "", " [zh-tw]": "/zh-tw"}      # as written, converted with OpenCC s2tw: id part
EVAL_TESTS = ("test_eval_heading", "test_eval_column", "test_eval_column_item",
              "test_eval_indicator", "test_eval_front_matter", "test_eval_nothing_spurious")


@pytest.fixture(scope="module")
def eval_outlines(tmp_path_factory) -> dict[str, Outline]:
    """name (with " [zh-tw]" for the Traditional copy) -> outline, through ingest + normalize."""
    tmp = tmp_path_factory.mktemp("eval")
    s2tw = opencc.OpenCC("s2tw")
    out = {}
    for name, path in EVAL_PATHS.items():
        traditional = tmp / f"{path.stem}.zh-tw{path.suffix}"
        traditional.write_text(s2tw.convert(path.read_text(encoding="utf-8")), encoding="utf-8")
        for variant, source in zip(VARIANTS, (path, traditional)):
            raw = read_document(source, DocumentMeta(doc_id=path.stem), CHROME)
            out[name + variant] = seg.segment(normalize(raw, NORMALIZE), CUES)
    return out


def found_entries(outline: Outline) -> dict[str, list[tuple]]:
    """What the outline holds, in the shapes of an ``.outline`` answer key."""
    labels = {c.column_id: c.label for c in outline.columns}
    return {"H": [(s.level, s.number, s.title) for s in outline.sections],
            "C": [(c.label, c.title, c.n_items) for c in outline.columns],
            "-": [(labels[i.column_id], i.item_no, i.title) for i in outline.column_items],
            "I": [(i.name, i.unit, i.values) for i in outline.indicators]}


def expected_entries(key) -> dict[str, list[tuple]]:
    return {"H": key.headings, "C": key.columns, "-": key.items, "I": key.indicators}


def _eval_cases(test: str, tag: str, describe) -> list:
    """One case per entry of the answer keys (the n-th of identical entries is ``#n``)."""
    params = []
    for name, key in EVAL_KEYS.items():
        entries = expected_entries(key)[tag] if tag != "F" else sorted(key.front.items())
        for variant in VARIANTS:
            seen: dict[tuple, int] = {}
            for entry in entries:
                nth = seen[entry] = seen.get(entry, 0) + 1
                case_id = f"{name}{VARIANTS[variant]}/{tag} {describe(entry)}" + (f" #{nth}" if nth > 1 else "")
                params.append(case(test, case_id, name + variant, entry, nth))
    return params


def assert_found(entries: list[tuple], entry: tuple, nth: int, near) -> None:
    """``entry`` is found at least ``nth`` times; else say what was found instead."""
    if entries.count(entry) < nth:
        similar = [e for e in entries if near(e)]
        pytest.fail(f"{entry} not found" + (f" #{nth}" if nth > 1 else "")
                    + (f"; found instead: {similar}" if similar else "; nothing like it found"))


@pytest.mark.parametrize("doc, heading, nth", _eval_cases(
    "test_eval_heading", "H", lambda h: f"{h[0]} {h[1] or ''}{h[2]}"))
def test_eval_heading(doc, heading, nth, eval_outlines):
    """The heading is found with its level, number and title."""
    assert_found(found_entries(eval_outlines[doc])["H"], heading, nth, lambda h: h[2] == heading[2])


@pytest.mark.parametrize("doc, column, nth", _eval_cases(
    "test_eval_column", "C", lambda c: f"{c[0]} {c[1]}"))
def test_eval_column(doc, column, nth, eval_outlines):
    """The 专栏 is found with its label, title and number of items."""
    assert_found(found_entries(eval_outlines[doc])["C"], column, nth, lambda c: c[0] == column[0])


@pytest.mark.parametrize("doc, item, nth", _eval_cases(
    "test_eval_column_item", "-", lambda i: f"{i[0]}.{i[1]} {i[2]}"))
def test_eval_column_item(doc, item, nth, eval_outlines):
    """The 专栏 item is found in its 专栏 with its number and title."""
    assert_found(found_entries(eval_outlines[doc])["-"], item, nth, lambda i: i[:2] == item[:2])


@pytest.mark.parametrize("doc, row, nth", _eval_cases(
    "test_eval_indicator", "I", lambda r: r[0]))
def test_eval_indicator(doc, row, nth, eval_outlines):
    """The indicator row is found with its name, unit and values as printed."""
    assert_found(found_entries(eval_outlines[doc])["I"], row, nth, lambda r: r[0] == row[0])


@pytest.mark.parametrize("doc, field, nth", _eval_cases(
    "test_eval_front_matter", "F", lambda f: f[0]))
def test_eval_front_matter(doc, field, nth, eval_outlines):
    key, value = field
    assert eval_outlines[doc].front_matter.get(key) == value


@pytest.mark.parametrize("doc", [case("test_eval_nothing_spurious", name + part, name + variant)
                                 for name in EVAL_KEYS for variant, part in VARIANTS.items()])
def test_eval_nothing_spurious(doc, eval_outlines):
    """No heading, 专栏, item or indicator row that the answer key does not list."""
    expected = expected_entries(EVAL_KEYS[doc.split(" ")[0]])
    spurious = {tag: sorted((Counter(got) - Counter(expected[tag])).elements(), key=str)
                for tag, got in found_entries(eval_outlines[doc]).items()}
    assert not {tag: extra for tag, extra in spurious.items() if extra}


def test_eval_known_misses_name_existing_cases():
    assert not stale_entries(EVAL_TESTS)


def test_eval_corpus_is_diverse():
    suffixes = [name.rsplit(".", 1)[1] for name in EVAL_NAMES]
    assert len(EVAL_NAMES) >= 8 and suffixes.count("html") >= 3 and suffixes.count("txt") >= 5
    for name in EVAL_NAMES:
        assert EVAL_KEYS[name].headings, name
    for name in EVAL_TABLE_NAMES:
        assert EVAL_KEYS[name].indicators, name


@pytest.mark.parametrize("name", EVAL_NAMES)
def test_eval_fixture_is_lossless(name, eval_outlines):
    for key in (name, f"{name} [zh-tw]"):
        outline = eval_outlines[key]
        if outline.doc.raw.format == "text":
            assert_lossless(outline.doc.lines, outline)
        else:                                   # html sections carry no line: count characters
            pieces = [(s.number or "") + s.title for s in outline.sections]
            pieces += [p.text for p in outline.paragraphs]
            source, got = Counter(_squeeze("".join(outline.doc.lines))), Counter(_squeeze("".join(pieces)))
            assert not got - source, "invented text"
            lost = source - got
            dropped = CUES.numbered_terminal + CUES.runin_separators
            assert all(ch in dropped for ch in lost), lost
            assert sum(lost.values()) <= len(outline.sections)
        for p in outline.paragraphs:
            assert outline.doc.lines[p.line - 1][p.line_char_start:p.line_char_end] == p.text


def test_eval_traditional_copy_segments_like_the_original(eval_outlines):
    for name in EVAL_NAMES:
        original, traditional = eval_outlines[name], eval_outlines[f"{name} [zh-tw]"]
        assert [(s.level, s.number) for s in traditional.sections] == \
            [(s.level, s.number) for s in original.sections], name
        assert len(traditional.indicators) == len(original.indicators), name
        assert [c.n_items for c in traditional.columns] == [c.n_items for c in original.columns]


# --------------------------------------------------------------------------- rules found by the corpus


def test_numbered_heading_title_with_a_comma():
    outline = _one(["三、坚持经济发展就业导向，不断扩大就业容量", "（一）强化就业优先政策。",
                    "健全就业优先政策体系。", "四、各地要高度重视，认真组织实施。"])
    # 四、 continues the run 三、 → 四、: a point printed without a title is a part with its
    # number and no title (as 第一条 is), its sentence the paragraph under it
    assert [(s.number, s.title) for s in outline.sections] == [
        ("三、", "坚持经济发展就业导向，不断扩大就业容量"), ("（一）", "强化就业优先政策"), ("四、", "")]
    assert outline.paragraphs[-1].text == "各地要高度重视，认真组织实施。"


def test_category_row_alone_in_text_table_is_not_a_heading():
    outline = _one(["第一章 发展目标", "指标 2020年 2025年 属性", "一、参保覆盖",
                    "1.基本医疗保险参保率（%） 98.5 >98 约束性", "二、保障程度",
                    "2.职工医保住院费用基金支付比例（%） 85.2 保持稳定 约束性", "第二章 主要任务"])
    assert [s.title for s in outline.sections] == ["发展目标", "主要任务"]
    rows = outline.indicators
    assert [(r.category, r.name, r.unit, r.values, r.attribute) for r in rows] == [
        ("参保覆盖", "基本医疗保险参保率", "%", ("98.5", ">98"), "约束性"),
        ("保障程度", "职工医保住院费用基金支付比例", "%", ("85.2", "保持稳定"), "约束性")]
    assert rows[0].headers == ("2020年", "2025年")
    assert [p.kind for p in outline.paragraphs] == ["table"] * 5


def test_heading_right_after_a_text_table_stays_a_heading():
    outline = _one(["一、总体要求", "指标 2020年 2025年 属性", "1.城镇新增就业（万人） 〔537〕 〔500〕 预期性",
                    "二、主要任务", "1.加强组织领导。各地要把促进就业摆在突出位置，落实工作责任。"])
    assert [(s.number, s.title) for s in outline.sections] == [
        ("一、", "总体要求"), ("二、", "主要任务"), ("1.", "加强组织领导")]


def test_space_separated_table_under_a_header_line():
    outline = _one(["一、总体要求", "主要指标如下：", "序号 指标 单位 2020年 2025年 属性",
                    "1 学前教育毛入园率 % 90.2 >92 预期性", "2 高等教育毛入学率 % 62.6 68 预期性",
                    "二、主要任务"])
    assert [(r.row_no, r.name, r.unit, r.values, r.attribute) for r in outline.indicators] == [
        ("1", "学前教育毛入园率", "%", ("90.2", ">92"), "预期性"),
        ("2", "高等教育毛入学率", "%", ("62.6", "68"), "预期性")]
    assert [s.title for s in outline.sections] == ["总体要求", "主要任务"]


@pytest.mark.parametrize("line", ["— 3 —", "- 12 -", "－ 5 －", "第3页 共20页"])
def test_page_number_lines(line):
    outline = _one(["一、规划背景", "“十三五”时期，全省就业局势保持稳定。", line, "二、总体要求"])
    assert [s.title for s in outline.sections] == ["规划背景", "总体要求"]
    page = outline.paragraphs[1]
    assert (page.kind, page.text, page.section_id) == ("page_number", line, "1")


def test_page_number_does_not_change_bare_levels():
    body = "坚持经济发展就业导向，把稳定和扩大就业作为宏观调控的优先目标，" * 4 + "增强创造就业岗位的能力。"
    lines = ["规划背景", "发展基础", body, "— 2 —", "发展环境", body]
    assert [(s.level, s.title) for s in _one(lines).sections] == [
        (1, "规划背景"), (2, "发展基础"), (2, "发展环境")]


@pytest.mark.parametrize("line, title, text", [
    ("1.制造业就业提质扩容行动。实施先进制造业集群发展专项行动。", "制造业就业提质扩容行动", "实施先进制造业集群发展专项行动。"),
    ("①“15分钟医保服务圈”建设。推动医保服务下沉到乡镇（街道）。", "“15分钟医保服务圈”建设", "推动医保服务下沉到乡镇（街道）。"),
    ("（1）高校毕业生就业创业促进计划：健全实名制帮扶机制。", "高校毕业生就业创业促进计划", "健全实名制帮扶机制。"),
])
def test_column_item_titles(line, title, text):
    outline = _one(["一、主要任务", "专栏2　重点工程", line])
    item = outline.column_items[0]
    assert (item.item_no, item.title, item.text) == (1, title, text)


def test_unnumbered_column_items_title_line_then_text_line():
    lines = ["一、主要任务", "（一）加快完善铁路网。推进高铁建设。", "专栏1　综合交通重大工程", "铁路工程",
             "建成郑万高铁湖北段、黄黄高铁。", "公路工程", "新建高速公路1500公里。", "二、保障措施",
             "加强组织领导，形成工作合力。"]
    outline = _one(lines)
    assert [(i.item_no, i.title, i.text) for i in outline.column_items] == [
        (1, "铁路工程", "建成郑万高铁湖北段、黄黄高铁。"), (2, "公路工程", "新建高速公路1500公里。")]
    assert [s.title for s in outline.sections] == ["主要任务", "加快完善铁路网", "保障措施"]


def test_indicator_unit_only_at_the_end_of_the_name():
    c = CUES
    assert tables._name_unit("每千人口执业（助理）医师数", c) == ("每千人口执业（助理）医师数", None)
    assert tables._name_unit("城镇新增就业（万人）", c) == ("城镇新增就业", "万人")
    assert tables._name_unit("专业技术人才总量(万人)(含在管理岗位的专技人才)", c) == (
        "专业技术人才总量(含在管理岗位的专技人才)", "万人")


def test_html_column_caption_before_an_indicator_table():
    rows = ["专栏1　主要指标", "领域\t序号\t主要指标\t单位\t2020年\t2025年\t指标性质",
            "健康水平\t1\t人均预期寿命\t岁\t77.2\t78.2\t预期性", "2\t婴儿死亡率\t‰\t3.04\t≤5\t预期性"]
    hints = [LineHint("emphasis")] + [LineHint("table_row", table_no=1)] * 3
    outline = seg.segment(make_doc(rows, fmt="html", hints=hints), CUES)
    assert [(c.label, c.n_items) for c in outline.columns] == [("专栏1", 0)]
    assert [(i.category, i.name, i.unit, i.values, i.attribute) for i in outline.indicators] == [
        ("健康水平", "人均预期寿命", "岁", ("77.2", "78.2"), "预期性"),
        ("健康水平", "婴儿死亡率", "‰", ("3.04", "≤5"), "预期性")]


def test_three_levels_of_bare_headings():
    body = "坚持经济发展就业导向，把稳定和扩大就业作为宏观调控的优先目标，" * 4 + "增强创造就业岗位的能力。"
    intro = "坚持创新在现代化建设全局中的核心地位，把科技自立自强作为发展的战略支撑。"
    lines = ["开启新征程", "发展环境", "发展基础", body, "发展形势", body, "总体要求", "指导思想", body,
             "坚持创新驱动发展", intro, "打造科技创新高地", "建设科学中心", body, "提升创新能力", body]
    assert [(s.level, s.title) for s in _one(lines).sections] == [
        (1, "开启新征程"), (2, "发展环境"), (3, "发展基础"), (3, "发展形势"), (2, "总体要求"),
        (3, "指导思想"), (1, "坚持创新驱动发展"), (2, "打造科技创新高地"), (3, "建设科学中心"),
        (3, "提升创新能力")]


def test_three_levels_of_bare_headings_with_level_two_intro():
    body = "坚持经济发展就业导向，把稳定和扩大就业作为宏观调控的优先目标，" * 4 + "增强创造就业岗位的能力。"
    intro = "坚持创新在现代化建设全局中的核心地位，把科技自立自强作为发展的战略支撑。"
    lines = ["开启新征程", "发展环境", "发展基础", body, "总体要求", intro, "指导思想", body, "主要目标", body]
    assert [s.level for s in _one(lines).sections] == [1, 2, 3, 2, 3, 3]


# --------------------------------------------------------------------------- rules from real pages
# Lines below are quoted from the real excerpts of tests/fixtures/segment/eval/real-*.txt
# (sources in eval/README.md), shortened.


def test_one_heading_number_over_runin_items_makes_a_numbered_document():
    """A single 一、 over run-in 1. 2. is a numbered outline: page labels ("全文", "图片")
    are not bare headings and 一、 stays at the top (real-xianyang, real-lucheng)."""
    lines = ["全文", "以习近平新时代中国特色社会主义思想为指导,坚持稳中求进工作总基调,提供有力支撑。",
             "一、坚持系统集成,推动审批全链条优化",
             "1.全面实施行政许可事项清单管理。依据国家和省行政许可事项清单,编制并公布清单。",
             "2.持续深化相对集中行政许可权改革。全面梳理规范改革事项划转目录。"]
    outline = _one(lines)
    assert [(s.level, s.number, s.title) for s in outline.sections] == [
        (1, "一、", "坚持系统集成,推动审批全链条优化"), (2, "1.", "全面实施行政许可事项清单管理"),
        (2, "2.", "持续深化相对集中行政许可权改革")]
    assert outline.paragraphs[0].text == "全文"


def test_numbered_list_items_alone_do_not_make_a_numbered_document():
    lines = ["发展环境", "1.加强组织领导。各地要把促进就业摆在突出位置。", "2.强化督促检查。定期开展评估。",
             "主要任务", "坚持经济发展就业导向,把稳定和扩大就业作为宏观调控的优先目标。"]
    assert [s.title for s in _one(lines).sections][:1] == ["发展环境"]


def test_heading_sentence_with_commas_over_a_child_heading():
    """(一)…,…体系。 is a heading when the next line opens a deeper numbering (real-shanxi);
    the same shape with no child is a point without a title: its number, and its sentence as
    the paragraph under it."""
    lines = ["一、总体要求", "全面贯彻落实新发展理念,推动高质量发展。", "二、重点任务与分工",
             "(一)强化基础设施支撑,构建现代化、网络化、高品质、服务企业生产布局的基础设施体系。",
             "1.加快推进综合交通运输网络建设。沿大湛、石太—太中银经济轴带,构建现代城际交通运输网络。",
             "(二)各地要高度重视,认真组织实施。", "(三)加强组织领导"]
    outline = _one(lines)
    assert [(s.level, s.number, s.title) for s in outline.sections] == [
        (1, "一、", "总体要求"), (1, "二、", "重点任务与分工"),
        (2, "(一)", "强化基础设施支撑,构建现代化、网络化、高品质、服务企业生产布局的基础设施体系"),
        (3, "1.", "加快推进综合交通运输网络建设"), (2, "(二)", ""), (2, "(三)", "加强组织领导")]
    assert "各地要高度重视,认真组织实施。" in [p.text for p in outline.paragraphs]


def test_runin_title_with_a_comma_right_below_its_parent():
    """"1.服务国家战略,承载上海综合服务功能。对接…" opening (二)基本原则 is a heading
    (real-jingan); after body text the same shape is a list paragraph."""
    body = "对接上海国际经济、金融、贸易、航运和科创“五个中心”核心服务功能,不断提升全球资源配置能力。"
    lines = ["一、 总体要求", "(一)指导思想", "深入贯彻落实党的十九大精神。", "(二)基本原则",
             "1.服务国家战略,承载上海综合服务功能。" + body]
    outline = _one(lines)
    assert [(s.level, s.number, s.title) for s in outline.sections][-1] == (
        3, "1.", "服务国家战略,承载上海综合服务功能")
    assert outline.paragraphs[-1].text == body
    after_text = _one(["一、总体要求", "各地要把促进就业摆在突出位置,落实以下要求。",
                       "1.严格落实责任,各级政府要加强领导。" + body, "二、保障措施"])
    assert [s.title for s in after_text.sections] == ["总体要求", "保障措施"]


def test_bracketed_date_under_the_title_is_front_matter():
    lines = ["(2009年4月13日)", "为深入贯彻落实科学发展观,特作出如下决定。",
             "一、推进科学跨越发展的重大意义和基本要求", "1.科学跨越的战略意义。跨越式发展是一种规律性现象。"]
    outline = _one(lines)
    assert outline.front_matter == {"issue_date": "2009-04-13"}
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "推进科学跨越发展的重大意义和基本要求"), (2, "科学跨越的战略意义")]


def test_doc_number_from_a_labelled_metadata_line():
    lines = ["索 引 号: | WA1304001-2024-002 | 主题分类: | 区政府 |",
             "文 号: | 嘉府办发〔2024〕23号 | 公开类型: | 主动公开 |",
             "各镇人民政府,区政府相关委、办、局、街道办事处:", "现转发给你们,请认真按照执行。",
             "上海市嘉定区人民政府办公室", "2024年10月10日", "一、工作目标", "系统化全域推进海绵城市建设。"]
    outline = _one(lines)
    assert outline.front_matter == {"doc_number": "嘉府办发〔2024〕23号", "issue_date": "2024-10-10",
                                    "issuer": "上海市嘉定区人民政府办公室"}
    assert [p.kind for p in outline.paragraphs][:6] == ["front_matter"] * 6


def test_html_metadata_blocks_are_front_matter_and_fill_fields():
    rows = ["发文机关：自治区人民政府办公厅", "发文字号：桂政办发〔2021〕95号", "成文日期：2021-09-08",
            "广西壮族自治区人民政府办公厅关于印发广西数字经济发展三年行动计划（2021—2023年）的通知",
            "各市、县人民政府：", "现将《行动计划》印发给你们，请认真组织实施。", "一、总体要求", "（一）指导思想"]
    hints = [LineHint("metadata")] * 3 + [LineHint("heading", level=1)] + [None] * 2 \
        + [LineHint("emphasis")] * 2
    outline = seg.segment(make_doc(rows, fmt="html", hints=hints), CUES)
    assert [s.title for s in outline.sections] == ["总体要求", "指导思想"]
    assert outline.front_matter["doc_number"] == "桂政办发〔2021〕95号"
    assert outline.front_matter["issue_date"] == "2021-09-08"
    assert [p.kind for p in outline.paragraphs] == ["front_matter"] * 6


def test_html_metadata_title_fills_the_document_title():
    rows = ["标题：广西数字经济发展三年行动计划（2021—2023年）", "发文字号：桂政办发〔2021〕95号", "一、总体要求",
            "坚持创新驱动，加快数字产业化。"]
    hints = [LineHint("metadata")] * 2 + [LineHint("heading", level=2), None]
    outline = seg.segment(make_doc(rows, fmt="html", hints=hints), CUES)
    assert outline.front_matter["title"] == "广西数字经济发展三年行动计划（2021—2023年）"
    assert [s.title for s in outline.sections] == ["总体要求"]


def test_attachment_title_line_is_not_a_heading():
    lines = ["附件:", "1.参会单位名单", "2020年10月21日", "附件1", "参会单位名单",
             "市委宣传部、市委政法委、市委网信办、市老干局、市文明办、市发改委。"]
    outline = _one(lines)
    assert [s.title for s in outline.sections] == ["附件1"]
    assert "参会单位名单" in [p.text for p in outline.paragraphs]


# --------------------------------------------------------------------------- real indicator tables
# The real tables of eval_tables/ (header cells spanning category columns, rowspan categories,
# a row printed with one cell less) are cases of the evaluation corpus above.


def test_html_row_longer_than_its_header():
    """Extra cells on the left are categories under a spanning "指标" header (real-mee);
    extra cells that leave a value in the name column are on the right instead."""
    cases = [
        (["指标\t2015年\t2020年\t属性", "生态环境质量\t1.空气质量\t优良天数比率(%)\t76.7\t>80\t约束性"],
         ("1.空气质量", "优良天数比率", "%", ("76.7", ">80"), "约束性")),
        (["指标\t2020年\t2025年", "城镇新增就业（万人）\t537\t500\t预期性"],
         (None, "城镇新增就业", "万人", ("537", "500"), "预期性")),
    ]
    for rows, expected in cases:
        hints = [LineHint("table_row", table_no=1)] * len(rows)
        outline = seg.segment(make_doc(rows, fmt="html", hints=hints), CUES)
        assert [(i.category, i.name, i.unit, i.values, i.attribute)
                for i in outline.indicators] == [expected]


# --------------------------------------------------------------------------- 十三五信息化规划 table
# The table “十二五”信息化发展基本情况 of plans/national-informatization-plan-13th.txt (lines 22–47):
# a caption, two header rows (指　标 | 规划目标 | 实现情况 over 2015年 | 年均增长（%） twice), category
# rows of one cell with no number (总体发展水平, 信息技术与产业 …) between numbered rows, units in
# Latin letters (（Mbps）). The same rows in every layout: TAB cells, one cell a line, and with
# the headings of the document unnumbered.

INFO_PLAN = FIXTURES.parent / "corpus" / "plans" / "national-informatization-plan-13th.txt"
INFO_HEADS = ("规划目标 2015年", "规划目标 年均增长（%）", "实现情况 2015年", "实现情况 年均增长（%）")
INFO_TABLE = ["“十二五”信息化发展基本情况", "指　标\t规划目标\t实现情况",
              "2015年\t年均增长（%）\t2015年\t年均增长（%）", "总体发展水平",
              "1.信息化发展指数\t>79\t—\t72.45\t—", "信息技术与产业",
              "2.集成电路芯片规模生产工艺（纳米）\t32/28\t—\t28\t—",
              "3.信息产业收入规模（万亿元）\t16\t10\t17.1\t13", "信息基础设施",
              "7.城市家庭宽带接入能力（Mbps）\t20\t38.0\t20\t38.0",
              "10.互联网国际出口带宽（Tbps）\t6.5\t42.7\t3.8\t37.5"]
INFO_ROWS = [
    ("总体发展水平", "1", "信息化发展指数", None, (">79", "—", "72.45", "—")),
    ("信息技术与产业", "2", "集成电路芯片规模生产工艺", "纳米", ("32/28", "—", "28", "—")),
    ("信息技术与产业", "3", "信息产业收入规模", "万亿元", ("16", "10", "17.1", "13")),
    ("信息基础设施", "7", "城市家庭宽带接入能力", "Mbps", ("20", "38.0", "20", "38.0")),
    ("信息基础设施", "10", "互联网国际出口带宽", "Tbps", ("6.5", "42.7", "3.8", "37.5"))]


@pytest.mark.parametrize("name, unit", [
    ("城市家庭宽带接入能力（Mbps）", "Mbps"), ("互联网国际出口带宽（Tbps）", "Tbps"),
    ("集成电路芯片规模生产工艺（纳米）", "纳米"), ("单位地区生产总值能耗（kWh）", "kWh"),
    ("新增风电装机（万kW）", "万kW"), ("人均住房建筑面积（m²）", "m²"), ("带宽（Gbit/s）", "Gbit/s"),
    ("工艺（nm）", "nm"),
])
def test_indicator_unit_in_latin_letters(name, unit):
    assert tables._name_unit(name, CUES) == (name[:name.rindex("（")], unit)


@pytest.mark.parametrize("name", ["地区生产总值（GDP）", "数据中心电能使用效率（PUE）",
                                  "细颗粒物（PM2.5）浓度下降", "城市信息模型（CIM）"])
def test_capitals_in_brackets_that_are_no_unit(name):
    assert tables._name_unit(name, CUES) == (name, None)


def _info_rows(outline: Outline) -> list[tuple]:
    return [(i.category, i.row_no, i.name, i.unit, i.values) for i in outline.indicators]


def _info_lines(table: list[str], numbered: bool = True) -> list[str]:
    before = ["一、发展现状与形势", "（一）发展成就。",
              "网络空间国际交流合作不断深化，网信企业走出去步伐明显加快。"]
    after = ["注：〔 〕表示五年累计数，单位为百分点。", "（二）发展形势。",
             "“十三五”时期，全球信息化发展面临的环境、条件和内涵正发生深刻变化。"]
    lines = before + table + after
    if not numbered:
        lines = [line.replace("一、", "").replace("（一）", "").replace("（二）", "") for line in lines]
    return lines


def test_tab_table_with_two_header_rows_and_category_rows():
    lines = _info_lines(INFO_TABLE)
    outline = _one(lines)
    assert _info_rows(outline) == INFO_ROWS
    assert all(i.headers == INFO_HEADS for i in outline.indicators)
    assert [i.years for i in outline.indicators][0] == (2015, None, 2015, None)
    assert len({i.table_no for i in outline.indicators}) == 1
    assert [s.title for s in outline.sections] == ["发展现状与形势", "发展成就", "发展形势"]
    kinds = {p.text: p.kind for p in outline.paragraphs}
    assert kinds["“十二五”信息化发展基本情况"] == "paragraph"          # the caption
    assert [kinds[line] for line in INFO_TABLE[1:]] == ["table"] * (len(INFO_TABLE) - 1)
    assert_lossless(lines, outline)


def test_unnumbered_copy_keeps_table_lines_out_of_the_headings():
    # the caption, the header row (a TAB line) and the category rows are no bare headings
    lines = _info_lines(INFO_TABLE, numbered=False)
    outline = _one(lines)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "发展现状与形势"), (2, "发展成就"), (2, "发展形势")]
    assert _info_rows(outline) == INFO_ROWS
    assert_lossless(lines, outline)


def test_cells_per_line_copy_with_two_header_rows_and_category_rows():
    # the first row 1.信息化发展指数 right after its category 总体发展水平 is a row, not a heading
    table = [INFO_TABLE[0]] + cells_per_line(INFO_TABLE[1:], range(len(INFO_TABLE) - 1))
    assert table[1:9] == ["指　标", "规划目标", "实现情况", "2015年", "年均增长（%）", "2015年",
                          "年均增长（%）", "总体发展水平"]
    lines = _info_lines(table)
    outline = _one(lines)
    assert _info_rows(outline) == INFO_ROWS
    assert all(i.headers == INFO_HEADS for i in outline.indicators)
    assert [s.title for s in outline.sections] == ["发展现状与形势", "发展成就", "发展形势"]
    assert len({i.table_no for i in outline.indicators}) == 1
    assert_lossless(lines, outline)


def test_the_whole_informatization_table_in_three_layouts():
    """All 17 rows of the document (its answer key's I lines), with their five categories,
    as written, one cell a line and with its headings unnumbered."""
    lines = list(read_lines(INFO_PLAN))
    key = parse_outline(INFO_PLAN.with_suffix(".outline"))
    from pipeline.evaluate.variants import cells_per_line_copy, unnumbered_copy
    text = "\n".join(lines)
    copies = {"as written": lines, "cells": cells_per_line_copy(text, key)[0].split("\n"),
              "unnumbered": unnumbered_copy(text, key)[0].split("\n")}
    categories = ["总体发展水平"] + ["信息技术与产业"] * 2 + ["信息基础设施"] * 7 + ["信息经济"] * 2 \
        + ["信息服务"] * 5
    for layout, copy in copies.items():
        outline = _one(copy)
        assert [(i.name, i.unit, i.values) for i in outline.indicators] == key.indicators, layout
        assert [i.category for i in outline.indicators] == categories, layout
        assert {i.table_no for i in outline.indicators} == {1}, layout
        assert [s.title for s in outline.sections] == [t for _lv, _n, t in key.headings], layout


def test_category_row_without_a_number_in_a_flattened_table():
    # hand-made: a flattened header line, then a category of one cell before numbered rows
    lines = ["一、发展目标", "指标 2015年 2020年 属性", "信息基础设施", "4.网民数量（亿） 6.88 8.5 预期性",
             "7.城市家庭宽带接入能力（Mbps） 20 100 预期性", "信息经济", "12.电子商务交易规模（万亿元） 21.79 38 预期性",
             "二、主要任务", "加强组织领导，落实工作责任。"]
    outline = _one(lines)
    assert [(i.category, i.name, i.unit, i.values, i.headers) for i in outline.indicators] == [
        ("信息基础设施", "网民数量", "亿", ("6.88", "8.5"), ("2015年", "2020年")),
        ("信息基础设施", "城市家庭宽带接入能力", "Mbps", ("20", "100"), ("2015年", "2020年")),
        ("信息经济", "电子商务交易规模", "万亿元", ("21.79", "38"), ("2015年", "2020年"))]
    assert [s.title for s in outline.sections] == ["发展目标", "主要任务"]


def test_a_header_row_again_is_no_row_under_the_header():
    from pipeline.segment.indicators import merge_header_rows
    assert merge_header_rows(("指标", "规划目标", "实现情况"), ("指标", "2015年", "2020年", "属性"), CUES) is None
    assert merge_header_rows(("序号", "指标", "单位", "规划目标", "属性"), ("2020年", "2025年"), CUES) == (
        "序号", "指标", "单位", "规划目标 2020年", "规划目标 2025年", "属性")

def test_two_row_header_of_a_cell_table_needs_a_repeated_lower_row():
    from pipeline.segment.cells import two_row_header
    assert two_row_header(("指　标", "规划目标", "实现情况", "2015年", "年均增长（%）", "2015年",
                           "年均增长（%）"), CUES) == ("指　标",) + INFO_HEADS
    # one header row: a value header before the years, or years that do not repeat
    assert two_row_header(("指标", "基期值", "目标值", "2020年", "2025年"), CUES) is None
    assert two_row_header(("指标", "2020年", "2025年", "属性"), CUES) is None


# --------------------------------------------------------------------------- numbering runs (issue 13)

WORK_REPORT = FIXTURES.parent / "corpus" / "work-reports-2026"


def test_numbering_runs_mark_siblings_in_sequence():
    lines = ("一、回顾", "2025年是极不平凡的一年。", "（一）甲，乙。正文", "（二）丙，丁。正文",
             "二、安排", "（三）孤立的行，后面没有兄弟。正文")
    assert numbering.numbering_runs(lines, CUES) == frozenset({0, 2, 3, 4, 5})
    assert numbering.number_value("（十二）") == 12 and numbering.number_value("3.") == 3


def test_run_in_heading_with_commas_after_an_intro_paragraph():
    """anhui lines 17–21: 一、 then an intro paragraph, then （一） （二） run-in with commas."""
    lines = read_lines(WORK_REPORT / "anhui.txt")[16:22]
    outline = seg.segment(make_doc(lines), CUES)
    assert [(s.level, s.number, s.title) for s in outline.sections] == [
        (1, "一、", "2025年工作和“十四五”发展回顾"),
        (2, "（一）", "精准施策稳经济，回升向好态势巩固拓展"),
        (2, "（二）", "推动科技创新和产业创新深度融合，新质生产力发展壮大"),
    ]
    runin = [p for p in outline.paragraphs if p.line == 4]
    assert runin and runin[0].text.startswith("面对国内外形势深刻复杂变化")


def test_a_lone_numbered_sentence_with_commas_stays_a_paragraph():
    lines = ["一、总体要求", "坚持以人民为中心的发展思想，推动高质量发展。",
             "（一）这是一个句子，不是标题，后面也没有兄弟。正文继续。", "二、保障措施", "加强组织领导。"]
    outline = seg.segment(make_doc(lines), CUES)
    assert [s.number for s in outline.sections] == ["一、", "二、"]


def test_unnumbered_parent_heading_with_a_comma():
    """乡村全面振兴规划（2024—2027年） without its numbers: 二、 has a comma, （一） follows it."""
    lines = read_lines(FIXTURES.parent / "corpus" / "plans" / "national-rural-revitalization-plan-2024-2027.txt")
    stripped = [re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", "", line)
                for line in lines[1:4] + lines[7:15]]
    outline = seg.segment(make_doc(stripped), CUES)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "总体要求"),
        (1, "优化城乡发展格局，分类有序推进乡村全面振兴"),
        (2, "统筹优化城乡发展布局"), (2, "推进城乡融合发展"), (2, "分类推进乡村全面振兴"),
    ]


@pytest.mark.xfail(strict=True, reason="a heading with one long body paragraph before its first "
                   "sub-heading (总体要求 / 坚持… / 工作原则) is taken for a sibling: the intro rule "
                   "only knows short intros")
def test_unnumbered_parent_with_a_long_intro():
    lines = read_lines(FIXTURES.parent / "corpus" / "plans" / "national-rural-revitalization-plan-2024-2027.txt")
    stripped = [re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", "", line) for line in lines[:12]]
    outline = seg.segment(make_doc(stripped), CUES)
    assert [(s.level, s.title) for s in outline.sections][:3] == [
        (1, "总体要求"), (2, "工作原则"), (2, "主要目标")]


def test_unnumbered_top_level_over_a_numbered_second_level():
    """甘肃 2026 report: “十四五”时期工作回顾 / … / 2026年重点工作 / （一）… have no 一、 above them."""
    lines = read_lines(WORK_REPORT / "gansu.txt")
    outline = seg.segment(make_doc(lines), CUES)
    got = [(s.level, s.number, s.title) for s in outline.sections]
    assert got[:4] == [(1, None, "“十四五”时期工作回顾"), (1, None, "“十五五”时期的主要目标任务"),
                       (1, None, "2026年重点工作"), (2, "（一）", "放大促消费扩投资政策效应")]
    assert "五年来主要做了以下工作" not in [t for _l, _n, t in got]


def test_glossary_entries_are_definitions_not_headings():
    lines = ["一、2025年工作回顾", "过去一年，全省经济运行稳中有进。", "二、2026年工作安排", "今年要抓好以下工作。",
             "名词解释", "1.“两重”：是指国家重大战略实施和重点领域安全能力建设。",
             "2.“两新”：是指推动新一轮大规模设备更新和消费品以旧换新。"]
    outline = seg.segment(make_doc(lines), CUES)
    assert [(s.level, s.number, s.title) for s in outline.sections] == [
        (1, "一、", "2025年工作回顾"), (1, "二、", "2026年工作安排"), (1, None, "名词解释")]
    glossary = [p.text for p in outline.paragraphs if p.section_id == outline.sections[-1].section_id]
    assert glossary == lines[5:]


def test_an_attachment_restarting_its_numbering_is_a_part_of_its_own():
    lines = ["一、总体要求", "正文。", "二、保障措施", "正文。", "附件1", "重点任务分工表",
             "一、加强组织领导", "正文。", "二、强化督促检查", "正文。"]
    outline = seg.segment(make_doc(lines), CUES)
    assert [(s.level, s.number, s.title) for s in outline.sections] == [
        (1, "一、", "总体要求"), (1, "二、", "保障措施"), (1, None, "附件1"),
        (2, "一、", "加强组织领导"), (2, "二、", "强化督促检查")]


# --------------------------------------------------------------------------- one cell per line
# Copies of the real tables printed one cell per line, as copying a table from a web page or
# Word gives them (pipeline.evaluate.variants.cells_per_line: the cells of each table line
# on lines of their own, the header row first, residue-only lines dropped). The copy must
# give the rows of the original.

from pipeline.evaluate.variants import cells_of, cells_per_line  # noqa: E402

CELL_TABLE_DOCS = [n for n in EVAL_PATHS if EVAL_KEYS[n].indicators]


def _rows(outline: Outline) -> list[tuple]:
    return [(i.name, i.unit, i.values, i.attribute, i.headers) for i in outline.indicators]


def _cells_copy(outline: Outline) -> list[str]:
    table = [p.line - 1 for p in outline.paragraphs if p.kind == "table"]
    return cells_per_line(list(outline.doc.lines), table)


def _copied_rows(outline: Outline, copy: Outline, lines: list[str]) -> list:
    """The copy's indicators read from the rewritten tables: an HTML page's other TAB rows
    (a 专栏's project list) are plain text lines in the copy, outside this test."""
    first = min(p.line for p in outline.paragraphs if p.kind == "table")
    last = max(p.line for p in outline.paragraphs if p.kind == "table")
    end = last - len(outline.doc.lines) + len(lines)  # the rewritten part ends there
    return [i for i in copy.indicators if first <= i.line <= end]


@pytest.mark.parametrize("name", CELL_TABLE_DOCS)
def test_cells_per_line_copy_gives_the_rows_of_the_real_table(name, eval_outlines):
    original = eval_outlines[name]
    lines = _cells_copy(original)
    assert len(lines) > len(original.doc.lines)          # the table was rewritten
    copy = seg.segment(make_doc(lines), CUES)
    rows = _copied_rows(original, copy, lines)
    assert [(i.name, i.unit, i.values, i.attribute, i.headers) for i in rows] == _rows(original)
    assert [i.category for i in rows] == [i.category for i in original.indicators]
    assert_lossless(lines, copy)


def test_cells_per_line_copy_of_the_first_documents_table():
    # line 6 holds the rows with values; the table has no header row in this copy (its
    # headers were lost on the way, raw/NOTES.md), so headers stay empty
    original = first_outline()
    lines = _cells_copy(original)
    copy = seg.segment(make_doc(lines), CUES)
    with_values = [r for r in _rows(original) if r[2]]
    assert len(with_values) == 5 and all(r[4] == () for r in with_values)
    assert [r for r in _rows(copy) if r[2]] == with_values
    assert [i.category for i in copy.indicators if i.values] == ["人才队伍建设"] * 5
    assert_lossless(lines, copy)


def test_cells_of_a_table_line():
    assert cells_of("| 1 | 城镇新增就业 | 万人 | 〔760〕 | |") == ["1", "城镇新增就业", "万人", "〔760〕"]
    assert cells_of("| --- | :---: |") == []
    assert cells_of("\t2.全员劳动生产率增长（%）\t4.9\t—") == ["2.全员劳动生产率增长（%）", "4.9", "—"]
    assert cells_of("一、人才队伍建设 1.人才资源总量(万人) 1075 1400 | | |") == [
        "一、人才队伍建设", "1.人才资源总量(万人)", "1075", "1400"]


CELL_HEADER = ["指  标", "2020年", "2025年", "属  性"]
H2 = ("2020年", "2025年")

# (lines, [(category, row_no, name, unit, headers, values, attribute)]) of hand-made variants
CELL_CASES = {
    "categories between rows": (
        CELL_HEADER + ["一、经济发展", "1.人均预期寿命(岁)", "78.3", "79", "预期性",
                       "二、民生福祉", "2.城镇调查失业率（%）", "5.2", "<5.5", "约束性"],
        [("经济发展", "1", "人均预期寿命", "岁", H2, ("78.3", "79"), "预期性"),
         ("民生福祉", "2", "城镇调查失业率", "%", H2, ("5.2", "<5.5"), "约束性")]),
    "a 单位 and a 序号 column": (
        ["序号", "指标", "单位", "2020年", "“十四五”末", "属性",
         "1", "学前教育毛入园率", "%", "90.2", ">92", "预期性",
         "2", "城镇新增就业", "万人", "〔760〕", "〔700〕", "预期性"],
        [(None, "1", "学前教育毛入园率", "%", ("2020年", "“十四五”末"), ("90.2", ">92"), "预期性"),
         (None, "2", "城镇新增就业", "万人", ("2020年", "“十四五”末"), ("〔760〕", "〔700〕"), "预期性")]),
    # a row one value short is kept with what it has; which column it lacks is not known,
    # so its headers are "" (indicators.row_headers), as for a short row of any layout
    "a row with a missing value cell": (
        CELL_HEADER + ["城镇新增就业（万人）", "〔6564〕", "〔>5500〕", "预期性",
                       "城镇调查失业率（%）", "<5.5", "预期性",
                       "农村劳动力转移就业总量（亿人）", "1.8", "保持稳定", "预期性"],
        [(None, None, "城镇新增就业", "万人", H2, ("〔6564〕", "〔>5500〕"), "预期性"),
         (None, None, "城镇调查失业率", "%", ("",), ("<5.5",), "预期性"),
         (None, None, "农村劳动力转移就业总量", "亿人", H2, ("1.8", "保持稳定"), "预期性")]),
    "no 属性 column, numbered rows, a row one value short": (
        ["指标", "2020年", "2025年", "1.铁路营运里程(公里)", "3200", "3900",
         "2.高速公路通车里程(公里)", "5300", "3.沿海港口货物吞吐量(亿吨)", "5.0", "6.2"],
        [(None, "1", "铁路营运里程", "公里", H2, ("3200", "3900"), None),
         (None, "2", "高速公路通车里程", "公里", ("",), ("5300",), None),
         (None, "3", "沿海港口货物吞吐量", "亿吨", H2, ("5.0", "6.2"), None)]),
    "a 类别 column printed once per group": (
        ["类别", "指标", "2020年", "2025年", "属性", "经济发展", "1.地区生产总值增长（%）", "3.8",
         "保持在合理区间", "预期性", "2.全员劳动生产率增长（%）", "4.9", "高于地区生产总值增长", "预期性",
         "创新驱动", "3.研发经费投入增长（%）", "12.1", ">10", "预期性"],
        [("经济发展", "1", "地区生产总值增长", "%", H2, ("3.8", "保持在合理区间"), "预期性"),
         ("经济发展", "2", "全员劳动生产率增长", "%", H2, ("4.9", "高于地区生产总值增长"), "预期性"),
         ("创新驱动", "3", "研发经费投入增长", "%", H2, ("12.1", ">10"), "预期性")]),
    "blank lines between cells": (
        ["指标", "", "2020年", "", "2025年", "", "1.人才资源总量(万人)", "", "1075", "", "1400"],
        [(None, "1", "人才资源总量", "万人", H2, ("1075", "1400"), None)]),
}


@pytest.mark.parametrize("case_name", CELL_CASES)
def test_cells_per_line_cases(case_name):
    body, want = CELL_CASES[case_name]
    lines = ["第一章 发展目标", "专栏1 主要指标"] + body + ["注：〔 〕内为5年累计数。", "第二章 主要任务",
                                                       "加强组织领导，落实工作责任。"]
    outline = _one(lines)
    assert [(i.category, i.row_no, i.name, i.unit, i.headers, i.values, i.attribute)
            for i in outline.indicators] == want
    assert [s.title for s in outline.sections] == ["发展目标", "主要任务"]
    table = [p for p in outline.paragraphs if p.kind == "table"]
    assert [p.text for p in table] == [line.strip() for line in body if line.strip()]
    assert len({i.table_no for i in outline.indicators}) == 1
    assert_lossless(lines, outline)


def test_cells_per_line_table_ends_before_a_heading_and_its_paragraph():
    lines = CELL_HEADER + ["1.人均预期寿命(岁)", "78.3", "79", "预期性", "三、坚持经济发展就业导向",
                           "健全就业优先政策体系，落实工作责任。"]
    outline = _one(["一、发展目标"] + lines)
    assert [s.title for s in outline.sections] == ["发展目标", "坚持经济发展就业导向"]
    assert len(outline.indicators) == 1


def test_lone_header_words_are_no_cell_table():
    # header words alone without rows after them, and numbered lines without values
    for lines in (["指标", "2020年", "属性", "加强组织领导，落实工作责任。"],
                  ["1.加强组织领导", "2.完善投入机制", "3.强化人才支撑"]):
        assert not _one(lines).indicators


def test_web_page_furniture_in_a_text_copy():
    """The end of the 宁夏 report's text copy (lines 112–120) and the 相关报道 line of the others."""
    lines = read_lines(WORK_REPORT / "ningxia.txt")
    outline = seg.segment(make_doc(lines), CUES)
    furniture = [(p.line, p.text) for p in outline.paragraphs if p.kind == "furniture"]
    assert furniture == [(114, "扫一扫在手机打开当前页"), (115, "【"), (116, "打印本页"), (117, "】"),
                         (118, "【"), (119, "关闭窗口"), (120, "】")]
    tail = seg.segment(make_doc(read_lines(WORK_REPORT / "anhui.txt")), CUES).paragraphs[-1]
    assert (tail.kind, tail.text) == ("furniture", "相关报道：")


@pytest.mark.parametrize("line", ["扫一扫在手机打开当前页", "打印本页", "关闭窗口", "相关报道：", "责任编辑：李明",
                                  "【字体：大 中 小】"])
def test_furniture_cue_examples(line):
    assert CUES.furniture.match(line)


@pytest.mark.parametrize("line", ["关闭落后产能", "打印机", "相关报道称，全省经济增长5%。", "扫一扫二维码报名参加"])
def test_not_furniture(line):
    assert not CUES.furniture.match(line)


def test_unnumbered_subheadings_of_a_numbered_section():
    """乡村全面振兴规划: 一、总体要求 / text / 工作原则 / text / 主要目标 / text / 二、…"""
    lines = read_lines(FIXTURES.parent / "corpus" / "plans" / "national-rural-revitalization-plan-2024-2027.txt")[:10]
    outline = seg.segment(make_doc(lines), CUES)
    assert [(s.level, s.number, s.title) for s in outline.sections] == [
        (1, "一、", "总体要求"), (2, None, "工作原则"), (2, None, "主要目标"),
        (1, "二、", "优化城乡发展格局，分类有序推进乡村全面振兴"), (2, "（一）", "统筹优化城乡发展布局")]


def test_a_lone_short_line_in_a_numbered_section_stays_a_paragraph():
    lines = ["一、总体要求", "坚持稳中求进工作总基调。", "图片", "全面贯彻新发展理念，推动高质量发展。", "二、主要任务", "正文。"]
    outline = seg.segment(make_doc(lines), CUES)
    assert [s.title for s in outline.sections] == ["总体要求", "主要任务"]


def test_signature_block_is_not_headings_and_dates_the_document():
    """山东省人民政府关于推进教育高质量发展的实施意见 ends 山东省人民政府 / 2021年7月2日 / （此件公开发布）."""
    lines = read_lines(FIXTURES / "eval" / "shandong_education_opinions.txt")
    stripped = [re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", "", line) for line in lines]
    for doc_lines in (lines, stripped):                  # numbered, and an unnumbered copy
        outline = seg.segment(make_doc(doc_lines), CUES)
        assert [p.text for p in outline.paragraphs if p.kind == "signature"] == [
            "山东省人民政府", "2021年7月2日", "（此件公开发布）"]
        assert "山东省人民政府" not in [s.title for s in outline.sections]
        assert outline.front_matter["issue_date"] == "2021-07-02"


def test_a_joint_signature_of_eight_bodies_some_letter_spaced_gives_every_issuer():
    # ndrc-bidding-ai-application-opinions-2026 (tuning): eight signatories, four printed
    # letter-spaced to the width of the longest (交 通 运 输 部, 水  利  部), then the date
    path = FIXTURES.parent / "corpus" / "plans" / "ndrc-bidding-ai-application-opinions-2026.txt"
    lines = read_lines(path)
    outline = seg.segment(make_doc(lines), CUES)
    signature = [p.text for p in outline.paragraphs if p.kind == "signature"]
    assert signature[3:6] == ["交 通 运 输 部", "水  利  部", "农 业 农 村 部"] and signature[-1] == "2026年2月6日"
    assert outline.front_matter["issuer"] == ("国家发展改革委、工业和信息化部、住房城乡建设部、交通运输部、水利部、"
                                              "农业农村部、商务部、国务院国资委")
    assert not {"交 通 运 输 部", "商  务  部"} & {s.title for s in outline.sections}


def test_a_notice_that_forwards_a_report_is_dated_and_signed_by_its_own_block():
    # gov-earthquake-monitoring-zones-notice-1996 (tuning): 国务院办公厅 / 一九九六年二月五日 /
    # （本文有删减）, then the 国家地震局 report it forwards, with its own signature at the end
    path = FIXTURES.parent / "corpus" / "plans" / "gov-earthquake-monitoring-zones-notice-1996.txt"
    outline = seg.segment(make_doc(read_lines(path)), CUES)
    signature = [p.text for p in outline.paragraphs if p.kind == "signature"]
    assert signature == ["国务院办公厅", "一九九六年二月五日", "（本文有删减）", "国家地震局", "一九九六年一月二十五日"]
    assert (outline.front_matter["issue_date"], outline.front_matter["issuer"]) == ("1996-02-05", "国务院办公厅")


def test_the_title_of_an_issued_text_after_the_notice_and_its_attachment_list_are_no_headings():
    # chongqing-grain-violation-reporting-rewards-rules-2023 (tuning): the 通知's signature, then the
    # 细则's title on two lines, its 第一条…第十五条, and the list 附件：1．… / 2．… / 3．… / 4．…
    path = FIXTURES.parent / "corpus" / "plans" / "chongqing-grain-violation-reporting-rewards-rules-2023.txt"
    lines = read_lines(path)
    outline = seg.segment(make_doc(lines), CUES)
    kinds = {p.line: p.kind for p in outline.paragraphs}
    assert (kinds[7], kinds[8], kinds[9], kinds[10]) == ("signature", "signature", "front_matter", "front_matter")
    assert [(s.level, s.number) for s in outline.sections][:2] == [(1, "第一条"), (1, "第二条")]
    assert outline.sections[-1].number == "第十五条"
    assert [kinds[n] for n in range(len(lines) - 3, len(lines) + 1)] == ["paragraph"] * 4
    assert outline.front_matter["issue_date"] == "2023-12-31"


def test_a_date_line_inside_the_text_is_no_signature():
    lines = ["一、总体要求", "正文。", "2021年7月2日", "会议强调，要抓好落实。", "二、保障措施", "正文。"]
    outline = seg.segment(make_doc(lines), CUES)
    assert not [p for p in outline.paragraphs if p.kind == "signature"]


def test_a_block_a_rule_cannot_read_degrades_to_a_paragraph_with_a_warning(monkeypatch):
    """#13 point 6: one block that fails never loses the document."""
    lines = ["一、总体要求", "坚持稳中求进。", "专栏1 重大工程", "01 高标准农田建设", "二、保障措施", "加强组织领导。"]
    fine = seg.segment(make_doc(lines, doc_id="d"), CUES)
    assert [c.title for c in fine.columns] == ["重大工程"] and not fine.warnings

    def broken(self, ctx, i):
        ctx.blocks.append(seg.assemble.Block("column", i, 0, 3))     # a half-made block
        raise ValueError("bad box")
    monkeypatch.setattr(columns.ColumnRule, "run", broken)
    outline = seg.segment(make_doc(lines, doc_id="d"), CUES)
    assert [s.title for s in outline.sections] == ["总体要求", "保障措施"]
    assert outline.columns == ()
    assert "专栏1 重大工程" in [p.text for p in outline.paragraphs]
    assert outline.warnings == ("d: line 3: the column rule could not read this block "
                                "(ValueError: bad box); it is kept as a paragraph",)


def test_a_counted_announcement_makes_the_next_headings_children():
    """Unnumbered work report (anhui's 2026 report, numbers stripped): 重点做好三个方面工作。
    under 2026年重点工作 makes the next three headings its children, the fourth its sibling."""
    lines = ["2025年工作回顾", "过去一年，全省经济稳中有进，发展质量稳步提升，民生保障更加有力。",
             "2026年重点工作", "今年经济社会发展的主要预期目标是地区生产总值增长5%左右。", "重点做好三个方面工作。",
             "加力扩内需稳增长", "加大稳经济政策实施力度，精准对接、用足用好国家政策。",
             "全面增强科技创新策源功能", "建强战略科技力量，出台实施共建上海国际科创中心行动方案。",
             "加快打造现代化产业体系", "实施传统产业焕新行动，一业一策推动传统产业转型升级。",
             "全面加强政府自身建设", "坚持党的全面领导，深入推进依法行政，持续改进工作作风。"]
    outline = seg.segment(make_doc(lines, doc_id="d"), CUES)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "2025年工作回顾"), (1, "2026年重点工作"), (2, "加力扩内需稳增长"), (2, "全面增强科技创新策源功能"),
        (2, "加快打造现代化产业体系"), (1, "全面加强政府自身建设")]


# heilongjiang's 2026 report with its numbers stripped: the parts are run-in ("（一）着力…，…。正文")
HEILONGJIANG_PARTS = [
    "2026年重点工作", "今年全省经济社会发展主要预期目标是：地区生产总值增长5%左右。",
    "具体抓好三个方面重点工作。",
    "着力优化供给扩大需求，拓展内需增长新空间。坚持扩大内需这个战略基点，统筹促消费扩投资。",
    "大力提振消费。坚持惠民生和促消费相结合，深入实施提振消费专项行动。",
    "扩大有效投资。实施政府投资提质行动，编制政府投资计划。",
    "着力发展新质生产力，加快构建以先进制造业为骨干的现代化产业体系。坚持以科技创新引领产业升级。",
    "更好发挥科技创新增量器作用。提升科技创新策源能力。",
    "着力夯实粮食安全根基，加快推进农业农村现代化。坚持农业农村优先发展。",
    "坚决当好国家粮食安全“压舱石”。坚持产量产能、生产生态、增产增收一起抓。",
    "持续加强政府自身建设", "坚持党的全面领导，深入推进依法行政，持续改进工作作风。"]


def test_the_run_in_parts_of_a_counted_announcement_are_headings_without_their_numbers():
    outline = seg.segment(make_doc(HEILONGJIANG_PARTS, doc_id="d"), CUES)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "2026年重点工作"), (2, "着力优化供给扩大需求，拓展内需增长新空间"),
        (2, "着力发展新质生产力，加快构建以先进制造业为骨干的现代化产业体系"),
        (2, "着力夯实粮食安全根基，加快推进农业农村现代化"), (1, "持续加强政府自身建设")]
    body = [p.text for p in outline.paragraphs if p.section_id == "1.1"]
    assert body[0] == "坚持扩大内需这个战略基点，统筹促消费扩投资。"


def test_run_in_parts_are_taken_only_when_their_count_is_the_announced_one():
    lines = [line.replace("三个方面", "四个方面") for line in HEILONGJIANG_PARTS]
    outline = seg.segment(make_doc(lines, doc_id="d"), CUES)
    assert [s.title for s in outline.sections] == ["2026年重点工作", "持续加强政府自身建设"]


def test_an_announcement_without_a_count_takes_the_parts_shaped_like_its_first():
    # guizhou's 2026 report, numbers stripped: 重点抓好以下工作： then run-in parts "X，Y。正文"; a
    # closing "悠悠万事，民生为大，今年要…" has two commas and is no part
    lines = ["2026年工作安排", "围绕实现上述目标，重点抓好以下工作：",
             "统筹促消费和扩投资，全力扩大有效需求。落实好“两重”“两新”政策。",
             "推动消费扩容升级提质。提升传统消费，培育新型消费。",
             "持续优化营商环境，培育壮大经营主体。深化“高效办成一件事”改革。",
             "悠悠万事，民生为大，今年要继续办好“十件民生实事”。"]
    outline = seg.segment(make_doc(lines, doc_id="d"), CUES)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "2026年工作安排"), (2, "统筹促消费和扩投资，全力扩大有效需求"), (2, "持续优化营商环境，培育壮大经营主体")]


def test_bare_headings_opening_with_the_same_verb_are_children_of_the_heading_before_them():
    # shanxi's 2026 report with its numbers stripped: 2026年工作安排 has two intro paragraphs, then
    # parts 着力实施扩大内需战略, 着力推动能源转型, … each over its topic paragraphs
    lines = ["2025年工作回顾", "过去一年，全省经济稳中有进，发展质量稳步提升，民生保障更加有力。",
             "2026年工作安排", "2026年是“十五五”开局之年。做好今年工作，要坚持稳中求进工作总基调。",
             "今年经济社会发展主要目标是：地区生产总值增长5%左右。",
             "着力实施扩大内需战略", "大力提振消费。优化“两新”政策实施。", "扩大有效投资。持续开展重大项目建设。",
             "着力推动能源转型", "抓实能源科技创新9条路径，加快构建新型能源体系。",
             "着力推进产业升级", "实施传统产业焕新行动，一业一策推动传统产业转型升级。",
             "持续加强政府自身建设", "坚持党的全面领导，深入推进依法行政，持续改进工作作风。"]
    outline = seg.segment(make_doc(lines, doc_id="d"), CUES)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "2025年工作回顾"), (1, "2026年工作安排"), (2, "着力实施扩大内需战略"), (2, "着力推动能源转型"),
        (2, "着力推进产业升级"), (1, "持续加强政府自身建设")]


def test_a_column_laid_out_as_a_task_table_keeps_its_rows_and_has_no_items():
    # civil-explosives-industry-plan-2016-2020, 专栏3: a header row, a lead row spanning the
    # columns, then category | task rows; none numbered, so no items, and no row leaves the box
    lines = ["（五）提高产品质量", "1．提高产品稳定性。加强产品质量管理。",
             "专栏3  实施产品质量水平提升专项行动", "类别\t重点任务",
             "提升产品检测方法及标准，提高产品关键指标，加强对民爆产品质量抽检等监管。",
             "工业炸药\t提高产品在保质期内的稳定性", "工业雷管\t提高产品可靠性，降低机械感度。",
             "（六）推进改革和市场有序竞争", "1．深化行政审批制度改革。贯彻落实国务院决定。"]
    outline = seg.segment(make_doc(lines, doc_id="d"), CUES)
    [column] = outline.columns
    assert (column.label, column.title, column.n_items) == ("专栏3", "实施产品质量水平提升专项行动", 0)
    assert [p.line for p in outline.paragraphs if p.column_id == column.column_id] == [3, 4, 5, 6, 7]
    assert "推进改革和市场有序竞争" in [s.title for s in outline.sections]


def test_bare_headings_printed_as_sentences_are_siblings_below_the_heading_before_them():
    # gov-new-media-opinions-2018 with its numbers stripped: 总体要求 over 指导思想。/ 工作目标。/ 基本原则。,
    # then 明确工作职责 (printed otherwise) is 总体要求's sibling again
    lines = ["总体要求", "指导思想。", "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神。",
             "工作目标。", "到2022年，建成以中国政府网政务新媒体为龙头的政务新媒体矩阵体系。",
             "基本原则。", "坚持正确导向。增强“四个意识”，坚定“四个自信”，围绕中心，服务大局。",
             "明确工作职责", "本意见所称政务新媒体，是指各级行政机关在第三方平台上开设的政务账号。"]
    outline = seg.segment(make_doc(lines, doc_id="d"), CUES)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "总体要求"), (2, "指导思想"), (2, "工作目标"), (2, "基本原则"), (1, "明确工作职责")]


# ---- run-in parts without numbers and without an announcement (known misses) ----

PARALLEL_MISS = (
    "run-in parts without numbers and without an announcement are not found: a rule taking the one "
    "run of same-shaped paragraphs (or the parts sharing an opening) in a top-level section without "
    "sub-headings found every tuning part but lowered held-out work-report precision from 1.000 to "
    "0.369 (December 2026), so it was not kept")



HEILONGJIANG_REVIEW = [
    "2025年工作回顾和“十四五”时期发展成就",
    "2025年是“十四五”收官之年。习近平总书记再次亲临龙江视察，令我们备受鼓舞、倍感振奋。",
    "内需潜力持续释放。消费潜能不断激活，开展提振消费专项行动，拉动消费728.4亿元。",
    "科技创新及成果转化取得扎实成效。科技创新成果丰硕，攻克关键核心技术200余项。",
    "重点产业提质升级。经济发展新引擎不断壮大，数字经济核心产业营收增长10.9%。",
    "现代化大农业迈上新台阶。粮食总产再创历史新高，连续16年位居全国首位。",
    "过去一年，政府自身建设不断加强。我们始终坚持用习近平新时代中国特色社会主义思想凝心铸魂。",
    "2026年重点工作", "2026年是“十五五”开局之年。做好政府工作，要坚持稳中求进工作总基调。"]


@pytest.mark.xfail(strict=True, reason=PARALLEL_MISS)
def test_a_run_of_same_shaped_paragraphs_in_a_top_level_section_gives_its_parts():
    # heilongjiang's 2026 report with its numbers stripped: the review's （一）…（四） are run-in
    # parts, with no announcement before them; "过去一年，…" opens as a report, not a title
    outline = seg.segment(make_doc(HEILONGJIANG_REVIEW, doc_id="d"), CUES)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "2025年工作回顾和“十四五”时期发展成就"), (2, "内需潜力持续释放"),
        (2, "科技创新及成果转化取得扎实成效"), (2, "重点产业提质升级"), (2, "现代化大农业迈上新台阶"),
        (1, "2026年重点工作")]
    part = outline.sections[1]
    assert [p.text[:6] for p in outline.paragraphs if p.section_id == part.section_id] == ["消费潜能不断"]


NINGXIA_TASKS = [
    "2026年重点工作",
    "2026年是中国共产党成立105周年，是“十五五”规划实施第一年，具有特殊重大意义。",
    "着力贯彻新发展理念，在全面推动经济提质增效上开新局。主动适应新变化，有效应对新挑战。",
    "一是坚定实施扩大内需战略，在加快推动消费投资增长上实现新突破。坚持把扩大内需作为战略基点。",
    "大力提振消费。实施城乡居民增收计划。", "扩大有效投资。实施政府投资提质行动。",
    "着力完善市场经济体制，在全面深化改革开放上开新局。坚持以改革促发展、以开放促合作。",
    "全面增强改革创造力。进一步健全高质量发展体制机制。", "持续优化营商环境。深化“高效办成一件事”改革。",
    "着力加强生态保护治理，在全面促进绿色低碳发展上开新局。坚持生态优先、绿色发展。",
    "打好黄河“几字弯”攻坚战。全面落实国家“三北”工程总体规划。", "积极稳妥推进碳达峰碳中和。落实碳排放双控制度。"]


@pytest.mark.xfail(strict=True, reason=PARALLEL_MISS)
def test_parts_opening_with_the_same_words_stand_over_the_topic_paragraphs_between_them():
    # ningxia's 2026 report with its numbers stripped: three "着力…，在…上开新局" parts, each over
    # topic paragraphs; the topics form several runs, so only the shared opening decides
    outline = seg.segment(make_doc(NINGXIA_TASKS, doc_id="d"), CUES)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "2026年重点工作"), (2, "着力贯彻新发展理念，在全面推动经济提质增效上开新局"),
        (2, "着力完善市场经济体制，在全面深化改革开放上开新局"),
        (2, "着力加强生态保护治理，在全面促进绿色低碳发展上开新局")]


WORK_REPORTS_DIR = Path(__file__).parent / "fixtures" / "corpus" / "work-reports-2026"


@pytest.mark.parametrize("name", [
    "anhui", "gansu", "shanxi",
    *(pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=PARALLEL_MISS))
      for name in ("guizhou", "heilongjiang", "ningxia")),
])
def test_a_tuning_work_report_without_its_numbers_gives_the_outline_of_its_key(name):
    # the unnumbered copy of make eval, of the whole report: the topic paragraphs under a part
    # on its own line (anhui: 加大稳经济政策实施力度。…) stay paragraphs; the run-in parts of a
    # review (heilongjiang, guizhou) and the 着力… parts of ningxia are not found yet
    from pipeline.evaluate.variants import unnumbered_copy
    path = WORK_REPORTS_DIR / f"{name}.txt"
    text, key = unnumbered_copy(path.read_text(encoding="utf-8"), parse_outline(path.with_suffix(".outline")))
    outline = seg.segment(make_doc(text.split("\n"), doc_id=name), CUES)
    assert [(s.level, s.title) for s in outline.sections] == [(lv, t) for lv, _n, t in key.headings]


def test_a_section_with_two_runs_of_different_shape_gives_no_parts():
    # guizhou's 2026 tasks without numbers and without their announcement: parts "X，Y。" and
    # topic runs "Z。" alternate; no single run and no shared opening, so nothing is guessed
    lines = ["2026年工作安排", "今年是实施“十五五”规划的开局之年。政府工作的总体要求是：以习近平新时代中国特色社会主义思想为指导，坚持稳中求进工作总基调。",
             "统筹促消费和扩投资，全力扩大有效需求。落实好“两重”“两新”政策。",
             "推动消费扩容升级提质。提升居民消费能力。", "多措并举扩大有效投资。实施扩大民间投资专项行动。",
             "坚持以科技创新引领新质生产力发展，持续提升产业竞争力。推动科技创新和产业创新深度融合。",
             "全力打造“六大产业集群”。推动产业基地优化提升。", "加快构建优质高效服务业体系。推动旅游业提质升级。",
             "持续提升农业质量效益。着力提高大宗农产品保供水平。"]
    outline = seg.segment(make_doc(lines, doc_id="d"), CUES)
    assert [s.title for s in outline.sections] == ["2026年工作安排"]


# ---- one heading a line, numbers removed (make eval's unnumbered-own-line copy) ----

def test_own_line_copy_puts_each_run_in_heading_above_its_paragraph():
    from pipeline.evaluate.variants import own_line_copy, unnumbered_own_line_copy
    path = WORK_REPORTS_DIR / "heilongjiang.txt"
    text = path.read_text(encoding="utf-8")
    key = parse_outline(path.with_suffix(".outline"))
    lines = own_line_copy(text, key).split("\n")
    at = lines.index("（一）内需潜力持续释放")
    assert lines[at + 1].startswith("消费潜能不断激活，开展提振消费专项行动")
    assert "一、2025年工作回顾和“十四五”时期发展成就" in lines          # own-line headings stay
    bare, bare_key = unnumbered_own_line_copy(text, key)
    assert "内需潜力持续释放" in bare.split("\n") and bare_key.headings[1] == (2, None, "内需潜力持续释放")


HEILONGJIANG_TASKS_OWN_LINE = [
    "2026年重点工作",
    "2026年是“十五五”开局之年。做好政府工作，要坚持以习近平新时代中国特色社会主义思想为指导，完整准确全面贯彻新发展理念。",
    "具体抓好八个方面重点工作。",
    "着力优化供给扩大需求，拓展内需增长新空间", "坚持扩大内需这个战略基点，统筹促消费扩投资。",
    "大力提振消费。坚持惠民生和促消费相结合，深入实施提振消费专项行动。",
    "着力发展新质生产力，加快构建以先进制造业为骨干的现代化产业体系", "坚持以科技创新引领产业升级，建好用好国家级创新平台。",
    "着力夯实粮食安全根基，加快推进农业农村现代化", "统筹发展“四个农业”，优结构、提品质、增效益。",
    "持续加强政府自身建设", "把抓落实作为政府工作最鲜明的底色，全面提升政府履职能力，努力建设人民满意的政府。"]


def test_a_line_with_commas_and_no_closing_mark_before_prose_is_a_heading():
    # heilongjiang's 2026 tasks, one heading a line and no numbers: 着力…，… (31 characters, longer
    # than a bare heading may be) stands above a paragraph that ends as prose does
    outline = seg.segment(make_doc(HEILONGJIANG_TASKS_OWN_LINE, doc_id="d"), CUES)
    assert [s.title for s in outline.sections] == [
        "2026年重点工作", "着力优化供给扩大需求，拓展内需增长新空间",
        "着力发展新质生产力，加快构建以先进制造业为骨干的现代化产业体系",
        "着力夯实粮食安全根基，加快推进农业农村现代化", "持续加强政府自身建设"]


def test_a_line_with_commas_before_a_heading_or_a_list_line_is_no_leaf_heading():
    # the line after it decides: not prose (a heading, or a line without a closing mark)
    c = CUES
    from pipeline.segment.context import Context
    from pipeline.segment.headings import _comma_leaf
    lines = ("统筹促消费和扩投资，全力扩大有效需求", "推动消费扩容升级提质", "提升居民消费能力，扩大服务消费")
    ctx = Context(doc=make_doc(list(lines), doc_id="d"), cues=c, lines=lines)
    assert not _comma_leaf(ctx, 0) and not _comma_leaf(ctx, 2)


ANHUI_REVIEW_OWN_LINE = [
    "2025年工作和“十四五”发展回顾",
    "2025年是极不平凡的一年。面对外部压力加大、内部困难增多的复杂严峻形势，全省上下坚持以习近平新时代中国特色社会主义思想为指导。",
    "精准施策稳经济，回升向好态势巩固拓展",
    "面对国内外形势的深刻变化，我们坚持以进促稳、以新提质，全省经济运行总体平稳、稳中有进，主要经济指标好于全国。",
    "推动科技创新和产业创新深度融合，新质生产力发展壮大",
    "坚持科技打头阵，加快建设具有重要影响力的科技创新策源地，合肥综合性国家科学中心建设取得新进展，创新能力持续提升。",
    "推进深层次改革和高水平开放，发展活力和潜能持续激发",
    "坚持以改革开放增动力、添活力，深入实施国企改革深化提升行动，营商环境持续优化，对外开放水平不断提高。",
    "“十五五”时期主要目标", "今后五年，是基本实现社会主义现代化夯实基础、全面发力的关键时期。"]


def test_three_headings_in_a_row_with_the_same_commas_are_children_of_the_heading_before_them():
    # anhui's review, one heading a line and no numbers: the three "X，Y" parts share their shape,
    # the heading before them (no comma) is their parent, the next one without a comma its sibling
    outline = seg.segment(make_doc(ANHUI_REVIEW_OWN_LINE, doc_id="d"), CUES)
    assert [(s.level, s.title[:8]) for s in outline.sections] == [
        (1, "2025年工作和"), (2, "精准施策稳经济，"), (2, "推动科技创新和产"), (2, "推进深层次改革和"),
        (1, "“十五五”时期主")]


def test_one_paragraph_sections_after_a_part_with_one_paragraph_are_its_children():
    # heilongjiang, one heading a line and no numbers: the review part, its lead, then parts of one
    # paragraph each (the last closes with 各位代表！…); the document has two levels elsewhere (the
    # 着力…，… parts of its announcement), so a run of one-paragraph sections stands under the part
    review = ["2025年工作回顾和“十四五”时期发展成就",
              "2025年是“十四五”收官之年。一年来，在省委坚强领导下，全省上下牢记嘱托、感恩奋进，经济顶压前行、稳中有进。",
              "内需潜力持续释放", "消费潜能不断激活，开展提振消费专项行动，扩围实施消费品以旧换新，组织系列促消费活动，拉动消费728.4亿元。",
              "重点产业提质升级", "经济发展新引擎不断壮大，数字经济核心产业营收增长10.9%，生物经济重点产业营收快速增长，冰雪经济总产出增长13.2%。",
              "现代化大农业迈上新台阶", "粮食总产再创历史新高，连续16年位居全国首位，增量39.7亿斤、占全国23.6%，在保障国家粮食安全中彰显龙江责任。",
              "民生保障有力有效", "民生支出占一般公共预算支出87%，20件民生实事全部完成，城乡居民基本养老保险基础养老金提高20元。",
              "各位代表！", "“十四五”时期我省发展历程极不寻常、极不平凡，我们坚定不移沿着习近平总书记指引的方向前进，高质量振兴发展取得新成效。"]
    outline = seg.segment(make_doc(review + HEILONGJIANG_TASKS_OWN_LINE, doc_id="d"), CUES)
    assert [(s.level, s.title[:8]) for s in outline.sections] == [
        (1, "2025年工作回"), (2, "内需潜力持续释放"), (2, "重点产业提质升级"), (2, "现代化大农业迈上"),
        (2, "民生保障有力有效"), (1, "2026年重点工"), (2, "着力优化供给扩大"), (2, "着力发展新质生产"),
        (2, "着力夯实粮食安全"), (1, "持续加强政府自身")]


def test_one_paragraph_sections_in_a_document_of_one_level_stay_siblings():
    # the same run with no second level anywhere else: nothing says the first is a parent
    lines = ["内需潜力持续释放", "消费潜能不断激活，开展提振消费专项行动，扩围实施消费品以旧换新，组织系列促消费活动。",
             "重点产业提质升级", "经济发展新引擎不断壮大，数字经济核心产业营收增长10.9%，冰雪经济总产出增长13.2%。",
             "现代化大农业迈上新台阶", "粮食总产再创历史新高，连续16年位居全国首位，在保障国家粮食安全中彰显龙江责任。",
             "民生保障有力有效", "民生支出占一般公共预算支出87%，20件民生实事全部完成，基础养老金提高20元。"]
    outline = seg.segment(make_doc(lines, doc_id="d"), CUES)
    assert [s.level for s in outline.sections] == [1, 1, 1, 1]


# ---- three levels of bare headings (make eval unnumbered-own-line / unnumbered copies, #13 point 3) ----
# real lines of tuning plans, paragraphs cut short (each keeps its length against its neighbours)

CIVIL_EXPLOSIVES_OWN_LINE = [
    "回顾与总结",
    "“十二五”期间，民爆行业积极应对国内外经济形势变化，全面完成各项工作任务，产品产业结构持续优化，安全、科技和信息化发展水平明显提升，改革取得新成效，行业自身发展和保障国民经济建设需求创历史最好水平。",
    "取得的主要成绩",
    "产品结构持续优化",
    "现场混装炸药在工业炸药中占比由2010年的14.82%增加到2015年的22.45%，胶状乳化炸药由2010年的48.27%增加到2015年的59.91%；袋装包装炸药在工业炸药中占比由2010年的11.41%增加到2015年的17.65%。导爆管雷管在工业雷管中占比由2010年的32.3%增加到2015年的54.15%，工业电雷管占比由2010年的65.82%下降到2015年的43.58%。",
    "安全生产水平不断提高",
    "建立健全国家、省、市、县四级管理机构，落实属地监管责任，形成了较为完善的安全监管体系；推进安全生产标准化建设，规范安全生产行为，提升了安全生产管理水平；推动技术改造，以连续化自动化生产工艺取代间断式生产工艺，累计完成394条生产线的升级改造，提高了生产线本质安全水平。与上一个五年相比，民爆行业发生安全生产事故由21起大幅下降到7起，死亡人数由71人减少至64人，重大及以上安全生产事故起数持平，较大及一般安全生产事故起数大幅减少。",
    "存在的主要问题",
    "我国民爆行业发展在取得显著成绩的同时，也面临不少困难和问题。一是结构调整还不到位，产品结构不尽合理，现场混装生产方式和一体化服务发展缓慢，按照用户需求提供有效供给能力不足，产业集中度还有较大提升空间；二是科研投入不足，人才队伍缺乏，基础科研薄弱，科技创新能力有待进一步提升，信息化、智能制造还处于起步阶段；三是部分地区安全生产形势依然严峻，部分企业安全管理到点、到岗、到人的“最后一公里”尚不通畅，安全生产事故仍偶有发生；四是民爆行业产能存在区域性、结构性过剩，工业雷管产能利用率较低，工业炸药产能利用率也不到70%；上述问题的存在，对民爆行业实现安全发展、可持续发展，形成了阻碍。",
    "面临的形势",
    "未来五年，为适应经济发展新常态、改革发展新变化、安全发展新要求、科技创新新机遇，民爆行业必须审时度势，放眼全局，既要抓住发展新机遇，更要迎接新挑战。",
    "宏观经济调整影响深远",
    "民爆物品主要应用于煤炭、金属、非金属矿产资源开采和基础设施建设。一方面，未来五年国家在铁路公路、港口机场、水利水电、新型城镇化建设等基础建设方面持续投入，将拉动对民爆物品的国内市场需求；我国倡导开展“一带一路”建设，加大海外工程投资力度，有助于民爆企业拓展国际市场。另一方面，全球经济仍处于深度调整期，经济增长乏力，需求不足。在全球经济一体化大背景下，我国经济发展进入新常态，经济增速明显放缓。煤炭、钢铁、水泥等下游行业的下行压力传导到民爆行业，对民爆物品市场需求产生较大影响，与2013年峰值相比，2015年工业炸药产量减少70万吨，下降16%，工业雷管产量减少5.4亿发，下降29.9%。预计“十三五”期间，工业炸药市场需求将呈波动缓降趋势，工业雷管市场需求受爆破作业方式改变的影响将进一步下降。同时，市场需求的下降将进一步凸显产能过剩矛盾，可能导致市场竞争加剧，企业利润下滑，科研投入和安全投入保障压力加大。",
    "价格放开和销售渠道变化带来新挑战",
    "民爆物品价格放开，将促进价格随行就市新机制的形成，可以推动市场竞争，打破地区垄断，但也可能导致恶性竞争，出现低价倾销等问题，个别企业已出现应收账款居高不下，这必将影响到企业的安全投入和正常经营；同时，民爆物品长距离运输情况大幅增加，对社会公共安全带来隐患。另一方面，生产企业直销现象快速增长引起销售渠道变化，打破了原有的民爆物品销售体系，新的体系尚在探索和建立中，对民爆销售企业带来了挑战。企业需要主动适应环境变化，转变发展方式，提高经营管理水平，走创新驱动与提质增效之路。",
    "指导思想、基本原则与发展目标",
    "指导思想",
    "认真贯彻党的十八大和十八届三中、四中、五中全会精神，遵循创新、协调、绿色、开放、共享发展理念，牢固树立安全发展观念，以市场需求为导向推动行业供给侧结构性改革，以安全生产为基础维护行业发展，以科技创新为引领推动民爆行业产业升级，以结构调整为主线优化产品产业结构，以深化改革为重点增强行业发展动力，以“一带一路”建设为机遇扩大国际合作与交流，实现行业安全、健康、协调、可持续发展，更好地为经济社会发展服务。",
    "基本原则",
    "突出安全发展。贯彻“安全第一、预防为主、综合治理”的方针，建立管理全方位、监管全过程的安全生产综合治理体系，提高生产线本质安全水平，构建安全生产长效机制。",
    "坚持科技引领。建立开放合作的科技创新体系，加快基础科研和关键共性技术研发，加快新产品、新装备的开发，推进智能制造和信息化建设，提高清洁生产技术水平，推动行业科技进步，提高国际竞争力。",
    "坚持结构调整。优化产品结构，发展安全、高效产品；优化产能布局，形成合理分布；优化产业体系，推进现场混装生产方式和一体化服务；提高产业集中度，培育龙头骨干企业。",
    "坚持优化供给。落实供给侧结构性改革，提升行业服务能力和服务水平，提高产品质量稳定性、可靠性和实用性，降低用户及社会的总成本。",
    "坚持深化改革。加强依法行政，深化行政审批制度改革，加强行业上下游之间的政策协调，强化事中事后监管，突出企业的市场主体地位，维护市场有序竞争，营造良好的市场环境。",
    "主要任务",
    "推动行业科技进步",
    "建立开放合作的科技创新体系",
    "加强以企业为主体、专业科研机构为主导、产学研用紧密结合的创新体系建设。鼓励军民科技融合发展，促进民爆行业的军民技术双向转化，支持军工和民品企事业单位的技术合作。建立并完善行业关键、共性技术研发平台，努力创建国家级民爆装备技术创新服务平台(中心)。建立健全科技创新机制，加强知识产权保护力度，加快新技术、新成果在民爆行业内的推广应用。",
    "推动产品科技创新",
    "研发推广安全环保、性能优良的工业炸药及其制品，开展乳化炸药系列配方及稳定性研究，研发依据爆破现场作业参数实时调整配方的现场混装炸药产品，研发用于消除应力、提高金属结构件强度等方面的爆炸加工用新型炸药;研发推广高精度、高可靠性的工业雷管；推广高强度型塑料导爆管，研发柔性、防滑、高强度导爆索；研发用于新型应急救援、防灾减灾等方面的民用爆炸物品。",
    "加快产品产业结构调整",
    "优化产品结构",
    "重点发展以现场混装炸药、导爆管雷管等为代表的安全、高效产品品种，促进可靠性高、安全性好、节能环保新产品的研发和应用。工业炸药由以包装型为主向散装型和现场混装炸药方向发展，加快高精度、高可靠性、高强度导爆管雷管以及数码电子雷管发展，工业导爆索向系列化、多功能方向发展。",
    "优化产能布局",
    "贯彻落实京津冀协同发展、长江经济带发展等国家战略要求，统筹考虑经济发展形势和区域实际，综合运用市场机制和法治手段，严格执行安全、质量、技术、环保等法律法规和标准规范，积极推动化解过剩产能；严控生产许可能力总量,严控新增民爆物品生产许可证，构建产能动态调控机制，提高产能布局合理性，有效降低民爆产品运输距离，形成供需匹配、分布合理的产业发展格局。",
    "保障措施",
    "加强法规规章建设与政策引导",
    "研究《民用爆炸物品安全管理条例》在实施中的体制机制问题，适时启动修订程序。修订《民用爆炸物品生产许可实施办法》，严格依法行政。强化政策引导在安全管理、产品质量、技术进步和化解过剩产能等方面对企业的激励和约束作用。研究支持研发先进产品和企业推进一体化服务、向高端化发展的激励政策。",
    "加快标准化工作",
    "进一步完善优化行业标准体系，加快民爆行业标准研究，根据行业发展要求做好相应标准的制修订工作，强化标准在产品结构调整、技术水平提升、安全管理和生产经营中的作用。开展与发达国家民爆标准的对标分析，研究和探讨采标的实施途径和方式，提高我国民爆行业标准化水平。",
]


NDRC_BIDDING_OWN_LINE = [
    "总体目标",
    "围绕招标投标交易全过程和管理重点环节，按照政府引导、多方参与、场景牵引、安全可控的原则，积极稳妥推进人工智能在招标投标领域的应用，改进招标投标范式，提升服务和监。",
    "加快推进场景应用",
    "“人工智能+”招标",
    "招标策划",
    "辅助招标人对行业趋势、市场供需、资源要素等进行综合研判，准确理解、分析有关项目的投资审批、招标投标、履约验收等信息，生成客观量化的招标需求、技术和商务条件，从源。",
    "招标文件编制",
    "在深度理解项目目标、建设内容、招标需求、技术和商务条件等基础上，结合历史交易情况和政策法规要求，智能匹配招标文件范本，推荐适合的资格条件、评标办法和评标标准，辅。",
    "“人工智能+”投标",
    "投标策划",
    "全方位捕捉各类项目招标信息，结合投标人特点推送适合的项目信息，自动提取并解析项目招标计划、招标公告和招标文件等资料中的关键要素，智能生成招标需求图谱，对重要内容。",
    "“人工智能+”开标和评标",
    "开标",
    "打造类人化的数字开标人，调度项目开标活动全流程，自动完成宣读开标纪律、公布投标人名单、标书解密、唱标、结果确认等工作。智能判断开标异常情况并进行提示，辅助招标人。",
    "专家抽取",
    "综合解析项目特点和评标要点，根据评标专家的专业分类、地域分布、回避规则等条件，结合远程异地评标等要求，自动生成与项目相适应的专家抽取方案，提高所抽取专家与项目的。",
    "“人工智能+”定标",
    "评标报告核验",
    "打造评标报告智能审核能力，辅助招标人核查评标报告的数据准确性、逻辑关联性、内容合规性等，自动预警客观评审因素评分不一致、分值计算错误、专家打分偏离度过大等问题，。",
    "规范部署实施",
    "科学组织推进",
    "各地要根据实践需求和技术基础，科学确定实施路径。对于提高交易效率、适合市场化推进的场景，要积极培育人工智能应用服务商。对于保障交易公平公正、提升监管质效的场景，。",
    "强化系统集成",
    "各地要持续深化公共资源交易平台整合共享，在统一制度规则和技术标准的基础上有序开展集约化改造，提升招标投标交易流程和有关平台系统的标准化水平，强化有关平台系统互联。",
]


NDRC_BIDDING_UNNUMBERED = [
    "总体目标",
    "围绕招标投标交易全过程和管理重点环节，按照政府引导、多方参与、场景牵引、安全可控的原则，积极稳妥推进人工智能在招标投标领域的应用，改进招标投标范式，提升服务和监管的数智化水平，为保。",
    "加快推进场景应用",
    "“人工智能+”招标",
    "招标策划。 辅助招标人对行业趋势、市场供需、资源要素等进行综合研判，准确理解、分析有关项目的投资审批、招标投标、履约验收等信息，生成客观量化的招标需求、技术和商务条件，从源头提高招。",
    "招标文件编制。 在深度理解项目目标、建设内容、招标需求、技术和商务条件等基础上，结合历史交易情况和政策法规要求，智能匹配招标文件范本，推荐适合的资格条件、评标办法和评标标准，辅助招。",
    "招标文件检测。 结合有关政策法规要求，对招标文件开展合规性、合理性、错敏词等多维度检测，自动识别各类违法违规和排斥限制竞争等问题，提示判断依据和修改建议，辅助招标人对招标文件进行智。",
    "“人工智能+”投标",
    "投标策划。 全方位捕捉各类项目招标信息，结合投标人特点推送适合的项目信息，自动提取并解析项目招标计划、招标公告和招标文件等资料中的关键要素，智能生成招标需求图谱，对重要内容进行提示。",
    "投标合规自查。 深度解析项目招标需求和招标文件要求，结合投标人的特点和优势，辅助投标人确定技术方案和报价区间。对投标人编制的投标文件，对照招标文件进行响应性比对，自动提示投标文件中。",
    "“人工智能+”开标和评标",
    "开标。 打造类人化的数字开标人，调度项目开标活动全流程，自动完成宣读开标纪律、公布投标人名单、标书解密、唱标、结果确认等工作。智能判断开标异常情况并进行提示，辅助招标人实时高效处理。",
    "专家抽取。 综合解析项目特点和评标要点，根据评标专家的专业分类、地域分布、回避规则等条件，结合远程异地评标等要求，自动生成与项目相适应的专家抽取方案，提高所抽取专家与项目的匹配度，。",
    "智能辅助评标。 打造类人化的评审推理能力，掌握不同专业评标专家的知识结构体系，按照项目类型建立综合评审指标体系，结合具体项目推荐或匹配评审点，全面提取招标投标文件要素，深度解析招标。",
    "规范部署实施",
    "科学组织推进。 各地要根据实践需求和技术基础，科学确定实施路径。对于提高交易效率、适合市场化推进的场景，要积极培育人工智能应用服务商。对于保障交易公平公正、提升监管质效的场景，要注。",
    "强化系统集成。 各地要持续深化公共资源交易平台整合共享，在统一制度规则和技术标准的基础上有序开展集约化改造，提升招标投标交易流程和有关平台系统的标准化水平，强化有关平台系统互联互通。",
    "夯实数据基础。 各地要加强招标投标数据治理，强化数据清洗和标注，加快构建涵盖招标投标政策法规和全流程各环节的高质量数据集和知识库，依托政务数据共享机制，推进高质量数据集的共建共享和。",
    "持续迭代优化。 各地要建立人工智能模型常态化升级机制，及时更新数据集和知识库，运用招标投标专业数据进行针对性训练，不断优化模型算法，提升模型精准度。要建立用户评价反馈机制，及时收集。",
    "健全应用机制。 各地要加强人工智能应用与招标投标全流程各环节的衔接，健全模型生成内容的转化应用机制，保障模型充分发挥作用。坚持技术的辅助性定位，模型生成的结论不替代招标人、招标代理。",
    "提升安全水平。 严格落实人工智能模型安全管理要求，强化模型算法、数据资源、基础设施、应用系统等安全能力建设，严格开展算法、模型备案和安全审核。构建数据、算力、算法和系统安全防护体系。",
]


CENTRAL_NO1_UNNUMBERED = [
    "强化体制机制创新",
    "加快健全现代农业经营体系",
    "全面开展第二轮土地承包到期后再延长三十年整省试点，妥善解决延包中的矛盾纠纷，确保绝大多数农户原有承包地保持稳定、顺利延包。规范承包地经营权流转，加强长时间大面积流转土地风险监测预警。提升家庭农场生产经营能力，提高农民合作社发展质量，发挥现代。",
    "规范有序做好农村各类资源盘活利用",
    "有序推进农村集体经营性建设用地入市，支持入市土地优先用于发展集体经济和乡村产业，严禁用于建设商品住房。强化农村宅基地和农民建房审批管理，严查严防违法违规购买农房宅基地。依法盘活用好闲置土地和房屋，加强租赁合同管理。引导农村产权流转交易市场健。",
    "创新乡村振兴投融资机制",
    "优先保障农业农村领域一般公共预算投入，提升财政支农政策效能和资金效益。用足用好专项债、超长期特别国债，支持符合条件的农业农村领域重大项目建设。健全财政金融协同支农投入机制，充分发挥支农支小再贷款、科技创新和技术改造再贷款等政策激励作用，推动。",
    "加强党对\"三农\"工作的全面领导",
    "强化乡村振兴责任制落实",
    "坚持五级书记抓乡村振兴，健全党领导农村工作体制机制。更好发挥党委农办统筹协调作用。加大\"三农\"干部教育培训力度，深入开展推进乡村全面振兴专题培训，提升各级党政干部抓\"三农\"工作本领。",
    "加强农村基层党组织建设",
    "做好农村基层组织换届选举，选优配强乡镇领导班子，优化村\"两委\"班子特别是带头人队伍，持续整顿软弱涣散村党组织。加强农村党员日常教育管理，实施农村党员集中轮训计划。充实和稳定农村基层一线力量，公务员招录计划向县乡基层机关倾斜，原则上不得从县乡。",
    "改进农村工作方式方法",
    "树立和践行正确政绩观，结合实际、因地制宜，自觉按规律办事。深入开展整治形式主义为基层减负工作，用好乡镇（街道）履行职责事项清单，完善村（社区）工作事项准入制度，加强\"一表通\"数据共享和创新应用，清理整合面向基层的政务移动互联网应用程序。扎实。",
]


GOV_NEW_MEDIA_UNNUMBERED = [
    "总体要求",
    "指导思想。",
    "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神，坚持以人民为中心的发展思想，牢固树立新发展理念，认真。",
    "工作目标。",
    "到2022年，建成以中国政府网政务新媒体为龙头，整体协同、响应迅速的政务新媒体矩阵体系，全面提升政务新媒体传播力、引导力、影响力、公信力，打。",
    "基本原则。",
    "坚持正确导向。增强“四个意识”，坚定“四个自信”，坚决做到“两个维护”，围绕中心，服务大局，弘扬主旋律，传播正能量，讲好中国故事，办好群众实。",
    "坚持需求引领。围绕公众需要，立足政府职能，切实解决有平台无运营、有账号无监管、有发布无审核等问题，优化用户体验，提升服务水平，增强群众获得感。",
    "坚持互联融合。按照前台多样、后台联通的要求，推动各类政务新媒体互联互通、整体发声、协同联动，推进政务新媒体与政府网站等融合发展，实现数据同源。",
    "坚持创新发展。遵循移动互联网发展规律，创新工作理念、方法手段和制度机制，积极运用大数据、云计算、人工智能等新技术新应用，提升政务新媒体智能化。",
    "明确工作职责",
    "本意见所称政务新媒体，是指各级行政机关、承担行政职能的事业单位及其内设机构在微博、微信等第三方平台上开设的政务账号或应用，以及自行开发建设的。",
    "国务院办公厅是全国政务新媒体工作的主管单位，地方各级人民政府办公厅（室）是本地区政务新媒体工作的主管单位，国务院各部门办公厅（室）或指定的专。",
    "各级政务新媒体按照主管主办和属地管理原则，接受宣传、网信部门的有关业务统筹指导和宏观管理。",
    "加强功能建设",
    "各地区、各部门要遵循政务新媒体发展规律，明确政务新媒体定位，充分发挥政务新媒体传播速度快、受众面广、互动性强等优势，以内容建设为根本，不断强。",
    "推进政务公开，强化解读回应。积极运用政务新媒体传播党和政府声音，做大做强正面宣传，巩固拓展主流舆论阵地。围绕中心工作，深入推进决策公开、执行。",
    "加强政民互动，创新社会治理。畅通政务新媒体互动渠道，听民意、聚民智、解民忧、凝民心，走好网上群众路线。认真做好公众留言审看发布、处理反馈工作。",
    "突出民生事项，优化掌上服务。强化政务新媒体办事服务功能，围绕利企便民，聚合办事入口，优化用户体验，推动更多事项“掌上办”。要立足工作职责，重。",
    "规范运维管理",
    "开设整合。县级以上地方各级人民政府及国务院部门应当开设政务新媒体，其他单位可根据工作需要规范开设。一个单位原则上在同一平台只开设一个政务新媒。",
    "内容保障。严格内容发布审核制度，坚持分级分类审核、先审后发，明确审核主体、审核流程，严把政治关、法律关、政策关、保密关、文字关。规范转载发布。",
    "安全防护。严格执行网络安全法等法律法规，落实安全管理责任，建立健全安全管理制度、保密审查制度和应急预案，提高政务新媒体安全防护能力。加强对账。",
    "监督管理。加强政务新媒体的日常监管，定期组织检查，积极运用技术手段进行实时监控，及时通报、督促整改存在的突出问题。对发现的假冒政务新媒体，要。",
]


def _levels(lines):
    return [(s.level, s.title) for s in seg.segment(make_doc(lines, doc_id="d"), CUES).sections]


def test_three_levels_a_leaf_stands_under_its_nearest_parent_and_a_lone_parent_beside_it():
    # civil-explosives plan, one heading a line, numbers removed (whole paragraphs: their lengths
    # decide): 回顾与总结 / its lead / 取得的主要成绩 is a chain; a part with a lead paragraph
    # (面临的形势: 74 characters between 291 and 407) is level 1 and its leaves level 2; a parent
    # alone after them (指导思想、基本原则与发展目标) is that part's sibling; a chain 主要任务 /
    # 推动行业科技进步 is levels 1 and 2, its leaves 3, the next parent alone (加快产品产业结构调整)
    # the sibling of 推动行业科技进步; 保障措施, shorter than each of those and no longer than
    # 主要任务, is another part. 存在的主要问题 (level 2 in the key, a sibling of 取得的主要成绩)
    # has the shape of the leaves before it: still level 3 (a known miss)
    assert _levels(CIVIL_EXPLOSIVES_OWN_LINE) == [
        (1, "回顾与总结"), (2, "取得的主要成绩"), (3, "产品结构持续优化"), (3, "安全生产水平不断提高"),
        (3, "存在的主要问题"), (1, "面临的形势"), (2, "宏观经济调整影响深远"), (2, "价格放开和销售渠道变化带来新挑战"),
        (1, "指导思想、基本原则与发展目标"), (2, "指导思想"), (2, "基本原则"),
        (1, "主要任务"), (2, "推动行业科技进步"), (3, "建立开放合作的科技创新体系"), (3, "推动产品科技创新"),
        (2, "加快产品产业结构调整"), (3, "优化产品结构"), (3, "优化产能布局"),
        (1, "保障措施"), (2, "加强法规规章建设与政策引导"), (2, "加快标准化工作")]


def test_three_levels_a_parent_after_parents_opening_alike_is_their_parents_sibling():
    # ndrc bidding opinions, one heading a line: the “人工智能+”… parents share their opening,
    # 规范部署实施 does not (and is shorter than each of them and than 加快推进场景应用): a part
    # again, its leaves level 2
    assert _levels(NDRC_BIDDING_OWN_LINE) == [
        (1, "总体目标"), (1, "加快推进场景应用"), (2, "“人工智能+”招标"), (3, "招标策划"), (3, "招标文件编制"),
        (2, "“人工智能+”投标"), (3, "投标策划"), (2, "“人工智能+”开标和评标"), (3, "开标"), (3, "专家抽取"),
        (2, "“人工智能+”定标"), (3, "评标报告核验"), (1, "规范部署实施"), (2, "科学组织推进"), (2, "强化系统集成")]


def test_headings_after_a_run_of_alike_children_are_their_parents_siblings():
    # the same opinions with the run-in points left in their paragraphs: three “人工智能+”… parts
    # under 加快推进场景应用, then 规范部署实施 printed otherwise: level 1, not a fourth child
    assert _levels(NDRC_BIDDING_UNNUMBERED) == [
        (1, "总体目标"), (1, "加快推进场景应用"), (2, "“人工智能+”招标"), (2, "“人工智能+”投标"),
        (2, "“人工智能+”开标和评标"), (1, "规范部署实施")]


def test_sections_with_a_body_after_a_terminal_run_have_no_children():
    # gov new-media opinions, numbers removed: 指导思想。/ 工作目标。/ 基本原则。 under 总体要求;
    # 明确工作职责 is 总体要求's sibling, and so are 加强功能建设 and 规范运维管理 after it: a section
    # of several paragraphs (not ending on an announcement) has no children
    assert _levels(GOV_NEW_MEDIA_UNNUMBERED) == [
        (1, "总体要求"), (2, "指导思想"), (2, "工作目标"), (2, "基本原则"), (1, "明确工作职责"),
        (1, "加强功能建设"), (1, "规范运维管理")]


def test_a_parent_by_intro_straight_after_a_parent_by_adjacency_is_its_first_child():
    # central no. 1 document 2026, numbers removed: 加强党对"三农"工作的全面领导 is followed at
    # once by 强化乡村振兴责任制落实, whose one short paragraph is its own text, not a part's lead
    assert _levels(CENTRAL_NO1_UNNUMBERED) == [
        (1, "强化体制机制创新"), (2, "加快健全现代农业经营体系"), (2, "规范有序做好农村各类资源盘活利用"),
        (2, "创新乡村振兴投融资机制"), (1, "加强党对\"三农\"工作的全面领导"), (2, "强化乡村振兴责任制落实"),
        (2, "加强农村基层党组织建设"), (2, "改进农村工作方式方法")]


def test_list_points_without_titles_in_a_numbering_run_are_untitled_parts():
    # shandong-hazardous-waste-inspection-plan-2019 (tuning): under （一）排查危险废物产生及去向 the
    # points 1.排查…。 … 5.排查…。 print no title: each is a part with its number (as （二） and 第一条 are)
    path = FIXTURES.parent / "corpus" / "plans" / "shandong-hazardous-waste-inspection-plan-2019.txt"
    outline = seg.segment(make_doc(read_lines(path)), CUES)
    first = next(k for k, s in enumerate(outline.sections) if s.title == "排查危险废物产生及去向")
    points = outline.sections[first + 1:first + 6]
    assert [(s.level, s.number, s.title) for s in points] == [(3, f"{n}.", "") for n in range(1, 6)]
    assert all(s.parent_id == outline.sections[first].section_id for s in points)


def _outline_levels(text: str):
    return [(s.level, s.title) for s in seg.segment(make_doc(text.split("\n"), doc_id="d"), CUES).sections]


def test_toc_entries_do_not_make_an_unnumbered_plan_numbered():
    # sichuan_outline_14th (tuning), body numbers removed: the 目录 keeps "第一篇　…………1", but a
    # TOC entry is no heading of the body, so the body's bare headings are read (篇 > 章 > 节)
    text = "\n".join([
        "四川省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "", "目　录",
        "第一篇　开启全面建设社会主义现代化四川新征程……………………1",
        "第一章　发展环境……………………………………………………1",
        "第二章　总体要求……………………………………………………4", "",
        "　　四川省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要，根据《中共四川省委关于制定四川省国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议》编制，是开启全面建设社会主义现代化四川新征程的宏伟蓝图。",
        "开启全面建设社会主义现代化四川新征程", "发展环境",
        "　　“十四五”时期是我省与全国同步开启全面建设社会主义现代化新征程的第一个五年。",
        "决胜全面建成小康社会取得决定性成就",
        "　　“十三五”时期，全省经济总量跨上新台阶，地区生产总值接近5万亿元，脱贫攻坚取得全面胜利，88个贫困县全部摘帽。",
        "新发展阶段面临新机遇新挑战",
        "　　当前和今后一个时期，我省发展仍处于重要战略机遇期，但机遇和挑战都有新的发展变化。",
        "总体要求", "指导思想",
        "　　高举中国特色社会主义伟大旗帜，深入贯彻党的十九大和十九届二中、三中、四中、五中全会精神，统筹推进“五位一体”总体布局。",
        "主要目标",
        "　　锚定二〇三五年远景目标，综合考虑发展环境和发展条件，今后五年经济社会发展要努力实现以下主要目标。"])
    assert [title for _level, title in _outline_levels(text)] == [
        "开启全面建设社会主义现代化四川新征程", "发展环境", "决胜全面建成小康社会取得决定性成就",
        "新发展阶段面临新机遇新挑战", "总体要求", "指导思想", "主要目标"]


def test_category_rows_of_a_text_table_do_not_make_an_unnumbered_plan_numbered():
    # jiangsu_medical_security_14th (tuning), numbers removed: the indicator table's category rows
    # (一、参保覆盖 / 二、保障程度 over "1.基本医疗保险参保率（%） 98.5 >98 约束性") are table lines,
    # not numbered headings: the bare headings around them are read
    text = "\n".join([
        "江苏省“十四五”医疗保障发展规划", "", "发展基础和发展环境", "“十三五”时期发展成就",
        "“十三五”时期，全省医疗保障改革发展取得显著成效，基本医疗保险参保率稳定在98%以上，城乡居民基本医疗保险制度全面整合，医保基金监管持续加强。",
        "“十四五”时期面临的形势",
        "“十四五”时期是开启全面建设社会主义现代化新征程的第一个五年，人民群众对医疗保障的需求更加多元，医疗保障发展不平衡不充分的问题依然存在。",
        "表1　江苏省“十四五”医疗保障发展主要指标", "指标 2020年 2025年 属性", "一、参保覆盖",
        "1.基本医疗保险参保率（%） 98.5 >98 约束性",
        "2.基本医疗保险基金收入（亿元） 1603 收入规模与经济社会发展水平相适应 预期性", "二、保障程度",
        "3.职工基本医疗保险政策范围内住院费用基金支付比例（%） 85.2 保持稳定 约束性", "",
        "健全多层次医疗保障制度体系", "完善基本医疗保险制度",
        "坚持应保尽保、保障基本，巩固提高统筹层次，推进基本医疗保险省级统筹。"])
    assert _outline_levels(text) == [
        (1, "发展基础和发展环境"), (2, "“十三五”时期发展成就"), (2, "“十四五”时期面临的形势"),
        (1, "健全多层次医疗保障制度体系"), (2, "完善基本医疗保险制度")]


def test_cover_and_title_lines_are_no_bare_headings():
    # real-lujiang-outline-cover (tuning), numbers removed: the cover (title broken over three
    # lines, 庐江县人民政府, 2021 年 5 月) and the resolution's title over its adoption note
    # ("( 2021 年 1 月 13 日…", its bracket not closed on the line) are no headings; nor is
    # real-jingan-action-plan's title broken over two lines above its period (2018—2020年)
    lujiang = [
        "(安徽省)合肥市庐江县国民经济和社会发展十四五规划(2022年更新)",
        "庐江县国民经济和社会发展",
        "第十四个五年规划和2035 年",
        "远景目标纲要",
        "庐江县人民政府",
        "2021 年 5 月",
        "庐江县第十七届人民代表大会第五次会议",
        "关于庐江县国民经济和社会发展第十四个五",
        "年规划和2035 年远景目标纲要的决议",
        "( 2021 年 1 月 13 日庐江县第十七届人民代表大会第五次会议",
        "庐江县国民经济和社会发展第十四个五年规划和2035 年远景目标纲要",
        "庐江县人民政府",
        "2021 年 5 月",
        "根据《中共庐江县委关于制定庐江县国民经济和社会发展第十四个五年规划和2035 年远景目标的建议》,编制《庐江县国民经济和社会发展第十四个五年规划和2035 年远景目标纲要》,明确我县“十四五”时期指导思想、战略定位、主要目标、发展重点和政策取向。《纲要》是未来五年乃至未来更长一个时期庐江经济社会发展的宏伟蓝图,是政府全面履行职能的重要依据,是引导市场主体行为的重要参考,是全县人民共同的行动指南。",
        "乘势而上迈向新征程",
        "如期全面建成小康社会",
        "“ 十三五 ” 时期,面对错综复杂的外部环境、艰巨繁重的改革发展稳定任务特别是新冠肺炎疫情严重冲击、防汛抗灾严峻形势,全县上下始终坚持以习近平新时代中国特色社会主义思想为指导,认真贯彻落实中央及省市决策部署,砥砺前行、开拓创新,紧紧围绕 “ 新跨越、进十强、争百强 ” 目标,深入实施 “ 工业强县、大美庐江、全域旅游 ” 三大战略,奋发有为推进全县各项事业发展, “ 十三五 ” 规划目标任务基本完成,全面建成小康社会胜利在望,庐江对接融入长三角、建设合肥南部副中心城市的基础更加坚实稳固。",
    ]
    assert [t for _l, t in _outline_levels("\n".join(lujiang))] == ["乘势而上迈向新征程", "如期全面建成小康社会"]
    jingan = [
        "“党政混合信息公开” 中共静安区委办公室 静安区人民政府办公室印发《静安区全力打响“上海服务”品牌加快建设“国际静安”三年行动计划(2018—2020年)》的通知",
        "静安区全力打响“上海服务”品牌",
        "加快建设“国际静安”三年行动计划",
        "(2018—2020年)",
        "为贯彻落实上海全力打响“四大品牌”的战略部署,打响“上海服务”品牌,增强城市服务功能,提高服务经济能级,努力建设服务型政府,加快构筑新时代上海发展战略优势,根据区委、区政府关于全面落实打响“上海服务”品牌的总体要求,特制定本行动计划。",
        "总体要求",
        "指导思想",
        "深入贯彻落实党的十九大精神,以习近平新时代中国特色社会主义思想为指导,全面落实上海建设“卓越的全球城市”的总体目标,对接上海国际经济、金融、贸易、航运和科创“五个中心”核心服务功能,着力增强上海服务长三角、服务全国、服务“一带一路”和全球的能力,静安区要对标国际最高标准、最好水平,围绕“国际静安、圆梦福地”的奋斗目标,彰显城区功能和服务经济优势,强化创新驱动、突出制度供给,推动服务质量、服务效率和服务动力变革,主动承接上海综合服务核心功能,持续提升静安城区的综合服务能级,领先发展高能级的服务经济,着力实现高质量发展和高品质生活,率先建成高效能的服务型政府,着力提升服务对象的感受度、体验感和获得感,使静安区成为体现“上海服务”高水平的闪亮名片。",
    ]
    assert [t for _l, t in _outline_levels("\n".join(jingan))] == ["总体要求", "指导思想"]


def test_an_image_placeholder_is_no_bare_heading():
    # real-lucheng-proposal (tuning): the page's image left the line 图片 between the title and
    # the news lead
    lines = ["中共温州市鹿城区委关于制定鹿城区国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议", "", "",
             "图片", "", "",
             "鹿城新闻网讯 中国共产党温州市鹿城区第九届委员会第十次全体会议,认真学习贯彻党的十九届五中全会和省委十四届八次全会、市委十二届十一次全会精神",
             "", "", "高水平开启全面建设社会主义现代化国家新征程", "", "",
             "“十三五”发展取得的巨大成就。“十三五”是鹿城改革发展进程中极不平凡的五年。"]
    assert [t for _l, t in _outline_levels("\n".join(lines))] == ["高水平开启全面建设社会主义现代化国家新征程"]


def test_a_sections_own_paragraph_before_a_chain_is_no_lead_of_it():
    # shandong-hazardous-waste-inspection-plan-2019 (tuning), one heading a line, numbers removed:
    # 总体要求's one paragraph (241 characters) is its own text, not a lead over the chain 主要任务 /
    # 排查危险废物产生及去向 (402 characters): 主要任务 is 总体要求's sibling, at level 1
    from pipeline.evaluate.expected import parse_outline
    from pipeline.evaluate.variants import unnumbered_own_line_copy
    path = FIXTURES.parent / "corpus" / "plans" / "shandong-hazardous-waste-inspection-plan-2019.txt"
    text, _key = unnumbered_own_line_copy(path.read_text(encoding="utf-8"), parse_outline(path.with_suffix(".outline")))
    assert _outline_levels(text)[:8] == [
        (1, "总体要求"), (1, "主要任务"), (2, "排查危险废物产生及去向"), (2, "排查并妥善处置非法倾倒固体废物"),
        (2, "排查危险废物处置能力"), (1, "方法步骤"), (2, "排查方式"), (3, "各市自查")]


def test_parts_repeating_their_childrens_titles_are_siblings():
    # moa-grassland-livestock-opinions-2016 (plans, tuning), one heading a line, numbers removed:
    # 北方干旱半干旱区 / 青藏高寒区 / 东北华北湿润半湿润区 / 南方区 each over 基本情况 / 主攻方向 /
    # 推介模式 are siblings under 区域布局及主要模式, their children one level below
    from pipeline.evaluate.expected import parse_outline
    from pipeline.evaluate.variants import unnumbered_own_line_copy
    path = FIXTURES.parent / "corpus" / "plans" / "moa-grassland-livestock-opinions-2016.txt"
    text, _key = unnumbered_own_line_copy(path.read_text(encoding="utf-8"), parse_outline(path.with_suffix(".outline")))
    levels = _outline_levels(text)
    first = levels.index((1, "区域布局及主要模式"))
    children = [(3, "基本情况"), (3, "主攻方向"), (3, "推介模式")]
    assert levels[first:first + 17] == [(1, "区域布局及主要模式"), (2, "北方干旱半干旱区"), *children,
                                        (2, "青藏高寒区"), *children, (2, "东北华北湿润半湿润区"), *children,
                                        (2, "南方区"), *children]


def test_a_section_holding_only_the_shared_opening_is_the_parent_of_those_opening_otherwise():
    # gov-sichuan-inspection-reply-2004 (plans, tuning), one heading a line, numbers removed: the
    # sections open "你省请求，…"; 关于防灾抗灾和移民安置问题 holds only its request, and the two
    # sections after it open with the answer (国土资源部会同… / 发展改革委会同…): its children
    from pipeline.evaluate.expected import parse_outline
    from pipeline.evaluate.variants import unnumbered_own_line_copy
    path = FIXTURES.parent / "corpus" / "plans" / "gov-sichuan-inspection-reply-2004.txt"
    text, _key = unnumbered_own_line_copy(path.read_text(encoding="utf-8"), parse_outline(path.with_suffix(".outline")))
    levels = _outline_levels(text)
    first = levels.index((1, "关于防灾抗灾和移民安置问题"))
    assert levels[first:first + 4] == [(1, "关于防灾抗灾和移民安置问题"), (2, "关于防治地质灾害问题"),
                                       (2, "关于生态移民问题"), (1, "关于长江上游污染治理问题")]
    assert (2, "关于退耕还林历史遗留问题") in levels and (1, "关于天然林资源保护和退耕还林工程问题") in levels


def test_a_short_section_followed_by_one_opening_alike_is_its_sibling():
    # real-guandu-growth-measures (segment-eval, tuning), one heading a line, numbers removed:
    # 提高土地审批效率 has one short paragraph, but the heading after it opens alike
    # (提高环评审批效率): a sibling, not its child
    from pipeline.evaluate.expected import parse_outline
    from pipeline.evaluate.variants import unnumbered_own_line_copy
    path = FIXTURES / "eval" / "real-guandu-growth-measures.txt"
    text, _key = unnumbered_own_line_copy(path.read_text(encoding="utf-8"), parse_outline(path.with_suffix(".outline")))
    assert _outline_levels(text)[:6] == [
        (1, "提高投资项目审批效率"), (2, "精简项目审批手续"), (2, "提高土地审批效率"), (2, "提高环评审批效率"),
        (1, "加快推进项目建设"), (2, "加强项目谋划储备")]
