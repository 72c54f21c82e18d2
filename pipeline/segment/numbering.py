"""The numbering grammar: which numbering system opens a line, and the heading shapes.

Numerals (``_cn_to_int``), the number opening a line (``_match_number``), a title on
its own (``_heading_shape``, ``_numbered_title``), a run-in title ("（一）发展基础。正文…",
``_runin_split``), the end of a line before its residue suffix (``_content_end``) and
the test for an unnumbered heading candidate (``_is_bare_candidate``).
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.chars import CN_DIGITS, HAN, cn_to_int
from pipeline.segment.heading_cues import Cues, NumberingSystem


_cn_to_int = cn_to_int


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


def _runin_split(text: str, c: Cues, allowed: str = "", max_chars: Optional[int] = None
                 ) -> Optional[int]:
    """Position of the separator after a run-in title in ``text``, else None.

    ``allowed`` lists sentence marks tolerated inside the title (the commas of
    "服务国家战略，承载上海综合服务功能。对接…", see ``_comma_title_allowed``).
    """
    limit = c.max_runin_title if max_chars is None else max_chars
    for k, ch in enumerate(text):
        if ch in c.runin_separators:
            head = text[:k].strip()
            if not head or k > limit or text[k + 1:].strip() == "":
                return None
            return k
        if ch in c.sentence_punct and ch not in allowed:
            return None
        if k > limit:
            return None
    return None


def _is_bare_candidate(text: str, c: Cues, allowed: str = "", max_chars: Optional[int] = None) -> bool:
    """A short unnumbered line that may be a heading; ``allowed``: sentence marks tolerated
    inside it (the commas of a parent heading, see ``BareHeadingRule``); ``max_chars``: its
    longest length (``bare_max_chars`` unless given)."""
    core = text.strip()
    if not core or core.startswith(c.bare_not_start) or c.caption.match(core) or c.not_title.match(core) \
            or c.parts_announcement.match(core) or c.open_parts_announcement.match(core):
        return False
    if _heading_shape(core, c, c.bare_max_chars if max_chars is None else max_chars, allowed=allowed) is None:
        return False
    if len(HAN.findall(core)) < c.bare_min_han or c.date.match(core):
        return False
    return _match_number(core, c) is None and not c.column.match(core)


NUMBER_DIGITS = re.compile(r"\d+|[零〇○一二两三四五六七八九十]+")


def number_value(number: str) -> Optional[int]:
    """The value of a printed heading number: ``（十二）`` -> 12, ``3.`` -> 3, ``第二章`` -> 2."""
    m = NUMBER_DIGITS.search(number)
    return cn_to_int(m.group()) if m else None


def numbering_runs(lines: tuple[str, ...], c: Cues) -> frozenset[int]:
    """Lines whose number is one step of a run of its numbering system: the line before it
    in that system carries the number one less, or the line after it one more
    (（一） … （二） … （三）). Siblings in sequence are the evidence that a numbered line is
    a heading even when its title runs on into the body with commas."""
    by_system: dict[str, list[tuple[int, int]]] = {}
    for i, line in enumerate(lines):
        text = line.strip()
        found = _match_number(text, c)
        if found is None:
            continue
        value = number_value(text[:found[1]])
        if value is not None:
            by_system.setdefault(found[0].name, []).append((i, value))
    in_run: set[int] = set()
    for entries in by_system.values():
        for (i, a), (j, b) in zip(entries, entries[1:]):
            if b == a + 1:
                in_run.update((i, j))
    return frozenset(in_run)
