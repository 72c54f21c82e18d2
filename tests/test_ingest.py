"""ingest: bytes → text. Encodings, refusals, line splitting, and HTML → blocks with hints."""
import codecs
import hashlib
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.config import LEXICON_DIR, RAW_DIR
from pipeline.errors import InputError
from pipeline.ingest import MAX_LINE_CHARS, is_html, load_chrome_rules, read_document, split_lines
from pipeline.model import DocumentMeta, LineHint
from tests.conftest import FIRST_DOC

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
META = DocumentMeta(doc_id="test-plan")
CHROME = load_chrome_rules(LEXICON_DIR)

TITLE = "浙江省人力资源和社会保障事业发展“十四五”规划"
SIMPLIFIED = [
    "一、规划背景",
    "（一）发展基础",
    "“十三五”时期，面对错综复杂的国际形势、艰巨繁重的国内改革发展稳定任务，"
    "全省人力资源和社会保障工作稳中求进、进中突破。",
    "到2025年，城镇新增就业累计500万人，城镇调查失业率控制在5.5%以内。",
]
TRADITIONAL = [
    "規劃背景",
    "發展基礎",
    "“十三五”時期,面對錯綜複雜的國際形勢、艱巨繁重的國內改革發展穩定任務,"
    "全省人力資源和社會保障工作穩中求進、進中突破。",
    "人社領域“最多跑一次”改革和數位化轉型成效顯著,公共服務體系更加健全。",
]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(tmp_path: Path, data: bytes, name: str = "plan.txt"):
    return read_document(write(tmp_path, name, data), META, CHROME)


def html_lines(tmp_path: Path, html: str, name: str = "page.html"):
    doc = read(tmp_path, html.encode("utf-8"), name)
    assert doc.format == "html"
    return list(zip(doc.lines, doc.hints))


# --------------------------------------------------------------------------- the first document


def test_first_document():
    path = RAW_DIR / "zhejiang-hrss-14th-fyp.zh-tw.txt"
    doc = read_document(path, META, CHROME)
    assert doc.sha256 == "d4eb694abab72014ce4ac02685baff6635a9404bce7cc5e52379cedff5db3986"
    assert doc.encoding == "utf-8"
    assert doc.format == "text"
    assert doc.hints == ()
    assert doc.source_path == str(path)
    assert doc.meta is META
    # raw/NOTES.md says 154 lines: that is `wc -l`, which counts newline characters. The file
    # has 154 of them and no final newline, so it has 155 lines, the last one being text.
    data = path.read_bytes()
    assert data.count(b"\n") == 154 and not data.endswith(b"\n")
    assert len(doc.lines) == 155
    assert doc.lines[0] == "規劃背景"
    assert doc.lines[1] == "發展基礎"
    assert doc.lines[-1].endswith("乾出新作為。")
    assert "\n".join(doc.lines) == data.decode("utf-8")


# --------------------------------------------------------------------------- encodings


def utf16_bom(text: str, order: str) -> bytes:
    bom = codecs.BOM_UTF16_LE if order == "le" else codecs.BOM_UTF16_BE
    return bom + text.encode(f"utf-16-{order}")


ENCODING_CASES = [
    # (id, lines, encode, expected encoding)
    ("utf-8", SIMPLIFIED, lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8-bom", SIMPLIFIED, lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    ("utf-16-le-bom", SIMPLIFIED, lambda t: utf16_bom(t, "le"), "utf-16"),
    ("utf-16-be-bom", TRADITIONAL, lambda t: utf16_bom(t, "be"), "utf-16"),
    ("utf-16-le", SIMPLIFIED, lambda t: t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be", TRADITIONAL, lambda t: t.encode("utf-16-be"), "utf-16-be"),
    ("utf-32-bom", SIMPLIFIED, lambda t: t.encode("utf-32"), "utf-32"),
    ("gb18030", SIMPLIFIED, lambda t: t.encode("gb18030"), "gb18030"),
    ("gbk-subset", [TITLE], lambda t: t.encode("gbk"), "gb18030"),
    ("gb2312-traditional-chars", ["乾隆", "規劃背景 發展基礎"], lambda t: t.encode("gbk"), "gb18030"),
    ("gbk-traditional", TRADITIONAL, lambda t: t.encode("gbk"), "gb18030"),
    ("big5", TRADITIONAL, lambda t: t.encode("big5"), "big5"),
    ("big5-short", ["規劃背景"], lambda t: t.encode("big5"), "big5"),
]


@pytest.mark.parametrize("lines, encode, encoding", [c[1:] for c in ENCODING_CASES],
                         ids=[c[0] for c in ENCODING_CASES])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_encodings(tmp_path, lines, encode, encoding, newline):
    doc = read(tmp_path, encode(newline.join(lines) + newline))
    assert doc.encoding == encoding
    assert doc.lines == tuple(lines)
    assert doc.format == "text"
    assert not doc.lines[0].startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_full_of_yi(tmp_path, encoding):
    # 一 is U+4E00: in UTF-16 it puts a NUL byte in the "wrong" position for the byte-order guess
    lines = ["一、坚持一张蓝图绘到底，一以贯之，一年接着一年干", "一是统一思想；一是一体推进"]
    doc = read(tmp_path, "\n".join(lines).encode(encoding))
    assert doc.encoding == encoding
    assert doc.lines == tuple(lines)


def big5_lines(lines):
    """The lines that Big5 can encode (it lacks a few characters, e.g. 鈎)."""
    keep = []
    for line in lines:
        try:
            line.encode("big5")
        except UnicodeEncodeError:
            continue
        keep.append(line)
    return keep


@pytest.mark.parametrize("encoding, expected", [
    ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
    ("big5", "big5"),
])
def test_first_document_in_other_encodings(tmp_path, encoding, expected):
    lines = read_document(RAW_DIR / "zhejiang-hrss-14th-fyp.zh-tw.txt", META, CHROME).lines
    if encoding == "big5":
        lines = tuple(big5_lines(lines))
        assert len(lines) > 100
    doc = read(tmp_path, "\r\n".join(lines).encode(encoding))
    assert doc.encoding == expected
    assert doc.lines == lines


def test_gb18030_four_byte_characters(tmp_path):
    text = "支持𠮷野家等生僻字企业名称登记。\n"          # 𠮷 is outside the BMP: four bytes in GB18030
    doc = read(tmp_path, text.encode("gb18030"))
    assert doc.encoding == "gb18030"
    assert doc.lines == ("支持𠮷野家等生僻字企业名称登记。",)


def test_short_ambiguous_text_prefers_gb18030(tmp_path):
    # "十四五规划" in GB2312 also decodes as Big5 (to other characters): GB wins without Big5 evidence
    doc = read(tmp_path, "十四五规划\n".encode("gb18030"))
    assert doc.encoding == "gb18030"
    assert doc.lines == ("十四五规划",)


def test_declared_charset_decides_a_short_ambiguous_page(tmp_path):
    html = '<html><head><meta charset="big5"></head><body><p>十四五</p></body></html>'
    doc = read(tmp_path, html.encode("big5"), name="page.html")
    assert doc.encoding == "big5"
    assert doc.lines == ("十四五",)


def test_byte_evidence_beats_a_wrong_declaration(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in TRADITIONAL * 3)
    html = f'<html><head><meta charset="gb2312"></head><body>{body}</body></html>'
    doc = read(tmp_path, html.encode("big5"), name="page.html")
    assert doc.encoding == "big5"
    assert doc.lines == tuple(TRADITIONAL * 3)


def test_encoding_comes_from_bytes_not_name(tmp_path):
    doc = read(tmp_path, "\n".join(TRADITIONAL).encode("big5"), name="plan.gb2312.utf8.txt")
    assert doc.encoding == "big5"
    assert doc.lines == tuple(TRADITIONAL)


def test_sha256_is_of_raw_bytes(tmp_path):
    data = codecs.BOM_UTF8 + "规划背景\r\n".encode("utf-8")
    assert read(tmp_path, data).sha256 == hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- refusals


def test_truncated_utf8_says_so(tmp_path):
    data = "\n".join(SIMPLIFIED).encode("utf-8")[:-1]          # "。" is three bytes: cut the last
    with pytest.raises(InputError) as info:
        read(tmp_path, data, name="浙江省就业规划.txt")
    message = str(info.value)
    assert "truncated" in message and "multibyte" in message
    assert "浙江省就业规划.txt" in message


def test_damaged_utf8_is_refused_not_replaced(tmp_path):
    good = "\n".join(SIMPLIFIED).encode("utf-8")
    cut = len((SIMPLIFIED[0] + "\n").encode("utf-8"))         # a stray byte at the start of line 2
    data = good[:cut] + b"\xff" + good[cut:]
    with pytest.raises(InputError, match=rf"plan\.txt: invalid UTF-8 at byte {cut} \(line 2\)"):
        read(tmp_path, data)


def test_undecodable_file_is_refused(tmp_path):
    data = "Plan d'emploi régional, résumé : objectifs 2025\n".encode("latin-1")
    with pytest.raises(InputError, match=r"plan\.txt: cannot decode .* as any supported encoding"):
        read(tmp_path, data)


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t", codecs.BOM_UTF8 + b"\n",
                                  "\u3000\u3000\n".encode("utf-8"), codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
                         ids=["empty", "blank", "bom-only", "full-width-spaces", "utf16-blank"])
def test_empty_file(tmp_path, data):
    with pytest.raises(InputError, match=r"规划\.txt: empty file"):
        read(tmp_path, data, name="规划.txt")


BINARY_CASES = [
    ("zhejiang-hrss-14th-fyp.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    ("规划全文.html", b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "a ZIP archive"),
    ("plan-scan.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
    ("plan.htm", b"GIF89a\x01\x00\x01\x00", "a GIF image"),
    ("规划.doc.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "a legacy Microsoft Office file"),
]


@pytest.mark.parametrize("name, data, kind", BINARY_CASES, ids=[c[2].split()[1] for c in BINARY_CASES])
def test_binary_files_are_refused_with_their_kind(tmp_path, name, data, kind):
    with pytest.raises(InputError) as info:
        read(tmp_path, data, name=name)
    message = str(info.value)
    assert f"looks like {kind}" in message and "not text or HTML" in message
    assert name in message


def test_a_broken_pdf_is_refused_as_such(tmp_path):
    """A PDF is read by pipeline.read_pdf (tests/test_formats.py); a damaged one says so."""
    with pytest.raises(InputError, match=r"规划\.txt: not a readable PDF \(.*\) \(download the file again\)"):
        read(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", name="规划.txt")


def test_nul_bytes_that_are_not_utf16(tmp_path):
    data = b"\x00\x01\x02\x03\x00\x00\x10\x00\xff\x00\x00\x00" * 10 + b"\x01"
    with pytest.raises(InputError, match=r"plan\.txt: looks like a binary file, not text or HTML: it contains "
                                         r"\d+ NUL byte\(s\) \(the first at byte 0, line 1\)"):
        read(tmp_path, data)


def test_utf8_text_with_a_stray_nul_is_refused_with_its_place(tmp_path):
    data = "一、规划背景\n（一）发展基础\x00\n".encode("utf-8")
    with pytest.raises(InputError, match=r"1 NUL byte\(s\) \(the first at byte 40, line 2\)"):
        read(tmp_path, data)


def test_missing_file_names_it(tmp_path):
    with pytest.raises(InputError, match="nowhere.txt: cannot read"):
        read_document(tmp_path / "nowhere.txt", META, CHROME)


# --------------------------------------------------------------------------- lines


@pytest.mark.parametrize("data, lines", [
    (b"a\r\nb\rc\nd", ("a", "b", "c", "d")),
    (b"a\r\nb\rc\nd\n", ("a", "b", "c", "d")),
    (b"a\n\n", ("a", "")),
    (b"a\r\r\nb", ("a", "", "b")),
    (b"\n\na", ("", "", "a")),
    ("一、规划背景  \t\n  （一）发展  基础\r\n".encode("utf-8"), ("一、规划背景  \t", "  （一）发展  基础")),
], ids=["mixed", "mixed-final", "blank-last", "cr-crlf", "leading-blank", "spaces-kept"])
def test_line_endings(tmp_path, data, lines):
    assert read(tmp_path, data).lines == lines


def test_only_line_breaks_split_lines(tmp_path):
    # form feed, NEL and U+2028 are not line breaks of the raw file (str.splitlines would split them)
    text = "第一章\x0c总体要求\u2028到2025年\u0085基本建成\n"
    assert read(tmp_path, text.encode("utf-8")).lines == ("第一章\x0c总体要求\u2028到2025年\u0085基本建成",)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",))),
                min_size=1, max_size=8),
       st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=8, max_size=8),
       st.booleans())
def test_line_count_matches_the_raw_line_count(lines, breaks, final_break):
    """Any mix of line breaks: one line per raw line, a final break adds none."""
    assume(final_break or lines[-1] != "")      # an empty last line exists only with its break
    # a bare CR followed by an empty line's LF would be read as one CRLF: write that break as CRLF
    breaks = [("\r\n" if brk == "\r" and i + 1 < len(lines) and lines[i + 1] == "" else brk)
              for i, brk in enumerate(breaks[: len(lines)])]
    text = "".join(line + brk for line, brk in zip(lines, breaks))
    if not final_break:
        text = text[: -len(breaks[-1])]
    assert split_lines(text) == tuple(lines)


def test_a_50_mb_single_line_file_is_refused_with_its_line_length(tmp_path):
    line = "城镇新增就业累计500万人，" * 1_900_000            # ≈ 68 MB of UTF-8, one line
    assert len(line.encode("utf-8")) > 50_000_000
    with pytest.raises(InputError, match=r"plan\.txt: line 1 has 26,600,000 characters, more than the 1,000,000"):
        read(tmp_path, line.encode("utf-8"))


def test_a_whole_plan_on_one_line_is_read(tmp_path):
    """Text that lost every line break is still a plan, even twenty times as long as this one."""
    line = FIRST_DOC.read_text(encoding="utf-8").replace("\n", "") * 20
    assert 300_000 < len(line) < MAX_LINE_CHARS
    doc = read(tmp_path, line.encode("utf-8"))
    assert doc.lines == (line,)


def test_the_same_50_mb_with_one_paragraph_per_line_is_read(tmp_path):
    text = "城镇新增就业累计500万人。\n" * 1_900_000
    doc = read(tmp_path, text.encode("utf-8"))
    assert len(doc.lines) == 1_900_000 and doc.lines[-1] == "城镇新增就业累计500万人。"


# --------------------------------------------------------------------------- HTML


GOV_PAGE_EXPECTED = [
    ("浙江省人力资源和社会保障事业发展“十四五”规划", LineHint("heading", level=1)),
    ("浙江省人力资源和社会保障事业发展“十四五”规划", LineHint("emphasis")),
    ("为全面推进人力资源和社会保障事业高质量发展，根据《浙江省国民经济和社会发展第十四个五年规划和二〇三五年"
     "远景目标纲要》，制定本规划。", None),
    ("一、规划背景", LineHint("heading", level=2)),
    ("（一）发展基础", LineHint("heading", level=3)),
    ("“十三五”时期，面对错综复杂的国际形势、艰巨繁重的国内改革发展稳定任务，特别是新冠肺炎疫情严重冲击，"
     "全省人力资源和社会保障工作稳中求进、进中突破，“十三五”规划主要目标任务顺利完成。", None),
    ("（二）面临形势", LineHint("emphasis")),
    ("“十四五”时期是我省高水平推进社会主义现代化建设的关键时期。", None),
    ("数字化改革为人社领域治理带来新机遇。", None),
    ("人口老龄化对社会保障可持续发展提出新挑战。", None),
    ("二、总体要求", LineHint("heading", level=2)),
    ("到2025年，城镇新增就业累计500万人，城镇调查失业率控制在5.5%以内。", None),
    ("表1\u3000“十四五”时期人力资源和社会保障事业发展主要指标", LineHint("emphasis")),
    ("指标\t单位\t2020年\t2025年\t属性", LineHint("table_row", table_no=1, is_header=True)),
    ("一、就业创业", LineHint("table_row", table_no=1)),
    ("1.城镇新增就业\t万人\t〔564〕\t〔500〕\t预期性", LineHint("table_row", table_no=1)),
    ("2.城镇调查失业率\t%\t4.4\t<5.5\t预期性", LineHint("table_row", table_no=1)),
    ("3.基本养老保险参保人数\t万人\t4247\t4500\t预期性", LineHint("table_row", table_no=1)),
    ("注：〔\u3000〕内为5年累计数。", None),
]
CHROME_TEXTS = ["首页", "政务公开", "规划计划", "当前位置", "字体", "打印本页", "关闭窗口", "分享到", "扫一扫",
                "上一篇", "下一篇", "版权所有", "主办单位", "网站地图", "浏览次数", "发布时间", "不应出现",
                "浙江省就业促进"]


def test_government_page(tmp_path):
    path = FIXTURES / "gov_page.html"
    doc = read_document(path, META, CHROME)
    assert doc.format == "html"
    assert doc.encoding == "utf-8"
    assert len(doc.hints) == len(doc.lines)
    assert list(zip(doc.lines, doc.hints)) == GOV_PAGE_EXPECTED
    text = "\n".join(doc.lines)
    for chrome in CHROME_TEXTS:
        assert chrome not in text, chrome


METADATA = LineHint("metadata")


def test_government_policy_library_page():
    """gov.cn layout: metadata box (索引号 …) above div.pages_content, heading typefaces.
    The box keeps the document's own fields, as metadata blocks (issue 4)."""
    doc = read_document(FIXTURES / "govcn_policy_page.html", META, CHROME)
    assert list(zip(doc.lines, doc.hints)) == [
        ("发文机关：国务院", METADATA),
        ("成文日期：2021年08月23日", METADATA),
        ("标题：国务院关于印发“十四五”就业促进规划的通知", METADATA),
        ("发文字号：国发〔2021〕14号", METADATA),
        ("国务院关于印发“十四五”就业促进规划的通知", LineHint("emphasis")),
        ("国发〔2021〕14号", LineHint("emphasis")),
        ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", None),
        ("现将《“十四五”就业促进规划》印发给你们，请认真贯彻执行。", None),
        ("国务院", None),
        ("2021年8月23日", None),
        ("（此件公开发布）", None),
        ("“十四五”就业促进规划", LineHint("emphasis")),
        ("就业是最大的民生。为深入贯彻落实党中央、国务院关于强化就业优先政策、健全有利于更充分更高质量就业的"
         "促进机制的决策部署，根据《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》，"
         "制定本规划。", None),
        ("一、发展环境", LineHint("emphasis")),                   # 黑体
        ("（一）发展成就。", LineHint("emphasis")),                 # 楷体
        ("“十三五”时期，党中央、国务院坚持把就业作为经济社会发展的优先目标，就业局势保持总体稳定。", None),
        ("（二）面临形势。“十四五”时期，我国发展仍然处于重要战略机遇期，但机遇和挑战都有新的发展变化。", None),
        ("专栏1\u3000“十四五”时期就业主要指标", LineHint("emphasis")),
        ("指标\t2020年\t2025年\t属性", LineHint("table_row", table_no=1, is_header=True)),
        ("城镇新增就业（万人）\t〔6564〕\t〔>5500〕\t预期性", LineHint("table_row", table_no=1)),
        ("城镇调查失业率（%）\t5.2\t<5.5\t预期性", LineHint("table_row", table_no=1)),
        ("农民工总量（万人）\t28560\t保持稳定增长\t预期性", LineHint("table_row", table_no=1)),
        ("注：〔\u3000〕内为5年累计数。", None),
    ]


def test_encyclopedia_mirror_page():
    """The kind of page the first document was copied from: MediaWiki chrome, Traditional text."""
    doc = read_document(FIXTURES / "mirror_wiki_page.html", META, CHROME)
    assert list(zip(doc.lines, doc.hints)) == [
        ("浙江省人力資源和社會保障事業發展“十四五”規劃", LineHint("heading", level=1)),
        ("《浙江省人力資源和社會保障事業發展“十四五”規劃》是浙江省發展和改革委員會、浙江省人力資源和社會保障廳"
         "印發的規劃。", None),
        ("規劃背景", LineHint("heading", level=2)),
        ("發展基礎", LineHint("heading", level=3)),
        ("“十三五”時期，面對錯綜複雜的國際形勢、艱巨繁重的國內改革發展穩定任務，全省人力資源和社會保障工作穩中"
         "求進、進中突破。就業結構更加最佳化，人社領域“最多跑一次”改革和數位化轉型成效顯著。", None),
        ("總體要求", LineHint("heading", level=2)),
        ("到2025年，城鎮新增就業累計500萬人，城鎮調查失業率控制在5.5%以內。", None),
    ]


def test_metadata_box_inside_the_content_is_metadata_not_a_table(tmp_path):
    html = dedent("""\
        <div id="zoom">
        <table><tr><td>索 引 号：</td><td>000014349/2021-00081</td><td>主题分类：</td><td>就业</td></tr>
        <tr><td>标　　题：</td><td>国务院关于印发“十四五”就业促进规划的通知</td></tr>
        <tr><td>发文字号：</td><td>国发〔2021〕14号</td><td>发布日期：</td><td>2021年08月27日</td></tr></table>
        <p>城镇新增就业5500万人以上，城镇调查失业率控制在5.5%以内。</p>
        <table><tr><th>指标</th><th>2025年</th></tr><tr><td>城镇调查失业率（%）</td><td>&lt;5.5</td></tr></table>
        </div>
        """)
    assert html_lines(tmp_path, html) == [
        ("标题：国务院关于印发“十四五”就业促进规划的通知", METADATA),
        ("发文字号：国发〔2021〕14号", METADATA),
        ("城镇新增就业5500万人以上，城镇调查失业率控制在5.5%以内。", None),
        ("指标\t2025年", LineHint("table_row", table_no=1, is_header=True)),
        ("城镇调查失业率（%）\t<5.5", LineHint("table_row", table_no=1)),
    ]


# --------------------------------------------------------------------------- metadata boxes (issue 4)


def test_zhejiang_information_disclosure_page():
    """The layout of the first document's official page (zj.gov.cn 信息公开): the metadata
    table, its mobile copy, the title, 日期/来源/浏览次数/字体 under it. The document's own
    fields stay as metadata blocks (once), the page's go, and so does the site chrome."""
    doc = read_document(FIXTURES / "zj_xxgk_page.html", META, CHROME)
    assert list(zip(doc.lines, doc.hints))[:5] == [
        ("发文机关：浙江省发改委", METADATA),
        ("成文日期：2021-05-31", METADATA),
        ("发文字号：浙发改规划〔2021〕208号", METADATA),
        ("省发展改革委 省人力社保厅关于印发《浙江省人力资源和社会保障事业发展“十四五”规划》的通知",
         LineHint("heading", level=1)),
        ("各市、县（市、区）人民政府，省级有关单位：", None),
    ]
    assert [hint for hint in doc.hints[5:] if hint is not None and hint.kind in ("metadata", "table_row")] == []
    assert doc.lines[-1].startswith("（一）发展基础。“十三五”时期")
    text = "\n".join(doc.lines)
    for chrome in ["索引号", "002482031", "主题分类", "社会保障\n", "有效性", "废止时间", "0000-00-00", "当前位置",
                   "其他文件", "2021-06-30", "来源：", "08:43", "浏览次数", "字体", "打印", "关闭", "分享", "网站地图",
                   "版权所有", "主办单位"]:
        assert chrome not in text, chrome


def test_title_box_named_header_keeps_title_and_metadata(tmp_path):
    """div.header-box (Beijing) matches the `header` attribute rule: its h1 and metadata list
    stay, its font switch goes, and so does the site's own <header>."""
    html = dedent("""\
        <header class="header"><div class="logo">首都之窗</div><nav><a href="/">首页</a><a href="/zc">政策</a></nav></header>
        <div class="container">
        <div class="header-box">
        <h1>北京市人民政府关于印发《北京市“十四五”时期生态环境保护规划》的通知</h1>
        <ol class="doc-info"><li>发文机构：北京市人民政府</li><li>发文字号：京政发〔2021〕35号</li><li>成文日期：2021年12月10日</li></ol>
        <div class="font-size">【字体：<span>大</span> <span>中</span> <span>小</span>】</div>
        </div>
        <div id="mainText"><p>各区人民政府，市政府各委、办、局，各市属机构：</p>
        <p>　　现将《北京市“十四五”时期生态环境保护规划》印发给你们，请认真贯彻落实。</p>
        <h2>北京市“十四五”时期生态环境保护规划</h2>
        <h3>一、发展基础和形势</h3>
        <p>　　“十三五”时期，全市细颗粒物（PM2.5）年均浓度由2015年的80.6微克/立方米下降到2020年的38微克/立方米。</p></div>
        </div>
        """)
    assert html_lines(tmp_path, html)[:5] == [
        ("北京市人民政府关于印发《北京市“十四五”时期生态环境保护规划》的通知", LineHint("heading", level=1)),
        ("发文机关：北京市人民政府", METADATA),
        ("发文字号：京政发〔2021〕35号", METADATA),
        ("成文日期：2021年12月10日", METADATA),
        ("各区人民政府，市政府各委、办、局，各市属机构：", None),
    ]
    text = "\n".join(line for line, _ in html_lines(tmp_path, html))
    assert "首都之窗" not in text and "字体" not in text and "政策" not in text


def test_article_header_element_keeps_only_the_title(tmp_path):
    html = dedent("""\
        <article><header><div class="site">浙江省人民政府</div><h1>浙江省数字经济发展“十四五”规划</h1>
        <div class="tools"><a>打印</a> <a>关闭</a></div><div>责任编辑：张三</div></header>
        <div class="content"><p>　　数字经济是浙江经济高质量发展的金名片。到2025年，数字经济增加值占生产总值比重达到60%左右。</p>
        <p>　　本规划根据《浙江省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》编制。</p></div></article>
        """)
    assert [line for line, _ in html_lines(tmp_path, html)] == [
        "浙江省数字经济发展“十四五”规划",
        "数字经济是浙江经济高质量发展的金名片。到2025年，数字经济增加值占生产总值比重达到60%左右。",
        "本规划根据《浙江省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》编制。",
    ]


def test_date_and_source_line_with_chrome_is_dropped():
    """mohrss.gov.cn: time stamp, 来源 and 【打印本页】【关闭窗口】 in one div under the title."""
    doc = read_document(Path(__file__).parent / "fixtures" / "segment" / "eval" / "mohrss_14th_br.html", META, CHROME)
    assert doc.lines[:2] == (
        "人力资源社会保障部 国家发展改革委 财政部关于印发人力资源和社会保障事业发展“十四五”规划的通知",
        "人社部发〔2021〕47号",
    )
    assert not any("来源" in line or "打印" in line or "09:35" in line for line in doc.lines)


def test_metadata_rows_of_a_data_table_take_no_table_number(tmp_path):
    """A table that is not all metadata: its metadata rows become metadata blocks."""
    html = dedent("""\
        <div id="zoom"><table>
        <tr><td>发文字号：</td><td>湘政办发〔2021〕61号</td><td>成文日期：</td><td>2021年09月26日</td></tr>
        <tr><td>内容概述</td><td colspan="3">明确“十四五”时期全省卫生健康事业发展的主要目标和重点任务，提出人均预期寿命、孕产妇死亡率等主要指标和二十项重点任务。</td></tr>
        </table>
        <p>　　到2025年，人均预期寿命达到78.5岁左右，每千人口拥有执业（助理）医师数达到3.3人。</p></div>
        """)
    assert html_lines(tmp_path, html) == [
        ("发文字号：湘政办发〔2021〕61号", METADATA),
        ("成文日期：2021年09月26日", METADATA),
        ("内容概述\t明确“十四五”时期全省卫生健康事业发展的主要目标和重点任务，提出人均预期寿命、孕产妇死亡率等主要指标"
         "和二十项重点任务。", LineHint("table_row", table_no=1)),
        ("到2025年，人均预期寿命达到78.5岁左右，每千人口拥有执业（助理）医师数达到3.3人。", None),
    ]


def test_metadata_row_of_a_long_data_table_with_paragraphs_in_cells(tmp_path):
    """Cells holding <p> inside a table too long to be a box: the row is read as a row."""
    rows = "".join(f"<tr><td><p>{n}.城镇新增就业（万人）</p></td><td>〔564〕</td><td>〔500〕</td>"
                   f"<td>预期性，数据来源于人力资源社会保障统计年报和抽样调查。</td></tr>" for n in range(1, 41))
    html = (f"<div id=zoom><p>到2025年，城镇新增就业累计500万人。</p><table><tr><td><p>发文字号：</p></td>"
            f"<td>浙发改规划〔2021〕208号</td><td><p>成文日期：</p></td><td>2021-05-31</td></tr>{rows}</table></div>")
    lines = html_lines(tmp_path, html)
    assert lines[:4] == [
        ("到2025年，城镇新增就业累计500万人。", None),
        ("发文字号：浙发改规划〔2021〕208号", METADATA),
        ("成文日期：2021-05-31", METADATA),
        ("1.城镇新增就业（万人）\t〔564〕\t〔500〕\t预期性，数据来源于人力资源社会保障统计年报和抽样调查。",
         LineHint("table_row", table_no=1)),
    ]
    assert len(lines) == 43


def test_label_cells_without_colon_and_a_policy_list_that_stays_a_table(tmp_path):
    html = dedent("""\
        <table class="xxgk"><tr><th>索引号</th><td>11440000006395459K/2021-00123</td><th>发文机关</th><td>广东省人民政府</td></tr>
        <tr><th>发文字号</th><td>粤府〔2021〕28号</td><th>成文日期</th><td>2021-04-06</td></tr></table>
        <div id="zoom"><p>　　附件：相关政策文件清单</p>
        <table><tr><th>序号</th><th>文件名称</th><th>发文字号</th></tr>
        <tr><td>1</td><td>国务院关于印发“十四五”就业促进规划的通知</td><td>国发〔2021〕14号</td></tr></table></div>
        """)
    assert html_lines(tmp_path, html) == [
        ("发文机关：广东省人民政府", METADATA),
        ("发文字号：粤府〔2021〕28号", METADATA),
        ("成文日期：2021-04-06", METADATA),
        ("附件：相关政策文件清单", None),
        ("序号\t文件名称\t发文字号", LineHint("table_row", table_no=1, is_header=True)),
        ("1\t国务院关于印发“十四五”就业促进规划的通知\t国发〔2021〕14号", LineHint("table_row", table_no=1)),
    ]


def test_metadata_of_other_documents_in_a_related_list_is_not_kept(tmp_path):
    html = dedent("""\
        <div id="zoom"><p>　　到2025年，城镇新增就业5500万人以上，城镇调查失业率控制在5.5%以内。</p>
        <p>　　健全就业公共服务体系，提升劳动者技能素质，推动实现更加充分更高质量就业。</p></div>
        <div class="related"><ul><li><a href="/1">国务院关于进一步做好稳就业工作的意见</a> 发文字号：国发〔2019〕28号</li>
        <li><a href="/2">国务院办公厅关于支持多渠道灵活就业的意见</a> 发文字号：国办发〔2020〕27号</li></ul></div>
        """)
    assert [line for line, _ in html_lines(tmp_path, html)] == [
        "到2025年，城镇新增就业5500万人以上，城镇调查失业率控制在5.5%以内。",
        "健全就业公共服务体系，提升劳动者技能素质，推动实现更加充分更高质量就业。",
    ]


def test_html_is_detected_by_content_not_name(tmp_path):
    html = (FIXTURES / "gov_page.html").read_bytes()
    doc = read(tmp_path, html, name="zhejiang-hrss-14th-fyp.txt")
    assert doc.format == "html"
    assert list(zip(doc.lines, doc.hints)) == GOV_PAGE_EXPECTED


def test_plain_text_named_html_stays_text(tmp_path):
    doc = read(tmp_path, "一、规划背景\n城镇调查失业率<5.5%\n".encode("utf-8"), name="plan.html")
    assert doc.format == "text"
    assert doc.lines == ("一、规划背景", "城镇调查失业率<5.5%")


@pytest.mark.parametrize("text, expected", [
    ("<p>一、规划背景</p><p>（一）发展基础</p>", True),
    ("\n  <div class=\"TRS_Editor\">规划</div>", True),
    ("<!-- saved page -->\n<table><tr><td>指标</td></tr></table>", True),
    ("<!doctype html><title>规划</title>", True),
    ("规划正文\n<p>一</p>\n<p>二</p>\n<p>三</p>", True),
    ("城镇调查失业率<5.5%，新增就业>500万人", False),
    ("一、规划背景\n（一）发展基础", False),
], ids=["fragment", "div", "comment-first", "doctype", "closing-tags", "lt-gt", "plain"])
def test_is_html(text, expected):
    assert is_html(text) is expected


def test_broken_html_without_body(tmp_path):
    html = dedent("""\
        <p>一、规划背景
        <p><b>（一）发展基础</b>
        <p>“十三五”时期，全省人力资源和社会保障工作稳中求进<span>、进中突破。
        <div>二、总体要求<br>到2025年，基本建成现代化人力资源和社会保障体系。
        <table><tr><td>指标<td>2025年<tr><td>城镇新增就业（万人）<td>〔500〕</table>
        """)
    assert html_lines(tmp_path, html, name="broken.txt") == [
        ("一、规划背景", None),
        ("（一）发展基础", LineHint("emphasis")),
        ("“十三五”时期，全省人力资源和社会保障工作稳中求进、进中突破。", None),
        ("二、总体要求", None),
        ("到2025年，基本建成现代化人力资源和社会保障体系。", None),
        ("指标\t2025年", LineHint("table_row", table_no=1)),
        ("城镇新增就业（万人）\t〔500〕", LineHint("table_row", table_no=1)),
    ]


def test_html_with_only_chrome_has_no_text(tmp_path):
    html = ("<html><head><title>规划</title><script>var a = '规划';</script></head>"
            "<body><div class='nav'><a href='/'>首页</a></div><p>【打印本页】【关闭窗口】</p></body></html>")
    with pytest.raises(InputError, match=r"empty\.html: no text found"):
        read(tmp_path, html.encode("utf-8"), name="empty.html")


def test_emphasis_needs_a_short_block_entirely_bold_or_centered(tmp_path):
    long_bold = "坚持以人民为中心的发展思想，把实现好、维护好、发展好最广大人民根本利益作为发展的出发点和落脚点，" * 2
    html = dedent(f"""\
        <div>
        <p><strong>第一章　发展基础</strong></p>
        <p style="TEXT-ALIGN: center">第二章　总体要求</p>
        <center>第三章　主要任务</center>
        <p><span style="font-weight: bold">（一）稳定扩大就业</span></p>
        <p><strong>（二）健全社会保障体系。</strong>推进基本养老保险全国统筹。</p>
        <p><b>{long_bold}</b></p>
        <div style="text-align:center"><p style="text-align:justify">坚持稳中求进工作总基调。</p></div>
        </div>
        """)
    assert html_lines(tmp_path, html) == [
        ("第一章\u3000发展基础", LineHint("emphasis")),
        ("第二章\u3000总体要求", LineHint("emphasis")),
        ("第三章\u3000主要任务", LineHint("emphasis")),
        ("（一）稳定扩大就业", LineHint("emphasis")),
        ("（二）健全社会保障体系。推进基本养老保险全国统筹。", None),
        (long_bold, None),
        ("坚持稳中求进工作总基调。", None),
    ]


def test_tables_thead_numbering_and_boxes(tmp_path):
    html = dedent("""\
        <div class="article-content">
        <h3>专栏1　就业优先重点工程</h3>
        <table>
          <thead><tr><td>序号</td><td>工程名称</td></tr></thead>
          <tbody>
            <tr><td>01</td><td><p>技能中国行动。</p><p>开展职业技能提升行动。</p></td></tr>
            <tr><td>02</td><td>公共就业服务能力提升示范项目。</td></tr>
          </tbody>
        </table>
        <p>专栏2　社会保障重点工程</p>
        <table><tr><th>01</th><th>全民参保计划</th></tr><tr><td>02</td><td>养老服务体系<br>建设工程</td></tr></table>
        </div>
        """)
    assert html_lines(tmp_path, html) == [
        ("专栏1\u3000就业优先重点工程", LineHint("heading", level=3)),
        ("序号\t工程名称", LineHint("table_row", table_no=1, is_header=True)),
        ("01\t技能中国行动。 开展职业技能提升行动。", LineHint("table_row", table_no=1)),
        ("02\t公共就业服务能力提升示范项目。", LineHint("table_row", table_no=1)),
        ("专栏2\u3000社会保障重点工程", None),
        ("01\t全民参保计划", LineHint("table_row", table_no=2, is_header=True)),
        ("02\t养老服务体系 建设工程", LineHint("table_row", table_no=2)),
    ]


def test_single_column_column_box_is_one_line_like_plain_text(tmp_path):
    html = dedent("""\
        <div class="TRS_Editor">
        <p>（二）实施高质量就业专项行动。</p>
        <table border="1"><tr><td>
          <p align="center"><b>专栏3　高质量就业专项行动</b></p>
          <p>01 技能提升行动。每年开展补贴性职业技能培训100万人次以上。</p>
          <p>02 重点群体帮扶行动。统筹做好高校毕业生、退役军人、农民工等重点群体就业。</p>
        </td></tr></table>
        <table><tr><td><p>表格外的说明文字，单列排版。</p></td></tr></table>
        <p>（三）健全就业公共服务体系。</p>
        </div>
        """)
    assert html_lines(tmp_path, html) == [
        ("（二）实施高质量就业专项行动。", None),
        ("专栏3\u3000高质量就业专项行动 01 技能提升行动。每年开展补贴性职业技能培训100万人次以上。 "
         "02 重点群体帮扶行动。统筹做好高校毕业生、退役军人、农民工等重点群体就业。",
         LineHint("table_row", table_no=1)),
        ("表格外的说明文字，单列排版。", None),
        ("（三）健全就业公共服务体系。", None),
    ]


def test_old_table_layout_page_in_gb2312(tmp_path):
    """An older site: layout tables, no class names, charset=gb2312 declared, GBK bytes."""
    html = dedent("""\
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
        <title>关于印发江苏省“十四五”就业促进规划的通知</title></head>
        <body>
        <table width="980"><tr><td><a href="/">首页</a> | <a href="/xxgk">信息公开</a> | <a href="/bsfw">办事服务</a>
          | <a href="/gzcy">公众参与</a> | <a href="/sitemap">网站地图</a></td></tr></table>
        <table width="980"><tr>
          <td width="200" valign="top"><a href="/1">通知公告</a><br><a href="/2">规划计划</a><br><a href="/3">政策解读</a></td>
          <td valign="top">
            <table width="100%"><tr><td align="center"><font size="5"><b>江苏省“十四五”就业促进规划</b></font></td></tr>
            <tr><td align="center">发布日期：2021-08-10　　【字体：大 中 小】</td></tr></table>
            <p>　　“十四五”时期是江苏在率先基本实现现代化基础上开启全面建设社会主义现代化新征程的第一个五年。</p>
            <p>　　<b>一、发展环境</b></p>
            <p>　　“十三五”期间，全省城镇新增就业累计达到742万人，城镇登记失业率保持在3%左右。</p>
            <p>　　<b>二、总体要求</b></p>
            <p>　　到2025年，城镇新增就业累计600万人以上，城镇调查失业率控制在5.5%以内。</p>
          </td>
        </tr></table>
        <table width="980"><tr><td align="center">主办：江苏省人力资源和社会保障厅　技术支持：江苏省大数据管理中心<br>
          苏ICP备05000000号</td></tr></table>
        </body></html>
        """)
    doc = read(tmp_path, html.encode("gbk"), name="jiangsu-employment-14th-fyp.htm")
    assert doc.encoding == "gb18030"
    assert doc.format == "html"
    assert list(zip(doc.lines, doc.hints)) == [
        ("江苏省“十四五”就业促进规划", LineHint("emphasis")),
        ("“十四五”时期是江苏在率先基本实现现代化基础上开启全面建设社会主义现代化新征程的第一个五年。", None),
        ("一、发展环境", LineHint("emphasis")),
        ("“十三五”期间，全省城镇新增就业累计达到742万人，城镇登记失业率保持在3%左右。", None),
        ("二、总体要求", LineHint("emphasis")),
        ("到2025年，城镇新增就业累计600万人以上，城镇调查失业率控制在5.5%以内。", None),
    ]


def test_traditional_big5_page(tmp_path):
    html = dedent("""\
        <html><head><meta charset="big5"><title>規劃</title></head><body>
        <div class="breadcrumb">首頁 &gt; 政府資訊公開 &gt; 施政計畫</div>
        <div id="content">
          <h2>規劃背景</h2>
          <p>人社領域“最多跑一次”改革和數位化轉型成效顯著，公共服務體系更加健全、標準更加完善。</p>
          <p>就業局勢保持穩定，就業結構更加最佳化，重點群體就業幫扶紮實開展。</p>
        </div>
        <div>【列印本頁】【關閉視窗】</div>
        <div>上一篇：發展基礎</div>
        </body></html>
        """)
    doc = read(tmp_path, html.encode("big5"), name="plan.zh-tw.html")
    assert doc.encoding == "big5"
    assert list(zip(doc.lines, doc.hints)) == [
        ("規劃背景", LineHint("heading", level=2)),
        ("人社領域“最多跑一次”改革和數位化轉型成效顯著，公共服務體系更加健全、標準更加完善。", None),
        ("就業局勢保持穩定，就業結構更加最佳化，重點群體就業幫扶紮實開展。", None),
    ]


def test_content_split_over_sibling_containers_is_kept(tmp_path):
    """A Word export: the document continues across sections; none of it may be dropped."""
    part = "　　坚持就业优先战略，实施更加积极的就业政策，推动实现更加充分更高质量就业。"
    html = ("<html><body><div class=WordSection1>"
            + f"<p class=MsoNormal align=center><b>第一章　总体要求</b></p><p class=MsoNormal>{part}</p>" * 3
            + "</div><div class=WordSection2>"
            + f"<p class=MsoNormal align=center><b>第二章　主要任务</b></p><p class=MsoNormal>{part}</p>" * 3
            + "</div></body></html>")
    lines = [line for line, _ in html_lines(tmp_path, html)]
    assert lines.count("第一章\u3000总体要求") == 3 and lines.count("第二章\u3000主要任务") == 3
    assert len(lines) == 12


def test_word_export(tmp_path):
    """HTML saved from Word: MsoNormal paragraphs, heading typefaces, <o:p>, conditional comments."""
    html = dedent("""\
        <html xmlns:o="urn:schemas-microsoft-com:office:office">
        <head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
        <!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
        <style>p.MsoNormal {font-family:仿宋_GB2312}</style></head>
        <body lang=ZH-CN style='text-justify-trim:punctuation'>
        <div class=WordSection1>
        <p class=MsoNormal align=center style='text-align:center'><span style='font-size:22.0pt;
        font-family:方正小标宋简体'>广东省人力资源和社会保障事业发展<br>“十四五”规划<o:p></o:p></span></p>
        <p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:黑体'>一、发展基础<o:p></o:p></span></p>
        <p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:楷体_GB2312'>（一）“十三五”时期主要成就。</span><span
        style='font-family:仿宋_GB2312'>全省城镇新增就业<span lang=EN-US>753</span>万人。<o:p></o:p></span></p>
        <p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:"微软雅黑"'>就业局势保持稳定。</span></p>
        <p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
        <p class=MsoNormal style='display:none'>隐藏的修订文字</p>
        </div></body></html>
        """)
    assert html_lines(tmp_path, html, name="guangdong-hrss-14th-fyp.htm") == [
        ("广东省人力资源和社会保障事业发展", LineHint("emphasis")),
        ("“十四五”规划", LineHint("emphasis")),
        ("一、发展基础", LineHint("emphasis")),
        ("（一）“十三五”时期主要成就。全省城镇新增就业753万人。", None),
        ("就业局势保持稳定。", None),
    ]


def test_aspnet_page_wrapped_in_a_form(tmp_path):
    html = dedent("""\
        <html><body><form name="form1" method="post" action="./show.aspx?id=2021" id="form1">
        <input type="hidden" name="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg==" />
        <div id="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
        <div class="con">
          <h2>江西省“十四五”就业促进规划</h2>
          <p>到2025年，全省城镇新增就业累计200万人以上，城镇调查失业率控制在5.5%以内。</p>
          <p>搜索：<input type="text" name="kw"><input type="submit" value="搜索"></p>
        </div></form></body></html>
        """)
    assert html_lines(tmp_path, html) == [
        ("江西省“十四五”就业促进规划", LineHint("heading", level=2)),
        ("到2025年，全省城镇新增就业累计200万人以上，城镇调查失业率控制在5.5%以内。", None),
    ]


def test_unclosed_head_without_body(tmp_path):
    html = ("<html><head><meta charset='utf-8'><title>规划</title>"
            "<p>一、规划背景</p><p>到2025年，城镇新增就业累计500万人。</p>")
    assert [line for line, _ in html_lines(tmp_path, html)] == ["一、规划背景", "到2025年，城镇新增就业累计500万人。"]


def test_deeply_nested_unclosed_tags(tmp_path):
    html = "<html><body>" + "<font size=3>城镇新增就业累计500万人。<br>" * 3000 + "</body></html>"
    lines = html_lines(tmp_path, html)
    assert len(lines) == 3000 and lines[0] == ("城镇新增就业累计500万人。", None)


def test_layout_table_inside_content(tmp_path):
    html = ("<div><table><tr><td><table><tr><td>指标</td><td>2025年</td></tr></table></td></tr>"
            "<tr><td><p>坚持就业优先。</p></td></tr></table></div>")
    assert html_lines(tmp_path, html) == [
        ("指标\t2025年", LineHint("table_row", table_no=1)),
        ("坚持就业优先。", None),
    ]
