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
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Optional

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import NavigableString, PreformattedString, Tag

from pipeline.errors import InputError
from pipeline.chars import HAN_RANGES, LINE_BREAK
from pipeline.html_chrome import (CHROME_LEXICON, METADATA_VALUE_MAX_CHARS, ChromeRules,  # noqa: F401 (re-exported)
                                  MetadataLabel, iter_chrome_examples, load_chrome_rules)
from pipeline.model import LineHint



# --------------------------------------------------------------------------- chrome rules


def is_chrome_text(text: str, rules: ChromeRules) -> bool:
    """True for a block that is site chrome (whole-block pattern, or only chrome fragments).

    >>> from pipeline.config import LEXICON_DIR
    >>> rules = load_chrome_rules(LEXICON_DIR)
    >>> is_chrome_text("【字体：大 中 小】【打印本页】【关闭窗口】", rules)
    True
    >>> is_chrome_text("城镇新增就业500万人以上。", rules)
    False
    """
    text = _collapse_spaces(text)
    if any(pattern.fullmatch(text) for pattern in rules.block_res):
        return True
    rest, found = rules.fragment_re.subn("", text)
    return found > 0 and not rest.strip(rules.separators).strip()


# --------------------------------------------------------------------------- metadata boxes

# a date with an optional time: 2021-07-02 09:35:22, 2021年08月23日, 2021/5/31
TIMESTAMP_RE = re.compile(r"\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?"
                          r"(?:\s?\d{1,2}\s?[:：]\s?\d{2}(?:\s?[:：]\s?\d{2})?)?")
# a label the lexicon does not know, inside the value of a known one: "统计编号：…"
UNKNOWN_LABEL_RE = re.compile(f"(?<![{HAN_RANGES}])[{HAN_RANGES}]{{2,6}}[:：]")
VALUE_STRIP = " \u00a0\u3000\t【】[]|｜·•"
METADATA_BOX_MAX_CHARS = 1500      # elements holding more text are never a metadata box
METADATA_TAG = "planparse-metadata"    # stands in the tree for a metadata box, one <p> per kept field
METADATA_HINT = LineHint("metadata")


def metadata_fields(text: str, rules: ChromeRules) -> Optional[tuple[str, ...]]:
    """The kept fields of a metadata box ("发文字号：…"), or None when ``text`` is not one.

    ``text`` is a box (or a table row, or the 日期/来源 line under a title) when, once chrome
    fragments are cut out, it is an optional time stamp followed by "label：value" fields
    whose labels the lexicon knows (``[[metadata]]``); see the lexicon for weak labels.

    >>> from pipeline.config import LEXICON_DIR
    >>> rules = load_chrome_rules(LEXICON_DIR)
    >>> metadata_fields("索引号：002482031/2021-770965 主题分类：社会保障 发文机关：浙江省发改委 成文日期：2021-05-31", rules)
    ('发文机关：浙江省发改委', '成文日期：2021-05-31')
    >>> metadata_fields("2021-07-02 09:35:22　　来源：人力资源社会保障部网站　　【打印本页】【关闭窗口】", rules)
    ()
    >>> metadata_fields("来源：国家统计局。", rules) is None
    True
    """
    text, chrome = rules.bounded_fragment_re.subn(" ", " ".join(text.split()))
    labels = list(rules.metadata_label_re.finditer(text))
    if not labels:
        return None
    prefix = text[: labels[0].start()].strip(VALUE_STRIP)
    if prefix and not TIMESTAMP_RE.fullmatch(prefix):
        return None
    fields: list[tuple[MetadataLabel, str]] = []
    unknown = 0
    for label, following in zip(labels, labels[1:] + [None]):
        known, *others = UNKNOWN_LABEL_RE.split(text[label.end(): following.start() if following else len(text)])
        entry = rules.metadata_labels[_squash(label["label"] or label["bare"])]
        value = known.strip(VALUE_STRIP)
        if label["bare"] and not value:
            return None                              # a header row: 文件名称 | 发文字号 | 成文日期
        if not _plausible_value(value, entry.max_chars, entry.keep != "标题", rules) or not all(
                _plausible_value(other.strip(VALUE_STRIP), METADATA_VALUE_MAX_CHARS, True, rules) for other in others):
            return None
        fields.append((entry, value))
        unknown += len(others)
    if unknown > len(fields) or not any(value for _, value in fields):
        return None
    if not (prefix or chrome or any(not label.weak or TIMESTAMP_RE.fullmatch(value) for label, value in fields)):
        return None                                  # weak fields alone: "来源：国家统计局"
    return _kept_fields(fields)


def _plausible_value(value: str, max_chars: int, no_title: bool, rules: ChromeRules) -> bool:
    """Short, no sentence end, and (unless it is the title field) no document title in it:
    text that ran on past the box ("发文字号：桂政办发〔2021〕95号 …关于印发…的通知")."""
    if len(value) > max_chars or "。" in value:
        return False
    return not (no_title and any(rules.title_re.match(token) for token in value.split()))


def _kept_fields(fields: list[tuple[MetadataLabel, str]]) -> tuple[str, ...]:
    """"keep：value" for the kept fields, in order; per ``keep`` the best-ranked label wins."""
    best: dict[str, tuple[int, int]] = {}                # keep -> (rank, position)
    for position, (label, value) in enumerate(fields):
        if label.keep and value and (label.keep not in best or label.rank < best[label.keep][0]):
            best[label.keep] = (label.rank, position)
    chosen = sorted(position for _, position in best.values())
    return tuple(f"{fields[i][0].keep}：{fields[i][1]}" for i in chosen)


def _squash(text: str) -> str:
    return "".join(text.split())


def _convert_metadata_boxes(soup: BeautifulSoup, rules: ChromeRules, lengths: dict[int, int]) -> None:
    """Replace every metadata box by a METADATA_TAG element holding its kept fields.

    Candidates are the block ancestors (and tables) of text nodes holding a known label, up to
    METADATA_BOX_MAX_CHARS of text; the outermost one that is a box wins. Elements inside the
    cells of a data table are not candidates: its rows are read one by one (``_Collector._table``).
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
        cache[id(table)] = table.find("table") is None and _is_data_table(_table_rows(table, rules), rules)
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
    """Inside a chrome element that holds the document's title or metadata: remove the rest."""
    if tag.name == METADATA_TAG or _is_title_heading(tag, rules):
        return
    for child in list(tag.children):
        if isinstance(child, Tag):
            if _holds_document_parts(child, rules):
                _keep_document_parts(child, rules)
            else:
                child.decompose()
        elif isinstance(child, NavigableString) and child.strip():
            child.extract()


# --------------------------------------------------------------------------- HTML → blocks

HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "hgroup", "hr", "html", "li",
    "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", *HEADING_TAGS,
})
CONTAINER_TAGS = frozenset({"article", "blockquote", "body", "center", "dd", "div", "main", "section", "td"})
BOLD_TAGS = frozenset({"b", "strong"})
TABLE_PARTS = frozenset({"td", "th", "tr", "caption"})
TABLE_SECTIONS = TABLE_PARTS | {"tbody", "thead", "tfoot"}
SKIPPED_INLINE = frozenset({"img", "rt", "rp", "wbr"})
BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
NOT_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:normal|lighter|[1-5]00)", re.IGNORECASE)
FONT_FAMILY_RE = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)
ALIGN_STYLE_RE = re.compile(r"text-align\s*:\s*([a-z-]+)", re.IGNORECASE)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
ASCII_SPACE_RUN_RE = re.compile(r"[ \t\n\r\f\v]+")
SPACES_BUT_TAB_RE = re.compile(r"[^\S\t]+")
INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
CJK_CHAR_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’]")

EMPHASIS_MAX_CHARS = 50        # a bold or centered block longer than this is body text
CHROME_MAX_CHARS = 400         # longer elements are never removed for their text alone
CHROME_ATTRIBUTE_MAX_SHARE = 0.5   # never remove an element holding more of the page's text
ASCEND_MAX_EXTRA = 400         # climb to the parent when it adds at most this much text …
ASCEND_EXTRA_SHARE = 0.15      # … (or this share of the container's text + ASCEND_BASE_EXTRA)
ASCEND_BASE_EXTRA = 80
ASCEND_CONTENT_SHARE = 0.3     # … or when it adds non-link text worth this share: content continues


@dataclass(frozen=True)
class _Context:
    """Layout state inherited by the elements inside a block."""

    heading: Optional[int] = None
    centered: bool = False
    bold: bool = False
    heading_font: bool = False     # set in a heading typeface (黑体, 楷体 …)
    pre: bool = False


@dataclass
class _Block:
    text: str
    hint: Optional[LineHint]


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
    collector = _Collector(rules)
    ctx = _enter(_Context(), container, rules)
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
                and 0 < length <= CHROME_MAX_CHARS and is_chrome_text(tag.get_text(" "), rules)):
            return KEEP_DOCUMENT
        return KEEP

    _prune(soup, verdict, rules)


KEEP, REMOVE, KEEP_DOCUMENT, DONE = "keep", "remove", "keep-document", "done"


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


# --------------------------------------------------------------------------- blocks


class _Collector:
    """Walks the content tree and cuts it into blocks at block elements and <br>.

    With ``drop_chrome``, blocks and table rows that are site chrome are left out (before
    tables are numbered, so a dropped metadata box does not take a table number).
    """

    def __init__(self, rules: ChromeRules, drop_chrome: bool = True) -> None:
        self.rules = rules
        self.drop_chrome = drop_chrome
        self.blocks: list[_Block] = []
        self.buffer: list[tuple[str, bool]] = []     # (text, emphasized) pieces of the current block
        self.table_no = 0
        self.metadata: list[str] = []                # metadata blocks so far (a page may repeat its box)

    def walk(self, node: Tag, ctx: _Context, skip_cells: bool = False) -> None:
        """Cut ``node``'s content into blocks; ``skip_cells`` leaves out cells and rows that
        unclosed ``<td>``/``<tr>`` tags nested inside this one (they are read on their own).

        Iterative (an explicit stack): sloppy pages nest unclosed tags thousands deep.
        """
        # frames: (children still to read, context, flush this context when done)
        stack: list[tuple[Iterator, _Context, bool]] = [(iter(node.children), ctx, False)]
        while stack:
            children, ctx, is_block = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if is_block:
                    self.flush(ctx)
            elif isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):
                    self._add_text(str(child), ctx)
            elif not isinstance(child, Tag) or child.name in SKIPPED_INLINE:
                continue
            elif skip_cells and child.name in TABLE_PARTS:
                continue
            elif child.name == "br":
                self.flush(ctx)
            elif child.name == METADATA_TAG:
                self.flush(ctx)
                self._metadata(field.get_text() for field in child.find_all("p"))
            elif child.name == "table":
                self.flush(ctx)
                self._table(child, ctx)
            elif child.name in BLOCK_TAGS:
                self.flush(ctx)
                stack.append((iter(child.children), _enter(ctx, child, self.rules), True))
            else:
                stack.append((iter(child.children), _inline(ctx, child, self.rules), False))

    def _add_text(self, text: str, ctx: _Context) -> None:
        emphasized = ctx.bold or ctx.heading_font
        if not ctx.pre:
            self.buffer.append((text, emphasized))
            return
        for index, piece in enumerate(LINE_BREAK.split(text)):
            if index:
                self.flush(ctx)
            self.buffer.append((piece, emphasized))

    def flush(self, ctx: _Context) -> None:
        if not self.buffer:
            return
        pieces, self.buffer = self.buffer, []
        text = clean_block("".join(piece for piece, _ in pieces))
        if not text or self._is_chrome(text):
            return
        emphasized = all(flag for piece, flag in pieces if piece.strip())
        self.blocks.append(_Block(text, _block_hint(text, ctx, emphasized)))

    def _table(self, table: Tag, ctx: _Context) -> None:
        rows = _table_rows(table, self.rules) if table.find("table") is None else []
        if not _is_data_table(rows, self.rules):
            self._layout_table(table, ctx)       # nested tables, or a single column
            return
        caption = table.find("caption")
        if caption is not None:
            inner = _enter(ctx, caption, self.rules)
            self.walk(caption, inner)
            self.flush(inner)
        numbered = False
        for row, cells, texts in rows:
            fields = metadata_fields(" ".join(texts), self.rules) if self.drop_chrome and any(texts) else None
            if fields is not None:
                self._metadata(fields)                   # a metadata row takes no table number
                continue
            if not any(texts) or self._is_chrome("\t".join(texts)):
                continue
            if not numbered:
                self.table_no += 1
                numbered = True
            is_header = row.find_parent("thead") is not None or all(cell.name == "th" for cell in cells)
            hint = LineHint("table_row", table_no=self.table_no, is_header=is_header)
            self.blocks.append(_Block("\t".join(texts), hint))

    def _metadata(self, fields) -> None:
        for text in fields:
            if text not in self.metadata:
                self.metadata.append(text)
                self.blocks.append(_Block(text, METADATA_HINT))

    def _is_chrome(self, text: str) -> bool:
        return self.drop_chrome and is_chrome_text(text, self.rules)

    def _layout_table(self, table: Tag, ctx: _Context) -> None:
        """A table used for layout (nested tables, or one column): its cells are containers."""
        for cell in table.find_all(["td", "th", "caption"]):
            if cell.find_parent("table") is table:
                inner = _enter(ctx, cell, self.rules)
                self.walk(cell, inner, skip_cells=True)
                self.flush(inner)


def _is_data_table(rows: list[tuple[Tag, list[Tag], list[str]]], rules: ChromeRules) -> bool:
    """A row with two non-empty cells, or a single column labelled as a box (专栏3 …)."""
    if any(sum(1 for text in texts if text) >= 2 for _, _, texts in rows):
        return True
    first = next((text for _, _, texts in rows for text in texts if text), "")
    return bool(rules.box_label_re.match(first))


def _table_rows(table: Tag, rules: ChromeRules) -> list[tuple[Tag, list[Tag], list[str]]]:
    """(row, cells, cell texts) of the table's own rows, also when </td> and </tr> are missing."""
    rows = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        cells = [cell for cell in row.find_all(["td", "th"]) if cell.find_parent("tr") is row]
        rows.append((row, cells, [_cell_text(cell, rules) for cell in cells]))
    return rows


def _cell_text(cell: Tag, rules: ChromeRules) -> str:
    """A cell's text on one line (its paragraphs joined by a space); nested cells excluded."""
    collector = _Collector(rules, drop_chrome=False)
    ctx = _enter(_Context(), cell, rules)
    collector.walk(cell, ctx, skip_cells=True)
    collector.flush(ctx)
    return " ".join(block.text.replace("\t", " ") for block in collector.blocks)


def _enter(ctx: _Context, tag: Tag, rules: ChromeRules) -> _Context:
    """Context inside block element ``tag``."""
    style = tag.get("style") or ""
    align = (tag.get("align") or "").strip().lower()
    style_align = ALIGN_STYLE_RE.search(style)
    if style_align:
        align = style_align.group(1).lower()
    centered = ctx.centered if not align else align == "center"
    if tag.name == "center":
        centered = True
    return _Context(
        heading=HEADING_TAGS.get(tag.name, ctx.heading),
        centered=centered,
        bold=_bold(ctx.bold, tag, style),
        heading_font=_heading_font(ctx.heading_font, tag, style, rules),
        pre=ctx.pre or tag.name == "pre",
    )


def _inline(ctx: _Context, tag: Tag, rules: ChromeRules) -> _Context:
    style = tag.get("style") or ""
    bold = _bold(ctx.bold, tag, style)
    heading_font = _heading_font(ctx.heading_font, tag, style, rules)
    if (bold, heading_font) == (ctx.bold, ctx.heading_font):
        return ctx
    return replace(ctx, bold=bold, heading_font=heading_font)


def _bold(inherited: bool, tag: Tag, style: str) -> bool:
    if tag.name in BOLD_TAGS or BOLD_STYLE_RE.search(style):
        return True
    if NOT_BOLD_STYLE_RE.search(style):
        return False
    return inherited


def _heading_font(inherited: bool, tag: Tag, style: str, rules: ChromeRules) -> bool:
    """Set in a heading typeface (lexicon ``[emphasis] fonts``); the nearest declaration wins."""
    font = FONT_FAMILY_RE.search(style)
    face = font.group(1) if font else tag.get("face") if tag.name == "font" else None
    if not face:
        return inherited
    return bool(rules.emphasis_font_re.search(face))


def _block_hint(text: str, ctx: _Context, emphasized: bool) -> Optional[LineHint]:
    if ctx.heading is not None:
        return LineHint("heading", level=ctx.heading)
    if len(text) <= EMPHASIS_MAX_CHARS and (emphasized or ctx.centered):
        return LineHint("emphasis")
    return None


def clean_block(text: str) -> str:
    """One block's text: invisible characters dropped, source line breaks between Chinese
    characters removed, other runs of ASCII whitespace and nbsp collapsed to one space,
    spaces (ASCII, nbsp, full-width) stripped at both ends. Inner full-width spaces stay.

    >>> clean_block("\\u00a0\\u00a0\\u3000一、规划\\n  背景\\u00a0 \\u3000")
    '一、规划背景'
    >>> clean_block("2025年  目标\\u3000值")
    '2025年 目标\\u3000值'
    """
    text = INVISIBLE_RE.sub("", text).replace("\u00a0", " ")
    text = ASCII_SPACE_RUN_RE.sub(_collapse_run, text)
    return text.strip()


def _collapse_run(match: re.Match) -> str:
    run, source = match.group(0), match.string
    if "\n" in run or "\r" in run:
        before = source[match.start() - 1] if match.start() > 0 else ""
        after = source[match.end()] if match.end() < len(source) else ""
        if CJK_CHAR_RE.match(before) and CJK_CHAR_RE.match(after):
            return ""
    return " "


def _collapse_spaces(text: str) -> str:
    return SPACES_BUT_TAB_RE.sub(" ", text).strip()
