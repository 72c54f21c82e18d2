"""terms.count_terms / tokenize on excerpts of real plan text.

Outlines are built by hand (segment is tested on its own); the excerpts are from the
national 14th Five-Year Plan (第四十九章 实施就业优先战略) and from provincial 人社
"十四五" plans (浙江、江苏 wording).
"""
import logging
import unicodedata
from collections import Counter

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import terms, tokenizer
from pipeline.config import LEXICON_DIR
from pipeline.errors import RuleError
from pipeline.model import DocumentMeta, NormalizedDocument, Outline, Paragraph, RawDocument, Section, Term

DOC_ID = "zj-hrss-14"
TERMS = terms.load_terms_lexicon(LEXICON_DIR)

EMPLOYMENT_TITLE = "强化就业优先政策"
EMPLOYMENT = "实施就业优先战略，健全有利于更充分更高质量就业的促进机制，扩大就业容量，提升就业质量，缓解结构性就业矛盾。"
DIGITAL_TITLE = "全面推进人社数字化改革"
DIGITAL = "以数字化改革为引领，迭代升级人社“一件事”集成改革，深化“最多跑一次”改革。"
WAGES_TITLE = "根治欠薪"
WAGES = "全面落实保障农民工工资支付条例，健全根治欠薪长效机制，实现欠薪案件动态清零。"
PREAMBLE = "为推动全省人力资源和社会保障事业高质量发展，根据《浙江省国民经济和社会发展第十四个五年规划》，制定本规划。"
COLUMN = "专栏3 高质量就业专项行动 01 高校毕业生就业创业促进行动。 02 农民工职业技能提升行动。 |"
TABLE_ROW = "1\t城镇新增就业（万人）\t〔560〕\t〔500〕\t预期性"
# characters the fast cut must treat as jieba does: Han words and prefixes, digits, Latin,
# the symbols jieba keeps inside blocks (+#&._%-), whitespace and punctuation
PLAN_ALPHABET_CUT = "就业社会保障人才技能改革数字化推进加强完善进一步的和等一二三年万人十四五规划" \
    "0123456789GDPAapxz+#&._%- \t\r\n，。、“”（）"


def make_outline(sections=(), paragraphs=(), doc_id=DOC_ID) -> Outline:
    meta = DocumentMeta(doc_id=doc_id)
    raw = RawDocument(meta=meta, source_path=f"{doc_id}.txt", sha256="0" * 64, encoding="utf-8",
                      format="text", lines=())
    doc = NormalizedDocument(raw=raw, lines=(), script="simplified", taiwan_phrasing=False)
    return Outline(doc=doc, sections=tuple(sections), paragraphs=tuple(paragraphs))


def section(section_id: str, title: str, seq: int = 1) -> Section:
    level = section_id.count(".") + 1
    parent = section_id.rsplit(".", 1)[0] if level > 1 else None
    return Section(DOC_ID, section_id, parent, level, seq, None, title, seq)


def paragraph(seq: int, section_id, text: str, kind: str = "paragraph", column_id=None) -> Paragraph:
    return Paragraph(DOC_ID, f"p{seq:04d}", section_id, column_id, seq, kind, text, text,
                     seq, 0, len(text), 0)


def counts_of(rows: list[Term], section_id: str) -> dict[str, int]:
    return {row.term: row.occurrences for row in rows if row.section_id == section_id}


@pytest.fixture(scope="module")
def outline() -> Outline:
    return make_outline(
        sections=[section("1", "主要任务", 1), section("1.1", EMPLOYMENT_TITLE, 2),
                  section("1.2", DIGITAL_TITLE, 3), section("1.3", WAGES_TITLE, 4)],
        paragraphs=[
            paragraph(1, None, PREAMBLE),
            paragraph(2, "1.1", EMPLOYMENT),
            paragraph(3, "1.1", COLUMN, kind="column", column_id="c01"),
            paragraph(4, "1.1", TABLE_ROW, kind="table"),
            paragraph(5, "1.2", DIGITAL),
            paragraph(6, "1.3", WAGES),
            paragraph(7, "1.3", "| | | |", kind="residue"),
            paragraph(8, "1.3", "浙发改规划〔2021〕208号 浙江省发展和改革委员会", kind="front_matter"),
        ],
    )


# --------------------------------------------------------------------------- user dictionary


@pytest.mark.parametrize("text, expected", [
    ("全面推进人社数字化改革", ["全面", "推进", "人社", "数字化改革"]),
    ("健全根治欠薪长效机制", ["健全", "根治欠薪", "长效机制"]),
    ("加强专技人才和技能人才队伍建设", ["加强", "专技人才", "技能人才", "队伍", "建设"]),
    ("深度融入长三角一体化发展", ["深度", "融入", "长三角一体化", "发展"]),
    ("支持新业态灵活就业", ["支持", "新业态", "灵活就业"]),
    ("落实碳达峰、碳中和目标任务", ["落实", "碳达峰", "碳中和", "目标", "任务"]),
    ("持续优化营商环境，深化放管服改革", ["优化", "营商环境", "深化", "放管服", "改革"]),
    ("支持专精特新中小企业发展", ["支持", "专精特新", "中小企业", "发展"]),
    ("扩大社会保险覆盖面，做到应保尽保", ["扩大", "社会保险", "覆盖面", "应保尽保"]),
    ("个人社会保障号码", ["个人", "社会保障", "号码"]),          # 人社 must not glue across 个人|社会
    ("确保就业局势总体稳定", ["确保", "就业", "局势", "总体", "稳定"]),  # nor 保就业 across 确保|就业
])
def test_policy_terms_stay_whole(text, expected):
    assert terms.tokenize(text, TERMS) == expected


def test_every_user_dictionary_word_stays_whole_on_its_own():
    broken = {entry.word: terms.tokenize(entry.word, TERMS) for entry in TERMS.user_words
              if terms.tokenize(entry.word, TERMS) != [entry.word]}
    assert broken == {}


def test_user_dictionary_covers_policy_vocabulary_across_sectors():
    vocabulary = TERMS.user_vocabulary
    assert len(vocabulary) >= 300
    for word in ["高质量发展", "共同富裕", "数字化改革", "社会保障", "职业技能培训", "新业态", "灵活就业",
                 "根治欠薪", "长三角一体化", "专技人才", "技能人才", "劳动关系", "人社", "应保尽保", "放管服",
                 "最多跑一次", "乡村振兴", "碳达峰", "碳中和", "营商环境", "专精特新"]:
        assert word in vocabulary, word
    assert not vocabulary & TERMS.stopwords


# --------------------------------------------------------------------------- filtering


def test_stopwords_never_appear(outline):
    rows = terms.count_terms(outline, TERMS)
    assert rows
    assert not {row.term for row in rows} & TERMS.stopwords


@pytest.mark.parametrize("text, expected", [
    # adverbs glued to verbs by jieba's dictionary are split off and dropped
    ("进一步加强劳动关系协调机制建设，切实维护劳动者合法权益", ["加强", "劳动关系", "协调", "机制", "建设", "维护", "劳动者", "合法权益"]),
    ("不断完善各项改革", ["完善", "改革"]),
    # enumerators, years, percentages, units, numeral + measure word
    ("一是稳定就业；二是扩大社会保障覆盖面", ["稳定", "就业", "扩大", "社会保障", "覆盖面"]),
    ("到2025年，城镇新增就业500万人以上，城镇调查失业率控制在5.5%以内", ["城镇新增就业", "城镇调查失业率", "控制"]),
    ("连续两年开展", ["连续"]),
    # acronyms survive, in full width too; lowercase Latin does not
    ("5G基站和ＧＤＰ核算，见www.zj.gov.cn", ["5G", "基站", "GDP", "核算"]),
    # the plan period is vocabulary even though it is written with numerals
    ("“十四五”时期", ["十四五"]),
])
def test_noise_is_dropped(text, expected):
    assert terms.tokenize(text, TERMS) == expected


def test_policy_verbs_are_kept_on_purpose():
    assert terms.tokenize("加强、推进、完善、健全", TERMS) == ["加强", "推进", "完善", "健全"]


# --------------------------------------------------------------------------- counting


def test_counts_match_a_hand_count(outline):
    # 就业 ×3: 就业容量, 就业质量, 结构性就业矛盾 (就业优先 and 高质量就业 are user-dictionary
    # terms); 就业优先 ×2 (title + text); 有利于 is a stopword, 更 is one character.
    # The 专栏 line adds its own terms; the table row adds nothing.
    expected = {"实施": 1, "就业优先": 2, "战略": 1, "健全": 1, "高质量就业": 2, "促进": 2, "机制": 1,
                "扩大": 1, "就业": 4, "容量": 1, "提升": 1, "质量": 1, "缓解": 1, "结构性": 1, "矛盾": 1,
                "强化": 1, "政策": 1,
                # 专栏3 高质量就业专项行动 01 高校毕业生就业创业促进行动。 02 农民工职业技能提升行动。
                "专项": 1, "行动": 2, "高校毕业生": 1, "创业": 1, "农民工": 1, "职业技能提升行动": 1}
    assert counts_of(terms.count_terms(outline, TERMS), "1.1") == expected


def test_sections_are_kept_apart(outline):
    rows = terms.count_terms(outline, TERMS)
    digital, wages = counts_of(rows, "1.2"), counts_of(rows, "1.3")
    assert digital["数字化改革"] == 2 and digital["人社"] == 2 and digital["改革"] == 2
    assert wages["根治欠薪"] == 2 and wages["欠薪"] == 1
    assert "数字化改革" not in wages and "根治欠薪" not in digital
    assert counts_of(rows, "1") == {"主要": 1, "任务": 1}


def test_preamble_counts_under_a_null_section(outline):
    assert terms.PREAMBLE_SECTION_ID is None
    preamble = counts_of(terms.count_terms(outline, TERMS), terms.PREAMBLE_SECTION_ID)
    assert preamble["高质量发展"] == 1 and preamble["人力资源和社会保障"] == 1


def test_tables_residue_and_front_matter_are_not_counted(outline):
    seen = {row.term for row in terms.count_terms(outline, TERMS)}
    assert not {"预期性", "浙江省发展和改革委员会", "发展和改革委员会", "改革委员会"} & seen
    assert "城镇新增就业" not in seen


def test_rows_are_terms_sorted_by_key_and_deterministic(outline):
    first, second = terms.count_terms(outline, TERMS), terms.count_terms(outline, TERMS)
    assert first == second
    keys = [(row.doc_id, row.section_id is None, row.section_id or "", row.term) for row in first]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)         # text before the first heading last
    assert all(isinstance(row, Term) and row.doc_id == DOC_ID and row.occurrences >= 1 for row in first)
    assert all(len(row.term) >= terms.MIN_TERM_LENGTH for row in first)


def test_count_terms_agrees_with_tokenize(outline):
    counted = Counter()
    for row in terms.count_terms(outline, TERMS):
        counted[row.term] += row.occurrences
    texts = [s.title for s in outline.sections]
    texts += [p.text for p in outline.paragraphs if p.kind in terms.COUNTED_KINDS]
    assert counted == Counter(term for text in texts for term in terms.tokenize(text, TERMS))


def test_term_columns_are_the_rows_column_by_column(outline):
    columns = terms.term_columns(outline, TERMS)
    rows = terms.count_terms(outline, TERMS)
    assert list(columns) == ["doc_id", "section_id", "term", "occurrences"]
    assert columns == {name: [getattr(row, name) for row in rows] for name in columns}
    assert terms.term_columns(make_outline(), TERMS) == {"doc_id": [], "section_id": [], "term": [], "occurrences": []}


def test_empty_outline_gives_no_rows():
    assert terms.count_terms(make_outline(), TERMS) == []


# --------------------------------------------------------------------------- the fast cut

# Mixed script, figures, Latin, whitespace runs and a CRLF, as flattened plan text has them.
MIXED = [
    "到2025年，城镇新增就业5500万人以上，城镇调查失业率控制在5.5%以内。",
    "建成5G基站60万个，数字经济核心产业增加值占GDP比重达到10%，App适老化改造。",
    "一、总体要求\t（一）指导思想  \r\n坚持以习近平新时代中国特色社会主义思想为指导",
    "见www.zj.gov.cn或拨打12333；R&D经费投入强度2.8%、C++ 与 Ｗｉ－Ｆｉ",
    "𠀀㐀丏 ·—— 鿐鿿",                    # CJK extensions and rare code points
    "",
]


@pytest.mark.parametrize("text", [PREAMBLE, EMPLOYMENT, DIGITAL, WAGES, COLUMN, TABLE_ROW] + MIXED)
def test_cut_gives_jiebas_own_words(text):
    tokenizer = TERMS.tokenizer
    assert terms.cut(text, TERMS) == tokenizer.lcut(text, HMM=False)
    folded = unicodedata.normalize("NFKC", text)
    assert terms.cut(folded, TERMS) == tokenizer.lcut(folded, HMM=False)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=PLAN_ALPHABET_CUT, max_size=60))
def test_cut_gives_jiebas_own_words_on_any_text(text):
    assert terms.cut(text, TERMS) == TERMS.tokenizer.lcut(text, HMM=False)


# --------------------------------------------------------------------------- jieba set-up


@pytest.fixture
def fresh_tokenizer(tmp_path, monkeypatch):
    """Build the tokenizer again, as a new process would, with the temp dir in tmp_path
    (``new_process_lexicon()``: the lexicon as a new process loads it)."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    jieba.setLogLevel(logging.DEBUG)          # jieba's own default
    yield tmp_path / tokenizer.CACHE_DIR_NAME / tokenizer.CACHE_FILE_NAME
    tokenizer._prepared_tokenizer.cache_clear()


def new_process_lexicon() -> terms.TermsLexicon:
    tokenizer._prepared_tokenizer.cache_clear()   # the process-wide memo of prepared tokenizers
    return terms.load_terms_lexicon(LEXICON_DIR)


@pytest.mark.slow
def test_jieba_is_quiet_and_caches_its_prefix_dict(fresh_tokenizer, capfd):
    assert terms.tokenize(DIGITAL_TITLE, new_process_lexicon()) == ["全面", "推进", "人社", "数字化改革"]
    assert fresh_tokenizer.is_file()
    written = fresh_tokenizer.stat().st_mtime_ns
    assert terms.tokenize(WAGES_TITLE, new_process_lexicon()) == ["根治欠薪"]
    assert fresh_tokenizer.stat().st_mtime_ns == written      # loaded, not rebuilt
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


@pytest.mark.slow
def test_a_damaged_prefix_dict_cache_is_rebuilt(fresh_tokenizer):
    fresh_tokenizer.parent.mkdir(parents=True)
    fresh_tokenizer.write_bytes(b"\x00not a marshal dump")
    assert terms.tokenize(DIGITAL_TITLE, new_process_lexicon()) == ["全面", "推进", "人社", "数字化改革"]
    assert terms.tokenize(WAGES_TITLE, new_process_lexicon()) == ["根治欠薪"]   # read back from the rebuilt cache


def test_the_global_jieba_tokenizer_is_left_alone():
    terms.tokenize(DIGITAL_TITLE, TERMS)
    assert TERMS.tokenizer is not jieba.dt
    assert "根治欠薪" not in jieba.dt.FREQ


# --------------------------------------------------------------------------- lexicon checks


@pytest.fixture
def lexicon_dir(tmp_path):
    """A copy of the shipped terms lexicons that a test may break."""
    for name in (terms.USERDICT_FILE, terms.STOPWORDS_FILE, terms.MEASURE_WORDS_FILE):
        (tmp_path / name).write_bytes((LEXICON_DIR / name).read_bytes())
    return tmp_path


@pytest.mark.parametrize("userdict, stopwords, message", [
    ("# comment\n根治欠薪 2000 l\n根治欠薪 500 l\n", "", "already listed on line 2"),
    ("根治欠薪 two l\n", "", "expected 'word freq pos'"),
    ("根治欠薪 2000 l\n", "以及\n根治欠薪\n", "also in jieba_userdict.txt line 1"),
    ("根治欠薪 2000 l\n", "以及 并且\n", "one word per line"),
])
def test_malformed_lexicons_are_refused_with_file_and_line(lexicon_dir, userdict, stopwords, message):
    (lexicon_dir / terms.USERDICT_FILE).write_text(userdict, encoding="utf-8")
    (lexicon_dir / terms.STOPWORDS_FILE).write_text(stopwords, encoding="utf-8")
    with pytest.raises(RuleError, match=message):
        terms.load_terms_lexicon(lexicon_dir)


def test_measure_words_are_in_the_lexicon_and_their_examples_are_not_terms():
    assert "".join(m.word for m in TERMS.measure_words) == "个名人年月日天次项条家所支届批类种位件户元倍座"
    for entry in TERMS.measure_words:
        assert terms.tokenize(entry.example, TERMS) == [], entry
        assert not terms.is_term(entry.example, TERMS), entry
    assert terms.tokenize("迭代升级人社“一件事”集成改革", TERMS) == ["迭代", "升级", "人社", "一件事", "集成", "改革"]


@pytest.mark.parametrize("row, problem", [
    ("个人\t三个人", "measure_word: '个人' must be one Han character"),
    ("两\t一两", "measure_word: '两' is a numeral, not a measure word"),
    ("股\t两年", "example: example '两年' must be a Chinese numeral followed by '股'"),
    ("年\t三年", "measure_word: duplicate entry '年' (first at line {first})"),
    ("次", "expected 2 columns, got 1"),
])
def test_a_bad_measure_word_entry_stops_loading_with_one_line(lexicon_dir, row, problem):
    path = lexicon_dir / terms.MEASURE_WORDS_FILE
    text = path.read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("年\t"))
    path.write_text(text + row + "\n", encoding="utf-8")
    line_no = len(text.splitlines()) + 1
    with pytest.raises(RuleError) as caught:
        terms.load_terms_lexicon(lexicon_dir)
    separator = ": " if problem.startswith("expected") else " "
    assert str(caught.value) == f"measure_words.tsv:{line_no}{separator}{problem.format(first=first)}"



def test_extract_tags_with_the_tokenizer_of_its_own_lexicon_dir(tmp_path):
    """load_extract_lexicon(dir) tags with dir's user dictionary, not the shipped one; for the
    same user dictionary it is the terms lexicon's tokenizer (one per process)."""
    import shutil

    from pipeline.extract.lexicons import load_extract_lexicon

    shipped = load_extract_lexicon(LEXICON_DIR).words.tokenizer().tokenizer
    assert shipped is terms.load_terms_lexicon(LEXICON_DIR).tokenizer
    copy = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, copy)
    with open(copy / terms.USERDICT_FILE, "a", encoding="utf-8") as handle:
        handle.write("甲乙丙丁戊 5000 n\n")
    own = load_extract_lexicon(copy).words.tokenizer().tokenizer
    assert own is terms.load_tokenizer(copy) and own is not shipped
    assert own.FREQ.get("甲乙丙丁戊") and not shipped.FREQ.get("甲乙丙丁戊")


# --------------------------------------------------------------------------- invariants

PLAN_ALPHABET = "就业社会保障人才技能改革数字化推进加强完善进一步的和等一二三年万人%5G，。、“”（）ＧＤＰ 0123456789"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=PLAN_ALPHABET, max_size=40))
def test_terms_are_substrings_of_the_text_and_pass_the_filter(text):
    folded = unicodedata.normalize("NFKC", text)
    found = terms.tokenize(text, TERMS)
    assert all(term in folded and terms.is_term(term, TERMS) for term in found)
    assert found == terms.tokenize(text, TERMS)


POSSEG_PROBE = """
import hashlib, json, sys
if sys.argv[1] == "plain":
    import jieba.posseg as posseg
else:
    from pipeline.tokenizer import load_posseg
    posseg = load_posseg()
import jieba
from jieba._compat import get_module_res
words = [line.split(b" ")[0].decode("utf-8") for line in get_module_res("dict.txt") if line.strip()]
tags = posseg.dt.word_tag_tab
looked_up = [[word, tags.get(word, "x")] for word in words + ["不是一个词", "GDP", ""]]
print(json.dumps({
    "tags": hashlib.sha256(json.dumps(looked_up, ensure_ascii=False).encode()).hexdigest(),
    "n": len(words),
    "same_tokenizer": posseg.dt.tokenizer is jieba.dt,
    "cut": [list(pair) for pair in posseg.lcut("到2025年，城镇新增就业累计500万人以上，推进人社数字化改革。")],
}))
"""


@pytest.mark.slow
def test_posseg_loaded_from_the_cache_equals_a_plain_import(tmp_path):
    """load_posseg reads the tag table from a cache: cold (writes it) and warm must equal jieba's."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "TMPDIR": str(tmp_path)}

    def probe(mode):
        done = subprocess.run([sys.executable, "-c", POSSEG_PROBE, mode], env=env, check=True,
                              capture_output=True, text=True)
        return json.loads(done.stdout)

    plain = probe("plain")
    cold = probe("cached")
    assert (tmp_path / tokenizer.CACHE_DIR_NAME / tokenizer.TAGS_FILE_NAME).exists()
    warm = probe("cached")
    assert plain["n"] > 340_000 and plain["same_tokenizer"]
    assert cold == plain
    assert warm == plain


def test_pos_tags_look_up_words_of_the_index_and_keep_added_ones():
    tags = tokenizer.PosTags(tokenizer.PosTags.index({"就业": "vn", "就业率": "n", "城镇": "ns"}))
    assert tags.get("就业") == "vn" and tags.get("就业率") == "n" and tags.get("城镇") == "ns"
    assert tags.get("就", "x") == "x" and tags.get("就业率高", "x") == "x" and tags.get("", "x") == "x"
    tags.update({"稳岗": "v"})
    assert tags.get("稳岗") == "v"


def test_jieba_is_imported_without_pkg_resources_and_leaves_it_importable():
    import subprocess
    import sys

    probe = ("import sys\nfrom pipeline import terms\nfrom pipeline.config import LEXICON_DIR\n"
             "print('pkg_resources' in sys.modules, "
             "terms.tokenize('推进人社数字化改革', terms.load_terms_lexicon(LEXICON_DIR)))\n"
             "print(repr(sys.modules.get('pkg_resources', 'absent')))")
    lines = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                           text=True).stdout.splitlines()
    assert lines == ["False ['推进', '人社', '数字化改革']", "'absent'"]     # not left blocked (None)
