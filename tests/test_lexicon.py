"""pipeline/lexicon.py: a malformed lexicon is one line naming the file, the entry and the fault."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.errors import RuleError
from pipeline.lexicon import Column, TomlTable, decimal, integer, one_of, read_toml, read_tsv


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


UNITS = Column("unit"), Column("factor", decimal), Column("emit", one_of("yes", "no"))


def test_tsv_rows_are_parsed_cell_by_cell(tmp_path):
    path = write(tmp_path, "units.tsv", "# comment\nunit\tfactor\temit\n万人\t1\tyes\n成\t10\tno\n")
    assert read_tsv(path, UNITS, key=("unit",)) == [
        {"unit": "万人", "factor": Decimal(1), "emit": "yes"},
        {"unit": "成", "factor": Decimal(10), "emit": "no"}]


@pytest.mark.parametrize("row, message", [
    ("万人\tx\tyes", "units.tsv:3 factor: 'x' is not a number"),
    ("万人\tnan\tyes", "units.tsv:3 factor: 'nan' is not a finite number"),
    ("万人\t1\tmaybe", "units.tsv:3 emit: 'maybe' is not one of yes, no"),
    ("万人\t1", "units.tsv:3: expected 3 columns, got 2"),
])
def test_a_bad_tsv_cell_is_one_line(tmp_path, row, message):
    path = write(tmp_path, "units.tsv", f"# c\nunit\tfactor\temit\n{row}\n")
    with pytest.raises(RuleError) as caught:
        read_tsv(path, UNITS)
    assert str(caught.value) == message


def test_a_duplicate_tsv_entry_names_both_lines(tmp_path):
    path = write(tmp_path, "units.tsv", "unit\tfactor\temit\n万人\t1\tyes\n人\t1\tyes\n万人\t2\tyes\n")
    with pytest.raises(RuleError) as caught:
        read_tsv(path, UNITS, key=("unit",))
    assert str(caught.value) == "units.tsv:4 unit: duplicate entry '万人' (first at line 2)"


def test_a_wrong_tsv_header_is_one_line(tmp_path):
    path = write(tmp_path, "ranks.tsv", "word\trank\n")
    with pytest.raises(RuleError, match=r"^ranks.tsv: header must be word<TAB>rank<TAB>x"):
        read_tsv(path, (Column("word"), Column("rank", integer), Column("x")))


def test_a_non_integer_rank_is_one_line(tmp_path):
    path = write(tmp_path, "ranks.tsv", "word\trank\n左右\t1.5\n")
    with pytest.raises(RuleError) as caught:
        read_tsv(path, (Column("word"), Column("rank", integer)))
    assert str(caught.value) == "ranks.tsv:2 rank: '1.5' is not an integer"


def test_toml_missing_key_wrong_type_and_unknown_key(tmp_path):
    path = write(tmp_path, "heading_cues.toml", '[bare]\nmax_chars = "30"\nmin_han = 2\nmax_chrs = 1\n')
    bare = read_toml(path).table("bare")
    with pytest.raises(RuleError) as caught:
        bare.int("max_chars")
    assert str(caught.value) == "heading_cues.toml [bare] max_chars: must be an integer, found '30'"
    assert bare.int("min_han") == 2
    with pytest.raises(RuleError) as caught:
        bare.int("intro_max_chars")
    assert str(caught.value) == "heading_cues.toml [bare] intro_max_chars: missing key"
    with pytest.raises(RuleError, match=r"^heading_cues.toml \[bare\] max_chrs: unknown key"):
        bare.check_no_unknown_keys()


def test_toml_booleans_are_not_integers():
    with pytest.raises(RuleError, match="must be an integer, found True"):
        TomlTable({"n": True}, "x.toml", "t").int("n")


def test_toml_pattern_that_does_not_compile(tmp_path):
    table = TomlTable({"pattern": "^({cn}+"}, "heading_cues.toml", "toc")
    with pytest.raises(RuleError, match=r"^heading_cues.toml \[toc\] pattern: pattern does not compile"):
        table.pattern("pattern", {"cn": "[一二三]"})
    assert TomlTable({"p": "^{cn}+$"}, "f", "t").pattern("p", {"cn": "[一二]"}).match("一二")


def test_toml_syntax_error_is_one_line(tmp_path):
    path = write(tmp_path, "heading_cues.toml", "[bare\n")
    with pytest.raises(RuleError, match=r"^heading_cues.toml: not valid TOML"):
        read_toml(path)


def test_arrays_of_tables_name_their_index():
    t = TomlTable({"numbering": [{"name": "a"}, {"role": "x"}]}, "heading_cues.toml")
    first, second = t.tables("numbering")
    assert first.str("name") == "a"
    with pytest.raises(RuleError) as caught:
        second.str("name")
    assert str(caught.value) == "heading_cues.toml [numbering[1]] name: missing key"


# --------------------------------------------------------------------------- the shipped lexicons, broken

import shutil

from pipeline.config import LEXICON_DIR


def broken_copy(tmp_path, name, old, new):
    """A copy of the lexicon directory with one edit in ``name``."""
    copy = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, copy)
    text = (copy / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    (copy / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize("old, new, message", [
    ("max_chars = 25\n", "", "heading_cues.toml [bare] max_chars: missing key"),
    ("max_chars = 25\n", "max_chars = 25\nmax_char = 3\n",
     "heading_cues.toml [bare] max_char: unknown key (misspelt? every key of this file is read by the pipeline)"),
    ("max_chars = 25\n", "max_chars = \"25\"\n", "heading_cues.toml [bare] max_chars: must be an integer, found '25'"),
    ('role = "list"\n', 'role = "lists"\n',
     "heading_cues.toml [numbering[6]] role: must be one of heading, list, article, found 'lists'"),
])
def test_a_broken_heading_cues_file_is_one_line(tmp_path, old, new, message):
    from pipeline.segment import load_cues
    with pytest.raises(RuleError) as caught:
        load_cues(broken_copy(tmp_path, "heading_cues.toml", old, new))
    assert str(caught.value) == message


def test_the_shipped_heading_cues_load():
    from pipeline.segment import load_cues
    cues = load_cues(LEXICON_DIR)
    assert [s.name for s in cues.numbering][:2] == ["part", "chapter"]


# --------------------------------------------------------------------------- the extract lexicons, broken

@pytest.mark.parametrize("name, old, new, message", [
    ("units.tsv", "%\t%\t1\tpercent", "%\t%\tx\tpercent", "units.tsv:10 factor: 'x' is not a number"),
    ("units.tsv", "个百分点\t个百分点\t1\tpercentage_point\tyes", "个百分点\t个百分点\t1\tpercentage_point\tmaybe",
     "units.tsv:13 emit: 'maybe' is not one of yes, no, decimal, scaled"),
    ("units.tsv", "名\t名\t1\tperson", "人\t人\t1\tperson", "units.tsv:19 unit: duplicate entry '人' (first at line 18)"),
    ("periods.tsv", "{1}—{2}年\t{2}\t1\tyes", "{1}—{2}年\t{2}\t1.5\tyes", "periods.tsv:27 rank: '1.5' is not an integer"),
    ("periods.tsv", "{1}—{2}年\t{2}\t1\tyes", "{1}—{2}年\t{2}\t1\tmaybe",
     "periods.tsv:27 carries: 'maybe' is not one of yes, no"),
    ("periods.tsv", "十{1}五末\tfyp:{1}", "十{1}五末\tfyp:1",
     "periods.tsv:31 deadline: 'fyp:1' is not a deadline (empty, plan, doc, doc-1, doc+1, fyp:{n}, {n} or a year)"),
    ("periods.tsv", "period_total\t{1}—{2}年", "period\t{1}—{2}年",
     "periods.tsv:27 period_type: 'period' is not one of annual, period_total, at_date, none"),
    ("qualifiers.tsv", "以上\tsuffix\tge", "以上\tsufix\tge",
     "qualifiers.tsv:13 position: 'sufix' is not one of prefix, suffix, infix"),
    ("qualifiers.tsv", "以上\tsuffix\tge", "以上\tsuffix\tgte",
     "qualifiers.tsv:13 comparator: 'gte' is not one of ge, le, gt, lt, approx, eq"),
    ("extract_roles.tsv", "before\t(?:从|由)", "befor\t(?:从|由)",
     "extract_roles.tsv:13 scope: 'befor' is not one of before, after, section, clause"),
    ("extract_roles.tsv", "$\tbaseline\t从", "$\tbase\t从",
     "extract_roles.tsv:13 role: 'base' is not one of baseline, actual, target"),
    ("extract_subject.tsv", "lead\t全省\t", "leed\t全省\t",
     "extract_subject.tsv:41 kind: 'leed' is not one of lead, link, trail, head, stop, edge, source, measure, "
     "light, connector, prefix, qualify, package, bare, name, reach, compare, stage"),
    ("extract_nontargets.tsv", "《[^》\\n]{1,60}》\t", "《[^》\\n]{1,60}》(\t",
     "extract_nontargets.tsv:10 pattern: pattern '《[^》\\\\n]{1,60}》(' does not compile: "
     "missing ), unterminated subpattern at position 14"),
    ("extract_scales.tsv", "万\t10000\t", "万\t1万\t", "extract_scales.tsv:13 factor: '1万' is not a number"),
    ("extract_scales.tsv", "万\t10000\t", "万\t0\t", "extract_scales.tsv:13 factor: '0' is not a positive number"),
    ("extract_scales.tsv", "千万\t", "万\t", "extract_scales.tsv:13 scale: duplicate entry '万' (first at line 10)"),
    ("extract_percent.tsv", "百分之\t%\t100\t", "百分之\t%\t1e2\t", "extract_percent.tsv:9 per: '1e2' is not an integer"),
    ("extract_breaks.tsv", "，\tclause", "，\tclauses",
     "extract_breaks.tsv:20 level: 'clauses' is not one of sentence, clause, phrase"),
    ("extract_breaks.tsv", "，\tclause", "，，\tclause", "extract_breaks.tsv:20 char: '，，' is not one character"),
    ("extract_breaks.tsv", "，\tclause", "。\tclause", "extract_breaks.tsv:20 char: duplicate entry '。' (first at line 13)"),
])
def test_a_broken_extract_lexicon_is_one_line(tmp_path, name, old, new, message):
    from pipeline.extract import load_extract_lexicon
    with pytest.raises(RuleError) as caught:
        load_extract_lexicon(broken_copy(tmp_path, name, old, new))
    assert str(caught.value) == message


def test_a_missing_extract_lexicon_is_one_line(tmp_path):
    from pipeline.extract import load_extract_lexicon
    copy = broken_copy(tmp_path, "extract_scales.tsv", "千\t1000\t", "千\t1000\t")
    (copy / "extract_scales.tsv").unlink()
    with pytest.raises(RuleError) as caught:
        load_extract_lexicon(copy)
    assert str(caught.value) == "extract_scales.tsv: cannot read: No such file or directory"


def test_extract_reads_the_lexicon_it_is_given(tmp_path):
    """No module-level state: a lexicon from another directory is what extract uses."""
    from pipeline.extract import extract_from_text, load_extract_lexicon
    shipped = load_extract_lexicon(LEXICON_DIR)
    changed = load_extract_lexicon(broken_copy(tmp_path, "extract_scales.tsv", "千\t1000\t", "兆\t1000000000000\t"))
    assert [f.value for f in extract_from_text("投资5兆元", changed)] == [5e12]
    assert extract_from_text("投资5兆元", shipped) == []
    assert [f.value for f in extract_from_text("新建农村公路5千公里", shipped)] == [5000.0]
    assert extract_from_text("新建农村公路5千公里", changed) == []        # 千 is no scale there
