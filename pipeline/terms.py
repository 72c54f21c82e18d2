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
``PREAMBLE_SECTION_ID`` = None, the null every table gives text before the first heading.

Text is NFKC-folded (full-width ＧＤＰ → GDP) and cut by jieba without its HMM (see
``tokenizer.USE_HMM``; ``cut`` gives the same words as ``Tokenizer.lcut(text, HMM=False)`` in about a
third of the time); stopword prefixes are split off dictionary words (进一步加强 → 加强, see
``split_stop_prefix``). A token is then a term when it is at least two characters long, is
not a stopword (``lexicons/stopwords.txt``), and is either a user-dictionary word
(``lexicons/jieba_userdict.txt``), a run of Han characters that is neither a bare Chinese
numeral (百万) nor a numeral with a measure word (两年, 一批: ``lexicons/measure_words.tsv``),
or a Latin acronym starting with a capital or a digit (GDP, 5G, App). Pure numbers, punctuation and lowercase Latin
(www, html) are dropped.

jieba runs in a dedicated ``jieba.Tokenizer`` (the global one is left alone), prepared by
``pipeline/tokenizer.py`` for ``load_terms_lexicon`` (once per process for the same user
dictionary), with its prefix-dictionary cache in the temp dir (``tokenizer.CACHE_DIR_NAME``)
and its logger at WARNING, so normal runs print nothing. The tokenizer is read-only once
built; ``load_tokenizer(lexicon_dir)`` gives the same one to extract. Importing this module
reads no file.

>>> from pipeline.config import LEXICON_DIR
>>> lexicon = load_terms_lexicon(LEXICON_DIR)
>>> tokenize("推进人社数字化改革，根治欠薪。", lexicon)
['推进', '人社', '数字化改革', '根治欠薪']
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.chars import HAN_WORD
from pipeline.errors import RuleError
from pipeline.lexicon import Column, LexiconValueError, read_lines, tsv_records
from pipeline.model import Outline, Term
from pipeline.tokenizer import Entries, RouteDictionary, cut_words, jieba, prepared_tokenizer

USERDICT_FILE = "jieba_userdict.txt"
STOPWORDS_FILE = "stopwords.txt"
MEASURE_WORDS_FILE = "measure_words.tsv"

PREAMBLE_SECTION_ID = None
COUNTED_KINDS = ("paragraph", "column", "heading_runin", "note")
MIN_TERM_LENGTH = 2

COMMENT = "#"
NUMERALS = "〇零一二三四五六七八九十百千万亿两"
CHINESE_NUMERAL = re.compile(f"^[{NUMERALS}]+$")
# the numerals before a measure word (lexicons/measure_words.tsv), as jieba's dictionary has
# them: 两年, 三项, 一批, 万家, 几届
MEASURE_NUMERALS = NUMERALS + "几"
LATIN_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9]*$")
HAS_LETTER = re.compile(r"[A-Za-z]")
USERDICT_LINE = re.compile(r"^(?P<word>\S+)(?: (?P<freq>[1-9][0-9]*))?(?: (?P<tag>[a-z]+))?$")
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
    dictionary: RouteDictionary = field(repr=False)
    word_terms: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)   # memo
    longest_stopword: int = 0


def load_terms_lexicon(lexicon_dir: Path) -> TermsLexicon:
    """The user dictionary, stopwords and measure words of ``lexicon_dir``, checked (a
    RuleError names the file, the line and the problem), and the tokenizer built with them.

    Not cached itself; the prepared tokenizer is shared by lexicons with the same user
    dictionary in one process (``tokenizer.prepared_tokenizer``), so loading twice costs no
    second copy of jieba's dictionary.
    """
    lexicon_dir = Path(lexicon_dir)
    words = read_user_words(lexicon_dir / USERDICT_FILE)
    stop = read_stopwords(lexicon_dir / STOPWORDS_FILE, words)
    measures = read_measure_words(lexicon_dir / MEASURE_WORDS_FILE)
    tokenizer, dictionary = prepared_tokenizer(_entries(words))
    measure_class = "".join(re.escape(m.word) for m in measures)
    numeral_measure = re.compile(f"^[{MEASURE_NUMERALS}]+[{measure_class}]$" if measures else "(?!)")
    return TermsLexicon(words, frozenset(w.word for w in words), stop, measures, numeral_measure,
                        tokenizer, dictionary, longest_stopword=max(map(len, stop), default=0))


# --------------------------------------------------------------------------- entry point


def count_terms(outline: Outline, lexicon: TermsLexicon) -> list[Term]:
    """Count terms per section of ``outline``, sorted by (doc_id, section_id, term)."""
    columns = term_columns(outline, lexicon)
    return [Term(doc_id=doc_id, section_id=section_id, term=term, occurrences=n)
            for doc_id, section_id, term, n in zip(*columns.values())]


def term_columns(outline: Outline, lexicon: TermsLexicon) -> dict[str, list]:
    """``count_terms`` as columns of the terms table (doc_id, section_id, term, occurrences).

    The build writes these straight to Arrow: a document has thousands of term rows, and
    a row object for each is most of the cost of writing them.
    """
    words: dict[str | None, Counter[str]] = {}
    for section_id, text in _counted_texts(outline):
        words.setdefault(section_id, Counter()).update(cut(unicodedata.normalize("NFKC", text), lexicon))
    section_ids: list[str | None] = []
    terms: list[str] = []
    counts: list[int] = []
    for section_id in sorted(words, key=lambda s: (s is None, s or "")):      # the table's order: null last
        section_counts = sorted(_term_counts(words[section_id], lexicon).items())
        section_ids += [section_id] * len(section_counts)
        terms += [term for term, _ in section_counts]
        counts += [count for _, count in section_counts]
    return {"doc_id": [outline.doc_id] * len(terms), "section_id": section_ids, "term": terms, "occurrences": counts}


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
    # no longer than the longest stopword: a token of a million letters costs no more than a word
    for end in range(min(len(token) - MIN_TERM_LENGTH, lexicon.longest_stopword), MIN_TERM_LENGTH - 1, -1):
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


def _counted_texts(outline: Outline) -> Iterator[tuple[str | None, str]]:
    """(section_id, text) for every section title and every counted paragraph."""
    for section in outline.sections:
        yield section.section_id, section.title
    for paragraph in outline.paragraphs:
        if paragraph.kind in COUNTED_KINDS:
            yield paragraph.section_id, paragraph.text


# --------------------------------------------------------------------------- jieba


def cut(text: str, lexicon: TermsLexicon) -> list[str]:
    """jieba's words of ``text``: ``lexicon.tokenizer.lcut(text, HMM=USE_HMM)``, faster
    (``pipeline.tokenizer.cut_words``).

    >>> from pipeline.config import LEXICON_DIR
    >>> cut("推进人社数字化改革，5G 基站。", load_terms_lexicon(LEXICON_DIR))
    ['推进', '人社', '数字化改革', '，', '5G', ' ', '基站', '。']
    """
    return cut_words(text, lexicon.tokenizer, lexicon.dictionary)


def load_tokenizer(lexicon_dir: Path) -> jieba.Tokenizer:
    """The jieba tokenizer prepared with the user dictionary of ``lexicon_dir`` (checked), for
    extract's part-of-speech tagging (``pipeline.extract.words``, on its first phrase).

    Reads only the user dictionary; the tokenizer is the same object as
    ``load_terms_lexicon(lexicon_dir).tokenizer`` (``tokenizer.prepared_tokenizer``: one per
    process for the same entries and cache directory), so the build's terms and extract
    lexicons share one copy of jieba's dictionary. Read-only.
    """
    return prepared_tokenizer(_entries(read_user_words(Path(lexicon_dir) / USERDICT_FILE)))[0]


def _entries(words: tuple[UserWord, ...]) -> Entries:
    return tuple((w.word, w.freq, w.tag) for w in words)


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