"""The document's title when the manifest gives none: what the document says it is.

In this order: the manifest's ``title``; the front matter's title (the 标题 field of an HTML
page's metadata box, found by segment); else the first of the document's opening lines
(``dating.DateCues.title_lines``) shaped like an official title: ``…规划`` / ``…意见`` /
``…方案`` (``heading_cues.toml`` ``doc_title``), a notice ``关于印发…的通知``, or a report
naming its year (``2026年安徽省政府工作报告``, ``document_dates.toml`` ``title_year``);
else the first heading-like opening line (short, no sentence punctuation, not a date, not page
furniture, its number dropped: an excerpt that opens "一、发展基础" is titled 发展基础). None
when nothing qualifies — never a placeholder.
"""
from __future__ import annotations

from typing import Iterable, Optional

from pipeline.chars import HAN
from pipeline.dating import DateCues
from pipeline.model import DocumentMeta
from pipeline.segment.heading_cues import Cues
from pipeline.segment.numbering import _heading_shape, _match_number


def document_title(meta: DocumentMeta, front_matter: dict, lines: Iterable[str],
                   cues: Cues, dates: DateCues) -> Optional[str]:
    for given in (meta.title, front_matter.get("title")):
        if given and given.strip():
            return given.strip()
    opening = [line.strip() for line in lines if line.strip()][:dates.title_lines]
    for line in opening:
        if cues.doc_title.match(line) or cues.notice_title.search(line) or dates.title_year.search(line):
            return line
    return next((t for t in (_heading_like(line, cues) for line in opening) if t), None)


def _heading_like(line: str, cues: Cues) -> Optional[str]:
    if cues.date.match(line) or cues.furniture.match(line) or cues.page_number.match(line):
        return None
    found = _match_number(line, cues)
    text = line[found[1]:].strip() if found else line
    title = _heading_shape(text, cues, cues.max_numbered_title)
    return title if title and len(HAN.findall(title)) >= cues.bare_min_han else None
