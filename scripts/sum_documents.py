"""Sum the `make eval` scores of some documents only (from .eval/report.json).

    python scripts/sum_documents.py [--split held-out] NAME [NAME ...]

prints matched/expected/found per (corpus, variant, metric) over the named documents, e.g. the
held-out documents of one collection. Run `make eval` first.
"""
from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / ".eval" / "report.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+")
    parser.add_argument("--split", choices=("tuning", "held-out"))
    args = parser.parse_args()
    report = json.loads(REPORT.read_text(encoding="utf-8"))
    totals: dict[tuple[str, str, str], list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    for doc in report["documents"]:
        if doc["name"] not in args.names or args.split and doc["split"] != args.split:
            continue
        for metric, tally in doc["metrics"].items():
            row = totals[(doc["corpus"], doc["variant"], metric)]
            row[0] += tally["matched"]
            row[1] += tally["expected"]
            row[2] += tally["found"]
    for (corpus, variant, metric), (matched, expected, found) in sorted(totals.items()):
        print(f"{corpus:12} {variant:20} {metric:16} {matched}/{expected}/{found}")


if __name__ == "__main__":
    main()
