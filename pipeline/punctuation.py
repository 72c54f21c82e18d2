"""Punctuation restoration: ASCII ``, ; : ? ! ( )`` standing in Chinese context become the
mainland full-width forms ``， ； ： ？ ！ （ ）`` (step 5 of ``pipeline.normalize``).

    table = load_punct_table(lexicon_dir / PUNCT_TABLE_FILE)       # or NormalizeLexicon.punctuation
    convert_punctuation(line, table) -> (line, conversions)

``lexicons/punctuation.tsv`` maps one character to one character, with the exceptions
7:25:68, 4,500, URLs and HTML entities; ``.`` is never touched. Each converted mark is
recorded as a :class:`~pipeline.model.Conversion` (rule ``punct.comma`` …). The table is an
explicit input: nothing here reads a file on its own or at import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pipeline.chars import HAN_RANGES
from pipeline.errors import RuleError
from pipeline.lexicon import Column, LexiconValueError, read_lines, required, tsv_records
from pipeline.model import Conversion

PUNCT_TABLE_FILE = "punctuation.tsv"
PUNCT_COLUMNS = ("ascii", "fullwidth", "rule_id", "context", "example", "kept_example")
PUNCT_CONTEXTS = ("adjacent", "not_between_digits", "not_in_grouped_number", "pair")

# a neighbour that puts ASCII punctuation in Chinese context: CJK ideographs, CJK symbols and
# punctuation (、。《》「」〔〕【】), full-width forms (，：（）％), and the curly quotes, dash and
# ellipsis Chinese shares with English typography (“十三五”, ——, ……)
CHINESE_CONTEXT_RE = re.compile(f"[{HAN_RANGES}\u3000-\u303f\uff01-\uff60"
                                "\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2014\u2026]")
# looked through to find the neighbour of , ; : ? ! — numbers and percentages (达到5.5%,实施)
NUMBER_CHARS = frozenset("0123456789.%")
# spans whose punctuation is kept: URLs (ending on a character that cannot be sentence
# punctuation: http://www.zj.gov.cn/col?id=1,2) and HTML entities (&nbsp; &#12288;)
PROTECTED_RE = re.compile(r"(?:(?:https?|ftp)://|www\.)[!-~]*[A-Za-z0-9/#=&_~+\-]"
                          r"|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);")
# a number grouped by thousands: 4,500 / 12,345,678 (not 1075,1400)
GROUPED_NUMBER_RE = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d])")
OPEN_BRACKETS = frozenset("(（")
CLOSE_BRACKETS = frozenset(")）")


@dataclass(frozen=True)
class PunctRule:
    """One row of the punctuation table (see the header of ``punctuation.tsv``)."""

    ascii: str
    fullwidth: str
    rule_id: str
    context: tuple[str, ...]
    example: str
    kept_example: str

    @property
    def is_bracket(self) -> bool:
        return "pair" in self.context


def _single_character(cell: str) -> str:
    if len(cell) != 1:
        raise LexiconValueError(f"ascii and fullwidth must be single characters, got {cell!r}")
    return cell


def _punct_context(cell: str) -> tuple[str, ...]:
    clauses = tuple(filter(None, (part.strip() for part in cell.split(";"))))
    unknown = [clause for clause in clauses if clause not in PUNCT_CONTEXTS]
    if unknown or not clauses:
        raise LexiconValueError(f"unknown context {cell!r} (known: {', '.join(PUNCT_CONTEXTS)})")
    return clauses


PUNCT_COLUMN_PARSERS = (Column("ascii", _single_character), Column("fullwidth", _single_character),
                        Column("rule_id", required), Column("context", _punct_context),
                        Column("example"), Column("kept_example"))
assert tuple(column.name for column in PUNCT_COLUMN_PARSERS) == PUNCT_COLUMNS


def parse_punct_table(lines: Iterable[str], name: str = PUNCT_TABLE_FILE) -> dict[str, PunctRule]:
    """ASCII character -> :class:`PunctRule`, from TSV lines (comments start with ``#``).

    One line per problem, naming file, line and column: ``punctuation.tsv:9 context:
    unknown context 'near' …``; an ASCII character listed twice is a duplicate entry.
    """
    rules: dict[str, PunctRule] = {}
    for line_no, row in tsv_records(lines, PUNCT_COLUMN_PARSERS, name, key=("ascii",)):
        ascii_char, clauses = row["ascii"], row["context"]
        if ("pair" in clauses) != (ascii_char in OPEN_BRACKETS | CLOSE_BRACKETS) or \
                ("pair" not in clauses and "adjacent" not in clauses):
            raise RuleError(f"{name}:{line_no} context",
                            f"{ascii_char!r}: brackets take context 'pair', other marks 'adjacent'")
        rules[ascii_char] = PunctRule(ascii_char, row["fullwidth"], row["rule_id"], clauses,
                                      row["example"], row["kept_example"])
    return rules


def load_punct_table(path: Path) -> dict[str, PunctRule]:
    """The punctuation table in ``path`` (checked; read each time it is called)."""
    return parse_punct_table(read_lines(path), path.name)



def _is_chinese(char: str) -> bool:
    return bool(char) and CHINESE_CONTEXT_RE.match(char) is not None


def _neighbour(chars: list[str], i: int, step: int) -> str:
    """The character next to ``chars[i]`` in direction ``step``, looking through numbers."""
    j = i + step
    while 0 <= j < len(chars) and chars[j] in NUMBER_CHARS:
        j += step
    return chars[j] if 0 <= j < len(chars) else ""


def _spans(pattern: re.Pattern, line: str) -> list[bool]:
    """True at every position inside a match of ``pattern``."""
    inside = [False] * len(line)
    for match in pattern.finditer(line):
        inside[match.start():match.end()] = [True] * (match.end() - match.start())
    return inside


def _mark_in_context(chars: list[str], i: int, rule: PunctRule, grouped: list[bool]) -> bool:
    """A , ; : ? ! that stands in Chinese context (rule exceptions first)."""
    if "not_in_grouped_number" in rule.context and grouped[i]:
        return False
    before = chars[i - 1] if i > 0 else ""
    after = chars[i + 1] if i + 1 < len(chars) else ""
    if "not_between_digits" in rule.context and before.isascii() and before.isdigit() \
            and after.isascii() and after.isdigit():
        return False
    return _is_chinese(_neighbour(chars, i, -1)) or _is_chinese(_neighbour(chars, i, 1))


def _bracket_pairs(chars: list[str], frozen: list[bool]) -> tuple[list[tuple[int, int]], list[int]]:
    """Matched (open, close) positions, ASCII or full-width, and the unmatched positions."""
    pairs: list[tuple[int, int]] = []
    unmatched: list[int] = []
    stack: list[int] = []
    for i, char in enumerate(chars):
        if frozen[i]:
            continue
        if char in OPEN_BRACKETS:
            stack.append(i)
        elif char in CLOSE_BRACKETS:
            if stack:
                pairs.append((stack.pop(), i))
            else:
                unmatched.append(i)
    return pairs, sorted(unmatched + stack)


def _pair_in_context(chars: list[str], start: int, end: int) -> bool:
    """Either bracket already full-width, Chinese content, or a Chinese character just outside."""
    if chars[start] == "（" or chars[end] == "）":
        return True
    if any(_is_chinese(char) for char in chars[start + 1:end]):
        return True
    return _is_chinese(chars[start - 1] if start > 0 else "") or \
        _is_chinese(chars[end + 1] if end + 1 < len(chars) else "")


def _convert_pass(chars: list[str], frozen: list[bool], grouped: list[bool],
                  table: dict[str, PunctRule]) -> list[int]:
    """Positions to convert in one pass over ``chars`` (brackets by pairs, then marks)."""
    positions: list[int] = []
    pairs, unmatched = _bracket_pairs(chars, frozen)
    for start, end in pairs:
        if _pair_in_context(chars, start, end):
            positions.extend(i for i in (start, end) if chars[i] in table)
    for i in unmatched:
        if chars[i] in table and (_is_chinese(chars[i - 1] if i > 0 else "")
                                  or _is_chinese(chars[i + 1] if i + 1 < len(chars) else "")):
            positions.append(i)
    for i, char in enumerate(chars):
        rule = table.get(char)
        if rule is not None and not rule.is_bracket and not frozen[i] \
                and _mark_in_context(chars, i, rule, grouped):
            positions.append(i)
    return positions


def convert_punctuation(line: str, punctuation: dict[str, PunctRule], doc_id: str = "",
                        line_no: int = 0) -> tuple[str, list[Conversion]]:
    """ASCII punctuation in Chinese context -> full-width, one character for one character.

    Repeated until nothing changes, so that a converted mark is context for its neighbours
    (the result does not change when converted again).

    >>> from pipeline.config import LEXICON_DIR
    >>> punctuation = load_punct_table(LEXICON_DIR / PUNCT_TABLE_FILE)
    >>> convert_punctuation("人才贡献率(%) 35.5,比例 7:25:68;注:〔 〕内为5年累计数", punctuation)[0]
    '人才贡献率（%） 35.5，比例 7:25:68；注：〔 〕内为5年累计数'
    """
    table = punctuation
    if not any(char in table for char in line):
        return line, []
    chars = list(line)
    frozen, grouped = _spans(PROTECTED_RE, line), _spans(GROUPED_NUMBER_RE, line)
    converted: list[int] = []
    while True:
        positions = _convert_pass(chars, frozen, grouped, table)
        if not positions:
            break
        for i in positions:
            chars[i] = table[chars[i]].fullwidth
        converted.extend(positions)
    conversions = [Conversion(doc_id, line_no, i, i + 1, line[i], chars[i], table[line[i]].rule_id)
                   for i in sorted(converted)]
    return "".join(chars), conversions

