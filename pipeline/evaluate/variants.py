"""Copies of a document that must give the same outline: the forms the same text takes
when it is published or copied differently.

* ``zh-tw``: converted to Traditional with OpenCC ``s2tw`` (a Taiwan or Hong Kong mirror);
* ``run-in``: every lower-level numbered heading that stands alone on its line is joined with
  the paragraph after it (``（一）统筹优化城乡发展布局。以资源…``), as work reports and
  意见 print them;
* ``unnumbered``: the numbers of the headings removed (``一、总体要求`` → ``总体要求``), as
  some mirrors and Word copies without automatic numbering give them; scored on titles and
  levels (the key's numbers are dropped);
* ``cells-per-line``: every indicator table printed one cell per line (``指标`` / ``2020年`` /
  … then ``1.名称(单位)`` / ``78.3`` / …), as copying a table from a web page or Word gives
  it (``cells_per_line``); made for documents whose key has indicator rows (HTML pages from
  their ingested lines, table rows as TAB cells) and scored on indicator rows only.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Iterable, Optional

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


_RULE_CELL = re.compile(r"^:?-{3,}:?$")              # a Markdown table's rule of dashes
_YEAR_HEADER = re.compile(r"^\d{4}年")
_NAME_HEADER = re.compile(r"(指标|项目|名称|类别|领域|序号)")
_CATEGORY = re.compile(r"^[一二三四五六七八九十]{1,3}[、．.]\S+$")


def cells_of(line: str) -> list[str]:
    """The cells of one table line, stripped, empty ones and residue pipes dropped: TAB
    cells, cells between pipes, else the space-separated tokens of a flattened row
    ("一、人才队伍建设 1.人才资源总量(万人) 1075 1400 1400 | | |")."""
    text = line.strip()
    if "\t" in text:
        cells = text.split("\t")
    elif text[:1] in "|｜":
        cells = re.split("[|｜]", text)
    else:
        cells = re.sub("[|｜]", " ", text).split()
    cells = [cell.strip() for cell in cells if cell.strip()]
    return [] if cells and all(_RULE_CELL.match(cell) for cell in cells) else cells


def cells_per_line(lines: list[str], table_lines: Iterable[int]) -> list[str]:
    """``lines`` with each of the ``table_lines`` (0-based) written one cell per line (the
    header row's cells first, as the table prints them); residue-only lines of a table
    (``| | | |``) are dropped, as a copy from a web page has none."""
    table = set(table_lines)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in table:
            out += cells_of(line)
        elif not re.fullmatch(r"[\s|｜]*", line) or not line.strip():
            out.append(line)
    return out


def key_table_lines(lines: list[str], expected: ExpectedOutline) -> list[int]:
    """Lines of the indicator tables, found from the key: a line holding a key row's name,
    TAB cells or cells between pipes, the header line above the first row ("指标 2020年 …",
    up to three lines above) and category lines alone ("一、经济发展") between rows."""
    names = [name for name, _unit, _values in expected.indicators]
    rows = [i for i, line in enumerate(lines)
            if any(name in line for name in names) or "\t" in line.strip()
            or re.match(r"^\s*[|｜](?:[^|｜]*[|｜]){2,}", line)]
    if not rows:
        return []
    found = set(rows)
    for i in rows:
        for j in range(i - 1, max(-1, i - 4), -1):
            cells = cells_of(lines[j])
            if j in found:
                break
            if len(cells) >= 3 and any(_YEAR_HEADER.match(c) for c in cells) \
                    and any(_NAME_HEADER.search(c) for c in cells):
                found.add(j)
                break
    for i in range(min(found), max(found)):
        if i not in found and _CATEGORY.match(lines[i].strip()) and i + 1 in found:
            found.add(i)
    return sorted(found)


def cells_per_line_copy(text: str, expected: ExpectedOutline) -> Optional[tuple[str, ExpectedOutline]]:
    if not expected.indicators:
        return None
    lines = text.split("\n")
    table = key_table_lines(lines, expected)
    if not table:
        return None
    return "\n".join(cells_per_line(lines, table)), expected


Variant = Callable[[str, ExpectedOutline], Optional[tuple[str, ExpectedOutline]]]


def layout_variants() -> dict[str, Variant]:
    return {
        "run-in": lambda text, key: (lambda t: (t, key) if t else None)(run_in_copy(text, key)),
        "unnumbered": unnumbered_copy,
    }
