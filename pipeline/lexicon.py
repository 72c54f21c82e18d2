"""Strict reading of the reviewed lexicons in ``pipeline/lexicons/``.

Every stage turns its lexicon files into frozen dataclasses through these two readers, so
that a malformed file stops the build with one line naming the file, the entry and what is
wrong (a ``RuleError``), never with a traceback:

* ``TomlTable``: checked access to a TOML table; a missing key, a value of the wrong type, a
  pattern that does not compile or a key nobody reads is an error.
* ``read_tsv``: TSV rows checked cell by cell with a parser per column, duplicates refused.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from pipeline.errors import RuleError
from pipeline.tsv import tsv_rows


class LexiconValueError(ValueError):
    """Raised by a cell parser; the reader adds the file, line and column."""


# --------------------------------------------------------------------------- TOML


class TomlTable:
    """One TOML table read through checked accessors.

    >>> t = TomlTable({"max_chars": 30}, "heading_cues.toml", "bare")
    >>> t.int("max_chars")
    30
    >>> t.int("min_han")
    Traceback (most recent call last):
    ...
    pipeline.errors.RuleError: heading_cues.toml [bare] min_han: missing key
    """

    def __init__(self, data: dict, file: str, where: str = ""):
        if not isinstance(data, dict):
            raise RuleError(self._name(file, where), "must be a table")
        self.data, self.file, self.where = data, file, where
        self.read: set[str] = set()

    @staticmethod
    def _name(file: str, where: str, key: str = "") -> str:
        name = f"{file} [{where}]" if where else file
        return f"{name} {key}" if key else name

    def error(self, key: str, problem: str) -> RuleError:
        return RuleError(self._name(self.file, self.where, key), problem)

    def _get(self, key: str, kind: type | tuple, what: str) -> Any:
        self.read.add(key)
        if key not in self.data:
            raise self.error(key, "missing key")
        value = self.data[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.error(key, f"must be {what}, found {value!r}")
        if not isinstance(value, kind):
            raise self.error(key, f"must be {what}, found {value!r}")
        return value

    def has(self, key: str) -> bool:
        return key in self.data

    def flag(self, key: str, default: bool = False) -> bool:
        """An optional boolean: ``default`` when the key is absent, true or false otherwise.

        >>> TomlTable({"weak": "yes"}, "html_chrome.toml", "metadata[4]").flag("weak")
        Traceback (most recent call last):
        ...
        pipeline.errors.RuleError: html_chrome.toml [metadata[4]] weak: must be true or false, found 'yes'
        """
        self.read.add(key)
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, found {value!r}")
        return value

    def str(self, key: str) -> str:
        return self._get(key, str, "a string")

    def int(self, key: str) -> int:
        return self._get(key, int, "an integer")

    def float(self, key: str) -> float:
        return float(self._get(key, (int, float), "a number"))

    def strs(self, key: str) -> tuple[str, ...]:
        values = self._get(key, list, "a list of strings")
        if not all(isinstance(v, str) for v in values):
            raise self.error(key, "must be a list of strings")
        return tuple(values)

    def pattern(self, key: str, substitutions: Optional[dict[str, str]] = None,
                text: Optional[str] = None) -> re.Pattern:
        """Compile ``key`` (or ``text`` read for it), with ``{name}`` placeholders filled."""
        raw = self.str(key) if text is None else text
        for name, value in (substitutions or {}).items():
            raw = raw.replace("{" + name + "}", value)
        try:
            return re.compile(raw)
        except re.error as exc:
            raise self.error(key, f"pattern does not compile: {exc}") from exc

    def table(self, key: str) -> "TomlTable":
        value = self._get(key, dict, "a table")
        where = f"{self.where}.{key}" if self.where else key
        return TomlTable(value, self.file, where)

    def tables(self, key: str) -> list["TomlTable"]:
        values = self._get(key, list, "an array of tables")
        where = f"{self.where}.{key}" if self.where else key
        return [TomlTable(v, self.file, f"{where}[{i}]") for i, v in enumerate(values)]

    def examples(self) -> dict[str, str]:
        """The ``example*`` strings of this table (read, so they count as known keys)."""
        return {k: self.str(k) for k in sorted(self.data) if k.startswith("example")}

    def check_no_unknown_keys(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            raise self.error(unknown[0], "unknown key (misspelt? every key of this file is read "
                                         "by the pipeline)")


def read_toml(path: Path) -> TomlTable:
    """The document table of a TOML lexicon; a syntax error is one line too."""
    try:
        with open(path, "rb") as handle:
            return TomlTable(tomllib.load(handle), path.name)
    except OSError as exc:
        raise RuleError(path.name, f"cannot read: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(path.name, f"not valid TOML: {exc}") from exc


# --------------------------------------------------------------------------- TSV


@dataclass(frozen=True)
class Column:
    """One TSV column: its header name and the parser of its cells."""

    name: str
    parse: Callable[[str], Any] = str


def read_lines(path: Path) -> list[str]:
    """The lines of a lexicon file; an unreadable or non-UTF-8 file is one RuleError line."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RuleError(path.name, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RuleError(path.name, f"not UTF-8: {exc.reason} at byte {exc.start}") from exc


def read_tsv(path: Path, columns: Iterable[Column], key: Optional[tuple[str, ...]] = None
             ) -> list[dict[str, Any]]:
    """Rows of a TSV lexicon as dicts of parsed cells, in file order.

    A bad cell gives ``units.tsv:12 factor: 'x' is not a number``; with ``key``, two rows
    with the same key cells give ``units.tsv:40 unit: duplicate entry '万人' (first at line 9)``.
    Key cells are compared as printed (a pattern column is a duplicate when its text is).
    """
    return [row for _, row in tsv_records(read_lines(path), columns, path.name, key)]


def tsv_records(lines: Iterable[str], columns: Iterable[Column], name: str,
                key: Optional[tuple[str, ...]] = None) -> list[tuple[int, dict[str, Any]]]:
    """``read_tsv`` on lines already read (``name`` is the file named in errors), each row
    with its 1-based line number, for checks that span several cells of a row.

    >>> tsv_records(["word\\trank", "就业\\t1"], [Column("word"), Column("rank", integer)], "ranks.tsv")
    [(2, {'word': '就业', 'rank': 1})]
    """
    columns = tuple(columns)
    names = tuple(c.name for c in columns)
    rows, seen = [], {}
    for line_no, cells in tsv_rows(lines, names, name):
        printed = dict(zip(names, cells))
        row = {}
        for column, cell in zip(columns, cells):
            try:
                row[column.name] = column.parse(cell)
            except (LexiconValueError, ValueError, InvalidOperation) as exc:
                problem = str(exc) if isinstance(exc, LexiconValueError) else f"bad value {cell!r}"
                raise RuleError(f"{name}:{line_no} {column.name}", problem) from None
        if key:
            k = tuple(printed[n] for n in key)
            if k in seen:
                shown = k[0] if len(k) == 1 else k
                raise RuleError(f"{name}:{line_no} {key[0]}",
                                f"duplicate entry {shown!r} (first at line {seen[k]})")
            seen[k] = line_no
        rows.append((line_no, row))
    return rows


# --------------------------------------------------------------------------- cell parsers


def required(cell: str) -> str:
    """The cell stripped; an empty one is an error."""
    cell = cell.strip()
    if not cell:
        raise LexiconValueError("required, found an empty cell")
    return cell


def non_empty(cell: str) -> str:
    if not cell.strip():
        raise LexiconValueError("empty cell")
    return cell


def decimal(cell: str) -> Decimal:
    try:
        value = Decimal(cell)
    except InvalidOperation:
        raise LexiconValueError(f"{cell!r} is not a number") from None
    if not value.is_finite():
        raise LexiconValueError(f"{cell!r} is not a finite number")
    return value


def integer(cell: str) -> int:
    if not re.fullmatch(r"-?[0-9]+", cell.strip()):
        raise LexiconValueError(f"{cell!r} is not an integer")
    return int(cell)


def one_of(*allowed: str) -> Callable[[str], str]:
    def parse(cell: str) -> str:
        if cell not in allowed:
            raise LexiconValueError(f"{cell!r} is not one of {', '.join(allowed)}")
        return cell
    parse.__name__ = f"one_of({', '.join(allowed)})"
    return parse


def regex(cell: str) -> re.Pattern:
    try:
        return re.compile(cell)
    except re.error as exc:
        raise LexiconValueError(f"pattern {cell!r} does not compile: {exc}") from None
