"""The command line: exit codes and one-line messages that name the file."""

import pytest

from pipeline.cli import EXIT_CLOSED_PIPE, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, main

pytestmark = pytest.mark.integration


def test_missing_raw_directory_is_one_line_error(tmp_path, capsys):
    code = main(["build", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_ERROR
    assert err.count("\n") == 1 and "nope" in err and "raw directory not found" in err


def test_build_summary_then_noop(raw, tmp_path, capsys):
    args = ["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--jobs", "1"]
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out
    assert "documents: 1 built" in out and "sections 45" in out and "columns 10" in out
    assert main(args) == EXIT_OK
    assert "nothing changed" in capsys.readouterr().out


def test_bad_files_name_the_file_and_exit_nonzero(raw, tmp_path, capsys):
    (raw / "empty-plan.txt").write_bytes(b"")
    (raw / "scan.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code = main(["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == EXIT_PROBLEMS
    problem_lines = [line for line in captured.err.splitlines() if line.startswith("problem:")]
    assert len(problem_lines) == 2
    assert any("empty-plan.txt" in line and "empty" in line for line in problem_lines)
    assert any("scan.html" in line and "PNG" in line for line in problem_lines)
    assert "documents: 1 built" in captured.out and "problems 2" in captured.out


@pytest.mark.parametrize("out", ["a-file", "a-file/normalized"])
def test_an_output_path_that_is_not_a_directory_is_one_line_error(raw, tmp_path, capsys, out):
    (tmp_path / "a-file").write_text("not a directory\n")
    code = main(["build", "--raw", str(raw), "--out", str(tmp_path / out), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == EXIT_ERROR
    assert err == f"error: {tmp_path / 'a-file'}: is not a directory (the output {tmp_path / out} must be one)\n"
    assert (tmp_path / "a-file").read_text() == "not a directory\n"


def test_ctrl_c_stops_a_parallel_build_with_one_line_and_keeps_the_last_tables(raw, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from pipeline.bench import make_corpus
    from tests.test_build import published

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(raw, corpus, 4)
    command = [sys.executable, "-m", "pipeline", "build", "--raw", str(corpus), "--out", str(out), "--quiet"]
    subprocess.run(command + ["--jobs", "1"], check=True)
    before = published(out)
    make_corpus(raw, corpus, 60, seed=8)                        # a longer build to interrupt
    build = subprocess.Popen(command + ["--jobs", "2"], stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    staged_parts = tmp_path / ".out.staging" / ".parts"
    deadline = time.monotonic() + 60
    while len(list(staged_parts.glob("*.part"))) < 8 and time.monotonic() < deadline:
        time.sleep(0.01)                                        # until documents are being appended
    os.killpg(build.pid, signal.SIGINT)                         # what Ctrl-C sends: the whole group
    err = build.communicate(timeout=60)[1]
    assert build.returncode == EXIT_INTERRUPTED
    assert err == f"interrupted: {out} keeps the tables of the last complete build\n"
    assert published(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out", "raw"]


def test_a_raw_directory_that_cannot_be_read_is_one_line_error_about_reading(raw, tmp_path, capsys):
    (raw / "manifest.toml").unlink(missing_ok=True)
    (raw / "manifest.toml").mkdir()                 # an OSError while reading, not writing
    code = main(["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert code == EXIT_ERROR
    assert capsys.readouterr().err == f"error: {raw / 'manifest.toml'}: cannot read: Is a directory\n"


# --------------------------------------------------------------------------- the analyst's commands


def _run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help_lists_only_commands_that_exist(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "bench" not in out
    for command in ("build", "list", "show", "compare", "query", "export", "review", "docs"):
        assert command in out


def test_build_summary_names_the_documents_built_and_the_time(raw, tmp_path, capsys):
    import re

    code, out, _ = _run(capsys, "build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert code == EXIT_OK
    assert "built: zhejiang-hrss-14th-fyp\n" in out
    assert re.match(rf"planparse [\d.]+: {re.escape(str(tmp_path / 'out'))} in \d+\.\d s\n", out)


def test_list_shows_each_document_with_title_date_and_counts(built, capsys):
    import json

    import pandas as pd

    code, out, _ = _run(capsys, "list", "--out", str(built))
    assert code == EXIT_OK
    assert "zhejiang-hrss-14th-fyp" in out and "浙江省人力资源和社会保障事业发展“十四五”规划" in out
    code, out, _ = _run(capsys, "list", "--out", str(built), "--json")
    rows = json.loads(out)
    targets = pd.read_parquet(built / "targets.parquet")
    assert [(r["doc_id"], r["issue_date"], r["n_targets"]) for r in rows] == [
        ("zhejiang-hrss-14th-fyp", "2021-05-31", len(targets))]


def test_show_counts_each_heading_with_everything_under_it(built, capsys):
    import json

    import pandas as pd

    code, out, _ = _run(capsys, "show", "zhejiang-hrss-14th-fyp", "--out", str(built), "--json")
    assert code == EXIT_OK
    rows = json.loads(out)
    sections = pd.read_parquet(built / "sections.parquet")
    assert [r["section_id"] for r in rows] == list(sections.sort_values("seq")["section_id"])
    targets = pd.read_parquet(built / "targets.parquet")["section_id"].dropna()
    for row in rows:        # section ids are dotted paths: a subtree is a prefix
        sid = row["section_id"]
        assert row["targets"] == sum(1 for t in targets if t == sid or t.startswith(sid + ".")), sid
    chapter = next(r for r in rows if r["section_id"] == "2")
    assert chapter["targets"] > sum(1 for t in targets if t == "2")        # a chapter counts its sub-sections
    code, text, _ = _run(capsys, "show", "zhejiang-hrss-14th-fyp", "--out", str(built))
    assert f"  2        {chapter['title']}  [{chapter['paragraphs']} / {chapter['columns']} / {chapter['targets']}]" in text


def test_show_csv_has_a_header_and_a_row_per_heading(built, capsys):
    import csv
    import io

    code, out, _ = _run(capsys, "show", "zhejiang-hrss-14th-fyp", "--out", str(built), "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 45 and rows[0]["section_id"] == "1" and rows[0]["parent_id"] == ""
    assert list(rows[0]) == ["section_id", "parent_id", "level", "number", "title", "line", "paragraphs",
                             "columns", "targets"]


def test_compare_json_lists_the_changes(built, capsys):
    import json

    import pandas as pd

    doc = "zhejiang-hrss-14th-fyp"
    code, out, _ = _run(capsys, "compare", doc, doc, "--out", str(built), "--json")
    assert code == EXIT_OK and json.loads(out) == []                  # nothing changed, nothing shown
    code, out, _ = _run(capsys, "compare", doc, doc, "--out", str(built), "--all", "--json")
    rows = json.loads(out)
    targets = pd.read_parquet(built / "targets.parquet")
    assert len(rows) == (targets["role"] == "target").sum()
    assert {r["change"] for r in rows} == {"unchanged"} and rows[0]["doc_id_old"] == doc


def test_query_runs_sql_over_the_tables(built, capsys):
    import csv
    import io

    import pandas as pd

    code, out, _ = _run(capsys, "query", "SELECT role, count(*) AS n FROM targets GROUP BY role ORDER BY role",
                        "--out", str(built), "--csv")
    assert code == EXIT_OK
    counts = pd.read_parquet(built / "targets.parquet")["role"].value_counts()
    assert {r["role"]: int(r["n"]) for r in csv.DictReader(io.StringIO(out))} == {
        str(k): int(v) for k, v in counts.items() if v}
    code, out, _ = _run(capsys, "query", 'SELECT count(*) AS n FROM "columns"', "--out", str(built))
    assert out.split() == ["n", "10"]


def test_a_bad_query_is_one_line_error(built, capsys):
    code, out, err = _run(capsys, "query", "SELECT * FROM nowhere", "--out", str(built))
    assert code == EXIT_ERROR and out == ""
    assert err.startswith("error: query: Catalog Error: Table with name nowhere does not exist") and err.count("\n") == 1


def test_export_writes_csv_sqlite_duckdb_and_excel_with_every_row(built, tmp_path, capsys):
    import sqlite3

    import duckdb
    import openpyxl
    import pyarrow.parquet as pq

    from pipeline.schema import load_schemas

    rows = {name: pq.ParquetFile(built / f"{name}.parquet").metadata.num_rows for name in load_schemas()}
    for fmt, dest in (("csv", "csv"), ("sqlite", "t.sqlite"), ("duckdb", "t.duckdb"), ("xlsx", "t.xlsx")):
        assert _run(capsys, "export", fmt, str(tmp_path / dest), "--out", str(built))[0] == EXIT_OK
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{n}.csv" for n in rows)
    with open(tmp_path / "csv" / "targets.csv", encoding="utf-8") as handle:
        assert sum(1 for _ in handle) == rows["targets"] + 1       # header; no field holds a line break
    con = sqlite3.connect(tmp_path / "t.sqlite")
    assert {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchall()[0][0] for n in rows} == rows
    assert con.execute("SELECT issue_date FROM documents").fetchall() == [("2021-05-31",)]
    con.close()
    con = duckdb.connect(str(tmp_path / "t.duckdb"))
    assert {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchall()[0][0] for n in rows} == rows
    assert con.execute("SELECT typeof(issue_date) FROM documents").fetchall() == [("DATE",)]
    con.close()
    book = openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True)
    assert book.sheetnames == list(rows)
    assert {n: book[n].max_row - 1 for n in rows} == rows
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "t.duckdb", "t.sqlite", "t.xlsx"]   # no temp files


def test_export_of_one_table_and_an_unknown_one(built, tmp_path, capsys):
    code, out, _ = _run(capsys, "export", "csv", str(tmp_path / "x"), "--table", "targets", "--out", str(built))
    assert code == EXIT_OK and out == f"wrote {tmp_path / 'x' / 'targets.csv'}\n"
    code, _, err = _run(capsys, "export", "csv", str(tmp_path / "y"), "--table", "target", "--out", str(built))
    assert code == EXIT_ERROR and err.startswith("error: export: no table 'target' (tables: documents, sections")


def test_a_closed_pipe_ends_the_command_quietly(built):
    import subprocess
    import sys

    command = [sys.executable, "-m", "pipeline", "query", "SELECT * FROM terms", "--out", str(built)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()                          # as `| head` does once it has its lines
    err = process.communicate(timeout=60)[1]
    assert err == b""
    assert process.returncode == EXIT_CLOSED_PIPE

def test_indicators_prints_one_row_per_document_and_indicator(built, capsys):
    assert main(["indicators", "--out", str(built), "--id", "new_urban_jobs", "--year", "2025"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:5] == ["doc_id", "indicator_id", "scope", "role", "year"]
    # the first document: 到2025年…城镇新增就业累计500万人以上
    assert [line.split()[:7] for line in lines[1:]] == [
        ["zhejiang-hrss-14th-fyp", "new_urban_jobs", "<NA>", "target", "2025", "500.0", "<NA>"]]
    assert "万人" in lines[1] and "以上" in lines[1]


def test_indicators_refuses_an_unknown_id_with_the_known_ones(built, capsys):
    assert main(["indicators", "--out", str(built), "--id", "gdp"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "no indicator 'gdp'" in err and "gdp_growth" in err


def test_indicators_json_gives_the_same_rows(built, capsys):
    import json

    code, out, _ = _run(capsys, "indicators", "--out", str(built), "--id", "new_urban_jobs", "--year", "2025", "--json")
    assert code == EXIT_OK
    rows = json.loads(out)
    assert [(r["doc_id"], r["indicator_id"], r["scope"], r["role"], r["year"]) for r in rows] == [
        ("zhejiang-hrss-14th-fyp", "new_urban_jobs", None, "target", 2025)]
