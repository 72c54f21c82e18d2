"""The table declarations in ``schemas/`` as Arrow schemas, validation and documentation.

This is the only place that maps declared types to Arrow types.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib.util
import operator
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline import __version__
from pipeline.config import SCHEMA_DIR
from pipeline.errors import SchemaError


def skip_pyarrows_pandas_probe() -> None:
    """Stop pyarrow from importing pandas the first time it converts a Python list.

    ``pa.array`` asks, once per process, whether pandas is importable (to recognise a pandas
    Series), and so imports it: 0.45 s in every build process and worker, for tables that
    never touch pandas. ``build`` calls this first: the probe is answered "no" by refusing
    the import while it runs, and as soon as pandas is imported, by anyone, pyarrow is told
    (``_TellPyarrowAfterPandas``), so that pandas objects are recognised again.
    """
    if "pandas" in sys.modules or _TellPyarrowAfterPandas in sys.meta_path:
        return
    sys.meta_path.insert(0, _RefusePandas)
    try:
        pa.array([], pa.null())
    finally:
        sys.meta_path.remove(_RefusePandas)
    sys.meta_path.insert(0, _TellPyarrowAfterPandas)


class _RefusePandas:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas":
            raise ImportError("pandas is not imported for pyarrow's probe", name=name)
        return None


class _TellPyarrowAfterPandas:
    """Finds nothing itself; when pandas is about to be imported, wraps its loader so that
    pyarrow's pandas check runs again once pandas is loaded, then leaves ``sys.meta_path``."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != "pandas":
            return None
        sys.meta_path.remove(_TellPyarrowAfterPandas)
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenTellPyarrow(spec.loader)
        return spec


class _ThenTellPyarrow:
    def __init__(self, loader):
        self.loader = loader

    def __getattr__(self, name):            # everything else is the real loader's
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        pa.lib._pandas_api.pd               # pyarrow imports pandas for real (now loaded)


ARROW_TYPES = {
    "string": pa.string(),
    "bool": pa.bool_(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "list<string>": pa.list_(pa.string()),
    "list<float64>": pa.list_(pa.float64()),
    "list<int32>": pa.list_(pa.int32()),
    "list<bool>": pa.list_(pa.bool_()),
}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    nullable: bool
    description: str
    example: str

    def to_arrow(self) -> pa.Field:
        return pa.field(self.name, ARROW_TYPES[self.type], nullable=self.nullable,
                        metadata={"description": self.description})


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...]
    schema_version: str

    @functools.cached_property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def to_arrow(self) -> pa.Schema:
        return self._arrow

    @functools.cached_property
    def _arrow(self) -> pa.Schema:
        metadata = {
            "table": self.name,
            "description": self.description,
            "schema_version": self.schema_version,
            "pipeline_version": __version__,
            "primary_key": ",".join(self.primary_key),
        }
        return pa.schema([f.to_arrow() for f in self.fields], metadata=metadata)

    def to_table(self, rows) -> pa.Table:
        """Rows (row dataclasses or dicts with exactly the declared columns) → validated,
        sorted Arrow table. Rows are sorted by ``sort_by`` (nulls last, stable)."""
        return self.from_columns(self._columns_of(list(rows)))

    def from_columns(self, columns: dict[str, list]) -> pa.Table:
        """Column name → values (every declared column, equal lengths) → validated, sorted
        Arrow table, as ``to_table`` makes from the same values given as rows."""
        if list(columns) != list(self.columns):
            raise SchemaError(self.name, f"columns {list(columns)} != declared {list(self.columns)}")
        try:
            table = pa.Table.from_pydict(columns, schema=self.to_arrow())
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as exc:
            raise SchemaError(self.name, f"values do not match the declared types: {exc}") from exc
        self._check_no_nan(table)
        if table.num_rows > 1:
            table = table.take(pc.sort_indices(table, sort_keys=[(c, "ascending") for c in self.sort_by]))
        self.check(table)
        return table

    def check(self, table: pa.Table) -> None:
        """Fail on wrong columns or types, nulls in non-nullable columns, bad primary keys."""
        if table.schema.names != list(self.columns):
            raise SchemaError(self.name, f"columns {table.schema.names} != declared {list(self.columns)}")
        for spec in self.fields:
            column = table.column(spec.name)
            if column.type != ARROW_TYPES[spec.type]:
                raise SchemaError(self.name, f"column {spec.name} has type {column.type}, declared {spec.type}")
            if not spec.nullable and column.null_count:
                raise SchemaError(self.name, f"column {spec.name} has {column.null_count} null(s) but is not nullable")
        for name in self.primary_key:
            if table.column(name).null_count:
                raise SchemaError(self.name, f"primary key column {name} has nulls")
        if table.num_rows < 2:
            return
        keys = list(zip(*(table.column(n).to_pylist() for n in self.primary_key)))
        if len(set(keys)) != len(keys):
            seen, duplicates = set(), []
            for key in keys:
                if key in seen:
                    duplicates.append(key)
                seen.add(key)
            raise SchemaError(self.name, f"duplicate primary key {duplicates[0]!r} ({len(duplicates)} duplicate(s))")

    def _columns_of(self, rows: list) -> dict[str, list]:
        """Column name → values, after checking every row has exactly the declared columns.

        Rows of one dataclass share their columns, so each row class is checked once.
        """
        expected = set(self.columns)
        row_classes: set[type] = set()
        has_plain_rows = False
        for row in rows:
            if type(row) in row_classes:
                continue
            if dataclasses.is_dataclass(row):
                row_classes.add(type(row))
                names = _row_class_fields(type(row))
            else:
                has_plain_rows = True
                names = tuple(row)
            if set(names) != expected:
                missing = sorted(expected - set(names))
                extra = sorted(set(names) - expected)
                raise SchemaError(self.name, f"row columns differ from schema: missing {missing}, unexpected {extra}")
        if has_plain_rows:
            return {name: [_plain(row, name) for row in rows] for name in self.columns}
        return {name: list(map(operator.attrgetter(name), rows)) for name in self.columns}

    def _check_no_nan(self, table: pa.Table) -> None:
        for spec in self.fields:
            if spec.type == "float64" and table.num_rows and pc.any(pc.is_nan(table.column(spec.name))).as_py():
                raise SchemaError(self.name, f"column {spec.name} holds NaN; use None for missing values")


@functools.lru_cache(maxsize=None)
def _row_class_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(row, name: str):
    return getattr(row, name) if dataclasses.is_dataclass(row) else row[name]


@functools.lru_cache(maxsize=None)
def load_schemas(schema_dir: Path = SCHEMA_DIR) -> dict[str, TableSchema]:
    """All table schemas declared in ``schema_dir``, by table name (declaration order)."""
    fields = _read_toml(schema_dir / "fields.toml")
    tables = _read_toml(schema_dir / "tables.toml")
    version = str(tables.get("schema_version", "0"))
    schemas = {}
    for name, spec in tables["tables"].items():
        specs = tuple(_field_spec(fields, name, column) for column in spec["columns"])
        schemas[name] = TableSchema(
            name=name,
            description=spec["description"],
            fields=specs,
            primary_key=tuple(spec["primary_key"]),
            sort_by=tuple(spec.get("sort_by", spec["primary_key"])),
            schema_version=version,
        )
    return schemas


def get_schema(table: str) -> TableSchema:
    try:
        return load_schemas()[table]
    except KeyError:
        raise SchemaError(table, "no such table in schemas/tables.toml") from None


def _field_spec(fields: dict, table: str, column: str) -> FieldSpec:
    raw = fields.get(f"{table}.{column}") or fields.get(column)
    if raw is None:
        raise SchemaError(table, f"column {column} is not declared in schemas/fields.toml")
    if raw["type"] not in ARROW_TYPES:
        raise SchemaError(table, f"column {column} has unknown type {raw['type']!r}")
    return FieldSpec(column, raw["type"], bool(raw["nullable"]), raw["description"], str(raw.get("example", "")))


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(path.name, f"invalid TOML: {exc}") from exc


def data_dictionary(schemas: dict[str, TableSchema], examples: dict[str, dict[str, str]] | None = None) -> str:
    """Markdown data dictionary; ``examples`` (table → column → value) overrides declared examples."""
    examples = examples or {}
    first = next(iter(schemas.values()))
    out = [
        "# Data dictionary",
        "",
        "Generated from `schemas/fields.toml` and `schemas/tables.toml` by `make docs`; do not edit by hand.",
        f"Schema version {first.schema_version}. Every table is `normalized/<table>.parquet`; "
        "the column descriptions are also in each file's Arrow field metadata.",
        "",
    ]
    for name in sorted(schemas):
        schema = schemas[name]
        out += [f"## {name}", "", schema.description, "",
                f"Primary key: {', '.join(f'`{c}`' for c in schema.primary_key)}", "",
                "| column | type | nullable | description | example |",
                "| --- | --- | --- | --- | --- |"]
        for spec in schema.fields:
            example = examples.get(name, {}).get(spec.name, spec.example)
            out.append(f"| `{spec.name}` | {spec.type} | {'yes' if spec.nullable else 'no'} | "
                       f"{_cell(spec.description)} | {_cell(example, limit=40)} |")
        out.append("")
    return "\n".join(out)


def _cell(text: str, limit: int | None = None) -> str:
    text = str(text).replace("|", "\\|").replace("\n", " ")
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"
