"""Views of built tables for the terminal (``show``, ``compare``, ``list``), each a DataFrame
(what ``--json``/``--csv`` print) and its text rendering."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, fields

import pandas as pd

COUNTED = ("paragraphs", "columns", "targets")
DOCUMENT_LIST_COLUMNS = ["doc_id", "title", "issue_date", "n_sections", "n_paragraphs", "n_columns", "n_indicators",
                         "n_targets"]


def subtree_counts(sections: pd.DataFrame, rows: pd.DataFrame) -> dict[str, int]:
    """Rows per section_id of one document, each row counted in its section and in every
    ancestor (a chapter's count includes its sub-sections); rows before the first heading
    (null section_id) count nowhere."""
    parent = dict(zip(sections["section_id"], sections["parent_id"]))
    counts = dict.fromkeys(sections["section_id"], 0)
    for section_id, n in Counter(rows["section_id"].dropna()).items():
        while isinstance(section_id, str) and section_id in counts:
            counts[section_id] += n
            section_id = parent.get(section_id)
    return counts


def outline_frame(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per heading of one document, in document order, with the paragraphs, 专栏 and
    targets of its subtree."""
    sections = frames["sections"].sort_values("seq")
    outline = sections[["section_id", "parent_id", "level", "number", "title", "line"]].reset_index(drop=True)
    for name in COUNTED:
        counts = subtree_counts(sections, frames[name])
        outline[name] = [counts[s] for s in outline["section_id"]]
    return outline


def outline_text(frames: dict[str, pd.DataFrame]) -> str:
    """The outline of one document as an indented tree with counts per heading (subtree)."""
    doc = frames["documents"].iloc[0]
    outline = outline_frame(frames)
    title = doc["title"] if isinstance(doc["title"], str) else "(no title)"
    lines = [f"{doc['doc_id']}: {title}",
             f"{len(outline)} sections, {len(frames['paragraphs'])} paragraphs, "
             f"{len(frames['columns'])} 专栏, {len(frames['targets'])} targets",
             "", "  counts (heading and everything under it): paragraphs / 专栏 / targets"]
    for row in outline.itertuples():
        label = f"{row.number if isinstance(row.number, str) else ''}{row.title}"
        tally = " / ".join(str(getattr(row, name)) for name in COUNTED)
        lines.append(f"{'  ' * int(row.level)}{row.section_id:<8} {label}  [{tally}]")
    return "\n".join(lines)


def documents_frame(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents of a build (``list``): id, title, date and counts, by doc_id."""
    return documents[DOCUMENT_LIST_COLUMNS].sort_values("doc_id").reset_index(drop=True)


def changes_frame(changes: list) -> pd.DataFrame:
    from pipeline.compare import TargetChange

    columns = [f.name for f in fields(TargetChange)]
    return pd.DataFrame([asdict(change) for change in changes], columns=columns)


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
