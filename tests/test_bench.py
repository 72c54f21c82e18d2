"""bench: the synthetic corpus (the timings themselves are `make bench`, never asserted)."""
import hashlib

import pytest

from pipeline.bench import make_corpus
from pipeline.manifest import list_raw_files


def test_corpus_documents_are_all_different_and_made_of_the_raw_text(raw, tmp_path):
    paths = make_corpus(raw, tmp_path / "corpus", 30)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(paths) == 30
    assert len({hashlib.sha256(t.encode()).digest() for t in texts}) == 30
    source = [p for p in list_raw_files(raw) if p.suffix == ".txt"][0].read_text(encoding="utf-8-sig")
    # mostly the real plan: every variant keeps most of the source's lines unchanged
    source_lines = set(source.splitlines())
    for text in texts:
        lines = text.splitlines()
        assert sum(line in source_lines for line in lines) > 0.5 * len(lines)


def test_corpus_is_the_same_for_the_same_seed(raw, tmp_path):
    first = [p.read_bytes() for p in make_corpus(raw, tmp_path / "a", 5)]
    again = [p.read_bytes() for p in make_corpus(raw, tmp_path / "b", 5)]
    assert first == again


@pytest.mark.integration          # lays out 36 pages with fpdf2: a few seconds
def test_plan_pdf_is_the_real_plan_repeated_to_the_pages_asked(tmp_path):
    from pipeline.bench import PDF_SOURCE, make_plan_pdf
    pdf, text, pages = make_plan_pdf(tmp_path, 30)
    assert 30 <= pages < 30 + 18 + 1                      # whole copies of the 18-page layout
    lines = text.read_text(encoding="utf-8").splitlines()
    source = PDF_SOURCE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == source[0] and len(lines) == 1 + 2 * (len(source) - 1)
    assert pdf.read_bytes().startswith(b"%PDF-")
