"""Incremental state: fingerprints, and which documents must be processed again.

A document's fingerprint hashes the digest of its raw bytes, its manifest entry and the pipeline's
fingerprint (``pipeline_fingerprint``: the code of the stages, lexicons, schemas and the
versions of the packages whose output becomes rows); its part file records the fingerprint
it was made with, so a part whose fingerprint still matches is reused as it is. The build's state
(``_build.json``) hashes every document's fingerprint and the problems found before any
document was read: when it matches, the build is a no-op.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Optional

from pipeline import __version__, manifest
from pipeline.build.parts import read_header, text_path
from pipeline.build.stages import relative_path
from pipeline.config import LEXICON_DIR, SCHEMA_DIR
from pipeline.model import DocumentMeta, Problem
from pipeline.write import write_text

STATE_FILE = "_build.json"


@dataclass(frozen=True)
class DocumentJob:
    path: Path
    raw_dir: Path
    meta: DocumentMeta
    fingerprint: str
    sha256: str = ""        # of the bytes fingerprinted: ingest refuses other bytes (a file being rewritten)


@dataclass
class DocumentResult:
    doc_id: str
    source_path: str
    counts: dict[str, int] = field(default_factory=dict)
    problem: Optional[Problem] = None
    reused: bool = False
    warnings: tuple[Problem, ...] = ()     # the document is written; each is a problems row


PACKAGE_DIR = Path(__file__).resolve().parent.parent      # pipeline/

# The modules of pipeline/ (paths relative to it) that decide no row of any table: tooling
# around the build, so editing one does not re-process every document. None of them is
# imported by ingest, html_blocks, normalize, t2s, segment, extract, terms, compare or the
# build (tests/test_build.py checks the imports). Every other .py file under pipeline/, at
# any depth (pipeline/segment/, pipeline/extract/ as packages too), is in the fingerprint.
TOOLING_MODULES = (
    "__main__.py",      # python -m pipeline: calls cli.main
    "cli.py",           # arguments, progress bar, summary; hands raw, out and jobs to build()
    "bench.py",         # make bench: timings on a synthetic corpus
    "fidelity.py",      # make fidelity: character error rate of t2s on reference texts
    "fonts.py",         # a CJK font for the notebooks' charts
    "docs.py",          # docs/data-dictionary.md from the schemas and built tables
    "report.py",        # the terminal views of built tables (show, compare)
    "indicator_view.py",  # python -m pipeline indicators: the comparison view of built targets
    "selfcheck.py",     # make venv: which distribution installed the opencc module
    "evaluate/",        # make eval: scores against the answer keys (a whole package)
)

# The installed distributions whose output becomes rows, with the module the stages import
# from each: a new version may give other rows for the same document. bs4 parses with the
# standard library's html.parser (no lxml, no html5lib): the Python version covers it, and
# unicodedata and re.
ROW_DISTRIBUTIONS = (
    ("opencc-python-reimplemented", "opencc"),      # t2s (t2s.py, normalize); not the OpenCC binding
    ("jieba", "jieba"),                             # terms, and the part-of-speech tags extract uses
    ("pyarrow", "pyarrow"),                         # typed tables, part files, Parquet
    ("beautifulsoup4", "bs4"),                      # HTML pages -> blocks (html_blocks)
    ("charset-normalizer", "charset_normalizer"),   # the encoding of raw bytes (ingest)
    ("pandas", "pandas"),                           # target_changes (compare)
    ("pypinyin", "pypinyin"),                       # doc_id of a file with a Chinese name (manifest)
    ("pypdfium2", "pypdfium2"),                     # a PDF's text layer (read_pdf)
)


def _is_tooling(relative: str) -> bool:
    """A tooling module or a file of a tooling package (entries ending with "/")."""
    return relative in TOOLING_MODULES or any(
        entry.endswith("/") and relative.startswith(entry) for entry in TOOLING_MODULES)


def pipeline_fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of what decides every document's rows: the stages' code (``code_files``), the
    lexicons, the schemas, the Python version and the versions of ``ROW_DISTRIBUTIONS``.
    A change re-processes every document."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(f"python {sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}\0".encode())
    files = ([(path.relative_to(package_dir).as_posix(), path) for path in code_files(package_dir)]
             + [(path.name, path) for path in sorted(LEXICON_DIR.glob("*")) if path.is_file()]
             + [(path.name, path) for path in sorted(SCHEMA_DIR.glob("*.toml")) if path.is_file()])
    for name, path in files:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    for distribution, _module in ROW_DISTRIBUTIONS:
        digest.update(f"{distribution}=={installed_version(distribution)}\0".encode())
    return digest.hexdigest()


def code_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every .py file under ``package_dir`` at any depth, but ``TOOLING_MODULES``, sorted."""
    files = []
    for path in package_dir.rglob("*.py"):
        relative = path.relative_to(package_dir)
        if _is_tooling(relative.as_posix()) or any(p.startswith(".") for p in relative.parts):
            continue
        if path.is_file():
            files.append(path)
    return sorted(files, key=lambda path: path.relative_to(package_dir).as_posix())


def installed_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_fingerprint(sha256: str, meta: DocumentMeta, code: str) -> str:
    """The fingerprint of a document whose bytes have the digest ``sha256``."""
    digest = hashlib.sha256(code.encode())
    digest.update(json.dumps(asdict(meta), sort_keys=True, ensure_ascii=False).encode())
    digest.update(sha256.encode())
    return digest.hexdigest()


def plan_jobs(raw_dir: Path) -> tuple[list[DocumentJob], list[Problem], list[tuple[str, str]]]:
    """Documents to build, the problems found before any of them is read, and the entries of
    ``raw_dir`` not read (name, why; ``manifest.scan_raw_dir``)."""
    entries, problems, unreadable = manifest.load_manifest_checked(raw_dir)
    listing = manifest.scan_raw_dir(raw_dir)
    problems += listing.refused
    code = pipeline_fingerprint()
    jobs, seen = [], {}
    for path in listing.documents:
        if path.name in unreadable:
            continue            # its manifest entry is a problem already
        source_path = relative_path(path, raw_dir)
        meta = manifest.meta_for(path, entries)
        if meta.doc_id in seen:
            problems.append(Problem(source_path, meta.doc_id, "manifest",
                                    f"{source_path}: doc_id {meta.doc_id!r} is already used by {seen[meta.doc_id]}; "
                                    "give one of them another doc_id in raw/manifest.toml"))
            continue
        seen[meta.doc_id] = source_path
        try:
            sha256 = file_sha256(path)
        except OSError as exc:
            problems.append(Problem(source_path, meta.doc_id, "ingest", f"{source_path}: cannot read: {exc}"))
            continue
        jobs.append(DocumentJob(path, raw_dir, meta, document_fingerprint(sha256, meta, code), sha256))
    return jobs, problems, listing.not_read


def split_reusable(planned: list[DocumentJob], out_dir: Path,
                   raw_dir: Path) -> tuple[list[DocumentJob], dict[str, DocumentResult]]:
    """The jobs to run, in doc_id order (the order of the tables), and the documents whose
    part file in ``out_dir`` was made with their current fingerprint (doc_id -> result)."""
    todo, reused = [], {}
    for job in planned:
        header = read_header(out_dir, job.meta.doc_id) or {}
        if header.get("fingerprint") == job.fingerprint and text_path(out_dir, job.meta.doc_id).exists():
            source_path = relative_path(job.path, raw_dir)
            warnings = tuple(Problem(source_path, job.meta.doc_id, "segment", message)
                             for message in header.get("warnings", []))
            reused[job.meta.doc_id] = DocumentResult(job.meta.doc_id, source_path,
                                                     counts=dict(header.get("counts", {})), reused=True,
                                                     warnings=warnings)
        else:
            todo.append(job)
    todo.sort(key=lambda job: job.meta.doc_id)     # results arrive in the tables' order
    return todo, reused


def state_key(jobs: list[DocumentJob], problems: list[Problem]) -> str:
    payload = [[j.meta.doc_id, j.fingerprint] for j in jobs] + [[p.source_path, p.message] for p in problems]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def read_state(out_dir: Path) -> str | None:
    try:
        return json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))["state"]
    except (OSError, ValueError, KeyError):
        return None


def write_state(out_dir: Path, key: str) -> None:
    write_text(json.dumps({"state": key}) + "\n", out_dir / STATE_FILE)
