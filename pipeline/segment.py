"""NormalizedDocument → Outline: headings, paragraphs, 专栏 and indicator tables.

Entry function: ``segment(doc)``.

How a document is read, in the style of Python-Markdown's block parser:

1. ``_front_matter_end`` finds the release header of an official document (发文字号,
   the notice to 各市、县（市、区）人民政府…, signatures, date, （此件主动公开）, the plan
   title). Those lines become paragraphs of kind ``front_matter`` and fill
   ``Outline.front_matter`` (doc_number, issue_date as ISO, issuer). Blocks that ingest
   hinted as ``metadata`` (a site's 信息公开 box: "发文字号：…") are front matter wherever
   they stand and fill the fields the printed header leaves empty.
2. Every line is offered to an ordered registry of line rules (``RULES``, highest
   priority first). Each rule has ``test(ctx, i)`` (does line ``i`` belong to me?)
   and ``run(ctx, i)`` (append blocks, return how many lines were consumed):
   blank, 目录 (table of contents, kept as front matter), front matter, 专栏 (one line,
   or a title line with item lines / table rows; items numbered 01 1. （1） ①, or
   unnumbered "标题：正文" lines, or a title line with its text on the next line; a 专栏
   that captions an indicator table keeps no items), HTML table row, residue, page
   number ("— 3 —", kind ``page_number``), note, indicator row of a text table (flattened
   "1.名称 值 值", TAB cells, cells between pipes "| 1 | 名称 | 值 |" as Markdown writes
   them, space-separated cells under a header line, and a category row "一、参保覆盖"
   alone between rows), HTML heading, numbered heading (also run-in
   "（一）发展基础。正文…", and titles with a comma on heading-role numbers; a 1. 2. 3.
   list introduced by "…如下：" stays paragraphs), standalone heading (前言, 结束语, 附件),
   bare heading, paragraph (fallback).
3. ``_assign_levels`` gives every heading its level. Numbered headings nest by the
   order in which the document nests its numbering systems (first seen = outer);
   HTML ``<hN>`` hints give levels by rank; bare (unnumbered) headings get level 1
   or 2 from what follows them (``_infer_bare_levels``); ``DocumentMeta.heading_levels``
   (manifest) overrides all of these for the lines it names.
4. ``_build`` numbers sections (dotted paths "3.2"), paragraphs ("p0001"), 专栏
   ("c01") with their items, and indicator rows ("i001").

Patterns and thresholds live in ``lexicons/heading_cues.toml`` (one example each).

Residue (``| | | |`` lines left by a flattened table, and the ``| --- | --- |`` rule under
the header of a Markdown table) never becomes paragraph text:
each residue line is counted in ``n_residue_lines`` of the nearest table paragraph of
the same run of table lines (the one before it, else the one after it); a run of
residue lines with no table row at all becomes one paragraph of kind ``residue`` with
empty text whose ``n_residue_lines`` is the run length. A residue suffix at the end of
a content line ("… — | | | |") is cut from that paragraph's text and not counted.

Text is never lost or duplicated: every non-whitespace character of the input, other
than residue (whole residue lines, a residue suffix) and the single mark separating or
ending a heading title ("。", "："),
is in exactly one paragraph text or section number/title, in document order.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from pipeline.config import LEXICON_DIR
from pipeline.errors import RuleError
from pipeline.model import (
    Column,
    ColumnItem,
    Indicator,
    LineHint,
    NormalizedDocument,
    Outline,
    Paragraph,
    Section,
)

CUES_FILE = "heading_cues.toml"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
BRACKETED_TAIL = re.compile(r"(?:\s*[(（][^()（）]*[)）])*\s*")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


# --------------------------------------------------------------------------- cues


@dataclass(frozen=True)
class NumberingSystem:
    name: str
    role: str                    # heading | list | article
    pattern: re.Pattern


@dataclass(frozen=True)
class Cues:
    """heading_cues.toml, compiled."""

    sentence_punct: str
    heading_terminal: str
    numbered_terminal: str
    title_inner_punct: str
    runin_separators: str
    list_intro: tuple[str, ...]
    numbering: tuple[NumberingSystem, ...]
    max_numbered_title: int
    max_runin_title: int
    min_numbered_headings: int
    bare_max_chars: int
    bare_min_han: int
    bare_not_start: tuple[str, ...]
    bare_max_levels: int
    caption: re.Pattern
    standalone: re.Pattern
    attachment: re.Pattern
    intro_max_chars: int
    min_gap_ratio: float
    residue: re.Pattern
    residue_suffix: re.Pattern
    toc: re.Pattern
    toc_leader: re.Pattern
    note: re.Pattern
    note_max_chars: int
    page_number: re.Pattern
    column: re.Pattern
    max_item_title: int
    column_items: tuple[tuple[str, re.Pattern], ...]
    row_number: re.Pattern
    category: re.Pattern
    value: re.Pattern
    number: re.Pattern
    cumulative_open: str
    unit: re.Pattern
    attributes: tuple[str, ...]
    pipe_row: re.Pattern
    header_name: re.Pattern
    header_category: re.Pattern
    header_number: re.Pattern
    header_unit: re.Pattern
    header_attribute: re.Pattern
    header_year: re.Pattern
    indicator_table: re.Pattern
    scan_lines: int
    body_min_chars: int
    doc_number: re.Pattern
    doc_number_label: re.Pattern
    metadata_keys: tuple[tuple[str, str], ...]   # (front-matter field, metadata label)
    metadata_date: re.Pattern
    addressee: re.Pattern
    notice: re.Pattern
    notice_title: re.Pattern
    publication: re.Pattern
    subtitle: re.Pattern
    date: re.Pattern
    issuer: re.Pattern
    doc_title: re.Pattern


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Load and compile ``lexicons/heading_cues.toml`` once."""
    path = LEXICON_DIR / CUES_FILE
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    classes = data["classes"]

    def rx(section: str, key: str, raw: Optional[str] = None) -> re.Pattern:
        text = raw if raw is not None else data[section][key]
        try:
            return re.compile(text.replace("{cn}", classes["cn"]))
        except re.error as exc:
            raise RuleError(f"{CUES_FILE} [{section}] {key}", str(exc)) from exc

    numbering = tuple(
        NumberingSystem(e["name"], e["role"], rx("numbering", e["name"], e["pattern"]))
        for e in data["numbering"])
    items = tuple((e["name"], rx("column_item", e["name"], e["pattern"]))
                  for e in data["column_item"])
    h, b, ind, fm = data["heading"], data["bare"], data["indicator"], data["front_matter"]
    return Cues(
        sentence_punct=classes["sentence_punct"],
        heading_terminal=classes["heading_terminal"],
        numbered_terminal=classes["numbered_terminal"],
        title_inner_punct=classes["title_inner_punct"],
        runin_separators=classes["runin_separators"],
        list_intro=tuple(h["list_intro"]),
        numbering=numbering,
        max_numbered_title=h["max_numbered_title_chars"],
        max_runin_title=h["max_runin_title_chars"],
        min_numbered_headings=h["min_numbered_headings"],
        bare_max_chars=b["max_chars"],
        bare_min_han=b["min_han"],
        bare_not_start=tuple(b["not_start"]),
        bare_max_levels=b["max_levels"],
        caption=rx("bare", "caption"),
        standalone=rx("standalone", "pattern"),
        attachment=rx("standalone", "attachment"),
        intro_max_chars=b["intro_max_chars"],
        min_gap_ratio=b["min_gap_ratio"],
        residue=rx("residue", "pattern"),
        residue_suffix=rx("residue", "suffix"),
        toc=rx("toc", "pattern"),
        toc_leader=rx("toc", "leader"),
        note=rx("note", "pattern"),
        note_max_chars=data["note"]["max_chars"],
        page_number=rx("page_number", "pattern"),
        column=rx("column", "pattern"),
        max_item_title=data["column"]["max_item_title_chars"],
        column_items=items,
        pipe_row=rx("indicator", "pipe_row"),
        row_number=rx("indicator", "row_number"),
        category=rx("indicator", "category"),
        value=rx("indicator", "value"),
        number=rx("indicator", "number"),
        cumulative_open=ind["cumulative_open"],
        unit=rx("indicator", "unit"),
        attributes=tuple(ind["attributes"]),
        header_name=rx("indicator", "header_name"),
        header_category=rx("indicator", "header_category"),
        header_number=rx("indicator", "header_number"),
        header_unit=rx("indicator", "header_unit"),
        header_attribute=rx("indicator", "header_attribute"),
        header_year=rx("indicator", "header_year"),
        indicator_table=rx("indicator", "indicator_table"),
        scan_lines=fm["scan_lines"],
        body_min_chars=fm["body_min_chars"],
        doc_number=rx("front_matter", "doc_number"),
        doc_number_label=rx("front_matter", "doc_number_label"),
        metadata_keys=tuple((key, fm[f"metadata_{key}"])
                            for key in ("doc_number", "issue_date", "issuer", "title")),
        metadata_date=rx("front_matter", "metadata_date"),
        addressee=rx("front_matter", "addressee"),
        notice=rx("front_matter", "notice"),
        notice_title=rx("front_matter", "notice_title"),
        publication=rx("front_matter", "publication"),
        subtitle=rx("front_matter", "subtitle"),
        date=rx("front_matter", "date"),
        issuer=rx("front_matter", "issuer"),
        doc_title=rx("front_matter", "doc_title"),
    )


# --------------------------------------------------------------------------- working state


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


def _cn_to_int(text: str) -> Optional[int]:
    """Arabic or Chinese numeral (up to 99) → int. ``_cn_to_int("十二") == 12``."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + CN_DIGITS[ch]
        return value
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


def _match_number(text: str, c: Cues) -> Optional[tuple[NumberingSystem, int]]:
    """The numbering system opening ``text`` and the end of the number."""
    for system in c.numbering:
        m = system.pattern.match(text)
        if m:
            return system, m.end()
    return None


def _content_end(line: str, c: Cues) -> int:
    """End of the line without a residue suffix (``… | | | |``)."""
    m = c.residue_suffix.search(line)
    return m.start() if m else len(line)


def _heading_shape(text: str, c: Cues, max_chars: int,
                   terminal: Optional[str] = None, allowed: str = "") -> Optional[str]:
    """The title when ``text`` is a heading on its own (may end with 。), else None.

    ``allowed`` lists sentence marks tolerated inside the title (commas of numbered
    headings such as "坚持经济发展就业导向，不断扩大就业容量").
    """
    core = text.strip()
    if core and core[-1] in (c.heading_terminal if terminal is None else terminal):
        core = core[:-1].rstrip()
    if not core or len(core) > max_chars or "|" in core:
        return None
    if any(ch in c.sentence_punct and ch not in allowed for ch in core):
        return None
    return core


def _numbered_title(rest: str, system: "NumberingSystem", c: Cues) -> Optional[str]:
    """Title of a numbered heading line whose text after the number is ``rest``.

    Heading-role numbers (一、 （一） 第一章) may carry a comma in their title when the
    line does not end as a sentence: "三、坚持经济发展就业导向，不断扩大就业容量".
    """
    title = _heading_shape(rest, c, c.max_numbered_title, c.numbered_terminal)
    if title is None and system.role == "heading":
        title = _heading_shape(rest, c, c.max_numbered_title, "", c.title_inner_punct)
    return title


def _runin_split(text: str, c: Cues, allowed: str = "") -> Optional[int]:
    """Position of the separator after a run-in title in ``text``, else None.

    ``allowed`` lists sentence marks tolerated inside the title (the commas of
    "服务国家战略，承载上海综合服务功能。对接…", see ``_comma_title_allowed``).
    """
    for k, ch in enumerate(text):
        if ch in c.runin_separators:
            head = text[:k].strip()
            if not head or k > c.max_runin_title or text[k + 1:].strip() == "":
                return None
            return k
        if ch in c.sentence_punct and ch not in allowed:
            return None
        if k > c.max_runin_title:
            return None
    return None


def _is_bare_candidate(text: str, c: Cues) -> bool:
    core = text.strip()
    if not core or core.startswith(c.bare_not_start) or c.caption.match(core):
        return False
    if _heading_shape(core, c, c.bare_max_chars) is None:
        return False
    if len(HAN.findall(core)) < c.bare_min_han or c.date.match(core):
        return False
    return _match_number(core, c) is None and not c.column.match(core)


# --------------------------------------------------------------------------- rules


class Rule:
    """A line rule: ``test`` says whether line ``i`` is this rule's, ``run`` consumes it."""

    name = "rule"
    priority = 0

    def test(self, ctx: Context, i: int) -> bool:
        raise NotImplementedError

    def run(self, ctx: Context, i: int) -> int:
        raise NotImplementedError


class BlankRule(Rule):
    name, priority = "blank", 100

    def test(self, ctx, i):
        return ctx.lines[i].strip() == ""

    def run(self, ctx, i):
        return 1


class MetadataRule(Rule):
    """A field of the site's metadata box kept by ingest ("发文字号：…"): front matter."""

    name, priority = "metadata", 97

    def test(self, ctx, i):
        return _is_metadata(ctx, i)

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("front_matter", i, start, end))
        return 1


def _is_metadata(ctx: Context, i: int) -> bool:
    hint = ctx.hint(i)
    return hint is not None and hint.kind == "metadata"


class FrontMatterRule(Rule):
    name, priority = "front_matter", 95

    def test(self, ctx, i):
        return i <= ctx.front_end

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("front_matter", i, start, end))
        return 1


class TocRule(Rule):
    """目录 and its entries (front matter): they repeat the headings of the body."""

    name, priority = "toc", 96

    def test(self, ctx, i):
        return bool(ctx.cues.toc.match(ctx.lines[i].strip()))

    def run(self, ctx, i):
        c = ctx.cues
        entries: list[str] = []
        j = i + 1
        while j < len(ctx.lines):
            text = ctx.lines[j].strip()
            if text:
                entry = c.toc_leader.sub("", text).strip()
                if entries and _squash(entry) == entries[0] or not _toc_entry(entry, c):
                    break
                entries.append(_squash(entry))
            j += 1
        if not entries:
            start, end = _span(ctx.lines[i])
            ctx.blocks.append(Block("paragraph", i, start, end))
            return 1
        for k in range(i, j):
            if ctx.lines[k].strip():
                start, end = _span(ctx.lines[k])
                ctx.blocks.append(Block("front_matter", k, start, end))
        return j - i


def _squash(text: str) -> str:
    return "".join(text.split())


def _toc_entry(text: str, c: Cues) -> bool:
    found = _match_number(text, c)
    if found is not None:
        return _numbered_title(text[found[1]:], found[0], c) is not None
    return _is_bare_candidate(text, c)


class HtmlTableRowRule(Rule):
    name, priority = "html_table_row", 90

    def test(self, ctx, i):
        hint = ctx.hint(i)
        return hint is not None and hint.kind == "table_row"

    def run(self, ctx, i):
        hint = ctx.hint(i)
        line = ctx.lines[i]
        if ctx.cues.residue.match(line):
            ctx.blocks.append(Block("residue", i, table_no=hint.table_no))
            return 1
        start, end = _span(line)
        ctx.blocks.append(Block("table", i, start, end, table_no=hint.table_no,
                                is_header=hint.is_header))
        return 1


class ResidueRule(Rule):
    name, priority = "residue", 85

    def test(self, ctx, i):
        return bool(ctx.cues.residue.match(ctx.lines[i]))

    def run(self, ctx, i):
        ctx.blocks.append(Block("residue", i))
        return 1


class ColumnRule(Rule):
    """专栏: one line with its items, or a title line followed by item lines/rows."""

    name, priority = "column", 92          # before HTML table rows: a 专栏 may be a table

    def test(self, ctx, i):
        return bool(ctx.cues.column.match(ctx.lines[i].strip()))

    def run(self, ctx, i):
        c = ctx.cues
        line = ctx.lines[i]
        start, _ = _span(line)
        end = _span(line, start, _content_end(line, c))[1]
        m = c.column.match(line[start:])
        label = line[start:start + m.end()].strip()
        number = _cn_to_int(m["n"])
        draft = ColumnDraft(label, number, "", None, i)
        ctx.columns.append(draft)
        block = Block("column", i, start, end, column=len(ctx.columns) - 1)
        ctx.blocks.append(block)
        body_start = start + m.end()
        while body_start < end and (line[body_start].isspace() or line[body_start] in "：:"):
            body_start += 1
        found = _split_items(line, body_start, end, c)
        if found:
            head_end, items = found
            self._title_intro(draft, line[body_start:head_end].strip())
            for item_no, s, e in items:
                draft.items.append(_item(line, item_no, s, e, block, c))
            return 1
        title_text = line[body_start:end].strip()
        self._title_intro(draft, title_text)
        return 1 + self._following_items(ctx, i, draft)

    @staticmethod
    def _title_intro(draft: ColumnDraft, head: str) -> None:
        """Title = the first phrase; the rest is the intro when it is prose, else
        part of a title printed with a space ("专栏1 “十四五”时期 重大工程")."""
        c = cues()
        parts = head.split(None, 1)
        draft.title = parts[0] if parts else ""
        draft.intro = parts[1].strip() if len(parts) > 1 else None
        if draft.intro and not _has_sentence_punct(draft.intro, c) \
                and len(head) <= c.max_numbered_title:
            draft.title, draft.intro = head, None

    def _following_items(self, ctx: Context, i: int, draft: ColumnDraft) -> int:
        """Consume the item lines (or table rows) after a title-only 专栏 line.

        Items are numbered 1, 2, 3 … in one of the column item systems, or are
        unnumbered "标题：正文" lines, or rows of the table the 专栏 opens. A line
        right after an item printed as a bare title is that item's text. Returns how
        many lines were consumed.
        """
        c = ctx.cues
        column = len(ctx.columns) - 1
        hint = ctx.hint(i)
        table_no = hint.table_no if hint is not None and hint.kind == "table_row" else None
        j = i + 1
        expected = 1
        title_only = False
        numbered_items = 0
        while j < len(ctx.lines):
            line = ctx.lines[j]
            if line.strip() == "":
                j += 1
                continue
            if c.residue.match(line):
                ctx.blocks.append(Block("residue", j))
                j += 1
                continue
            h = ctx.hint(j)
            in_table = h is not None and h.kind == "table_row" and (
                table_no is None and expected == 1 or h.table_no == table_no)
            if in_table:
                table_no = h.table_no
            start, end = _span(line, 0, _content_end(line, c))
            if in_table and not draft.items and _indicator_header(line, c):
                break                                         # 专栏1 主要指标 + its table
            if in_table and h.is_header:                      # 序号 | 项目 | 内容
                ctx.blocks.append(Block("column", j, start, end, column=column))
                j += 1
                continue
            item = _leading_item(line, start, end, c)
            if item is None and not in_table and _colon_title(line[start:end], c):
                item = (expected, 0)                         # unnumbered "标题：正文" item
            if item is None and not in_table and not title_only and draft.title \
                    and numbered_items == 0 and self._title_line_pair(ctx, j):
                item = (expected, 0)                         # unnumbered title line, text below
            if item is None and not in_table:
                text = line[start:end]
                if expected == 1 and draft.title == "" and _heading_shape(
                        text, c, c.max_numbered_title):
                    draft.title = text.strip()                # 专栏1 on its own, title below
                elif title_only and not self._ends_column(ctx, j):
                    self._continue_item(draft, text)          # the text of a title-only item
                    title_only = False
                else:
                    break
                ctx.blocks.append(Block("column", j, start, end, column=column))
                j += 1
                continue
            if item is not None and item[0] != expected and not in_table:
                break
            block = Block("column", j, start, end, column=column)
            ctx.blocks.append(block)
            item_no = item[0] if item is not None else expected
            draft.items.append(_item(line, item_no, start, end, block, c, cells=in_table))
            new = draft.items[-1]
            title_only = new.title is None and _heading_shape(new.text, c, c.max_item_title) is not None
            numbered_items += _leading_item(line, start, end, c) is not None
            expected = item_no + 1
            j += 1
        return j - i - 1

    @classmethod
    def _title_line_pair(cls, ctx: Context, j: int) -> bool:
        """In a numbered document, a short unnumbered title line followed by a prose line
        is an item of the 专栏 (title on one line, text on the next)."""
        c = ctx.cues
        text = ctx.lines[j].strip()
        if not ctx.numbered or not _is_bare_candidate(text, c) or _has_sentence_punct(text, c) \
                or _heading_shape(text, c, c.max_item_title) is None:
            return False
        k = _next_nonblank(ctx.lines, j + 1)
        if k is None or cls._ends_column(ctx, k) or ctx.hint(k) is not None:
            return False
        body = ctx.lines[k].strip()
        return _has_sentence_punct(body, c) and _match_number(body, c) is None

    @staticmethod
    def _ends_column(ctx: Context, j: int) -> bool:
        """A line that cannot continue a column item: a heading, 专栏, note or table."""
        c = ctx.cues
        text = ctx.lines[j].strip()
        found = _match_number(text, c)
        return bool(found and found[0].role != "list" or c.column.match(text)
                    or c.note.match(text) or _content_end(ctx.lines[j], c) < len(ctx.lines[j])
                    or (not ctx.numbered and _is_bare_candidate(text, c)))

    @staticmethod
    def _continue_item(draft: ColumnDraft, text: str) -> None:
        item = draft.items[-1]
        item.title = _heading_shape(item.text, cues(), cues().max_item_title)
        item.text = text.strip()


def _indicator_header(line: str, c: Cues) -> bool:
    """A table row of header words naming an indicator table (指标 / 2020年 / 属性), no
    numbers: "领域\t序号\t主要指标\t单位\t2020年\t2025年\t指标性质"."""
    cells = [cell for cell in table_cells(line, c) if cell]
    return len(cells) >= 3 and sum(1 for cell in cells if c.indicator_table.search(cell)) >= 2 \
        and not any(_number(cell, c) is not None for cell in cells)


def _split_items(line: str, start: int, end: int, c: Cues) -> Optional[tuple[int, list]]:
    """Item markers numbered 1, 2, 3 … in ``line[start:end]``.

    Returns (end of the head before item 1, [(item_no, item_start, item_end)]) using the
    item numbering that gives the longest sequence; None when there is no item 1.
    """
    text = line[start:end]
    best: list[tuple[int, int]] = []
    for _name, pattern in c.column_items:
        found: list[tuple[int, int]] = []
        expected = 1
        for m in pattern.finditer(text):
            value = m["v"]
            number = CIRCLED.index(value) + 1 if value in CIRCLED else int(value)
            if number == expected:
                found.append((number, m.start()))
                expected += 1
        if len(found) > len(best):
            best = found
    if not best:
        return None
    items = []
    for k, (number, s) in enumerate(best):
        e = best[k + 1][1] if k + 1 < len(best) else len(text)
        s_abs, e_abs = _span(line, start + s, start + e)
        items.append((number, s_abs, e_abs))
    return start + best[0][1], items


def _leading_item(line: str, start: int, end: int, c: Cues) -> Optional[tuple[int, int]]:
    """(item_no, end of marker) when the line opens with an item number."""
    text = line[start:end]
    for _name, pattern in c.column_items:
        m = pattern.match(text)
        if m:
            value = m["v"]
            number = CIRCLED.index(value) + 1 if value in CIRCLED else int(value)
            if m.end() < len(text):
                return number, m.end()
    return None


def _item(line: str, item_no: int, s: int, e: int, block: Block, c: Cues,
          cells: bool = False) -> ItemDraft:
    """The column item spanning ``line[s:e]``, offsets relative to the paragraph ``block``."""
    marker = _leading_item(line, s, e, c)
    rest = line[s:e][marker[1] if marker else 0:].strip()
    title: Optional[str] = None
    text = rest
    separator = "\t" if cells and "\t" in rest else None
    parts = rest.split(separator, 1) if rest else []
    colon = _colon_title(rest, c)
    runin = _runin_split(rest, c)
    if colon is not None and (separator is None or "\t" not in rest[:colon]):
        title, text = rest[:colon].strip(), rest[colon + 1:].strip()
    elif len(parts) == 2 and 0 < len(parts[0]) <= c.max_item_title \
            and not _has_sentence_punct(parts[0], c):
        title, text = parts[0].strip(), parts[1].strip()
    elif runin is not None and not any(ch.isspace() for ch in rest[:runin].strip()):
        title, text = rest[:runin].strip(), rest[runin + 1:].strip()    # 标题。正文
    return ItemDraft(item_no, title, text, block, s - block.start, e - block.start)


def _colon_title(text: str, c: Cues) -> Optional[int]:
    """Position of the colon after a short title with no space ("数字就业：建设…")."""
    k = _runin_split(text, c)
    if k is None or text[k] not in "：:" or any(ch.isspace() for ch in text[:k].strip()):
        return None
    return k


class NoteRule(Rule):
    name, priority = "note", 75

    def test(self, ctx, i):
        text = ctx.lines[i].strip()
        return bool(ctx.cues.note.match(text)) and len(text) <= ctx.cues.note_max_chars

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i], 0, _content_end(ctx.lines[i], ctx.cues))
        ctx.blocks.append(Block("note", i, start, end))
        return 1


class PageNumberRule(Rule):
    """A page number left by a PDF or Word copy ("— 3 —", "- 3 -"): kind page_number."""

    name, priority = "page_number", 80

    def test(self, ctx, i):
        return bool(ctx.cues.page_number.match(ctx.lines[i].strip()))

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("page_number", i, start, end))
        return 1


class TextTableRowRule(Rule):
    """A flattened indicator row: content followed by residue pipes, or numbered
    names followed by printed values."""

    name, priority = "text_table_row", 70

    def test(self, ctx, i):
        c = ctx.cues
        line = ctx.lines[i]
        content_end = _content_end(line, c)
        content = line[:content_end].strip()
        if not content:
            return False
        if content_end < len(line) or is_header_line(content, c) or _is_tab_row(content, c):
            return True
        if _in_text_table(ctx) and (_category_row(ctx, i) or _space_row(ctx, content)):
            return True
        rows = parse_indicator_line(content, c)
        return bool(rows) and all(row[3] for row in rows) and (
            rows[0][5] is not None or len(rows) >= 2 or len(rows[0][3]) >= 2)

    def run(self, ctx, i):
        line = ctx.lines[i]
        start, end = _span(line, 0, _content_end(line, ctx.cues))
        ctx.blocks.append(Block("table", i, start, end))
        return 1


def _in_text_table(ctx: Context) -> bool:
    """The last block is a row of a plain-text table."""
    return bool(ctx.blocks) and ctx.blocks[-1].kind == "table" and ctx.blocks[-1].table_no is None


def _category_row(ctx: Context, i: int) -> bool:
    """A category row alone on its line ("一、参保覆盖") between rows of a text table: the
    next non-blank line is a numbered indicator row, so it is no heading."""
    c = ctx.cues
    if not c.category.match(ctx.lines[i].strip()):
        return False
    j = _next_nonblank(ctx.lines, i + 1)
    if j is None:
        return False
    if c.residue.match(ctx.lines[j]):
        return True
    rows = parse_indicator_line(ctx.lines[j][:_content_end(ctx.lines[j], c)].strip(), c)
    return bool(rows) and all(row[3] for row in rows)          # rows with printed values


def _space_header(ctx: Context) -> Optional[list[str]]:
    """Tokens of the space-separated header line of the text table that the last blocks
    belong to ("序号 指标 单位 2020年 2025年 属性"), None when it has none."""
    c = ctx.cues
    for b in reversed(ctx.blocks):
        if b.kind != "table" or b.table_no is not None:
            return None
        text = ctx.lines[b.index][b.start:b.end]
        if is_header_line(text, c):
            return text.split()
    return None


def _space_row(ctx: Context, content: str) -> bool:
    """A row of a space-separated table under a header line: as many tokens as the
    header, at least one of them a value ("1 学前教育毛入园率 % 90.2 >92 预期性")."""
    header = _space_header(ctx)
    tokens = content.split()
    return header is not None and len(tokens) == len(header) \
        and any(_is_value(t, ctx.cues) for t in tokens[1:])


class HtmlHeadingRule(Rule):
    name, priority = "html_heading", 65

    def test(self, ctx, i):
        hint = ctx.hint(i)
        return hint is not None and hint.kind in ("heading", "emphasis")

    def run(self, ctx, i):
        hint = ctx.hint(i)
        c = ctx.cues
        line = ctx.lines[i]
        if _numbered_heading(ctx, i, hint_level=hint.level if hint.kind == "heading" else None):
            return 1
        start, end = _span(line)
        if hint.kind == "heading" and i > ctx.front_end:
            title = line[start:end]
            if title and title[-1] in c.heading_terminal:
                title = title[:-1].rstrip()
            ctx.blocks.append(Block("heading", i, start, end, title=title,
                                    system=f"h{hint.level}", hint_level=hint.level))
        elif _is_bare_candidate(line, c):
            ctx.blocks.append(_bare_block(line, i, c))
        else:
            ctx.blocks.append(Block("paragraph", i, start, end))
        return 1


def _bare_block(line: str, i: int, c: Cues) -> Block:
    start, end = _span(line)
    title = _heading_shape(line[start:end], c, c.bare_max_chars) or ""
    return Block("heading", i, start, end, title=title, system="bare")


def _numbered_heading(ctx: Context, i: int, hint_level: Optional[int] = None) -> bool:
    """Append a numbered heading (and its run-in paragraph) for line ``i`` if it is one."""
    c = ctx.cues
    line = ctx.lines[i]
    start, end = _span(line)
    found = _match_number(line[start:end], c)
    if found is None:
        return False
    system, number_len = found
    number = line[start:start + number_len].strip()
    title_start, _ = _span(line, start + number_len, end)
    rest = line[title_start:end]
    title = _numbered_title(rest, system, c)
    if title is None and system.role == "heading" and _has_child(ctx, i, system):
        title = _heading_shape(rest, c, c.max_numbered_title, c.numbered_terminal,
                               c.title_inner_punct)             # "（一）强化…，构建…体系。"
    key = system.name
    if title is not None and system.role != "article":
        ctx.blocks.append(Block("heading", i, start, end, number=number, title=title,
                                system=key, hint_level=hint_level))
        return True
    if system.role == "article":
        ctx.blocks.append(Block("heading", i, start, title_start, number=number, title="",
                                system=key, hint_level=hint_level))
        if rest:
            ctx.blocks.append(Block("paragraph", i, title_start, end))
        return True
    k = _runin_split(rest, c)
    if k is None and _comma_title_allowed(ctx, system):
        k = _runin_split(rest, c, c.title_inner_punct)
    if k is None:
        return False
    ctx.blocks.append(Block("heading", i, start, title_start + k, number=number,
                            title=rest[:k].strip(), system=key, hint_level=hint_level))
    p_start, p_end = _span(line, title_start + k + 1, end)
    ctx.blocks.append(Block("paragraph", i, p_start, p_end))
    return True


def _outer_systems(ctx: Context, system: NumberingSystem) -> list[str]:
    """Numbering systems of the headings seen before ``system``'s first heading."""
    outer: list[str] = []
    for b in ctx.blocks:
        if b.kind != "heading" or b.system is None:
            continue
        if b.system == system.name:
            break
        if b.system not in outer:
            outer.append(b.system)
    return outer


def _has_child(ctx: Context, i: int, system: NumberingSystem) -> bool:
    """The next line opens with a number of a system nested below ``system`` (one that is
    neither ``system`` nor outside it): "（一）强化…，构建…体系。" followed by "1.加快…"."""
    j = _next_nonblank(ctx.lines, i + 1)
    if j is None:
        return False
    found = _match_number(ctx.lines[j].strip(), ctx.cues)
    return found is not None and found[0].role != "article" and found[0].name != system.name \
        and found[0].name not in _outer_systems(ctx, system)


def _comma_title_allowed(ctx: Context, system: NumberingSystem) -> bool:
    """A run-in title may hold commas ("1.服务国家战略，承载上海综合服务功能。对接…") when the
    line opens the section of the heading right above it or follows a heading of its own
    numbering system (a sibling): the place of a heading, not of a list item."""
    last_heading = ctx.last_heading
    if last_heading is None:
        return False
    return ctx.blocks[-1] is last_heading or last_heading.system == system.name


class NumberedHeadingRule(Rule):
    name, priority = "numbered_heading", 60

    def test(self, ctx, i):
        return _match_number(ctx.lines[i].strip(), ctx.cues) is not None

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        system = _match_number(ctx.lines[i][start:end], ctx.cues)[0]
        if _in_colon_list(ctx, system) or not _numbered_heading(ctx, i):
            ctx.blocks.append(Block("paragraph", i, start, end, system=system.name))
        return 1


def _in_colon_list(ctx: Context, system: NumberingSystem) -> bool:
    """A list-numbered line introduced by a paragraph ending with a colon ("…主要目标是：")
    or continuing such a list is an item of that paragraph, not a heading."""
    if system.role != "list" or not ctx.blocks:
        return False
    last = ctx.blocks[-1]
    if last.kind != "paragraph":
        return False
    if last.system == system.name:
        return True
    text = ctx.lines[last.index][last.start:last.end]
    return last.system is None and text.endswith(ctx.cues.list_intro)


class StandaloneHeadingRule(Rule):
    """前言, 结束语, 附件 …: a top-level heading in any document."""

    name, priority = "standalone_heading", 55

    def test(self, ctx, i):
        return bool(ctx.cues.standalone.match(ctx.lines[i].strip()))

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("heading", i, start, end, title=ctx.lines[i][start:end],
                                system="standalone"))
        return 1


class BareHeadingRule(Rule):
    name, priority = "bare_heading", 50

    def test(self, ctx, i):
        return not ctx.numbered and _is_bare_candidate(ctx.lines[i], ctx.cues) \
            and not _opens_table(ctx, i) and not _attachment_title(ctx)

    def run(self, ctx, i):
        ctx.blocks.append(_bare_block(ctx.lines[i], i, ctx.cues))
        return 1


def _attachment_title(ctx: Context) -> bool:
    """The last block is an attachment heading ("附件1"): the line is its title."""
    last = ctx.blocks[-1] if ctx.blocks else None
    return last is not None and last.kind == "heading" and last.system == "standalone" \
        and bool(ctx.cues.attachment.match(last.title))


def _opens_table(ctx: Context, i: int) -> bool:
    """The next non-blank line is table residue: line ``i`` is the table's caption."""
    j = _next_nonblank(ctx.lines, i + 1)
    if j is None:
        return False
    line = ctx.lines[j]
    return bool(ctx.cues.residue.match(line)) or _content_end(line, ctx.cues) < len(line)


class ParagraphRule(Rule):
    name, priority = "paragraph", 0

    def test(self, ctx, i):
        return True

    def run(self, ctx, i):
        start, end = _span(ctx.lines[i])
        ctx.blocks.append(Block("paragraph", i, start, end))
        return 1


RULES: tuple[Rule, ...] = tuple(sorted(
    (BlankRule(), MetadataRule(), FrontMatterRule(), TocRule(), HtmlTableRowRule(), ResidueRule(),
     ColumnRule(), PageNumberRule(), NoteRule(), TextTableRowRule(), HtmlHeadingRule(),
     NumberedHeadingRule(), StandaloneHeadingRule(), BareHeadingRule(), ParagraphRule()),
    key=lambda rule: -rule.priority))


# --------------------------------------------------------------------------- front matter


def _front_matter_end(ctx: Context) -> int:
    """0-based index of the last front-matter line, -1 when there is none."""
    c = ctx.cues
    last = -1
    first = None
    seen_bare = False
    for i in range(min(len(ctx.lines), c.scan_lines)):
        text = ctx.lines[i].strip()
        if not text or _is_metadata(ctx, i):
            continue
        if first is None:
            first = i
        hint = ctx.hint(i)
        if hint is not None and hint.kind in ("table_row", "heading") and i > first:
            break
        found = _match_number(text, c)
        if found and found[0].role in ("heading", "article") or c.column.match(text) \
                or c.residue.match(text) or c.toc.match(text) \
                or (seen_bare and len(text) >= c.body_min_chars):
            break                                          # the body has started
        seen_bare = seen_bare or _is_bare_candidate(text, c)
        if _front_anchor(text, c):
            last = i
    if last >= 0:
        nxt = _next_nonblank(ctx.lines, last + 1)
        if nxt is not None and c.doc_title.match(ctx.lines[nxt].strip()):
            last = nxt
    elif first is not None and first + 1 < len(ctx.lines) and \
            c.doc_title.match(ctx.lines[first].strip()):
        last = first
    if last >= 0 and c.doc_title.match(ctx.lines[last].strip()):
        nxt = _next_nonblank(ctx.lines, last + 1)
        if nxt is not None and c.subtitle.match(ctx.lines[nxt].strip()):
            last = nxt                                   # （2021—2025年）
    return last


def _front_anchor(text: str, c: Cues) -> bool:
    m = c.doc_number.search(text)
    if m and len(text) <= len(m["num"]) + 12:
        return True
    return bool(c.addressee.match(text) or c.publication.match(text) or c.date.match(text)
                or c.notice_title.search(text) or (c.notice.search(text) and len(text) < 400))


def _next_nonblank(lines: tuple[str, ...], i: int) -> Optional[int]:
    while i < len(lines):
        if lines[i].strip():
            return i
        i += 1
    return None


def _front_matter_fields(ctx: Context) -> dict:
    """doc_number, issue_date (ISO) and issuer from the front-matter lines."""
    c = ctx.cues
    result: dict = {}
    issuers: list[str] = []
    title_issuer = None
    for i in range(ctx.front_end + 1):
        text = ctx.lines[i].strip()
        if not text:
            continue
        m = c.doc_number.search(text)
        if m and "doc_number" not in result and (
                len(text) <= len(m["num"]) + 12 or c.doc_number_label.search(text[:m.start()])):
            result["doc_number"] = re.sub(r"\s+", "", m["num"])
        d = c.date.match(text)
        if d and "issue_date" not in result:
            iso = _iso_date(d)
            if iso:
                result["issue_date"] = iso
        if c.issuer.match(text) and not c.notice_title.search(text):
            issuers.extend(text.split())
        t = c.notice_title.search(text)
        if t and title_issuer is None:
            head = text[:t.start()].strip()
            if head:
                title_issuer = "、".join(head.split())
    if issuers:
        result["issuer"] = "、".join(issuers)
    elif title_issuer:
        result["issuer"] = title_issuer
    for key, value in _metadata_fields(ctx).items():
        result.setdefault(key, value)
    return result


def _metadata_fields(ctx: Context) -> dict:
    """Front-matter fields from the metadata blocks of an HTML page ("成文日期：2021-05-31")."""
    c = ctx.cues
    found: dict = {}
    for i, line in enumerate(ctx.lines):
        if not _is_metadata(ctx, i):
            continue
        label, _, value = line.strip().partition("：")
        value = value.strip()
        for key, wanted in c.metadata_keys:
            if label != wanted or key in found or not value:
                continue
            if key == "issue_date":
                m = c.metadata_date.match(value)
                iso = _iso_date(m) if m else None
                if iso:
                    found[key] = iso
            elif key == "doc_number":
                m = c.doc_number.search(value)
                found[key] = re.sub(r"\s+", "", m["num"] if m else value)
            else:
                found[key] = value
    return found


def _iso_date(m: re.Match) -> Optional[str]:
    y = m["y"]
    year = int(y) if y.isdigit() else int("".join(str(CN_DIGITS.get(ch, 0)) for ch in y))
    month, day = _cn_to_int(m["m"]), _cn_to_int(m["d"])
    if not month or not day or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


# --------------------------------------------------------------------------- levels


def _assign_levels(ctx: Context) -> None:
    """Set ``level`` on every heading block (see the module docstring)."""
    headings = [b for b in ctx.blocks if b.kind == "heading"]
    if any(b.system == "bare" for b in headings):
        _infer_bare_levels(ctx)
    hint_levels = sorted({b.hint_level for b in headings if b.hint_level is not None})
    base = 0
    stack: list[str] = []
    for b in headings:
        if b.hint_level is not None:
            b.level = hint_levels.index(b.hint_level) + 1
            base, stack = b.level, []
            continue
        if b.system == "standalone":
            b.level, base, stack = 1, 0, []
            continue
        key = b.system if b.system != "bare" else f"bare:{b.level}"
        if key in stack:
            del stack[stack.index(key) + 1:]
        else:
            stack.append(key)
        b.level = base + stack.index(key) + 1


def _apply_overrides(ctx: Context) -> None:
    """``DocumentMeta.heading_levels`` (raw line → level) wins over inference: the line
    becomes a heading at that level (a whole-line paragraph is turned into one)."""
    overrides = dict(ctx.doc.raw.meta.heading_levels)
    if not overrides:
        return
    c = ctx.cues
    for b in ctx.blocks:
        level = overrides.get(b.index + 1)
        if level is None:
            continue
        if b.kind == "heading":
            b.level = level
        elif b.kind == "paragraph" and (b.start, b.end) == _span(ctx.lines[b.index]):
            text = ctx.lines[b.index][b.start:b.end]
            found = _match_number(text, c)
            number = text[:found[1]].strip() if found else None
            title = text[found[1]:].strip() if found else text
            if title and title[-1] in c.heading_terminal:
                title = title[:-1].rstrip()
            b.kind, b.number, b.title, b.level, b.system = "heading", number, title, level, "override"


def _infer_bare_levels(ctx: Context) -> None:
    """Level 1 or 2 for bare headings, from what follows each one.

    A bare heading is a parent (level 1) when the next block is another bare heading,
    or when it is followed by an intro and then another bare heading: exactly one
    paragraph, short against the document's own single-paragraph sections
    (``_intro_threshold``) and shorter, by the gap ratio, than the body under the
    next heading. A parent by intro directly followed by another parent is a child
    after all (it has no sub-heading), and a single parent by intro in a document
    with no parent by adjacency is not a pattern either. Other bare headings are children (level 2);
    children before the first parent, and all of them when there is no parent, are
    level 1.
    """
    blocks = [b for b in ctx.blocks if b.kind != "page_number"]
    c = ctx.cues
    positions = [k for k, b in enumerate(blocks) if b.kind == "heading" and b.system == "bare"]
    between = [blocks[p + 1:positions[n + 1]] if n + 1 < len(positions) else None
               for n, p in enumerate(positions)]
    singles = [_text_len(bs[0]) for bs in between if bs is not None and _is_single(bs)]
    threshold = _intro_threshold(singles, c)
    adjacent = [bs is not None and not bs for bs in between]
    if _longest_run(adjacent) + 1 >= c.bare_max_levels:
        _three_bare_levels(blocks, positions, between, adjacent, threshold, c)
        return
    parent = list(adjacent)
    for n, bs in enumerate(between):
        if bs and _is_single(bs) and _text_len(bs[0]) <= threshold:
            following = between[n + 1] or []
            body = sum(_text_len(b) for b in following if b.kind in ("paragraph", "column"))
            parent[n] = body >= _text_len(bs[0]) * c.min_gap_ratio
    for n in range(len(parent) - 1):
        if parent[n] and not adjacent[n] and parent[n + 1]:
            parent[n] = False
    by_intro = [n for n in range(len(parent)) if parent[n] and not adjacent[n]]
    if len(by_intro) == 1 and not any(adjacent):
        parent[by_intro[0]] = False        # one short section among flat ones is no pattern
    seen_parent = False
    any_parent = any(parent)
    for n, p in enumerate(positions):
        seen_parent = seen_parent or parent[n]
        blocks[p].level = 1 if parent[n] or not seen_parent or not any_parent else 2


def _longest_run(flags: list[bool]) -> int:
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def _three_bare_levels(blocks: list[Block], positions: list[int], between: list,
                       adjacent: list[bool], threshold: int, c: Cues) -> None:
    """Levels 1–3 for a document whose bare headings stack three deep somewhere
    (篇 > 章 > 节 printed without numbers: "开启新征程 / 发展环境 / 发展基础" in a row).

    A heading is a parent when the next heading follows it directly or after an intro
    (as for two levels; the body compared with the intro is that of the first heading
    below it with a body). A leaf is level 3 (level 1 before the first parent); a parent
    is one level above the heading after it, down to 1.
    """
    parent = list(adjacent)
    for n, bs in enumerate(between):
        if bs and _is_single(bs) and _text_len(bs[0]) <= threshold:
            m = n + 1
            while m < len(between) and between[m] == []:
                m += 1
            following = between[m] if m < len(between) and between[m] else []
            body = sum(_text_len(b) for b in following if b.kind in ("paragraph", "column"))
            parent[n] = body >= _text_len(bs[0]) * c.min_gap_ratio
    seen_parent = False
    for n, p in enumerate(positions):
        seen_parent = seen_parent or parent[n]
        if not parent[n]:
            blocks[p].level = c.bare_max_levels if seen_parent else 1
            continue
        depth = 0
        while n + depth < len(parent) and parent[n + depth]:
            depth += 1
        blocks[p].level = max(1, c.bare_max_levels - depth)


def _is_single(bs: list[Block]) -> bool:
    return len(bs) == 1 and bs[0].kind == "paragraph"


def _text_len(b: Block) -> int:
    return b.end - b.start


def _intro_threshold(lengths: list[int], c: Cues) -> int:
    """Longest intro length: the lower side of the largest gap among single paragraphs.

    >>> _intro_threshold([87, 75, 99, 240, 136, 300, 160], cues())
    99
    >>> _intro_threshold([200, 210, 230], cues())
    0
    """
    values = sorted(set(lengths))
    best, best_ratio = 0, c.min_gap_ratio
    for low, high in zip(values, values[1:]):
        if low <= c.intro_max_chars and low > 0 and high / low >= best_ratio:
            best, best_ratio = low, high / low
    return best


# --------------------------------------------------------------------------- indicators


def parse_indicator_line(content: str, c: Cues) -> Optional[list[tuple]]:
    """Rows of a flattened table line: [(row_no, name, unit, values, attribute, category)].

    ``category`` is the category row printed before the row on this line ("一、人才队伍
    建设"), None when the line names none. None when the line is not made of rows.

    >>> parse_indicator_line("一、人才队伍建设 1.人才资源总量(万人) 1075 1400 1400", cues())
    [('1', '人才资源总量', '万人', ('1075', '1400', '1400'), None, '人才队伍建设')]
    """
    tokens = content.split()
    rows: list[tuple] = []
    category = None
    k = 0
    while k < len(tokens):
        if _category_at(tokens, k, c):
            category = c.category.match(tokens[k])["name"]
            k += 1
            continue
        m = c.row_number.match(tokens[k])
        if not m:
            return None
        name_parts = [m["rest"]]
        k += 1
        while k < len(tokens) and not _is_value(tokens[k], c) \
                and tokens[k] not in c.attributes and not c.row_number.match(tokens[k]) \
                and not _category_at(tokens, k, c):
            name_parts.append(tokens[k])
            k += 1
        values: list[str] = []
        attribute = None
        while k < len(tokens) and not c.row_number.match(tokens[k]) \
                and not _category_at(tokens, k, c):
            if tokens[k] in c.attributes:
                attribute = tokens[k]
            else:
                values.append(tokens[k])
            k += 1
        name, unit = _name_unit(" ".join(name_parts), c)
        rows.append((m["no"], name, unit, tuple(values), attribute, category))
    return rows or None


def _is_tab_row(content: str, c: Cues) -> bool:
    """A table row in a text document: cells between pipes (``pipe_cells``), or three
    TAB-separated cells or more, one of them a header word or a number."""
    if pipe_cells(content, c) is not None:
        return True
    cells = [cell.strip() for cell in content.split("\t")]
    return len(cells) >= 3 and any(
        c.header_name.search(cell) or _number(cell, c) is not None for cell in cells)


def table_cells(text: str, c: Cues) -> list[str]:
    """The cells of a table row, stripped: written between pipes (``pipe_cells``) or
    separated by TAB (HTML tables, copies from a word processor).

    >>> table_cells("| 1 | 城镇新增就业 | 万人 | 〔760〕 | |", cues())
    ['1', '城镇新增就业', '万人', '〔760〕', '']
    >>> table_cells("指标\\t2020年\\t2025年", cues())
    ['指标', '2020年', '2025年']
    """
    cells = pipe_cells(text, c)
    return cells if cells is not None else [cell.strip() for cell in text.split("\t")]


def pipe_cells(line: str, c: Cues) -> Optional[list[str]]:
    """The cells of a row written between pipes (text converted from Markdown or a word
    processor, lexicon ``pipe_row``), empty ones kept in place; None when the line is no such
    row: it has no TAB, and two cells with text, or a single one that names a category
    ("| 一、经济发展 | | |"). Give the whole line: its closing pipes delimit empty cells.

    >>> pipe_cells("| 2 | 城镇调查失业率 | % | 4.6 | <5.5 | |", cues())
    ['2', '城镇调查失业率', '%', '4.6', '<5.5', '']
    >>> pipe_cells("| | | 1.人才资源总量(万人) 1075 1400 1400 | |", cues()) is None
    True
    """
    if "\t" in line or not c.pipe_row.match(line):
        return None
    cells = [cell.strip() for cell in re.split("[|｜]", line.strip())[1:]]
    if cells and not cells[-1]:
        cells.pop()                             # after the closing pipe
    filled = [cell for cell in cells if cell]
    if len(filled) >= 2 or (len(filled) == 1 and c.category.match(filled[0].replace(" ", ""))):
        return cells
    return None


def _category_at(tokens: list[str], k: int, c: Cues) -> bool:
    """A category token ("一、经济发展") directly followed by a numbered row."""
    return bool(c.category.match(tokens[k])) and k + 1 < len(tokens) \
        and bool(c.row_number.match(tokens[k + 1]))


def is_header_line(content: str, c: Cues) -> bool:
    """A flattened header row: 指标 2020年 2025年 属性.

    >>> is_header_line("指标 2020年 2025年 属性", cues())
    True
    """
    tokens = content.split()
    return len(tokens) >= 3 and any(c.header_name.search(t) for t in tokens) \
        and sum(1 for t in tokens if c.header_year.match(t)) >= 1 \
        and not any(_number(t, c) is not None for t in tokens)


def _is_value(token: str, c: Cues) -> bool:
    return bool(c.value.match(token))


def _name_unit(name: str, c: Cues) -> tuple[str, Optional[str]]:
    """Split the unit in parentheses ending an indicator name: 人才资源总量(万人) → 万人.

    The unit may be followed by a remark in brackets (总量(万人)(含…)); brackets inside
    the name are part of it: 每千人口执业（助理）医师数.
    """
    name = name.strip()
    m = next((m for m in c.unit.finditer(name) if BRACKETED_TAIL.fullmatch(name[m.end():])), None)
    if not m:
        return name, None
    return (name[:m.start()] + name[m.end():]).strip(), m["unit"]


def _number(value: str, c: Cues) -> Optional[float]:
    m = c.number.match(value.strip())
    return float(m["num"]) if m else None


def _is_cumulative(value: str, c: Cues) -> bool:
    return value.strip()[:1] in c.cumulative_open if value.strip() else False


# --------------------------------------------------------------------------- build


def segment(doc: NormalizedDocument) -> Outline:
    """Find headings, paragraphs, 专栏 and indicator tables in ``doc``."""
    c = cues()
    ctx = Context(doc=doc, cues=c, lines=tuple(doc.lines))
    ctx.front_end = _front_matter_end(ctx)
    ctx.numbered = _is_numbered(ctx)
    i = 0
    while i < len(ctx.lines):
        for rule in RULES:
            if rule.test(ctx, i):
                n_blocks = len(ctx.blocks)
                i += max(1, rule.run(ctx, i))
                for b in ctx.blocks[n_blocks:]:
                    if b.kind == "heading":
                        ctx.last_heading = b
                break
    _assign_levels(ctx)
    _apply_overrides(ctx)
    return _build(ctx)


def _is_numbered(ctx: Context) -> bool:
    """True when enough lines open with a number in heading shape.

    Heading-role numbers (一、 （一） 第一章) count from the start; list-role numbers (1.
    （1）) only after a heading-role one, so that "一、总体要求" over run-in "1.标题。正文"
    items is a numbered document while a bare outline with numbered 专栏 items is not.
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
        rest = text[found[1]:].strip()
        if _numbered_title(rest, found[0], c) or _runin_split(rest, c) is not None:
            count += 1
            if count >= c.min_numbered_headings:
                return True
    return False


def _build(ctx: Context) -> Outline:
    doc = ctx.doc
    doc_id = doc.doc_id
    html = doc.raw.format == "html"
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

    columns, items = _build_columns(ctx, column_section)
    indicators = _build_indicators(ctx, table_nos, block_section)
    return Outline(doc=doc, sections=tuple(sections), paragraphs=tuple(paragraphs),
                   columns=tuple(columns), column_items=tuple(items),
                   indicators=tuple(indicators), front_matter=_front_matter_fields(ctx))


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
    doc_id = ctx.doc.doc_id
    columns: list[Column] = []
    items: list[ColumnItem] = []
    for k, draft in enumerate(ctx.columns):
        column_id = f"c{k + 1:02d}"
        columns.append(Column(doc_id, column_id, draft.number, draft.label, draft.title,
                              column_section.get(k), draft.intro, draft.index + 1,
                              len(draft.items)))
        for item in draft.items:
            items.append(ColumnItem(doc_id, column_id, item.item_no, item.title, item.text,
                                    item.block.index + 1, item.char_start, item.char_end))
    return columns, items


def _build_indicators(ctx: Context, table_nos: dict[int, int],
                      block_section: dict[int, Optional[str]]) -> list[Indicator]:
    c = ctx.cues
    doc_id = ctx.doc.doc_id
    out: list[Indicator] = []
    state: dict[int, dict] = {}
    for b in ctx.blocks:
        if b.kind != "table":
            continue
        table_no = table_nos[id(b)]
        st = state.setdefault(table_no, {"headers": (), "category": None})
        text = ctx.lines[b.index][b.start:b.end]
        section_id = block_section.get(id(b))
        piped = pipe_cells(ctx.lines[b.index][b.start:], c)      # with its closing pipes
        if piped is not None:
            rows = _cell_rows(piped, b, st, c)
        elif "\t" in text or b.table_no is not None:
            rows = _cell_rows([cell.strip() for cell in text.split("\t")], b, st, c)
        else:
            text = text.lstrip(" |｜")                 # residue pipes before a flattened row
            if is_header_line(text, c):
                st["headers"] = tuple(text.split())
                continue
            alone = c.category.match(text)
            if alone:                                   # a category row on its own line
                st["category"] = alone["name"]
                continue
            parsed = parse_indicator_line(text, c)
            if parsed is None and st["headers"] and len(text.split()) == len(st["headers"]):
                rows = _cell_rows(text.split(), b, st, c)   # space-separated cells
                parsed = ()
            else:
                rows = []
            for no, name, unit, values, attribute, category in parsed or ():
                if category is not None:
                    st["category"] = category
                rows.append((no, name, unit, values, attribute, st["category"]))
        for no, name, unit, values, attribute, category in rows:
            out.append(Indicator(
                doc_id, f"i{len(out) + 1:03d}", section_id, table_no, category,
                len(out) + 1, no, name, unit, tuple(st["headers"]), tuple(values),
                tuple(_number(v, c) for v in values),
                tuple(_is_cumulative(v, c) for v in values), attribute, b.index + 1))
    return out


def _cell_rows(cells: list[str], b: Block, st: dict, c: Cues) -> list:
    """Indicator rows from the stripped cells of one table row: an HTML row, or a text row
    whose cells are separated by TAB, pipes or spaces."""
    headers: tuple[str, ...] = st["headers"]
    looks_header = not headers and any(
        c.header_name.search(cell) or c.header_attribute.search(cell) for cell in cells) \
        and not any(_number(cell, c) is not None for cell in cells)
    if b.is_header or looks_header:
        if st.get("header_rows") and len(cells) < len(headers):
            return []                                    # sub-header row: keep the first
        st["headers"] = tuple(cells)
        st["header_rows"] = True
        return []
    non_empty = [cell for cell in cells if cell]
    if not non_empty:
        return []
    if len(non_empty) == 1 and _number(non_empty[0], c) is None:
        m = c.category.match(non_empty[0].replace(" ", ""))
        if m or headers:                                 # before the header: a caption
            st["category"] = m["name"] if m else non_empty[0]
        return []
    if headers and not any(c.indicator_table.search(h) for h in headers):
        return []                                        # a project list, not indicators
    if not headers and not any(_number(cell, c) is not None for cell in cells):
        return []                                        # not an indicator table row
    cells, role = _align_cells(cells, headers, c)
    row_no = name = unit = attribute = None
    values: list[str] = []
    for cell, r in zip(cells, role):
        if r == "category":
            if cell:
                m = c.category.match(cell.replace(" ", ""))
                st["category"] = m["name"] if m else cell
        elif r == "number":
            row_no = cell or None
        elif r == "name":
            name = cell
        elif r == "unit":
            unit = cell or None
        elif r == "attribute":
            attribute = cell or None
        elif r == "value":
            if cell in c.attributes:
                attribute = cell
            elif name is None and not headers and _number(cell, c) is None and not _is_value(cell, c):
                m = c.row_number.match(cell)
                if m:
                    row_no, name = m["no"], m["rest"]
                else:
                    name = cell
            elif row_no is None and name is None and not headers and cell.isdigit():
                row_no = cell
            else:
                values.append(cell)
    if not name:
        return []
    m = c.row_number.match(name)
    if m and row_no is None:
        row_no, name = m["no"], m["rest"]
    clean, unit_in_name = _name_unit(name, c)
    return [(row_no, clean, unit or unit_in_name, tuple(values), attribute, st["category"])]


def _align_cells(cells: list[str], headers: tuple[str, ...],
                 c: Cues) -> tuple[list[str], list[str]]:
    """Cells of a body row and the role of each, against the header row.

    A row shorter than the header lost its first cells to row-spanning cells above
    (padded on the left), unless that would leave the name column empty while a value
    column receives text: then a cell was left out further right, and the row starts at
    the name column. A row longer than the header is aligned on the right when that puts
    a name in the name column: the header's first cell spans the extra cells on the left
    ("指标" over 类别 | 子类 | 名称), which are categories; otherwise the extra cells are
    values on the right.
    """
    if not headers or len(cells) == len(headers):
        return cells, _column_roles(headers, len(cells), c)
    roles = _column_roles(headers, len(headers), c)
    if len(cells) > len(headers):
        extra = len(cells) - len(headers)
        right = ["category"] * extra + roles
        named = [cell for cell, r in zip(cells, right) if r == "name"]
        if named and named[0] and not _is_value(named[0], c) and named[0] not in c.attributes:
            return cells, right
        return cells, _column_roles(headers, len(cells), c)     # extra cells on the right
    padded = [""] * (len(headers) - len(cells)) + cells
    name_at = roles.index("name") if "name" in roles else None
    text_in_values = any(r == "value" and cell and not _is_value(cell, c)
                         and cell not in c.attributes for cell, r in zip(padded, roles))
    if name_at is not None and padded[name_at] == "" and text_in_values \
            and name_at + len(cells) <= len(headers):
        shifted = [""] * name_at + cells
        return shifted + [""] * (len(headers) - len(shifted)), roles
    return padded, roles


def _column_roles(headers: tuple[str, ...], n: int, c: Cues) -> list[str]:
    """What each cell of a row holds, from the header cells (values when unknown)."""
    roles = []
    for k in range(n):
        h = headers[k] if k < len(headers) else ""
        if not h:
            roles.append("value")
        elif c.header_category.search(h):
            roles.append("category")
        elif c.header_number.search(h):
            roles.append("number")
        elif c.header_attribute.search(h):
            roles.append("attribute")
        elif c.header_unit.search(h):
            roles.append("unit")
        elif c.header_name.search(h):
            roles.append("name")
        else:
            roles.append("value")
    if headers and "name" not in roles:
        for k, r in enumerate(roles):
            if r == "value":
                roles[k] = "name"
                break
    return roles


__all__ = ["segment", "cues", "parse_indicator_line", "is_header_line", "RULES", "Rule", "Cues"]
