"""The heading cues: ``lexicons/heading_cues.toml`` read strictly and compiled into ``Cues``.

Every pattern and threshold segment uses lives in that file (one example each);
``NumberingSystem`` is one of its numbering systems (一、 （一） 1. 第一章 …) with its role.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.lexicon import TomlTable, read_toml


CUES_FILE = "heading_cues.toml"


@dataclass(frozen=True)
class NumberingSystem:
    name: str
    role: str                    # heading | list | article
    pattern: re.Pattern


@dataclass(frozen=True)
class ColumnItemSystem:
    """An item marker inside a 专栏 (``[[column_item]]``): 01, 1., （一）, ①, or a bullet."""

    name: str
    value: str                   # arabic | circled | chinese: how group ``v`` reads; bullet: no number
    pattern: re.Pattern
    also_heading: bool = False   # also a heading numbering: a heading-shaped line is not an item


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
    second_level_systems: tuple[str, ...]
    max_unnumbered_subheading: int
    bare_max_chars: int
    bare_min_han: int
    bare_not_start: tuple[str, ...]
    not_title: re.Pattern
    bare_max_levels: int
    caption: re.Pattern
    standalone: re.Pattern
    attachment: re.Pattern
    attachment_list: re.Pattern
    glossary: re.Pattern
    intro_max_chars: int
    parts_announcement: re.Pattern
    open_parts_announcement: re.Pattern
    min_gap_ratio: float
    residue: re.Pattern
    residue_suffix: re.Pattern
    toc: re.Pattern
    toc_leader: re.Pattern
    note: re.Pattern
    note_max_chars: int
    page_number: re.Pattern
    furniture: re.Pattern
    column: re.Pattern
    max_item_title: int
    column_items: tuple[ColumnItemSystem, ...]
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
    header_value: re.Pattern
    cell_header_min: int
    cell_header_max_chars: int
    cell_max_chars: int
    cell_not_in: str
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


def load_cues(lexicon_dir: Path) -> Cues:
    """Read and compile ``heading_cues.toml``: a missing or unknown key, a value of the wrong
    type or a pattern that does not compile stops with one line naming the key."""
    data = read_toml(lexicon_dir / CUES_FILE)
    classes = data.table("classes")
    cn = {"cn": classes.str("cn")}
    t = {name: data.table(name) for name in SECTIONS}
    h, b, ind, fm = t["heading"], t["bare"], t["indicator"], t["front_matter"]

    def rx(table: TomlTable, key: str) -> re.Pattern:
        return table.pattern(key, cn)

    numbering_entries, item_entries = data.tables("numbering"), data.tables("column_item")
    numbering = tuple(NumberingSystem(e.str("name"), _role(e), rx(e, "pattern")) for e in numbering_entries)
    items = tuple(ColumnItemSystem(e.str("name"), _item_value(e), rx(e, "pattern"), e.flag("also_heading"))
                  for e in item_entries)
    cues = Cues(
        sentence_punct=classes.str("sentence_punct"),
        heading_terminal=classes.str("heading_terminal"),
        numbered_terminal=classes.str("numbered_terminal"),
        title_inner_punct=classes.str("title_inner_punct"),
        runin_separators=classes.str("runin_separators"),
        list_intro=h.strs("list_intro"),
        numbering=numbering,
        max_numbered_title=h.int("max_numbered_title_chars"),
        max_runin_title=h.int("max_runin_title_chars"),
        min_numbered_headings=h.int("min_numbered_headings"),
        second_level_systems=h.strs("second_level_systems"),
        max_unnumbered_subheading=h.int("max_unnumbered_subheading_chars"),
        bare_max_chars=b.int("max_chars"),
        bare_min_han=b.int("min_han"),
        bare_not_start=b.strs("not_start"),
        not_title=rx(b, "not_title"),
        bare_max_levels=b.int("max_levels"),
        caption=rx(b, "caption"),
        standalone=rx(t["standalone"], "pattern"),
        attachment=rx(t["standalone"], "attachment"),
        attachment_list=rx(t["standalone"], "attachment_list"),
        glossary=rx(t["standalone"], "glossary"),
        intro_max_chars=b.int("intro_max_chars"),
        parts_announcement=rx(b, "parts_announcement"),
        open_parts_announcement=rx(b, "open_parts_announcement"),
        min_gap_ratio=b.float("min_gap_ratio"),
        residue=rx(t["residue"], "pattern"),
        residue_suffix=rx(t["residue"], "suffix"),
        toc=rx(t["toc"], "pattern"),
        toc_leader=rx(t["toc"], "leader"),
        note=rx(t["note"], "pattern"),
        note_max_chars=t["note"].int("max_chars"),
        page_number=rx(t["page_number"], "pattern"),
        furniture=rx(t["furniture"], "pattern"),
        column=rx(t["column"], "pattern"),
        max_item_title=t["column"].int("max_item_title_chars"),
        column_items=items,
        pipe_row=rx(ind, "pipe_row"),
        row_number=rx(ind, "row_number"),
        category=rx(ind, "category"),
        value=rx(ind, "value"),
        number=rx(ind, "number"),
        cumulative_open=ind.str("cumulative_open"),
        unit=rx(ind, "unit"),
        attributes=ind.strs("attributes"),
        header_name=rx(ind, "header_name"),
        header_category=rx(ind, "header_category"),
        header_number=rx(ind, "header_number"),
        header_unit=rx(ind, "header_unit"),
        header_attribute=rx(ind, "header_attribute"),
        header_year=rx(ind, "header_year"),
        indicator_table=rx(ind, "indicator_table"),
        header_value=rx(ind, "header_value"),
        cell_header_min=ind.int("cell_header_min"),
        cell_header_max_chars=ind.int("cell_header_max_chars"),
        cell_max_chars=ind.int("cell_max_chars"),
        cell_not_in=ind.str("cell_not_in"),
        scan_lines=fm.int("scan_lines"),
        body_min_chars=fm.int("body_min_chars"),
        doc_number=rx(fm, "doc_number"),
        doc_number_label=rx(fm, "doc_number_label"),
        metadata_keys=tuple((key, fm.str(f"metadata_{key}"))
                            for key in ("doc_number", "issue_date", "issuer", "title")),
        metadata_date=rx(fm, "metadata_date"),
        addressee=rx(fm, "addressee"),
        notice=rx(fm, "notice"),
        notice_title=rx(fm, "notice_title"),
        publication=rx(fm, "publication"),
        subtitle=rx(fm, "subtitle"),
        date=rx(fm, "date"),
        issuer=rx(fm, "issuer"),
        doc_title=rx(fm, "doc_title"),
    )
    tables = [classes, *t.values(), *numbering_entries, *item_entries]
    for table in tables:
        table.examples()
        table.check_no_unknown_keys()
    data.check_no_unknown_keys()
    return cues


SECTIONS = ("heading", "bare", "standalone", "residue", "toc", "note", "page_number", "furniture", "column",
            "indicator", "front_matter")
ROLES = ("heading", "list", "article")
ITEM_VALUES = ("arabic", "circled", "chinese", "bullet")


def _role(entry: TomlTable) -> str:
    role = entry.str("role")
    if role not in ROLES:
        raise entry.error("role", f"must be one of {', '.join(ROLES)}, found {role!r}")
    return role


def _item_value(entry: TomlTable) -> str:
    value = entry.str("value")
    if value not in ITEM_VALUES:
        raise entry.error("value", f"must be one of {', '.join(ITEM_VALUES)}, found {value!r}")
    pattern = entry.str("pattern")
    if (value == "bullet") == ("(?P<v>" in pattern):
        raise entry.error("pattern", "needs a group (?P<v>…) holding the number, except for value = \"bullet\"")
    return value
