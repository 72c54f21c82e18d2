"""The heading cues: ``lexicons/heading_cues.toml`` loaded and compiled once into ``Cues``.

Every pattern and threshold segment uses lives in that file (one example each);
``NumberingSystem`` is one of its numbering systems (一、 （一） 1. 第一章 …) with its role.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from pipeline.config import LEXICON_DIR
from pipeline.errors import RuleError


CUES_FILE = "heading_cues.toml"


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
