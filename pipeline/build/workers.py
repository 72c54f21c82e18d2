"""Running the jobs: in this process or in forked workers, every stage warmed up first.

With ``--jobs N`` every stage first runs once on a few lines of plan text (``warm_up``:
jieba, OpenCC, lexicons, compiled patterns), what it loaded is hidden from the garbage
collector (``gc.freeze``), then N workers are forked that inherit all of it. Each worker
writes a document's part file; the parent receives the results in the jobs' order. Ctrl-C
is left to the parent: the documents being processed finish, the queued ones are cancelled.
A worker dies with the parent (killed, even by SIGKILL): an orphaned worker would go on
holding the output's lock, and every later build would wait for it.
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from pipeline.build import parts
from pipeline.build.stages import arrow_tables, document_tables, process_document, relative_path, stage_of
from pipeline.build.state import DocumentJob, DocumentResult
from pipeline.errors import PipelineError
from pipeline.model import DocumentMeta, Problem, RawDocument
from pipeline.write import libc

if TYPE_CHECKING:
    from pipeline.lexicon_set import Lexicons


# The lexicons of the running build, set by ``workers`` before the pool is forked: the
# workers inherit them with the rest of the parent's memory instead of receiving a pickled
# copy with every document.
_BUILD_LEXICONS: "Lexicons | None" = None


def run_job(job: DocumentJob, out_dir: Path, lexicons: "Lexicons | None" = None) -> DocumentResult:
    """Process one document and write its part; never raises a PipelineError."""
    source_path = relative_path(job.path, job.raw_dir)
    doc_id = job.meta.doc_id
    try:
        tables = process_document(job.path, job.meta, lexicons or _BUILD_LEXICONS, job.raw_dir, job.sha256 or None)
        counts = parts.write_part(tables, doc_id, job.fingerprint, out_dir)
    except PipelineError as exc:
        parts.remove_part(out_dir, doc_id)
        return DocumentResult(doc_id, source_path, problem=Problem(source_path, doc_id, stage_of(exc), str(exc)))
    except RecursionError as exc:       # input shaped to exhaust the interpreter: that document only
        parts.remove_part(out_dir, doc_id)
        message = f"{source_path}: could not be processed ({type(exc).__name__}: {exc})"
        return DocumentResult(doc_id, source_path, problem=Problem(source_path, doc_id, "build", message))
    warnings = tuple(Problem(source_path, doc_id, "segment", message) for message in tables.warnings)
    return DocumentResult(doc_id, source_path, counts=counts, warnings=warnings)


@contextlib.contextmanager
def workers(todo: list[DocumentJob], jobs: int | None, lexicons: "Lexicons") -> Iterator[ProcessPoolExecutor | None]:
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

    global _BUILD_LEXICONS
    warm_up(lexicons, html=any(job.path.suffix.lower() in HTML_SUFFIXES for job in todo))
    _BUILD_LEXICONS = lexicons
    _freeze_loaded_objects()
    try:
        if jobs == 1 or len(todo) <= 1:
            yield None
            return
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_follow_the_parent,
                                   initargs=(os.getpid(),))
        try:
            yield pool
        except BaseException:
            pool.shutdown(cancel_futures=True)      # a failed build does not go on with the rest
            raise
        pool.shutdown()
    finally:
        _BUILD_LEXICONS = None
        gc.unfreeze()


PR_SET_PDEATHSIG = 1        # linux/prctl.h: the signal a process gets when its parent dies
PARENT_POLL_SECONDS = 0.5   # without prctl: how often a worker checks that its parent lives


def _follow_the_parent(parent_pid: int) -> None:
    """In a worker: ignore Ctrl-C, which the whole process group receives (the parent stops
    the build: the documents being processed finish, the queued ones are cancelled); take
    the default action of SIGTERM (the pool terminates a broken pool's workers with it, and
    the parent's handler is not for workers); die when the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    prctl = getattr(libc(), "prctl", None)
    if prctl is None or prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:      # the parent died before the signal was set up
        os._exit(1)


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def run_jobs(todo: list[DocumentJob], out_dir: Path, pool: ProcessPoolExecutor | None,
             progress, lexicons: "Lexicons") -> Iterator[DocumentResult]:
    """Results of ``todo``, in its order, as they become available."""
    wrap = progress or (lambda it, **_: it)
    if pool is None:
        return (run_job(job, out_dir, lexicons) for job in wrap(todo, total=len(todo)))
    futures = [pool.submit(run_job, job, out_dir) for job in todo]
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


def warm_up(lexicons: "Lexicons", html: bool = True) -> None:
    """Load every stage's modules, dictionaries and lexicons (they are cached per process) by
    running the stages on ``WARM_UP_LINES``; the HTML reader (bs4) only with ``html``: a
    document found to be HTML loads it anyway. Before worker processes are forked, so that
    they share what is loaded instead of each loading it again."""
    from pipeline import ingest

    path = Path("warm-up.txt")
    text, encoding = ingest.decode_bytes("\n".join(WARM_UP_LINES).encode("utf-8"), path)
    raw = RawDocument(DocumentMeta(doc_id="warm-up"), str(path), "", encoding, "text", ingest.split_lines(text))
    arrow_tables(document_tables(raw, lexicons))
    if html:
        from pipeline import html_blocks

        page = ("<html><head><title>規劃&nbsp;&amp;</title><style>p {}</style><script>x = 1;</script></head><body>"
                + "".join(f"<p>{line}</p>" for line in WARM_UP_LINES) + "</body></html>")
        html_blocks.html_to_blocks(page, Path("warm-up.html"), lexicons.chrome)


def _freeze_loaded_objects() -> None:
    """Move the loaded dictionaries out of the garbage collector's sight.

    They live as long as the process, so scanning them in every full collection is wasted
    time, and in a forked worker it would also copy their memory pages (copy-on-write).
    ``workers`` unfreezes them when the build is done.
    """
    gc.collect()
    gc.freeze()
