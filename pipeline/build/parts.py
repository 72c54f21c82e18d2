"""The part file: one document's tables and text, kept in ``normalized/.parts/`` between builds.

``<doc_id>.part`` is one line of JSON (fingerprint, row counts, where each table starts and
ends) followed by the tables as Arrow IPC files back to back: one file per document instead
of one per table, several times faster to write and read than Parquet. The normalized text
is beside it, ``<doc_id>.txt`` (published as ``text/<doc_id>.txt``).
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from pipeline.build.stages import DocumentTables, arrow_tables
from pipeline.write import atomic_path, write_text

PARTS_DIR = ".parts"
PART_SUFFIX = ".part"


def write_part(tables: DocumentTables, doc_id: str, fingerprint: str, out_dir: Path) -> dict[str, int]:
    """Validate the document's tables and write them and its text, each file atomically;
    returns the row count of every table."""
    counts, spans, blobs, offset = {}, {}, [], 0
    for name, table in arrow_tables(tables).items():
        blob = _ipc_bytes(table)
        counts[name] = table.num_rows
        spans[name] = [offset, offset + blob.size]
        blobs.append(blob)
        offset += blob.size
    header = {"fingerprint": fingerprint, "counts": counts, "tables": spans}
    if tables.warnings:
        header["warnings"] = list(tables.warnings)
    write_text(tables.text, text_path(out_dir, doc_id))
    with atomic_path(part_path(out_dir, doc_id)) as tmp, open(tmp, "wb") as handle:
        handle.write(json.dumps(header, sort_keys=True).encode() + b"\n")
        for blob in blobs:
            handle.write(blob)
    return counts


def _ipc_bytes(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def part_path(out_dir: Path, doc_id: str) -> Path:
    return out_dir / PARTS_DIR / f"{doc_id}{PART_SUFFIX}"


def text_path(out_dir: Path, doc_id: str) -> Path:
    """The document's normalized text, kept with its part (published as text/<doc_id>.txt)."""
    return out_dir / PARTS_DIR / f"{doc_id}.txt"


def read_header(out_dir: Path, doc_id: str) -> dict | None:
    """The JSON line at the top of a document's part file (None: missing or unreadable)."""
    try:
        with open(part_path(out_dir, doc_id), "rb") as handle:
            header = json.loads(handle.readline())
    except (OSError, ValueError):
        return None
    return header if isinstance(header, dict) else None


def read_part(out_dir: Path, doc_id: str) -> dict[str, pa.Table]:
    """Every table of a document's part file. Each table owns a copy of its own bytes only,
    so keeping a small table does not keep the whole file in memory."""
    data = part_path(out_dir, doc_id).read_bytes()
    header_end = data.index(b"\n") + 1
    spans = json.loads(data[:header_end])["tables"]
    return {name: pa.ipc.open_file(pa.py_buffer(data[header_end + begin:header_end + end])).read_all()
            for name, (begin, end) in spans.items()}


def remove_part(out_dir: Path, doc_id: str) -> None:
    part_path(out_dir, doc_id).unlink(missing_ok=True)
    text_path(out_dir, doc_id).unlink(missing_ok=True)
