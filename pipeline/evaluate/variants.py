"""Copies of a document that must give the same outline: the forms the same text takes
when it is published or copied differently.

* ``zh-tw``: converted to Traditional with OpenCC ``s2tw`` (a Taiwan or Hong Kong mirror);
* ``run-in``: every lower-level numbered heading that stands alone on its line is joined with
  the paragraph after it (``（一）统筹优化城乡发展布局。以资源…``), as work reports and
  意见 print them;
* ``unnumbered``: the numbers of the headings removed (``一、总体要求`` → ``总体要求``), as
  some mirrors and Word copies without automatic numbering give them; scored on titles and
  levels (the key's numbers are dropped).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional

from pipeline.evaluate.expected import ExpectedOutline


def heading_lines(lines: list[str], expected: ExpectedOutline, run_in: bool = False
                  ) -> dict[int, tuple[int, str, str]]:
    """0-based line -> (level, number, title) of each expected heading found alone on its
    line (with ``run_in`` also at the start of a line, followed by 。 or ：), in order."""
    found, at = {}, 0
    for level, number, title in expected.headings:
        head = (number or "") + title
        for i in range(at, len(lines)):
            line = lines[i].strip()
            if line == head or run_in and line.startswith(head) and line[len(head):][:1] in ("。", "：", ":"):
                found[i] = (level, number or "", title)
                at = i + 1
                break
    return found


def run_in_copy(text: str, expected: ExpectedOutline) -> Optional[str]:
    lines = text.split("\n")
    heads = heading_lines(lines, expected)
    top = min((lv for lv, _n, _t in expected.headings), default=1)
    starts = tuple((n or "") + t for _l, n, t in expected.headings)
    out, i, joined = [], 0, 0
    while i < len(lines):
        head = heads.get(i)
        body = lines[i + 1] if i + 1 < len(lines) else ""
        if head and head[0] > top and head[1] and body.strip() and not body.strip().startswith(starts):
            out.append(lines[i].rstrip() + "。" + body.lstrip())
            i += 2
            joined += 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out) if joined else None


def unnumbered_copy(text: str, expected: ExpectedOutline) -> Optional[tuple[str, ExpectedOutline]]:
    lines = text.split("\n")
    heads = heading_lines(lines, expected, run_in=True)
    numbered = {i: h for i, h in heads.items() if h[1]}
    if not numbered:
        return None
    for i, (_level, number, _title) in numbered.items():
        lines[i] = lines[i].strip()[len(number):]
    key = replace(expected, headings=[(lv, None, t) for lv, _n, t in expected.headings])
    return "\n".join(lines), key


Variant = Callable[[str, ExpectedOutline], Optional[tuple[str, ExpectedOutline]]]


def layout_variants() -> dict[str, Variant]:
    return {
        "run-in": lambda text, key: (lambda t: (t, key) if t else None)(run_in_copy(text, key)),
        "unnumbered": unnumbered_copy,
    }
