"""html_blocks: the chrome lexicon, metadata fields and block text cleaning.

Whole pages go through ``ingest.read_document`` in tests/test_ingest.py."""
import re

import pytest
from bs4 import BeautifulSoup

from pipeline.config import LEXICON_DIR, RAW_DIR
from pipeline.html_chrome import iter_chrome_examples, load_chrome_rules
from pipeline.html_text import clean_block, is_chrome_text, metadata_fields
from pipeline.ingest import read_document
from pipeline.errors import RuleError
from pipeline.model import DocumentMeta

META = DocumentMeta(doc_id="test-plan")
CHROME = load_chrome_rules(LEXICON_DIR)


@pytest.mark.parametrize("text, fields", [
    pytest.param("索引号：002482031/2021-770965　主题分类：社会保障　发文机关：浙江省发改委　成文日期：2021-05-31",
                 ("发文机关：浙江省发改委", "成文日期：2021-05-31"), id="zj-row-pairs"),
    pytest.param("索 引 号: 000014349/2021-00081 发文字号: 国发〔2021〕14号",
                 ("发文字号：国发〔2021〕14号",), id="spaced-label-ascii-colon"),
    pytest.param("發文機關：國務院　成文日期：2021年08月23日　發文字號：國發〔2021〕14號",
                 ("发文机关：國務院", "成文日期：2021年08月23日", "发文字号：國發〔2021〕14號"), id="traditional"),
    pytest.param("发布机构：自治区人民政府办公厅 发文机关：自治区人民政府 文号：桂政发〔2021〕11号",
                 ("发文机关：自治区人民政府", "发文字号：桂政发〔2021〕11号"), id="issuer-label-priority"),
    pytest.param("发文机构：浙江省发展和改革委员会 浙江省人力资源和社会保障厅",
                 ("发文机关：浙江省发展和改革委员会 浙江省人力资源和社会保障厅",), id="joint-issuers"),
    pytest.param("2021-07-02 09:35:22　　来源：人力资源社会保障部网站　　【打印本页】【关闭窗口】", (), id="mohrss-line"),
    pytest.param("发布时间：2021-09-13 10:25 来源：自治区人民政府办公厅 【字体：大 中 小】 打印本页", (), id="info-line"),
    pytest.param("日期：2021-06-30 08:43", (), id="weak-label-date-value"),
    pytest.param("有效性：有效 废止时间：0000-00-00", (), id="status"),
    pytest.param("统一编号：ZJSP00-2021-0003 公开属性：主动公开 发文字号：浙政发〔2021〕2号",
                 ("发文字号：浙政发〔2021〕2号",), id="unknown-label-tolerated"),
    pytest.param("索引号 000014349/2021-00081 发文字号 国发〔2021〕14号 成文日期 2021年08月23日",
                 ("发文字号：国发〔2021〕14号", "成文日期：2021年08月23日"), id="label-cells-without-colon"),
    pytest.param("发文字号 发文机关 成文日期", None, id="policy-list-header-row"),
    pytest.param("文件名称 文号 发文机关", None, id="policy-list-header-row-2"),
    pytest.param("浏览次数：", None, id="no-value"),
    pytest.param("来源：国家统计局。", None, id="plan-source-note"),
    pytest.param("资料来源：浙江省统计局", None, id="label-inside-a-word"),
    pytest.param("标题：全面提升就业质量", None, id="weak-label-alone"),
    pytest.param("来源：国家统计局 时间：2020年", None, id="weak-labels-only"),
    pytest.param("发文字号：桂政办发〔2021〕95号 广西壮族自治区人民政府办公厅关于印发广西数字经济发展三年行动计划"
                 "（2021—2023年）的通知", None, id="title-ran-on"),
    pytest.param("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现将《“十四五”就业促进规划》印发给你们，"
                 "请认真贯彻执行。发文字号：国发〔2021〕14号", None, id="text-before-the-label"),
    pytest.param("实施时间：2021—2025年 责任单位：省人力社保厅", None, id="plan-table-labels"),
    pytest.param("城镇新增就业\t万人\t〔564〕\t〔500〕\t预期性", None, id="indicator-row"),
])
def test_metadata_fields(text, fields):
    assert metadata_fields(text, CHROME) == fields


@pytest.mark.parametrize("raw, clean", [
    ("\u00a0\u00a0\u00a0\u00a0一、规划背景", "一、规划背景"),
    ("\u3000\u3000（一）发展基础\u3000", "（一）发展基础"),
    ("城镇新增\n    就业", "城镇新增就业"),
    ("2025年\n目标", "2025年目标"),
    ("GDP\ngrowth", "GDP growth"),
    ("GDP  增长", "GDP 增长"),
    ("字体：大\u3000中\u3000小", "字体：大\u3000中\u3000小"),
    ("\u200b规划\ufeff", "规划"),
], ids=["nbsp", "full-width", "cjk-newline", "cjk-newline-2", "ascii-newline", "double-space",
        "inner-full-width", "zero-width"])
def test_clean_block(raw, clean):
    assert clean_block(raw) == clean


# --------------------------------------------------------------------------- the chrome lexicon


@pytest.mark.parametrize("kind, pattern, example", list(iter_chrome_examples(LEXICON_DIR)),
                         ids=[f"{kind}-{n}" for n, (kind, _, _) in enumerate(iter_chrome_examples(LEXICON_DIR))])
def test_every_chrome_rule_matches_its_example(kind, pattern, example):
    if kind == "attribute":
        soup = BeautifulSoup(example, "html.parser")
        names = [n for tag in soup.find_all(True) for n in list(tag.get("class") or []) + [tag.get("id") or ""]]
        assert any(re.search(pattern, name, re.IGNORECASE) for name in names if name)
    elif kind == "block":
        assert re.fullmatch(pattern, example, re.IGNORECASE)
        assert is_chrome_text(example, CHROME)
    elif kind == "metadata":
        assert any(label in "".join(example.split()) for label in pattern.split("|"))
        assert metadata_fields(example, CHROME) is not None
    else:
        assert re.search(pattern, example, re.IGNORECASE)


@pytest.mark.parametrize("text", [
    "【字体：大 中 小】【打印本页】【关闭窗口】",
    "[ 打印 ] [ 关闭 ]",
    "首页 > 政务公开 > 规划计划",
    "首页>>信息公开>>规划计划",
    "您现在的位置：首页 > 政务公开",
    "来源：浙江省人力资源和社会保障厅 发布时间：2021-06-30 字号：大 中 小",
    "发布日期：2021-06-30　浏览次数：1208",
    "下一篇：浙江省人才发展“十四五”规划",
    "扫一扫在手机打开当前页",
    "分享到：",
    "【列印本頁】【關閉視窗】",
    "手机扫一扫",
    "版权所有 浙江省人民政府办公厅",
    "Copyright © 2021 www.zj.gov.cn All Rights Reserved",
    "浏览次数：1208",
])
def test_chrome_text(text):
    assert is_chrome_text(text, CHROME)


def test_no_line_of_the_first_document_is_chrome():
    doc = read_document(RAW_DIR / "zhejiang-hrss-14th-fyp.zh-tw.txt", META, CHROME)
    rules = CHROME
    assert [line for line in doc.lines if is_chrome_text(line, rules)] == []


@pytest.mark.parametrize("text", [
    "资料来源：浙江省统计局。",
    "下一步，要加快构建多层次社会保障体系。",
    "关闭落后产能，推动传统产业转型升级。",
    "注：〔　〕内为5年累计数。",
    "主要指标",
    "二、总体要求",
    "建设“浙里办”“浙政钉”移动端应用，实现扫码亮证。",
    "打造“浙派工匠”品牌，打印证书实现“零跑腿”。",
    "保护版权所有者合法权益。",
    "推广“扫一扫”亮码办事。",
    "阅读量\t万次\t120\t200",
    "全民阅读量持续提升。",
    "下一步工作安排",
    "来源：国家统计局。",
    "2025年\t目标值",
])
def test_plan_text_is_not_chrome(text):
    assert not is_chrome_text(text, CHROME)


# --------------------------------------------------------------------------- strict loading


def broken_chrome_lexicon(tmp_path, old: str, new: str):
    """A copy of html_chrome.toml with ``old`` (found once) replaced by ``new``."""
    text = (LEXICON_DIR / "html_chrome.toml").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    (tmp_path / "html_chrome.toml").write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("old, new, message", [
    pytest.param("example = '<div class=\"breadcrumb\">首页 &gt; 政务公开 &gt; 规划计划</div>'\n", "",
                 "html_chrome.toml [attribute[1]] example: missing key", id="missing-example"),
    pytest.param("title_boxes = [\"header\"]\n", "",
                 "html_chrome.toml [tags] title_boxes: missing key", id="missing-tags-key"),
    pytest.param("title_box = true\n", "titlebox = true\n",
                 "html_chrome.toml [attribute[5]] titlebox: unknown key (misspelt? every key of this file "
                 "is read by the pipeline)", id="unknown-key"),
    pytest.param("[emphasis]\n", "[emphasis]\ncolour = 'red'\n",
                 "html_chrome.toml [emphasis] colour: unknown key (misspelt? every key of this file "
                 "is read by the pipeline)", id="unknown-section-key"),
    pytest.param("keep = \"成文日期\"\nmax_chars = 25\n", "keep = \"成文日期\"\nmax_chars = '25'\n",
                 "html_chrome.toml [metadata[1]] max_chars: must be an integer, found '25'", id="bad-value"),
    pytest.param("pattern = 'menu'\n", "pattern = 'menu('\n",
                 "html_chrome.toml [attribute[6]] pattern: pattern does not compile: "
                 "missing ), unterminated subpattern at position 4", id="bad-pattern"),
    pytest.param('labels = ["发布机构", "發佈機構", "發布機構"]', 'labels = ["发布机构", "發佈機構", "發布機構", "文号"]',
                 "html_chrome.toml [metadata[3]] labels: metadata label '文号' is listed twice (first in [metadata[0]])",
                 id="duplicate-label"),
])
def test_a_malformed_chrome_lexicon_stops_loading_with_one_line(tmp_path, old, new, message):
    with pytest.raises(RuleError) as caught:
        load_chrome_rules(broken_chrome_lexicon(tmp_path, old, new))
    assert str(caught.value) == message
