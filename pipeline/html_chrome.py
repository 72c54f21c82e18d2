"""The site-chrome lexicon of HTML pages (``lexicons/html_chrome.toml``), read strictly.

``load_chrome_rules(lexicon_dir) -> ChromeRules``: every key of the file is read through
``pipeline.lexicon.TomlTable``, so a missing key, a key nobody reads (misspelt), a value of
the wrong type, a pattern that does not compile or a metadata label listed twice stops the
build with one line naming the file, the entry and the problem::

    html_chrome.toml [block[3]] example: missing key

Kept apart from ``pipeline.html_blocks`` (which applies it, with ``pipeline.html_text`` and
``pipeline.html_walk``) so that loading the rules before any document does not import bs4: a
build of text files never needs it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pipeline.chars import HAN_RANGES
from pipeline.lexicon import TomlTable, read_toml

CHROME_LEXICON = "html_chrome.toml"
LABEL_SPACES_RE = r"\s*"       # spaces inside and after a metadata label: "索 引 号", "标　　题："
METADATA_VALUE_MAX_CHARS = 60      # default ``max_chars`` of a label (and of unknown labels)
BARE_LABEL_MIN_CHARS = 3           # a strong label this long needs no colon in its own cell: 发文字号 | …


@dataclass(frozen=True)
class MetadataLabel:
    """One ``[[metadata]]`` entry: the label written for a kept field ("" = dropped)."""

    keep: str
    weak: bool
    rank: int                              # lexicon order: the lower wins among same-``keep`` fields
    max_chars: int                         # a longer value is not this field's (text ran on)


@dataclass(frozen=True)
class ChromeRules:
    """``lexicons/html_chrome.toml``, compiled."""

    remove_tags: frozenset[str]
    chrome_tags: frozenset[str]
    title_box_tags: frozenset[str]         # chrome tags that may hold the title / metadata box
    attribute_re: re.Pattern               # attribute rules that remove an element outright
    title_box_attribute_re: re.Pattern     # attribute rules that keep its title / metadata box
    block_res: tuple[re.Pattern, ...]
    fragment_re: re.Pattern
    separators: str
    emphasis_font_re: re.Pattern
    box_label_re: re.Pattern
    bounded_fragment_re: re.Pattern        # a fragment with separators (or the ends) on both sides
    metadata_label_re: re.Pattern          # a known label and its colon; a strong one may stand alone
    metadata_search_re: re.Pattern         # any known label (finds the text nodes to look at)
    metadata_labels: dict[str, MetadataLabel]   # label without spaces -> entry
    title_re: re.Pattern


def load_chrome_rules(lexicon_dir: Path) -> ChromeRules:
    """Read, check and compile ``html_chrome.toml`` of ``lexicon_dir`` (not cached: load it
    once and pass it to ``html_to_blocks``).

    >>> from pipeline.config import LEXICON_DIR
    >>> "nav" in load_chrome_rules(LEXICON_DIR).chrome_tags
    True
    """
    doc = read_toml(Path(lexicon_dir) / CHROME_LEXICON)
    tags = doc.table("tags")
    remove_tags = frozenset(tags.strs("remove"))
    chrome_tags = frozenset(tags.strs("chrome"))
    title_box_tags = frozenset(tags.strs("title_boxes"))
    separators = tags.str("separators")
    tags.check_no_unknown_keys()
    attributes, title_boxes = [], []
    for entry in doc.tables("attribute"):
        title_box = entry.flag("title_box")
        (title_boxes if title_box else attributes).append(_compile(entry, re.IGNORECASE))
    blocks = tuple(_compile(entry, re.IGNORECASE) for entry in doc.tables("block"))
    fragments = [_compile(entry, re.IGNORECASE) for entry in doc.tables("fragment")]
    emphasis_font_re = _section_pattern(doc, "emphasis", "fonts", re.IGNORECASE)
    box_label_re = _section_pattern(doc, "box", "label")
    title_re = _section_pattern(doc, "title", "pattern")
    metadata_labels = _metadata_labels(doc.tables("metadata"))
    doc.check_no_unknown_keys()
    fragment = "|".join(f"(?:{p.pattern})" for p in fragments)
    separator = f"[{re.escape(separators)}]"
    labels = _label_alternation(metadata_labels)
    bare = _label_alternation([label for label, entry in metadata_labels.items()
                               if not entry.weak and len(label) >= BARE_LABEL_MIN_CHARS])
    return ChromeRules(
        remove_tags=remove_tags,
        chrome_tags=chrome_tags,
        title_box_tags=title_box_tags,
        attribute_re=_alternation(attributes),
        title_box_attribute_re=_alternation(title_boxes),
        block_res=blocks,
        fragment_re=re.compile(fragment, re.IGNORECASE),
        separators=separators,
        emphasis_font_re=emphasis_font_re,
        box_label_re=box_label_re,
        bounded_fragment_re=re.compile(f"(?:^|(?<={separator}))(?:{fragment})(?={separator}|$)", re.IGNORECASE),
        metadata_label_re=re.compile(f"(?<![{HAN_RANGES}])(?:(?P<label>{labels}){LABEL_SPACES_RE}[:：]"
                                     f"|(?P<bare>{bare})(?=\\s))"),
        metadata_search_re=re.compile(labels),
        metadata_labels=metadata_labels,
        title_re=title_re,
    )


def iter_chrome_examples(lexicon_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(kind, pattern, example) for every rule in the chrome lexicon (used by the tests)."""
    doc = read_toml(Path(lexicon_dir) / CHROME_LEXICON)
    for kind in ("attribute", "block", "fragment"):
        for entry in doc.tables(kind):
            yield kind, entry.str("pattern"), entry.str("example")
    for entry in doc.tables("metadata"):
        yield "metadata", "|".join(entry.strs("labels")), entry.str("example")


def _compile(entry: TomlTable, flags: int = 0) -> re.Pattern:
    """The ``pattern`` of an ``[[attribute]]``/``[[block]]``/``[[fragment]]`` entry, which
    must have an ``example`` and no other keys (``title_box`` is read before)."""
    raw = entry.str("pattern")
    entry.str("example")
    entry.check_no_unknown_keys()
    try:
        return re.compile(raw, flags)
    except re.error as exc:
        raise entry.error("pattern", f"pattern does not compile: {exc}") from None


def _section_pattern(doc: TomlTable, section: str, key: str, flags: int = 0) -> re.Pattern:
    table = doc.table(section)
    raw = table.str(key)
    table.check_no_unknown_keys()
    try:
        return re.compile(raw, flags)
    except re.error as exc:
        raise table.error(key, f"pattern does not compile: {exc}") from None


def _metadata_labels(entries: list[TomlTable]) -> dict[str, MetadataLabel]:
    labels: dict[str, MetadataLabel] = {}
    first: dict[str, str] = {}
    for rank, entry in enumerate(entries):
        keep = entry.str("keep")
        weak = entry.flag("weak")
        max_chars = entry.int("max_chars") if entry.has("max_chars") else METADATA_VALUE_MAX_CHARS
        entry.str("example")
        names = entry.strs("labels")
        entry.check_no_unknown_keys()
        for label in names:
            if label in labels:
                raise entry.error("labels", f"metadata label {label!r} is listed twice (first in [{first[label]}])")
            labels[label] = MetadataLabel(keep, weak, rank, max_chars)
            first[label] = entry.where
    return labels


def _label_alternation(labels) -> str:
    """Regex alternation of metadata labels, longest first, spaces allowed between characters."""
    return "|".join(LABEL_SPACES_RE.join(map(re.escape, label))
                    for label in sorted(labels, key=lambda label: (-len(label), label)))


def _alternation(patterns: list[re.Pattern]) -> re.Pattern:
    """One case-insensitive pattern matching any of ``patterns`` (never matches when empty)."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)", re.IGNORECASE)
