"""The built tables as pandas DataFrames with their declared dtypes: ``pipeline.load()``.

Every column gets one dtype that does not depend on the rows (``pandas_dtypes``):

* integers: ``int32``/``int64``, and pandas' nullable ``Int32``/``Int64`` where the column may
  hold nulls (2025, not 2025.0); bools: ``bool``, ``boolean`` where nullable;
* dates: ``datetime64[ms]``;
* categorical columns (those with ``values`` in ``schemas/fields.toml``): a
  ``CategoricalDtype`` whose categories are all the allowed values, used or not;
* strings: pandas' default string dtype; lists: Python lists (``object``); floats as
  they are.

Null convention: a missing value is null (``NA``/``NaN``/``NaT``/``None`` by dtype), never
``""`` or ``"0"``; ``section_id`` is null before the first heading in every table.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline.config import OUT_DIR
from pipeline.errors import PipelineError
from pipeline.schema import FieldSpec, TableSchema, load_schemas

_NUMPY_TYPES = {"int32": "int32", "int64": "int64", "float64": "float64", "bool": "bool",
                "date": "datetime64[ms]"}


def load(out_dir: str | Path = OUT_DIR, tables: list[str] | tuple[str, ...] | None = None) -> dict[str, pd.DataFrame]:
    """Table name → DataFrame for every table in ``out_dir`` (or the ``tables`` named)."""
    out_dir = Path(out_dir)
    schemas = load_schemas()
    names = list(tables) if tables is not None else list(schemas)
    unknown = [name for name in names if name not in schemas]
    if unknown:
        raise PipelineError(f"no table {unknown[0]!r} (tables: {', '.join(schemas)})")
    return {name: load_table(out_dir, schemas[name]) for name in names}


def load_table(out_dir: Path, schema: TableSchema) -> pd.DataFrame:
    path = Path(out_dir) / f"{schema.name}.parquet"
    if not path.exists():
        raise PipelineError(f"{path}: not built yet (run `make all`)")
    frame = pq.read_table(path).to_pandas(date_as_object=False)
    return frame.astype(pandas_dtypes(schema))


def pandas_dtypes(schema: TableSchema) -> dict[str, object]:
    """Column → the pandas dtype ``load`` gives it (see the module docstring)."""
    return {spec.name: pandas_dtype(spec) for spec in schema.fields}


def pandas_dtype(spec: FieldSpec):
    if spec.is_category:
        return pd.CategoricalDtype(list(spec.values))
    if spec.type == "string":
        return pd.Series([""]).dtype            # pandas' default: ``str`` from pandas 3
    if spec.type.startswith("list<"):
        return "object"
    dtype = _NUMPY_TYPES[spec.type]
    if spec.nullable and dtype.startswith("int"):
        return dtype.capitalize()
    return "boolean" if spec.nullable and dtype == "bool" else dtype
