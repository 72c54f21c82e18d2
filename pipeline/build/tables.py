"""The staged output directory: parts linked in, document tables appended, corpus tables.

``stage`` makes a fresh staging directory next to ``normalized/`` holding the parts and
texts of the reused documents (hard links) and every file the build does not manage;
``TableWriters`` appends each document's rows from its part file to ``<table>.parquet`` in
doc_id order; ``write_corpus_tables`` adds the tables made from the others, from the catalogue lexicon and
from the build (target_changes, indicator_catalog, problems). Every table records its build in its metadata (``build_id``).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.build.parts import PARTS_DIR, part_path, read_part, text_path
from pipeline.build.stages import DOC_TABLES
from pipeline.build.state import STATE_FILE
from pipeline.model import Problem
from pipeline.schema import check_foreign_keys, load_schemas
from pipeline.write import INNER_NAMES, link_or_copy, parquet_writer, staging_path, write_parquet

CORPUS_TABLES = ("target_changes", "indicator_catalog", "problems")
ALL_TABLES = DOC_TABLES + CORPUS_TABLES
TEXT_DIR = "text"
BUILD_ID_KEY = b"build_id"
# Documents are written to Parquet in batches (one row group each) of at least this many
# rows or bytes, whichever comes first: bounded memory, and not one tiny row group per document.
ROW_GROUP_ROWS = 65_536
ROW_GROUP_BYTES = 8 << 20
COMPACT_PARTS = 32


def stage(out_dir: Path, doc_ids: list[str]) -> Path:
    """A fresh staging directory holding the parts and texts of ``doc_ids`` and every file of
    ``out_dir`` the build does not manage (such as a ``.gitkeep``), all hard links."""
    staged = staging_path(out_dir)
    shutil.rmtree(staged, ignore_errors=True)
    (staged / PARTS_DIR).mkdir(parents=True)
    (staged / TEXT_DIR).mkdir()
    for doc_id in doc_ids:
        link_document(out_dir, staged, doc_id)
    managed = {f"{name}.parquet" for name in ALL_TABLES} | {PARTS_DIR, TEXT_DIR, STATE_FILE}
    for child in sorted(out_dir.iterdir()):
        if child.name in managed or child.name in INNER_NAMES or child.name.endswith(".tmp"):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.copytree(child, staged / child.name, symlinks=True, copy_function=_link_file)
        else:
            link_or_copy(child, staged / child.name)
    return staged


def link_document(out_dir: Path, staged: Path, doc_id: str) -> None:
    link_or_copy(part_path(out_dir, doc_id), part_path(staged, doc_id))
    link_or_copy(text_path(out_dir, doc_id), text_path(staged, doc_id))
    link_or_copy(text_path(out_dir, doc_id), staged / TEXT_DIR / f"{doc_id}.txt")


def _link_file(source: str, destination: str) -> None:
    link_or_copy(Path(source), Path(destination))


class TableWriters:
    """One Parquet writer per document table in the staging directory; ``append(doc_id)``
    adds a document's rows from its part file. Rows are written in batches of at least
    ``ROW_GROUP_ROWS`` rows or ``ROW_GROUP_BYTES`` (one row group each), so memory does not
    grow with the corpus and the bytes do not depend on when documents arrive."""

    def __init__(self, staged: Path, build_id: str):
        self.staged = staged
        self.schemas = {name: with_build_id(load_schemas()[name].to_arrow(), build_id) for name in DOC_TABLES}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.batches: dict[str, list[pa.Table]] = {name: [] for name in DOC_TABLES}
        self.rows = dict.fromkeys(DOC_TABLES, 0)
        self.bytes = dict.fromkeys(DOC_TABLES, 0)
        self.written = dict.fromkeys(DOC_TABLES, False)

    def __enter__(self) -> "TableWriters":
        for name in DOC_TABLES:
            self.writers[name] = parquet_writer(str(self.staged / f"{name}.parquet"), self.schemas[name])
        return self

    def append(self, doc_id: str) -> None:
        parts = read_part(self.staged, doc_id)
        for name in DOC_TABLES:
            part = parts[name]
            if part.num_rows:
                self.batches[name].append(part)
                self.rows[name] += part.num_rows
                self.bytes[name] += part.nbytes
                if self.rows[name] >= ROW_GROUP_ROWS or self.bytes[name] >= ROW_GROUP_BYTES:
                    self._flush(name)
                elif len(self.batches[name]) >= COMPACT_PARTS:
                    # a part read from its file carries the file's schema and footer (kilobytes
                    # per table): copy the rows of a small table out of them now and then
                    self.batches[name] = [pa.concat_tables(self.batches[name]).combine_chunks()]

    def _flush(self, name: str) -> None:
        if self.batches[name]:
            table = pa.concat_tables(self.batches[name]).replace_schema_metadata(self.schemas[name].metadata)
            self.writers[name].write_table(table)
            self.written[name] = True
        self.batches[name], self.rows[name], self.bytes[name] = [], 0, 0

    def __exit__(self, exc_type, exc, tb) -> None:
        for name, writer in self.writers.items():
            if exc_type is None:
                self._flush(name)
                if not self.written[name]:
                    writer.write_table(self.schemas[name].empty_table())
            writer.close()


def write_corpus_tables(staged: Path, problems: list[Problem], build_id: str) -> None:
    """The corpus tables made from the others (edition changes), from the catalogue lexicon
    and from the build."""
    from pipeline.catalog import catalog_rows, load_indicator_catalog
    from pipeline.config import LEXICON_DIR

    schemas = load_schemas()
    changes = schemas["target_changes"].to_table(
        _edition_changes(str(staged / "documents.parquet"), str(staged / "targets.parquet")))
    catalog = schemas["indicator_catalog"].to_table(catalog_rows(load_indicator_catalog(LEXICON_DIR)))
    # (ParquetFile, not read_table: that imports pyarrow.dataset, and with it pandas)
    check_foreign_keys({"target_changes": changes, "indicator_catalog": catalog,
                        "targets": pq.ParquetFile(staged / "targets.parquet").read(
                            columns=["doc_id", "target_id", "indicator_id"]),
                        "indicators": pq.ParquetFile(staged / "indicators.parquet").read(columns=["indicator_id"])},
                       schemas)
    problem_rows = schemas["problems"].to_table(_unique_problems(problems))
    for name, table in (("target_changes", changes), ("indicator_catalog", catalog), ("problems", problem_rows)):
        metadata = with_build_id(table.schema, build_id).metadata
        write_parquet(table.replace_schema_metadata(metadata), str(staged / f"{name}.parquet"))


def with_build_id(schema: pa.Schema, build_id: str) -> pa.Schema:
    """Record the build in a table's metadata: all tables of one build carry the same id."""
    return schema.with_metadata({**(schema.metadata or {}), BUILD_ID_KEY: build_id.encode()})


def _edition_changes(documents_path: str, targets_path: str) -> list:
    plan_ids = [p for p in pq.ParquetFile(documents_path).read(columns=["plan_id"])["plan_id"].to_pylist() if p]
    if len(plan_ids) == len(set(plan_ids)):
        return []               # no plan with two editions (and no pandas import for nothing)
    import pandas as pd

    from pipeline import compare

    documents = pd.read_parquet(documents_path, columns=["doc_id", "plan_id", "issue_date", "edition"])
    targets = pd.read_parquet(targets_path)
    return compare.edition_changes(documents, targets)


def _unique_problems(problems: list[Problem]) -> list[Problem]:
    seen, unique = set(), []
    for p in sorted(problems, key=problem_key):
        key = problem_key(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def problem_key(p: Problem):
    return (p.source_path, p.stage, p.message)


def outputs_exist(out_dir: Path) -> bool:
    return all((out_dir / f"{name}.parquet").exists() for name in ALL_TABLES)


def read_totals(out_dir: Path) -> dict[str, int]:
    return {name: pq.ParquetFile(out_dir / f"{name}.parquet").metadata.num_rows
            for name in ALL_TABLES if (out_dir / f"{name}.parquet").exists()}
