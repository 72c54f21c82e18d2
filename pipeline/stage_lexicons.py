"""The lexicons of the ingest (HTML chrome), normalize and terms stages, as one value.

A build (or an evaluation run) loads them once, before any document and before worker
processes are forked, and passes them to every stage call::

    lexicons = load_stage_lexicons(LEXICON_DIR)
    raw = ingest.read_document(path, meta, lexicons.chrome)
    doc = normalize.normalize(raw, lexicons.normalize)
    terms.term_columns(outline, lexicons.terms)

Loading imports neither bs4 (``pipeline.html_chrome`` reads the chrome rules without it) nor
anything else a stage does not need before its first document.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.html_chrome import ChromeRules, load_chrome_rules
from pipeline.normalize import NormalizeLexicon, load_normalize_lexicon
from pipeline.terms import TermsLexicon, load_terms_lexicon


@dataclass(frozen=True, eq=False)
class StageLexicons:
    directory: Path
    chrome: ChromeRules
    normalize: NormalizeLexicon
    terms: TermsLexicon

    def __reduce__(self):
        # a worker process that is not forked (no ``fork`` start method) loads its own copy;
        # the jieba tokenizer cannot be pickled
        return load_stage_lexicons, (self.directory,)


def load_stage_lexicons(lexicon_dir: Path) -> StageLexicons:
    """Every stage lexicon of ``lexicon_dir``, checked: a malformed entry is one RuleError
    line naming the file, the entry and the problem."""
    lexicon_dir = Path(lexicon_dir)
    return StageLexicons(lexicon_dir, load_chrome_rules(lexicon_dir), load_normalize_lexicon(lexicon_dir),
                         load_terms_lexicon(lexicon_dir))
