"""Printing the evaluation: one table per corpus, tuning and held-out side by side."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from pipeline.evaluate.run import DocumentScore, totals
from pipeline.evaluate.scoring import Tally

SPLITS = ("tuning", "held-out")
RATES = ("heading levels",)              # shown as a rate, not as recall/precision


def _fmt(tally: Optional[Tally], metric: str) -> str:
    if tally is None or not tally.expected and not tally.found:
        return "-"
    if metric.startswith("field ") or metric in RATES:
        return f"{tally.matched}/{tally.expected} = {tally.recall:.3f}"
    r = f"R {tally.recall:.3f}" if tally.recall is not None else "R  -  "
    p = f"P {tally.precision:.3f}" if tally.precision is not None else "P  -  "
    return f"{r} {p} ({tally.matched}/{tally.expected}/{tally.found})"


def format_report(results: list[DocumentScore], cer: Optional[dict] = None, verbose: bool = False) -> str:
    lines: list[str] = []
    table = totals(results)
    groups = sorted({(c, v) for c, v, _ in table}, key=lambda cv: (cv[0], cv[1] != "as written", cv[1]))
    for corpus, variant in groups:
        n = {s: len({r.name for r in results if (r.corpus, r.variant, r.split) == (corpus, variant, s)})
             for s in SPLITS}
        lines.append(f"\n{corpus} [{variant}]   tuning: {n['tuning']} documents, held-out: {n['held-out']}")
        lines.append(f"  {'metric':18s} {'tuning':34s} held-out")
        metrics = []
        for s in SPLITS:
            for m in table.get((corpus, variant, s), {}):
                if m not in metrics:
                    metrics.append(m)
        for m in metrics:
            cells = [_fmt(table.get((corpus, variant, s), {}).get(m), m) for s in SPLITS]
            lines.append(f"  {m:18s} {cells[0]:34s} {cells[1]}")
    if cer:
        lines.append("\ncharacter error rate of Traditional -> Simplified (python -m pipeline.fidelity)")
        for forward in next(iter(cer.values())):
            cells = [f"{cer[s][forward]:.5f}" if s in cer else "-" for s in SPLITS]
            lines.append(f"  {forward:18s} {cells[0]:34s} {cells[1]}")
    if verbose:
        lines.append("\nper document (misses):")
        for r in results:
            if r.misses:
                lines.append(f"  {r.corpus}/{r.name} [{r.variant}, {r.split}]")
                lines += [f"      {m}" for m in r.misses]
    return "\n".join(lines)


def write_json(results: list[DocumentScore], cer: Optional[dict], path: Path, commit: str) -> None:
    table = totals(results)
    data = {
        "commit": commit,
        "totals": [{"corpus": c, "variant": v, "split": s,
                    "metrics": {m: t.as_dict() for m, t in metrics.items()}}
                   for (c, v, s), metrics in sorted(table.items())],
        "documents": [{"corpus": r.corpus, "name": r.name, "variant": r.variant, "split": r.split,
                       "metrics": {m: t.as_dict() for m, t in r.scores.items()}, "misses": r.misses}
                      for r in results],
        "cer": cer,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)
