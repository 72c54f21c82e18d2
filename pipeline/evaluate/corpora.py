"""The evaluation corpora: which documents, with which answer key, tuning or held out.

The split lives in ``tests/fixtures/eval_split.toml`` (reviewed data, one reason per entry):
a document is held out until a rule is changed for it; then it moves to the tuning part.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from pipeline.config import PROJECT_ROOT, RAW_DIR
from pipeline.evaluate.expected import (ExpectedFigure, ExpectedOutline, headline_figures, roles_years_figures,
                                        parse_outline, reviewed_figures)
from pipeline.manifest import load_manifest
from pipeline.model import DocumentMeta

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
SPLIT_FILE = FIXTURES / "eval_split.toml"
WORK_REPORTS = FIXTURES / "corpus" / "work-reports-2026"
# the shared development corpus beside the checkout, when there is one: the work reports are
# read from there (their answer keys stay in the fixture copy, which must be identical)
SHARED_WORK_REPORTS = PROJECT_ROOT.parent / "shared" / "corpus" / "work-reports-2026"
PLANS = FIXTURES / "corpus" / "plans"
FIRST_DOCUMENT = RAW_DIR / "zhejiang-hrss-14th-fyp.zh-tw.txt"


@dataclass(frozen=True)
class EvalDocument:
    corpus: str
    name: str
    path: Path
    meta: DocumentMeta
    outline: Optional[ExpectedOutline] = None
    figures: Optional[list[ExpectedFigure]] = None
    figures_complete: bool = True          # False: only some figures are keyed (no precision)
    traditional_copy: bool = False         # also score an OpenCC s2tw copy
    layout_copies: bool = False            # also score run-in and unnumbered copies (variants.py)


def load_split(path: Path = SPLIT_FILE) -> dict[str, set[str]]:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return {corpus: set(entry["held_out"]) for corpus, entry in data.items()}


def segment_eval() -> list[EvalDocument]:
    docs = []
    for folder in (FIXTURES / "segment" / "eval", FIXTURES / "segment" / "eval_tables"):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".html"):
                docs.append(EvalDocument("segment-eval", path.stem, path, DocumentMeta(doc_id=path.stem),
                                         outline=parse_outline(path.with_suffix(".outline")),
                                         traditional_copy=True, layout_copies=True))
    return docs


def work_reports() -> list[EvalDocument]:
    figures = headline_figures(WORK_REPORTS / "headline_targets.tsv", year=2026)
    docs = []
    for path in sorted(WORK_REPORTS.glob("*.txt")):
        key = path.with_suffix(".outline")
        shared = SHARED_WORK_REPORTS / path.name
        if shared.exists() and shared.read_bytes() == path.read_bytes():
            path = shared
        docs.append(EvalDocument("work-reports", path.stem, path, DocumentMeta(doc_id=path.stem),
                                 outline=parse_outline(key) if key.exists() else None,
                                 figures=figures.get(path.stem, []), figures_complete=False,
                                 layout_copies=True))
    return docs


def shared_corpus_note() -> str:
    """Where the work reports were read from, for the report's first lines."""
    if not SHARED_WORK_REPORTS.exists():
        return f"work reports: {WORK_REPORTS.relative_to(PROJECT_ROOT)} (no ../shared/corpus here)"
    names = sorted(p.name for p in WORK_REPORTS.glob("*.txt"))
    differ = [n for n in names if not (SHARED_WORK_REPORTS / n).exists()
              or (SHARED_WORK_REPORTS / n).read_bytes() != (WORK_REPORTS / n).read_bytes()]
    if differ:
        return f"work reports: ../shared/corpus differs from the fixture copy for {', '.join(differ)} (fixture copy used)"
    return f"work reports: read from ../shared/corpus/work-reports-2026 ({len(names)} files, identical to the fixture copy)"


ROLES_YEARS = FIXTURES / "targets" / "reviewed-roles-years"


def reviewed_targets() -> list[EvalDocument]:
    docs = []
    folder = FIXTURES / "targets"
    for key in sorted(folder.glob("*.json")):
        spec, figures = reviewed_figures(key)
        if "raw" in spec:
            path = RAW_DIR / spec["raw"] if isinstance(spec["raw"], str) else FIRST_DOCUMENT
            meta = next(m for k, m in sorted(load_manifest(RAW_DIR).items()) if k.startswith(key.stem))
        else:
            path = key.with_suffix(".txt")
            # the page's date (发布时间, date line) when the key gives it: roles are read against it
            meta = DocumentMeta(doc_id=key.stem, period=spec["plan_period"], issue_date=spec.get("doc_date"))
        docs.append(EvalDocument("targets-reviewed", key.stem, path, meta, figures=figures))
    return docs


def plans() -> list[EvalDocument]:
    if not PLANS.exists():
        return []
    return [EvalDocument("plans", p.stem, p, DocumentMeta(doc_id=p.stem),
                         outline=parse_outline(p.with_suffix(".outline")), traditional_copy=True,
                         layout_copies=True)
            for p in sorted(PLANS.glob("*.txt")) if p.with_suffix(".outline").exists()]


def whole_document_roles() -> list[EvalDocument]:
    """Role and year of every figure of whole documents (``targets/reviewed-roles-years``):
    the pipeline's rows read one by one against the text (held out: ``eval_split.toml`` [roles-years])."""
    docs = []
    sources = {p.stem: p for folder in (WORK_REPORTS, PLANS) for p in sorted(folder.glob("*.txt"))}
    for key in sorted(ROLES_YEARS.glob("*.tsv")):
        path = sources[key.stem]
        docs.append(EvalDocument("roles-years", key.stem, path, DocumentMeta(doc_id=key.stem),
                                 figures=roles_years_figures(key)))
    return docs


def all_documents() -> list[EvalDocument]:
    return segment_eval() + work_reports() + reviewed_targets() + whole_document_roles() + plans()


def split_of(doc: EvalDocument, split: dict[str, set[str]]) -> str:
    return "held-out" if doc.name in split.get(doc.corpus, ()) else "tuning"
