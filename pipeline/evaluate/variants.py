"""Copies of a document that must give the same outline: the forms the same text takes
when it is published or copied differently.

* ``zh-tw``: converted to Traditional with OpenCC ``s2tw`` (a Taiwan or Hong Kong mirror);
* ``run-in``: every lower-level numbered heading that stands alone on its line is joined with
  the paragraph after it (``（一）统筹优化城乡发展布局。以资源…``), as work reports and
  意见 print them;
* ``unnumbered``: the numbers of the headings removed (``一、总体要求`` → ``总体要求``), as
  some mirrors and Word copies without automatic numbering give them; scored on titles and
  levels (the key's numbers are dropped);
* ``unnumbered-own-line``: the run-in headings put on lines of their own above their
  paragraphs (``（一）精准施策稳经济，回升向好态势巩固拓展`` / ``面对…``), then unnumbered: a
  mirror with one paragraph per heading and no automatic numbering;
* ``bulleted-columns``: every 专栏 of the key printed on one line re-rendered with one item a
  line behind a bullet (■ ● ◆ ▲ ★ ◇ □ ·, one per 专栏); ``column-lines``: the same with no
  marker, each item's title on one line and its text on the next (``column_copy``; the
  other forms in ``COLUMN_FORMS`` are exercised by tests/test_column_forms.py).
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
        for i in range(at, len(lines)):
            line = lines[i].strip()
            if number and not line.startswith(number):
                continue
            rest = line[len(number):].lstrip() if number else line     # "3. 优化产业体系": a space after it
            untitled = run_in and not title and bool(number)             # H 2 （二） : a point without a title
            if rest == title or untitled or run_in and rest.startswith(title) and rest[len(title):][:1] in ("。", "：", ":"):
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
        # 第一节 / 第三章 stand on their own line in every layout: only （一）/ 1. run in
        if head and head[0] > top and head[1] and not head[1].startswith("第") and body.strip() \
                and not body.strip().startswith(starts):
            out.append(lines[i].rstrip() + "。" + body.lstrip())
            i += 2
            joined += 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out) if joined else None


def own_line_copy(text: str, expected: ExpectedOutline) -> Optional[str]:
    """Every run-in numbered heading (``（一）精准施策稳经济，回升向好态势巩固拓展。面对…``) put
    on a line of its own above its paragraph, as a copy with one paragraph per heading gives
    it; None when the document has no run-in heading."""
    lines = text.split("\n")
    heads = heading_lines(lines, expected, run_in=True)
    out, split = [], 0
    for i, line in enumerate(lines):
        head = heads.get(i)
        rest = line.strip()[len(head[1]):].lstrip() if head else ""
        if head and head[1] and head[2] and rest != head[2]:
            out += [head[1] + head[2], rest[len(head[2]) + 1:]]
            split += 1
            continue
        out.append(line)
    return "\n".join(out) if split else None


def unnumbered_own_line_copy(text: str, expected: ExpectedOutline) -> Optional[tuple[str, ExpectedOutline]]:
    """The run-in headings on lines of their own (``own_line_copy``), then their numbers removed."""
    own = own_line_copy(text, expected)
    return unnumbered_copy(own, expected) if own else None


def unnumbered_copy(text: str, expected: ExpectedOutline) -> Optional[tuple[str, ExpectedOutline]]:
    lines = text.split("\n")
    heads = heading_lines(lines, expected, run_in=True)
    numbered = {i: h for i, h in heads.items() if h[1]}
    if not numbered:
        return None
    for i, (_level, number, _title) in numbered.items():
        lines[i] = lines[i].strip()[len(number):].lstrip()
    # a point printed without a title is only its number: without it, it is a paragraph
    key = replace(expected, headings=[(lv, None, t) for lv, _n, t in expected.headings if t])
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
        "unnumbered-own-line": unnumbered_own_line_copy,
        "bulleted-columns": lambda text, key: column_copy(text, key, "bulleted"),
        "column-lines": lambda text, key: column_copy(text, key, "plain-lines"),
    }


# --------------------------------------------------------------------------- 专栏 in other forms
# ``column_forms``: the same 专栏 printed otherwise, as plans and their mirrors print them. Each
# form renders (label, title, intro, [(item title, item text)]) as lines; the answer key of the
# copy is the original's (the untitled form drops the title).

BULLETS = "■●◆▲★◇□·"
CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


def _numbered(marker: Callable[[int], str], own_title_line: bool = False):
    def render(label, title, intro, items):
        out = [f"{label} {title}".strip()] + ([intro] if intro else [])
        for k, (head, body) in enumerate(items, start=1):
            out += [marker(k) + head, body] if own_title_line else [f"{marker(k)}{head} {body}"]
        return out
    return render


def _bulleted(label, title, intro, items, bullet="■"):
    return [f"{label} {title}"] + ([intro] if intro else []) + [f"{bullet}{h} {b}" for h, b in items]


def _plain(label, title, intro, items):
    return [f"{label} {title}"] + ([intro] if intro else []) + [line for h, b in items for line in (h, b)]


def _title_below(label, title, intro, items):
    return [label, title] + ([intro] if intro else []) + [f"{k:02d} {h} {b}" for k, (h, b) in enumerate(items, 1)]


def _untitled(label, title, intro, items):
    return [label] + ([intro] if intro else []) + [f"{k:02d} {h} {b}" for k, (h, b) in enumerate(items, 1)]


COLUMN_FORMS: dict[str, Callable] = {
    "one-line": lambda label, title, intro, items: [" ".join(
        [f"{label} {title}"] + ([intro] if intro else []) + [f"{k:02d} {h} {b}" for k, (h, b) in enumerate(items, 1)])],
    "two-digit-lines": _numbered(lambda k: f"{k:02d} "),
    "arabic-dot": _numbered(lambda k: f"{k}."),
    "arabic-dun": _numbered(lambda k: f"{k}、"),
    "arabic-paren": _numbered(lambda k: f"({k})"),
    "cn-paren": _numbered(lambda k: f"（{_cn(k)}）"),
    "circled": _numbered(lambda k: "①②③④⑤⑥⑦⑧⑨⑩"[k - 1]),
    "title-line-numbered": _numbered(lambda k: f"{k:02d} ", own_title_line=True),
    "bulleted": _bulleted,
    "plain-lines": _plain,
    "title-below": _title_below,
    "untitled": _untitled,
}


def column_spans(lines: list[str], expected: ExpectedOutline
                 ) -> list[tuple[int, int, str, str, Optional[str], list[tuple[str, str]]]]:
    """(first line, end line, label, title, intro, [(item title, item text)]) of each 专栏 of
    the key found printed on one line (``专栏3 标题 01 项目 正文 02 …``), items found by their
    titles in order; 专栏 whose items cannot all be found are left out."""
    found, at = [], 0
    for label, title, n_items in expected.columns:
        items = [t for lab, _no, t in expected.items if lab == label]
        if len(items) != n_items or not items:
            continue
        for i in range(at, len(lines)):
            line = lines[i].strip()
            if not (line.startswith(label) and line[len(label):][:1] in (" ", "\u3000")):
                continue
            cut = _cut_items(line[len(label):].strip(), title, items)
            if cut is not None:
                intro, pairs = cut
                found.append((i, i + 1, label, title, intro, pairs))
                at = i + 1
            break
    return found



def _cut_items(rest: str, title: str, items: list[str]) -> Optional[tuple[Optional[str], list[tuple[str, str]]]]:
    if not rest.startswith(title):
        return None
    pos, starts = len(title), []
    for k, head in enumerate(items, start=1):
        mark = re.compile(rf"(?:^|\s){k:02d}\s+{re.escape(head)}\s")
        m = mark.search(rest, pos)
        if m is None:
            return None
        starts.append((m.start(), m.end()))
        pos = m.end()
    intro = rest[len(title):starts[0][0]].strip() or None
    pairs = []
    for k, (s, e) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(rest)
        pairs.append((items[k], rest[e:end].strip().rstrip("|").strip()))
    return intro, pairs


def column_copy(text: str, expected: ExpectedOutline, form: str) -> Optional[tuple[str, ExpectedOutline]]:
    """The document with every one-line 专栏 of the key re-rendered in ``form``; None when none is."""
    lines = text.split("\n")
    spans = column_spans(lines, expected)
    if not spans:
        return None
    render = COLUMN_FORMS[form]
    out, prev = [], 0
    for n, (first, end, label, title, intro, pairs) in enumerate(spans):
        out += lines[prev:first]
        if form == "bulleted":
            out += _bulleted(label, title, intro, pairs, BULLETS[n % len(BULLETS)])
        else:
            out += render(label, title, intro, pairs)
        prev = end
    out += lines[prev:]
    key = expected
    if form == "untitled":
        rendered = {s[2] for s in spans}
        key = replace(expected, columns=[(lab, "" if lab in rendered else t, n) for lab, t, n in expected.columns])
    return "\n".join(out), key
