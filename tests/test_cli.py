"""The command line: exit codes and one-line messages that name the file."""

import pytest

from pipeline.cli import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, main

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
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "corpus", "out", "raw"]


def test_a_raw_directory_that_cannot_be_read_is_one_line_error_about_reading(raw, tmp_path, capsys):
    (raw / "manifest.toml").unlink(missing_ok=True)
    (raw / "manifest.toml").mkdir()                 # an OSError while reading, not writing
    code = main(["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert code == EXIT_ERROR
    assert capsys.readouterr().err == f"error: {raw / 'manifest.toml'}: cannot read: Is a directory\n"


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
