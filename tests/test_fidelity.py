"""Fidelity of normalize on real Simplified plan text converted to Traditional and back.

Two sets, asserted separately: the tuning set (``NN-*.txt``, the phrase table was tuned on it)
and the held-out set (``real-*.txt``, excerpts of published plans collected afterwards). The
round trip of each excerpt through each forward conversion is one exact case (known misses:
xfail with their reason in tests/fixtures/known_misses.toml); the error rates are measured by
``python -m pipeline.fidelity`` and ``make eval``.
Run with ``-s`` to see the tables (also: ``python -m pipeline.fidelity --diff``).
"""
import difflib
import re

import pytest

from pipeline.fidelity import (
    BACKWARD,
    CORPUS_DIR,
    FORWARD,
    HELD_OUT_PREFIX,
    SETS,
    edit_distance,
    excerpt_set,
    format_table,
    forward_converters,
    load_corpus,
    main,
    measure,
    round_trips,
    text_distance,
)
from pipeline.model import DocumentMeta, RawDocument
from pipeline.config import LEXICON_DIR
from pipeline.normalize import detect_script, load_normalize_lexicon, normalize
from pipeline.t2s import converter
from tests.known_misses import case, stale_entries

CJK_RE = re.compile(r"[\u4e00-\u9fff]")
NORMALIZE = load_normalize_lexicon(LEXICON_DIR)


def raw_document(text: str) -> RawDocument:
    return RawDocument(meta=DocumentMeta(doc_id="doc"), source_path="doc.txt", sha256="0" * 64,
                       encoding="utf-8", format="text", lines=tuple(text.split("\n")))


@pytest.fixture(scope="module", params=SETS)
def subset(request):
    return request.param


@pytest.fixture(scope="module")
def corpora():
    return {name: load_corpus(subset=name) for name in SETS}


@pytest.fixture(scope="module")
def all_scores(corpora):
    result = {name: measure(corpus, NORMALIZE) for name, corpus in corpora.items()}
    for name, scores in result.items():
        print("\n" + format_table(scores, name))
    return result


@pytest.fixture(scope="module")
def corpus(corpora, subset):
    return corpora[subset]


@pytest.fixture(scope="module")
def scores(all_scores, subset):
    return all_scores[subset]


def test_sets_split_the_corpus(corpora):
    everything = load_corpus()
    assert sorted(corpora["tuning"]) + sorted(corpora["held-out"]) == sorted(everything)
    assert all(name.startswith(HELD_OUT_PREFIX) for name in corpora["held-out"])
    assert not any(name.startswith(HELD_OUT_PREFIX) for name in corpora["tuning"])
    assert excerpt_set("real-x.txt") == "held-out" and excerpt_set("01-x.txt") == "tuning"
    with pytest.raises(ValueError):
        load_corpus(subset="all")


def test_held_out_set_is_large_and_varied(corpora):
    held_out = corpora["held-out"]
    assert len(held_out) >= 10
    assert sum(len(text) for text in held_out.values()) >= 8000
    readme = (CORPUS_DIR / "README.md").read_text(encoding="utf-8")
    assert "held-out" in readme.lower()
    for name in held_out:
        row = next(line for line in readme.splitlines() if line.startswith(f"| {name} |"))
        assert "http" in row, f"{name} has no source URL in README.md"


def test_corpus_is_real_simplified_plan_text(corpus):
    assert len(corpus) >= 8
    assert sum(len(CJK_RE.findall(text)) for text in corpus.values()) >= 3000
    readme = (CORPUS_DIR / "README.md").read_text(encoding="utf-8")
    for name, text in corpus.items():
        assert name in readme, f"{name} has no source in README.md"
        assert len(CJK_RE.findall(text)) >= 200, name
        assert detect_script(text.split("\n")) == "simplified", name


@pytest.fixture(scope="module")
def ours_round_trips():
    """forward -> {excerpt: the excerpt converted forward, then back by normalize}."""
    trips = round_trips(load_corpus(), NORMALIZE)
    return {forward: trips[(forward, "ours")] for forward in FORWARD}


@pytest.mark.parametrize("forward, name", [case("test_round_trip", f"{forward}/{name}", forward, name)
                                           for forward in FORWARD for name in sorted(load_corpus())])
def test_round_trip(forward, name, ours_round_trips):
    """Each excerpt comes back exactly from each forward conversion (the corpus's character
    error rate against TARGETS is ``python -m pipeline.fidelity`` / ``make eval``)."""
    text, back = load_corpus()[name], ours_round_trips[forward][name]
    spots = [(text[max(i1 - 4, 0):i2 + 4], back[max(j1 - 4, 0):j2 + 4]) for op, i1, i2, j1, j2
             in difflib.SequenceMatcher(None, text, back, autojunk=False).get_opcodes() if op != "equal"]
    assert text_distance(text, back) == 0, spots


def test_round_trip_known_misses_name_existing_cases():
    assert not stale_entries(("test_round_trip",))


def test_simplified_input_is_not_changed(corpus, scores):
    assert scores[("simplified", "ours")].errors == 0
    for name, text in corpus.items():
        doc = normalize(raw_document(text), NORMALIZE)
        assert doc.script == "simplified" and not doc.taiwan_phrasing, name
        assert doc.conversions == () and "\n".join(doc.lines) == text, name


def test_character_only_conversion_is_not_phrase_converted(corpus):
    # OpenCC s2tw changes characters only: no Taiwan wording, so no Taiwan vocabulary rule may fire
    for name, text in corpus.items():
        doc = normalize(raw_document(converter("s2tw").convert(text)), NORMALIZE)
        assert doc.script == "traditional" and not doc.taiwan_phrasing, name
        assert all(c.rule.startswith("char.") for c in doc.conversions), name
        assert "\n".join(doc.lines) == text, name


def test_phrase_converted_excerpts_are_taiwan_worded(corpus):
    # OpenCC s2twp: each excerpt on its own (finance and industry texts without IT vocabulary too)
    for name, text in corpus.items():
        assert normalize(raw_document(converter("s2twp").convert(text)), NORMALIZE).taiwan_phrasing, name


@pytest.mark.parametrize("forward", ["s2twp", "zh-tw", "mirror"])
def test_ours_beats_every_baseline(scores, forward):
    ours = scores[(forward, "ours")].errors
    assert all(ours < scores[(forward, b)].errors for b in BACKWARD if b != "ours")


def test_mirror_punctuation_is_restored(corpus, scores):
    mirror = forward_converters(NORMALIZE)["mirror"]
    mirrored = {name: mirror(text) for name, text in corpus.items()}
    assert sum(text.count("，") for text in corpus.values()) > 100
    assert not any(char in text for text in mirrored.values() for char in "，；：？！（）")
    # the baselines keep the ASCII punctuation; ours restores all of it: only wording errors remain
    assert scores[("mirror", "t2s")].errors - scores[("s2twp", "t2s")].errors > 100
    assert scores[("mirror", "ours")].errors == scores[("s2twp", "ours")].errors


@pytest.mark.slow
def test_main_prints_both_sets(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.index("tuning set") < out.index("held-out set")


@pytest.mark.parametrize("a,b,expected", [
    ("", "", 0), ("优化", "", 2), ("", "最佳化", 3), ("优化", "最佳化", 2),
    ("数字化转型", "数位化转型", 1), ("互联网+", "网际网路+", 3), ("着力", "著力", 1), ("abc", "abc", 0),
])
def test_edit_distance(a, b, expected):
    assert edit_distance(a, b) == expected
    assert edit_distance(b, a) == expected
