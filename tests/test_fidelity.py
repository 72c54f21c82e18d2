"""Fidelity of normalize on real Simplified plan text converted to Traditional and back.

Run with ``-s`` to see the table (also: ``python -m pipeline.fidelity --diff``).
"""
import re

import pytest

from pipeline.fidelity import (
    BACKWARD,
    CORPUS_DIR,
    FORWARD,
    TARGETS,
    edit_distance,
    format_table,
    forward_converters,
    load_corpus,
    measure,
)
from pipeline.normalize import detect_script

CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def scores(corpus):
    result = measure(corpus)
    print("\n" + format_table(result))
    return result


def test_corpus_is_real_simplified_plan_text(corpus):
    assert len(corpus) >= 8
    assert sum(len(CJK_RE.findall(text)) for text in corpus.values()) >= 3000
    readme = (CORPUS_DIR / "README.md").read_text(encoding="utf-8")
    for name, text in corpus.items():
        assert name in readme, f"{name} has no source in README.md"
        assert len(CJK_RE.findall(text)) >= 200, name
        assert detect_script(text.split("\n")) == "simplified", name


@pytest.mark.parametrize("forward", FORWARD)
def test_targets(scores, forward):
    score = scores[(forward, "ours")]
    assert score.cer <= TARGETS[forward], format_table(scores)


def test_simplified_input_is_not_changed(scores):
    assert scores[("simplified", "ours")].errors == 0


@pytest.mark.parametrize("forward", ["s2twp", "zh-tw", "mirror"])
def test_ours_beats_every_baseline(scores, forward):
    ours = scores[(forward, "ours")].errors
    assert all(ours < scores[(forward, b)].errors for b in BACKWARD if b != "ours")


def test_mirror_punctuation_is_restored(corpus, scores):
    mirror = forward_converters()["mirror"]
    mirrored = {name: mirror(text) for name, text in corpus.items()}
    assert sum(text.count("，") for text in corpus.values()) > 100
    assert not any(char in text for text in mirrored.values() for char in "，；：？！（）")
    # the baselines keep the ASCII punctuation; ours restores all of it: only wording errors remain
    assert scores[("mirror", "t2s")].errors - scores[("s2twp", "t2s")].errors > 100
    assert scores[("mirror", "ours")].errors == scores[("s2twp", "ours")].errors


@pytest.mark.parametrize("a,b,expected", [
    ("", "", 0), ("优化", "", 2), ("", "最佳化", 3), ("优化", "最佳化", 2),
    ("数字化转型", "数位化转型", 1), ("互联网+", "网际网路+", 3), ("着力", "著力", 1), ("abc", "abc", 0),
])
def test_edit_distance(a, b, expected):
    assert edit_distance(a, b) == expected
    assert edit_distance(b, a) == expected
