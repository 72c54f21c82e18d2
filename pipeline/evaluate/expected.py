"""The answer keys the evaluation scores against, each written by reading the source text.

* ``<name>.outline`` (segment corpora): ``H <level> <number or -> <title>`` headings,
  ``C <label> | <title> | <n items>`` 专栏 followed by ``- <item_no> <title>`` items (an item
  printed without a title, "■湖北孝感…仍未取得许可证。", is written with its whole text),
  ``I <name> | <unit or -> | <value> …`` indicator rows, ``F <key> <value>`` front matter.
* ``<name>.json`` (tests/fixtures/targets): one row per figure a reader finds.
* ``headline_targets.tsv`` (work reports): the headline targets of each report.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


@dataclass
class ExpectedOutline:
    headings: list[tuple[int, Optional[str], str]] = field(default_factory=list)
    columns: list[tuple[str, str, int]] = field(default_factory=list)
    items: list[tuple[str, int, str]] = field(default_factory=list)
    indicators: list[tuple[str, Optional[str], tuple[str, ...]]] = field(default_factory=list)
    front: dict[str, str] = field(default_factory=dict)


def parse_outline(path: Path) -> ExpectedOutline:
    expected = ExpectedOutline()
    label = None
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        tag, rest = line.split(" ", 1)
        if tag == "H":
            level, number, title = rest.split(" ", 2)
            expected.headings.append((int(level), None if number == "-" else number, title))
        elif tag == "C":
            label, title, n_items = (part.strip() for part in rest.split("|"))
            expected.columns.append((label, title, int(n_items)))
        elif tag == "-":
            item_no, title = rest.split(" ", 1)
            expected.items.append((label, int(item_no), title))
        elif tag == "I":
            cells = [cell.strip() for cell in rest.split("|")]
            expected.indicators.append((cells[0], None if cells[1] == "-" else cells[1],
                                        tuple(cells[2:])))
        elif tag == "F":
            key, value = rest.split(" ", 1)
            expected.front[key] = value
        else:
            raise ValueError(f"{path}:{line_no}: unknown line {line!r}")
    return expected


@dataclass(frozen=True)
class ExpectedFigure:
    """One figure of an answer key; ``None`` fields are not scored."""

    line: int
    mention: str
    occurrence: int                       # 0 = first occurrence of mention on the line
    count_glued: bool = True              # False: occurrences right after a digit or "." skipped
    value: Optional[float] = None
    number: Optional[float] = None
    number_high: Optional[float] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    comparator: Optional[str] = None
    period: Optional[tuple] = None        # (period, period_type)
    deadline: Optional[int] = None        # the deadline year of an at_date figure (到2025年)
    year: Optional[int] = None            # the year the figure refers to
    year_from: Optional[int] = None       # its first year when it refers to a span (十四五期间: 2021)
    scores_year_from: bool = False        # False: the key states no span (work reports), not checked
    subjects: Optional[tuple[str, ...]] = None
    role: Optional[str] = None
    indicator: Optional[tuple] = None     # (indicator_id, scope) of the catalogue
    scored: tuple[str, ...] = ()          # the fields this key states


REVIEWED_FIELDS = ("value", "unit", "qualifier", "period", "deadline", "subject", "role")


def reviewed_figures(path: Path) -> tuple[dict, list[ExpectedFigure]]:
    """A key's rows; a row with a ``year`` (the reference year a reader gives the figure:
    到2025年 -> 2025, 十四五期间 -> 2025 with ``year_from`` 2021, none stated -> null) also
    scores the year. Keys written before the year was read have none: their scores stay."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    figures = [ExpectedFigure(
        line=row["line"], mention=row["mention"], occurrence=row.get("nth", 0),
        value=row["value"], unit=row["unit"], qualifier=row["qualifier"],
        comparator=row["comparator"], period=(row["period"], row["period_type"]),
        deadline=row["deadline_year"], subjects=tuple(row["subject"]), role=row["role"],
        year=row.get("year"), year_from=row.get("year_from"), scores_year_from="year" in row,
        scored=REVIEWED_FIELDS + (("year",) if "year" in row else ()))
        for row in spec["expected"]]
    return spec, figures


OCCURRENCE = re.compile(r"\[occ (\d+)/\d+\]")
SCALE_PREFIX = re.compile(r"^(?:万亿|亿|万|千|百)(?=.)")


def unit_without_scale(unit: str) -> Optional[str]:
    """The table writes units as printed (万人); targets keep the scale apart (人, 10^4).

    >>> unit_without_scale("万人"), unit_without_scale("万吨"), unit_without_scale("%")
    ('人', '吨', '%')
    """
    return SCALE_PREFIX.sub("", unit) or None


HEADLINE_SCOPES = {"urban:": "城镇", "rural:": "农村"}     # notes of split income targets


def headline_figures(path: Path, year: int) -> dict[str, list[ExpectedFigure]]:
    """province -> the numeric headline targets (rows without a number are predicates)."""
    out: dict[str, list[ExpectedFigure]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if not row["number"]:
                continue
            occ = OCCURRENCE.search(row["notes"])
            low, _, high = row["number"].partition("-")
            out.setdefault(row["province"], []).append(ExpectedFigure(
                line=int(row["line"]), mention=row["mention"],
                occurrence=int(occ.group(1)) - 1 if occ else 0, count_glued=False,
                number=float(low), number_high=float(high) if high else None,
                unit=unit_without_scale(row["unit"]) if row["unit"] else None,
                qualifier=row["qualifier"] or None, year=year, role="target",
                indicator=(row["indicator"], HEADLINE_SCOPES.get(row["notes"].split(" ", 1)[0])),
                scored=("value", "unit", "qualifier", "year", "role", "indicator")))
    return out


def roles_years_figures(path: Path) -> list[ExpectedFigure]:
    """``reviewed-roles-years/<doc>.tsv``: the right role, year and year_from of every figure
    (``role_right``, ``year_right``, ``year_from_right``; the subject where ``subject_ok``
    states it); the n-th row of a mention on a line is its n-th occurrence there."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    seen: dict[tuple[int, str], int] = {}
    figures = []
    for row in rows:
        key = (int(row["line"]), row["mention"])
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        if NOT_A_FIGURE.search(row.get("reason") or ""):
            continue                      # a threshold or a class: extracted, it is spurious
        year = int(row["year_right"]) if row["year_right"] else None
        year_from = int(row["year_from_right"]) if row["year_from_right"] else None
        subject = _reviewed_subject(row)
        figures.append(ExpectedFigure(line=key[0], mention=key[1], occurrence=occurrence, count_glued=False,
                                      year=year, year_from=year_from, scores_year_from=True,
                                      role=row["role_right"], subjects=(subject,) if subject else None,
                                      scored=("year", "role") + (("subject",) if subject else ())))
    return figures


SUBJECT_NOTE = re.compile(r"subject: (.+?)\s*$")
NOT_A_FIGURE = re.compile(r"subject: not a figure")


def _reviewed_subject(row: dict) -> Optional[str]:
    """The right subject of a row whose key states one (``subject_ok``): the pipeline's when
    it was right, else the one written after ``subject:`` in the reason; none for a row that
    is no figure (a threshold, a size class) or a key without the column."""
    verdict = row.get("subject_ok") or ""
    if verdict == "yes":
        return row["subject_now"] or None
    if verdict != "no":
        return None
    found = SUBJECT_NOTE.search(row.get("reason") or "")
    if not found or found.group(1).startswith("not a figure"):
        return None
    return found.group(1).split("（")[0].strip() or None
