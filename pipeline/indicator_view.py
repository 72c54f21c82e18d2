"""The comparison view: built tables → one row per document and indicator (``indicator_view``).

``indicator_view(targets, indicators=None, documents=None, indicator_id=None, year=None)``
takes rows of the targets table (columns of ``pipeline.model.Target``) and, optionally, of the
indicators and documents tables, and returns a DataFrame with one row per document,
indicator, scope, role and year: the first figure of that kind in document order (prose
before tables), with how many the document prints (``n_mentions``). Only figures with a
catalogue ``indicator_id`` are shown.

* ``unit`` is the unit as printed, its scale word included (68万人 → number 68, unit 万人;
  ``value`` is number × scale), so a row reads like the text.
* ``source`` is ``text`` (a figure of the prose, ``ref`` its target_id) or ``table`` (a cell of
  an indicator table, ``ref`` its row_id). A table cell's year is its column's (2025年); its
  role is its header's word when it has one (2020年目标 → target, 2020年完成情况 → actual), else
  read against the document's own year (``documents.doc_year``): a later year is a target, an
  earlier one the baseline. A cell with no year or no number, or of a document with no year, is
  left out; its qualifier is the sign or word printed with it (>99 → >, 35左右 → 左右).

    view = indicator_view(pd.read_parquet("normalized/targets.parquet"), indicator_id="gdp_growth", year=2026)
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping, Optional

import pandas as pd

from pipeline.config import LEXICON_DIR
from pipeline.lexicon import Column, read_tsv

SCALES_FILE = "extract_scales.tsv"
KEY = ["doc_id", "indicator_id", "scope", "role", "year"]
COLUMNS = KEY + ["number", "number_high", "unit", "qualifier", "value", "subject", "mention", "source", "ref",
                 "line", "n_mentions"]
TARGET_COLUMNS = ("doc_id", "target_id", "indicator_id", "scope", "role", "year", "number", "number_high",
                  "unit", "scale", "qualifier", "value", "subject", "mention", "line")
INDICATOR_COLUMNS = ("doc_id", "row_id", "indicator_id", "scope", "name", "unit", "headers", "years", "values",
                     "numbers", "line")
DTYPES = {**dict.fromkeys(COLUMNS, "string"), **dict.fromkeys(("number", "number_high", "value"), "Float64"),
          "year": "Int64", "line": "Int64", "n_mentions": "int64"}
HEADER_ROLES = (("目标", "target"), ("预期", "target"), ("完成", "actual"), ("实际", "actual"), ("实现", "actual"))
CELL_QUALIFIER = re.compile(r"^[〔\[]?([<>≤≥＜＞])|(左右|以上|以下|以内)[〕\]]?$")


def scale_words(lexicon_dir: Path = LEXICON_DIR) -> dict[float, str]:
    """Factor → scale word as printed (10000.0 → 万), from the extract lexicon."""
    rows = read_tsv(lexicon_dir / SCALES_FILE, (Column("scale"), Column("factor"), Column("example")))
    return {float(row["factor"]): row["scale"] for row in rows}


def printed_unit(unit: Optional[str], scale: Optional[float], words: Mapping[float, str]) -> Optional[str]:
    """The unit with its scale word (人, 10000 → 万人); a scale with no word (成 = 10) is not shown.

    >>> printed_unit("人", 10000.0, {10000.0: "万"}), printed_unit("%", 1.0, {10000.0: "万"})
    ('万人', '%')
    """
    if unit is None:
        return None
    return words.get(float(scale), "") + unit if scale and scale != 1 else unit


def indicator_view(targets: pd.DataFrame, indicators: Optional[pd.DataFrame] = None,
                   documents: Optional[pd.DataFrame] = None, indicator_id: Optional[str] = None,
                   year: Optional[int] = None, words: Optional[Mapping[float, str]] = None) -> pd.DataFrame:
    """One row per (doc_id, indicator_id, scope, role, year): the first such figure of each
    document (see the module docstring); ``indicator_id`` and ``year`` filter."""
    words = scale_words() if words is None else words
    rows = _text_rows(targets, words)
    cells = _table_rows(indicators, documents, words) if indicators is not None else None
    if cells is not None and len(cells):
        rows = pd.concat([rows, cells], ignore_index=True) if len(rows) else cells
    if indicator_id is not None:
        rows = rows[rows["indicator_id"] == indicator_id]
    if year is not None:
        rows = rows[rows["year"] == year]
    rows = rows.sort_values(["doc_id", "order", "ref", "cell"], kind="stable")
    grouped = rows.groupby(KEY, dropna=False, sort=False)
    first = grouped.head(1).copy()
    first["n_mentions"] = grouped["ref"].transform("size").loc[first.index].astype("int64")
    # prose and table rows bring None and NaN alike: one missing value (<NA>) for every column
    view = first[COLUMNS].astype(DTYPES)
    return view.sort_values(["indicator_id", "doc_id", "scope", "role", "year"],
                            na_position="first").reset_index(drop=True)


def _text_rows(targets: pd.DataFrame, words: Mapping[float, str]) -> pd.DataFrame:
    _check(targets, TARGET_COLUMNS, "targets")
    rows = targets[targets["indicator_id"].notna()]
    units = [printed_unit(u, s, words) for u, s in zip(_nullable(rows["unit"]), rows["scale"])]
    return pd.DataFrame({
        **{c: rows[c].tolist() for c in ("doc_id", "indicator_id", "scope", "role", "year", "number",
                                         "number_high", "qualifier", "value", "subject", "mention", "line")},
        "unit": units, "source": "text", "ref": rows["target_id"].tolist(), "order": 0, "cell": 0},
        columns=COLUMNS[:-1] + ["order", "cell"])


def _table_rows(indicators: pd.DataFrame, documents: Optional[pd.DataFrame],
                words: Mapping[float, str]) -> pd.DataFrame:
    """Each dated cell of a catalogued indicator-table row, with its role against the document's year."""
    _check(indicators, INDICATOR_COLUMNS, "indicators")
    doc_years = {} if documents is None else {
        d: y for d, y in zip(documents["doc_id"], documents["doc_year"]) if not pd.isna(y)}
    factors = {word: factor for factor, word in words.items()}
    cells = []
    for row in indicators[indicators["indicator_id"].notna()].itertuples(index=False):
        doc_year = doc_years.get(row.doc_id)
        headers = list(row.headers) or [""] * len(row.values)
        for k, (header, cell_year, printed, number) in enumerate(zip(headers, row.years, row.values, row.numbers)):
            if doc_year is None or cell_year is None or pd.isna(cell_year) or number is None or pd.isna(number):
                continue
            scale = _scale(row.unit, factors)
            cells.append({
                "doc_id": row.doc_id, "indicator_id": row.indicator_id, "scope": _none(row.scope),
                "role": _cell_role(header, int(cell_year), doc_year), "year": int(cell_year),
                "number": float(number), "number_high": None, "unit": _none(row.unit),
                "qualifier": _cell_qualifier(printed),
                "value": float(number) * scale if scale else None, "subject": row.name, "mention": printed,
                "source": "table", "ref": row.row_id, "line": row.line, "order": 1, "cell": k})
    return pd.DataFrame(cells, columns=COLUMNS[:-1] + ["order", "cell"])


def _cell_role(header: str, year: int, doc_year: int) -> str:
    """2020年目标 → target, 2020年完成情况 → actual; else a year after the document's is a target."""
    word = next((role for cue, role in HEADER_ROLES if cue in header), None)
    return word or ("target" if year > doc_year else "baseline")


def _cell_qualifier(printed: str) -> Optional[str]:
    """The comparison printed with a table value: >99 → >, 〔>5500〕 → >, 35左右 → 左右."""
    found = CELL_QUALIFIER.search(printed.strip())
    return (found.group(1) or found.group(2)) if found else None


def _scale(unit: Optional[str], factors: Mapping[str, float]) -> Optional[float]:
    """10000.0 for 万人, 1.0 for 人; None for a rate (%), whose value is not scaled."""
    if unit is None or pd.isna(unit) or unit in ("%", "‰", "个百分点"):
        return None
    word = max((w for w in factors if unit.startswith(w) and len(unit) > len(w)), key=len, default=None)
    return factors[word] if word else 1.0


def _check(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lack columns {missing} (build with a catalogue: schema_version 2)")


def _none(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _nullable(series: pd.Series) -> list:
    return [_none(value) for value in series]
