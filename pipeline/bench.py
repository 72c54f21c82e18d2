"""``make bench``: time the pipeline on a synthetic corpus made from the real documents in raw/.

Prints, in one run: documents/s and MB/s for ``--jobs 1`` and ``--jobs 2``; the floor
(the time this process needs just to run OpenCC ``t2s`` and ``jieba.lcut`` once over the
same texts); the ratio build/floor; the no-op rebuild time; and peak memory of a build
of a quarter of the corpus and of the whole corpus (it should not grow with the corpus).
Each run also reports its CPU time (user + system, all its processes). Every measurement is
repeated (``--repeat``) and the fastest reported: on a machine shared with other work the
same build varies by a fifth or more from one minute to the next. The speed-up of each
round (``--jobs 1`` and ``--jobs 2`` back to back) is printed too, to show that spread.

Two more lines put the numbers in context: the floor again with planparse's own t2s
(``pipeline/t2s.py``, identical output, much faster than the library), and two independent
``--jobs 1`` builds of half the corpus each run side by side: what two processes get from
the machine's cores on this work, the yardstick for ``--jobs 2``.
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import RAW_DIR
from pipeline.manifest import list_raw_files


def make_corpus(raw_dir: Path, target_dir: Path, n_docs: int, seed: int = 7) -> list[Path]:
    """``n_docs`` distinct plain-text variants of the raw documents (numbers, order and length vary)."""
    sources = [p for p in list_raw_files(raw_dir) if p.suffix == ".txt"]
    texts = [p.read_text(encoding="utf-8-sig").splitlines() for p in sources]
    rng = random.Random(seed)
    target_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n_docs):
        lines = list(texts[k % len(texts)])
        lines = _vary(lines, k, rng)
        path = target_dir / f"bench-{k:04d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _vary(lines: list[str], k: int, rng: random.Random) -> list[str]:
    """Change figures, drop a few body lines and repeat others, so no two documents are equal."""
    out = []
    for line in lines:
        if len(line) > 80 and rng.random() < 0.1:
            continue
        line = "".join(str((int(ch) + k) % 10) if ch.isdigit() and rng.random() < 0.3 else ch for ch in line)
        out.append(line)
        if len(line) > 80 and rng.random() < 0.1:
            out.append(line)
    out.append(f"第{k + 1}号基准文档。")
    return out


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float      # user + system seconds of the child process and its workers


def _timed(command: list[str], check: bool) -> Timing:
    before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=check)
    return Timing(time.perf_counter() - start, _children_cpu() - before)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_build(raw: Path, out: Path, jobs: int) -> Timing:
    return _timed(_build_command(raw, out, jobs), check=False)


def _build_command(raw: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out),
            "--jobs", str(jobs), "--quiet"]


FLOOR_TEMPLATE = """
import sys, jieba
jieba.setLogLevel(60)
{make_convert}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        jieba.lcut(convert(handle.read()))
"""
FLOOR_SCRIPT = FLOOR_TEMPLATE.format(make_convert='import opencc\nconvert = opencc.OpenCC("t2s").convert')
# The same, with the pipeline's own t2s (pipeline/t2s.py: the library's output, faster).
FAST_FLOOR_SCRIPT = FLOOR_TEMPLATE.format(make_convert="from pipeline.t2s import t2s\nconvert = t2s()")


def _floor(paths: list[Path], script: str = FLOOR_SCRIPT) -> Timing:
    """A fresh process that only runs OpenCC t2s and jieba.lcut over the texts (start-up included)."""
    return _timed([sys.executable, "-c", script, *map(str, paths)], check=True)


def _split_corpus(paths: list[Path], tmp: Path) -> list[Path]:
    """Two raw directories with every other document of the corpus."""
    halves = [tmp / "raw-half-a", tmp / "raw-half-b"]
    for k, half in enumerate(halves):
        half.mkdir()
        for path in paths[k::2]:
            shutil.copy(path, half / path.name)
    return halves


def _side_by_side(halves: list[Path], tmp: Path, k: int) -> float:
    """Seconds for two independent ``--jobs 1`` builds of half the corpus each, run at the same
    time: what two processes get from the machine's cores on this work, the yardstick for
    ``--jobs 2`` (which also shares its start-up between the workers)."""
    start = time.perf_counter()
    builds = [subprocess.Popen(_build_command(half, tmp / f"out-{half.name}-{k}", 1)) for half in halves]
    for build in builds:
        build.wait()
    return time.perf_counter() - start


PDF_SOURCE = Path(__file__).resolve().parent.parent / "tests/fixtures/corpus/plans/national-rural-revitalization-plan-2024-2027.txt"
FIXTURE_GENERATOR = Path(__file__).resolve().parent.parent / "scripts/make_format_fixtures.py"


def make_plan_pdf(target_dir: Path, min_pages: int) -> tuple[Path, Path, int]:
    """(PDF, the same text as .txt, pages): the real plan laid out as an official document
    (``scripts/make_format_fixtures.py``), repeated until it has ``min_pages`` pages."""
    import importlib.util

    import pypdfium2

    spec = importlib.util.spec_from_file_location("make_format_fixtures", FIXTURE_GENERATOR)
    generator = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator                        # dataclasses look their module up
    spec.loader.exec_module(generator)
    parts = generator.parts_of(generator.source_lines(PDF_SOURCE))
    one = len(pypdfium2.PdfDocument(generator.make_plan_pdf(parts, parts[0].text)))
    copies = -(-min_pages // one)
    repeated = parts + [part for _ in range(copies - 1) for part in parts[1:]]
    data = generator.make_plan_pdf(repeated, parts[0].text)
    target_dir.mkdir(parents=True, exist_ok=True)
    pdf, text = target_dir / "plan.pdf", target_dir / "plan.txt"
    pdf.write_bytes(data)
    text.write_text(generator.plain_text(repeated), encoding="utf-8")
    return pdf, text, len(pypdfium2.PdfDocument(data))


def _pdf_timings(tmp: Path, pages: int, repeat: int) -> None:
    from pipeline.build.stages import process_document
    from pipeline.config import LEXICON_DIR
    from pipeline.ingest import read_document
    from pipeline.lexicon_set import load_lexicons
    from pipeline.model import DocumentMeta

    pdf, text, n_pages = make_plan_pdf(tmp / "pdf", pages)
    lexicons = load_lexicons(LEXICON_DIR)
    meta = DocumentMeta(doc_id="bench-pdf")

    def fastest(action) -> float:
        times = []
        for _ in range(max(1, repeat)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        return min(times)

    process_document(text, meta, lexicons)                    # warm: jieba, OpenCC loaded once
    ingest_pdf = fastest(lambda: read_document(pdf, meta, lexicons.chrome))
    ingest_txt = fastest(lambda: read_document(text, meta, lexicons.chrome))
    all_pdf = fastest(lambda: process_document(pdf, meta, lexicons))
    all_txt = fastest(lambda: process_document(text, meta, lexicons))
    chars = sum(len(line) for line in read_document(text, meta, lexicons.chrome).lines)
    print(f"plan PDF: {n_pages} pages, {chars:,} characters ({pdf.stat().st_size / 1e6:.1f} MB): "
          f"ingest {ingest_pdf:.2f} s ({ingest_pdf / n_pages * 1000:.0f} ms a page), all stages {all_pdf:.2f} s; "
          f"the same text as .txt: ingest {ingest_txt:.3f} s, all stages {all_txt:.2f} s")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--raw", type=Path, default=RAW_DIR)
    parser.add_argument("--pdf-pages", type=int, default=100, help="pages of the plan PDF timed (0: none)")
    parser.add_argument("--repeat", type=int, default=4,
                        help="rounds of every measurement; the fastest of each is reported")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="planparse-bench-") as tmp:
        tmp = Path(tmp)
        small = make_corpus(args.raw, tmp / "raw-small", max(1, args.docs // 4))
        paths = make_corpus(args.raw, tmp / "raw", args.docs)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6

        _run_build(tmp / "raw-small", tmp / "out-small", 1)
        rss_small = _peak_rss_mb()
        halves = _split_corpus(paths, tmp)
        rounds, side_by_side = [], []
        for k in range(max(1, args.repeat)):
            # each round measures everything once, so that all see the machine in the same
            # state; --jobs 1 and --jobs 2 back to back, in turn first (the machine's speed
            # drifts), --jobs 1 first in the first round, whose peak memory is reported
            order = (1, 2) if k % 2 == 0 else (2, 1)
            builds = {}
            for jobs in order:
                builds[jobs] = _run_build(tmp / "raw", tmp / f"out-{jobs}-{k}", jobs)
                if k == 0 and jobs == 1:
                    rss_full = _peak_rss_mb()
            rounds.append((builds[1], _floor(paths), builds[2], _floor(paths, FAST_FLOOR_SCRIPT)))
            side_by_side.append(_side_by_side(halves, tmp, k))
        noop = _run_build(tmp / "raw", tmp / f"out-2-{k}", 2)
    t1, floor, t2, fast_floor = (min(timings, key=lambda t: t.wall) for timings in zip(*rounds))
    round_speedups = sorted(one.wall / two.wall for one, _, two, _ in rounds)
    halves_wall = min(side_by_side)

    n = len(paths)
    print(f"corpus: {n} documents, {megabytes:.2f} MB (synthetic variants of {args.raw})"
          + (f", fastest of {len(rounds)} rounds" if len(rounds) > 1 else ""))
    print(f"--jobs 1: {t1.wall:7.2f} s  {n / t1.wall:7.1f} docs/s  {megabytes / t1.wall:6.2f} MB/s"
          f"  (cpu {t1.cpu:.2f} s)")
    print(f"--jobs 2: {t2.wall:7.2f} s  {n / t2.wall:7.1f} docs/s  {megabytes / t2.wall:6.2f} MB/s"
          f"  speed-up {t1.wall / t2.wall:.2f}x  (cpu {t2.cpu:.2f} s)")
    if len(rounds) > 1:
        print(f"  speed-up within each round (back to back): {' '.join(f'{r:.2f}' for r in round_speedups)}"
              f"  median {statistics.median(round_speedups):.2f}x")
    print(f"floor (one process: start-up, t2s + jieba.lcut): {floor.wall:.2f} s   "
          f"build/floor (--jobs 1): {t1.wall / floor.wall:.2f}  (cpu: {floor.cpu:.2f} s, {t1.cpu / floor.cpu:.2f})")
    print(f"  the same floor with planparse's t2s (identical output): {fast_floor.wall:.2f} s   "
          f"build/that floor: {t1.wall / fast_floor.wall:.2f}")
    print(f"machine: two independent --jobs 1 builds of half the corpus each, side by side: {halves_wall:.2f} s "
          f"(--jobs 1 / that: {t1.wall / halves_wall:.2f}x: two processes with nothing shared)")
    print(f"no-op rebuild: {noop.wall:.2f} s (includes Python start-up)")
    print(f"peak memory: {rss_small:.0f} MB for {len(small)} documents, {rss_full:.0f} MB for {n} documents")
    if args.pdf_pages:
        with tempfile.TemporaryDirectory(prefix="planparse-bench-pdf-") as tmp:
            _pdf_timings(Path(tmp), args.pdf_pages, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
