"""Targets of two editions of one plan → list[TargetChange].

Entry function: ``compare_targets(old, new)``. ``old`` and ``new`` are rows of the targets
table (columns of ``pipeline.model.Target``) for one document each, e.g. a draft and the
final text, or the 十四五 and 十五五 plans of one issuer.

Matching. A target is identified by its key: its catalogue indicator when it has one (role,
indicator_id, scope, unit, period_type), else its subject (role, subject, unit, period_type).
"new_urban_jobs, 人, period_total" is the same target in both editions whatever its number,
deadline or wording (城镇新增就业 → 新增城镇就业: a renamed subject is a change, not a
removal and an addition). Only rows whose role is in ``roles`` (default: targets, not
baselines or actuals) are compared. Within a key, pairs are made in two passes, each in
document (target_id) order:

1. rows with an equal quantity are paired (so reordered sentences do not show up as two
   changes): "unchanged", or "changed" when the subject was renamed;
2. the remaining rows are paired as "changed" — but only when the indicator or the subject
   is known: two subject-less targets with the same unit are not evidence of the same target;

whatever is left is "removed" (old only) or "added" (new only).

The quantity compared is (amount, upper amount, comparator): amount is ``value`` (number ×
scale) or, where ``value`` is null (ratios such as %), ``number``; so 500万 → 550万 and
以上 → 左右 are changes, a new deadline year alone is not.

Output order: by subject, unit, target_id_old, target_id_new, nulls last in each — the
same for the same input, whatever the row order of the frames.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import Any, Iterable, Optional

import pandas as pd

from pipeline.model import Target

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"
DEFAULT_ROLES = ("target",)
# the first column identifies the target; None there (no subject) identifies nothing
ID_KEY = ("indicator_id", "scope", "role", "unit", "period_type")
SUBJECT_KEY = ("subject", "role", "unit", "period_type")
REQUIRED_COLUMNS = tuple(f.name for f in fields(Target))


@dataclass(frozen=True)
class TargetChange:
    """One target of either edition and what became of it."""

    doc_id_old: Optional[str]
    doc_id_new: Optional[str]
    indicator_id: Optional[str]           # catalogue id shared by both rows, else None
    scope: Optional[str]
    subject: Optional[str]                # the old row's (the new row's when added)
    subject_new: Optional[str]            # the new row's; differs from subject when renamed
    unit: Optional[str]
    change: str                           # added | removed | changed | unchanged
    value_old: Optional[float]            # value, or number where value is null (ratios)
    value_new: Optional[float]
    ratio: Optional[float]                # value_new / value_old; None unless both (and old ≠ 0)
    mention_old: Optional[str]
    mention_new: Optional[str]
    target_id_old: Optional[str]
    target_id_new: Optional[str]


def compare_targets(old: pd.DataFrame, new: pd.DataFrame,
                    roles: Iterable[str] = DEFAULT_ROLES) -> list[TargetChange]:
    """Match the targets of ``old`` and ``new`` and say what changed (see module docstring)."""
    roles = tuple(roles)
    old_rows, new_rows = _rows(old, "old", roles), _rows(new, "new", roles)
    doc_ids = (_doc_id(old, "old"), _doc_id(new, "new"))
    old_by_key, new_by_key = _group(old_rows), _group(new_rows)
    changes: list[TargetChange] = []
    for key in sorted(old_by_key.keys() | new_by_key.keys(), key=_null_last_key):
        changes.extend(_compare_key(key, old_by_key.get(key, []), new_by_key.get(key, []), doc_ids))
    return sorted(changes, key=_order)


# --------------------------------------------------------------------------- matching


def _compare_key(key: tuple, olds: list[dict], news: list[dict],
                 doc_ids: tuple[Optional[str], Optional[str]]) -> list[TargetChange]:
    """Pair the rows of one key: equal quantities first, then (with a subject) in order."""
    pairs: list[tuple[Optional[dict], Optional[dict]]] = []
    olds, news = list(olds), list(news)
    for old in list(olds):
        twin = next((new for new in news if _quantity(new) == _quantity(old)), None)
        if twin is not None:
            pairs.append((old, twin))
            olds.remove(old)
            news.remove(twin)
    if key[1] is not None:                # the indicator (id keys) or the subject is known
        while olds and news:
            pairs.append((olds.pop(0), news.pop(0)))
    pairs.extend((old, None) for old in olds)
    pairs.extend((None, new) for new in news)
    return [_change(old, new, doc_ids) for old, new in pairs]


def _change(old: Optional[dict], new: Optional[dict],
            doc_ids: tuple[Optional[str], Optional[str]]) -> TargetChange:
    either = old if old is not None else new
    value_old = _amount(old) if old is not None else None
    value_new = _amount(new) if new is not None else None
    if old is None:
        change = ADDED
    elif new is None:
        change = REMOVED
    else:
        same = _quantity(old) == _quantity(new) and old["subject"] == new["subject"]
        change = UNCHANGED if same else CHANGED
    return TargetChange(
        doc_id_old=doc_ids[0],
        doc_id_new=doc_ids[1],
        indicator_id=either["indicator_id"],
        scope=either["scope"],
        subject=either["subject"],
        subject_new=new["subject"] if new is not None else None,
        unit=either["unit"],
        change=change,
        value_old=value_old,
        value_new=value_new,
        ratio=_ratio(value_old, value_new),
        mention_old=old["mention"] if old is not None else None,
        mention_new=new["mention"] if new is not None else None,
        target_id_old=old["target_id"] if old is not None else None,
        target_id_new=new["target_id"] if new is not None else None,
    )


def _amount(row: dict) -> Optional[float]:
    """The compared amount: value, or number where value is null (ratios)."""
    return row["value"] if row["value"] is not None else row["number"]


def _quantity(row: dict) -> tuple:
    """What must be equal for "unchanged": amount, upper amount and comparator."""
    high = row["number_high"]
    if high is not None and row["value"] is not None:
        high = high * row["scale"]
    return (_amount(row), high, row["comparator"])


def _ratio(old: Optional[float], new: Optional[float]) -> Optional[float]:
    if old is None or new is None or old == 0:
        return None
    return new / old


# --------------------------------------------------------------------------- frames → rows


def _rows(frame: pd.DataFrame, name: str, roles: tuple[str, ...]) -> list[dict]:
    """Rows of ``frame`` with the wanted roles, nulls as None, in target_id order."""
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} targets lack columns {missing} (see pipeline.model.Target)")
    rows = [{column: _plain(value) for column, value in record.items()}
            for record in frame.to_dict("records")]
    return sorted((row for row in rows if row["role"] in roles), key=lambda row: row["target_id"])


def _doc_id(frame: pd.DataFrame, name: str) -> Optional[str]:
    doc_ids = sorted({_plain(value) for value in frame["doc_id"]} - {None})
    if len(doc_ids) > 1:
        raise ValueError(f"{name} targets come from several documents {doc_ids}; pass one edition")
    return doc_ids[0] if doc_ids else None


def _group(rows: list[dict]) -> dict[tuple, list[dict]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[_key(row)].append(row)
    return groups


def _key(row: dict) -> tuple:
    """("id", indicator_id, scope, …) for a catalogued row, ("subject", subject, …) otherwise."""
    if row["indicator_id"] is not None:
        return ("id", *(row[column] for column in ID_KEY))
    return ("subject", *(row[column] for column in SUBJECT_KEY))


def _plain(value: Any) -> Any:
    """pandas/numpy scalars → plain Python, NaN/NA/None → None."""
    if value is None or (not isinstance(value, (str, bytes, list, tuple)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# --------------------------------------------------------------------------- order


def _null_last_key(values: Iterable[Optional[Any]]) -> tuple:
    return tuple((value is None, value if value is not None else "") for value in values)


def _order(change: TargetChange) -> tuple:
    return _null_last_key((change.subject, change.unit)) + _null_last_key(
        (change.target_id_old, change.target_id_new))


# --------------------------------------------------------------------------- editions of one plan


def edition_pairs(documents: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(plan_id, older doc_id, newer doc_id) for consecutive editions of every plan.

    Editions are ordered by issue_date (unknown last), then edition label, then doc_id.
    """
    pairs = []
    with_plan = documents[documents["plan_id"].notna()]
    for plan_id in sorted(with_plan["plan_id"].unique()):
        editions = with_plan[with_plan["plan_id"] == plan_id]
        ordered = sorted(editions.to_dict("records"),
                         key=lambda r: (_plain(r["issue_date"]) is None, _plain(r["issue_date"]) or "",
                                        _plain(r["edition"]) or "", r["doc_id"]))
        pairs += [(plan_id, a["doc_id"], b["doc_id"]) for a, b in zip(ordered, ordered[1:])]
    return pairs


def edition_changes(documents: pd.DataFrame, targets: pd.DataFrame) -> list[dict]:
    """Rows of the target_changes table: every consecutive pair of editions compared."""
    rows = []
    for plan_id, old_id, new_id in edition_pairs(documents):
        old = targets[targets["doc_id"] == old_id]
        new = targets[targets["doc_id"] == new_id]
        for seq, change in enumerate(compare_targets(old, new), start=1):
            row = {"plan_id": plan_id, "change_seq": seq, **{f.name: getattr(change, f.name) for f in fields(change)}}
            row["doc_id_old"], row["doc_id_new"] = old_id, new_id
            rows.append(row)
    return rows
