"""Front matter: the release header of an official document, the metadata box, 目录.

Rules ``MetadataRule``, ``FrontMatterRule`` and ``TocRule``; ``_front_matter_end`` finds
the last line of the header (发文字号, addressee, signatures, date, （此件主动公开）, the
plan title), and ``_front_matter_fields`` reads doc_number, issue_date (ISO) and issuer
from it and from the metadata blocks.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.chars import iso_date
from pipeline.segment.context import Block, Context, _next_nonblank, _span
from pipeline.segment.heading_cues import Cues
from pipeline.segment.numbering import (
    _is_bare_candidate,
    _match_number,
    _numbered_title,
)
from pipeline.segment.rule import Rule, issued_title_lines, unspaced


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


class IssuedTitleRule(Rule):
    """The title of the text a notice issues or forwards, printed after the notice's signature
    (重庆市粮食局 重庆市财政局 / 2023年12月31日 / 重庆市政策性粮食购销违法违规行为 / 举报奖励实施细则（试行）):
    front matter of that text, on one or two lines, with its subtitle; never headings."""

    name, priority = "issued_title", 77

    def test(self, ctx, i):
        return bool(ctx.blocks) and ctx.blocks[-1].kind == "signature" and issued_title_lines(ctx.lines, i, ctx.cues) > 0

    def run(self, ctx, i):
        n = issued_title_lines(ctx.lines, i, ctx.cues)
        for j in range(i, i + n):
            start, end = _span(ctx.lines[j])
            ctx.blocks.append(Block("front_matter", j, start, end))
        return n


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
    for key, value in _signature_fields(ctx).items():
        result.setdefault(key, value)
    return result


def _signature_fields(ctx: Context) -> dict:
    """issue_date (成文日期) and issuer from the signature block closing the document."""
    c = ctx.cues
    found: dict = {}
    issuers: list[str] = []
    for b in ctx.blocks:
        if b.kind != "signature":
            continue
        text = ctx.lines[b.index][b.start:b.end]
        d = c.date.match(text)
        iso = _iso_date(d) if d else None
        if iso and "issue_date" not in found:
            found["issue_date"] = iso
        elif not d and "issue_date" not in found and c.issuer.match(unspaced(text)):
            issuers.extend(unspaced(text).split())     # the first block's: a forwarded text signs its own
    if issuers:
        found["issuer"] = "、".join(issuers)
    return found


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
    return iso_date(m["y"], m["m"], m["d"])
