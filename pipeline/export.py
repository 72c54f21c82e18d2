"""The built tables in other formats (``python -m pipeline export FORMAT DEST``).

* ``csv``: a directory with ``<table>.csv`` per table (header row; lists as JSON; nulls empty);
* ``xlsx``: one Excel workbook, a sheet per table (needs openpyxl: ``pip install -e '.[excel]'``);
* ``sqlite``: one SQLite database, a table per table with its primary key (dates as ISO text,
  lists as JSON text, booleans 0/1);
* ``duckdb``: one DuckDB database file, a table per table, types as in the Parquet files.

Every file is written to a temporary name beside its destination and renamed into place.
"""
from __future__ import annotations

import datetime
import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import OutputError, PipelineError

if TYPE_CHECKING:           # the command line reads FORMATS without loading pyarrow
    from pipeline.schema import TableSchema

FORMATS = ("csv", "xlsx", "sqlite", "duckdb")
EXCEL_MAX_ROWS = 1_048_575          # a sheet's rows, less the header
SQLITE_TYPES = {"int32": "INTEGER", "int64": "INTEGER", "bool": "INTEGER", "float64": "REAL"}


def export(out_dir: Path, fmt: str, dest: Path, tables: list[str] | None = None) -> list[Path]:
    """Write the tables of ``out_dir`` (all, or ``tables``) to ``dest`` as ``fmt``; the files written."""
    from pipeline.schema import load_schemas

    out_dir, dest = Path(out_dir), Path(dest)
    schemas = _chosen(load_schemas(), tables)
    for schema in schemas:
        if not (out_dir / f"{schema.name}.parquet").exists():
            raise PipelineError(f"{out_dir / f'{schema.name}.parquet'}: not built yet (run `make all`)")
    writer = {"csv": _csv, "xlsx": _xlsx, "sqlite": _sqlite, "duckdb": _duckdb}.get(fmt)
    if writer is None:
        raise PipelineError(f"export: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt != "csv" and dest.is_dir():
        raise OutputError(dest, f"is a directory; {fmt} export writes one file")
    try:
        return writer(out_dir, schemas, dest)
    except OSError as exc:
        raise OutputError(exc.filename or dest, f"cannot write: {exc.strerror or exc}") from exc


def _chosen(schemas: dict[str, TableSchema], tables: list[str] | None) -> list[TableSchema]:
    if not tables:
        return list(schemas.values())
    unknown = [t for t in tables if t not in schemas]
    if unknown:
        raise PipelineError(f"export: no table {unknown[0]!r} (tables: {', '.join(schemas)})")
    return [schemas[t] for t in tables]


def _frame(out_dir: Path, schema: TableSchema):
    from pipeline.loading import load_table

    return load_table(out_dir, schema)


def _csv(out_dir: Path, schemas: list[TableSchema], dest: Path) -> list[Path]:
    from pipeline.output import to_csv
    from pipeline.write import atomic_path

    if dest.exists() and not dest.is_dir():
        raise OutputError(dest, "is not a directory (csv export writes one file per table into it)")
    written = []
    for schema in schemas:
        path = dest / f"{schema.name}.csv"
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(to_csv(_frame(out_dir, schema)))
        written.append(path)
    return written


def _xlsx(out_dir: Path, schemas: list[TableSchema], dest: Path) -> list[Path]:
    try:
        import openpyxl  # noqa: F401  (pandas' Excel writer)
    except ImportError:
        raise PipelineError("export xlsx needs openpyxl, which is not installed "
                            "(pip install -e '.[excel]'); csv, sqlite and duckdb need nothing more") from None
    import pandas as pd

    from pipeline.output import cells_of, csv_cell
    from pipeline.write import atomic_path

    frames = {schema.name: _frame(out_dir, schema) for schema in schemas}
    for name, frame in frames.items():
        if len(frame) > EXCEL_MAX_ROWS:
            raise PipelineError(f"export xlsx: table {name} has {len(frame)} rows, more than a sheet holds "
                                f"({EXCEL_MAX_ROWS}); export it as csv, sqlite or duckdb")
    with atomic_path(dest) as tmp, open(tmp, "wb") as handle:
        with pd.ExcelWriter(handle, engine="openpyxl") as book:
            for name, frame in frames.items():
                cells_of(frame, csv_cell).to_excel(book, sheet_name=name, index=False)
    return [dest]


def _sqlite(out_dir: Path, schemas: list[TableSchema], dest: Path) -> list[Path]:
    return _database(out_dir, schemas, dest, sqlite3.connect, _sqlite_table)


def _duckdb(out_dir: Path, schemas: list[TableSchema], dest: Path) -> list[Path]:
    import duckdb

    return _database(out_dir, schemas, dest, duckdb.connect, _duckdb_table)


def _database(out_dir: Path, schemas: list[TableSchema], dest: Path, connect, add_table) -> list[Path]:
    """One database file made by ``connect``, a table per schema added by ``add_table``."""
    from pipeline.write import atomic_path

    with atomic_path(dest) as tmp:
        os.unlink(tmp)                  # the database library makes the file itself
        con = connect(tmp)
        try:
            for schema in schemas:
                add_table(con, schema, out_dir / f"{schema.name}.parquet")
            con.commit()
        finally:
            con.close()
    return [dest]


def _sqlite_table(con: sqlite3.Connection, schema: TableSchema, parquet: Path) -> None:
    import pyarrow.parquet as pq

    table = pq.read_table(parquet)
    columns = ", ".join(f'"{f.name}" {SQLITE_TYPES.get(f.type, "TEXT")}{"" if f.nullable else " NOT NULL"}'
                        for f in schema.fields)
    key = ", ".join(f'"{c}"' for c in schema.primary_key)
    con.execute(f'CREATE TABLE "{schema.name}" ({columns}, PRIMARY KEY ({key}))')
    marks = ", ".join("?" for _ in schema.fields)
    rows = zip(*(map(_sqlite_value, table.column(f.name).to_pylist()) for f in schema.fields))
    con.executemany(f'INSERT INTO "{schema.name}" VALUES ({marks})', rows)


def _sqlite_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _duckdb_table(con, schema: TableSchema, parquet: Path) -> None:
    from pipeline.query import sql_string

    con.execute(f'CREATE TABLE "{schema.name}" AS SELECT * FROM read_parquet(\'{sql_string(parquet)}\')')
