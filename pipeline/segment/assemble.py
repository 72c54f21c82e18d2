"""``segment()``: run the rules over the lines, set levels, build the Outline.

``RULES`` is the ordered registry of line rules (highest priority first). ``_build``
numbers sections (dotted paths "3.2"), paragraphs ("p0001"), 专栏 ("c01") with their
items, and indicator rows ("i001"); residue lines are folded into the nearest table
paragraph of their run (``_fold_residue``).
"""
from __future__ import annotations

from typing import Optional

from pipeline.segment.announced import AnnouncedRunInRule, announced_runins
from pipeline.model import Column, ColumnItem, NormalizedDocument, Outline, Paragraph, Section
from pipeline.segment.cells import CellLinesRule
from pipeline.segment.columns import ColumnRule, NoteRule
from pipeline.segment.context import Block, Context
from pipeline.segment.heading_cues import Cues
from pipeline.segment.front_matter import (
    FrontMatterRule,
    IssuedTitleRule,
    MetadataRule,
    TocRule,
    _front_matter_end,
    _front_matter_fields,
)
from pipeline.segment.headings import (
    BareHeadingRule,
    HtmlHeadingRule,
    NumberedHeadingRule,
    StandaloneHeadingRule,
    unnumbered_subheadings,
)
from pipeline.segment.indicators import _build_indicators
from pipeline.segment.levels import _apply_overrides, _assign_levels
from pipeline.segment.numbering import numbering_runs, _content_end, _match_number, _numbered_title, _runin_split
from pipeline.segment.rule import (AttachmentListRule, BlankRule, FurnitureRule, PageNumberRule, ParagraphRule, Rule,
                                   SignatureRule)
from pipeline.segment.tables import HtmlTableRowRule, ResidueRule, TextTableRowRule, _rows_follow


RULES: tuple[Rule, ...] = tuple(sorted(
    (BlankRule(), MetadataRule(), FrontMatterRule(), IssuedTitleRule(), TocRule(), HtmlTableRowRule(), ResidueRule(),
     ColumnRule(), AttachmentListRule(), PageNumberRule(), FurnitureRule(), SignatureRule(), NoteRule(), CellLinesRule(), TextTableRowRule(), HtmlHeadingRule(),
     NumberedHeadingRule(), StandaloneHeadingRule(), AnnouncedRunInRule(), BareHeadingRule(), ParagraphRule()),
    key=lambda rule: -rule.priority))
FALLBACK = ParagraphRule()


def segment(doc: NormalizedDocument, cues: Cues) -> Outline:
    """Find headings, paragraphs, 专栏 and indicator tables in ``doc`` with ``cues``
    (``heading_cues.load_cues``)."""
    ctx = Context(doc=doc, cues=cues, lines=tuple(doc.lines))
    ctx.front_end = _front_matter_end(ctx)
    ctx.numbered = _is_numbered(ctx)
    ctx.runs = numbering_runs(ctx.lines, cues)
    ctx.unnumbered_top = ctx.numbered and _outermost_system(ctx) in cues.second_level_systems
    if ctx.numbered and not ctx.unnumbered_top:
        ctx.subheadings = unnumbered_subheadings(ctx)
    if not ctx.numbered:
        ctx.announced_runins = announced_runins(ctx)
    i = 0
    while i < len(ctx.lines):
        for rule in RULES:
            if rule.test(ctx, i):
                n_blocks = len(ctx.blocks)
                i += max(1, _run_or_degrade(rule, ctx, i))
                for b in ctx.blocks[n_blocks:]:
                    if b.kind == "heading":
                        ctx.last_heading = b
                break
    _assign_levels(ctx)
    _apply_overrides(ctx)
    return _build(ctx)


def _run_or_degrade(rule, ctx: Context, i: int) -> int:
    """``rule.run``; a block it cannot parse is kept as a paragraph line with a warning
    (a ``problems`` row naming the line), so that the rest of the document is still built."""
    n_blocks, n_columns, last_heading = len(ctx.blocks), len(ctx.columns), ctx.last_heading
    try:
        return rule.run(ctx, i)
    except Exception as error:      # noqa: BLE001 - any failure of one block degrades that block
        del ctx.blocks[n_blocks:], ctx.columns[n_columns:]
        ctx.last_heading = last_heading
        ctx.warnings.append(f"{ctx.doc.doc_id}: line {i + 1}: the {rule.name} rule could not read "
                            f"this block ({type(error).__name__}: {error}); it is kept as a paragraph")
        return FALLBACK.run(ctx, i)


def _is_numbered(ctx: Context) -> bool:
    """True when enough lines open with a number in heading shape.

    Heading-role numbers (一、 （一） 第一章) count from the start; list-role numbers (1.
    （1）) only after a heading-role one, so that "一、总体要求" over run-in "1.标题。正文"
    items is a numbered document while a bare outline with numbered 专栏 items is not.
    A 目录 entry ("第一篇　…………1") and a table's category row ("一、参保覆盖" over
    "1.基本医疗保险参保率（%） 98.5 >98 约束性", ``tables._rows_follow``) do not count: a copy
    whose body headings lost their numbers keeps them there.
    """
    c = ctx.cues
    count = 0
    for i in range(ctx.front_end + 1, len(ctx.lines)):
        line = ctx.lines[i]
        text = line.strip()
        found = _match_number(text, c)
        if not found or found[0].role == "article" or _content_end(line, c) < len(line) \
                or found[0].role != "heading" and count == 0:
            continue
        if c.toc_leader.search(text) or _rows_follow(ctx, i):
            continue                   # a 目录 entry ("第一篇　…………1"), a table's category row
        rest = text[found[1]:].strip()
        if _numbered_title(rest, found[0], c) or _runin_split(rest, c) is not None:
            count += 1
            if count >= c.min_numbered_headings:
                return True
    return False


def _outermost_system(ctx: Context) -> Optional[str]:
    """The heading-role numbering system listed first in ``heading_cues.toml`` (the outermost
    by convention: 篇, 章, 节, 一、, （一）) among those the document's lines open with."""
    c = ctx.cues
    seen = set()
    for line in ctx.lines[ctx.front_end + 1:]:
        found = _match_number(line.strip(), c)
        if found and found[0].role == "heading":
            seen.add(found[0].name)
    return next((s.name for s in c.numbering if s.name in seen), None)


def _build(ctx: Context) -> Outline:
    doc = ctx.doc
    doc_id = doc.doc_id
    html = doc.raw.format != "text"           # blocks (html, docx, pdf): no raw line
    _attach_column_tables(ctx)
    _fold_residue(ctx)
    table_nos = _number_tables(ctx)

    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    counters: list[int] = []
    current: Optional[str] = None
    block_section: dict[int, Optional[str]] = {}
    column_section: dict[int, Optional[str]] = {}
    for b in ctx.blocks:
        if b.kind == "heading":
            level = min(b.level, len(counters) + 1)
            del counters[level:]
            while len(counters) < level:
                counters.append(0)
            counters[level - 1] += 1
            current = ".".join(str(n) for n in counters)
            parent = ".".join(str(n) for n in counters[:-1]) or None
            sections.append(Section(doc_id, current, parent, level, len(sections) + 1,
                                    b.number, b.title, None if html else b.index + 1))
            continue
        if b.kind == "residue" and b.n_residue == 0:
            continue                                    # folded into a table paragraph
        para_id = f"p{len(paragraphs) + 1:04d}"
        column_id = None
        if b.column is not None:
            column_id = f"c{b.column + 1:02d}"
            column_section.setdefault(b.column, current)
        line = ctx.lines[b.index]
        raw_line = doc.raw.lines[b.index] if b.index < len(doc.raw.lines) else line
        source = raw_line[b.start:b.end] if len(raw_line) == len(line) else raw_line
        paragraphs.append(Paragraph(
            doc_id, para_id, current, column_id, len(paragraphs) + 1,
            "table" if b.kind == "table" else b.kind,
            line[b.start:b.end], source, b.index + 1, b.start, b.end, b.n_residue))
        block_section[id(b)] = current

    columns, items, warnings = _build_columns(ctx, column_section)
    indicators = _build_indicators(ctx, table_nos, block_section)
    return Outline(doc=doc, sections=tuple(sections), paragraphs=tuple(paragraphs),
                   columns=tuple(columns), column_items=tuple(items),
                   indicators=tuple(indicators), front_matter=_front_matter_fields(ctx),
                   warnings=tuple(ctx.warnings + warnings))


def _attach_column_tables(ctx: Context) -> None:
    """A 专栏 without items followed by table rows (专栏1 主要指标 + the table): the
    rows, residue and notes right after it belong to the 专栏."""
    open_column: Optional[int] = None
    for b in ctx.blocks:
        if b.kind == "column":
            draft = ctx.columns[b.column]
            open_column = b.column if not draft.items else None
        elif open_column is not None and b.kind in ("table", "residue", "note"):
            b.column = open_column
        else:
            open_column = None


def _table_runs(ctx: Context) -> list[list[Block]]:
    """Maximal runs of consecutive table/residue blocks (same HTML table when hinted)."""
    runs: list[list[Block]] = []
    current: list[Block] = []
    for b in ctx.blocks:
        if b.kind in ("table", "residue") and (
                not current or b.table_no == current[-1].table_no or b.table_no is None
                or current[-1].table_no is None):
            current.append(b)
            continue
        if current:
            runs.append(current)
        current = [b] if b.kind in ("table", "residue") else []
    if current:
        runs.append(current)
    return runs


def _fold_residue(ctx: Context) -> None:
    """Count residue lines on the nearest table paragraph of their run."""
    for run in _table_runs(ctx):
        rows = [b for b in run if b.kind == "table"]
        residues = [b for b in run if b.kind == "residue"]
        if not rows:
            residues[0].n_residue = len(residues)
            residues[0].start = residues[0].end = 0
            continue
        last_row: Optional[Block] = None
        pending = 0
        for b in run:
            if b.kind == "table":
                b.n_residue += pending
                pending = 0
                last_row = b
            elif last_row is not None:
                last_row.n_residue += 1
            else:
                pending += 1


def _number_tables(ctx: Context) -> dict[int, int]:
    """id(table block) → 1-based table number in the document."""
    numbers: dict[int, int] = {}
    n = 0
    seen_html: dict[int, int] = {}
    for run in _table_runs(ctx):
        html_no = run[0].table_no
        if html_no is not None and html_no in seen_html:
            table = seen_html[html_no]
        else:
            n += 1
            table = n
            if html_no is not None:
                seen_html[html_no] = table
        for b in run:
            numbers[id(b)] = table
    return numbers


def _build_columns(ctx: Context, column_section: dict[int, Optional[str]]):
    """Column and ColumnItem rows, and a warning for each 专栏 whose printed item numbers
    repeat (a page that prints an item twice, numbering that restarts inside one box): its
    items are all kept, numbered 1, 2, 3 … in order (item_no is unique in a 专栏)."""
    doc_id = ctx.doc.doc_id
    columns: list[Column] = []
    items: list[ColumnItem] = []
    warnings: list[str] = []
    for k, draft in enumerate(ctx.columns):
        column_id = f"c{k + 1:02d}"
        columns.append(Column(doc_id, column_id, draft.number, draft.label, draft.title,
                              column_section.get(k), draft.intro, draft.index + 1,
                              len(draft.items)))
        numbers = [item.item_no for item in draft.items]
        repeated = len(set(numbers)) < len(numbers)
        if repeated:
            warnings.append(_repeated_items_warning(doc_id, column_id, draft))
        for seq, item in enumerate(draft.items, start=1):
            items.append(ColumnItem(doc_id, column_id, seq if repeated else item.item_no, item.title,
                                    item.text, item.block.index + 1, item.char_start, item.char_end))
    return columns, items, warnings


def _repeated_items_warning(doc_id: str, column_id: str, draft) -> str:
    seen: set[int] = set()
    repeats = []
    for item in draft.items:
        if item.item_no in seen:
            repeats.append(f"item {item.item_no} again on line {item.block.index + 1}"
                           + (f" ({item.title})" if item.title else ""))
        seen.add(item.item_no)
    return (f"{doc_id}: {column_id} ({draft.label} {draft.title}, line {draft.index + 1}): "
            f"{'; '.join(repeats)}; its {len(draft.items)} items are kept, numbered 1-{len(draft.items)} in order").replace("  ", " ")
