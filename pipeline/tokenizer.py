"""The jieba tokenizer the terms stage cuts with, and jieba's part-of-speech tags for extract.

    tokenizer, dictionary = prepared_tokenizer(entries)    # entries: (word, freq, tag) of a user dictionary
    cut_words(text, tokenizer, dictionary) -> list[str]    # == tokenizer.lcut(text, HMM=False), faster
    load_posseg() -> jieba.posseg                          # imported without parsing jieba's tag table

Everything here is about setting jieba up quickly and quietly: a dedicated
``jieba.Tokenizer`` per user dictionary (the global one is left alone), jieba's logger at
WARNING, its prefix-dictionary cache and a compact part-of-speech index in
``<temp>/planparse-jieba/`` (``CACHE_DIR_NAME``), and jieba's route search without HMM
redone in one pass (``cut_words``). Which words count as terms is ``pipeline.terms``; which
user dictionary is read is the caller's (``terms.load_terms_lexicon(lexicon_dir)``,
``terms.load_tokenizer(lexicon_dir)``). Importing this module imports jieba and reads no file.
"""
from __future__ import annotations

import importlib
import io
import logging
import marshal
import math
import os
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

def _import_jieba():
    """``import jieba``, without its import of setuptools' deprecated ``pkg_resources``.

    jieba only uses ``pkg_resources`` to open its own data files and falls back to ``open``
    without it (as on Python 3.12, whose venvs have no setuptools); importing it costs a
    seventh of a second in every build before the first document.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None        # makes ``import pkg_resources`` fail
    try:
        return importlib.import_module("jieba")
    finally:
        if hide:
            del sys.modules["pkg_resources"]


jieba = _import_jieba()

CACHE_DIR_NAME = "planparse-jieba"
CACHE_FILE_NAME = f"jieba-{jieba.__version__}.cache"
TAGS_FILE_NAME = f"jieba-{jieba.__version__}.postags"   # word → part of speech (see load_posseg)
# jieba's HMM guesses words missing from the dictionaries; on plan prose about half of its
# guesses straddle word boundaries (内为 in 〔 〕内为, 市到, 所万人), so it is off, and policy
# abbreviations it would find (稳岗, 扩面, 引才) belong in the user dictionary instead.
USE_HMM = False
# jieba's own block and whitespace patterns, so ``cut`` splits text exactly as jieba does
JIEBA_BLOCK = jieba.re_han_default
JIEBA_SKIP = jieba.re_skip_default
# jieba glues single ASCII letters and digits that its route leaves alone (5 G → 5G)
ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class RouteDictionary:
    """What jieba's route search reads, with log probabilities remembered per word."""

    freq: dict[str, int]              # words (frequency > 0) and their prefixes (0)
    log_total: float
    log_prob: dict[str, float]        # log(freq) - log_total, filled on first use


Entries = tuple[tuple[str, int | None, str | None], ...]     # (word, freq, tag) of a user dictionary


def prepared_tokenizer(entries: Entries) -> tuple["jieba.Tokenizer", RouteDictionary]:
    """The private, quiet jieba tokenizer with the user-dictionary ``entries`` and its route
    dictionary, its prefix dictionary read from the cache in the temp dir.

    Memo: built once per process for the same ``entries`` and cache directory
    (``_prepared_tokenizer``, an ``lru_cache`` of what the tokenizer is made of, not of a
    lexicon directory or any global), so the terms lexicon and extract's part-of-speech
    tagging loaded from the same user dictionary share one tokenizer: over a hundred MB and
    a third of a second per copy. The tokenizer is read-only once built.
    """
    return _prepared_tokenizer(entries, str(_cache_dir()))


# --------------------------------------------------------------------------- the fast cut


def cut_words(text: str, tokenizer: "jieba.Tokenizer", dictionary: RouteDictionary) -> list[str]:
    """jieba's words of ``text``: ``tokenizer.lcut(text, HMM=USE_HMM)``, faster (``dictionary``
    is the tokenizer's own, as ``prepared_tokenizer`` returns them).

    jieba's accurate mode without HMM, step for step: text is split into blocks of Han,
    ASCII letters and digits (``JIEBA_BLOCK``); each block is cut along the most probable
    route through the dictionary words it contains (``_cut_block``); everything else is
    cut into whitespace runs and single characters.
    """
    if USE_HMM:
        return tokenizer.lcut(text, HMM=True)
    words: list[str] = []
    for number, block in enumerate(JIEBA_BLOCK.split(text)):
        if not block:
            continue
        if number % 2:       # split() with one group: odd pieces are the matched blocks
            words += _cut_block(block, dictionary)
            continue
        for piece in JIEBA_SKIP.split(block):
            if JIEBA_SKIP.match(piece):
                words.append(piece)
            else:
                words.extend(piece)
    return words


def _cut_block(block: str, dictionary: RouteDictionary) -> list[str]:
    """jieba's ``get_DAG`` + ``calc`` + ``__cut_DAG_NO_HMM`` for one block, in one pass.

    From the end of the block backwards, the best route from each position takes the
    dictionary word starting there that maximises log P(word) + best score after it;
    ties go to the longer word, and a position that starts no word is a one-character
    word of frequency 1, exactly as in jieba (same float operations, same order).
    """
    size = len(block)
    freq_of, log_prob, log_total = dictionary.freq.get, dictionary.log_prob, dictionary.log_total
    score: list[float] = [0.0] * (size + 1)
    word_end = [0] * (size + 1)
    for start in range(size - 1, -1, -1):
        best, best_end = None, start + 1
        end, fragment = start + 1, block[start]
        freq = freq_of(fragment)
        while freq is not None:
            if freq:
                weight = log_prob.get(fragment)
                if weight is None:
                    weight = log_prob[fragment] = math.log(freq) - log_total
                candidate = weight + score[end]
                if best is None or candidate >= best:
                    best, best_end = candidate, end
            if end == size:
                break
            end += 1
            fragment = block[start:end]
            freq = freq_of(fragment)
        score[start] = -log_total + score[start + 1] if best is None else best
        word_end[start] = best_end
    return _route_words(block, word_end)


def _route_words(block: str, word_end: list[int]) -> list[str]:
    """Words along the route; runs of single ASCII letters or digits are glued together."""
    words: list[str] = []
    glued: list[str] = []           # joined once: adding to a string copies it (a run of a million digits)
    start = 0
    while start < len(block):
        end = word_end[start]
        word = block[start:end]
        if end - start == 1 and word in ASCII_ALNUM:
            glued.append(word)
        else:
            if glued:
                words.append("".join(glued))
                glued = []
            words.append(word)
        start = end
    if glued:
        words.append("".join(glued))
    return words


# --------------------------------------------------------------------------- jieba set-up


@lru_cache(maxsize=4)
def _prepared_tokenizer(entries: Entries, cache_dir: str) -> tuple[jieba.Tokenizer, RouteDictionary]:
    """A private, quiet jieba tokenizer with the user-dictionary ``entries`` (word, freq,
    tag), and its route-search dictionary. A memo of its arguments (what the tokenizer is
    made of: the entries and the cache directory), not of a lexicon directory: over a
    hundred MB and a third of a second per copy (see ``prepared_tokenizer``)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = cache_dir
    tokenizer.cache_file = CACHE_FILE_NAME
    if not _load_prefix_dict(tokenizer, Path(cache_dir) / CACHE_FILE_NAME):
        tokenizer.initialize()      # builds the prefix dictionary and writes the cache
    for word, user_freq, tag in entries:
        # an entry must at least survive on its own: never below jieba's suggestion
        freq = max(user_freq or 0, tokenizer.suggest_freq(word))
        tokenizer.add_word(word, freq, tag)
    return tokenizer, RouteDictionary(tokenizer.FREQ, math.log(tokenizer.total), {})


def _load_prefix_dict(tokenizer: jieba.Tokenizer, cache: Path) -> bool:
    """Read jieba's prefix-dictionary cache into ``tokenizer``; False when it is unusable.

    jieba reads the same file with ``marshal.load(file)``, which pulls it in piece by
    piece: about three times slower than reading the bytes at once (over a second per
    process for its 500,000 entries).
    """
    loaded = _read_marshal(cache)
    if not (isinstance(loaded, (tuple, list)) and len(loaded) == 2):
        return False
    freq, total = loaded
    if not isinstance(freq, dict) or not isinstance(total, int):
        return False
    tokenizer.FREQ, tokenizer.total = freq, total
    tokenizer.initialized = True
    return True


def load_posseg():
    """``jieba.posseg``, imported without parsing jieba's dictionary for part-of-speech tags.

    Importing ``jieba.posseg`` builds its default ``dt`` by parsing jieba's whole dictionary
    (349,046 lines) into a word → tag dict: half a second in every build before the first
    document, which no worker can share. Here the module is imported while ``jieba.dt`` is
    briefly a stand-in with an empty dictionary; ``dt`` then gets the real tokenizer and a
    ``PosTags`` table over a compact index cached in ``<temp>/planparse-jieba/`` (written by
    the first, normal import). Tags are the same as after a plain import
    (tests/test_terms.py compares them).
    """
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    cache = _cache_dir() / TAGS_FILE_NAME
    chunks = _read_marshal(cache)
    if not isinstance(chunks, dict):
        posseg = importlib.import_module("jieba.posseg")
        _write_marshal(cache, PosTags.index(posseg.dt.word_tag_tab))
        return posseg
    default = jieba.dt
    jieba.dt = _EmptyDictionary()
    try:
        posseg = importlib.import_module("jieba.posseg")
    finally:
        jieba.dt = default
    posseg.dt.tokenizer = default
    posseg.dt.word_tag_tab = PosTags(chunks)
    return posseg


def pos_tags() -> dict[str, str]:
    """A fresh word → tag table for another ``POSTokenizer`` (entries added to it stay its own)."""
    default = load_posseg().dt.word_tag_tab
    return PosTags(default.chunks) if isinstance(default, PosTags) else dict(default)


class PosTags(dict):
    """jieba's word → part-of-speech table, looked up on demand in a compact index.

    ``jieba.posseg`` only calls ``get`` and ``update`` on its table. A build looks up a few
    thousand words, so instead of a dict of 349,046 entries the table holds one string per
    first character ("\\n就业\\tvn\\n就业率\\tn\\n…"); a word found there, or added by
    ``update``, is then kept as an ordinary entry.
    """

    def __init__(self, chunks: dict[str, str]):
        super().__init__()
        self.chunks = chunks

    @staticmethod
    def index(tags: dict[str, str]) -> dict[str, str]:
        """The compact index of a word → tag dict."""
        lines: dict[str, list[str]] = {}
        for word, tag in tags.items():
            if word and "\n" not in word and "\t" not in word:
                lines.setdefault(word[0], []).append(f"{word}\t{tag}")
        return {first: "\n" + "\n".join(entries) + "\n" for first, entries in lines.items()}

    def get(self, word, default=None):
        tag = super().get(word)
        if tag is None:
            tag = self._look_up(word)
            if tag is None:
                return default
            self[word] = tag
        return tag

    def _look_up(self, word: str):
        chunk = self.chunks.get(word[:1])
        if not chunk or "\n" in word or "\t" in word:
            return None
        at = chunk.find(f"\n{word}\t")
        if at < 0:
            return None
        start = at + len(word) + 2
        return chunk[start:chunk.index("\n", start)]


class _EmptyDictionary:
    """Stands in for ``jieba.dt`` while ``jieba.posseg`` is imported (see ``load_posseg``)."""

    def get_dict_file(self):
        return io.BytesIO(b"")


def _cache_dir() -> Path:
    cache_dir = Path(tempfile.gettempdir()) / CACHE_DIR_NAME
    cache_dir.mkdir(parents=True, exist_ok=True)
    return cache_dir


def _read_marshal(path: Path):
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write_marshal(path: Path, value) -> None:
    """Write a cache file atomically (several workers may write it at once); errors are ignored."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)

