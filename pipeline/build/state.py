"""Incremental state: fingerprints, and which documents must be processed again.

A document's fingerprint hashes its raw bytes, its manifest entry and the pipeline's
fingerprint (``pipeline_fingerprint``); its part file records the fingerprint it was made
with, so a part whose fingerprint still matches is reused as it is. The build's state
(``_build.json``) hashes every document's fingerprint and the problems found before any
document was read: when it matches, the build is a no-op.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
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


@dataclass
class DocumentResult:
    doc_id: str
    source_path: str
    counts: dict[str, int] = field(default_factory=dict)
    problem: Optional[Problem] = None
    reused: bool = False


def pipeline_fingerprint() -> str:
    """Hash of the code, lexicons and schemas: a change re-processes every document."""
    digest = hashlib.sha256(__version__.encode())
    package_dir = Path(__file__).resolve().parent.parent
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
        source_path = relative_path(path, raw_dir)
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


def split_reusable(planned: list[DocumentJob], out_dir: Path,
                   raw_dir: Path) -> tuple[list[DocumentJob], dict[str, DocumentResult]]:
    """The jobs to run, in doc_id order (the order of the tables), and the documents whose
    part file in ``out_dir`` was made with their current fingerprint (doc_id -> result)."""
    todo, reused = [], {}
    for job in planned:
        header = read_header(out_dir, job.meta.doc_id) or {}
        if header.get("fingerprint") == job.fingerprint and text_path(out_dir, job.meta.doc_id).exists():
            reused[job.meta.doc_id] = DocumentResult(job.meta.doc_id, relative_path(job.path, raw_dir),
                                                     counts=dict(header.get("counts", {})), reused=True)
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
