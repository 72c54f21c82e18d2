"""Known misses of the per-case corpus tests, read from ``tests/fixtures/known_misses.toml``.

The file is reviewed data: one table per test function, case id -> what is wrong. A case
listed there is collected as ``xfail(strict=True)`` with that reason, so a fixed miss shows as
an XPASS that fails (remove its entry) and a miss that is not listed fails. Quality as a
number is ``make eval``'s business (``python -m pipeline.evaluate``), not the tests'.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

KNOWN_MISSES_FILE = Path(__file__).parent / "fixtures" / "known_misses.toml"

with open(KNOWN_MISSES_FILE, "rb") as _handle:
    KNOWN: dict[str, dict[str, str]] = tomllib.load(_handle)

_MADE: dict[str, set[str]] = {}


def case(test: str, case_id: str, *values):
    """A ``pytest.param`` of ``test`` with id ``case_id``; xfail if the file lists it."""
    made = _MADE.setdefault(test, set())
    assert case_id not in made, f"two cases of {test} with the id {case_id!r}"
    made.add(case_id)
    reason = KNOWN.get(test, {}).get(case_id)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(*values, id=case_id, marks=marks)


def stale_entries(tests: tuple[str, ...]) -> list[str]:
    """Entries of ``tests`` in the file that name no case that was made."""
    return [f"[{test}] {case_id}" for test in tests for case_id in KNOWN.get(test, {})
            if case_id not in _MADE.get(test, set())]
