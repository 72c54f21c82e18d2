"""One self-contained HTML page per document to check its extraction by eye (``review``).

The page shows the document's normalized text in outline order (each heading, then its
paragraphs), 专栏 boxed with their label and title, table rows as tables, and every figure
of the ``targets`` table highlighted where it is (``paragraphs.text[char_start:char_end]``),
coloured by role, with its value, unit, qualifier, period, role, year, subject and catalogue
indicator on hover
and in the table of figures beside the text; the indicator tables are listed after it.
No network access: styles and the small script are inline.
"""
from __future__ import annotations

import html
import math
from pathlib import Path

import pandas as pd

from pipeline.errors import PipelineError

FIGURE_FIELDS = ("mention", "value", "unit", "qualifier", "period", "period_type", "role", "year", "year_from",
                 "deadline_year", "subject", "indicator_id", "scope")
SIDE_FIELDS = ("mention", "value", "unit", "qualifier", "role", "year", "subject", "indicator_id")  # the rest on hover

STYLE = """
body { font-family: "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 0; color: #222; }
header { padding: 0.8em 1.2em; background: #f3f3f3; border-bottom: 1px solid #ccc; }
header h1 { font-size: 1.3em; margin: 0 0 0.3em; }
.legend span { margin-right: 1em; }
main { display: grid; grid-template-columns: 15em minmax(0, 1fr) 34em; gap: 1em; padding: 1em; }
nav { font-size: 0.85em; position: sticky; top: 0; max-height: 100vh; overflow: auto; }
nav a { display: block; text-decoration: none; color: #124; padding: 1px 0; }
.text { line-height: 1.9; }
.text h2, .text h3, .text h4, .text h5, .text h6 { margin: 1em 0 0.3em; }
.sid { color: #888; font-size: 0.75em; font-weight: normal; margin-right: 0.5em; }
p.para { margin: 0.3em 0; }
p.para .pid { color: #aaa; font-size: 0.7em; margin-right: 0.4em; user-select: none; }
p.kind-front_matter, p.kind-signature, p.kind-furniture, p.kind-page_number { color: #777; font-size: 0.9em; }
p.kind-note { font-size: 0.9em; color: #444; }
section.column { border: 2px solid #6a8; background: #f6fbf7; padding: 0.3em 0.8em; margin: 0.8em 0; }
section.column > h4 { margin: 0.2em 0; color: #375; }
table.rows { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
table.rows td { border: 1px solid #bbb; padding: 1px 6px; }
mark.figure { border-radius: 3px; padding: 0 1px; cursor: help; }
mark.role-target { background: #ffe08a; }
mark.role-actual { background: #a8d8ff; }
mark.role-baseline { background: #d9c3f5; }
mark.figure:target, tr:target { outline: 3px solid #e33; }
aside { font-size: 0.8em; position: sticky; top: 0; max-height: 100vh; overflow: auto; }
aside table { border-collapse: collapse; width: 100%; }
aside th, aside td { border-bottom: 1px solid #ddd; padding: 2px 4px; text-align: left; vertical-align: top; }
aside th { background: #eee; position: sticky; top: 0; }
section.indicators { padding: 1em; }
section.indicators td, section.indicators th { border: 1px solid #bbb; padding: 2px 6px; font-size: 0.85em; }
section.indicators table { border-collapse: collapse; }
"""


def write_review(out_dir: Path, doc_id: str, path: Path) -> Path:
    """Write the review page of ``doc_id`` (built in ``out_dir``) to ``path``."""
    from pipeline.loading import load
    from pipeline.write import write_text

    tables = load(out_dir, ["documents", "sections", "paragraphs", "columns", "indicators", "targets"])
    if doc_id not in set(tables["documents"]["doc_id"]):
        known = ", ".join(sorted(tables["documents"]["doc_id"])) or "none"
        raise PipelineError(f"{Path(out_dir) / 'documents.parquet'}: no document {doc_id!r} (known: {known})")
    frames = {name: frame[frame["doc_id"] == doc_id] for name, frame in tables.items()}
    write_text(review_html(frames), Path(path))
    return Path(path)


def review_html(frames: dict[str, pd.DataFrame]) -> str:
    """The page for one document's rows (``frames``: table name → that document's rows)."""
    doc = frames["documents"].iloc[0]
    targets = frames["targets"].sort_values("target_id")
    title = _text(doc["title"]) or doc["doc_id"]
    counts = {role: int((targets["role"] == role).sum()) for role in ("target", "actual", "baseline")}
    facts = [doc["doc_id"], _text(doc["issue_date"]), f'{len(frames["sections"])} headings',
             f'{len(frames["paragraphs"])} paragraphs', f'{len(frames["columns"])} 专栏',
             f'{len(frames["indicators"])} indicator rows', f"{len(targets)} figures"]
    legend = " ".join(f'<span><mark class="role-{role}">{role}</mark> {n}</span>' for role, n in counts.items())
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8">',
        f"<title>review {_e(doc['doc_id'])}</title>",
        f"<style>{STYLE}</style></head><body>",
        f'<header><h1>{_e(title)}</h1><div>{_e(" · ".join(p for p in facts if p))}</div>',
        f'<div class="legend">{legend}</div></header>',
        "<main>",
        _nav(frames["sections"]),
        f'<div class="text">{_body(frames, targets)}</div>',
        _figure_table(targets),
        "</main>",
        _indicator_tables(frames["indicators"]),
        "</body></html>",
        "",
    ])


# --------------------------------------------------------------------------- the text


def _nav(sections: pd.DataFrame) -> str:
    links = [f'<a href="#s-{_e(s.section_id)}" style="padding-left:{(int(s.level) - 1) * 0.8}em">'
             f'{_e(s.section_id)} {_e(_heading_label(s))}</a>' for s in sections.sort_values("seq").itertuples()]
    return '<nav aria-label="outline">' + "".join(links) + "</nav>"


def _heading_label(section) -> str:
    return f"{_text(section.number)}{_text(section.title)}"


def _body(frames: dict[str, pd.DataFrame], targets: pd.DataFrame) -> str:
    """Headings in order, each followed by its own paragraphs (those before the first heading first)."""
    paragraphs = frames["paragraphs"].sort_values("seq")
    by_section = {key: group for key, group in paragraphs.groupby(paragraphs["section_id"].fillna(""), sort=False)}
    figures = {key: group for key, group in targets.groupby("para_id", sort=False)}
    columns = {c.column_id: c for c in frames["columns"].itertuples()}
    parts = [_paragraph_run(by_section.get(""), figures, columns)]
    for section in frames["sections"].sort_values("seq").itertuples():
        level = min(int(section.level) + 1, 6)
        parts.append(f'<h{level} id="s-{_e(section.section_id)}" class="heading" data-section-id="{_e(section.section_id)}">'
                     f'<span class="sid">{_e(section.section_id)}</span>{_e(_heading_label(section))}</h{level}>')
        parts.append(_paragraph_run(by_section.get(section.section_id), figures, columns))
    return "\n".join(p for p in parts if p)


def _paragraph_run(paragraphs: pd.DataFrame | None, figures: dict, columns: dict) -> str:
    """The paragraphs of one heading: consecutive rows of one 专栏 boxed, consecutive table rows as a table."""
    if paragraphs is None:
        return ""
    out, open_column, open_table = [], None, False
    for para in paragraphs.itertuples():
        column_id = _text(para.column_id) or None
        if column_id != open_column:
            if open_table:
                out.append("</table>")
                open_table = False
            if open_column:
                out.append("</section>")
            if column_id:
                column = columns.get(column_id)
                heading = f"{_text(column.label)} {_text(column.title)}" if column is not None else column_id
                out.append(f'<section class="column" data-column-id="{_e(column_id)}"><h4>{_e(heading)}</h4>')
            open_column = column_id
        if para.kind == "table":
            if not open_table:
                out.append('<table class="rows">')
                open_table = True
            cells = "".join(f"<td>{_e(cell)}</td>" for cell in para.text.split("\t"))
            out.append(f'<tr class="para kind-table" id="{_e(para.para_id)}" data-para-id="{_e(para.para_id)}">{cells}</tr>')
            continue
        if open_table:
            out.append("</table>")
            open_table = False
        out.append(_paragraph(para, figures.get(para.para_id)))
    if open_table:
        out.append("</table>")
    if open_column:
        out.append("</section>")
    return "\n".join(out)


def _paragraph(para, figures: pd.DataFrame | None) -> str:
    return (f'<p class="para kind-{_e(para.kind)}" id="{_e(para.para_id)}" data-para-id="{_e(para.para_id)}" '
            f'data-line="{int(para.line)}"><span class="pid">{_e(para.para_id)}</span>'
            f'<span class="ptext">{highlighted(para.text, figures)}</span></p>')


def highlighted(text: str, figures: pd.DataFrame | None) -> str:
    """``text`` escaped, each figure's span in a ``<mark>`` with its fields (a figure that
    overlaps the one before it is left unmarked; the table beside the text says so)."""
    if figures is None or figures.empty:
        return _e(text)
    out, position = [], 0
    for figure in figures.sort_values(["char_start", "char_end"]).itertuples():
        start, end = int(figure.char_start), int(figure.char_end)
        if start < position:
            continue
        out.append(_e(text[position:start]))
        out.append(f'<mark class="figure role-{_e(figure.role)}" id="{_e(figure.target_id)}" '
                   f'data-target-id="{_e(figure.target_id)}" data-char-start="{start}" data-char-end="{end}" '
                   f'title="{_e(_hover(figure))}">{_e(text[start:end])}</mark>')
        position = end
    out.append(_e(text[position:]))
    return "".join(out)


def _hover(figure) -> str:
    return "\n".join(f"{name}: {_shown(getattr(figure, name))}" for name in FIGURE_FIELDS[1:]
                     if _shown(getattr(figure, name)) != "")


# --------------------------------------------------------------------------- beside and after the text


def _figure_table(targets: pd.DataFrame) -> str:
    header = "".join(f"<th>{name}</th>" for name in ("id",) + SIDE_FIELDS)
    rows = []
    for figure in targets.itertuples():
        cells = "".join(f"<td>{_e(_shown(getattr(figure, name)))}</td>" for name in SIDE_FIELDS)
        rows.append(f'<tr id="row-{_e(figure.target_id)}" data-target-id="{_e(figure.target_id)}" '
                    f'title="{_e(_hover(figure))}">'
                    f'<td><a href="#{_e(figure.target_id)}">{_e(figure.target_id)}</a></td>{cells}</tr>')
    return (f'<aside aria-label="figures"><table class="figures"><thead><tr>{header}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></aside>')


def _indicator_tables(indicators: pd.DataFrame) -> str:
    if indicators.empty:
        return ""
    out = ['<section class="indicators"><h2>Indicator tables</h2>']
    for table_no, rows in indicators.sort_values("seq").groupby("table_no", sort=True):
        width = max(len(v) for v in rows["values"])
        headers = next((list(h) for h in rows["headers"] if len(h)), [""] * width)
        head = "".join(f"<th>{_e(h)}</th>" for h in ["id", "§", "category", "name", "unit", *headers, "attribute"])
        out.append(f'<h3>Table {int(table_no)}</h3><table class="indicator-table"><tr>{head}</tr>')
        for row in rows.itertuples():
            values = list(row.values) + [""] * (width - len(row.values))
            cells = [row.indicator_id, _text(row.section_id), _text(row.category), row.name, _text(row.unit),
                     *values, _text(row.attribute)]
            out.append(f'<tr data-indicator-id="{_e(row.indicator_id)}">'
                       + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
        out.append("</table>")
    out.append("</section>")
    return "\n".join(out)


def _text(value) -> str:
    """A cell as page text: nulls empty, dates ISO."""
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _shown(value) -> str:
    text = _text(value)
    if isinstance(value, float) and not math.isnan(value) and value.is_integer():
        return str(int(value))
    return text


def _e(value) -> str:
    return html.escape(str(value), quote=True)
