"""Command line: ``python -m pipeline build | docs | show | compare | bench``.

The CLI only wires stages together and turns ``PipelineError`` into one line.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.config import DOCS_DIR, OUT_DIR, RAW_DIR
from pipeline.errors import PipelineError

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"planparse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build normalized/ from raw/")
    build.add_argument("--raw", type=Path, default=RAW_DIR, help="raw documents (default: raw/)")
    build.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: normalized/)")
    build.add_argument("--jobs", type=int, default=None, help="documents processed in parallel (default: all cores)")
    build.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    build.set_defaults(func=cmd_build)

    docs = sub.add_parser("docs", help="write docs/data-dictionary.md from schemas/")
    docs.add_argument("--out", type=Path, default=OUT_DIR, help="built tables to take example values from")
    docs.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    docs.set_defaults(func=cmd_docs)
    return parser


def cmd_build(args) -> int:
    from pipeline.build import build

    if not args.raw.is_dir():
        raise PipelineError(f"{args.raw}: raw directory not found (create it and put plan documents in it)")
    progress = None if args.quiet or not sys.stderr.isatty() else _progress_bar
    report = build(args.raw, args.out, jobs=args.jobs, progress=progress)
    for problem in report.problems:
        print(f"problem: [{problem.stage}] {problem.message}", file=sys.stderr)
    if not args.quiet:
        print(_summary(report, args.out))
    return EXIT_PROBLEMS if report.problems else EXIT_OK


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
             "terms", "conversions", "problems"]
    lines.append("  ".join(f"{name} {totals.get(name, 0)}" for name in names))
    return "\n".join(lines)


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
