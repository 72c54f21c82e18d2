"""Rows → typed Parquet (and text) files, written atomically and deterministically.

Every table goes through ``TableSchema.to_table`` (column order, types, nulls,
primary key), is written to a temporary file beside the target, and renamed into
place, so a reader never sees a half-written file.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TableSchema

PARQUET_OPTIONS = dict(compression="zstd", use_dictionary=True, write_statistics=True)


def write_table(rows: Iterable, schema: TableSchema, path: Path) -> pa.Table:
    """Validate ``rows`` against ``schema`` and write them to ``path`` atomically."""
    table = schema.to_table(rows)
    write_arrow(table, path)
    return table


def write_arrow(table: pa.Table, path: Path) -> None:
    with atomic_path(path) as tmp:
        write_parquet(table, tmp)


def write_parquet(table: pa.Table, path) -> None:
    """Write ``table`` to exactly ``path`` (the caller makes it atomic, see ``atomic_path``)."""
    pq.write_table(table, path, **PARQUET_OPTIONS)


def parquet_writer(path, schema: pa.Schema) -> pq.ParquetWriter:
    """A writer that appends tables to ``path`` as row groups, with the same options."""
    return pq.ParquetWriter(path, schema, **PARQUET_OPTIONS)


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
