"""The data dictionary (docs/data-dictionary.md), generated from ``schemas/`` alone.

The examples are the reviewed ``example`` of each column in ``schemas/fields.toml`` (checked
against the column's type and allowed values by the tests), never values of a local build:
the dictionary is the same whatever ``raw/`` holds.
"""
from __future__ import annotations

from pipeline.schema import TableSchema, load_schemas

NULL_CONVENTION = (
    "Nulls: a missing value is null in every table (never `\"\"`, `\"0\"` or NaN); `section_id` is "
    "null for rows before the first heading, in every table (in `terms` it is part of the key). "
    "`pipeline.load()` gives nullable integers as pandas `Int32`, dates as `datetime64`, and "
    "categorical columns as pandas categoricals over all their allowed values.")


def render_data_dictionary() -> str:
    """Markdown for every table declared in ``schemas/``."""
    schemas = load_schemas()
    first = next(iter(schemas.values()))
    out = [
        "# Data dictionary",
        "",
        "Generated from `schemas/fields.toml` and `schemas/tables.toml` by `make docs`; do not edit by hand.",
        f"Schema version {first.schema_version}. Every table is `normalized/<table>.parquet`; "
        "the column descriptions are also in each file's Arrow field metadata.",
        "",
        NULL_CONVENTION,
        "",
        "Types: `category` is a string column with a fixed set of values (listed under its description), "
        "stored dictionary-encoded; writing any other value is an error. `date` is Arrow date32.",
        "",
    ]
    for name in sorted(schemas):
        out += _table_section(schemas[name])
    return "\n".join(out)


def _table_section(schema: TableSchema) -> list[str]:
    out = [f"## {schema.name}", "", schema.description, "",
           f"Primary key: {', '.join(f'`{c}`' for c in schema.primary_key)}", ""]
    if schema.foreign_keys:
        out.append("Foreign keys (checked when the table is written; a null refers to nothing):")
        out += [f"- {', '.join(f'`{c}`' for c in fk.columns)} → `{fk.table}` "
                f"({', '.join(f'`{c}`' for c in fk.references)})" for fk in schema.foreign_keys]
        out.append("")
    out += ["| column | type | nullable | description | example |",
            "| --- | --- | --- | --- | --- |"]
    for spec in schema.fields:
        description = spec.description
        if spec.values:
            description += ". Values: " + ", ".join(f"`{v}`" for v in spec.values)
        out.append(f"| `{spec.name}` | {'category' if spec.values else spec.type} | "
                   f"{'yes' if spec.nullable else 'no'} | {_cell(description)} | {_cell(spec.example, limit=40)} |")
    out.append("")
    return out


def _cell(text: str, limit: int | None = None) -> str:
    text = str(text).replace("|", "\\|").replace("\n", " ")
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"
