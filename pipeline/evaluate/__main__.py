"""Evaluate the pipeline on every corpus with an answer key, tuning and held-out apart.

    python -m pipeline.evaluate [--verbose] [--json PATH] [--corpus NAME]

Prints, per corpus, heading recall/precision and level accuracy, 专栏 and items, indicator
rows, figures recall/precision and the accuracy of each field (value, unit, qualifier,
period, year, subject, role) among the matched figures, and the character error rate of the
Traditional -> Simplified conversion. Writes the same as JSON (default
``.eval/report.json``) for comparisons between commits. Never fails on a low score:
quality is measured here, behaviour is asserted by the tests.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from pipeline.config import PROJECT_ROOT
from pipeline.evaluate.corpora import all_documents, load_split, shared_corpus_note, split_of
from pipeline.evaluate.report import format_report, write_json
from pipeline.evaluate.run import score_all


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _cer() -> dict:
    from pipeline import fidelity
    from pipeline.config import LEXICON_DIR
    from pipeline.normalize import load_normalize_lexicon

    lexicon = load_normalize_lexicon(LEXICON_DIR)
    out = {}
    for subset, name in (("tuning", "tuning"), ("held-out", "held-out")):
        scores = fidelity.measure(fidelity.load_corpus(subset=subset), lexicon)
        out[name] = {forward: scores[(forward, "ours")].cer for forward in fidelity.FORWARD}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss per document")
    parser.add_argument("--json", type=Path, default=PROJECT_ROOT / ".eval" / "report.json")
    parser.add_argument("--corpus", action="append", help="only these corpora (repeatable)")
    parser.add_argument("--no-cer", action="store_true", help="skip the conversion fidelity")
    args = parser.parse_args(argv)
    split = load_split()
    docs = [d for d in all_documents() if not args.corpus or d.corpus in args.corpus]
    results = score_all(docs, lambda d: split_of(d, split))
    cer = None if args.no_cer else _cer()
    commit = _commit()
    print(f"planparse evaluation at {commit} (held-out documents: tests/fixtures/eval_split.toml)")
    print(shared_corpus_note())
    print(format_report(results, cer, verbose=args.verbose))
    write_json(results, cer, args.json, commit)
    print(f"\nJSON report: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
