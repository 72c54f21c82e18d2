"""pipeline/evaluate: the scores make eval prints, on small exact cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluate.corpora import all_documents, load_split
from pipeline.evaluate.expected import ExpectedFigure, ExpectedOutline, parse_outline
from pipeline.evaluate.scoring import find_mention, multiset_tally, score_figures, score_outline
from pipeline.model import (DocumentMeta, NormalizedDocument, Outline, Paragraph, RawDocument,
                            Section, Target)


def outline_of(sections, paragraphs=()) -> Outline:
    raw = RawDocument(meta=DocumentMeta(doc_id="d"), source_path="d.txt", sha256="0" * 64,
                      encoding="utf-8", format="text", lines=("x",))
    doc = NormalizedDocument(raw=raw, lines=("x",), script="simplified", taiwan_phrasing=False)
    return Outline(doc=doc, sections=tuple(sections), paragraphs=tuple(paragraphs))


def section(n, level, number, title):
    return Section("d", str(n), None, level, n, number, title, n)


def test_multiset_tally_matches_each_expected_entry_once():
    t = multiset_tally(["a", "a", "b"], ["a", "c"])
    assert (t.matched, t.expected, t.found, t.recall, t.precision) == (1, 3, 2, 1 / 3, 1 / 2)


def test_outline_scores_titles_levels_and_numbers_apart():
    expected = ExpectedOutline(headings=[(1, "一、", "总体要求"), (2, "（一）", "指导思想"),
                                         (2, "（二）", "主要目标")])
    got = outline_of([section(1, 1, "一、", "总体要求"), section(2, 1, "（一）", "指导思想"),
                      section(3, 2, None, "附件")])
    scores = score_outline(got, expected)
    assert (scores["headings"].matched, scores["headings"].expected, scores["headings"].found) == (2, 3, 3)
    assert (scores["heading levels"].matched, scores["heading levels"].expected) == (1, 2)
    assert scores["heading numbers"].matched == 1


def test_a_point_keyed_without_a_title_is_found_by_its_number():
    # gov-earthquake-monitoring-zones-notice-1996: the key writes （一）…（三） as untitled points
    # (H 2 （一） ); the segmenter takes a first clause for one title and none for the other
    expected = ExpectedOutline(headings=[(1, "三、", "关于进一步加强我国防震减灾工作的意见"),
                                         (2, "（一）", ""), (2, "（二）", ""), (2, "（三）", "")])
    got = outline_of([section(1, 1, "三、", "关于进一步加强我国防震减灾工作的意见"),
                      section(2, 2, "（一）", "进一步健全与完善防震减灾工作体系，充分发挥各级政府在防震减灾中的职能作用"),
                      section(3, 2, "（二）", ""), section(4, 1, "（三）", "")])
    scores = score_outline(got, expected)
    assert (scores["headings"].matched, scores["headings"].found) == (4, 4)
    assert (scores["heading levels"].matched, scores["heading levels"].expected) == (3, 4)
    assert scores["heading numbers"].matched == 3


def test_the_unnumbered_copy_drops_the_points_keyed_without_a_title():
    from pipeline.evaluate.variants import unnumbered_copy
    key = ExpectedOutline(headings=[(1, "一、", "总体要求"), (2, "（一）", "")])
    text, copy_key = unnumbered_copy("一、总体要求\n（一）各地要高度重视，认真组织实施。", key)
    assert text == "总体要求\n各地要高度重视，认真组织实施。" and copy_key.headings == [(1, None, "总体要求")]


def test_outline_file_format(tmp_path):
    path = tmp_path / "x.outline"
    path.write_text("# c\nH 1 一、 总体要求\nH 2 - 名词解释\nC 专栏1 | 重点工程 | 2\n- 1 甲\n- 2 乙\n"
                    "I 人均预期寿命 | 岁 | 78.3 | 79\nF issue_date 2021-05-31\n", encoding="utf-8")
    e = parse_outline(path)
    assert e.headings == [(1, "一、", "总体要求"), (2, None, "名词解释")]
    assert e.columns == [("专栏1", "重点工程", 2)] and e.items == [("专栏1", 1, "甲"), ("专栏1", 2, "乙")]
    assert e.indicators == [("人均预期寿命", "岁", ("78.3", "79"))]
    assert e.front == {"issue_date": "2021-05-31"}


def test_outline_file_with_an_unknown_tag_names_the_line(tmp_path):
    path = tmp_path / "x.outline"
    path.write_text("H 1 一、 总体要求\nX what\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x.outline:2: unknown line"):
        parse_outline(path)


def test_find_mention_counts_like_the_headline_table():
    line = "增长15%以上，增长5%以上"
    assert find_mention(line, "5%以上", 0) == 3               # inside 15%以上
    assert find_mention(line, "5%以上", 0, count_glued=False) == line.index("长5") + 1


def target(line, start, end, **kw) -> Target:
    base = dict(doc_id="d", target_id="t0001", section_id=None, column_id=None, para_id="p0001",
                line=line, mention="5%左右", char_start=start, char_end=end, number=5.0,
                number_high=None, scale=1.0, unit="%", unit_implied=False, value=5.0, qualifier="左右",
                comparator="approx", period=None, period_type=None, deadline_year=None, year=None, year_from=None,
                subject="地区生产总值增长", role="target", is_cumulative=False)
    base.update(kw)
    return Target(**base)


def test_figures_are_matched_by_overlap_and_scored_per_field():
    lines = ("地区生产总值增长5%左右，城镇新增就业50万人",)
    expected = [ExpectedFigure(line=1, mention="5%左右", occurrence=0, number=5.0, unit="%",
                               qualifier="左右", year=2026, role="target",
                               scored=("value", "unit", "qualifier", "year", "role")),
                ExpectedFigure(line=1, mention="50万人", occurrence=0, number=50.0, unit="人",
                               scored=("value", "unit"))]
    t = target(1, 8, 12)
    scores, misses = score_figures(expected, lines, [(1, 8, 12, t)])
    f = scores["figures"]
    assert (f.matched, f.expected, f.found) == (1, 2, 1)
    assert (scores["field year"].matched, scores["field year"].expected) == (0, 1)
    assert scores["field role"].matched == 1
    assert misses == ["year line 1 5%左右: got None", "missed line 1 50万人"]


def test_an_answer_key_that_does_not_fit_its_text_is_an_error():
    with pytest.raises(ValueError, match="not on line 1"):
        score_figures([ExpectedFigure(line=1, mention="7%", occurrence=0)], ("增长5%",), [])


def test_every_held_out_name_is_a_document_of_its_corpus():
    names = {(d.corpus, d.name) for d in all_documents()}
    for corpus, held_out in load_split().items():
        for name in held_out:
            assert (corpus, name) in names, f"eval_split.toml [{corpus}] {name}: no such document"


def test_every_answer_key_reads():
    docs = all_documents()
    assert {d.corpus for d in docs} >= {"segment-eval", "work-reports", "targets-reviewed"}
    for d in docs:
        assert d.outline is not None or d.figures, d.name


@pytest.mark.slow
def test_make_eval_runs_end_to_end_and_writes_its_json(tmp_path, capsys):
    import json

    from pipeline.evaluate.__main__ import main
    report = tmp_path / "report.json"
    assert main(["--corpus", "plans", "--json", str(report)]) == 0
    out = capsys.readouterr().out
    assert "plans [as written]" in out and "character error rate" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert {t["split"] for t in data["totals"]} == {"tuning", "held-out"}
    assert data["cer"]["tuning"]["simplified"] == 0.0


def test_headline_figures_are_scored_on_their_catalogue_indicator_and_scope():
    from pipeline.evaluate.corpora import WORK_REPORTS
    from pipeline.evaluate.expected import headline_figures
    gansu = headline_figures(WORK_REPORTS / "headline_targets.tsv", year=2026)["gansu"]
    income = [(f.mention, f.indicator) for f in gansu if f.indicator[0] == "income_growth"]
    assert income == [("5%", ("income_growth", "城镇")), ("6.5%左右", ("income_growth", "农村"))]
    assert all("indicator" in f.scored for f in gansu)


def test_a_roles_years_row_that_is_no_figure_is_no_expected_figure(tmp_path):
    """ningxia t0130 (国家1000万千瓦光伏大基地): a size class in a name; the key says so, and the
    extractor's row for it is then spurious, not a match."""
    from pipeline.evaluate.expected import roles_years_figures
    header = ("target_id\tline\tmention\trole_now\trole_right\tyear_now\tyear_right\tyear_from_now\t"
              "year_from_right\treason\tsubject_now\tsubject_ok\n")
    rows = ("t0130\t56\t1000万千瓦\tactual\tactual\t2025\t2025\t2021\t2021\tsubject: not a figure: size class "
            "in the name 国家1000万千瓦光伏大基地\t光伏大基地\tno\n"
            "t0132\t56\t1000万千瓦\tactual\tactual\t2025\t2025\t\t\t\t新能源装机\tyes\n")
    key = tmp_path / "ningxia.tsv"
    key.write_text(header + rows, encoding="utf-8")
    figures = roles_years_figures(key)
    assert [(f.mention, f.occurrence, f.subjects) for f in figures] == [("1000万千瓦", 1, ("新能源装机",))]


def test_copies_find_a_heading_printed_with_a_space_after_its_number():
    # civil-explosives-industry-plan-2016-2020: "3. 优化产业体系。…" (a space after 3.); sichuan's
    # "第一节　指导思想" stands on its own line in every layout, so the run-in copy leaves it
    from pipeline.evaluate.variants import own_line_copy, run_in_copy, unnumbered_copy
    key = ExpectedOutline(headings=[(1, "第一章", "发展环境"), (2, "第一节", "指导思想"), (3, "3.", "优化产业体系")])
    text = "第一章 发展环境\n第一节　指导思想\n以习近平新时代中国特色社会主义思想为指导。\n3. 优化产业体系。推动产业升级。"
    assert unnumbered_copy(text, key)[0].split("\n") == [
        "发展环境", "指导思想", "以习近平新时代中国特色社会主义思想为指导。", "优化产业体系。推动产业升级。"]
    assert own_line_copy(text, key).split("\n")[-2:] == ["3.优化产业体系", "推动产业升级。"]
    assert run_in_copy(text, key) is None
