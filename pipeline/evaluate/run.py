"""Run the stages on every evaluation document and score it."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from pipeline.config import LEXICON_DIR
from pipeline.evaluate.corpora import EvalDocument
from pipeline.evaluate.variants import cells_per_line_copy, layout_variants
from pipeline.evaluate.scoring import Tally, matched_levels, score_figures, score_outline, targets_on_lines, untitled_as_keyed
from pipeline.model import DocumentMeta, Outline, Target

if TYPE_CHECKING:
    from pipeline.lexicon_set import Lexicons


@dataclass
class DocumentScore:
    corpus: str
    name: str
    variant: str                          # "as written" or "zh-tw"
    split: str
    scores: dict[str, Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def run_stages(path: Path, meta: DocumentMeta, lexicons: "Lexicons") -> tuple[Outline, list[Target]]:
    """ingest -> normalize -> segment -> extract -> catalog, as the build runs them
    (``lexicons``: ``pipeline.lexicon_set.load_lexicons``, loaded once per run); the outline's
    indicator rows carry their catalogue ids."""
    from pipeline import catalog, extract, ingest, normalize, segment
    from pipeline.dating import document_date
    raw = ingest.read_document(path, meta, lexicons.chrome)
    outline = segment.segment(normalize.normalize(raw, lexicons.normalize), lexicons.cues)
    when = document_date(meta, outline.front_matter or {}, outline.doc.lines, lexicons.dates)
    targets, indicators = catalog.label_outline(outline, extract.extract_targets(outline, lexicons.extract, when),
                                                lexicons.catalog)
    return replace(outline, indicators=tuple(indicators)), targets


def _variants(doc: EvalDocument, s2tw: Callable[[str], str], tmp: Path, lexicons: "Lexicons"):
    """(variant name, path, answer key) of each copy of the document that is scored."""
    yield "as written", doc.path, doc.outline
    if doc.traditional_copy:
        copy = tmp / f"{doc.path.stem}.zh-tw{doc.path.suffix}"
        copy.write_text(s2tw(doc.path.read_text(encoding="utf-8")), encoding="utf-8")
        yield "zh-tw", copy, doc.outline
    if doc.layout_copies and doc.outline is not None and doc.path.suffix == ".txt":
        text = doc.path.read_text(encoding="utf-8")
        for name, make in layout_variants().items():
            made = make(text, doc.outline)
            if made:
                copy = tmp / f"{doc.path.stem}.{name}{doc.path.suffix}"
                copy.write_text(made[0], encoding="utf-8")
                yield name, copy, made[1]
    if doc.layout_copies and doc.outline is not None and doc.outline.indicators:
        from pipeline import ingest
        if doc.path.suffix == ".txt":
            text = doc.path.read_text(encoding="utf-8")
        else:                                   # an HTML page: its blocks, table rows as TAB cells
            text = "\n".join(ingest.read_document(doc.path, doc.meta, lexicons.chrome).lines)
        made = cells_per_line_copy(text, doc.outline)
        if made:
            copy = tmp / f"{doc.path.stem}.cells-per-line.txt"
            copy.write_text(made[0], encoding="utf-8")
            yield "cells-per-line", copy, made[1]


def score_document(doc: EvalDocument, split: str, s2tw: Callable[[str], str],
                   tmp: Path, lexicons: "Lexicons") -> list[DocumentScore]:
    results = []
    for variant, path, key in _variants(doc, s2tw, tmp, lexicons):
        result = DocumentScore(doc.corpus, doc.name, variant, split)
        outline, targets = run_stages(path, doc.meta, lexicons)
        if key is not None:
            scores = score_outline(outline, key)
            if variant == "unnumbered":
                scores.pop("heading numbers")
            if variant == "cells-per-line":             # only its tables changed
                scores = {k: v for k, v in scores.items() if k == "indicator rows"}
            result.scores.update(scores)
            if variant != "cells-per-line":
                result.misses += outline_misses(outline, key)
        if doc.figures is not None and variant == "as written":
            scores, misses = score_figures(doc.figures, outline.doc.lines,
                                           targets_on_lines(outline, targets),
                                           with_precision=doc.figures_complete)
            result.scores.update(scores)
            result.misses += misses
        results.append(result)
    return results


def outline_misses(outline: Outline, expected) -> list[str]:
    """Missed, spurious and misplaced headings, named by title (a point keyed without a title
    by its number: ``scoring.untitled_as_keyed``)."""
    found = untitled_as_keyed(expected, [(s.level, s.number, s.title) for s in outline.sections])
    got = [t for _l, _n, t in found]
    want = [t for _l, _n, t in expected.headings]
    name = lambda number, title: title or f"{number} (untitled)"
    misses = [f"heading missed: {name(n, t)}" for _l, n, t in expected.headings if t not in got]
    misses += [f"heading spurious: {name(n, t)}" for _l, n, t in found if t not in want]
    misses += [f"heading level: {name(n, t)}: got {level_found}, want {level_wanted}"
               for level_wanted, level_found, n, t in matched_levels(expected, found)
               if level_found != level_wanted]
    return misses


def score_all(docs: list[EvalDocument], split_of: Callable[[EvalDocument], str]) -> list[DocumentScore]:
    import opencc
    from pipeline.lexicon_set import load_lexicons

    s2tw = opencc.OpenCC("s2tw").convert
    lexicons = load_lexicons(LEXICON_DIR)
    out: list[DocumentScore] = []
    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            out += score_document(doc, split_of(doc), s2tw, Path(tmp), lexicons)
    return out


def totals(results: list[DocumentScore]) -> dict[tuple[str, str, str], dict[str, Tally]]:
    """(corpus, variant, split) -> metric -> summed tally."""
    out: dict[tuple[str, str, str], dict[str, Tally]] = {}
    for r in results:
        bucket = out.setdefault((r.corpus, r.variant, r.split), {})
        for metric, tally in r.scores.items():
            bucket.setdefault(metric, Tally()).add(tally)
    return out
