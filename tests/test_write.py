"""Writing tables: round trip, atomic replace, refusal without touching existing outputs."""
import errno
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import write

from pipeline.errors import SchemaError
from pipeline.model import Term
from pipeline.schema import get_schema
from pipeline.write import atomic_path, recover_directory, replace_directory, staging_path, write_table, write_text

TERMS = [Term("zj", "3.1", "就业优先", 2), Term("zj", "3", "高质量就业", 4), Term("zj", "3.1", "创业", 1)]


def test_round_trip_keeps_values_types_and_descriptions(tmp_path):
    path = tmp_path / "terms.parquet"
    write_table(TERMS, get_schema("terms"), path)
    table = pq.read_table(path)
    assert table.schema.equals(get_schema("terms").to_arrow(), check_metadata=False)
    assert table.to_pylist() == [
        {"doc_id": "zj", "section_id": "3", "term": "高质量就业", "occurrences": 4},
        {"doc_id": "zj", "section_id": "3.1", "term": "创业", "occurrences": 1},
        {"doc_id": "zj", "section_id": "3.1", "term": "就业优先", "occurrences": 2},
    ]
    schema = pq.read_schema(path)
    assert schema.field("term").metadata[b"description"].decode().startswith("Word found by jieba")
    assert schema.metadata[b"schema_version"] == b"4"
    assert b"pipeline_version" in schema.metadata


def test_same_rows_in_any_order_give_identical_bytes(tmp_path):
    write_table(TERMS, get_schema("terms"), tmp_path / "a.parquet")
    write_table(list(reversed(TERMS)), get_schema("terms"), tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_invalid_rows_leave_the_existing_file_untouched(tmp_path):
    path = tmp_path / "terms.parquet"
    write_table(TERMS, get_schema("terms"), path)
    before = path.read_bytes()
    with pytest.raises(SchemaError, match="duplicate primary key"):
        write_table(TERMS + [TERMS[0]], get_schema("terms"), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["terms.parquet"]


def test_failure_during_write_removes_the_temporary_file(tmp_path):
    path = tmp_path / "out.txt"
    write_text("old\n", path)
    with pytest.raises(RuntimeError):
        with atomic_path(path) as tmp:
            with open(tmp, "w") as handle:
                handle.write("half")
            raise RuntimeError("killed")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


# --------------------------------------------------------------------------- whole directories


def make_dir(path, files):
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text)
    return path


def contents(path):
    return {p.name: p.read_text() for p in sorted(path.iterdir())}


@pytest.fixture
def old_and_new(tmp_path):
    target = make_dir(tmp_path / "normalized", {"a.parquet": "old a", "b.parquet": "old b", "gone": "x"})
    staged = make_dir(staging_path(target), {"a.parquet": "new a", "b.parquet": "new b"})
    return target, staged


@pytest.mark.parametrize("swap", ["exchange", "two renames"])
def test_staged_directory_replaces_the_target(old_and_new, monkeypatch, swap):
    if swap == "two renames":                  # a system without an atomic swap
        monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    target, staged = old_and_new
    replace_directory(staged, target)
    assert contents(target) == {"a.parquet": "new a", "b.parquet": "new b"}
    assert sorted(p.name for p in target.parent.iterdir()) == ["normalized"]


def test_a_death_between_the_two_renames_is_undone_by_recover(old_and_new, monkeypatch):
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def die_on_second_rename(src, dst):
        if Path(src) == staged:
            raise KeyboardInterrupt("killed")
        real_rename(src, dst)

    target, staged = old_and_new
    monkeypatch.setattr(write.os, "rename", die_on_second_rename)
    with pytest.raises(KeyboardInterrupt):
        replace_directory(staged, target)
    assert not target.exists()
    monkeypatch.setattr(write.os, "rename", real_rename)
    recover_directory(target)
    assert contents(target) == {"a.parquet": "old a", "b.parquet": "old b", "gone": "x"}
    assert sorted(p.name for p in target.parent.iterdir()) == ["normalized"]


def test_a_target_that_cannot_be_renamed_gets_its_entries_replaced(old_and_new, monkeypatch):
    def busy(a, b):
        raise OSError(errno.EBUSY, "mount point")

    monkeypatch.setattr(write, "_exchange", busy)
    target, staged = old_and_new
    replace_directory(staged, target)
    assert contents(target) == {"a.parquet": "new a", "b.parquet": "new b"}
    assert not staged.exists()


def test_exchange_swaps_two_directories_on_this_system(old_and_new):
    target, staged = old_and_new
    if not write._exchange(staged, target):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here")
    assert contents(target) == {"a.parquet": "new a", "b.parquet": "new b"}
    assert contents(staged)["gone"] == "x"


def test_the_lock_file_is_removed_and_a_waiting_build_locks_the_path_anew(tmp_path):
    import threading
    import time

    target, lock = tmp_path / "out", tmp_path / ".out.lock"
    events = []

    def second_build():
        with write.directory_lock(target):
            events.append(("second holds", lock.exists()))

    with write.directory_lock(target):
        assert lock.exists()
        waiter = threading.Thread(target=second_build)
        waiter.start()
        time.sleep(0.2)                 # let it wait on the lock (the order holds either way)
        events.append("first done")
    waiter.join(timeout=10)
    assert events == ["first done", ("second holds", True)]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_categorical_columns_give_identical_bytes_whatever_the_row_order(tmp_path):
    from pipeline.model import Problem

    rows = [Problem("b.txt", "b", "segment", "专栏 repeats item 2"), Problem("a.txt", "a", "ingest", "empty file"),
            Problem("c.txt", None, "manifest", "no such file")]
    write_table(rows, get_schema("problems"), tmp_path / "a.parquet")
    write_table(list(reversed(rows)), get_schema("problems"), tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    stage = pq.read_table(tmp_path / "a.parquet").column("stage")
    assert stage.to_pylist() == ["ingest", "segment", "manifest"]
    assert stage.chunk(0).dictionary.to_pylist() == list(get_schema("problems").field("stage").values)
