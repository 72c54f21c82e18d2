"""Outline → list[Term]: jieba word counts per section.

Entry function: ``count_terms(outline, lexicon)``; ``tokenize(text, lexicon)`` is the same
word filter for other users (e.g. a tf-idf notebook). The lexicon is an explicit input,
``load_terms_lexicon(lexicon_dir)``: the user dictionary, the stopwords and the measure
words, checked, and the jieba tokenizer prepared with them. Load it once and pass it on.

What is counted, per (doc_id, section_id):

* the Simplified ``text`` of paragraphs of kind paragraph, column, heading_runin and note
  (table, residue and front_matter rows are layout debris or metadata, not prose);
* each section's title, under that section.

Paragraphs before the first heading (``section_id`` None) count under section_id
``PREAMBLE_SECTION_ID`` = "0": the terms table's section_id is non-null, and outline
section ids are dotted paths starting at "1", so "0" cannot collide.

Text is NFKC-folded (full-width ＧＤＰ → GDP) and cut by jieba without its HMM (see
``USE_HMM``; ``cut`` gives the same words as ``Tokenizer.lcut(text, HMM=False)`` in about a
third of the time); stopword prefixes are split off dictionary words (进一步加强 → 加强, see
``split_stop_prefix``). A token is then a term when it is at least two characters long, is
not a stopword (``lexicons/stopwords.txt``), and is either a user-dictionary word
(``lexicons/jieba_userdict.txt``), a run of Han characters that is neither a bare Chinese
numeral (百万) nor a numeral with a measure word (两年, 一批: ``lexicons/measure_words.tsv``),
or a Latin acronym starting with a capital or a digit (GDP, 5G, App). Pure numbers, punctuation and lowercase Latin
(www, html) are dropped.

jieba runs in a dedicated ``jieba.Tokenizer`` (the global one is left alone), built by
``load_terms_lexicon`` (once per process for the same user dictionary), with its
prefix-dictionary cache in the temp dir (``CACHE_DIR_NAME``) and its logger at WARNING, so
normal runs print nothing. The tokenizer is read-only once built. Importing this module
reads no file.

>>> from pipeline.config import LEXICON_DIR
>>> lexicon = load_terms_lexicon(LEXICON_DIR)
>>> tokenize("推进人社数字化改革，根治欠薪。", lexicon)
['推进', '人社', '数字化改革', '根治欠薪']
"""
from __future__ import annotations

import importlib
import io
import logging
import marshal
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.chars import HAN_WORD
from pipeline.errors import RuleError
from pipeline.lexicon import Column, LexiconValueError, read_lines, tsv_records
from pipeline.model import Outline, Term


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

USERDICT_FILE = "jieba_userdict.txt"
STOPWORDS_FILE = "stopwords.txt"
MEASURE_WORDS_FILE = "measure_words.tsv"
CACHE_DIR_NAME = "planparse-jieba"
CACHE_FILE_NAME = f"jieba-{jieba.__version__}.cache"
TAGS_FILE_NAME = f"jieba-{jieba.__version__}.postags"   # word → part of speech (see load_posseg)

PREAMBLE_SECTION_ID = "0"
COUNTED_KINDS = ("paragraph", "column", "heading_runin", "note")
MIN_TERM_LENGTH = 2
# jieba's HMM guesses words missing from the dictionaries; on plan prose about half of its
# guesses straddle word boundaries (内为 in 〔 〕内为, 市到, 所万人), so it is off, and policy
# abbreviations it would find (稳岗, 扩面, 引才) belong in the user dictionary instead.
USE_HMM = False

COMMENT = "#"
NUMERALS = "〇零一二三四五六七八九十百千万亿两"
CHINESE_NUMERAL = re.compile(f"^[{NUMERALS}]+$")
# the numerals before a measure word (lexicons/measure_words.tsv), as jieba's dictionary has
# them: 两年, 三项, 一批, 万家, 几届
MEASURE_NUMERALS = NUMERALS + "几"
LATIN_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9]*$")
HAS_LETTER = re.compile(r"[A-Za-z]")
USERDICT_LINE = re.compile(r"^(?P<word>\S+)(?: (?P<freq>[1-9][0-9]*))?(?: (?P<tag>[a-z]+))?$")
# jieba's own block and whitespace patterns, so ``cut`` splits text exactly as jieba does
JIEBA_BLOCK = jieba.re_han_default
JIEBA_SKIP = jieba.re_skip_default
# jieba glues single ASCII letters and digits that its route leaves alone (5 G → 5G)
ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# distinct jieba words whose filtered terms are remembered (plan vocabularies are small)
WORD_CACHE_SIZE = 1 << 16


@dataclass(frozen=True)
class UserWord:
    """One entry of the user dictionary."""

    word: str
    freq: int | None
    tag: str | None
    line: int


@dataclass(frozen=True)
class MeasureWord:
    """One entry of ``lexicons/measure_words.tsv``."""

    word: str
    example: str


@dataclass(frozen=True)
class _Dictionary:
    """What jieba's route search reads, with log probabilities remembered per word."""

    freq: dict[str, int]              # words (frequency > 0) and their prefixes (0)
    log_total: float
    log_prob: dict[str, float]        # log(freq) - log_total, filled on first use


@dataclass(frozen=True, eq=False)
class TermsLexicon:
    """Everything the terms stage reads from ``pipeline/lexicons/``, checked, and the jieba
    tokenizer prepared with the user dictionary (``load_terms_lexicon``). Read-only, except
    for the memo of filtered jieba words (the same answer every time)."""

    user_words: tuple[UserWord, ...]
    user_vocabulary: frozenset[str]
    stopwords: frozenset[str]
    measure_words: tuple[MeasureWord, ...]
    numeral_measure: re.Pattern       # a numeral with one measure word: 两年, 三项
    tokenizer: "jieba.Tokenizer" = field(repr=False)
    dictionary: _Dictionary = field(repr=False)
    word_terms: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)   # memo


def load_terms_lexicon(lexicon_dir: Path) -> TermsLexicon:
    """The user dictionary, stopwords and measure words of ``lexicon_dir``, checked (a
    RuleError names the file, the line and the problem), and the tokenizer built with them.

    Not cached itself; the prepared tokenizer is shared by lexicons with the same user
    dictionary in one process (``_prepared_tokenizer``), so loading twice costs no second
    copy of jieba's dictionary.
    """
    lexicon_dir = Path(lexicon_dir)
    words = read_user_words(lexicon_dir / USERDICT_FILE)
    stop = read_stopwords(lexicon_dir / STOPWORDS_FILE, words)
    measures = read_measure_words(lexicon_dir / MEASURE_WORDS_FILE)
    tokenizer, dictionary = _prepared_tokenizer(tuple((w.word, w.freq, w.tag) for w in words), str(_cache_dir()))
    measure_class = "".join(re.escape(m.word) for m in measures)
    numeral_measure = re.compile(f"^[{MEASURE_NUMERALS}]+[{measure_class}]$" if measures else "(?!)")
    return TermsLexicon(words, frozenset(w.word for w in words), stop, measures, numeral_measure,
                        tokenizer, dictionary)


# --------------------------------------------------------------------------- entry point


def count_terms(outline: Outline, lexicon: TermsLexicon) -> list[Term]:
    """Count terms per section of ``outline``, sorted by (doc_id, section_id, term)."""
    columns = term_columns(outline, lexicon)
    return [Term(doc_id=doc_id, section_id=section_id, term=term, count=count)
            for doc_id, section_id, term, count in zip(*columns.values())]


def term_columns(outline: Outline, lexicon: TermsLexicon) -> dict[str, list]:
    """``count_terms`` as columns of the terms table (doc_id, section_id, term, count).

    The build writes these straight to Arrow: a document has thousands of term rows, and
    a row object for each is most of the cost of writing them.
    """
    words: dict[str, Counter[str]] = {}
    for section_id, text in _counted_texts(outline):
        words.setdefault(section_id, Counter()).update(cut(unicodedata.normalize("NFKC", text), lexicon))
    section_ids: list[str] = []
    terms: list[str] = []
    counts: list[int] = []
    for section_id in sorted(words):
        section_counts = sorted(_term_counts(words[section_id], lexicon).items())
        section_ids += [section_id] * len(section_counts)
        terms += [term for term, _ in section_counts]
        counts += [count for _, count in section_counts]
    return {"doc_id": [outline.doc_id] * len(terms), "section_id": section_ids, "term": terms, "count": counts}


def tokenize(text: str, lexicon: TermsLexicon) -> list[str]:
    """The terms of ``text`` in reading order (repeats kept), as ``count_terms`` counts them."""
    return [term for word in cut(unicodedata.normalize("NFKC", text), lexicon)
            for term in _word_terms(word, lexicon)]


def _term_counts(word_counts: Counter[str], lexicon: TermsLexicon) -> Counter[str]:
    """Counts of jieba words → counts of the terms in them (each distinct word filtered once)."""
    counts: Counter[str] = Counter()
    for word, count in word_counts.items():
        for term in _word_terms(word, lexicon):
            counts[term] += count
    return counts


def _word_terms(word: str, lexicon: TermsLexicon) -> tuple[str, ...]:
    """The terms of one jieba word: its stopword prefixes split off, then filtered
    (remembered per lexicon for up to ``WORD_CACHE_SIZE`` distinct words)."""
    memo = lexicon.word_terms
    found = memo.get(word)
    if found is None:
        found = tuple(part for part in split_stop_prefix(word, lexicon.tokenizer.FREQ, lexicon)
                      if is_term(part, lexicon))
        if len(memo) >= WORD_CACHE_SIZE:
            memo.clear()
        memo[word] = found
    return found


def split_stop_prefix(token: str, known: dict[str, int], lexicon: TermsLexicon) -> list[str]:
    """Split stopword prefixes off a jieba word: 进一步加强 → 进一步 / 加强.

    jieba's general dictionary holds many "adverb + verb" and "quantifier + noun" words
    (不断完善, 切实落实, 各项改革, 有关部门). The prefix is split off when it is a stopword
    and the rest is itself a known word of two or more characters; user-dictionary words
    are never split.

    >>> from pipeline.config import LEXICON_DIR
    >>> lexicon = load_terms_lexicon(LEXICON_DIR)
    >>> split_stop_prefix("不断完善", {"完善": 1}, lexicon)
    ['不断', '完善']
    >>> split_stop_prefix("充分就业", {"就业": 1}, lexicon)
    ['充分就业']
    """
    parts: list[str] = []
    while token not in lexicon.user_vocabulary:
        prefix = _stop_prefix(token, known, lexicon)
        if prefix is None:
            break
        parts.append(prefix)
        token = token[len(prefix):]
    parts.append(token)
    return parts


def _stop_prefix(token: str, known: dict[str, int], lexicon: TermsLexicon) -> str | None:
    """The longest stopword that starts ``token`` and leaves a known word behind."""
    for end in range(len(token) - MIN_TERM_LENGTH, MIN_TERM_LENGTH - 1, -1):
        rest = token[end:]
        if token[:end] in lexicon.stopwords and (known.get(rest) or rest in lexicon.user_vocabulary):
            return token[:end]
    return None


def is_term(token: str, lexicon: TermsLexicon) -> bool:
    """True when a jieba token is worth counting (see the module docstring).

    >>> from pipeline.config import LEXICON_DIR
    >>> lexicon = load_terms_lexicon(LEXICON_DIR)
    >>> [t for t in ["高质量发展", "的", "进一步", "2025", "百万", "两年", "GDP", "www", "十四五"]
    ...  if is_term(t, lexicon)]
    ['高质量发展', 'GDP', '十四五']
    """
    if len(token) < MIN_TERM_LENGTH or token in lexicon.stopwords:
        return False
    if token in lexicon.user_vocabulary:
        return True
    if HAN_WORD.match(token):
        return not (CHINESE_NUMERAL.match(token) or lexicon.numeral_measure.match(token))
    return bool(LATIN_ACRONYM.match(token) and HAS_LETTER.search(token))


# --------------------------------------------------------------------------- outline walk


def _counted_texts(outline: Outline) -> Iterator[tuple[str, str]]:
    """(section_id, text) for every section title and every counted paragraph."""
    for section in outline.sections:
        yield section.section_id, section.title
    for paragraph in outline.paragraphs:
        if paragraph.kind in COUNTED_KINDS:
            yield _section_key(paragraph.section_id), paragraph.text


def _section_key(section_id: str | None) -> str:
    return PREAMBLE_SECTION_ID if section_id is None else section_id


# --------------------------------------------------------------------------- jieba


def cut(text: str, lexicon: TermsLexicon) -> list[str]:
    """jieba's words of ``text``: ``lexicon.tokenizer.lcut(text, HMM=USE_HMM)``, faster.

    jieba's accurate mode without HMM, step for step: text is split into blocks of Han,
    ASCII letters and digits (``JIEBA_BLOCK``); each block is cut along the most probable
    route through the dictionary words it contains (``_cut_block``); everything else is
    cut into whitespace runs and single characters.

    >>> from pipeline.config import LEXICON_DIR
    >>> cut("推进人社数字化改革，5G 基站。", load_terms_lexicon(LEXICON_DIR))
    ['推进', '人社', '数字化改革', '，', '5G', ' ', '基站', '。']
    """
    if USE_HMM:
        return lexicon.tokenizer.lcut(text, HMM=True)
    words: list[str] = []
    dictionary = lexicon.dictionary
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


def _cut_block(block: str, dictionary: _Dictionary) -> list[str]:
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
    glued = ""
    start = 0
    while start < len(block):
        end = word_end[start]
        word = block[start:end]
        if end - start == 1 and word in ASCII_ALNUM:
            glued += word
        else:
            if glued:
                words.append(glued)
                glued = ""
            words.append(word)
        start = end
    if glued:
        words.append(glued)
    return words


def shared_tokenizer() -> jieba.Tokenizer:
    """The tokenizer of the shipped lexicons, for ``pipeline/extract.py`` until it takes a
    ``TermsLexicon`` like the other stages (transitional: extract is being reorganised
    separately). Read-only; the same object as the build's lexicon's tokenizer."""
    from pipeline.config import LEXICON_DIR

    return load_terms_lexicon(LEXICON_DIR).tokenizer


@lru_cache(maxsize=4)
def _prepared_tokenizer(entries: tuple[tuple[str, int | None, str | None], ...],
                        cache_dir: str) -> tuple[jieba.Tokenizer, _Dictionary]:
    """A private, quiet jieba tokenizer with the user-dictionary ``entries`` (word, freq,
    tag), and its route-search dictionary. A memo of its arguments (what the tokenizer is
    made of), not of a directory: over a hundred MB and a third of a second per copy."""
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
    return tokenizer, _Dictionary(tokenizer.FREQ, math.log(tokenizer.total), {})


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


# --------------------------------------------------------------------------- lexicons


def read_user_words(path: Path) -> tuple[UserWord, ...]:
    """Entries of the user dictionary ``path`` (``jieba_userdict.txt``) in file order (checked)."""
    entries: list[UserWord] = []
    seen: dict[str, int] = {}
    for number, line in _data_lines(path):
        match = USERDICT_LINE.match(line)
        if not match:
            raise RuleError(f"{path.name}:{number}", f"expected 'word freq pos', got {line!r}")
        word = match["word"]
        if word in seen:
            raise RuleError(f"{path.name}:{number}", f"{word} already listed on line {seen[word]}")
        seen[word] = number
        freq = int(match["freq"]) if match["freq"] else None
        entries.append(UserWord(word, freq, match["tag"], number))
    return tuple(entries)


def read_stopwords(path: Path, user_words: tuple[UserWord, ...]) -> frozenset[str]:
    """Words of the stopword list ``path`` (``stopwords.txt``); none may be a user-dictionary word."""
    words: dict[str, int] = {}
    for number, line in _data_lines(path):
        if " " in line or "\t" in line:
            raise RuleError(f"{path.name}:{number}", f"one word per line, got {line!r}")
        if line in words:
            raise RuleError(f"{path.name}:{number}", f"{line} already listed on line {words[line]}")
        words[line] = number
    vocabulary = {entry.word: entry.line for entry in user_words}
    for word, number in words.items():
        if word in vocabulary:
            raise RuleError(
                f"{path.name}:{number}",
                f"{word} is also in {USERDICT_FILE} line {vocabulary[word]}; keep it in one file",
            )
    return frozenset(words)


def _measure_word(cell: str) -> str:
    if len(cell) != 1 or not HAN_WORD.match(cell):
        raise LexiconValueError(f"{cell!r} must be one Han character")
    if cell in MEASURE_NUMERALS:
        raise LexiconValueError(f"{cell!r} is a numeral, not a measure word")
    return cell


MEASURE_COLUMNS = (Column("measure_word", _measure_word), Column("example"))


def read_measure_words(path: Path) -> tuple[MeasureWord, ...]:
    """Entries of ``measure_words.tsv`` (checked: one Han character each, listed once, and an
    example that is a numeral followed by that measure word)."""
    entries = []
    for line_no, row in tsv_records(read_lines(path), MEASURE_COLUMNS, path.name, key=("measure_word",)):
        word, example = row["measure_word"], row["example"]
        if not re.fullmatch(f"[{MEASURE_NUMERALS}]+{re.escape(word)}", example):
            raise RuleError(f"{path.name}:{line_no} example",
                            f"example {example!r} must be a Chinese numeral followed by {word!r}")
        entries.append(MeasureWord(word, example))
    return tuple(entries)


def _data_lines(path: Path) -> Iterable[tuple[int, str]]:
    """(1-based line number, stripped line) for non-blank, non-comment lines."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.readlines()
    except OSError as exc:
        raise RuleError(path.name, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RuleError(path.name, f"not UTF-8: {exc.reason} at byte {exc.start}") from exc
    for number, raw in enumerate(lines, 1):
        line = raw.strip().lstrip("\ufeff")
        if line and not line.startswith(COMMENT):
            yield number, line
