"""pipeline/t2s.py must give exactly what OpenCC("t2s").convert gives, only faster."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import t2s as t2s_module
from pipeline.t2s import _CJK_CODE_POINTS, _read_dictionaries, changed_characters, converter, t2s
from tests.conftest import FIRST_DOC

FIXTURES = Path(__file__).parent / "fixtures"
PHRASES, CHARACTERS = _read_dictionaries("t2s") or ({}, {})


def real_texts() -> list[Path]:
    """Every plan text the tests hold: Traditional and Simplified, typed and real excerpts."""
    return [FIRST_DOC] + sorted(FIXTURES.rglob("*.txt")) + sorted(FIXTURES.rglob("*.html"))


def test_the_installed_package_has_the_dictionaries_the_fast_path_reads():
    assert _read_dictionaries("t2s") is not None and _read_dictionaries("s2t") is not None
    assert len(PHRASES) > 200 and len(CHARACTERS) > 4000
    assert PHRASES["一目瞭然"] == "一目了然"


@pytest.mark.parametrize("path", real_texts(), ids=lambda p: p.name)
def test_same_output_as_the_library_on_real_text(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    library = converter("t2s").convert
    traditional = text if path == FIRST_DOC else converter("s2t").convert(text)
    for sample in (text, traditional):
        for line in sample.split("\n"):
            assert t2s()(line) == library(line), line


def test_every_phrase_alone_and_in_context():
    library = converter("t2s").convert
    for phrase in sorted(PHRASES):
        for text in (phrase, f"發展{phrase}規劃", f"{phrase}{phrase}，{phrase[::-1]}"):
            assert t2s()(text) == library(text), text


def test_overlapping_phrases_resolve_as_in_the_library():
    """Longest phrase first, anywhere in the run (not left to right), with phrases touching."""
    library = converter("t2s").convert
    keys = sorted(PHRASES)
    chained = "".join(a + b for a, b in zip(keys, keys[1:]))   # phrases touching each other
    assert t2s()(chained) == library(chained)


PHRASE_TEXT = st.lists(st.one_of(st.sampled_from(sorted(PHRASES)),
                                 st.sampled_from(sorted(CHARACTERS)),
                                 st.sampled_from(list("，。、；：（）《》“” \t-.,1234567890%万亿元人以上左右")),
                                 st.text(max_size=3)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PHRASE_TEXT)
def test_same_output_as_the_library_on_arbitrary_mixtures(text):
    assert t2s()(text) == converter("t2s").convert(text)


def library_changed_characters() -> tuple[set[str], set[str]]:
    """Asked of the library one character at a time: the CJK blocks and every dictionary key."""
    keys = {key for config in ("t2s", "s2t") for table in _read_dictionaries(config) for key in table if len(key) == 1}
    chars = set(map(chr, _CJK_CODE_POINTS)) | keys
    return ({c for c in chars if converter("t2s").convert(c) != c},
            {c for c in chars if converter("s2t").convert(c) != c})


def test_changed_characters_are_those_the_library_changes_alone():
    traditional, simplified = changed_characters()
    assert (set(traditional), set(simplified)) == library_changed_characters()
    assert {"規", "劃", "發", "數"} <= traditional and {"规", "划", "发", "数"} <= simplified
    assert "就" not in traditional | simplified


def test_changed_characters_without_readable_dictionaries_ask_the_library(monkeypatch):
    # then only the CJK blocks are asked, the characters script detection counts
    blocks = set(map(chr, _CJK_CODE_POINTS))
    expected = tuple(kind & blocks for kind in library_changed_characters())
    monkeypatch.setattr(t2s_module, "_read_dictionaries", lambda config, **_: None)
    changed_characters.cache_clear()
    try:
        traditional, simplified = changed_characters()
    finally:
        changed_characters.cache_clear()
    assert (set(traditional), set(simplified)) == expected
