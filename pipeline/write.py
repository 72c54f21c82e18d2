"""Rows → typed Parquet (and text) files, written atomically and deterministically.

Every table goes through ``TableSchema.to_table`` (column order, types, nulls,
primary key), is written to a temporary file beside the target, and renamed into
place, so a reader never sees a half-written file.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import tempfile
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TableSchema

PARQUET_OPTIONS = dict(compression="zstd", use_dictionary=True, write_statistics=True)


def as_rows(items: Iterable) -> list[dict]:
    """Dataclass instances (or dicts) → dicts with plain Python values (tuples become lists)."""
    rows = []
    for item in items:
        if dataclasses.is_dataclass(item):
            # shallow on purpose: row dataclasses hold only scalars and tuples of scalars,
            # and dataclasses.asdict's deep copy dominated the time of writing a document
            row = {name: getattr(item, name) for name in _field_names(type(item))}
        else:
            row = dict(item)
        rows.append({k: list(v) if isinstance(v, tuple) else v for k, v in row.items()})
    return rows


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def write_table(rows: Iterable, schema: TableSchema, path: Path) -> pa.Table:
    """Validate ``rows`` against ``schema`` and write them to ``path`` atomically."""
    table = schema.to_table(as_rows(rows))
    write_arrow(table, path)
    return table


def write_arrow(table: pa.Table, path: Path) -> None:
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, **PARQUET_OPTIONS)


def write_text(text: str, path: Path) -> None:
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


class atomic_path:
    """Context manager yielding a temporary path that replaces ``path`` on success only."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass
