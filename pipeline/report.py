"""Plain-text views of built tables for the terminal (``show`` and ``compare``)."""
from __future__ import annotations

from collections import Counter

import pandas as pd


def outline_text(frames: dict[str, pd.DataFrame]) -> str:
    """The outline of one document as an indented tree with counts per section."""
    doc = frames["documents"].iloc[0]
    sections = frames["sections"].sort_values("seq")
    counts = {name: Counter(frames[name]["section_id"].dropna()) for name in ("paragraphs", "columns", "targets")}
    lines = [f"{doc['doc_id']}: {doc['title'] or '(no title)'}",
             f"{len(sections)} sections, {len(frames['paragraphs'])} paragraphs, "
             f"{len(frames['columns'])} 专栏, {len(frames['targets'])} targets",
             "", "  counts: paragraphs / 专栏 / targets"]
    for row in sections.itertuples():
        label = f"{row.number if isinstance(row.number, str) else ''}{row.title}"
        tally = " / ".join(str(counts[name].get(row.section_id, 0)) for name in ("paragraphs", "columns", "targets"))
        lines.append(f"{'  ' * row.level}{row.section_id:<8} {label}  [{tally}]")
    return "\n".join(lines)


def changes_text(changes: list, doc_a: str, doc_b: str, show_unchanged: bool = False) -> str:
    """A compact table of target changes between two editions."""
    tally = Counter(change.change for change in changes)
    lines = [f"targets {doc_a} → {doc_b}: " + ", ".join(f"{tally.get(k, 0)} {k}"
                                                        for k in ("added", "removed", "changed", "unchanged"))]
    for change in changes:
        if change.change == "unchanged" and not show_unchanged:
            continue
        ratio = f"  ×{change.ratio:.3g}" if change.ratio is not None else ""
        subject = change.subject or "(no subject)"
        if change.subject_new and change.subject_new != change.subject and change.mention_old:
            subject = f"{subject} → {change.subject_new}"       # renamed: matched on indicator_id
        lines.append(f"  {change.change:<9} {subject} [{change.unit or '-'}]: "
                     f"{change.mention_old or '—'} → {change.mention_new or '—'}{ratio}")
    return "\n".join(lines)
