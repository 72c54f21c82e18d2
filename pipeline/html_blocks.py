"""HTML → blocks (``ingest.read_document`` calls ``html_to_blocks`` for a document it
recognised as HTML): parsed leniently with bs4's ``html.parser``; site chrome
removed (``lexicons/html_chrome.toml``: elements by name, id/class, and chrome-only text
blocks such as 【字体：大 中 小】); the main content container chosen by text density and
widened to its title; then one line per block with a parallel tuple of ``LineHint``
(docs/ARCHITECTURE.md). ``format = "html"``. Details:

* metadata boxes (信息公开 tables, the 日期/来源 line under a title; lexicon
  ``[[metadata]]``) are found before chrome is removed: one block per field that describes
  the document ("发文字号：…", "成文日期：…", "发文机关：…", "标题：…"), hint ``metadata``,
  each text once per page; the page's own fields (索引号, 有效性, 来源 …) are dropped. A
  chrome element that holds them, or a document title in h1–h3 (a title box the ``header``
  rule matches, an article's ``<header>``), loses everything else but them;
* blocks are p, div/li/… with direct text, h1–h6 (``heading`` hint) and ``<br>``-separated
  pieces; nbsp, full-width and ordinary spaces are stripped at block edges, inner runs of
  ASCII whitespace collapse to one space (to nothing between two Chinese characters);
* ``emphasis``: a block of at most 50 characters that is entirely bold (b, strong,
  font-weight) or set in a heading typeface (黑体, 楷体, 小标宋), or centred;
* tables with at least one row of two non-empty cells, and single-column boxes whose first
  row starts with a 专栏 label (lexicon ``[box]``), are data tables: one line per row,
  cells joined by TAB (a cell's paragraphs by a space), ``table_row`` hints numbered per
  document, ``is_header`` for th rows and thead. Tables holding other tables, and other
  single-column tables, are layout: their cells are read as containers (old sites frame
  pages and title boxes that way).

Here: parsing, chrome removal, metadata boxes in the tree and the main container. The walk
that cuts the container into blocks (tables included) is ``pipeline.html_walk``; judgments
on one block's text (chrome text, metadata fields, cleaning) are ``pipeline.html_text``; the
lexicon is ``pipeline.html_chrome``.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import CData, NavigableString, PreformattedString, Tag

from pipeline.errors import InputError
from pipeline.html_chrome import ChromeRules
from pipeline.html_text import clean_block, is_chrome_text, metadata_fields
from pipeline.html_walk import (BLOCK_TAGS, METADATA_TAG, TABLE_SECTIONS, Collector, Context, enter,
                                is_data_table, own_parts, table_rows)
from pipeline.model import LineHint

CONTAINER_TAGS = frozenset({"article", "blockquote", "body", "center", "dd", "div", "main", "section", "td"})
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
CHROME_MAX_CHARS = 400         # longer elements are never removed for their text alone
CHROME_ATTRIBUTE_MAX_SHARE = 0.5   # never remove an element holding more of the page's text
ASCEND_MAX_EXTRA = 400         # climb to the parent when it adds at most this much text …
ASCEND_EXTRA_SHARE = 0.15      # … (or this share of the container's text + ASCEND_BASE_EXTRA)
ASCEND_BASE_EXTRA = 80
ASCEND_CONTENT_SHARE = 0.3     # … or when it adds non-link text worth this share: content continues


# --------------------------------------------------------------------------- HTML → blocks


def html_to_blocks(text: str, path: Path, chrome: ChromeRules) -> tuple[tuple[str, ...], tuple[Optional[LineHint], ...]]:
    """HTML page → (lines, hints): chrome (``load_chrome_rules``) removed, main content, one
    line per block."""
    rules = chrome
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "html.parser")
    _remove_chrome(soup, rules)
    container = main_container(soup)
    collector = Collector(rules)
    ctx = enter(Context(), container, rules)
    collector.walk(container, ctx)
    collector.flush(ctx)
    blocks = collector.blocks
    if not blocks:
        raise InputError(path, "no text found in the HTML page (after removing site navigation and scripts)")
    return tuple(block.text for block in blocks), tuple(block.hint for block in blocks)


def _remove_chrome(soup: BeautifulSoup, rules: ChromeRules) -> None:
    """Remove comments, chrome elements (by name, hidden, by id/class) and chrome-only blocks;
    metadata boxes become METADATA_TAG elements first, and survive with the document's title
    inside a title box or a chrome-only block that holds them."""
    for node in soup.find_all(string=lambda s: isinstance(s, PreformattedString)):
        node.extract()                                   # comments, doctype, CDATA
    _prune(soup, lambda tag: REMOVE if tag.name in rules.remove_tags or _is_hidden(tag) else KEEP)
    lengths = measure_text(soup).total
    _convert_metadata_boxes(soup, rules, lengths)
    limit = CHROME_ATTRIBUTE_MAX_SHARE * lengths[id(soup)]
    texts = short_texts(soup, lengths, CHROME_MAX_CHARS)

    def verdict(tag: Tag) -> str:
        if tag.name == METADATA_TAG:
            return DONE
        length = lengths.get(id(tag), 0)
        if length <= limit and (tag.name in rules.chrome_tags or _has_chrome_attribute(tag, rules.attribute_re)):
            if tag.name not in rules.title_box_tags or _has_chrome_attribute(tag, rules.attribute_re):
                return REMOVE
            return KEEP_DOCUMENT
        if length <= limit and _has_chrome_attribute(tag, rules.title_box_attribute_re):
            return KEEP_DOCUMENT
        if (tag.name in BLOCK_TAGS and tag.name not in ("html", "body", "table")
                and 0 < length <= CHROME_MAX_CHARS and is_chrome_text(texts[id(tag)], rules)):
            return KEEP_DOCUMENT
        return KEEP

    _prune(soup, verdict, rules)


KEEP, REMOVE, KEEP_DOCUMENT, DONE = "keep", "remove", "keep-document", "done"
WHITESPACE_RUN_RE = re.compile(r"\s+")
TEXT_STRING_TYPES = (NavigableString, CData)     # the strings ``Tag.get_text`` reads


def short_texts(root: Tag, lengths: dict[int, int], limit: int) -> dict[int, str]:
    """``tag.get_text(" ")`` with every run of whitespace as one space, for the elements
    of at most ``limit`` characters (``lengths``), keyed by ``id``: one pass, bottom-up,
    instead of a pass over each element's whole subtree (10,000 nested divs)."""
    texts: dict[int, str] = {}
    # frames: (element, children still to read, texts of the children read)
    stack: list[tuple[Tag, Iterator, list[str]]] = [(root, iter(root.children), [])]
    while stack:
        tag, children, parts = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if lengths.get(id(tag), 0) <= limit:
                texts[id(tag)] = WHITESPACE_RUN_RE.sub(" ", " ".join(parts))
                if stack:
                    stack[-1][2].append(texts[id(tag)])
        elif isinstance(child, Tag):
            stack.append((child, iter(child.children), []))
        elif type(child) in TEXT_STRING_TYPES:
            parts.append(WHITESPACE_RUN_RE.sub(" ", child))
    return texts


def _prune(root: Tag, verdict, rules: ChromeRules | None = None) -> None:
    """Apply ``verdict(tag)`` to every element: KEEP (and visit its insides), REMOVE, DONE (keep,
    do not visit), KEEP_DOCUMENT (remove all but the document's title and metadata, if any)."""
    stack = [root]
    while stack:
        node = stack.pop()
        for child in list(node.children):
            if isinstance(child, Tag):
                action = verdict(child)
                if action == KEEP:
                    stack.append(child)
                elif action == KEEP_DOCUMENT and _holds_document_parts(child, rules):
                    _keep_document_parts(child, rules)
                elif action != DONE:
                    child.decompose()


def _is_hidden(tag: Tag) -> bool:
    return tag.has_attr("hidden") or bool(HIDDEN_STYLE_RE.search(tag.get("style") or ""))


def _has_chrome_attribute(tag: Tag, pattern: re.Pattern) -> bool:
    if tag.name in ("html", "body"):
        return False
    names = list(tag.get("class") or [])
    if tag.get("id"):
        names.append(tag["id"])
    return any(isinstance(name, str) and pattern.search(name) for name in names)


# --------------------------------------------------------------------------- metadata boxes

METADATA_BOX_MAX_CHARS = 1500      # elements holding more text are never a metadata box


def _convert_metadata_boxes(soup: BeautifulSoup, rules: ChromeRules, lengths: dict[int, int]) -> None:
    """Replace every metadata box by a METADATA_TAG element holding its kept fields.

    Candidates are the block ancestors (and tables) of text nodes holding a known label, up to
    METADATA_BOX_MAX_CHARS of text; the outermost one that is a box wins. Elements inside the
    cells of a data table are not candidates: its rows are read one by one (``Collector._table``).
    """
    data_tables: dict[int, bool] = {}
    for node in soup.find_all(string=rules.metadata_search_re):
        candidates = _box_candidates(node, soup, lengths, data_tables, rules)
        for candidate in reversed(candidates or ()):
            kept = metadata_fields(candidate.get_text(" "), rules)
            if kept is not None:
                _replace_box(soup, candidate, kept)
                break


def _box_candidates(node: NavigableString, soup: BeautifulSoup, lengths: dict[int, int],
                    data_tables: dict[int, bool], rules: ChromeRules) -> Optional[list[Tag]]:
    """Block ancestors of ``node`` that may be its metadata box, innermost first; None when
    ``node`` is inside a box converted already (the walk up ends at a detached element)."""
    candidates: list[Tag] = []
    element, in_cell = node.parent, False
    while element is not soup:
        if element is None:
            return None
        if element.name in ("td", "th"):
            in_cell = True
        elif element.name == "table":
            if in_cell and _is_data_table_element(element, data_tables, rules):
                candidates.clear()                       # read row by row instead
            in_cell = False
        small = lengths.get(id(element), 0) <= METADATA_BOX_MAX_CHARS
        if element.name in ("html", "body") or not (small or in_cell):
            break
        if small and (element.name == "table" or element.name in BLOCK_TAGS and element.name not in TABLE_SECTIONS):
            candidates.append(element)
        element = element.parent
    return candidates


def _is_data_table_element(table: Tag, cache: dict[int, bool], rules: ChromeRules) -> bool:
    if id(table) not in cache:
        own = own_parts(table)
        cache[id(table)] = not own.nested_table and is_data_table(table_rows(table, rules, own), rules)
    return cache[id(table)]


def _replace_box(soup: BeautifulSoup, box: Tag, kept: tuple[str, ...]) -> None:
    if not kept:
        box.extract()
        return
    marker = soup.new_tag(METADATA_TAG)
    for text in kept:
        field = soup.new_tag("p")
        field.string = text
        marker.append(field)
    box.replace_with(marker)


def _is_title_heading(tag: Tag, rules: ChromeRules) -> bool:
    """An h1–h3 naming a document (lexicon ``[title]``), not a link."""
    return (tag.name in ("h1", "h2", "h3") and tag.find("a") is None and tag.find_parent("a") is None
            and bool(rules.title_re.match(clean_block(tag.get_text()))))


def _holds_document_parts(tag: Tag, rules: ChromeRules) -> bool:
    if tag.name == METADATA_TAG or _is_title_heading(tag, rules):
        return True
    return tag.find(METADATA_TAG) is not None or any(
        _is_title_heading(heading, rules) for heading in tag.find_all(("h1", "h2", "h3")))


def _keep_document_parts(tag: Tag, rules: ChromeRules) -> None:
    """Inside a chrome element that holds the document's title or metadata: remove the rest.
    Iterative: a title box may nest its title thousands of elements deep."""
    holders = _document_part_holders(tag, rules)
    stack = [tag]
    while stack:
        node = stack.pop()
        if node.name == METADATA_TAG or _is_title_heading(node, rules):
            continue
        for child in list(node.children):
            if isinstance(child, Tag):
                if id(child) in holders:
                    stack.append(child)
                else:
                    child.decompose()
            elif isinstance(child, NavigableString) and child.strip():
                child.extract()


def _document_part_holders(root: Tag, rules: ChromeRules) -> set[int]:
    """Ids of the elements under ``root`` that ``_holds_document_parts``, in one pass."""
    holders: set[int] = set()
    stack: list[tuple[Tag, Iterator]] = [(root, iter(root.children))]
    while stack:
        tag, children = stack[-1]
        child = next(children, None)
        if isinstance(child, Tag):
            stack.append((child, iter(child.children)))
        elif child is None:
            stack.pop()
            holds = (id(tag) in holders or tag.name == METADATA_TAG
                     or tag.name in ("h1", "h2", "h3") and _is_title_heading(tag, rules))
            if holds:
                holders.add(id(tag))
                if stack:
                    holders.add(id(stack[-1][0]))      # a parent holds what its children hold
    return holders


# --------------------------------------------------------------------------- main container


@dataclass
class _TextMeasure:
    """Per element (keyed by ``id``): text length, non-link text length, density score."""

    total: dict[int, int]
    plain: dict[int, int]
    score: dict[int, float]


SCORE_WEIGHTS = (1.0, 1.0, 0.5)    # nearest block ancestor of a text, its parent block, the next


def measure_text(root: Tag) -> _TextMeasure:
    """One pass over the tree (iterative, linear in its size, whatever the nesting depth)."""
    measure = _TextMeasure({id(root): 0}, {id(root): 0}, {})
    # frames: (element, children still to read, nearest block ancestors, inside a link)
    stack = [(root, iter(root.children), (root,), False)]
    while stack:
        tag, children, blocks, in_link = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack:
                parent = id(stack[-1][0])
                measure.total[parent] += measure.total[id(tag)]
                measure.plain[parent] += measure.plain[id(tag)]
        elif isinstance(child, Tag):
            measure.total[id(child)] = measure.plain[id(child)] = 0
            inner_blocks = (child, *blocks[:2]) if child.name in BLOCK_TAGS else blocks
            stack.append((child, iter(child.children), inner_blocks, in_link or child.name == "a"))
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            length = len(child.strip())
            measure.total[id(tag)] += length
            if length and not in_link:
                measure.plain[id(tag)] += length
                for weight, block in zip(SCORE_WEIGHTS, blocks):
                    measure.score[id(block)] = measure.score.get(id(block), 0.0) + weight * length
    return measure


def main_container(soup: BeautifulSoup) -> Tag:
    """The element holding the document: densest non-link text, widened to its title and siblings.

    Every text node adds its length (links excluded) to its nearest block ancestor, that
    block's parent block and, at half weight, the next one; the best-scoring container wins
    (``div.TRS_Editor``, ``#zoom``, ``.article-content``…, whatever the site calls it). It is
    then widened to its parent while the parent adds little text that is mostly not links (a
    title, a date line) or adds substantial non-link text (the content continues in a sibling).
    """
    measure = measure_text(soup)
    total, plain, score = measure.total, measure.plain, measure.score
    best, best_score = soup, 0.0
    for tag in soup.find_all(CONTAINER_TAGS):
        if score.get(id(tag), 0.0) > best_score:
            best, best_score = tag, score[id(tag)]
    while best is not soup and best.parent is not None:
        parent = best.parent
        extra = total[id(parent)] - total[id(best)]
        extra_plain = plain[id(parent)] - plain[id(best)]
        limit = min(ASCEND_MAX_EXTRA, ASCEND_BASE_EXTRA + ASCEND_EXTRA_SHARE * total[id(best)])
        adds_title = extra <= limit and extra - extra_plain <= extra_plain     # little text, mostly not links
        adds_content = extra_plain >= ASCEND_CONTENT_SHARE * plain[id(best)]
        if not (adds_title or adds_content):
            break
        best = parent
    return best
