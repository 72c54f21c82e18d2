"""Scores: counts of matched, expected and found entries, per metric.

A ``Tally`` holds (matched, expected, found); precision = matched / found, recall = matched /
expected. Field accuracies are tallies too: (right, scored, scored), read as a rate.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional

from pipeline.evaluate.expected import ExpectedFigure, ExpectedOutline
from pipeline.model import Outline, Target


@dataclass
class Tally:
    matched: int = 0
    expected: int = 0
    found: int = 0

    def add(self, other: "Tally") -> None:
        self.matched += other.matched
        self.expected += other.expected
        self.found += other.found

    @property
    def recall(self) -> Optional[float]:
        return self.matched / self.expected if self.expected else None

    @property
    def precision(self) -> Optional[float]:
        return self.matched / self.found if self.found else None

    def as_dict(self) -> dict:
        return {"matched": self.matched, "expected": self.expected, "found": self.found,
                "recall": self.recall, "precision": self.precision}


def multiset_tally(expected: Iterable, found: Iterable) -> Tally:
    """Each expected entry matched at most once."""
    e, f = Counter(expected), Counter(found)
    return Tally(sum((e & f).values()), sum(e.values()), sum(f.values()))


def rate(right: int, scored: int) -> Tally:
    return Tally(right, scored, scored)


# --------------------------------------------------------------------------- outlines


def score_outline(outline: Outline, expected: ExpectedOutline) -> dict[str, Tally]:
    labels = {c.column_id: c.label for c in outline.columns}
    got = untitled_as_keyed(expected, [(s.level, s.number, s.title) for s in outline.sections])
    scores = {
        "headings": multiset_tally([t for _l, _n, t in expected.headings], [t for _l, _n, t in got]),
        "heading levels": _level_accuracy(expected, got),
        "heading numbers": multiset_tally(expected.headings, got),
    }
    if expected.columns or outline.columns:
        scores["columns"] = multiset_tally(expected.columns,
                                           [(c.label, c.title, c.n_items) for c in outline.columns])
        scores["column items"] = multiset_tally(
            expected.items, [(labels[i.column_id], i.item_no, i.title if i.title is not None else i.text)
                             for i in outline.column_items])
    if expected.indicators or outline.indicators:
        scores["indicator rows"] = multiset_tally(
            expected.indicators, [(i.name, i.unit, i.values) for i in outline.indicators])
    if expected.front:
        scores["front matter"] = multiset_tally(
            sorted(expected.front.items()),
            sorted((k, v) for k, v in outline.front_matter.items() if k in expected.front))
    return scores


def untitled_as_keyed(expected: ExpectedOutline, got: list[tuple]) -> list[tuple]:
    """The found headings, each one found where the key has a numbered point printed without
    a title (``H 2 （二） ``) given the key's empty title: the point is found by its number,
    whatever first words the segmenter took for its title. Matched in order."""
    got = list(got)
    keyed_titles = {title for _l, _n, title in expected.headings if title}
    at = 0
    for level, number, title in expected.headings:
        if title or not number:
            continue
        # not a heading whose title the key gives another point (1. 各市自查 is not the untitled 1.)
        hit = next((k for k in range(at, len(got)) if got[k][1] == number and got[k][2] not in keyed_titles),
                   None)
        if hit is not None:
            got[hit] = (got[hit][0], number, "")
            at = hit + 1
    return got


def _level_accuracy(expected: ExpectedOutline, got: list[tuple]) -> Tally:
    """Of the headings found with the right title (in order), how many have the right level."""
    pairs = matched_levels(expected, got)
    return rate(sum(want == found for want, found, _n, _t in pairs), len(pairs))


def matched_levels(expected: ExpectedOutline, got: list[tuple]) -> list[tuple]:
    """(level wanted, level found, number, title) of each key heading found by its title, the
    found headings matched in order."""
    remaining = [(title, level) for level, _number, title in got]
    pairs = []
    for level, number, title in expected.headings:
        hit = next((k for k, (t, _) in enumerate(remaining) if t == title), None)
        if hit is None:
            continue
        pairs.append((level, remaining[hit][1], number, title))
        remaining = remaining[hit + 1:]
    return pairs


# --------------------------------------------------------------------------- figures


FIELDS = ("value", "unit", "qualifier", "period", "deadline", "year", "subject", "role", "indicator")


def find_mention(text: str, mention: str, occurrence: int, count_glued: bool = True) -> int:
    """Start of the n-th occurrence (without ``count_glued``: of those not right after a
    digit or a decimal point, as ``headline_targets.tsv`` counts them)."""
    count = -1
    for m in re.finditer(re.escape(mention), text):
        if not count_glued and m.start() and text[m.start() - 1] in "0123456789.":
            continue
        count += 1
        if count == occurrence:
            return m.start()
    return -1


def score_figures(expected: list[ExpectedFigure], lines: tuple[str, ...],
                  targets: list[tuple[int, int, int, Target]], with_precision: bool = True
                  ) -> tuple[dict[str, Tally], list[str]]:
    """``targets``: (line, start, end in the line, target). Returns tallies and the misses."""
    scores = {"figures": Tally(expected=len(expected), found=len(targets) if with_precision else 0)}
    fields = {name: Tally() for name in FIELDS}
    misses: list[str] = []
    unmatched = list(targets)
    for row in expected:
        start = find_mention(lines[row.line - 1], row.mention, row.occurrence, row.count_glued)
        if start < 0:
            raise ValueError(f"answer key: {row.mention!r} not on line {row.line}")
        end = start + len(row.mention)
        hit = next((t for t in unmatched if t[0] == row.line and t[1] < end and start < t[2]), None)
        if hit is None:
            misses.append(f"missed line {row.line} {row.mention}")
            continue
        unmatched.remove(hit)
        scores["figures"].matched += 1
        target = hit[3]
        for name in row.scored:
            ok = _field_right(name, row, target)
            fields[name].add(rate(int(ok), 1))
            if not ok:
                got = _field_value(name, target)
                if name == "year" and row.scores_year_from:
                    got = (target.year, target.year_from)
                misses.append(f"{name} line {row.line} {row.mention}: got {got!r}")
    if with_precision:
        misses += [f"spurious line {t[0]} {t[3].mention}" for t in unmatched]
    scores.update({f"field {name}": tally for name, tally in fields.items() if tally.expected})
    return scores, misses


def _field_value(name: str, t: Target):
    return {"value": (t.number, t.number_high, t.value), "unit": t.unit, "qualifier": t.qualifier,
            "period": (t.period, t.period_type), "deadline": t.deadline_year, "year": t.year,
            "subject": t.subject,
            "role": t.role, "indicator": (t.indicator_id, t.scope)}[name]


def _close(a: Optional[float], b: Optional[float]) -> bool:
    return a is None and b is None or a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9)


def _field_right(name: str, row: ExpectedFigure, t: Target) -> bool:
    if name == "value":
        if row.number is not None:
            return _close(row.number, t.number) and _close(row.number_high, t.number_high)
        return _close(row.value, t.value)
    if name == "unit":
        return row.unit == t.unit
    if name == "qualifier":
        return row.qualifier == t.qualifier and (row.comparator is None or row.comparator == t.comparator)
    if name == "period":
        return row.period == (t.period, t.period_type)
    if name == "deadline":
        return row.deadline == t.deadline_year
    if name == "year":
        return row.year == t.year and (not row.scores_year_from or row.year_from == t.year_from)
    if name == "subject":
        return t.subject in (row.subjects or ())
    if name == "role":
        return row.role == t.role
    if name == "indicator":
        return row.indicator == (t.indicator_id, t.scope)
    raise KeyError(name)


def targets_on_lines(outline: Outline, targets: list[Target]) -> list[tuple[int, int, int, Target]]:
    """Each target with its offsets in its whole normalized line."""
    paragraphs = {p.para_id: p for p in outline.paragraphs}
    out = []
    for t in targets:
        shift = paragraphs[t.para_id].line_char_start
        out.append((t.line, t.char_start + shift, t.char_end + shift, t))
    return out
