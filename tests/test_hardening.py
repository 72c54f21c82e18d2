"""Issue 18: what a hostile or careless raw/ and an unlucky kill must not break.

Each test reproduced its failure before the fix it checks.
"""
import fcntl
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


def test_a_build_waiting_for_the_lock_says_so_once_with_the_holders_pid(raw, tmp_path):
    from pipeline.write import directory_lock

    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out), "--quiet",
               "--jobs", "1"]
    with directory_lock(out):
        assert (tmp_path / ".out.lock").read_text() == f"{os.getpid()}\n"
        waiting = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        first = waiting.stderr.readline()
        time.sleep(1.5)                                # longer than any polling interval
    err = first + waiting.communicate(timeout=120)[1]
    assert waiting.returncode == 0
    assert err == f"waiting for {tmp_path / '.out.lock'}: held by the build with pid {os.getpid()}\n"
    assert (tmp_path / ".out.lock").read_text() == ""
