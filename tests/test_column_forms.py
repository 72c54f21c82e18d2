"""专栏 in every form (#columns): the first document's ten real 专栏 re-rendered in the forms
plans and their mirrors print them give the same Column and ColumnItem rows; hand-made edge
cases with exact expectations; a 专栏 repeating an item number never loses its document.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import segment as seg
from pipeline.build import build
from pipeline.config import LEXICON_DIR
from pipeline.evaluate.expected import ExpectedOutline
from pipeline.evaluate.variants import COLUMN_FORMS, column_copy, column_spans
from tests.test_segment import CUES, first_outline, make_doc

# --------------------------------------------------------------------------- duplicate item numbers

HEAD = ["浙江省就业促进“十四五”规划", "一、总体要求", "（一）发展基础", "“十四五”时期，全省就业形势总体稳定。"]
TAIL = ["（二）主要目标", "到2025年，城镇新增就业500万人以上。"]
RESTARTED_ROWS = ["专栏1 就业优先重点工程", "01 高校毕业生就业促进行动 每年帮扶高校毕业生10万人。",
                  "02 困难人员帮扶行动 每年帮扶困难人员7万人。", "01 技能提升行动 每年培训10万人次。",
                  "02 创业带动行动 每年扶持创业3万人。"]


def html_page(body_lines, column_rows) -> str:
    cells = "".join(f"<tr><td>{row}</td></tr>" for row in column_rows)
    paras = "".join(f"<p>{line}</p>" for line in body_lines)
    tail = "".join(f"<p>{line}</p>" for line in TAIL)
    return (f"<html><body><h1>{HEAD[0]}</h1>{paras}<table border=\"1\">{cells}</table>{tail}</body></html>")


def test_restarted_numbering_in_an_html_column_keeps_the_document_and_warns(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "restart.html").write_text(html_page(HEAD[1:], RESTARTED_ROWS), encoding="utf-8")
    (raw / "plain.txt").write_text("\n".join(HEAD[1:] + TAIL) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    report = build(raw, out, jobs=1)
    assert report.ok                                  # a warning is not a failure
    items = pq.read_table(out / "column_items.parquet").to_pylist()
    got = [(r["doc_id"], r["column_id"], r["item_no"], r["title"]) for r in items]
    assert got == [("restart", "c01", 1, "高校毕业生就业促进行动"), ("restart", "c01", 2, "困难人员帮扶行动"),
                   ("restart", "c01", 3, "技能提升行动"), ("restart", "c01", 4, "创业带动行动")]
    assert pq.read_table(out / "columns.parquet").to_pylist()[0]["n_items"] == 4
    problems = pq.read_table(out / "problems.parquet").to_pylist()
    assert [(p["source_path"], p["doc_id"], p["stage"]) for p in problems] == [("restart.html", "restart", "segment")]
    message = problems[0]["message"]
    assert "restart" in message and "c01" in message and "专栏1" in message and "item 1" in message
    assert "技能提升行动" in message
    docs = pq.read_table(out / "documents.parquet").column("doc_id").to_pylist()
    assert docs == ["plain", "restart"]
    again = build(raw, out, jobs=1)                   # a no-op rebuild keeps the warning
    assert again.noop and pq.read_table(out / "problems.parquet").num_rows == 1
    (raw / "plain.txt").write_text("\n".join(HEAD[1:] + TAIL + ["新增一段。"]) + "\n", encoding="utf-8")
    partial = build(raw, out, jobs=1)                 # the restart part is reused: its warning too
    assert {d.doc_id: d.reused for d in partial.documents} == {"plain": False, "restart": True}
    assert pq.read_table(out / "problems.parquet").to_pylist() == problems


def test_a_repeated_item_line_in_text_is_kept_renumbered_with_a_warning():
    lines = HEAD[1:] + ["专栏1 就业优先重点工程", "01 高校毕业生就业促进行动 每年帮扶高校毕业生10万人。",
                        "02 困难人员帮扶行动 每年帮扶困难人员7万人。", "02 困难人员帮扶行动 每年帮扶困难人员7万人。"] + TAIL
    outline = seg.segment(make_doc(lines, doc_id="dup"), CUES)
    assert [(i.item_no, i.title, i.line) for i in outline.column_items] == [
        (1, "高校毕业生就业促进行动", 5), (2, "困难人员帮扶行动", 6), (3, "困难人员帮扶行动", 7)]
    assert len(outline.warnings) == 1
    assert "c01" in outline.warnings[0] and "item 2" in outline.warnings[0] and "line 7" in outline.warnings[0]


def test_columns_without_repeated_numbers_have_no_warning():
    assert first_outline().warnings == ()


# --------------------------------------------------------------------------- the first document's 专栏 in other forms

def first_key() -> ExpectedOutline:
    outline = first_outline()
    labels = {c.column_id: c.label for c in outline.columns}
    return ExpectedOutline(columns=[(c.label, c.title, c.n_items) for c in outline.columns],
                           items=[(labels[i.column_id], i.item_no, i.title) for i in outline.column_items])


def first_spans():
    return column_spans(list(first_outline().doc.lines), first_key())


def rows(outline):
    labels = {c.column_id: c.label for c in outline.columns}
    return ([(c.label, c.title, c.n_items) for c in outline.columns],
            [(labels[i.column_id], i.item_no, i.title) for i in outline.column_items])


def expected_rows(span, untitled=False):
    _first, _end, label, title, _intro, pairs = span
    return ([(label, "" if untitled else title, len(pairs))],
            [(label, k, head) for k, (head, _body) in enumerate(pairs, start=1)])


def test_all_ten_real_columns_are_found_for_re_rendering():
    spans = first_spans()
    assert [s[2] for s in spans] == [f"专栏{n}" for n in range(3, 13)]
    assert sum(len(s[5]) for s in spans) == 41


# every form: in a numbered frame (一、 / （一） above, the next heading right after the 专栏, no end marker)
@pytest.mark.parametrize("form", sorted(COLUMN_FORMS))
@pytest.mark.parametrize("n", range(10))
def test_each_real_column_in_each_form_gives_the_same_rows(form, n):
    span = first_spans()[n]
    _first, _end, label, title, intro, pairs = span
    lines = HEAD[1:] + COLUMN_FORMS[form](label, title, intro, pairs) + TAIL
    outline = seg.segment(make_doc(lines), CUES)
    assert rows(outline) == expected_rows(span, untitled=form == "untitled")
    assert outline.columns[0].intro == intro
    assert outline.warnings == ()
    assert [s.title for s in outline.sections] == ["总体要求", "发展基础", "主要目标"]


# the whole document (bare headings, not numbered) with every 专栏 re-rendered
WHOLE_DOCUMENT_FORMS = sorted(set(COLUMN_FORMS) - {"plain-lines"})   # see known limits in columns.py


@pytest.mark.parametrize("form", WHOLE_DOCUMENT_FORMS)
def test_the_first_document_with_its_columns_re_rendered(form):
    text = "\n".join(first_outline().doc.lines)
    made, key = column_copy(text, first_key(), form)
    got = rows(seg.segment(make_doc(made.split("\n")), CUES))
    assert got == (key.columns, key.items)


def html_column_page(span, one_cell: bool) -> str:
    _first, _end, label, title, intro, pairs = span
    rendered = COLUMN_FORMS["two-digit-lines"](label, title, intro, pairs)
    if one_cell:
        table = "<table border=\"1\"><tr><td>" + "".join(f"<p>{r}</p>" for r in rendered) + "</td></tr></table>"
    else:
        table = "<table border=\"1\">" + "".join(f"<tr><td>{r}</td></tr>" for r in rendered) + "</table>"
    paras = "".join(f"<p>{line}</p>" for line in HEAD[1:])
    tail = "".join(f"<p>{line}</p>" for line in TAIL)
    return f"<html><body><h1>{HEAD[0]}</h1>{paras}{table}{tail}</body></html>"


@pytest.fixture(scope="module")
def lexicons():
    from pipeline.lexicon_set import load_lexicons
    return load_lexicons(LEXICON_DIR)


@pytest.mark.parametrize("one_cell", [False, True], ids=["row-per-item", "one-cell"])
@pytest.mark.parametrize("n", range(10))
def test_each_real_column_as_an_html_table_gives_the_same_rows(n, one_cell, tmp_path, lexicons):
    from pipeline.evaluate.run import run_stages
    from pipeline.model import DocumentMeta

    span = first_spans()[n]
    path = tmp_path / "page.html"
    path.write_text(html_column_page(span, one_cell), encoding="utf-8")
    outline, _targets = run_stages(path, DocumentMeta(doc_id="page"), lexicons)
    assert rows(outline) == expected_rows(span)


def html_task_table_page(span) -> str:
    """The 专栏 as a multi-column HTML table, the way official pages print a 重大工程 box: a title
    row and an intro row spanning all columns, then one row per item (its number, then its
    bold title and its text split by <br>), the items grouped under a category cell spanning
    their rows."""
    _first, _end, label, title, intro, pairs = span
    out = [f'<tr><td colspan="3"><strong>{label} {title}</strong></td></tr>']
    if intro:
        out.append(f'<tr><td colspan="3">{intro}</td></tr>')
    for k, (head, body) in enumerate(pairs, start=1):
        category = f'<td rowspan="{len(pairs)}">重点项目</td>' if k == 1 else ""
        out.append(f"<tr>{category}<td>{k:02d}</td><td><strong>{head}</strong><br>{body}</td></tr>")
    table = '<table border="1">' + "".join(out) + "</table>"
    paras = "".join(f"<p>{line}</p>" for line in HEAD[1:])
    tail = "".join(f"<p>{line}</p>" for line in TAIL)
    return f"<html><body><h1>{HEAD[0]}</h1>{paras}{table}{tail}</body></html>"


@pytest.mark.parametrize("n", range(10))
def test_each_real_column_as_a_task_table_with_category_cells_gives_the_same_rows(n, tmp_path, lexicons):
    from pipeline.evaluate.run import run_stages
    from pipeline.model import DocumentMeta

    span = first_spans()[n]
    path = tmp_path / "page.html"
    path.write_text(html_task_table_page(span), encoding="utf-8")
    outline, _targets = run_stages(path, DocumentMeta(doc_id="page"), lexicons)
    assert rows(outline) == expected_rows(span)


# --------------------------------------------------------------------------- hand-made edge cases

CASES = [
    # (id, 专栏 lines, [(label, title, n_items)], [(item_no, title)])
    ("bullets-one-line", ["专栏2 数字就业工程 ■零工市场 建设零工市场10个。 ■数字平台 上线就业平台。"],
     [("专栏2", "数字就业工程", 2)], [(1, "零工市场"), (2, "数字平台")]),
    ("stars-own-lines", ["专栏2 数字就业工程", "★零工市场 建设零工市场10个。", "★数字平台 上线就业平台。"],
     [("专栏2", "数字就业工程", 2)], [(1, "零工市场"), (2, "数字平台")]),
    ("middle-dot", ["专栏2 数字就业工程", "·零工市场：建设零工市场10个。", "·数字平台：上线就业平台。"],
     [("专栏2", "数字就业工程", 2)], [(1, "零工市场"), (2, "数字平台")]),
    ("cn-paren-own-lines", ["专栏2 数字就业工程", "（一）零工市场 建设零工市场10个。", "（二）数字平台 上线就业平台。"],
     [("专栏2", "数字就业工程", 2)], [(1, "零工市场"), (2, "数字平台")]),
    ("label-alone-title-below", ["专栏3", "数字就业工程", "01 零工市场 建设零工市场10个。", "02 数字平台 上线就业平台。"],
     [("专栏3", "数字就业工程", 2)], [(1, "零工市场"), (2, "数字平台")]),
    ("no-title", ["专栏3", "01 零工市场 建设零工市场10个。", "02 数字平台 上线就业平台。"],
     [("专栏3", "", 2)], [(1, "零工市场"), (2, "数字平台")]),
    ("ended-by-next-column", ["专栏3 甲工程", "01 零工市场 建设零工市场10个。", "专栏4 乙工程", "01 数字平台 上线就业平台。"],
     [("专栏3", "甲工程", 1), ("专栏4", "乙工程", 1)], [(1, "零工市场"), (1, "数字平台")]),
    ("ended-by-note", ["专栏3 甲工程", "01 零工市场 建设零工市场10个。", "注：以上项目由省人力社保厅牵头。"],
     [("专栏3", "甲工程", 1)], [(1, "零工市场")]),
    ("ended-by-end", ["专栏3 甲工程", "01 零工市场 建设零工市场10个。"], [("专栏3", "甲工程", 1)], [(1, "零工市场")]),
    ("sub-bullets-are-not-items", ["专栏3 甲工程", "01 零工市场 建设零工市场10个。", "●示范市场3个。",
                                   "02 数字平台 上线就业平台。"],
     [("专栏3", "甲工程", 1)], [(1, "零工市场")]),
    ("cn-paren-heading-ends-column", ["专栏3 甲工程", "01 零工市场 建设零工市场10个。"],
     [("专栏3", "甲工程", 1)], [(1, "零工市场")]),
    ("intro-then-items", ["专栏3 甲工程", "围绕稳就业，实施两项行动。", "1.零工市场 建设零工市场10个。",
                          "2.数字平台 上线就业平台。"],
     [("专栏3", "甲工程", 2)], [(1, "零工市场"), (2, "数字平台")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_edge_cases(case):
    _id, body, columns, items = case
    last = ["到2025年，城镇新增就业500万人以上。"] if _id != "ended-by-end" else []
    lines = HEAD[1:] + body + (["（二）主要目标"] + last if last else [])
    outline = seg.segment(make_doc(lines), CUES)
    assert [(c.label, c.title, c.n_items) for c in outline.columns] == columns
    assert [(i.item_no, i.title) for i in outline.column_items] == items
    if last:
        assert outline.sections[-1].title == "主要目标"
