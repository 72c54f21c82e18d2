"""Command line: python -m pipeline build | list | show | compare | indicators | query | export | review | docs.

The CLI only wires stages together and turns ``PipelineError`` into one line. Commands that
print rows take ``--json`` / ``--csv`` (``pipeline.output``); a closed pipe (``show X | head``)
ends the command quietly.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

from pipeline import __version__
from pipeline.config import DOCS_DIR, OUT_DIR, RAW_DIR
from pipeline.errors import PipelineError
from pipeline.export import FORMATS as EXPORT_FORMATS
from pipeline.output import add_format_options, emit

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130          # the shell's code for a command stopped by Ctrl-C
EXIT_CLOSED_PIPE = 141          # the shell's code for a command stopped by SIGPIPE (128 + 13)
EXIT_TERMINATED = 143           # 128 + SIGTERM: stopped by `kill PID`


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill PID``), stopping the command as Ctrl-C does."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        with _sigterm_as_interrupt():
            code = args.func(args)
        sys.stdout.flush()              # a closed pipe shows here when the output was buffered
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLOSED_PIPE
    except PipelineError as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except Terminated:
        print(f"terminated{_what_is_kept(args)}", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print(f"interrupted{_what_is_kept(args)}", file=sys.stderr)
        return EXIT_INTERRUPTED


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises ``Terminated`` while the command runs: a build cleans up (stops its
    workers, removes its staging directory) as on Ctrl-C instead of dying on the spot."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_terminated(signum, frame) -> None:
    raise Terminated


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing what is left at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):           # no real file descriptor (a test's captured stdout)
        pass


def _what_is_kept(args) -> str:
    if args.command != "build":
        return ""
    if (args.out / "documents.parquet").exists():
        return f": {args.out} keeps the tables of the last complete build"
    return f": no tables were written to {args.out}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"planparse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build normalized/ from raw/")
    build.add_argument("--raw", type=Path, default=RAW_DIR, help="raw documents (default: raw/)")
    build.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: normalized/)")
    build.add_argument("--jobs", type=_processes, default=None,
                       help="documents processed in parallel (default: all cores)")
    build.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    build.set_defaults(func=cmd_build)

    lst = sub.add_parser("list", help="list the documents built, with title, date and counts")
    _add_out(lst)
    add_format_options(lst)
    lst.set_defaults(func=cmd_list)

    show = sub.add_parser("show", help="print a document's outline with counts per heading (and everything under it)")
    show.add_argument("doc_id")
    _add_out(show)
    add_format_options(show)
    show.set_defaults(func=cmd_show)

    comp = sub.add_parser("compare", help="compare the targets of two documents (editions of one plan)")
    comp.add_argument("doc_a", help="earlier edition")
    comp.add_argument("doc_b", help="later edition")
    _add_out(comp)
    comp.add_argument("--all", action="store_true", help="also list unchanged targets")
    add_format_options(comp)
    comp.set_defaults(func=cmd_compare)

    view = sub.add_parser("indicators", help="one row per document and catalogue indicator (value, unit, qualifier, role, year)")
    view.add_argument("--id", dest="indicator_id", help="only this indicator (an id of the indicator_catalog table)")
    view.add_argument("--year", type=int, help="only figures referring to this year")
    _add_out(view)
    add_format_options(view)
    view.set_defaults(func=cmd_indicators)

    query = sub.add_parser("query", help="run SQL (DuckDB) over the tables, one view per table",
                           description="Run SQL over the built tables: each table is a view of its name "
                                       "(quote \"columns\", a DuckDB keyword).")
    query.add_argument("sql", help='e.g. "SELECT role, count(*) FROM targets GROUP BY role"')
    _add_out(query)
    add_format_options(query)
    query.set_defaults(func=cmd_query)

    exp = sub.add_parser("export", help="write the tables as CSV files, an Excel workbook, a SQLite or DuckDB file")
    exp.add_argument("format", choices=EXPORT_FORMATS)
    exp.add_argument("dest", type=Path, help="a directory for csv, a file otherwise")
    exp.add_argument("--table", dest="tables", action="append", help="only this table (repeatable)")
    _add_out(exp)
    exp.set_defaults(func=cmd_export)

    review = sub.add_parser("review", help="write one HTML page to check a document's extraction by eye")
    review.add_argument("doc_id")
    review.add_argument("--out", dest="out_file", type=Path, default=None,
                        help="HTML file to write (default: review-<doc_id>.html)")
    review.add_argument("--tables", dest="out", type=Path, default=OUT_DIR,
                        help="built tables (default: normalized/)")
    review.set_defaults(func=cmd_review)

    docs = sub.add_parser("docs", help="write docs/data-dictionary.md from schemas/")
    docs.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    docs.set_defaults(func=cmd_docs)
    return parser


def _processes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return value


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="built tables (default: normalized/)")


def cmd_build(args) -> int:
    from pipeline.build import build

    if not args.raw.is_dir():
        raise PipelineError(f"{args.raw}: raw directory not found (create it and put plan documents in it)")
    progress = None if args.quiet or not sys.stderr.isatty() else _progress_bar
    started = time.monotonic()
    report = build(args.raw, args.out, jobs=args.jobs, progress=progress, on_wait=_print_to_stderr)
    elapsed = time.monotonic() - started
    for problem in report.problems:
        print(f"problem: [{problem.stage}] {_one_line(problem.message)}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: [{warning.stage}] {_one_line(warning.message)}", file=sys.stderr)
    if not args.quiet:
        print(_summary(report, args.out, elapsed))
    return EXIT_PROBLEMS if report.problems else EXIT_OK


def _print_to_stderr(line: str) -> None:
    print(_one_line(line), file=sys.stderr, flush=True)


def _one_line(message: str) -> str:
    """A message as one printable line, whatever the file names in it hold."""
    from pipeline.manifest import printable_name

    return printable_name(message)


def _progress_bar(iterable, total=None):
    from tqdm import tqdm

    return tqdm(iterable, total=total, unit="doc", desc="building", leave=False)


SUMMARY_NAMES = 10          # documents named after a build; more are counted


def _summary(report, out_dir: Path, elapsed: float) -> str:
    totals = report.totals
    built = [d.doc_id for d in report.documents if not d.problem and not d.reused]
    reused = sum(1 for d in report.documents if d.reused)
    lines = [f"planparse {__version__}: {out_dir} in {elapsed:.1f} s"]
    if report.noop:
        lines.append("nothing changed; outputs are up to date")
    else:
        lines.append(f"documents: {len(built)} built, {reused} unchanged, {len(report.problems)} problem(s)")
        if built:
            more = f" and {len(built) - SUMMARY_NAMES} more" if len(built) > SUMMARY_NAMES else ""
            lines.append("built: " + ", ".join(built[:SUMMARY_NAMES]) + more)
    names = ["documents", "sections", "paragraphs", "columns", "column_items", "indicators", "targets",
             "terms", "conversions", "target_changes", "indicator_catalog", "problems"]
    lines.append("  ".join(f"{name} {totals.get(name, 0)}" for name in names))
    lines += _not_read_lines(report.not_read)
    return "\n".join(lines)


def _not_read_lines(not_read: list[tuple[str, str]]) -> list[str]:
    """One line per reason: the entries of raw/ that are neither documents nor problems."""
    from pipeline.ingest import KNOWN_FORMATS
    from pipeline.manifest import NOT_A_FORMAT

    by_reason: dict[str, list[str]] = {}
    for name, reason in not_read:
        by_reason.setdefault(reason, []).append(name)
    return [f"not read: {', '.join(names)} ({reason}"
            + (f"; read: {' '.join(sorted(KNOWN_FORMATS))})" if reason == NOT_A_FORMAT else ")")
            for reason, names in by_reason.items()]


def cmd_docs(args) -> int:
    from pipeline.docs import render_data_dictionary

    text = render_data_dictionary()
    target = DOCS_DIR / "data-dictionary.md"
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is stale; run `make docs`", file=sys.stderr)
            return EXIT_PROBLEMS
        return EXIT_OK
    from pipeline.write import write_text

    write_text(text, target)
    print(f"wrote {target}")
    return EXIT_OK


def _load(out_dir: Path, table: str, doc_ids: list[str]):
    from pipeline.loading import load_table
    from pipeline.schema import get_schema

    frame = load_table(out_dir, get_schema(table))
    if doc_ids and "doc_id" in frame.columns:
        if table == "documents":
            known = set(frame["doc_id"])
            for doc_id in doc_ids:
                if doc_id not in known:
                    raise PipelineError(f"{out_dir / 'documents.parquet'}: no document {doc_id!r} "
                                        f"(known: {', '.join(sorted(known)) or 'none'})")
        frame = frame[frame["doc_id"].isin(doc_ids)]
    return frame


def cmd_list(args) -> int:
    from pipeline.report import documents_frame

    emit(documents_frame(_load(args.out, "documents", [])), args)
    return EXIT_OK


def cmd_show(args) -> int:
    from pipeline.report import outline_frame, outline_text

    frames = {name: _load(args.out, name, [args.doc_id])
              for name in ("documents", "sections", "paragraphs", "columns", "targets")}
    emit(outline_frame(frames), args, lambda _: outline_text(frames))
    return EXIT_OK


def cmd_compare(args) -> int:
    from pipeline.compare import compare_targets
    from pipeline.report import changes_frame, changes_text

    _load(args.out, "documents", [args.doc_a, args.doc_b])
    targets = _load(args.out, "targets", [args.doc_a, args.doc_b])
    changes = compare_targets(targets[targets["doc_id"] == args.doc_a], targets[targets["doc_id"] == args.doc_b])
    shown = [c for c in changes if args.all or c.change != "unchanged"]
    emit(changes_frame(shown), args, lambda _: changes_text(changes, args.doc_a, args.doc_b, show_unchanged=args.all))
    return EXIT_OK


def cmd_query(args) -> int:
    from pipeline.query import run_query

    emit(run_query(args.out, args.sql), args)
    return EXIT_OK


def cmd_export(args) -> int:
    from pipeline.export import export

    for path in export(args.out, args.format, args.dest, args.tables):
        print(f"wrote {path}")
    return EXIT_OK


def cmd_review(args) -> int:
    from pipeline.review import write_review

    path = write_review(args.out, args.doc_id, args.out_file or Path(f"review-{args.doc_id}.html"))
    print(f"wrote {path}")
    return EXIT_OK


def cmd_indicators(args) -> int:
    from pipeline.indicator_view import indicator_view

    if args.indicator_id is not None:
        known = set(_load(args.out, "indicator_catalog", [])["indicator_id"])
        if args.indicator_id not in known:
            raise PipelineError(f"{args.out / 'indicator_catalog.parquet'}: no indicator {args.indicator_id!r} "
                                f"(known: {', '.join(sorted(known))})")
    view = indicator_view(_load(args.out, "targets", []), _load(args.out, "indicators", []),
                          _load(args.out, "documents", []), args.indicator_id, args.year)
    emit(view, args, _indicator_text)
    return EXIT_OK


def _indicator_text(view) -> str:
    import pandas as pd

    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
        return view.to_string(index=False) if len(view) else "no figures with this indicator"
