"""The table declarations in ``schemas/`` as Arrow schemas, validation and documentation.

This is the only place that maps declared types to Arrow types.
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
import importlib.util
import json
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
    "date": pa.date32(),
    "bool": pa.bool_(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "list<string>": pa.list_(pa.string()),
    "list<float64>": pa.list_(pa.float64()),
    "list<int32>": pa.list_(pa.int32()),
    "list<bool>": pa.list_(pa.bool_()),
}


# A string column with declared ``values`` is a category: stored dictionary-encoded over its
# values, so that pandas reads it as a categorical and DuckDB as VARCHAR, with no help.
CATEGORY_TYPE = pa.dictionary(pa.int32(), pa.string())


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    nullable: bool
    description: str
    example: str
    values: tuple[str, ...] = ()        # the allowed values of a categorical string column

    @property
    def is_category(self) -> bool:
        return bool(self.values)

    @property
    def arrow_type(self) -> pa.DataType:
        return CATEGORY_TYPE if self.is_category else ARROW_TYPES[self.type]

    def to_arrow(self) -> pa.Field:
        return pa.field(self.name, self.arrow_type, nullable=self.nullable,
                        metadata={"description": self.description})


@dataclass(frozen=True)
class ForeignKey:
    """``columns`` of a table refer to ``references`` of table ``table`` (a row with a null
    in ``columns`` refers to nothing, as SQL's MATCH SIMPLE)."""

    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]

    def __str__(self) -> str:
        return f"({', '.join(self.columns)}) → {self.table} ({', '.join(self.references)})"


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...]
    schema_version: str
    foreign_keys: tuple[ForeignKey, ...] = ()

    @functools.cached_property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

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
            "pandas": json.dumps(_pandas_metadata(self.fields), ensure_ascii=False),
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
        for spec in self.fields:
            if spec.type == "date":
                columns = {**columns, spec.name: [_as_date(self.name, spec.name, v) for v in columns[spec.name]]}
        try:
            table = pa.Table.from_pydict(columns, schema=self._with_categories_as_strings)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as exc:
            raise SchemaError(self.name, f"values do not match the declared types: {exc}") from exc
        self._check_no_nan(table)
        for spec in self.fields:
            if spec.is_category:
                self._check_values(spec, table.column(spec.name))
        if table.num_rows > 1:
            table = table.take(pc.sort_indices(table, sort_keys=[(c, "ascending") for c in self.sort_by]))
        table = self._encode_categories(table)
        self.check(table)
        return table

    @functools.cached_property
    def _with_categories_as_strings(self) -> pa.Schema:
        schema = self.to_arrow()
        for i, spec in enumerate(self.fields):
            if spec.is_category:
                schema = schema.set(i, schema.field(i).with_type(pa.string()))
        return schema

    def _encode_categories(self, table: pa.Table) -> pa.Table:
        """Every categorical column encoded over its declared values, all of them and in their
        order, whatever the rows hold: the same bytes for the same rows, and pandas categories
        that are the allowed values."""
        for i, spec in enumerate(self.fields):
            if spec.is_category:
                dictionary = pa.array(spec.values, pa.string())
                indices = pc.index_in(table.column(i).combine_chunks(), value_set=dictionary).cast(pa.int32())
                table = table.set_column(i, spec.to_arrow(), pa.DictionaryArray.from_arrays(indices, dictionary))
        return table

    def check(self, table: pa.Table) -> None:
        """Fail on wrong columns or types, nulls in non-nullable columns, bad primary keys."""
        if table.schema.names != list(self.columns):
            raise SchemaError(self.name, f"columns {table.schema.names} != declared {list(self.columns)}")
        for spec in self.fields:
            column = table.column(spec.name)
            if column.type != spec.arrow_type:
                raise SchemaError(self.name, f"column {spec.name} has type {column.type}, declared {spec.type}")
            if not spec.nullable and column.null_count:
                raise SchemaError(self.name, f"column {spec.name} has {column.null_count} null(s) but is not nullable")
            if spec.is_category:
                self._check_values(spec, column)
        for name in self.primary_key:
            # a nullable key column (terms.section_id: text before the first heading) counts
            # null as one value of the key
            if table.column(name).null_count and not self.field(name).nullable:
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

    def _check_values(self, spec: FieldSpec, column: pa.ChunkedArray) -> None:
        if pa.types.is_dictionary(column.type):
            column = column.cast(pa.string())
        used = set(pc.unique(column).to_pylist()) - {None}
        unknown = sorted(used - set(spec.values))
        if unknown:
            raise SchemaError(self.name, f"column {spec.name} has value {unknown[0]!r}, not one of its allowed values "
                                         f"{', '.join(spec.values)} (schemas/fields.toml)")

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


def _as_date(table: str, column: str, value):
    """An ISO date string (as the stages give dates) → ``datetime.date``."""
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise SchemaError(table, f"column {column} has {value!r}, not an ISO date (YYYY-MM-DD)") from None


def _pandas_metadata(fields: tuple[FieldSpec, ...]) -> dict:
    """The ``pandas`` schema metadata pandas itself writes, so that ``pd.read_parquet`` gives a
    nullable integer column pandas' ``Int32``/``Int64`` (integers, not floats with NaN) and a
    nullable bool column ``boolean``."""
    columns = []
    for spec in fields:
        numpy_type = {"int32": "int32", "int64": "int64", "float64": "float64", "bool": "bool"}.get(spec.type, "object")
        if spec.type in ("int32", "int64") and spec.nullable:
            numpy_type = numpy_type.capitalize()
        elif spec.type == "bool" and spec.nullable:
            numpy_type = "boolean"
        pandas_type = {"string": "unicode", "date": "date"}.get(spec.type, "object" if "<" in spec.type else spec.type)
        if spec.is_category:
            pandas_type, numpy_type = "categorical", "int32"
        columns.append({"name": spec.name, "field_name": spec.name, "pandas_type": pandas_type,
                        "numpy_type": numpy_type, "metadata": None})
    return {"index_columns": [], "column_indexes": [], "columns": columns,
            "creator": {"library": "planparse", "version": __version__}, "pandas_version": "2.2.0"}


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
            foreign_keys=tuple(_foreign_key(name, fk) for fk in spec.get("foreign_keys", ())),
        )
    for schema in schemas.values():
        for fk in schema.foreign_keys:
            _check_foreign_key_declaration(schema, fk, schemas)
    return schemas


def _foreign_key(table: str, raw: dict) -> ForeignKey:
    columns = tuple(raw["columns"])
    return ForeignKey(columns, raw["table"], tuple(raw.get("references", columns)))


def _check_foreign_key_declaration(schema: "TableSchema", fk: ForeignKey, schemas: dict) -> None:
    target = schemas.get(fk.table)
    if target is None or not set(fk.columns) <= set(schema.columns) or not set(fk.references) <= set(target.columns) \
            or len(fk.columns) != len(fk.references):
        raise SchemaError(schema.name, f"foreign key {fk} does not name columns of both tables")


def check_foreign_keys(tables: dict[str, pa.Table], schemas: dict[str, "TableSchema"] | None = None) -> None:
    """Fail when a row refers to a row that is not there, for every foreign key between two of ``tables``
    (e.g. one document's tables: every ``targets.section_id`` is a ``sections.section_id``)."""
    schemas = schemas or load_schemas()
    for name, table in tables.items():
        for fk in schemas[name].foreign_keys:
            if fk.table in tables and table.num_rows:
                _check_references(name, table, fk, tables[fk.table])


def _check_references(name: str, table: pa.Table, fk: ForeignKey, parent: pa.Table) -> None:
    known = set(zip(*(parent.column(c).to_pylist() for c in fk.references)))
    for key in zip(*(table.column(c).to_pylist() for c in fk.columns)):
        if None not in key and key not in known:
            raise SchemaError(name, f"foreign key {fk}: {key!r} is not in {fk.table}")


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
    values = tuple(raw.get("values", ()))
    if values and raw["type"] != "string":
        raise SchemaError(table, f"column {column} declares values but is not a string column")
    return FieldSpec(column, raw["type"], bool(raw["nullable"]), raw["description"], str(raw.get("example", "")),
                     values)


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(path.name, f"invalid TOML: {exc}") from exc
