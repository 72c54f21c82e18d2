"""SQL over the built tables (``python -m pipeline query``): DuckDB with one view per table.

Each ``normalized/<table>.parquet`` is a view named after its table ("columns" must be quoted
in SQL: it is also a DuckDB keyword). DuckDB reads the Parquet types as declared: dates as
DATE, integers as INTEGER, categorical columns as VARCHAR.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.errors import PipelineError
from pipeline.schema import load_schemas


def connect(out_dir: Path):
    """An in-memory DuckDB connection with a view for every table built in ``out_dir``."""
    import duckdb

    out_dir = Path(out_dir)
    if not (out_dir / "documents.parquet").exists():
        raise PipelineError(f"{out_dir / 'documents.parquet'}: not built yet (run `make all`)")
    con = duckdb.connect()
    for name in load_schemas():
        path = out_dir / f"{name}.parquet"
        if path.exists():
            con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet(\'{sql_string(path)}\')')
    return con


def run_query(out_dir: Path, sql: str) -> pd.DataFrame:
    """The result of ``sql`` over the tables of ``out_dir``; a bad query is a PipelineError
    with DuckDB's message."""
    import duckdb

    con = connect(out_dir)
    try:
        relation = con.sql(sql)
        if relation is None:
            raise PipelineError("query: the statement returns no rows (only SELECT-like queries are printed)")
        return relation.df()
    except duckdb.Error as exc:
        raise PipelineError(f"query: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()


def sql_string(path: Path) -> str:
    return str(path).replace("'", "''")
