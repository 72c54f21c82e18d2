"""compare.compare_targets on two editions of one plan sentence.

The old edition is a sentence in the wording of provincial 人社 "十四五" plans; the new edition
is an edited copy: one target raised, one unchanged, one dropped, two added. Target rows are
written by hand as extract would produce them (columns of pipeline.model.Target).
"""
import dataclasses

import pandas as pd
import pytest

from pipeline.compare import TargetChange, compare_targets
from pipeline.model import Target

OLD_ID, NEW_ID = "zj-hrss-14-draft", "zj-hrss-14"
OLD_TEXT = ("到2025年，全省城镇新增就业累计500万人以上，城镇调查失业率控制在5.5%以内，"
            "每年新增技能人才50万人，开展职业技能培训500万人次以上。2020年城镇新增就业111.8万人。")
NEW_TEXT = ("到2025年，全省城镇新增就业累计550万人以上，城镇调查失业率控制在5.5%以内，"
            "每年新增高技能人才20万人，户籍人口基本养老保险参保率达到99%以上。")


def target(doc_id, target_id, text, mention, number, unit, subject, *, scale=1.0, qualifier=None,
           comparator=None, period="到2025年", period_type="at_date", role="target", number_high=None):
    start = text.index(mention)
    value = None if unit == "%" else number * scale
    return Target(doc_id=doc_id, target_id=target_id, section_id="2.1", column_id=None, para_id="p0012",
                  line=40, mention=mention, char_start=start, char_end=start + len(mention),
                  number=number, number_high=number_high, scale=scale, unit=unit, unit_implied=False, value=value,
                  qualifier=qualifier, comparator=comparator, period=period, period_type=period_type,
                  deadline_year=2025 if period_type == "at_date" else None,
                  year=2025 if period_type == "at_date" else None, year_from=None, subject=subject, role=role,
                  is_cumulative=False)


def frame(targets) -> pd.DataFrame:
    columns = [f.name for f in dataclasses.fields(Target)]
    return pd.DataFrame([dataclasses.asdict(t) for t in targets], columns=columns)


OLD = [
    target(OLD_ID, "t0001", OLD_TEXT, "500万人以上", 500, "人", "城镇新增就业", scale=1e4, qualifier="以上", comparator="ge"),
    target(OLD_ID, "t0002", OLD_TEXT, "5.5%以内", 5.5, "%", "城镇调查失业率", qualifier="以内", comparator="le"),
    target(OLD_ID, "t0003", OLD_TEXT, "50万人", 50, "人", "新增技能人才", scale=1e4, period="每年", period_type="annual"),
    target(OLD_ID, "t0004", OLD_TEXT, "500万人次以上", 500, "人次", "职业技能培训", scale=1e4, qualifier="以上", comparator="ge"),
    target(OLD_ID, "t0005", OLD_TEXT, "111.8万人", 111.8, "人", "城镇新增就业", scale=1e4, period="2020年", role="baseline"),
]
NEW = [
    target(NEW_ID, "t0001", NEW_TEXT, "550万人以上", 550, "人", "城镇新增就业", scale=1e4, qualifier="以上", comparator="ge"),
    target(NEW_ID, "t0002", NEW_TEXT, "5.5%以内", 5.5, "%", "城镇调查失业率", qualifier="以内", comparator="le"),
    target(NEW_ID, "t0003", NEW_TEXT, "20万人", 20, "人", "新增高技能人才", scale=1e4, period="每年", period_type="annual"),
    target(NEW_ID, "t0004", NEW_TEXT, "99%以上", 99, "%", "户籍人口基本养老保险参保率", qualifier="以上", comparator="ge"),
]


def by_subject(changes) -> dict:
    return {(c.subject, c.change): c for c in changes}


def test_mentions_are_real_substrings_of_the_sentences():
    for row, text in [(t, OLD_TEXT) for t in OLD] + [(t, NEW_TEXT) for t in NEW]:
        assert text[row.char_start:row.char_end] == row.mention


def test_each_target_gets_one_verdict():
    changes = compare_targets(frame(OLD), frame(NEW))
    assert [(c.subject, c.change) for c in changes] == [
        ("城镇新增就业", "changed"),
        ("城镇调查失业率", "unchanged"),
        ("户籍人口基本养老保险参保率", "added"),
        ("新增技能人才", "removed"),
        ("新增高技能人才", "added"),
        ("职业技能培训", "removed"),
    ]
    assert all(isinstance(c, TargetChange) for c in changes)


def test_changed_target_carries_both_values_ratio_and_mentions():
    change = by_subject(compare_targets(frame(OLD), frame(NEW)))[("城镇新增就业", "changed")]
    assert change == TargetChange(
        doc_id_old=OLD_ID, doc_id_new=NEW_ID, indicator_id=None, scope=None, subject="城镇新增就业",
        subject_new="城镇新增就业", unit="人", change="changed",
        value_old=5_000_000.0, value_new=5_500_000.0, ratio=pytest.approx(1.1),
        mention_old="500万人以上", mention_new="550万人以上", target_id_old="t0001", target_id_new="t0001")


def test_ratios_compare_their_numbers_and_one_sided_rows_have_no_ratio():
    changes = by_subject(compare_targets(frame(OLD), frame(NEW)))
    rate = changes[("城镇调查失业率", "unchanged")]
    assert (rate.value_old, rate.value_new, rate.ratio) == (5.5, 5.5, 1.0)
    removed = changes[("职业技能培训", "removed")]
    assert (removed.value_old, removed.value_new, removed.ratio) == (5_000_000.0, None, None)
    assert (removed.mention_new, removed.target_id_new, removed.doc_id_new) == (None, None, NEW_ID)
    added = changes[("户籍人口基本养老保险参保率", "added")]
    assert (added.value_old, added.value_new, added.mention_new) == (None, 99.0, "99%以上")


def test_baselines_are_left_out_unless_asked_for():
    default = compare_targets(frame(OLD), frame(NEW))
    assert "111.8万人" not in {c.mention_old for c in default}
    with_baselines = compare_targets(frame(OLD), frame(NEW), roles=("target", "baseline"))
    baseline = [c for c in with_baselines if c.mention_old == "111.8万人"]
    assert [(c.change, c.target_id_old) for c in baseline] == [("removed", "t0005")]


def test_a_changed_comparator_is_a_change():
    edited = [dataclasses.replace(NEW[0], mention="500万人左右", number=500, value=5e6, qualifier="左右",
                                  comparator="approx", char_end=NEW[0].char_start + 6)]
    [change] = compare_targets(frame(OLD[:1]), frame(edited))
    assert (change.change, change.ratio) == ("changed", 1.0)


def test_moved_sentences_are_not_reported_as_changes():
    # the draft states the target twice, 500万 in the text (t0001) and 550万 in a 专栏 (t0009);
    # the final text keeps 550万 once: pairing in document order alone would report
    # t0001 "changed" 500万 → 550万 and t0009 removed; equal quantities are paired first
    old = [OLD[0], dataclasses.replace(OLD[0], target_id="t0009", mention="550万人以上", number=550, value=5.5e6)]
    changes = compare_targets(frame(old), frame(NEW[:1]))
    assert [(c.change, c.target_id_old, c.target_id_new) for c in changes] == [
        ("removed", "t0001", None), ("unchanged", "t0009", "t0001")]


def test_subjectless_targets_are_paired_only_when_equal():
    old = [target(OLD_ID, "t0001", "建设高技能人才培训基地100个。", "100个", 100, "个", None)]
    same = [target(NEW_ID, "t0007", "建设高技能人才培训基地100个。", "100个", 100, "个", None)]
    other = [target(NEW_ID, "t0007", "新建技能大师工作室120个。", "120个", 120, "个", None)]
    assert [c.change for c in compare_targets(frame(old), frame(same))] == ["unchanged"]
    assert [c.change for c in compare_targets(frame(old), frame(other))] == ["removed", "added"]


def test_order_does_not_depend_on_row_order():
    forward = compare_targets(frame(OLD), frame(NEW))
    backward = compare_targets(frame(OLD[::-1]), frame(NEW[::-1]))
    assert forward == backward


def test_frames_read_back_from_parquet_with_nulls_work(tmp_path):
    path_old, path_new = tmp_path / "old.parquet", tmp_path / "new.parquet"
    frame(OLD).to_parquet(path_old)
    frame(NEW).to_parquet(path_new)
    read_back = compare_targets(pd.read_parquet(path_old), pd.read_parquet(path_new))
    assert read_back == compare_targets(frame(OLD), frame(NEW))


def test_empty_edition_makes_everything_added():
    changes = compare_targets(frame([]), frame(NEW))
    assert {c.change for c in changes} == {"added"}
    assert {c.doc_id_old for c in changes} == {None}


def test_bad_input_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="lack columns"):
        compare_targets(frame(OLD).drop(columns=["subject"]), frame(NEW))
    with pytest.raises(ValueError, match="several documents"):
        compare_targets(frame(OLD + NEW), frame(NEW))


# --------------------------------------------------------------------------- by catalogue indicator

RENAMED_OLD = "到2025年，全省地区生产总值年均增长6%左右，城镇新增就业累计500万人以上。"
RENAMED_NEW = "到2025年，全省生产总值年均增长6.5%左右，新增城镇就业累计500万人以上。"


def labelled(doc_id, text):
    """The figures of ``text`` as the build labels them (extract, then the catalogue)."""
    from pipeline.catalog import label_targets, load_indicator_catalog
    from pipeline.config import LEXICON_DIR
    from pipeline.extract import extract_from_text, load_extract_lexicon
    from pipeline.extract.periods import PlanPeriod
    figures = extract_from_text(text, load_extract_lexicon(LEXICON_DIR), plan=PlanPeriod(2021, 2025))
    rows = [target(doc_id, f"t{n:04d}", text, f.mention, f.number, f.unit, f.subject, scale=f.scale,
                   qualifier=f.qualifier, comparator=f.comparator, period=f.period, period_type=f.period_type)
            for n, f in enumerate(figures, start=1)]
    return label_targets(rows, {"p0012": text}, load_indicator_catalog(LEXICON_DIR))


def test_a_renamed_subject_of_one_indicator_is_a_change_not_a_removal_and_an_addition():
    old, new = labelled(OLD_ID, RENAMED_OLD), labelled(NEW_ID, RENAMED_NEW)
    assert [(t.subject, t.indicator_id) for t in old] == [("地区生产总值", "gdp_growth"), ("城镇新增就业", "new_urban_jobs")]
    assert [(t.subject, t.indicator_id) for t in new] == [("生产总值", "gdp_growth"), ("新增城镇就业", "new_urban_jobs")]
    changes = compare_targets(frame(old), frame(new))
    assert [(c.indicator_id, c.subject, c.subject_new, c.change, c.value_old, c.value_new) for c in changes] == [
        ("gdp_growth", "地区生产总值", "生产总值", "changed", 6.0, 6.5),
        ("new_urban_jobs", "城镇新增就业", "新增城镇就业", "changed", 5e6, 5e6),    # renamed, same number
    ]


def test_the_terminal_view_shows_a_renamed_subject():
    from pipeline.report import changes_text
    changes = compare_targets(frame(labelled(OLD_ID, RENAMED_OLD)), frame(labelled(NEW_ID, RENAMED_NEW)))
    assert changes_text(changes, OLD_ID, NEW_ID).splitlines() == [
        f"targets {OLD_ID} → {NEW_ID}: 0 added, 0 removed, 2 changed, 0 unchanged",
        "  changed   地区生产总值 → 生产总值 [%]: 6%左右 → 6.5%左右  ×1.08",
        "  changed   城镇新增就业 → 新增城镇就业 [人]: 500万人以上 → 500万人以上  ×1",
    ]


def test_without_an_indicator_the_subject_still_decides():
    old, new = labelled(OLD_ID, RENAMED_OLD), labelled(NEW_ID, RENAMED_NEW)
    def unlabelled(rows):
        return frame([dataclasses.replace(t, indicator_id=None, scope=None) for t in rows])
    changes = compare_targets(unlabelled(old), unlabelled(new))
    assert sorted(c.change for c in changes) == ["added", "added", "removed", "removed"]
