"""Figures and indicator-table rows → catalogue indicator ids (``lexicons/indicator_catalog.tsv``).

Entry functions, each on plain rows:

* ``load_indicator_catalog(lexicon_dir)`` → ``IndicatorCatalog`` (the reviewed catalogue and the
  units lexicon it is checked against), loaded once per build.
* ``match_indicator(subject, unit, catalog)`` → ``IndicatorMatch | None``: the entry whose
  spelling matches the whole subject and whose unit family holds the unit's kind.
* ``label_targets(targets, paragraph_texts, catalog)`` → targets with ``indicator_id`` and
  ``scope``; ``label_indicators(rows, catalog)`` → indicator-table rows with the same.
* ``label_outline(outline, targets, catalog)``: both, for one document (what the build calls).
* ``catalog_rows(catalog)`` → the rows of the ``indicator_catalog`` table.

What decides a match is the extracted ``subject`` (or a table row's name) and its unit, never
words elsewhere in the text: a subject no spelling matches in full, or a unit outside the
entry's family (城镇新增就业 in % is not new_urban_jobs), keeps a null id. Nothing is
forced into the nearest entry.

Scope. An indicator stated for parts of the population keeps its id; ``scope`` says which
part, from the entry's ``scopes`` (a prefix of the subject: 城镇常住居民… → 城镇). A subject
naming both parts (城乡居民…, 城镇、农村居民…) is ``城乡``; when it governs a list under 分别
(城乡居民人均可支配收入分别增长5%、6.5%左右; 从46503元和16935元分别提高到…), the two figures are
城镇 and 农村, in that order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path
from typing import Iterable, Mapping, Optional

from pipeline.errors import RuleError
from pipeline.lexicon import Column, LexiconValueError, non_empty, one_of, read_tsv, regex, required
from pipeline.model import Indicator, IndicatorCatalogEntry, Outline, Target

CATALOG_FILE = "indicator_catalog.tsv"
UNITS_FILE = "units.tsv"
SCALES_FILE = "extract_scales.tsv"
KINDS = ("level", "growth", "share", "reduction", "count")
BOTH_PARTS, PARTS = "城乡", ("城镇", "农村")
RESPECTIVELY = "分别"
RESPECTIVELY_WINDOW = 12        # 分别 within this many characters before the first figure


@dataclass(frozen=True)
class CatalogEntry:
    indicator_id: str
    name: str
    kind: str
    unit_family: tuple[str, ...]            # kinds of units.tsv
    higher_is_better: Optional[bool]
    spellings: re.Pattern                   # must match the whole subject
    scopes: tuple[tuple[str, re.Pattern], ...]   # (scope, pattern matched at the subject's start)
    example: str


@dataclass(frozen=True)
class IndicatorCatalog:
    entries: tuple[CatalogEntry, ...]
    unit_kinds: Mapping[str, str]           # canonical and printed unit → its kind (units.tsv)
    scales: tuple[str, ...]                 # scale words, longest first (万人 → 人)


@dataclass(frozen=True)
class IndicatorMatch:
    indicator_id: str
    scope: Optional[str]


# --------------------------------------------------------------------------- loading


def load_indicator_catalog(lexicon_dir: Path) -> IndicatorCatalog:
    """Read the catalogue strictly; a malformed entry is one RuleError line naming it."""
    lexicon_dir = Path(lexicon_dir)
    unit_kinds: dict[str, str] = {}
    for row in read_tsv(lexicon_dir / UNITS_FILE, (Column("unit"), Column("canonical"), Column("factor"),
                                                   Column("kind"), Column("emit"), Column("example"))):
        unit_kinds.setdefault(row["unit"], row["kind"])
        unit_kinds.setdefault(row["canonical"], row["kind"])
    scales = tuple(sorted((row["scale"] for row in read_tsv(
        lexicon_dir / SCALES_FILE, (Column("scale"), Column("factor"), Column("example")))),
        key=lambda s: (-len(s), s)))
    families = sorted(set(unit_kinds.values()))
    entries = tuple(CatalogEntry(**row) for row in read_tsv(lexicon_dir / CATALOG_FILE, (
        Column("indicator_id", _identifier), Column("name", required), Column("kind", one_of(*KINDS)),
        Column("unit_family", _family(families)), Column("higher_is_better", _yes_no_empty),
        Column("spellings", regex), Column("scopes", _scopes), Column("example", non_empty)),
        key=("indicator_id",)))
    _check_unique_names(entries)
    return IndicatorCatalog(entries=entries, unit_kinds=unit_kinds, scales=scales)


def _identifier(cell: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", cell):
        raise LexiconValueError(f"{cell!r} is not an id (lower-case letters, digits, _)")
    return cell


def _family(known: list[str]):
    def parse(cell: str) -> tuple[str, ...]:
        kinds = tuple(cell.split("|"))
        unknown = [k for k in kinds if k not in known]
        if unknown:
            raise LexiconValueError(f"{unknown[0]!r} is not a unit kind of {UNITS_FILE}")
        return kinds
    return parse


def _yes_no_empty(cell: str) -> Optional[bool]:
    return {"yes": True, "no": False, "": None}[one_of("yes", "no", "")(cell)]


def _scopes(cell: str) -> tuple[tuple[str, re.Pattern], ...]:
    """``城乡=城乡|城镇[、和]农村; 城镇=城镇; 农村=农村|农民`` → (scope, pattern) in order."""
    scopes = []
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        scope, equals, pattern = part.partition("=")
        if not equals or scope not in (BOTH_PARTS, *PARTS):
            raise LexiconValueError(f"{part!r} is not scope=pattern with scope 城乡, 城镇 or 农村")
        scopes.append((scope, regex(pattern)))
    return tuple(scopes)


def _check_unique_names(entries: tuple[CatalogEntry, ...]) -> None:
    """One canonical name per indicator (overlapping spellings: tests/test_catalog.py checks that
    no figure of the examples and the work reports fits two entries)."""
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.name in seen:
            raise RuleError(f"{CATALOG_FILE} {entry.indicator_id}",
                            f"name {entry.name!r} is also the name of {seen[entry.name]}")
        seen[entry.name] = entry.indicator_id


# --------------------------------------------------------------------------- matching


def match_indicator(subject: Optional[str], unit: Optional[str], catalog: IndicatorCatalog
                    ) -> Optional[IndicatorMatch]:
    """The catalogue entry of a figure, from its subject and (base) unit, or None.

    >>> match_indicator("城镇常住居民人均可支配收入", "%", CATALOG)
    IndicatorMatch(indicator_id='income_growth', scope='城镇')
    >>> match_indicator("城镇新增就业", "%", CATALOG) is None     # a count is never a percentage
    True
    """
    entry = next(iter(matching_entries(subject, unit, catalog)), None)
    return IndicatorMatch(entry.indicator_id, _scope(entry, subject.strip())) if entry else None


def matching_entries(subject: Optional[str], unit: Optional[str], catalog: IndicatorCatalog
                     ) -> list[CatalogEntry]:
    """Every entry the subject and unit fit, in file order (the tests keep it to one)."""
    if not subject or not unit:
        return []
    kind = catalog.unit_kinds.get(unit)
    subject = subject.strip()
    return [e for e in catalog.entries if kind in e.unit_family and e.spellings.fullmatch(subject)]


def _scope(entry: CatalogEntry, subject: str) -> Optional[str]:
    return next((scope for scope, pattern in entry.scopes if pattern.match(subject)), None)


def base_unit(printed: Optional[str], catalog: IndicatorCatalog) -> Optional[str]:
    """A table's unit as printed (万人, 亿元) → the unit without its scale (人, 元).

    >>> base_unit("万人", CATALOG), base_unit("%", CATALOG)
    ('人', '%')
    """
    if not printed:
        return None
    printed = printed.strip()
    if printed in catalog.unit_kinds:
        return printed
    scale = next((s for s in catalog.scales if printed.startswith(s)), "")
    return printed[len(scale):] or None


# --------------------------------------------------------------------------- rows


def label_targets(targets: Iterable[Target], paragraph_texts: Mapping[str, str],
                  catalog: IndicatorCatalog) -> list[Target]:
    """``targets`` with ``indicator_id`` and ``scope`` set (``paragraph_texts``: para_id → text,
    to see a 分别 that splits a 城乡 subject into its two parts)."""
    targets = list(targets)
    labelled = []
    for target in targets:
        found = match_indicator(target.subject, target.unit, catalog)
        labelled.append(replace(target, indicator_id=found.indicator_id if found else None,
                                scope=found.scope if found else None))
    return _split_both_parts(labelled, paragraph_texts)


def _split_both_parts(targets: list[Target], paragraph_texts: Mapping[str, str]) -> list[Target]:
    """Exactly two consecutive figures of one 城乡 subject under 分别 → 城镇, then 农村 (a run of
    three or more is no list of the two parts: all keep 城乡)."""
    out: list[Target] = []
    for key, run in groupby(targets, key=_both_parts_run):
        run = list(run)
        if key is not None and len(run) == 2 and _respectively(*run, paragraph_texts.get(run[0].para_id, "")):
            run = [replace(run[0], scope=PARTS[0]), replace(run[1], scope=PARTS[1])]
        out.extend(run)
    return out


def _both_parts_run(target: Target) -> Optional[tuple]:
    """What consecutive figures of one 城乡 subject share; None for any other figure."""
    if target.scope != BOTH_PARTS:
        return None
    return (target.para_id, target.subject, target.indicator_id)


def _respectively(first: Target, second: Target, text: str) -> bool:
    """分别 just before the pair (…收入分别增长5%、6.5%) or right after it (…从46503元和16935元分别提高到…)."""
    return (RESPECTIVELY in text[max(0, first.char_start - RESPECTIVELY_WINDOW):first.char_start]
            or text[second.char_end:].startswith(RESPECTIVELY))


def label_indicators(rows: Iterable[Indicator], catalog: IndicatorCatalog) -> list[Indicator]:
    """Indicator-table rows with ``indicator_id`` and ``scope`` from their name and unit."""
    labelled = []
    for row in rows:
        found = match_indicator(row.name, base_unit(row.unit, catalog), catalog)
        labelled.append(replace(row, indicator_id=found.indicator_id if found else None,
                                scope=found.scope if found else None))
    return labelled


def label_outline(outline: Outline, targets: Iterable[Target], catalog: IndicatorCatalog
                  ) -> tuple[list[Target], list[Indicator]]:
    """The catalogue stage of one document: its targets and its indicator-table rows labelled."""
    texts = {paragraph.para_id: paragraph.text for paragraph in outline.paragraphs}
    return label_targets(targets, texts, catalog), label_indicators(outline.indicators, catalog)


def catalog_rows(catalog: IndicatorCatalog) -> list[IndicatorCatalogEntry]:
    """The ``indicator_catalog`` table: one row per entry, in lexicon order."""
    return [IndicatorCatalogEntry(
        indicator_id=e.indicator_id, name=e.name, kind=e.kind, unit_family=list(e.unit_family),
        higher_is_better=e.higher_is_better, spellings=e.spellings.pattern,
        scopes=[scope for scope, _ in e.scopes], example=e.example) for e in catalog.entries]
