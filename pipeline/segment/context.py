"""Working state of one segmentation: the ``Context`` the rules read and append to.

``Block`` is one unit found on a line (a heading, or the span of a future paragraph);
``ColumnDraft`` and ``ItemDraft`` are a 专栏 and its items while they are read. Small text
helpers shared by every rule family live here too (``_span``, ``_next_nonblank``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pipeline.model import LineHint, NormalizedDocument
from pipeline.segment.heading_cues import Cues


@dataclass
class Block:
    """One unit found on a line: a heading, or the text span of a future paragraph."""

    kind: str                     # heading | paragraph | table | residue | note | column | front_matter
    index: int                    # 0-based line index
    start: int = 0                # span in the normalized line
    end: int = 0
    number: Optional[str] = None  # heading number as printed
    title: str = ""
    system: Optional[str] = None  # numbering system, "h<n>" or "bare"
    hint_level: Optional[int] = None
    level: int = 1
    table_no: Optional[int] = None
    is_header: bool = False
    n_residue: int = 0
    column: Optional[int] = None  # index into Context.columns
    cell_line: bool = False       # a line of a table printed one cell per line (cells.py)
    cell_headers: tuple[str, ...] = ()  # its header cells, on the first header line
    cell_row: Optional[object] = None   # the IndicatorRow read from here, on a row's name line


@dataclass
class ItemDraft:
    item_no: int
    title: Optional[str]
    text: str
    block: Block                  # the column paragraph holding the item
    char_start: int               # offsets in that paragraph's text
    char_end: int


@dataclass
class ColumnDraft:
    label: str
    number: Optional[int]
    title: str
    intro: Optional[str]
    index: int
    items: list[ItemDraft] = field(default_factory=list)


@dataclass
class Context:
    doc: NormalizedDocument
    cues: Cues
    lines: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)
    columns: list[ColumnDraft] = field(default_factory=list)
    front_end: int = -1
    numbered: bool = False
    last_heading: Optional[Block] = None    # the last heading block of the lines read so far
    runs: frozenset = frozenset()           # lines numbered in sequence with a sibling (numbering_runs)
    unnumbered_top: bool = False            # numbered, but its top level printed without numbers
    subheadings: frozenset = frozenset()    # unnumbered sub-headings of numbered sections
    announced_runins: frozenset = frozenset()   # run-in headings of a counted announcement (announced)
    warnings: list[str] = field(default_factory=list)   # blocks that degraded (problems rows)

    def hint(self, i: int) -> Optional[LineHint]:
        return self.doc.raw.hint(i)


# --------------------------------------------------------------------------- small helpers


def _span(line: str, start: int = 0, end: Optional[int] = None) -> tuple[int, int]:
    """The span [start, end) of ``line`` with whitespace trimmed on both sides."""
    end = len(line) if end is None else end
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end


def _has_sentence_punct(text: str, c: Cues) -> bool:
    return any(ch in c.sentence_punct for ch in text)


def _next_nonblank(lines: tuple[str, ...], i: int) -> Optional[int]:
    while i < len(lines):
        if lines[i].strip():
            return i
        i += 1
    return None
