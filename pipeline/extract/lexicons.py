"""The extract lexicons (``pipeline/lexicons/*.tsv``) as typed rows, loaded once per process.

``lexicon()`` reads units.tsv, qualifiers.tsv, periods.tsv, extract_roles.tsv,
extract_nontargets.tsv and extract_subject.tsv into one ``Lexicon``; every other module of
the package takes it as an argument (or calls ``lexicon()``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterable

from pipeline.config import LEXICON_DIR
from pipeline.errors import RuleError
from pipeline.tsv import tsv_rows

UNITS_FILE = "units.tsv"
QUALIFIERS_FILE = "qualifiers.tsv"
PERIODS_FILE = "periods.tsv"
ROLES_FILE = "extract_roles.tsv"
NONTARGETS_FILE = "extract_nontargets.tsv"
SUBJECT_FILE = "extract_subject.tsv"


@dataclass(frozen=True)
class Unit:
    printed: str
    canonical: str
    factor: Decimal
    kind: str
    emit: str                           # yes | no | decimal (only numbers with a fraction)

    def emits(self, number: Decimal) -> bool:
        return self.emit == "yes" or self.emit == "decimal" and number != number.to_integral_value()


@dataclass(frozen=True)
class Qualifier:
    printed: str
    position: str                       # prefix | suffix | infix
    comparator: str
    strong: bool
    scope: bool = False                 # 力争: governs the later items of its clause too


@dataclass(frozen=True)
class PeriodCue:
    pattern: re.Pattern
    period_type: str                    # annual | period_total | at_date | none
    period: str
    deadline: str
    rank: int
    carries: bool


@dataclass(frozen=True)
class RoleCue:
    scope: str                          # before | section | sentence
    pattern: re.Pattern
    role: str


@dataclass(frozen=True)
class Lexicon:
    units: dict
    unit_re: re.Pattern
    qualifiers: tuple[Qualifier, ...]
    prefixes: tuple[Qualifier, ...]     # longest first
    suffix_re: re.Pattern
    infix_re: re.Pattern
    periods: tuple[PeriodCue, ...]
    roles: tuple[RoleCue, ...]
    nontargets: tuple[re.Pattern, ...]
    lead: tuple[str, ...]
    link: tuple[str, ...]
    trail: tuple[str, ...]
    head: tuple[str, ...]
    stop: tuple[str, ...]
    edge: tuple[str, ...]               # function characters cut from a subject's end (…用户数要)
    source: tuple[str, ...]             # 从/由: a baseline starts; the subject ends before it
    measure: tuple[str, ...]            # nouns that end a measured subject (比例, 率)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All extract lexicons, loaded once."""
    units = {}
    for row in _rows(UNITS_FILE, ("unit", "canonical", "factor", "kind", "emit", "example")):
        units[row["unit"]] = Unit(row["unit"], row["canonical"], Decimal(row["factor"]),
                                  row["kind"], row["emit"])
    qualifiers = tuple(
        Qualifier(row["qualifier"], row["position"], row["comparator"], row["strength"] == "strong",
                  row["strength"] == "scope")
        for row in _rows(QUALIFIERS_FILE,
                         ("qualifier", "position", "comparator", "strength", "example")))
    periods = tuple(
        PeriodCue(_compile(PERIODS_FILE, row["pattern"]), row["period_type"], row["period"],
                  row["deadline"], int(row["rank"]), row["carries"] == "yes")
        for row in _rows(PERIODS_FILE,
                         ("pattern", "period_type", "period", "deadline", "rank", "carries", "example")))
    roles = tuple(
        RoleCue(row["scope"], _compile(ROLES_FILE, row["pattern"]), row["role"])
        for row in _rows(ROLES_FILE, ("scope", "pattern", "role", "example")))
    nontargets = tuple(_compile(NONTARGETS_FILE, row["pattern"])
                       for row in _rows(NONTARGETS_FILE, ("pattern", "example")))
    words: dict[str, list[str]] = {"lead": [], "link": [], "trail": [], "head": [], "stop": [],
                                   "edge": [], "source": [], "measure": []}
    for row in _rows(SUBJECT_FILE, ("kind", "word", "example")):
        if row["kind"] not in words:
            raise RuleError(SUBJECT_FILE, f"unknown kind {row['kind']!r}")
        words[row["kind"]].append(row["word"])
    by_length = lambda items: tuple(sorted(items, key=lambda w: (-len(w), w)))  # noqa: E731
    return Lexicon(
        units=units, unit_re=_alternation(units),
        qualifiers=qualifiers,
        prefixes=tuple(sorted((q for q in qualifiers if q.position == "prefix"),
                              key=lambda q: (-len(q.printed), q.printed))),
        suffix_re=_alternation(q.printed for q in qualifiers if q.position == "suffix"),
        infix_re=_alternation(q.printed for q in qualifiers if q.position == "infix"),
        periods=periods, roles=roles, nontargets=nontargets,
        lead=by_length(words["lead"]), link=by_length(words["link"]),
        trail=by_length(words["trail"]), head=by_length(words["head"]),
        stop=by_length(words["stop"]), edge=by_length(words["edge"]),
        source=by_length(words["source"]), measure=by_length(words["measure"]))


def _alternation(words: Iterable[str]) -> re.Pattern:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in ordered))


def _compile(name: str, pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise RuleError(name, f"bad pattern {pattern!r}: {error}") from error


def _rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Data rows of a TSV lexicon as dicts (see pipeline.tsv)."""
    lines = (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
    return [dict(zip(columns, cells)) for _, cells in tsv_rows(lines, columns, name)]
