"""Reading the reviewed TSV lexicons in ``pipeline/lexicons/``.

Every TSV lexicon has the same shape: ``#`` lines are comments, blank lines are
skipped, the first other line is the header, and every data row has exactly the
header's number of TAB-separated cells.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from pipeline.errors import RuleError

COMMENT = "#"


def tsv_rows(lines: Iterable[str], columns: tuple[str, ...], name: str) -> Iterator[tuple[int, list[str]]]:
    """(1-based line number, cells) of each data row; RuleError on a bad header or row.

    >>> list(tsv_rows(["# units", "unit\\texample", "万人\\t500万人"], ("unit", "example"), "units.tsv"))
    [(3, ['万人', '500万人'])]
    """
    header_seen = False
    for line_no, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n").lstrip("\ufeff")
        if not line.strip() or line.startswith(COMMENT):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != columns:
                raise RuleError(name, f"header must be {'<TAB>'.join(columns)}, found {'<TAB>'.join(cells)}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise RuleError(f"{name}:{line_no}", f"expected {len(columns)} columns, got {len(cells)}")
        yield line_no, cells
