"""Every stage's lexicon, loaded once: what ``build`` reads before it forks and passes on.

Each stage owns the reading of its files and takes the result as an explicit argument;
nothing is read behind a module-level cache::

    lexicons = load_lexicons(LEXICON_DIR)
    raw = ingest.read_document(path, meta, lexicons.chrome)
    doc = normalize.normalize(raw, lexicons.normalize)
    outline = segment.segment(doc, lexicons.cues)
    when = dating.document_date(meta, outline.front_matter, doc.lines, lexicons.dates)
    targets = extract.extract_targets(outline, lexicons.extract, when)
    targets, indicators = catalog.label_outline(outline, targets, lexicons.catalog)
    terms.term_columns(outline, lexicons.terms)

Loading imports neither bs4 (``pipeline.html_chrome`` reads the chrome rules without it) nor
anything else a stage does not need before its first document.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.catalog import IndicatorCatalog, load_indicator_catalog
from pipeline.dating import DateCues, load_date_cues
from pipeline.extract.lexicons import Lexicon as ExtractLexicon
from pipeline.extract.lexicons import load_extract_lexicon
from pipeline.html_chrome import ChromeRules, load_chrome_rules
from pipeline.normalize import NormalizeLexicon, load_normalize_lexicon
from pipeline.segment.heading_cues import Cues, load_cues
from pipeline.terms import TermsLexicon, load_terms_lexicon


@dataclass(frozen=True, eq=False)
class Lexicons:
    directory: Path
    chrome: ChromeRules                   # ingest (HTML pages): html_chrome.toml
    normalize: NormalizeLexicon           # normalize: phrases_tw2cn.tsv, punctuation.tsv
    cues: Cues                            # segment: heading_cues.toml
    dates: DateCues                       # dating: document_dates.toml
    extract: ExtractLexicon               # extract: units, qualifiers, periods, roles, subject…
    terms: TermsLexicon                   # terms: jieba user dictionary, stopwords, measure words
    catalog: IndicatorCatalog             # catalog: indicator_catalog.tsv (with units, scales)

    def __reduce__(self):
        # a worker process that is not forked (no ``fork`` start method) loads its own copy;
        # the jieba tokenizer cannot be pickled
        return load_lexicons, (self.directory,)


def load_lexicons(lexicon_dir: Path) -> Lexicons:
    """Read every lexicon of ``lexicon_dir``; a malformed entry is one RuleError line naming
    the file, the entry and the problem."""
    lexicon_dir = Path(lexicon_dir)
    return Lexicons(directory=lexicon_dir, chrome=load_chrome_rules(lexicon_dir),
                    normalize=load_normalize_lexicon(lexicon_dir), cues=load_cues(lexicon_dir),
                    dates=load_date_cues(lexicon_dir), extract=load_extract_lexicon(lexicon_dir),
                    terms=load_terms_lexicon(lexicon_dir), catalog=load_indicator_catalog(lexicon_dir))
