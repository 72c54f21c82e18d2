"""Whole-document goldens: sections, targets and indicators of whole real documents.

These are change detectors, not answer keys: each ``tests/fixtures/goldens/<doc>.<table>.jsonl``
is the pipeline's own output, sorted, one row per line. A change in the output shows as a
unified diff; when the change is intended, review the diff against the source text and
rewrite the goldens with ``GOLDEN_UPDATE=1 pytest tests/test_goldens.py``. What the output
should be is scored by ``make eval`` against the hand-read answer keys.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
import os
from pathlib import Path

import pytest

from pipeline.lexicon_set import load_lexicons
from pipeline.config import LEXICON_DIR, RAW_DIR
from pipeline.evaluate.corpora import FIXTURES, PLANS, WORK_REPORTS
from pipeline.evaluate.run import run_stages
from pipeline.manifest import load_manifest
from pipeline.model import DocumentMeta

LEXICONS = load_lexicons(LEXICON_DIR)

GOLDENS = FIXTURES / "goldens"
UPDATE = os.environ.get("GOLDEN_UPDATE") == "1"


def _documents() -> list[tuple[str, Path, DocumentMeta]]:
    first = RAW_DIR / "zhejiang-hrss-14th-fyp.zh-tw.txt"
    meta = next(m for k, m in sorted(load_manifest(RAW_DIR).items()) if k.startswith("zhejiang"))
    docs = [(meta.doc_id, first, meta)]
    for folder in (WORK_REPORTS, PLANS):
        if folder.exists():
            docs += [(p.stem, p, DocumentMeta(doc_id=p.stem)) for p in sorted(folder.glob("*.txt"))]
    return docs


DOCUMENTS = _documents()


def _rows(items, drop=("doc_id",)) -> list[str]:
    rows = []
    for item in items:
        row = {k: v for k, v in dataclasses.asdict(item).items() if k not in drop}
        rows.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return rows


def check_golden(name: str, rows: list[str]) -> None:
    path = GOLDENS / name
    text = "\n".join(rows) + "\n"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"{path} missing: run GOLDEN_UPDATE=1 pytest tests/test_goldens.py and review it")
        path.write_text(text, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if expected != text:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), str(path), "now",
                                    lineterm="", n=1)
        pytest.fail("output changed (GOLDEN_UPDATE=1 rewrites after review):\n" + "\n".join(list(diff)[:80]))


@pytest.mark.parametrize("doc_id, path, meta", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_whole_document_matches_its_goldens(doc_id, path, meta):
    outline, targets = run_stages(path, meta, LEXICONS)
    check_golden(f"{doc_id}.sections.jsonl", _rows(outline.sections))
    check_golden(f"{doc_id}.targets.jsonl", _rows(targets))
    check_golden(f"{doc_id}.indicators.jsonl", _rows(outline.indicators))
