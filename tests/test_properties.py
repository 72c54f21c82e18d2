"""Property tests across stages (issue 6): arbitrary mixtures of plan-like lines never break
normalize → segment → extract, and every offset points at what it claims."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_targets, load_extract_lexicon
from pipeline.model import DocumentMeta, RawDocument
from pipeline.config import LEXICON_DIR
from pipeline.normalize import load_normalize_lexicon, normalize
from pipeline.segment import load_cues, segment

CUES = load_cues(LEXICON_DIR)
LEX = load_extract_lexicon(LEXICON_DIR)

NORMALIZE = load_normalize_lexicon(LEXICON_DIR)

PLAN_LINES = [
    "一、规划背景", "（一）发展基础。“十三五”时期，全省累计实现城镇新增就业500万人以上。", "第一章 总体要求",
    "第二节 主要目标", "1.人才资源总量(万人) 1075 1400", "发展环境", "| | | |", "注：〔 〕内为5年累计数。",
    "专栏3 高质量就业专项行动 01 高校毕业生就业创业促进计划 每年帮扶困难人员实现就业7万人。 02 创业担保贷款 每年20亿元。 |",
    "專欄6 技能人才培育工程 每年開展技能人才培訓100萬人次以上。 01 新時代工匠遴選 重點培育30名左右浙江大工匠。",
    "到2025年，人力资源服务机构达7000家，营业收入达4500亿元。", "——坚持以人民为中心。", "城镇调查失业率控制在5.5%左右",
    "比例 7:25:68 8:26:66", "一、人才队伍建设 1.人才资源总量(萬人) 1075 1400 1400 | | | |", "", "   ",
]

line = st.one_of(
    st.sampled_from(PLAN_LINES),
    st.text(max_size=60).map(lambda s: s.replace("\n", " ").replace("\r", " ")),
    st.lists(st.sampled_from(PLAN_LINES + ["500万人", "〔20〕", "①", "（1）", "01", "|"]), max_size=6).map(" ".join),
)


def pipeline_on(lines):
    raw = RawDocument(meta=DocumentMeta(doc_id="prop"), source_path="prop.txt", sha256="0" * 64,
                      encoding="utf-8", format="text", lines=tuple(lines))
    doc = normalize(raw, NORMALIZE)
    outline = segment(doc, CUES)
    return doc, outline, extract_targets(outline, LEX)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=25))
def test_offsets_always_point_at_what_they_name(lines):
    doc, outline, targets = pipeline_on(lines)
    assert len(doc.lines) == len(lines)
    paragraphs = {p.para_id: p for p in outline.paragraphs}
    for p in outline.paragraphs:
        assert doc.lines[p.line - 1][p.line_char_start:p.line_char_end] == p.text
    for t in targets:
        paragraph = paragraphs[t.para_id]
        assert paragraph.text[t.char_start:t.char_end] == t.mention
        assert t.line == paragraph.line
    for item in outline.column_items:
        column_text = next(p.text for p in outline.paragraphs if p.column_id == item.column_id and p.kind == "column")
        assert 0 <= item.char_start <= item.char_end <= len(column_text)
    for c in doc.conversions:
        assert doc.lines[c.line - 1][c.char_start:c.char_end] == c.target


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=15))
def test_normalizing_twice_changes_nothing(lines):
    once, _, _ = pipeline_on(lines)
    twice, _, _ = pipeline_on(once.lines)
    assert twice.lines == once.lines
