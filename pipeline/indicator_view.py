"""The comparison view: built targets → one row per document and indicator (``indicator_view``).

``indicator_view(targets, indicator_id=None, year=None)`` takes rows of the targets table
(columns of ``pipeline.model.Target``) and returns a DataFrame with one row per document,
indicator, scope, role and year: the first figure of that kind in document order, with how
many figures of it the document prints (``n_mentions``). Only figures with a catalogue
``indicator_id`` are shown. ``unit`` is the unit as printed, its scale word included
(68万人 → number 68, unit 万人; ``value`` is the number × scale), so a row reads like the text.

    view = indicator_view(pd.read_parquet("normalized/targets.parquet"), "gdp_growth", 2026)
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Optional

import pandas as pd

from pipeline.config import LEXICON_DIR
from pipeline.lexicon import Column, read_tsv

SCALES_FILE = "extract_scales.tsv"
KEY = ["doc_id", "indicator_id", "scope", "role", "year"]
COLUMNS = KEY + ["number", "number_high", "unit", "qualifier", "value", "subject", "mention", "target_id",
                 "line", "n_mentions"]


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


def indicator_view(targets: pd.DataFrame, indicator_id: Optional[str] = None, year: Optional[int] = None,
                   words: Optional[Mapping[float, str]] = None) -> pd.DataFrame:
    """One row per (doc_id, indicator_id, scope, role, year): the first such figure of each
    document (see the module docstring); ``indicator_id`` and ``year`` filter."""
    missing = [c for c in ("doc_id", "target_id", "indicator_id", "scope", "role", "year", "number",
                           "number_high", "unit", "scale", "qualifier", "value", "subject", "mention", "line")
               if c not in targets.columns]
    if missing:
        raise ValueError(f"targets lack columns {missing} (build with a catalogue: schema_version 2)")
    rows = targets[targets["indicator_id"].notna()]
    if indicator_id is not None:
        rows = rows[rows["indicator_id"] == indicator_id]
    if year is not None:
        rows = rows[rows["year"] == year]
    rows = rows.sort_values(["doc_id", "target_id"])
    words = scale_words() if words is None else words
    rows = rows.assign(unit=[printed_unit(u, s, words) for u, s in zip(_nullable(rows["unit"]), rows["scale"])])
    grouped = rows.groupby(KEY, dropna=False, sort=False)
    first = grouped.head(1).copy()
    first["n_mentions"] = grouped["target_id"].transform("size").loc[first.index].astype("int64")
    first["year"] = first["year"].astype("Int64")
    return first[COLUMNS].sort_values(["indicator_id", "doc_id", "scope", "role", "year"],
                                      na_position="first").reset_index(drop=True)


def _nullable(series: pd.Series) -> list:
    return [None if pd.isna(value) else value for value in series]
