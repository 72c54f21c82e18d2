"""pipeline/catalog.py and the comparison view on real text.

* every catalogue entry's example, run through extraction, gives that entry's id;
* the ten 2026 work reports, built, give back ../shared/corpus/work-reports-2026/headline_targets.tsv
  through one query of the comparison view (document, indicator, number, unit, qualifier);
* figures no entry names keep a null id.
"""
from __future__ import annotations

import csv
import dataclasses
import functools
import shutil

import pandas as pd
import pytest

from pipeline.catalog import (CATALOG_FILE, catalog_rows, label_targets, load_indicator_catalog,
                              match_indicator)
from pipeline.config import LEXICON_DIR
from pipeline.errors import RuleError
from pipeline.evaluate.corpora import SHARED_WORK_REPORTS, WORK_REPORTS
from pipeline.extract import extract_from_text, load_extract_lexicon
from pipeline.extract.periods import PlanPeriod
from pipeline.indicator_view import indicator_view
from tests.known_misses import case, stale_entries

CATALOG = load_indicator_catalog(LEXICON_DIR)
LEX = load_extract_lexicon(LEXICON_DIR)
PLAN_14 = PlanPeriod(2021, 2025)
ENTRIES = {entry.indicator_id: entry for entry in CATALOG.entries}


def ids_of(text: str) -> list:
    """(mention, indicator_id, scope) of every figure of ``text``, labelled as the build does."""
    from tests.test_compare import target
    figures = extract_from_text(text, LEX, plan=PLAN_14)
    rows = [dataclasses.replace(target("d", f"t{n:04d}", text, f.mention, f.number, f.unit, f.subject, scale=f.scale),
                                char_start=f.char_start, char_end=f.char_end)
            for n, f in enumerate(figures, start=1)]
    return [(t.mention, t.indicator_id, t.scope) for t in label_targets(rows, {"p0012": text}, CATALOG)]


# --------------------------------------------------------------------------- the lexicon


@pytest.mark.parametrize("indicator_id", sorted(ENTRIES))
def test_each_catalogue_example_gets_its_id(indicator_id):
    found = ids_of(ENTRIES[indicator_id].example)
    assert indicator_id in [i for _, i, _ in found], (ENTRIES[indicator_id].example, found)
    assert {i for _, i, _ in found} <= {indicator_id, None}, found     # and no other id


def test_the_headline_vocabulary_is_in_the_catalogue():
    with open(WORK_REPORTS / "headline_targets.tsv", encoding="utf-8", newline="") as handle:
        vocabulary = {row["indicator"] for row in csv.DictReader(handle, delimiter="\t")}
    assert len(vocabulary) >= 9
    assert {"gdp_growth", "unemployment_rate", "new_urban_jobs", "cpi", "income_growth",
            "fixed_investment_growth", "retail_sales_growth", "foreign_trade", "grain_output",
            "energy_intensity", "rd_intensity", "gdp_level", "carbon_intensity", "urbanization_rate",
            "forest_coverage", "life_expectancy"} | vocabulary <= set(ENTRIES)


@pytest.mark.parametrize("text, expected", [
    # a level and its growth rate are two ids
    ("地区生产总值突破6万亿元，年均增长6%左右", [("突破6万亿元", "gdp_level", None), ("6%左右", "gdp_growth", None)]),
    # the unit decides with the subject: a % under a count's subject is not that count
    ("城镇新增就业增长2%", [("2%", None, None)]),
    # the whole subject must match: a share of GDP is not GDP
    ("工业增加值占地区生产总值比重达到35%", [("35%", None, None)]),
    # 城镇 / 农村 parts keep the id; 分别 splits a 城乡 subject into its parts, in order
    ("城乡居民人均可支配收入分别增长5%、6.5%左右",
     [("5%", "income_growth", "城镇"), ("6.5%左右", "income_growth", "农村")]),
    ("城乡居民人均可支配收入增长7%", [("7%", "income_growth", "城乡")]),
    # 咸阳市2023年国民经济和社会发展计划 (unseen, first run right): 7% comes earlier in the sentence too
    ("规模以上工业增加值增长7%左右,城乡居民人均可支配收入分别增长7%、8%左右;粮食产量保持在180万吨以上。",
     [("7%左右", "industrial_value_added_growth", None), ("7%", "income_growth", "城镇"),
      ("8%左右", "income_growth", "农村"), ("180万吨以上", "grain_output", None)]),
    ("农村常住居民人均可支配收入增长6%左右", [("6%左右", "income_growth", "农村")]),
    ("全体居民人均可支配收入增长5%以上", [("5%以上", "income_growth", None)]),
    # a share's change in percentage points keeps the share's id
    ("森林覆盖率提高1个百分点", [("1个百分点", "forest_coverage", None)]),
    # the national 2026 work report's headline sentence (政府工作报告, 2026-03-05), first run before
    # any rule was written for it: all right but 经济增长4.5%-5%, whose subject is the bare 经济
    ("经济增长4.5%-5%，在实际工作中努力争取更好结果；城镇调查失业率5.5%左右，城镇新增就业1200万人以上；"
     "居民消费价格涨幅2%左右；居民收入增长和经济增长同步；国际收支基本平衡；粮食产量1.4万亿斤左右；"
     "单位国内生产总值二氧化碳排放降低3.8%左右。",
     [("4.5%-5%", "gdp_growth", None), ("5.5%左右", "unemployment_rate", None),
      ("1200万人以上", "new_urban_jobs", None), ("2%左右", "cpi", None), ("1.4万亿斤左右", "grain_output", None),
      ("3.8%左右", "carbon_intensity", None)]),
    # its 十五五 main goals (first run: all right)
    ("全社会研发经费投入年均增长7%以上、单位国内生产总值二氧化碳排放累计降低17%、数字经济核心产业增加值占"
     "国内生产总值比重达到12.5%、劳动年龄人口平均受教育年限提高到11.7年、人均预期寿命提高到80岁、"
     "粮食综合生产能力达到1.45万亿斤左右、能源综合生产能力达到58亿吨标准煤。",
     [("7%以上", "rd_spending_growth", None), ("17%", "carbon_intensity", None),
      ("12.5%", "digital_economy_share", None), ("11.7年", "education_years", None),
      ("80岁", "life_expectancy", None), ("1.45万亿斤左右", "grain_production_capacity", None),
      ("58亿吨标准煤", "energy_production_capacity", None)]),
    # never the nearest: 新增高技能人才 and 粮食单产 are no catalogue entries
    ("新增高技能人才20万人，粮食单产提高2%", [("20万人", None, None), ("2%", None, None)]),
])
def test_matching_on_real_wording(text, expected):
    assert ids_of(text) == expected


def test_table_rows_are_matched_on_their_name_and_printed_unit():
    assert match_indicator("国内生产总值（GDP）增长", "%", CATALOG).indicator_id == "gdp_growth"
    from pipeline.catalog import base_unit
    assert match_indicator("城镇新增就业", base_unit("万人", CATALOG), CATALOG).indicator_id == "new_urban_jobs"
    assert match_indicator("人才资源总量", base_unit("万人", CATALOG), CATALOG) is None


def test_the_catalogue_table_has_one_row_per_entry():
    rows = catalog_rows(CATALOG)
    assert [r.indicator_id for r in rows] == [e.indicator_id for e in CATALOG.entries]
    income = next(r for r in rows if r.indicator_id == "income_growth")
    assert (income.kind, income.unit_family, income.higher_is_better, income.scopes) == (
        "growth", ["percent"], True, ["城乡", "城镇", "农村"])


@pytest.mark.parametrize("old, new, message", [
    ("gdp_growth\t地区生产总值增长\tgrowth\t", "gdp_growth\t地区生产总值增长\tgrow\t",
     "indicator_catalog.tsv:23 kind: 'grow' is not one of level, growth, share, reduction, count"),
    ("\tpercent|percentage_point\tyes\t(?:地区", "\tpercent|pct\tyes\t(?:地区",
     "indicator_catalog.tsv:23 unit_family: 'pct' is not a unit kind of units.tsv"),
    ("gdp_level\t", "gdp_growth\t",
     "indicator_catalog.tsv:24 indicator_id: duplicate entry 'gdp_growth' (first at line 23)"),
    ("gdp_level\t地区生产总值\t", "gdp_level\t地区生产总值增长\t",
     "indicator_catalog.tsv gdp_level: name '地区生产总值增长' is also the name of gdp_growth"),
    ("城乡=城乡|城镇、农村", "城市=城乡",
     "indicator_catalog.tsv:43 scopes: '城市=城乡|城镇和农村' is not scope=pattern with scope 城乡, 城镇 or 农村"),
])
def test_a_broken_catalogue_is_one_line(tmp_path, old, new, message):
    copy = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, copy)
    text = (copy / CATALOG_FILE).read_text(encoding="utf-8")
    assert old in text
    (copy / CATALOG_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_indicator_catalog(copy)
    assert str(caught.value) == message


# --------------------------------------------------------------------------- the ten work reports

def _headline_rows() -> list[dict]:
    with open(WORK_REPORTS / "headline_targets.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


HEADLINES = _headline_rows()
SCOPES = {"urban:": "城镇", "rural:": "农村"}


def _scope(notes: str):
    return next((scope for word, scope in SCOPES.items() if notes.startswith(word)), None)


@pytest.fixture(scope="module")
def report_targets(tmp_path_factory) -> pd.DataFrame:
    """The targets table of the ten reports, built (read from ../shared/corpus when it is there,
    as make eval does)."""
    from pipeline.build import build
    raw = tmp_path_factory.mktemp("reports") / "raw"
    raw.mkdir()
    for row in {r["province"] for r in HEADLINES}:
        shared = SHARED_WORK_REPORTS / f"{row}.txt"
        fixture = WORK_REPORTS / f"{row}.txt"
        source = shared if shared.exists() and shared.read_bytes() == fixture.read_bytes() else fixture
        shutil.copy(source, raw / f"{row}.txt")
    out = raw.parent / "normalized"
    report = build(raw, out, jobs=1)
    assert report.ok, report.problems
    return pd.read_parquet(out / "targets.parquet")


@pytest.fixture(scope="module")
def headline_view(report_targets):
    """One query: every document's 2026 targets of the headline vocabulary."""
    view = indicator_view(report_targets, year=2026)
    vocabulary = {row["indicator"] for row in HEADLINES}
    return view[(view["role"] == "target") & view["indicator_id"].isin(vocabulary)]


def _as_printed(row) -> tuple:
    number = row["number"] if pd.isna(row["number_high"]) else f"{row['number']:g}-{row['number_high']:g}"
    if not isinstance(number, str):
        number = f"{number:g}"
    qualifier = None if pd.isna(row["qualifier"]) else row["qualifier"]
    scope = None if pd.isna(row["scope"]) else row["scope"]
    return (row["doc_id"], row["indicator_id"], scope, number, row["unit"], qualifier)


def _expected(row: dict) -> tuple:
    return (row["province"], row["indicator"], _scope(row["notes"]), row["number"], row["unit"],
            row["qualifier"] or None)


WITH_NUMBER = [r for r in HEADLINES if r["number"]]
HEADLINE_TEST = "test_the_view_reproduces_each_headline_target"


def _case_id(row: dict) -> str:
    scope = _scope(row["notes"])
    return f"{row['province']}/{row['indicator']}" + (f"/{scope}" if scope else "")


@pytest.mark.parametrize("row", [case(HEADLINE_TEST, _case_id(row), row) for row in HEADLINES])
def test_the_view_reproduces_each_headline_target(headline_view, row):
    """Right document, indicator, scope, number, unit and qualifier (rows without a number are
    predicates such as 与经济增长同步: known misses, extract emits figures only)."""
    assert _expected(row) in [_as_printed(r) for _, r in headline_view.iterrows()]


def test_no_stale_known_miss_of_the_headline_table():
    assert not stale_entries((HEADLINE_TEST,))


def test_the_view_adds_no_row_to_the_headline_sentences(headline_view):
    """The table rows one sentence per report; the view's other 2026 targets of its vocabulary
    are all stated elsewhere in the report (城镇新增就业21万人 in jilin's 就业 section; ningxia's
    确保粮食总产量稳定保持在76亿斤以上 in its 农业 paragraph, subject 粮食总产量)."""
    expected = {_expected(row) for row in WITH_NUMBER}
    headline_line = {row["province"]: int(row["line"]) for row in HEADLINES}
    extra = [(r["doc_id"], r["indicator_id"], r["line"]) for _, r in headline_view.iterrows()
             if _as_printed(r) not in expected]
    assert [e for e in extra if e[2] == headline_line[e[0]]] == []
    assert sorted((doc, indicator) for doc, indicator, _ in extra) == [
        ("gansu", "new_urban_jobs"), ("jilin", "new_urban_jobs"), ("ningxia", "foreign_trade"),
        ("ningxia", "grain_output"), ("ningxia", "new_urban_jobs"), ("xizang", "new_urban_jobs")]


# --------------------------------------------------------------------------- indicator tables of 十四五 plans

SEGMENT = WORK_REPORTS.parent.parent / "segment"
# every row of the 主要指标 table of each plan, read by hand: name → the id it measures (None:
# no catalogue entry; never the nearest one)
TABLE_ROWS = {
    "national_outline_traditional.zh-tw.txt": {       # national 十四五 outline (economy, innovation)
        "国内生产总值（GDP）增长": "gdp_growth", "全员劳动生产率增长": "labour_productivity_growth",
        "常住人口城镇化率": "urbanization_rate", "全社会研发经费投入增长": "rd_spending_growth",
        "每万人口高价值发明专利拥有量": "high_value_patents"},
    "eval/sichuan_outline_14th.txt": {                 # a provincial 十四五 outline
        "地区生产总值增长": "gdp_growth", "全员劳动生产率增长": "labour_productivity_growth",
        "常住人口城镇化率": "urbanization_rate", "研究与试验发展经费投入增长": "rd_spending_growth",
        "每万人口高价值发明专利拥有量": "high_value_patents", "城镇调查失业率": "unemployment_rate"},
    "eval/hunan_health_14th.html": {                   # health
        "人均预期寿命": "life_expectancy", "孕产妇死亡率": "maternal_mortality", "婴儿死亡率": "infant_mortality",
        "每千人口执业（助理）医师数": "doctors_per_1000",
        "每千人口拥有3岁以下婴幼儿托位数": "childcare_places_per_1000", "个人卫生支出占卫生总费用的比重": None},
    "eval/shandong_education_opinions.txt": {          # education
        "学前教育毛入园率": "preschool_enrolment", "九年义务教育巩固率": "compulsory_education_retention",
        "高中阶段教育毛入学率": "high_school_enrolment", "高等教育毛入学率": "higher_education_enrolment",
        "劳动年龄人口平均受教育年限": "education_years"},
    "eval/beijing_ecology_h_tags.html": {              # environment
        "细颗粒物（PM2.5）年均浓度": "pm25_concentration", "地表水达到或好于Ⅲ类水体比例": "surface_water_quality",
        "森林覆盖率": "forest_coverage"},
    "eval/mohrss_14th_br.html": {                      # employment
        "城镇新增就业": "new_urban_jobs", "城镇调查失业率": "unemployment_rate",
        "基本养老保险参保率": "pension_insurance_coverage", "失业保险参保人数": None, "新增高技能人才": None},
}


@pytest.mark.parametrize("name", sorted(TABLE_ROWS))
def test_indicator_table_rows_get_the_reviewed_ids(name):
    from pipeline.evaluate.run import run_stages
    from pipeline.model import DocumentMeta
    path = SEGMENT / name
    outline, _ = run_stages(path, DocumentMeta(doc_id=path.stem.split(".")[0]), _lexicons())
    assert {row.name: row.indicator_id for row in outline.indicators} == TABLE_ROWS[name]


@functools.lru_cache(maxsize=1)
def _lexicons():
    from pipeline.lexicon_set import load_lexicons
    return load_lexicons(LEXICON_DIR)


# --------------------------------------------------------------------------- goal sentences of 十四五 plans

GOAL_IDS_FILE = WORK_REPORTS.parent.parent / "targets" / "indicator_ids.toml"
GOAL_TEST = "test_goal_sentence_ids"


def _figure_keys(targets) -> list[str]:
    """"L<line> <mention>", with #n from the second same mention of a line on."""
    keys, seen = [], {}
    for t in targets:
        key = f"L{t.line} {t.mention}"
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


@functools.lru_cache(maxsize=None)
def _goal_figures(name: str) -> dict:
    import json

    from pipeline.evaluate.run import run_stages
    from pipeline.model import DocumentMeta
    spec = json.loads((GOAL_IDS_FILE.parent / f"{name}.json").read_text(encoding="utf-8"))
    meta = DocumentMeta(doc_id=name, period=spec["plan_period"])
    _, targets = run_stages(GOAL_IDS_FILE.parent / f"{name}.txt", meta, _lexicons())
    return dict(zip(_figure_keys(targets), (t.indicator_id for t in targets)))


def _goal_cases():
    import tomllib
    with open(GOAL_IDS_FILE, "rb") as handle:
        reviewed = tomllib.load(handle)
    return [case(GOAL_TEST, f"{name}/{key}", name, key, expected)
            for name, expected_ids in reviewed.items()
            for key, expected in [*expected_ids.items(),
                                  *((k, None) for k in _goal_figures(name) if k not in expected_ids)]]


@pytest.mark.parametrize("name, key, expected", _goal_cases())
def test_goal_sentence_ids(name, key, expected):
    """Each figure of the reviewed goal sentences: its id, or null where the key lists none."""
    figures = _goal_figures(name)
    assert key in figures, f"no figure {key!r} in {name}: {sorted(figures)}"
    assert figures[key] == expected


def test_no_stale_known_miss_of_the_goal_sentences():
    assert not stale_entries((GOAL_TEST,))


# --------------------------------------------------------------------------- the view on indicator tables

@pytest.fixture(scope="module")
def table_view(tmp_path_factory):
    """Two 十四五 plans with indicator tables, built: the view's table cells."""
    from pipeline.build import build
    raw = tmp_path_factory.mktemp("tables") / "raw"
    raw.mkdir()
    for name in ("eval/sichuan_outline_14th.txt", "zhejiang_official_numbered.txt"):
        shutil.copy(SEGMENT / name, raw / name.split("/")[-1])
    out = raw.parent / "normalized"
    assert build(raw, out, jobs=1).ok
    tables = {n: pd.read_parquet(out / f"{n}.parquet") for n in ("targets", "indicators", "documents")}
    view = indicator_view(tables["targets"], tables["indicators"], tables["documents"])
    return view[view["source"] == "table"]


def test_the_view_reads_indicator_table_cells_with_their_year_and_role(table_view):
    rows = [tuple(None if pd.isna(v) else v for v in
                  (r.doc_id, r.indicator_id, r.role, r.year, r.number, r.unit, r.qualifier, r.mention))
            for r in table_view.itertuples()]
    # sichuan: 3.常住人口城镇化率（%） 56.7 62 〔5.3〕; 6.城镇调查失业率（%） 5.6 <5.5 (2020年, 2025年 columns;
    # the 年均/累计 column has no year); zhejiang: 2015年, 2020年目标, 2020年完成情况
    assert [r for r in rows if r[1] in ("urbanization_rate", "unemployment_rate", "new_urban_jobs")] == [
        ("zhejiang-official-numbered", "new_urban_jobs", "actual", 2020, 612.0, "万人", None, "〔612〕"),
        ("zhejiang-official-numbered", "new_urban_jobs", "baseline", 2015, 537.0, "万人", None, "〔537〕"),
        ("zhejiang-official-numbered", "new_urban_jobs", "target", 2020, 500.0, "万人", None, "〔500〕"),
        ("sichuan-outline-14th", "unemployment_rate", "baseline", 2020, 5.6, "%", None, "5.6"),
        ("sichuan-outline-14th", "unemployment_rate", "target", 2025, 5.5, "%", "<", "<5.5"),
        ("sichuan-outline-14th", "urbanization_rate", "baseline", 2020, 56.7, "%", None, "56.7"),
        ("sichuan-outline-14th", "urbanization_rate", "target", 2025, 62.0, "%", None, "62"),
    ]


def test_no_two_entries_claim_one_figure(report_targets):
    """The first match wins, but entries must not overlap: every figure any entry matches in the
    examples and in the ten work reports fits one entry only (file order never decides)."""
    from pipeline.catalog import matching_entries
    figures = [(f.subject, f.unit) for entry in CATALOG.entries
               for f in extract_from_text(entry.example, LEX, plan=PLAN_14)]
    figures += [(s if isinstance(s, str) else None, u if isinstance(u, str) else None)
                for s, u in zip(report_targets["subject"], report_targets["unit"])]
    overlaps = {(s, u): [e.indicator_id for e in matching_entries(s, u, CATALOG)] for s, u in set(figures)}
    assert {k: v for k, v in overlaps.items() if len(v) > 1} == {}
    assert sum(1 for v in overlaps.values() if v) > 60      # the check saw many matched subjects


def test_a_list_of_three_under_one_both_parts_subject_is_not_split():
    assert ids_of("城乡居民人均可支配收入分别增长5%、6%、7%") == [
        ("5%", "income_growth", "城乡"), ("6%", "income_growth", "城乡"), ("7%", "income_growth", "城乡")]
