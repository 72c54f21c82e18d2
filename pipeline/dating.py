"""The document's own date: when it was written, and where that was read.

A figure's role (target / actual / baseline) and the meaning of 今年 / 去年 / 明年 depend on
when the document was written, so it is decided once per document, in this order:

1. ``manifest``: the manifest's ``issue_date``;
2. ``front_matter``: the signature date or 成文日期 found by segment (HTML metadata included);
3. ``date_line``: the date a report was delivered (``——2026年1月27日在…代表大会…会议上``);
4. ``doc_number``: the year of the document's own 发文字号 (``国办发〔2022〕35号``), year only, for a
   copy that prints no date;
5. ``title_year``: a title naming its year (``2026年安徽省政府工作报告``), year only;
6. ``title_period``: a plan period in the title (``（2024—2027年）``, ``“十四五”规划``) or the
   manifest's ``period``: the period's first year, year only;

else ``unknown``. Never "the 十X五 cited most often": a review of the 十四五 written in 2026
cites it on every page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from pipeline.chars import cn_to_int, iso_date, year_number
from pipeline.lexicon import TomlTable, read_toml
from pipeline.model import DocumentMeta

DATES_FILE = "document_dates.toml"
FIRST_REGULAR_PLAN, FIRST_REGULAR_PLAN_START = 3, 1966    # 五年计划 every five years since the 3rd


@dataclass(frozen=True)
class DateCues:
    scan_lines: int                       # lines searched for a date line
    title_lines: int                      # lines searched for a title
    date_line: re.Pattern
    title_year: re.Pattern
    doc_number_year: re.Pattern
    title_span: re.Pattern
    five_year_plan: re.Pattern
    examples: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DocumentDate:
    iso_date: Optional[str]               # "2026-01-27" when the day is known
    year: Optional[int]
    source: str                           # manifest | front_matter | date_line | doc_number | title_year | title_period | unknown
    period: Optional[tuple[int, int]] = None   # the plan period a title or the manifest names

    def plan_period(self) -> Optional[tuple[int, int]]:
        """The period the document plans for: the one it names, else the five-year plan
        period containing its year (a 2026 report speaks from the 十五五, 2026–2030)."""
        if self.period:
            return self.period
        if self.year is None:
            return None
        start = FIRST_REGULAR_PLAN_START + (self.year - FIRST_REGULAR_PLAN_START) // 5 * 5
        return (start, start + 4)


def load_date_cues(lexicon_dir: Path) -> DateCues:
    data = read_toml(lexicon_dir / DATES_FILE)
    numerals = data.table("numerals")
    fill = {"y": numerals.str("year"), "m": numerals.str("month"), "d": numerals.str("day")}
    numerals.check_no_unknown_keys()
    tables = {name: data.table(name) for name in ("date_line", "doc_number", "title_year", "title_period")}
    cues = DateCues(
        scan_lines=data.int("scan_lines"),
        title_lines=data.int("title_lines"),
        date_line=tables["date_line"].pattern("pattern", fill),
        title_year=tables["title_year"].pattern("pattern", fill),
        doc_number_year=tables["doc_number"].pattern("pattern", fill),
        title_span=tables["title_period"].pattern("span", fill),
        five_year_plan=tables["title_period"].pattern("five_year_plan", fill),
        examples=tuple(e for name, table in tables.items() for e in _examples(name, table)),
    )
    for table in tables.values():
        table.check_no_unknown_keys()
    data.check_no_unknown_keys()
    return cues


def _examples(name: str, table: TomlTable) -> tuple[tuple[str, str], ...]:
    """(table, example) of every ``example*`` key: each must match (tests/test_dating.py)."""
    return tuple((name, table.str(k)) for k in sorted(table.data) if k.startswith("example"))


def plan_start_year(number: int) -> Optional[int]:
    """First year of the n-th 五年计划/规划 (十四五 -> 2021).

    >>> plan_start_year(14), plan_start_year(13), plan_start_year(3)
    (2021, 2016, 1966)
    """
    if number < FIRST_REGULAR_PLAN:
        return None
    return FIRST_REGULAR_PLAN_START + 5 * (number - FIRST_REGULAR_PLAN)


def _iso(m: re.Match) -> Optional[str]:
    return iso_date(m["y"], m["m"], m["d"])


def _first_lines(lines: Iterable[str], n: int) -> list[str]:
    out = []
    for line in lines:
        if line.strip():
            out.append(line.strip())
            if len(out) == n:
                break
    return out


def _period(text: str, cues: DateCues) -> Optional[tuple[int, int]]:
    m = cues.title_span.search(text)
    if m:
        return int(m["y"]), int(m["y2"])
    m = cues.five_year_plan.search(text)
    if m:
        start = plan_start_year(10 + cn_to_int(m["n"] or m["n2"]))
        return (start, start + 4) if start else None
    return None


def document_date(meta: DocumentMeta, front_matter: dict, lines: Iterable[str],
                  cues: DateCues) -> DocumentDate:
    """When the document was written and where that was read (see the module docstring)."""
    head = _first_lines(lines, cues.scan_lines)
    titles = [t for t in (meta.title, front_matter.get("title")) if t] + head[:cues.title_lines]
    period = _named_period(meta, titles, cues)
    for source, iso in (("manifest", meta.issue_date), ("front_matter", front_matter.get("issue_date"))):
        if iso:
            return DocumentDate(iso, int(iso[:4]), source, period)
    for line in head:
        m = cues.date_line.search(line)
        if m and _iso(m):
            return DocumentDate(_iso(m), int(_iso(m)[:4]), "date_line", period)
    m = cues.doc_number_year.search(front_matter.get("doc_number") or "")
    if m:
        return DocumentDate(None, year_number(m["y"]), "doc_number", period)
    for line in titles:
        m = cues.title_year.search(line)
        if m:
            return DocumentDate(None, year_number(m["y"]), "title_year", period)
    if period:
        return DocumentDate(None, period[0], "title_period", period)
    return DocumentDate(None, None, "unknown")


def _named_period(meta: DocumentMeta, titles: list[str], cues: DateCues) -> Optional[tuple[int, int]]:
    """The plan period the manifest (``period = "十四五"``) or a title names."""
    if meta.period:
        found = _period(f"“{meta.period}”规划", cues) or _period(f"（{meta.period}）", cues)
        if found:
            return found
    for line in titles:
        found = _period(line, cues)
        if found:
            return found
    return None
