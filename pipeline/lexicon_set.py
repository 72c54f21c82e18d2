"""Every stage's lexicon, loaded once: what ``build`` reads before it forks and passes on.

Each stage owns the reading of its files (``segment.load_cues``, ``dating.load_date_cues``…)
and takes the result as an explicit argument; nothing is read behind a module-level cache.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.dating import DateCues, load_date_cues
from pipeline.extract.lexicons import Lexicon as ExtractLexicon
from pipeline.extract.lexicons import load_extract_lexicon
from pipeline.segment.heading_cues import Cues, load_cues


@dataclass(frozen=True)
class Lexicons:
    cues: Cues                            # segment: heading_cues.toml
    dates: DateCues                       # dating: document_dates.toml
    extract: ExtractLexicon               # extract: units, qualifiers, periods, roles, subject…


def load_lexicons(lexicon_dir: Path) -> Lexicons:
    """Read every lexicon of ``lexicon_dir``; a malformed one is a one-line RuleError."""
    return Lexicons(cues=load_cues(lexicon_dir), dates=load_date_cues(lexicon_dir),
                    extract=load_extract_lexicon(lexicon_dir))
