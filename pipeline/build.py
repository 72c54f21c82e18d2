"""Run every stage for every document in ``raw/`` and write ``normalized/``.

For each raw file (sorted by name)::

    meta    = manifest.meta_for(path, manifest)        # raw/manifest.toml or the file name
    raw     = ingest.read_document(path, meta, lexicons.chrome)   -> RawDocument
    doc     = normalize.normalize(raw, lexicons.normalize)        -> NormalizedDocument
    outline = segment.segment(doc)                                -> Outline
    targets = extract.extract_targets(outline)                    -> list[Target]
    terms   = terms.term_columns(outline, lexicons.terms)         -> terms table columns (count_terms: rows)

``lexicons`` (``pipeline.stage_lexicons``) are loaded once per build from ``LEXICON_DIR``,
before any document and before worker processes are forked.

Each document's rows are written to one part file, ``normalized/.parts/<doc_id>.part``
(every table as Arrow IPC, see ``_write_parts``), together with a fingerprint (raw
bytes, manifest entry, pipeline code and lexicons), and its normalized text beside it.
A rebuild re-processes only documents whose fingerprint changed. The new output
directory is assembled in a staging directory next to ``normalized/``: the parts of the
documents still in ``raw/`` are linked into it and appended to ``<table>.parquet`` in
doc_id order as soon as each document is done (in batches, so memory does not grow with
the corpus; with ``--jobs`` > 1 while the workers go on), and the staging directory
replaces ``normalized/`` in one atomic step (``write.replace_directory``). A build
killed at any moment leaves every previous table or every new one, never a mix; each
table records the build it belongs to in its Parquet metadata (``build_id``). When
nothing changed the build is a no-op.

A document that fails is recorded in the ``problems`` table and makes the build
report failure; the other documents' rows are written as usual.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import __version__, manifest
from pipeline.config import LEXICON_DIR, SCHEMA_DIR
from pipeline.errors import InputError, OutputError, PipelineError, RuleError, SchemaError
from pipeline.model import Document, DocumentMeta, Outline, Problem, RawDocument
from pipeline.schema import load_schemas, skip_pyarrows_pandas_probe
from pipeline.write import (atomic_path, directory_lock, link_or_copy, parquet_writer, recover_directory,
                            replace_directory, staging_path, write_parquet, write_text)

if TYPE_CHECKING:
    from pipeline.stage_lexicons import StageLexicons

PARTS_DIR = ".parts"
STATE_FILE = "_build.json"
PART_SUFFIX = ".part"
TEXT_DIR = "text"
BUILD_ID_KEY = b"build_id"
# Documents are written to Parquet in batches (one row group each) of at least this many
# rows or bytes, whichever comes first: bounded memory, and not one tiny row group per document.
ROW_GROUP_ROWS = 65_536
ROW_GROUP_BYTES = 8 << 20
COMPACT_PARTS = 32
DOC_TABLES = ("documents", "sections", "paragraphs", "columns", "column_items",
              "indicators", "targets", "terms", "conversions")
ALL_TABLES = DOC_TABLES + ("target_changes", "problems")


@dataclass(frozen=True)
class DocumentJob:
    path: Path
    raw_dir: Path
    meta: DocumentMeta
    fingerprint: str


@dataclass
class DocumentResult:
    doc_id: str
    source_path: str
    counts: dict[str, int] = field(default_factory=dict)
    problem: Optional[Problem] = None
    reused: bool = False


@dataclass
class BuildReport:
    documents: list[DocumentResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    noop: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


# --------------------------------------------------------------------------- one document


def process_document(path: Path, meta: DocumentMeta, lexicons: "StageLexicons",
                     raw_dir: Path | None = None) -> dict[str, list | dict | str]:
    """All stages for one document → rows per table, or columns (name → values) for the
    large terms table, and the normalized text under "_text" (no I/O besides reading ``path``)."""
    # Imported here so that a no-op rebuild does not pay for loading jieba, OpenCC and bs4.
    from pipeline import ingest

    raw = ingest.read_document(path, meta, lexicons.chrome)
    if raw_dir is not None:
        raw = replace(raw, source_path=_relative(path, raw_dir))
    return document_tables(raw, lexicons)


def document_tables(raw: RawDocument, lexicons: "StageLexicons") -> dict[str, list | dict | str]:
    """The stages after ingest, for one decoded document (see ``process_document``)."""
    from pipeline import extract, normalize, segment, terms

    doc = normalize.normalize(raw, lexicons.normalize)
    outline = segment.segment(doc)
    targets = extract.extract_targets(outline)
    term_columns = terms.term_columns(outline, lexicons.terms)
    document = _document_row(outline, targets, raw.meta)
    return {
        "documents": [document],
        "sections": list(outline.sections),
        "paragraphs": list(outline.paragraphs),
        "columns": list(outline.columns),
        "column_items": list(outline.column_items),
        "indicators": list(outline.indicators),
        "targets": list(targets),
        "terms": term_columns,          # columns, not rows: see terms.term_columns
        "conversions": list(doc.conversions),
        "_text": "\n".join(doc.lines) + "\n",
    }


def _document_row(outline: Outline, targets: list, meta: DocumentMeta) -> Document:
    doc, raw = outline.doc, outline.doc.raw
    front = outline.front_matter or {}
    return Document(
        doc_id=meta.doc_id,
        title=meta.title or front.get("title"),
        issuer=meta.issuer or front.get("issuer"),
        region=meta.region,
        period=meta.period,
        issue_date=meta.issue_date or front.get("issue_date"),
        doc_number=meta.doc_number or front.get("doc_number"),
        source=meta.source,
        plan_id=meta.plan_id,
        edition=meta.edition,
        source_path=raw.source_path,
        source_sha256=raw.sha256,
        encoding=raw.encoding,
        format=raw.format,
        script=doc.script,
        taiwan_phrasing=doc.taiwan_phrasing,
        n_lines=len(raw.lines),
        n_chars=sum(len(line) for line in doc.lines),
        n_sections=len(outline.sections),
        n_paragraphs=len(outline.paragraphs),
        n_columns=len(outline.columns),
        n_indicators=len(outline.indicators),
        n_targets=len(targets),
        n_conversions=len(doc.conversions),
        pipeline_version=__version__,
    )


def _run_job(job: DocumentJob, out_dir: Path, lexicons: "StageLexicons") -> DocumentResult:
    """Process one document and write its parts; never raises a PipelineError."""
    source_path = _relative(job.path, job.raw_dir)
    try:
        tables = process_document(job.path, job.meta, lexicons, job.raw_dir)
        counts = _write_parts(tables, job, out_dir)
    except PipelineError as exc:
        _remove_parts(out_dir, job.meta.doc_id)
        return DocumentResult(job.meta.doc_id, source_path,
                              problem=Problem(source_path, job.meta.doc_id, _stage_of(exc), str(exc)))
    return DocumentResult(job.meta.doc_id, source_path, counts=counts)


def _stage_of(exc: PipelineError) -> str:
    """The problems table's stage for an error: input, schema (write) or lexicon (rules)."""
    if isinstance(exc, InputError):
        return "ingest"
    if isinstance(exc, SchemaError):
        return "write"
    if isinstance(exc, RuleError):
        return "lexicon"
    return "build"


def _write_parts(tables: dict[str, list | dict], job: DocumentJob, out_dir: Path) -> dict[str, int]:
    """Validate the document's tables and write them to its part file, atomically.

    A part file is one line of JSON (fingerprint, row counts, where each table starts and
    ends) followed by the tables as Arrow IPC files back to back: one file per document
    instead of one per table, several times faster to write and read than Parquet.
    """
    counts, spans, blobs, offset = {}, {}, [], 0
    for name, table in _arrow_tables(tables).items():
        blob = _ipc_bytes(table)
        counts[name] = table.num_rows
        spans[name] = [offset, offset + blob.size]
        blobs.append(blob)
        offset += blob.size
    header = {"fingerprint": job.fingerprint, "counts": counts, "tables": spans}
    write_text(tables["_text"], _text_path(out_dir, job.meta.doc_id))
    with atomic_path(_part_path(out_dir, job.meta.doc_id)) as tmp, open(tmp, "wb") as handle:
        handle.write(json.dumps(header, sort_keys=True).encode() + b"\n")
        for blob in blobs:
            handle.write(blob)
    return counts


def _arrow_tables(tables: dict[str, list | dict]) -> dict[str, pa.Table]:
    """A document's rows (or columns) → validated Arrow tables, in ``DOC_TABLES`` order."""
    schemas = load_schemas()
    return {name: schemas[name].from_columns(tables[name]) if isinstance(tables[name], dict)
            else schemas[name].to_table(tables[name])
            for name in DOC_TABLES}


def _ipc_bytes(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _part_path(out_dir: Path, doc_id: str) -> Path:
    return out_dir / PARTS_DIR / f"{doc_id}{PART_SUFFIX}"


def _text_path(out_dir: Path, doc_id: str) -> Path:
    """The document's normalized text, kept with its part (published as text/<doc_id>.txt)."""
    return out_dir / PARTS_DIR / f"{doc_id}.txt"


def _read_header(out_dir: Path, doc_id: str) -> dict | None:
    """The JSON line at the top of a document's part file (None: missing or unreadable)."""
    try:
        with open(_part_path(out_dir, doc_id), "rb") as handle:
            header = json.loads(handle.readline())
    except (OSError, ValueError):
        return None
    return header if isinstance(header, dict) else None


def _read_parts(out_dir: Path, doc_id: str) -> dict[str, pa.Table]:
    """Every table of a document's part file. Each table owns a copy of its own bytes only,
    so keeping a small table does not keep the whole file in memory."""
    data = _part_path(out_dir, doc_id).read_bytes()
    header_end = data.index(b"\n") + 1
    spans = json.loads(data[:header_end])["tables"]
    return {name: pa.ipc.open_file(pa.py_buffer(data[header_end + begin:header_end + end])).read_all()
            for name, (begin, end) in spans.items()}


def _remove_parts(out_dir: Path, doc_id: str) -> None:
    _part_path(out_dir, doc_id).unlink(missing_ok=True)
    _text_path(out_dir, doc_id).unlink(missing_ok=True)


# --------------------------------------------------------------------------- the corpus


def pipeline_fingerprint() -> str:
    """Hash of the code, lexicons and schemas: a change re-processes every document."""
    digest = hashlib.sha256(__version__.encode())
    package_dir = Path(__file__).resolve().parent
    files = sorted(package_dir.glob("*.py")) + sorted(LEXICON_DIR.glob("*")) + sorted(SCHEMA_DIR.glob("*.toml"))
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def document_fingerprint(path: Path, meta: DocumentMeta, code: str) -> str:
    digest = hashlib.sha256(code.encode())
    digest.update(json.dumps(asdict(meta), sort_keys=True, ensure_ascii=False).encode())
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def plan_jobs(raw_dir: Path) -> tuple[list[DocumentJob], list[Problem]]:
    """Documents to build and the problems found before any of them is read."""
    entries, problems = manifest.load_manifest_checked(raw_dir)
    code = pipeline_fingerprint()
    jobs, seen = [], {}
    for path in manifest.list_raw_files(raw_dir):
        source_path = _relative(path, raw_dir)
        meta = manifest.meta_for(path, entries)
        if meta.doc_id in seen:
            problems.append(Problem(source_path, meta.doc_id, "manifest",
                                    f"{source_path}: doc_id {meta.doc_id!r} is already used by {seen[meta.doc_id]}; "
                                    "give one of them another doc_id in raw/manifest.toml"))
            continue
        seen[meta.doc_id] = source_path
        try:
            fingerprint = document_fingerprint(path, meta, code)
        except OSError as exc:
            problems.append(Problem(source_path, meta.doc_id, "ingest", f"{source_path}: cannot read: {exc}"))
            continue
        jobs.append(DocumentJob(path, raw_dir, meta, fingerprint))
    return jobs, problems


def build(raw_dir: Path, out_dir: Path, jobs: int | None = None,
          progress: Callable[[Iterable], Iterable] | None = None) -> BuildReport:
    """Bring ``out_dir`` up to date with ``raw_dir``; see the module docstring."""
    # the real directory: a symlinked output directory keeps its link, and is replaced
    # beside its target (a rename cannot cross file systems)
    raw_dir, out_dir = Path(raw_dir), Path(out_dir).resolve()
    skip_pyarrows_pandas_probe()
    try:
        _check_output_path(out_dir)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with directory_lock(out_dir):
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
        kept = f"; {out_dir} keeps the tables of the last complete build" if _outputs_exist(out_dir) else ""
    except OSError:
        kept = ""
    return OutputError(where, f"{reason}; the build stopped{kept}")


def _check_output_path(out_dir: Path) -> None:
    """OutputError when ``out_dir``, or the nearest of its parents that exists, is not a directory."""
    for path in (out_dir, *out_dir.parents):
        if path.exists():
            if not path.is_dir():
                raise OutputError(path, f"is not a directory (the output {out_dir} must be one)")
            return


def _build_locked(raw_dir: Path, out_dir: Path, jobs: int | None, progress) -> BuildReport:
    planned, problems = plan_jobs(raw_dir)
    state_key = _state_key(planned, problems)
    if _read_state(out_dir) == state_key and _outputs_exist(out_dir):
        # the state is only recorded by a build without problems, so there are none
        report = BuildReport(noop=True)
        report.totals = _read_totals(out_dir)
        return report

    todo, reused = [], {}
    for job in planned:
        header = _read_header(out_dir, job.meta.doc_id) or {}
        if header.get("fingerprint") == job.fingerprint and _text_path(out_dir, job.meta.doc_id).exists():
            reused[job.meta.doc_id] = DocumentResult(job.meta.doc_id, _relative(job.path, raw_dir),
                                                     counts=dict(header.get("counts", {})), reused=True)
        else:
            todo.append(job)
    todo.sort(key=lambda job: job.meta.doc_id)     # results arrive in the tables' order
    # loaded once, before any fork; after the no-op check, which a lexicon change never passes
    # (lexicons are part of every document's fingerprint)
    from pipeline.stage_lexicons import load_stage_lexicons

    lexicons = load_stage_lexicons(LEXICON_DIR)
    staged = _stage(out_dir, sorted(reused))
    try:
        results = _build_tables(out_dir, staged, reused, todo, state_key, jobs, progress, lexicons)
        problems += [r.problem for r in results if r.problem]
        _write_edition_and_problem_tables(staged, problems, state_key)
        _write_state(staged, state_key if not problems else "")
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    replace_directory(staged, out_dir)
    report = BuildReport(documents=sorted(results, key=lambda r: r.doc_id), problems=sorted(problems, key=_problem_key))
    report.totals = _read_totals(out_dir)
    return report


def _build_tables(out_dir: Path, staged: Path, reused: dict[str, DocumentResult], todo: list[DocumentJob],
                  build_id: str, jobs: int | None, progress, lexicons: "StageLexicons") -> list[DocumentResult]:
    """Process ``todo`` and write every document table into ``staged``, documents in doc_id
    order: each document is appended as soon as it and all before it are done, so that
    with worker processes the tables grow while the workers go on."""
    order = sorted(set(reused) | {job.meta.doc_id for job in todo})
    results = list(reused.values())
    with _workers(todo, jobs, lexicons) as pool, _TableWriters(staged, build_id) as tables:
        fresh = _run_jobs(todo, out_dir, pool, progress, lexicons)
        for doc_id in order:
            if doc_id not in reused:
                result = next(fresh)
                results.append(result)
                if result.problem:
                    continue
                _link_document(out_dir, staged, doc_id)
            tables.append(doc_id)
    return results


def _stage(out_dir: Path, doc_ids: list[str]) -> Path:
    """A fresh staging directory holding the parts and texts of ``doc_ids`` and every file of
    ``out_dir`` the build does not manage (such as a ``.gitkeep``), all hard links."""
    staged = staging_path(out_dir)
    shutil.rmtree(staged, ignore_errors=True)
    (staged / PARTS_DIR).mkdir(parents=True)
    (staged / TEXT_DIR).mkdir()
    for doc_id in doc_ids:
        _link_document(out_dir, staged, doc_id)
    managed = {f"{name}.parquet" for name in ALL_TABLES} | {PARTS_DIR, TEXT_DIR, STATE_FILE}
    for child in sorted(out_dir.iterdir()):
        if child.name in managed or child.name.endswith(".tmp"):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.copytree(child, staged / child.name, symlinks=True, copy_function=_link_file)
        else:
            link_or_copy(child, staged / child.name)
    return staged


def _link_document(out_dir: Path, staged: Path, doc_id: str) -> None:
    link_or_copy(_part_path(out_dir, doc_id), _part_path(staged, doc_id))
    link_or_copy(_text_path(out_dir, doc_id), _text_path(staged, doc_id))
    link_or_copy(_text_path(out_dir, doc_id), staged / TEXT_DIR / f"{doc_id}.txt")


def _link_file(source: str, destination: str) -> None:
    link_or_copy(Path(source), Path(destination))


@contextlib.contextmanager
def _workers(todo: list[DocumentJob], jobs: int | None, lexicons: "StageLexicons") -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for ``todo`` (None: work in this process), dictionaries loaded first.

    Dictionaries and lexicons are loaded once, before any document, and hidden from the
    garbage collector (``_freeze_loaded_objects``); forked workers inherit them instead of
    each spending seconds on jieba and OpenCC start-up.
    """
    jobs = jobs or os.cpu_count() or 1
    if not todo:
        yield None
        return
    from pipeline.ingest import HTML_SUFFIXES

    warm_up(lexicons, html=any(job.path.suffix.lower() in HTML_SUFFIXES for job in todo))
    _freeze_loaded_objects()
    try:
        if jobs == 1 or len(todo) <= 1:
            yield None
            return
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                                   initargs=(lexicons,))
        try:
            yield pool
        except BaseException:
            pool.shutdown(cancel_futures=True)      # a failed build does not go on with the rest
            raise
        pool.shutdown()
    finally:
        gc.unfreeze()


def _leave_interrupts_to_the_parent() -> None:
    """In a worker: ignore Ctrl-C, which the whole process group receives. The parent stops
    the build (the documents being processed finish, the queued ones are cancelled)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_worker_lexicons: "StageLexicons | None" = None    # in a worker process: the build's lexicons


def _start_worker(lexicons: "StageLexicons") -> None:
    """In a worker: keep the build's lexicons (inherited by the fork, not copied) for its jobs."""
    global _worker_lexicons
    _worker_lexicons = lexicons
    _leave_interrupts_to_the_parent()


def _run_in_worker(job: DocumentJob, out_dir: Path) -> DocumentResult:
    return _run_job(job, out_dir, _worker_lexicons)


def _run_jobs(todo: list[DocumentJob], out_dir: Path, pool: ProcessPoolExecutor | None,
              progress, lexicons: "StageLexicons") -> Iterator[DocumentResult]:
    """Results of ``todo``, in its order, as they become available."""
    wrap = progress or (lambda it, **_: it)
    if pool is None:
        return (_run_job(job, out_dir, lexicons) for job in wrap(todo, total=len(todo)))
    futures = [pool.submit(_run_in_worker, job, out_dir) for job in todo]
    return (f.result() for f in wrap(futures, total=len(futures)))


# A few lines of plan text, in Traditional with Taiwan phrasing, that pass through every
# stage: headings, a paragraph with targets, table residue, an indicator table, a 专栏.
WARM_UP_LINES = (
    "一、規劃背景",
    "（一）發展基礎",
    "到2025年，城鎮新增就業500萬人以上，數位化改革最佳化營商環境。",
    "| | | |",
    "指標\t單位\t2020年\t2025年\t屬性",
    "城鎮新增就業\t萬人\t〔564〕\t〔500〕\t預期性",
    "專欄1 就業優先重點工程 01 高校畢業生就業促進行動 每年幫扶高校畢業生10萬人。",
)


def warm_up(lexicons: "StageLexicons", html: bool = True) -> None:
    """Load every stage's modules, dictionaries and lexicons (they are cached per process) by
    running the stages on ``WARM_UP_LINES``; the HTML reader (bs4) only with ``html``: a
    document found to be HTML loads it anyway. Before worker processes are forked, so that
    they share what is loaded instead of each loading it again."""
    from pipeline import ingest

    path = Path("warm-up.txt")
    text, encoding = ingest.decode_bytes("\n".join(WARM_UP_LINES).encode("utf-8"), path)
    raw = RawDocument(DocumentMeta(doc_id="warm-up"), str(path), "", encoding, "text", ingest.split_lines(text))
    _arrow_tables(document_tables(raw, lexicons))
    if html:
        from pipeline import html_blocks

        page = ("<html><head><title>規劃&nbsp;&amp;</title><style>p {}</style><script>x = 1;</script></head><body>"
                + "".join(f"<p>{line}</p>" for line in WARM_UP_LINES) + "</body></html>")
        html_blocks.html_to_blocks(page, Path("warm-up.html"), lexicons.chrome)


def _freeze_loaded_objects() -> None:
    """Move the loaded dictionaries out of the garbage collector's sight.

    They live as long as the process, so scanning them in every full collection is wasted
    time, and in a forked worker it would also copy their memory pages (copy-on-write).
    ``_workers`` unfreezes them when the build is done.
    """
    gc.collect()
    gc.freeze()


class _TableWriters:
    """One Parquet writer per document table in the staging directory; ``append(doc_id)``
    adds a document's rows from its part file. Rows are written in batches of at least
    ``ROW_GROUP_ROWS`` rows or ``ROW_GROUP_BYTES`` (one row group each), so memory does not
    grow with the corpus and the bytes do not depend on when documents arrive."""

    def __init__(self, staged: Path, build_id: str):
        self.staged = staged
        self.schemas = {name: _with_build_id(load_schemas()[name].to_arrow(), build_id) for name in DOC_TABLES}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.batches: dict[str, list[pa.Table]] = {name: [] for name in DOC_TABLES}
        self.rows = dict.fromkeys(DOC_TABLES, 0)
        self.bytes = dict.fromkeys(DOC_TABLES, 0)
        self.written = dict.fromkeys(DOC_TABLES, False)

    def __enter__(self) -> "_TableWriters":
        for name in DOC_TABLES:
            self.writers[name] = parquet_writer(str(self.staged / f"{name}.parquet"), self.schemas[name])
        return self

    def append(self, doc_id: str) -> None:
        parts = _read_parts(self.staged, doc_id)
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


def _write_edition_and_problem_tables(staged: Path, problems: list[Problem], build_id: str) -> None:
    """The two corpus tables made from the others (edition changes) and from the build."""
    schemas = load_schemas()
    changes = schemas["target_changes"].to_table(
        _edition_changes(str(staged / "documents.parquet"), str(staged / "targets.parquet")))
    problem_rows = schemas["problems"].to_table(_unique_problems(problems))
    for name, table in (("target_changes", changes), ("problems", problem_rows)):
        metadata = _with_build_id(table.schema, build_id).metadata
        write_parquet(table.replace_schema_metadata(metadata), str(staged / f"{name}.parquet"))


def _with_build_id(schema: pa.Schema, build_id: str) -> pa.Schema:
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
    for p in sorted(problems, key=_problem_key):
        key = _problem_key(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _problem_key(p: Problem):
    return (p.source_path, p.stage, p.message)


def _relative(path: Path, raw_dir: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(raw_dir).resolve()))
    except ValueError:
        return str(path)


def _state_key(jobs: list[DocumentJob], problems: list[Problem]) -> str:
    payload = [[j.meta.doc_id, j.fingerprint] for j in jobs] + [[p.source_path, p.message] for p in problems]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def _read_state(out_dir: Path) -> str | None:
    try:
        return json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))["state"]
    except (OSError, ValueError, KeyError):
        return None


def _write_state(out_dir: Path, key: str) -> None:
    write_text(json.dumps({"state": key}) + "\n", out_dir / STATE_FILE)


def _outputs_exist(out_dir: Path) -> bool:
    return all((out_dir / f"{name}.parquet").exists() for name in ALL_TABLES)


def _read_totals(out_dir: Path) -> dict[str, int]:
    return {name: pq.ParquetFile(out_dir / f"{name}.parquet").metadata.num_rows
            for name in ALL_TABLES if (out_dir / f"{name}.parquet").exists()}
