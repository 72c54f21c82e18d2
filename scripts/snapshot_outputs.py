"""Snapshot every table built from the fixture documents and the shared corpus.

Used as the safety net of a refactor: run it before and after, then diff the two
directories. Each table becomes sorted JSON lines without ``build_id``.

    python scripts/snapshot_outputs.py /tmp/snap-before
    diff -r /tmp/snap-before /tmp/snap-after
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "raw", ROOT / "tests" / "fixtures", ROOT.parent / "shared" / "corpus"]
SUFFIXES = {".txt", ".html", ".htm"}


def collect(raw: Path) -> None:
    for base in SOURCES:
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix in SUFFIXES and path.is_file():
                rel = path.relative_to(base.parent)
                name = "__".join(rel.parts)
                shutil.copyfile(path, raw / name)


def dump(out: Path, snap: Path) -> None:
    snap.mkdir(parents=True, exist_ok=True)
    for table in sorted(out.glob("*.parquet")):
        rows = pq.read_table(table).to_pylist()
        lines = sorted(
            json.dumps({k: v for k, v in r.items() if k != "build_id"},
                       ensure_ascii=False, sort_keys=True, default=str)
            for r in rows
        )
        (snap / f"{table.stem}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for text in sorted((out / "text").glob("*.txt")):
        (snap / "text").mkdir(exist_ok=True)
        shutil.copyfile(text, snap / "text" / text.name)


def main(argv: list[str]) -> int:
    snap = Path(argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        collect(raw)
        subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(raw),
                        "--out", str(out), "--quiet"], cwd=ROOT, check=False)
        dump(out, snap)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
