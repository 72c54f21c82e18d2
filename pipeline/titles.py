"""The document's title when the manifest gives none: what the document says it is.

In this order: the manifest's ``title``; the front matter's title (the 标题 field of an HTML
page's metadata box, found by segment); else the first of the document's opening lines
(``dating.DateCues.title_lines``) shaped like an official title: ``…规划`` / ``…意见`` /
``…方案`` (``heading_cues.toml`` ``doc_title``), a notice ``关于印发…的通知``, or a report
naming its year (``2026年安徽省政府工作报告``, ``document_dates.toml`` ``title_year``).
None when nothing qualifies — never a placeholder.
"""
from __future__ import annotations

from typing import Iterable, Optional

from pipeline.dating import DateCues
from pipeline.model import DocumentMeta
from pipeline.segment.heading_cues import Cues


def document_title(meta: DocumentMeta, front_matter: dict, lines: Iterable[str],
                   cues: Cues, dates: DateCues) -> Optional[str]:
    for given in (meta.title, front_matter.get("title")):
        if given and given.strip():
            return given.strip()
    opening = [line.strip() for line in lines if line.strip()][:dates.title_lines]
    for line in opening:
        if cues.doc_title.match(line) or cues.notice_title.search(line) or dates.title_year.search(line):
            return line
    return None
