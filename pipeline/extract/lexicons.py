"""The extract lexicons (``pipeline/lexicons/*.tsv``) read strictly into one ``Lexicon``.

``load_extract_lexicon(lexicon_dir)`` reads units.tsv, qualifiers.tsv, periods.tsv,
extract_roles.tsv, extract_nontargets.tsv, extract_subject.tsv, extract_scales.tsv,
extract_percent.tsv and extract_breaks.tsv through ``pipeline.lexicon.read_tsv``, one parser
per column: a bad cell, an unknown enum value, a pattern that does not compile or a duplicate
entry stops with one line (a ``RuleError``) naming the file, the line and the column. Nothing
is cached here: the caller loads the lexicon once and passes it to every function of the
package (``extract_targets(outline, lexicon)``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from pipeline.extract.clauses import Breaks, break_patterns
from pipeline.extract.words import Words
from pipeline.lexicon import Column, LexiconValueError, decimal, integer, non_empty, one_of, read_tsv, regex

UNITS_FILE = "units.tsv"
QUALIFIERS_FILE = "qualifiers.tsv"
PERIODS_FILE = "periods.tsv"
ROLES_FILE = "extract_roles.tsv"
NONTARGETS_FILE = "extract_nontargets.tsv"
SUBJECT_FILE = "extract_subject.tsv"
SCALES_FILE = "extract_scales.tsv"
PERCENT_FILE = "extract_percent.tsv"
BREAKS_FILE = "extract_breaks.tsv"
IMPLIED_UNITS_FILE = "extract_implied_units.tsv"
FILES = (UNITS_FILE, QUALIFIERS_FILE, PERIODS_FILE, ROLES_FILE, NONTARGETS_FILE, SUBJECT_FILE,
         SCALES_FILE, PERCENT_FILE, BREAKS_FILE, IMPLIED_UNITS_FILE)

EMITS = ("yes", "no", "decimal", "scaled")
POSITIONS = ("prefix", "suffix", "infix")
COMPARATORS = ("ge", "le", "gt", "lt", "approx", "eq")
STRENGTHS = ("strong", "weak", "scope")
PERIOD_TYPES = ("annual", "period_total", "at_date", "none")
YES_NO = ("yes", "no")
ROLE_SCOPES = ("before", "after", "section", "clause")
ROLES = ("baseline", "actual", "target")
SUBJECT_KINDS = ("lead", "link", "trail", "head", "stop", "edge", "source", "measure", "light",
                 "connector", "prefix", "qualify", "package", "bare", "name", "reach", "compare",
                 "stage")
BREAK_LEVELS = ("sentence", "clause", "phrase")
DEADLINE = re.compile(r"|plan|doc(?:[+-][0-9])?|fyp:\{[0-9]\}|\{[0-9]\}|(?:19|20)[0-9]{2}")


@dataclass(frozen=True)
class Unit:
    printed: str
    canonical: str
    factor: Decimal
    kind: str
    emit: str                           # yes | no | decimal (only numbers with a fraction) | scaled (only after 万/亿)

    def emits(self, number: Decimal, scaled: bool = False) -> bool:
        """Whether a number printed with this unit is a figure; ``scaled``: a scale word (万, 亿)
        or a Chinese numeral's own scale stands before the unit (22亿方, not 3方面)."""
        return (self.emit == "yes" or self.emit == "decimal" and number != number.to_integral_value()
                or self.emit == "scaled" and scaled)


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
    scope: str                          # before | after | section | clause
    pattern: re.Pattern
    role: str


@dataclass(frozen=True)
class PerWord:
    """百分之 / 千分之 (``extract_percent.tsv``): N per ``per`` in ``unit``; ``whole`` printed
    after it is the whole (百分之百 = 100)."""

    printed: str
    unit: str
    per: int
    whole: str


@dataclass(frozen=True)
class Lexicon:
    units: dict
    unit_re: re.Pattern
    rate_units: frozenset               # canonical units of rates and shares (never a count)
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
    light: tuple[str, ...]              # light verbs: a phrase after a figure opening with one is no noun
    connectors: tuple[str, ...]         # 至少有1所: a strong prefix one connector away
    scales: dict                        # 万 → 10000, 亿 → 100000000 … (printed → Decimal)
    scale_re: re.Pattern                # longest first
    per_words: dict                     # 百分之 → PerWord
    percent_re: re.Pattern              # 百分之N / 千分之N: groups (word, number)
    breaks: Breaks                      # sentence, clause and phrase breaks (``clauses``)
    words: Words                        # jieba for this lexicon's directory (built on first use)
    implied_units: tuple[tuple[str, str], ...] = ()   # (subject end, unit), longest end first
    list_prefix: tuple[str, ...] = ()   # 规模以上: opening a list before 分别, it qualifies every item
    qualify: tuple[str, ...] = ()       # 入选: after the noun of a count, says which things are counted
    package: tuple[str, ...] = ()       # 政策措施: counted by articles, its name printed before the count
    bare: tuple[str, ...] = ()          # 装机规模: a measure that does not say of what
    names: tuple[str, ...] = ()         # 全国重点实验室: opens with a lead word, kept whole
    reach: tuple[str, ...] = ()         # 惠及: a policy reaches the people its figure counts
    compare: tuple[str, ...] = ()       # 快于: the previous growth rate compared, in points
    stage: tuple[str, ...] = ()         # 新开工: a stage of building work, alone before a figure


def load_extract_lexicon(lexicon_dir: Path) -> Lexicon:
    """Read every extract lexicon in ``lexicon_dir`` strictly (see the module docstring)."""
    from pipeline.extract.numbers import RATE_KINDS, percent_pattern, rate_units

    def read(name: str, columns: Iterable[Column], key: tuple[str, ...]) -> list[dict]:
        return read_tsv(lexicon_dir / name, (*columns, Column("example", non_empty)), key=key)

    units = {}
    for row in read(UNITS_FILE, (Column("unit", non_empty), Column("canonical", non_empty),
                                 Column("factor", decimal), Column("kind", non_empty),
                                 Column("emit", one_of(*EMITS))), key=("unit",)):
        units[row["unit"]] = Unit(row["unit"], row["canonical"], row["factor"], row["kind"], row["emit"])
    qualifiers = tuple(
        Qualifier(row["qualifier"], row["position"], row["comparator"], row["strength"] == "strong",
                  row["strength"] == "scope")
        for row in read(QUALIFIERS_FILE, (Column("qualifier", non_empty), Column("position", one_of(*POSITIONS)),
                                          Column("comparator", one_of(*COMPARATORS)),
                                          Column("strength", one_of(*STRENGTHS))),
                        key=("qualifier", "position")))
    periods = tuple(
        PeriodCue(row["pattern"], row["period_type"], row["period"], row["deadline"], row["rank"],
                  row["carries"] == "yes")
        for row in read(PERIODS_FILE, (
            Column("pattern", regex), Column("period_type", one_of(*PERIOD_TYPES)), Column("period"),
            Column("deadline", _deadline), Column("rank", integer), Column("carries", one_of(*YES_NO))),
            key=("pattern",)))
    roles = tuple(
        RoleCue(row["scope"], row["pattern"], row["role"])
        for row in read(ROLES_FILE, (Column("scope", one_of(*ROLE_SCOPES)), Column("pattern", regex),
                                     Column("role", one_of(*ROLES))), key=("scope", "pattern")))
    nontargets = tuple(row["pattern"] for row in read(NONTARGETS_FILE, (Column("pattern", regex),),
                                                      key=("pattern",)))
    words: dict[str, list[str]] = {kind: [] for kind in SUBJECT_KINDS}
    for row in read(SUBJECT_FILE, (Column("kind", one_of(*SUBJECT_KINDS)), Column("word", non_empty)),
                    key=("kind", "word")):
        words[row["kind"]].append(row["word"])
    scales = {row["scale"]: row["factor"]
              for row in read(SCALES_FILE, (Column("scale", non_empty), Column("factor", _positive)),
                              key=("scale",))}
    per_words = {row["word"]: PerWord(row["word"], row["unit"], row["per"], row["whole"])
                 for row in read(PERCENT_FILE, (Column("word", non_empty), Column("unit", non_empty),
                                                Column("per", integer), Column("whole")), key=("word",))}
    levels: dict[str, list[str]] = {level: [] for level in BREAK_LEVELS}
    for row in read(BREAKS_FILE, (Column("char", _one_char), Column("level", one_of(*BREAK_LEVELS))),
                    key=("char",)):
        levels[row["level"]].append(row["char"])
    by_length = lambda items: tuple(sorted(items, key=lambda w: (-len(w), w)))  # noqa: E731
    return Lexicon(
        units=units, unit_re=_alternation(units), rate_units=rate_units(units.values(), RATE_KINDS),
        qualifiers=qualifiers,
        prefixes=tuple(sorted((q for q in qualifiers if q.position == "prefix"),
                              key=lambda q: (-len(q.printed), q.printed))),
        suffix_re=_alternation(q.printed for q in qualifiers if q.position == "suffix"),
        infix_re=_alternation(q.printed for q in qualifiers if q.position == "infix"),
        periods=periods, roles=roles, nontargets=nontargets,
        lead=by_length(words["lead"]), link=by_length(words["link"]),
        trail=by_length(words["trail"]), head=by_length(words["head"]),
        stop=by_length(words["stop"]), edge=by_length(words["edge"]),
        source=by_length(words["source"]), measure=by_length(words["measure"]),
        light=by_length(words["light"]), connectors=by_length(words["connector"]),
        list_prefix=by_length(words["prefix"]), qualify=by_length(words["qualify"]),
        package=by_length(words["package"]), bare=by_length(words["bare"]),
        names=by_length(words["name"]), reach=by_length(words["reach"]),
        compare=by_length(words["compare"]), stage=by_length(words["stage"]),
        scales=scales, scale_re=_alternation(scales),
        per_words=per_words, percent_re=percent_pattern(per_words),
        breaks=break_patterns(levels["sentence"], levels["clause"], levels["phrase"]),
        words=Words(lexicon_dir),
        implied_units=tuple(sorted(
            ((row["subject_end"], row["unit"]) for row in read(
                IMPLIED_UNITS_FILE, (Column("subject_end", non_empty), Column("unit", _known_unit(units))),
                key=("subject_end",))),
            key=lambda pair: (-len(pair[0]), pair[0]))))


def _known_unit(units: dict):
    canonical = sorted({u.canonical for u in units.values()})

    def parse(cell: str) -> str:
        if cell not in canonical:
            raise LexiconValueError(f"{cell!r} is not a canonical unit of {UNITS_FILE}")
        return cell
    return parse


def _alternation(words: Iterable[str]) -> re.Pattern:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in ordered))


def _deadline(cell: str) -> str:
    if not DEADLINE.fullmatch(cell):
        raise LexiconValueError(f"{cell!r} is not a deadline (empty, plan, doc, doc-1, doc+1, fyp:{{n}}, {{n}} or a year)")
    return cell


def _positive(cell: str) -> Decimal:
    value = decimal(cell)
    if value <= 0:
        raise LexiconValueError(f"{cell!r} is not a positive number")
    return value


def _one_char(cell: str) -> str:
    if len(cell) != 1:
        raise LexiconValueError(f"{cell!r} is not one character")
    return cell

