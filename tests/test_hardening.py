"""Issue 18: what a hostile or careless raw/ and an unlucky kill must not break.

Each test reproduced its failure before the fix it checks.
"""
import fcntl
import shutil
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli import EXIT_TERMINATED

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- 1. killed builds

def session_processes(session_id: int) -> list[int]:
    """The pids of the live (not zombie) processes of session ``session_id``."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()     # after "pid (comm) "
        state, session = fields[0], int(fields[3])
        if session == session_id and state != "Z":
            pids.append(int(stat.parent.name))
    return pids


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def lock_is_free(lock_path: Path) -> bool:
    with open(lock_path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


@pytest.fixture()
def parallel_build(raw, tmp_path):
    """Start a ``--jobs 2`` build of 30 documents in its own session; yields (process, out)."""
    from pipeline.bench import make_corpus

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(raw, corpus, 30)
    command = [sys.executable, "-m", "pipeline", "build", "--raw", str(corpus), "--out", str(out),
               "--quiet", "--jobs", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=ROOT)
    try:
        yield process, out
    finally:
        for pid in session_processes(process.pid):     # what the test started and a bug left behind
            os.kill(pid, signal.SIGKILL)
        process.wait(timeout=30)


@pytest.mark.integration
@pytest.mark.parametrize("moment", ["warm-up", "workers", "appending"])
@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_build_leaves_no_process_and_no_lock(parallel_build, tmp_path, kill, moment):
    process, out = parallel_build
    staged_parts = tmp_path / ".out.staging" / ".parts"
    ready = {"warm-up": lambda: (tmp_path / ".out.lock").exists(),
             "workers": lambda: len(session_processes(process.pid)) >= 3,
             "appending": lambda: len(list(staged_parts.glob("*.part"))) >= 4}[moment]
    assert wait_until(ready, 120)
    os.kill(process.pid, kill)                       # the main process only, as `kill PID` does
    process.wait(timeout=120)
    assert wait_until(lambda: not session_processes(process.pid), 10), session_processes(process.pid)
    assert lock_is_free(tmp_path / ".out.lock")
    err = process.communicate(timeout=10)[1]      # EOF once no process holds the pipe
    if kill == signal.SIGTERM:
        assert process.returncode == EXIT_TERMINATED
        assert err == f"terminated: no tables were written to {out}\n"
    else:
        assert process.returncode == -signal.SIGKILL


@pytest.mark.integration
def test_a_build_waiting_for_the_lock_says_so_once_with_the_holders_pid(raw, tmp_path):
    from pipeline.write import directory_lock

    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out), "--quiet",
               "--jobs", "1"]
    with directory_lock(out):
        assert (tmp_path / ".out.lock").read_text() == f"{os.getpid()}\n"
        waiting = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        first = waiting.stderr.readline()
        time.sleep(1.5)                                # it goes on waiting: the line comes once
    err = first + waiting.communicate(timeout=120)[1]
    assert waiting.returncode == 0
    assert err == f"waiting for {tmp_path / '.out.lock'}: held by the build with pid {os.getpid()}\n"
    assert not (tmp_path / ".out.lock").exists()                # removed by its holder


# --------------------------------------------------------------------------- 2.–5. what raw/ holds

PLAN = "“十四五”期间，全省累计实现城镇新增就业500万人以上，城镇调查失业率控制在5.5%左右。\n"


def built_tables(out):
    import pandas as pd

    return pd.read_parquet(out / "problems.parquet"), pd.read_parquet(out / "documents.parquet")


def test_a_symlink_leaving_raw_is_a_problem_and_source_paths_are_relative_to_raw(raw, tmp_path):
    from pipeline.build import build
    from tests.conftest import FIRST_DOC, FIRST_DOC_ID

    secret = tmp_path / "secret.txt"
    secret.write_text("机密：" + PLAN, encoding="utf-8")
    (raw / "passwd.txt").symlink_to(secret)
    (raw / "inside.txt").symlink_to(FIRST_DOC.name)              # a link within raw/ is read
    out = tmp_path / "out"
    report = build(raw, out, jobs=1)
    problems, documents = built_tables(out)
    assert not report.ok
    assert problems[["source_path", "doc_id", "stage"]].values.tolist() == [["passwd.txt", "passwd", "ingest"]]
    assert problems["message"].iloc[0] == (f"passwd.txt: is a symbolic link to {secret}, outside the raw directory "
                                           "(copy the file into the raw directory instead)")
    assert documents[["doc_id", "source_path"]].values.tolist() == [["inside", "inside.txt"],
                                                                    [FIRST_DOC_ID, FIRST_DOC.name]]
    assert not any("机密" in path.read_text(encoding="utf-8") for path in (out / "text").iterdir())


NOT_PLANS = {"LICENSE": "MIT License\n", "SHA256SUMS": "0" * 64 + "  plan.txt\n",
             "data.csv": "指标,数值\n就业,500\n", "manifest.toml.bak": '[[documents]]\nfile = "x.txt"\n'}


def test_only_known_formats_are_read_and_the_summary_lists_the_rest(raw, tmp_path, capsys):
    from pipeline.cli import main
    from pipeline.ingest import KNOWN_FORMATS
    from tests.conftest import FIRST_DOC_ID

    for name, text in NOT_PLANS.items():
        (raw / name).write_text(text, encoding="utf-8")
    (raw / "older").mkdir()
    (raw / "older" / "plan.txt").write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--raw", str(raw), "--out", str(out), "--jobs", "1"]) == 0
    problems, documents = built_tables(out)
    assert documents["doc_id"].tolist() == [FIRST_DOC_ID] and problems.empty
    summary = [line for line in capsys.readouterr().out.splitlines() if line.startswith("not read:")]
    known = " ".join(sorted(KNOWN_FORMATS))
    assert summary == [
        f"not read: LICENSE, SHA256SUMS, data.csv, manifest.toml.bak (not a document format; read: {known})",
        "not read: older/ (a directory: documents are read from the raw directory itself, not its subdirectories)",
    ]
    assert main(["build", "--raw", str(raw), "--out", str(out), "--jobs", "1"]) == 0     # a no-op says so too
    noop = capsys.readouterr().out.splitlines()
    assert noop[1] == "nothing changed; outputs are up to date" and noop[-2:] == summary


@pytest.mark.parametrize("where", [".", "normalized", "normalized/deeper"])
def test_an_output_directory_inside_the_raw_directory_is_refused_with_one_line(raw, tmp_path, capsys, where):
    from pipeline.cli import EXIT_ERROR, main
    from tests.conftest import tree_digest

    before = tree_digest(raw)
    out = raw / where
    assert main(["build", "--raw", str(raw), "--out", str(out), "--jobs", "1"]) == EXIT_ERROR
    assert capsys.readouterr().err == (f"error: {out}: the output directory is inside the raw directory {raw} "
                                       "(the next build would read its files as documents; choose another --out)\n")
    assert tree_digest(raw) == before and sorted(p.name for p in tmp_path.iterdir()) == ["raw"]


def test_an_output_directory_holding_the_raw_directory_is_refused_with_one_line(raw, tmp_path, capsys):
    from pipeline.cli import EXIT_ERROR, main
    from tests.conftest import tree_digest

    before = tree_digest(raw)
    assert main(["build", "--raw", str(raw), "--out", str(tmp_path), "--jobs", "1"]) == EXIT_ERROR
    assert capsys.readouterr().err == (f"error: {tmp_path}: the output directory holds the raw directory {raw} "
                                       "(every build replaces the output directory; choose another --out)\n")
    assert tree_digest(raw) == before and sorted(p.name for p in tmp_path.iterdir()) == ["raw"]


def test_file_names_that_are_not_utf8_or_hold_a_line_break_are_problems_printed_escaped(raw, tmp_path, capsys):
    from pipeline.cli import EXIT_PROBLEMS, main
    from tests.conftest import FIRST_DOC_ID

    (raw / os.fsdecode(b"plan-\xb9\xe6\xbb\xae\xb5.txt")).write_text(PLAN, encoding="utf-8")  # GBK bytes, not UTF-8
    (raw / "two\nlines.txt").write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--raw", str(raw), "--out", str(out), "--jobs", "1", "--quiet"]) == EXIT_PROBLEMS
    problems, documents = built_tables(out)
    assert documents["doc_id"].tolist() == [FIRST_DOC_ID]
    assert problems["source_path"].tolist() == ["plan-\\xb9滮\\xb5.txt", "two\\nlines.txt"]
    assert problems["doc_id"].isna().all() and set(problems["stage"]) == {"ingest"}
    assert capsys.readouterr().err.splitlines() == [
        "problem: [ingest] plan-\\xb9滮\\xb5.txt: the file name is not valid UTF-8 (rename the file)",
        "problem: [ingest] two\\nlines.txt: the file name holds a line break or another control character "
        "(rename the file)",
    ]


# --------------------------------------------------------------------------- 8. the bytes fingerprinted

def test_a_file_rewritten_while_the_build_reads_it_is_never_published_as_unchanged(raw, tmp_path, monkeypatch):
    import hashlib

    import pipeline.build as build_module
    from pipeline.build import build

    plan = raw / "other-plan.txt"
    complete = (PLAN * 40).encode("utf-8")
    plan.write_bytes(complete)
    planned = build_module.plan_jobs

    def rewritten_after_planning(raw_dir):
        jobs = planned(raw_dir)
        plan.write_bytes(PLAN.encode("utf-8") * 3)  # an editor rewriting the file in place, half way
        return jobs

    monkeypatch.setattr(build_module, "plan_jobs", rewritten_after_planning)
    out = tmp_path / "out"
    report = build(raw, out, jobs=1)
    problems, documents = built_tables(out)
    assert not report.ok and "other-plan" not in documents["doc_id"].tolist()
    assert problems["message"].tolist() == [f"{plan}: changed while the build read it (build again when it is "
                                            "complete)"]
    monkeypatch.setattr(build_module, "plan_jobs", planned)
    plan.write_bytes(complete)                      # the editor is done
    report = build(raw, out, jobs=1)
    problems, documents = built_tables(out)
    assert report.ok and problems.empty
    row = documents[documents["doc_id"] == "other-plan"].iloc[0]
    assert row["source_sha256"] == hashlib.sha256(complete).hexdigest() and row["n_lines"] == 40


# --------------------------------------------------------------------------- 9. an output directory that is a mount point

def mount_point(monkeypatch, out: Path) -> None:
    """Make ``out`` behave as a mount point: renames and links across it fail with EXDEV, and
    the directory itself cannot be renamed (EBUSY)."""
    import errno

    from pipeline import write

    def inside(path) -> bool:
        return Path(os.path.abspath(path)).is_relative_to(out)

    def guarded(real):
        def call(src, dst, *args, **kwargs):
            if Path(os.path.abspath(src)) == out or Path(os.path.abspath(dst)) == out:
                raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(src))
            if inside(src) != inside(dst):
                raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(src), None, str(dst))
            return real(src, dst, *args, **kwargs)
        return call

    for name in ("rename", "replace", "link"):
        monkeypatch.setattr(os, name, guarded(getattr(os, name)))
    monkeypatch.setattr(write, "_exchange", guarded(lambda a, b: False))
    real_is_mount_point = getattr(write, "is_mount_point", None)
    if real_is_mount_point is not None:
        monkeypatch.setattr(write, "is_mount_point", lambda path: Path(path) == out or real_is_mount_point(path))


def test_an_output_directory_that_is_a_mount_point_is_built_and_rebuilt(raw, tmp_path, monkeypatch):
    from pipeline.build import build

    out = tmp_path / "out"
    out.mkdir()                                     # a Docker volume: there before the first build
    mount_point(monkeypatch, out)
    assert build(raw, out, jobs=1).ok
    (raw / "other-plan.txt").write_text(PLAN, encoding="utf-8")
    report = build(raw, out, jobs=1)
    assert report.ok and [(d.doc_id, d.reused) for d in report.documents] == [
        ("other-plan", False), ("zhejiang-hrss-14th-fyp", True)]
    assert not any(p.name.startswith(".out.") for p in tmp_path.iterdir() if p.name != ".out.lock")
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".parts"]
    assert sorted(p.name for p in (out / "text").iterdir()) == ["other-plan.txt", "zhejiang-hrss-14th-fyp.txt"]


def test_replacing_a_mount_points_entries_killed_at_any_step_leaves_the_old_or_the_new(tmp_path, monkeypatch):
    from pipeline import write

    def make(path, text):
        (path / ".parts").mkdir(parents=True)
        (path / ".parts" / "a.part").write_text(text)
        for name in ("a.parquet", "b.parquet", "_build.json"):
            (path / name).write_text(text)

    def contents(path):
        return {str(p.relative_to(path)): p.read_text() for p in sorted(path.rglob("*")) if p.is_file()}

    out = tmp_path / "out"
    out.mkdir()
    mount_point(monkeypatch, out)
    make(out, "old")
    old = contents(out)
    outcomes, step = set(), 0
    while "new" not in outcomes:
        staged = write.staging_path(out)
        shutil.rmtree(staged, ignore_errors=True)
        make(staged, "new")
        calls = iter(range(step))
        real_rename = os.rename

        def killed_at_step(src, dst):
            if next(calls, None) is None:
                raise KeyboardInterrupt("killed")
            real_rename(src, dst)

        monkeypatch.setattr(os, "rename", killed_at_step)
        try:
            write.replace_directory(staged, out, last=("_build.json",))
        except KeyboardInterrupt:
            pass
        monkeypatch.setattr(os, "rename", real_rename)
        write.recover_directory(out)                # what the next build does first
        now = contents(out)
        assert now in (old, {name: "new" for name in old}), f"a mix after a kill at step {step}: {now}"
        outcomes.add(now[".parts/a.part"])
        step += 1
    assert step > 3 and sorted(p.name for p in out.iterdir()) == [".parts", "_build.json", "a.parquet", "b.parquet"]


# --------------------------------------------------------------------------- 7. linear patterns

# Runs that a pattern over document text could read again from every position (a digit run
# before a unit that never comes, a numeral before 分之 …), one family each.
ADVERSARIAL_UNITS = ["1", "１", "一", "二十一", "a", "1:", "1-", " 1", "“", "2025年", "一、", "专栏1", "\t"]
LINE_CHARS = 1_000_000
PROBE = """
import sys
from pipeline.build.stages import document_tables
from pipeline.config import LEXICON_DIR
from pipeline.lexicon_set import load_lexicons
from pipeline.model import DocumentMeta, RawDocument

unit = sys.argv[1]
line = (unit * (LINE_CHARS // len(unit) + 1))[:LINE_CHARS]
raw = RawDocument(DocumentMeta(doc_id="adversarial"), "adversarial.txt", "", "utf-8", "text", ("一、总体要求", line))
tables = document_tables(raw, load_lexicons(LEXICON_DIR))
print(len(tables.text))
""".replace("LINE_CHARS", str(LINE_CHARS))


@pytest.mark.integration
@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS)
def test_a_million_character_line_of_any_pattern_family_goes_through_every_stage(unit):
    done = subprocess.run([sys.executable, "-c", PROBE, unit], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) == len("一、总体要求\n") + LINE_CHARS + 1        # the whole line, normalized


# --------------------------------------------------------------------------- 6. deep HTML nesting

DEEP_PAGES = {   # name -> (page, blocks expected)
    "400 nested tables": ("<html><body>" + "<table><tr><td>一、总体要求" * 400 + "城镇新增就业500万人"
                          + "</td></tr></table>" * 400 + "</body></html>",
                          ["一、总体要求"] * 399 + ["一、总体要求城镇新增就业500万人"]),
    "10,000 nested tables": ("<html><body>" + "<table><tr><td>发展" * 10_000 + "</body></html>",
                             ["发展"] * 10_000),
    "20,000 nested divs": ("<html><body>" + "<div>" * 20_000 + "<p>城镇新增就业500万人</p>" + "</div>" * 20_000
                           + "</body></html>", ["城镇新增就业500万人"]),
    "10,000 nested divs with text": ("<html><body>" + "<div>\n\t发展" * 10_000 + "</body></html>", ["发展"] * 10_000),
    "10,000 unclosed cells": ("<html><body><table><tr>" + "<td>就业<td>500万人" * 5_000 + "</body></html>",
                              ["\t".join(["就业", "500万人"] * 5_000)]),
    "10,000 nested spans": ("<html><body><p>" + "<span>发展" * 10_000 + "</p></body></html>", ["发展" * 10_000]),
    "a title 10,000 elements deep in a title box": (
        "<html><body><div class='header'>" + "<div>" * 10_000 + "<h1>浙江省就业促进“十四五”规划</h1><span>首页</span>"
        + "</div>" * 10_000 + "</div><div class='content'>" + "<p>城镇新增就业500万人以上。" * 3 + "</div></body></html>",
        ["浙江省就业促进“十四五”规划"] + ["城镇新增就业500万人以上。"] * 3),
}
HTML_PROBE = """
import json, sys
from pathlib import Path
from pipeline.config import LEXICON_DIR
from pipeline.ingest import load_chrome_rules, read_document
from pipeline.model import DocumentMeta

doc = read_document(Path(sys.argv[1]), DocumentMeta(doc_id="deep"), load_chrome_rules(LEXICON_DIR))
print(json.dumps(doc.lines, ensure_ascii=False))
"""


@pytest.mark.integration
@pytest.mark.parametrize("case", list(DEEP_PAGES))
def test_deeply_nested_html_is_read_in_time_bounded_by_its_size(tmp_path, case):
    import json

    page, expected = DEEP_PAGES[case]
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", HTML_PROBE, str(tmp_path / "deep.html")], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == expected


def test_a_page_of_400_nested_tables_does_not_stop_the_other_documents(raw, tmp_path):
    from pipeline.build import build
    from tests.conftest import FIRST_DOC_ID

    (raw / "deep.html").write_text(DEEP_PAGES["400 nested tables"][0], encoding="utf-8")
    report = build(raw, tmp_path / "out", jobs=1)
    problems, documents = built_tables(tmp_path / "out")
    assert report.ok and problems.empty
    assert documents["doc_id"].tolist() == ["deep", FIRST_DOC_ID]


# --------------------------------------------------------------------------- 10. small ones

def test_every_output_file_gets_the_mode_of_the_umask(raw, tmp_path):
    from pipeline.build import build

    previous = os.umask(0o027)
    try:
        assert build(raw, tmp_path / "out", jobs=1).ok
    finally:
        os.umask(previous)
    modes = {str(p.relative_to(tmp_path / "out")): oct(p.stat().st_mode & 0o777)
             for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert set(modes.values()) == {"0o640"}, modes
    assert {name.split("/")[0] for name in modes} >= {".parts", "text", "_build.json", "documents.parquet"}


def test_a_byte_order_mark_inside_the_text_is_dropped(raw, tmp_path):
    import pandas as pd

    from pipeline.build import build

    (raw / "joined.txt").write_bytes("一、总体要求\n".encode("utf-8-sig") + "\ufeff（一）发展基础\n".encode() + PLAN.encode())
    assert build(raw, tmp_path / "out", jobs=1).ok
    sections = pd.read_parquet(tmp_path / "out" / "sections.parquet")
    assert sections[sections["doc_id"] == "joined"]["title"].tolist() == ["总体要求", "发展基础"]
    assert "\ufeff" not in (tmp_path / "out" / "text" / "joined.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", ["-1", "0", "two"])
def test_jobs_below_one_is_a_usage_error(raw, tmp_path, capsys, jobs):
    from pipeline.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--jobs", jobs])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"python -m pipeline build: error: argument --jobs: {jobs!r} is not a number of processes (1 or more)")
    assert not (tmp_path / "out").exists()


def test_a_bad_manifest_entry_is_a_problem_of_its_document_only(raw, tmp_path):
    from pipeline.build import build
    from tests.conftest import FIRST_DOC_ID

    (raw / "other-plan.txt").write_text(PLAN, encoding="utf-8")
    with open(raw / "manifest.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[[documents]]\nfile = "other-plan.txt"\ndoc_id = "other-plan"\nissue_date = "yesterday"\n')
    report = build(raw, tmp_path / "out", jobs=1)
    problems, documents = built_tables(tmp_path / "out")
    assert not report.ok
    assert problems[["source_path", "stage"]].values.tolist() == [["other-plan.txt", "manifest"]]
    assert problems["message"].iloc[0].endswith("(other-plan.txt): issue_date 'yesterday' is not a date "
                                                "(write it as 2021-05-31)")
    assert documents["doc_id"].tolist() == [FIRST_DOC_ID] and documents["title"].notna().all()


def test_a_manifest_entry_for_a_file_that_is_not_read_is_a_problem(raw, tmp_path):
    from pipeline.build import build
    from pipeline.ingest import KNOWN_FORMATS

    (raw / "plan.csv").write_text("指标,数值\n", encoding="utf-8")
    with open(raw / "manifest.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[[documents]]\nfile = "plan.csv"\ndoc_id = "plan"\n')
    report = build(raw, tmp_path / "out", jobs=1)
    problems, _ = built_tables(tmp_path / "out")
    assert not report.ok
    assert problems["message"].tolist() == [
        "manifest.toml: entry for doc_id 'plan' names file 'plan.csv', which is not a document format the "
        f"pipeline reads (read: {' '.join(sorted(KNOWN_FORMATS))})"]


def test_a_document_that_exhausts_the_interpreter_is_a_problem_and_the_rest_is_built(raw, tmp_path, monkeypatch):
    import importlib

    from pipeline.build import build
    from tests.conftest import FIRST_DOC_ID

    workers = importlib.import_module("pipeline.build.workers")    # the package's ``workers`` is a function
    (raw / "deep.txt").write_text(PLAN, encoding="utf-8")
    real = workers.process_document

    def exhausted(path, *args, **kwargs):
        if path.name == "deep.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(workers, "process_document", exhausted)
    report = build(raw, tmp_path / "out", jobs=1)
    problems, documents = built_tables(tmp_path / "out")
    assert not report.ok and documents["doc_id"].tolist() == [FIRST_DOC_ID]
    assert problems[["source_path", "stage", "message"]].values.tolist() == [
        ["deep.txt", "build", "deep.txt: could not be processed (RecursionError: maximum recursion depth exceeded)"]]
