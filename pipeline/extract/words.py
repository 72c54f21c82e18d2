"""jieba for extract: word boundaries and part-of-speech tests on short phrases.

Uses the terms stage's tokenizer for the lexicon's own directory (policy user dictionary
``jieba_userdict.txt`` of ``lexicon_dir``, read by ``pipeline.terms.load_tokenizer``) and
jieba's POS tag table. Each ``Lexicon`` holds one ``Words``, made by
``load_extract_lexicon(lexicon_dir)`` with that directory; its tokenizer is set up the first
time a phrase is cut (not when the package is imported or the lexicon loaded): that is where
the user dictionary is read and jieba's caches in ``<temp>/planparse-jieba/`` are read or
written. The memo of word boundaries hangs off the same object, since it depends on that
tokenizer.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from pipeline.terms import load_tokenizer
from pipeline.tokenizer import jieba, load_posseg, pos_tags

if TYPE_CHECKING:
    from pipeline.extract.lexicons import Lexicon

VERBISH_POS = ("v", "vd", "vg", "p", "d", "c", "r", "y", "e", "i")   # i: 功能齐全、…
BOUNDARY_MEMO = 4096                    # phrases whose word boundaries each Words remembers


class Words:
    """The POS tokenizer of one lexicon directory (built on first use) and its memo of word
    boundaries."""

    def __init__(self, lexicon_dir: Path) -> None:
        self.lexicon_dir = Path(lexicon_dir)
        self._tokenizer: Optional["jieba.posseg.POSTokenizer"] = None
        self.boundaries = lru_cache(maxsize=BOUNDARY_MEMO)(self._boundaries)

    def tokenizer(self) -> "jieba.posseg.POSTokenizer":
        if self._tokenizer is None:
            self._tokenizer = _pos_tokenizer(self.lexicon_dir)
        return self._tokenizer

    def _boundaries(self, phrase: str) -> frozenset[int]:
        bounds, pos = {0}, 0
        for word in self.tokenizer().tokenizer.cut(phrase, HMM=False):
            pos += len(word)
            bounds.add(pos)
        return frozenset(bounds)


def _is_noun_phrase(phrase: str, lex: Lexicon) -> bool:
    """见习岗位, 浙江大工匠, 高层次紧缺急需人才培养: yes; 实现就业, 有特色, 功能齐全: no."""
    tokens = list(lex.words.tokenizer().cut(phrase))
    if not tokens:
        return False
    if not _verbish(tokens[0].flag):
        return True
    if tokens[0].word in lex.stop + lex.lead + lex.light:
        return False
    return not _verbish(tokens[-1].flag) and not tokens[-1].flag.startswith("a")


def _is_bare_verb(phrase: str, lex: Lexicon) -> bool:
    tokens = list(lex.words.tokenizer().cut(phrase))
    return len(tokens) == 1 and tokens[0].flag == "v"


def _verbish(flag: str) -> bool:
    return flag in VERBISH_POS or flag.startswith("u")


def _boundaries(phrase: str, lex: Lexicon) -> frozenset[int]:
    """Word boundaries (jieba, no HMM) of a phrase: where a lexicon word may start or end."""
    return lex.words.boundaries(phrase)


def _pos_tokenizer(lexicon_dir: Path) -> "jieba.posseg.POSTokenizer":
    """Part-of-speech tagging over the terms stage's tokenizer for ``lexicon_dir`` (its policy
    user dictionary).

    Called by ``Words.tokenizer`` on first use, the only place extract sets jieba up:
    ``load_posseg`` imports ``jieba.posseg`` with its tag table cached in the temp dir,
    ``terms.load_tokenizer`` reads the user dictionary of ``lexicon_dir`` and loads the prefix
    dictionary from its cache there. The tokenizer is the terms lexicon's own for the same
    user dictionary (``tokenizer.prepared_tokenizer`` remembers it per entries and cache
    directory), which saves loading jieba's dictionary a second time (over a second per
    process); the tag table is shared with the default POS tokenizer instead of re-read from
    disk.
    """
    posseg = load_posseg()      # jieba.posseg (imported faster, see tokenizer.load_posseg)

    class _SharedPOSTokenizer(posseg.POSTokenizer):
        def __init__(self, tokenizer: jieba.Tokenizer):  # noqa: D107 - see _pos_tokenizer
            self.tokenizer = tokenizer
            self.word_tag_tab = pos_tags()

    return _SharedPOSTokenizer(load_tokenizer(lexicon_dir))
