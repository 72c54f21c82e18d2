"""Plain data passed between the stages.

Every stage takes one of these and returns another; none of them does I/O.
Row dataclasses (``Section`` … ``Problem``) have exactly the columns of the
table of the same name in ``schemas/tables.toml`` (a test checks it).

Offsets are Python ``str`` indices (code points), 0-based, end-exclusive.
Line numbers are 1-based and refer to the raw input's lines for plain text
and to extracted blocks for HTML (see ``RawDocument.lines``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class DocumentMeta:
    """Metadata of one document, from ``raw/manifest.toml`` or the file name."""

    doc_id: str
    title: Optional[str] = None
    issuer: Optional[str] = None
    region: Optional[str] = None
    period: Optional[str] = None          # e.g. "十四五"
    issue_date: Optional[str] = None      # ISO date "2021-05-31"
    doc_number: Optional[str] = None      # 发文字号, e.g. "浙发改规划〔2021〕208号"
    source: Optional[str] = None          # where the text came from (URL or description)
    plan_id: Optional[str] = None         # documents that are editions of one plan share it
    edition: Optional[str] = None         # e.g. "十四五", "draft", "final"
    # per-document overrides for genuinely ambiguous documents: raw line -> heading level
    heading_levels: tuple[tuple[int, int], ...] = ()
    # restore full-width punctuation (，；：（）) in a converted document whose copy lost it;
    # off by default: the mirror copies we see keep the punctuation of their source
    fullwidth_punctuation: bool = False


@dataclass(frozen=True)
class LineHint:
    """Layout evidence that survived ingest (HTML, .docx, PDF; plain text has none).

    kind: "heading" (h1–h6, ``level`` set), "emphasis" (bold or centered block
    acting as a heading candidate), "table_row" (cells are joined by TAB in the
    line text; ``table_no`` numbers tables in the document, ``is_header`` marks
    <th>/<thead> rows), "metadata" (a field of the page's document-metadata box,
    written "发文字号：…", "成文日期：…", "发文机关：…" or "标题：…").
    """

    kind: str
    level: Optional[int] = None
    table_no: Optional[int] = None
    is_header: bool = False


@dataclass(frozen=True)
class Blocks:
    """What the reader of a laid-out format (read_docx, read_doc, read_pdf) gives ingest."""

    lines: tuple[str, ...]                # one per block: a paragraph, a heading, a table row
    hints: tuple[Optional[LineHint], ...]  # parallel to lines
    n_pages: Optional[int]


@dataclass(frozen=True)
class RawDocument:
    """A decoded document: the only place where bytes became text (ingest)."""

    meta: DocumentMeta
    source_path: str                      # path as given, relative to the raw dir when possible
    sha256: str                           # of the raw bytes
    encoding: str                         # detected, e.g. "utf-8", "utf-8-sig", "gb18030"
    format: str                           # "text" | "html" | "docx" | "doc" | "pdf"
    lines: tuple[str, ...]                # one entry per raw line (text) or block (the others)
    hints: tuple[Optional[LineHint], ...] = ()  # parallel to lines for blocks; empty for text
    n_pages: Optional[int] = None         # PDF pages (docx/doc: as Word last counted them)

    def hint(self, index: int) -> Optional[LineHint]:
        """Hint of the 0-based line ``index`` (None when absent)."""
        return self.hints[index] if index < len(self.hints) else None


@dataclass(frozen=True)
class Conversion:
    """One substitution beyond plain character conversion (auditable)."""

    doc_id: str
    line: int
    char_start: int                       # offset of ``target`` in the normalized line
    char_end: int
    source: str                           # form after character conversion, e.g. "最佳化"
    target: str                           # mainland form written, e.g. "优化"
    rule: str                             # rule id from phrases_tw2cn.tsv or punctuation.tsv


@dataclass(frozen=True)
class NormalizedDocument:
    """Simplified text with the same number of lines as the raw document."""

    raw: RawDocument
    lines: tuple[str, ...]                # normalized Simplified text, line i <-> raw line i
    script: str                           # "traditional" | "simplified" | "mixed"
    taiwan_phrasing: bool                 # Taiwan-style wording detected and reversed
    conversions: tuple[Conversion, ...] = ()

    @property
    def doc_id(self) -> str:
        return self.raw.meta.doc_id


# --------------------------------------------------------------------------- table rows


@dataclass(frozen=True)
class Document:
    doc_id: str
    title: Optional[str]
    issuer: Optional[str]
    region: Optional[str]
    period: Optional[str]
    issue_date: Optional[str]
    date_source: str                      # where the document's date was read (dating.py)
    doc_year: Optional[int]               # the year it was written
    doc_number: Optional[str]
    source: Optional[str]
    plan_id: Optional[str]
    edition: Optional[str]
    source_path: str
    source_sha256: str
    encoding: str
    format: str
    script: str
    taiwan_phrasing: bool
    n_pages: Optional[int]
    n_lines: int
    n_chars: int
    n_sections: int
    n_paragraphs: int
    n_columns: int
    n_indicators: int
    n_targets: int
    n_conversions: int
    pipeline_version: str


@dataclass(frozen=True)
class Section:
    doc_id: str
    section_id: str                       # dotted path in the outline, e.g. "3.2"
    parent_id: Optional[str]              # None at top level
    level: int                            # 1 = top
    seq: int                              # document order, 1-based
    number: Optional[str]                 # as printed, e.g. "一、", "（一）"; None when unnumbered
    title: str                            # Simplified
    line: Optional[int]                   # 1-based raw line of the heading; None for html, docx, pdf


@dataclass(frozen=True)
class Paragraph:
    doc_id: str
    para_id: str                          # "p0001" in document order
    section_id: Optional[str]             # None before the first heading
    column_id: Optional[str]              # set for paragraphs inside a 专栏
    seq: int
    kind: str                             # paragraph | column | table | note | residue | front_matter | page_number
    text: str                             # Simplified
    source_text: str                      # the same span as in raw
    line: int                             # 1-based line (raw line or html block)
    line_char_start: int                  # offset of ``text`` in the normalized line
    line_char_end: int
    n_residue_lines: int                  # table residue lines folded into this row (0 for most)


@dataclass(frozen=True)
class Column:
    """A 专栏 (boxed column)."""

    doc_id: str
    column_id: str                        # "c01" in document order
    number: Optional[int]                 # 3 for 专栏3; 1 for 专栏1-1 (see label)
    label: str                            # as printed, e.g. "专栏3", "专栏1-1"
    title: str
    section_id: Optional[str]
    intro: Optional[str]                  # text before the first item, if any
    line: int
    n_items: int


@dataclass(frozen=True)
class ColumnItem:
    doc_id: str
    column_id: str
    item_no: int                          # 1-based; the printed number when there is one
    title: Optional[str]
    text: str
    line: int
    char_start: int                       # offset of the item (number included) in the column paragraph text
    char_end: int


@dataclass(frozen=True)
class Indicator:
    """One row of an indicator table (主要指标)."""

    doc_id: str
    row_id: str                           # "i001" in document order
    section_id: Optional[str]
    table_no: int                         # 1-based table number in the document
    category: Optional[str]               # category row above, e.g. "人才队伍建设"
    seq: int
    row_no: Optional[str]                 # as printed, e.g. "1"
    name: str
    unit: Optional[str]                   # from "(万人)" in the name or a unit column
    headers: tuple[str, ...]              # column headers when they exist, else ()
    years: tuple[Optional[int], ...]      # the year of each value's header (2020年, “十三五”末), else None
    values: tuple[str, ...]               # as printed, in column order
    numbers: tuple[Optional[float], ...]  # parsed values, None where not numeric
    cumulative: tuple[bool, ...]          # value printed in 〔 〕 (five-year cumulative)
    attribute: Optional[str]              # 预期性 / 约束性 when a column says so
    line: int
    indicator_id: Optional[str] = None    # catalogue id (pipeline.catalog), set after segment
    scope: Optional[str] = None           # 城镇 / 农村 / 城乡 part of the population, else None


@dataclass(frozen=True)
class Target:
    doc_id: str
    target_id: str                        # "t0001" in document order
    section_id: Optional[str]
    column_id: Optional[str]
    para_id: str
    line: int
    mention: str                          # exact substring of the paragraph text
    char_start: int                       # offsets of mention in the paragraph text
    char_end: int
    number: Optional[float]               # as written (500.0 for 500万)
    number_high: Optional[float]          # upper end of a range, else None
    scale: float                          # 1, 1e4 (万), 1e8 (亿), 1e12 (万亿)
    unit: Optional[str]                   # "人", "%", "个百分点", "元" …
    unit_implied: bool                    # the unit is implied by the subject (人才总量…680万)
    value: Optional[float]                # number × scale; None for ratios
    qualifier: Optional[str]              # as printed, e.g. "以上"
    comparator: Optional[str]             # ge | le | approx | eq | gt | lt
    period: Optional[str]                 # "每年", "到2025年", "十四五期间"
    period_type: Optional[str]            # annual | period_total | at_date
    deadline_year: Optional[int]
    year: Optional[int]                   # the year the figure refers to (a span's last year)
    year_from: Optional[int]              # first year when it refers to a span (2021—2025年)
    subject: Optional[str]
    role: str                             # target | actual | baseline
    is_cumulative: bool
    indicator_id: Optional[str] = None    # catalogue id (pipeline.catalog), set after extract
    scope: Optional[str] = None           # 城镇 / 农村 / 城乡 part of the population, else None


@dataclass(frozen=True)
class IndicatorCatalogEntry:
    """One indicator of ``lexicons/indicator_catalog.tsv`` (the ``indicator_catalog`` table)."""

    indicator_id: str
    name: str                             # canonical Chinese name
    kind: str                             # level | growth | share | reduction | count
    unit_family: list[str]                # unit kinds of units.tsv the figures are stated in
    higher_is_better: Optional[bool]      # None where neither (a price band)
    spellings: str                        # the pattern a whole subject must match
    scopes: list[str]                     # parts it is stated for (城乡, 城镇, 农村), else []
    example: str


@dataclass(frozen=True)
class Term:
    doc_id: str
    section_id: Optional[str]         # None before the first heading
    term: str
    occurrences: int


@dataclass(frozen=True)
class Problem:
    source_path: str
    doc_id: Optional[str]
    stage: str
    message: str


@dataclass(frozen=True)
class Outline:
    """Everything segment found in one document."""

    doc: NormalizedDocument
    sections: tuple[Section, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    columns: tuple[Column, ...] = ()
    column_items: tuple[ColumnItem, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    front_matter: dict = field(default_factory=dict)  # e.g. {"doc_number": "…", "issue_date": "…"}
    warnings: tuple[str, ...] = ()        # what segment kept but could not read as printed (problems rows)

    @property
    def doc_id(self) -> str:
        return self.doc.doc_id
