"""Run every stage for every document in ``raw/`` and write ``normalized/``.

For each raw file (sorted by name) ``stages.process_document`` runs ingest, normalize,
segment, extract and terms and returns a ``DocumentTables`` (the normalized text, the rows
per table, the terms table as columns). Each document's tables are written to one part
file, ``normalized/.parts/<doc_id>.part`` (Arrow IPC, see ``parts``), together with a
fingerprint (raw bytes, manifest entry, the code of the stages, lexicons, schemas and the
versions of the packages they use; see ``state``), and its normalized text beside it.
A rebuild re-processes only documents whose fingerprint changed. The new output
directory is assembled in a staging directory next to ``normalized/`` (``tables``): the
parts of the documents still in ``raw/`` are linked into it and appended to
``<table>.parquet`` in doc_id order as soon as each document is done (in batches, so
memory does not grow with the corpus; with ``--jobs`` > 1 while the workers go on, see
``workers``), and the staging directory replaces ``normalized/`` in one atomic step
(``write.replace_directory``). A build killed at any moment leaves every previous table or
every new one, never a mix; each table records the build it belongs to in its Parquet
metadata (``build_id``). When nothing changed the build is a no-op.

A document that fails is recorded in the ``problems`` table and makes the build
report failure; the other documents' rows are written as usual. What a stage kept but
could not read as printed (a 专栏 repeating an item number: ``Outline.warnings``) is a
``problems`` row too, kept in the document's part file, but the document is written and
the build does not fail.

Modules: ``stages`` (one document -> ``DocumentTables``), ``parts`` (the part file),
``state`` (fingerprints, what must be rebuilt), ``workers`` (process pool, warm-up),
``tables`` (staging, Parquet writers, corpus tables).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from pipeline.build.stages import (DOC_TABLES, DocumentTables, arrow_tables, document_tables, process_document,
                                   stage_of)
from pipeline.build.state import (STATE_FILE, DocumentJob, DocumentResult, plan_jobs, read_state, split_reusable, state_key,
                                  write_state)
from pipeline.build.tables import (ALL_TABLES, TableWriters, link_document, outputs_exist, problem_key, read_totals,
                                   stage, write_corpus_tables)
from pipeline.build.workers import run_jobs, warm_up, workers
from pipeline.errors import InputError, OutputError, PipelineError
from pipeline.model import Problem
from pipeline.schema import skip_pyarrows_pandas_probe
from pipeline.write import directory_lock, recover_directory, replace_directory

__all__ = ["ALL_TABLES", "DOC_TABLES", "BuildReport", "DocumentResult", "DocumentTables", "arrow_tables", "build",
           "document_tables", "process_document", "stage_of", "warm_up"]


@dataclass
class BuildReport:
    documents: list[DocumentResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)    # problems rows of documents still written
    totals: dict[str, int] = field(default_factory=dict)
    noop: bool = False
    not_read: list[tuple[str, str]] = field(default_factory=list)    # (name in raw/, why): neither read nor a problem

    @property
    def ok(self) -> bool:
        return not self.problems


def build(raw_dir: Path, out_dir: Path, jobs: int | None = None,
          progress: Callable[[Iterable], Iterable] | None = None,
          on_wait: Callable[[str], None] | None = None) -> BuildReport:
    """Bring ``out_dir`` up to date with ``raw_dir``; see the module docstring. ``on_wait``
    receives one line when another build holds the output's lock (this one waits for it)."""
    # the real directory: a symlinked output directory keeps its link, and is replaced
    # beside its target (a rename cannot cross file systems)
    raw_dir, out_dir = Path(raw_dir), Path(out_dir).resolve()
    skip_pyarrows_pandas_probe()
    _check_apart(raw_dir, out_dir)
    try:
        _check_output_path(out_dir)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with directory_lock(out_dir, on_wait):
            recover_directory(out_dir)
            out_dir.mkdir(exist_ok=True)
            return _build_locked(raw_dir, out_dir, jobs, progress)
    except OSError as exc:
        raise _stopped_by(exc, raw_dir, out_dir) from exc


def _stopped_by(exc: OSError, raw_dir: Path, out_dir: Path) -> PipelineError:
    """The one-line error for an OSError that stops a build (disk full, no permission, a
    manifest that is a directory …): an InputError when it is about the raw directory, an
    OutputError otherwise. Either way the published tables are untouched: the staging
    directory is removed (or replaced by the next build)."""
    where = Path(exc.filename) if exc.filename else out_dir
    reason = exc.strerror or str(exc)
    if Path(os.path.abspath(where)).is_relative_to(os.path.abspath(raw_dir)):
        return InputError(where, f"cannot read: {reason}")
    try:
        kept = f"; {out_dir} keeps the tables of the last complete build" if outputs_exist(out_dir) else ""
    except OSError:
        kept = ""
    return OutputError(where, f"{reason}; the build stopped{kept}")


def _check_apart(raw_dir: Path, out_dir: Path) -> None:
    """OutputError when ``out_dir`` is ``raw_dir`` or inside it (the tables would become inputs),
    or holds it (every build replaces the whole output directory)."""
    if out_dir.is_relative_to(raw_dir.resolve()):
        raise OutputError(out_dir, f"the output directory is inside the raw directory {raw_dir} (the next build "
                                   "would read its files as documents; choose another --out)")
    if raw_dir.resolve().is_relative_to(out_dir):
        raise OutputError(out_dir, f"the output directory holds the raw directory {raw_dir} (every build "
                                   "replaces the output directory; choose another --out)")


def _check_output_path(out_dir: Path) -> None:
    """OutputError when ``out_dir``, or the nearest of its parents that exists, is not a directory."""
    for path in (out_dir, *out_dir.parents):
        if path.exists():
            if not path.is_dir():
                raise OutputError(path, f"is not a directory (the output {out_dir} must be one)")
            return


def _build_locked(raw_dir: Path, out_dir: Path, jobs: int | None, progress) -> BuildReport:
    planned, problems, not_read = plan_jobs(raw_dir)
    build_id = state_key(planned, problems)
    if read_state(out_dir) == build_id and outputs_exist(out_dir):
        # the state is only recorded by a build without problems, so there are none
        report = BuildReport(noop=True, not_read=not_read)
        report.totals = read_totals(out_dir)
        return report

    todo, reused = split_reusable(planned, out_dir, raw_dir)
    staged = stage(out_dir, sorted(reused))
    try:
        results = _build_tables(out_dir, staged, reused, todo, build_id, jobs, progress)
        problems += [r.problem for r in results if r.problem]
        warnings = [w for r in results for w in r.warnings]
        write_corpus_tables(staged, problems + warnings, build_id)
        write_state(staged, build_id if not problems else "")
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    replace_directory(staged, out_dir, last=(STATE_FILE,))
    report = BuildReport(documents=sorted(results, key=lambda r: r.doc_id), problems=sorted(problems, key=problem_key),
                         warnings=sorted(warnings, key=problem_key), not_read=not_read)
    report.totals = read_totals(out_dir)
    return report


def _build_tables(out_dir: Path, staged: Path, reused: dict[str, DocumentResult], todo: list[DocumentJob],
                  build_id: str, jobs: int | None, progress) -> list[DocumentResult]:
    """Process ``todo`` and write every document table into ``staged``, documents in doc_id
    order: each document is appended as soon as it and all before it are done, so that
    with worker processes the tables grow while the workers go on."""
    order = sorted(set(reused) | {job.meta.doc_id for job in todo})
    results = list(reused.values())
    from pipeline.config import LEXICON_DIR
    from pipeline.lexicon_set import load_lexicons

    lexicons = load_lexicons(LEXICON_DIR) if todo else None    # once, before any worker forks
    with workers(todo, jobs, lexicons) as pool, TableWriters(staged, build_id) as tables:
        fresh = run_jobs(todo, out_dir, pool, progress, lexicons)
        for doc_id in order:
            if doc_id not in reused:
                result = next(fresh)
                results.append(result)
                if result.problem:
                    continue
                link_document(out_dir, staged, doc_id)
            tables.append(doc_id)
    return results
