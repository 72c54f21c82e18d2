"""The data dictionary, generated from ``schemas/`` with example values from built tables."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from pipeline.schema import data_dictionary, load_schemas


def render_data_dictionary(out_dir: Path | None = None) -> str:
    """Markdown for every table; examples come from ``out_dir`` tables when they are built."""
    schemas = load_schemas()
    examples = {}
    for name in schemas:
        path = Path(out_dir) / f"{name}.parquet" if out_dir else None
        if path is not None and path.exists():
            examples[name] = first_values(path)
    return data_dictionary(schemas, examples)


def first_values(path: Path) -> dict[str, str]:
    """First non-null, non-empty value of each column, as text."""
    table = pq.read_table(path)
    values = {}
    for name in table.column_names:
        for value in table.column(name).to_pylist():
            if value not in (None, "", []):
                values[name] = _format(value)
                break
    return values


def _format(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_format(v) for v in value[:4]) + (", …" if len(value) > 4 else "") + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
