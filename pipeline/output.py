"""One way to print a table for every command that prints one: ``--json``, ``--csv`` or text.

A subcommand that prints a DataFrame adds the options with ``add_format_options(parser)`` and
prints with ``emit(frame, args, text)``: ``text`` (the terminal view, a string or a function
making it from the frame) is used unless ``--json`` or ``--csv`` is given. JSON is one array
of objects, one per row, in the sqlite-utils / datasette convention: nulls are ``null``,
dates ISO strings, lists arrays; CSV has a header row, lists as JSON, nulls empty.
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import sys
from typing import TYPE_CHECKING, Callable, TextIO, Union

if TYPE_CHECKING:           # pandas is imported when rows are printed, not by ``build``
    import pandas as pd

TEXT, JSON, CSV = "text", "json", "csv"
TextView = Union[str, Callable[["pd.DataFrame"], str], None]


def add_format_options(parser: argparse.ArgumentParser) -> None:
    """``--json`` / ``--csv`` (mutually exclusive) setting ``args.format``; text by default."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", dest="format", action="store_const", const=JSON,
                       help="print the rows as a JSON array of objects")
    group.add_argument("--csv", dest="format", action="store_const", const=CSV,
                       help="print the rows as CSV with a header row")
    parser.set_defaults(format=TEXT)


def emit(frame: pd.DataFrame, args: argparse.Namespace, text: TextView = None, stream: TextIO | None = None) -> None:
    """Print ``frame`` in the format ``args.format`` asks for (see the module docstring)."""
    stream = stream or sys.stdout
    fmt = getattr(args, "format", TEXT)
    if fmt == JSON:
        stream.write(to_json(frame) + "\n")
    elif fmt == CSV:
        stream.write(to_csv(frame))
    else:
        stream.write((text(frame) if callable(text) else text if text is not None else to_text(frame)) + "\n")


def to_json(frame: pd.DataFrame) -> str:
    """A JSON array with one object per line."""
    rows = [json.dumps({column: plain(value) for column, value in zip(frame.columns, row)}, ensure_ascii=False)
            for row in frame.itertuples(index=False, name=None)]
    return "[\n" + ",\n".join(rows) + "\n]" if rows else "[]"


def to_csv(frame: pd.DataFrame) -> str:
    return cells_of(frame, csv_cell).to_csv(index=False, lineterminator="\n")


def to_text(frame: pd.DataFrame) -> str:
    """The rows as an aligned table (Chinese characters counted two columns wide)."""
    import pandas as pd

    if frame.empty:
        return f"(no rows; columns: {', '.join(map(str, frame.columns))})"
    cells = cells_of(frame, _text_cell)
    with pd.option_context("display.unicode.east_asian_width", True, "display.max_colwidth", 60,
                           "display.width", 10_000, "display.max_columns", None, "display.max_rows", None):
        return cells.to_string(index=False)


def cells_of(frame: pd.DataFrame, cell: Callable) -> pd.DataFrame:
    """Every cell through ``cell``, as objects (an Int32 column stays 1, not 1.0)."""
    import pandas as pd

    return pd.DataFrame({column: pd.Series([cell(v) for v in frame[column]], dtype=object, index=frame.index)
                         for column in frame.columns}, columns=frame.columns)


def plain(value):
    """A cell as plain JSON-able Python: NA/NaN/NaT → None, numpy scalars → int/float/bool,
    dates → ISO strings, arrays → lists."""
    import numpy as np
    import pandas as pd

    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (pd.Timestamp, datetime.datetime)):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def csv_cell(value):
    value = plain(value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _text_cell(value) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
