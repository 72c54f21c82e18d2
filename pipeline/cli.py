"""Command line: ``python -m pipeline build | docs | show | compare | bench``.

The CLI only wires stages together and turns ``PipelineError`` into one line.
"""
from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from pathlib import Path
from typing import Iterator

from pipeline import __version__
from pipeline.config import DOCS_DIR, OUT_DIR, RAW_DIR
from pipeline.errors import PipelineError

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130          # the shell's code for a command stopped by Ctrl-C
EXIT_TERMINATED = 143          # 128 + SIGTERM: stopped by `kill PID`


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill PID``), stopping the command as Ctrl-C does."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        with _sigterm_as_interrupt():
            return args.func(args)
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

    docs = sub.add_parser("docs", help="write docs/data-dictionary.md from schemas/")
    docs.add_argument("--out", type=Path, default=OUT_DIR, help="built tables to take example values from")
    docs.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    docs.set_defaults(func=cmd_docs)

    show = sub.add_parser("show", help="print a document's outline with counts per section")
    show.add_argument("doc_id")
    show.add_argument("--out", type=Path, default=OUT_DIR, help="built tables (default: normalized/)")
    show.set_defaults(func=cmd_show)

    comp = sub.add_parser("compare", help="compare the targets of two documents (editions of one plan)")
    comp.add_argument("doc_a", help="earlier edition")
    comp.add_argument("doc_b", help="later edition")
    comp.add_argument("--out", type=Path, default=OUT_DIR, help="built tables (default: normalized/)")
    comp.add_argument("--all", action="store_true", help="also list unchanged targets")
    comp.set_defaults(func=cmd_compare)
    return parser


def _processes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return value


def cmd_build(args) -> int:
    from pipeline.build import build

    if not args.raw.is_dir():
        raise PipelineError(f"{args.raw}: raw directory not found (create it and put plan documents in it)")
    progress = None if args.quiet or not sys.stderr.isatty() else _progress_bar
    report = build(args.raw, args.out, jobs=args.jobs, progress=progress, on_wait=_print_to_stderr)
    for problem in report.problems:
        print(f"problem: [{problem.stage}] {_one_line(problem.message)}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: [{warning.stage}] {_one_line(warning.message)}", file=sys.stderr)
    if not args.quiet:
        print(_summary(report, args.out))
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


def _summary(report, out_dir: Path) -> str:
    totals = report.totals
    built = sum(1 for d in report.documents if not d.problem and not d.reused)
    reused = sum(1 for d in report.documents if d.reused)
    lines = [f"planparse {__version__}: {out_dir}"]
    if report.noop:
        lines.append("nothing changed; outputs are up to date")
    else:
        lines.append(f"documents: {built} built, {reused} unchanged, {len(report.problems)} problem(s)")
    names = ["documents", "sections", "paragraphs", "columns", "column_items", "indicators", "targets",
             "terms", "conversions", "target_changes", "problems"]
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

    text = render_data_dictionary(args.out)
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
    import pandas as pd

    path = out_dir / f"{table}.parquet"
    if not path.exists():
        raise PipelineError(f"{path}: not built yet (run `make all`)")
    frame = pd.read_parquet(path)
    key = "doc_id" if "doc_id" in frame.columns else None
    if key and doc_ids:
        known = set(frame[key]) if table == "documents" else None
        for doc_id in doc_ids:
            if known is not None and doc_id not in known:
                raise PipelineError(f"{path}: no document {doc_id!r} (known: {', '.join(sorted(known)) or 'none'})")
        frame = frame[frame[key].isin(doc_ids)]
    return frame


def cmd_show(args) -> int:
    from pipeline.report import outline_text

    frames = {name: _load(args.out, name, [args.doc_id])
              for name in ("documents", "sections", "paragraphs", "columns", "targets")}
    print(outline_text(frames))
    return EXIT_OK


def cmd_compare(args) -> int:
    from pipeline.compare import compare_targets
    from pipeline.report import changes_text

    _load(args.out, "documents", [args.doc_a, args.doc_b])
    targets = _load(args.out, "targets", [args.doc_a, args.doc_b])
    changes = compare_targets(targets[targets["doc_id"] == args.doc_a], targets[targets["doc_id"] == args.doc_b])
    print(changes_text(changes, args.doc_a, args.doc_b, show_unchanged=args.all))
    return EXIT_OK
