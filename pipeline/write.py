"""Rows → typed Parquet (and text) files, written atomically and deterministically.

Every table goes through ``TableSchema.to_table`` (column order, types, nulls,
primary key), is written to a temporary file beside the target, and renamed into
place, so a reader never sees a half-written file.

A set of files that must change together (the corpus tables of one build) is
written to a staging directory that then takes the place of the output directory
in one step (``replace_directory``): a build killed at any moment leaves either
every previous table or every new one.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TableSchema

PARQUET_OPTIONS = dict(compression="zstd", use_dictionary=True, write_statistics=True)


def write_table(rows: Iterable, schema: TableSchema, path: Path) -> pa.Table:
    """Validate ``rows`` against ``schema`` and write them to ``path`` atomically."""
    table = schema.to_table(rows)
    write_arrow(table, path)
    return table


def write_arrow(table: pa.Table, path: Path) -> None:
    with atomic_path(path) as tmp:
        write_parquet(table, tmp)


def write_parquet(table: pa.Table, path) -> None:
    """Write ``table`` to exactly ``path`` (the caller makes it atomic, see ``atomic_path``)."""
    pq.write_table(table, path, **PARQUET_OPTIONS)


def parquet_writer(path, schema: pa.Schema) -> pq.ParquetWriter:
    """A writer that appends tables to ``path`` as row groups, with the same options."""
    return pq.ParquetWriter(path, schema, **PARQUET_OPTIONS)


def write_text(text: str, path: Path) -> None:
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


FILE_MODE = 0o666        # before the umask, as open() creates files


def _umask() -> int:
    mask = os.umask(0)      # the only way to read it is to set it
    os.umask(mask)
    return mask


class atomic_path:
    """Context manager yielding a temporary path that replaces ``path`` on success only."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            os.fchmod(fd, FILE_MODE & ~_umask())   # mkstemp's 0600 is for secrets: the mode open() gives
        finally:
            os.close(fd)
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass


# --------------------------------------------------------------------------- whole directories

_RENAME_EXCHANGE = 2        # linux/fs.h: swap the two paths atomically


def staging_path(target: Path) -> Path:
    """Where the next content of directory ``target`` is assembled: a hidden sibling, or a
    hidden directory inside ``target`` when it is a mount point (a Docker volume): then only
    its entries can be replaced, and a rename cannot leave its file system."""
    target = Path(target)
    if target.is_dir() and is_mount_point(target):
        return target / INNER_STAGING
    return target.parent / f".{target.name}.staging"


# Inside a mount point: the staged entries, and the previous ones while they are replaced
# (``_replace_entries``; "-partial" until every previous entry is in it).
INNER_STAGING, INNER_PREVIOUS, INNER_PARTIAL = ".planparse-staging", ".planparse-previous", ".planparse-previous-partial"
INNER_NAMES = (INNER_STAGING, INNER_PREVIOUS, INNER_PARTIAL)


def is_mount_point(path: Path) -> bool:
    """``path`` is where a file system (or a bind mount) is mounted: it cannot be renamed."""
    real = os.path.realpath(path)
    if os.path.ismount(real):
        return True
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as handle:
            mounts = [line.split()[4] for line in handle if len(line.split()) > 4]
    except OSError:
        return False
    # mountinfo escapes space, tab, newline and backslash as octal (\040 …)
    return any(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), mount) == real for mount in mounts)


def _previous_path(target: Path) -> Path:
    return target.parent / f".{target.name}.previous"


def replace_directory(staged: Path, target: Path, last: Sequence[str] = ()) -> None:
    """Make directory ``staged`` the directory ``target`` in one atomic step.

    On Linux both paths are swapped by ``renameat2(RENAME_EXCHANGE)``; elsewhere, or on a
    file system without it, ``target`` is first renamed aside and ``recover_directory``
    puts it back if the process dies between the two renames. The previous content is
    removed afterwards. A ``target`` that cannot be renamed (a mount point; ``staged`` is
    then inside it, see ``staging_path``) has its entries replaced, the names in ``last``
    last, and ``recover_directory`` undoes a replacement that did not finish.
    """
    staged, target = Path(staged), Path(target)
    if staged.parent == target:
        _replace_entries(staged, target, last)
        return
    if not target.exists():
        os.rename(staged, target)
        return
    try:
        swapped = _exchange(staged, target)
    except OSError as exc:
        if exc.errno not in (errno.EBUSY, errno.EXDEV):
            raise
        # a mount point that ``staging_path`` did not recognise: stage again inside it
        inner = target / INNER_STAGING
        shutil.rmtree(inner, ignore_errors=True)
        shutil.copytree(staged, inner, symlinks=True)
        shutil.rmtree(staged)
        _replace_entries(inner, target, last)
        return
    if swapped:
        shutil.rmtree(staged)
        return
    previous = _previous_path(target)
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(target, previous)
    os.rename(staged, target)
    shutil.rmtree(previous)


def _replace_entries(staged: Path, target: Path, last: Sequence[str]) -> None:
    """Replace the entries of ``target`` by those of ``staged`` (inside it), recoverably:
    the previous entries are moved into INNER_PARTIAL, which becomes INNER_PREVIOUS once it
    holds them all; then the new entries move in, ``last`` last; the staging directory is
    removed (done), then the previous entries. ``recover_directory`` puts the previous
    entries back when the process died before the staging directory was removed."""
    partial, previous = target / INNER_PARTIAL, target / INNER_PREVIOUS
    for leftover in (partial, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    partial.mkdir()
    for child in _entries(target):
        os.rename(child, partial / child.name)
    os.rename(partial, previous)
    for child in sorted(_entries(staged), key=lambda child: (child.name in last, child.name)):
        os.rename(child, target / child.name)
    staged.rmdir()
    shutil.rmtree(previous)


def _entries(directory: Path) -> list[Path]:
    return sorted(child for child in directory.iterdir() if child.name not in INNER_NAMES)


def recover_directory(target: Path) -> None:
    """Undo a ``replace_directory`` that died between its renames; drop stale staging."""
    target = Path(target)
    previous = _previous_path(target)
    if previous.is_dir():
        if target.exists():
            shutil.rmtree(previous)
        else:
            os.rename(previous, target)
    shutil.rmtree(target.parent / f".{target.name}.staging", ignore_errors=True)
    if target.is_dir():
        _recover_entries(target)


def _recover_entries(target: Path) -> None:
    partial, previous, staged = (target / name for name in (INNER_PARTIAL, INNER_PREVIOUS, INNER_STAGING))
    if partial.is_dir():                  # died moving the previous entries aside: none new yet
        for child in _entries(partial):
            os.rename(child, target / child.name)
        partial.rmdir()
    elif previous.is_dir() and staged.is_dir():     # died moving the new entries in
        for child in _entries(target):
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        for child in _entries(previous):
            os.rename(child, target / child.name)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(staged, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when the system cannot (then nothing changed)."""
    renameat2 = getattr(libc(), "renameat2", None)
    if renameat2 is None:
        return False
    at_cwd = -100
    if renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, f"cannot swap {a} and {b}: {os.strerror(code)}")


@functools.lru_cache(maxsize=1)
def libc():
    """The C library (for calls Python has no wrapper for), or None."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def link_or_copy(source: Path, destination: Path) -> None:
    """Hard-link ``source`` to ``destination`` (files here are replaced, never edited); copy
    when linking is not possible."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


# The lock files this process holds (``directory_lock``); a forked child closes its copies so
# that a child outliving its parent cannot keep the lock.
_HELD_LOCKS: list = []


@contextlib.contextmanager
def directory_lock(target: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock for directory ``target``: a second build waits for the first.

    The lock file holds the pid of its holder; a build that has to wait calls ``on_wait``
    once with a line naming the lock and that pid. The lock file is removed by its holder
    before it unlocks, so none is left beside the outputs. A waiter may then hold a lock on
    the removed file: it checks, once it has the lock, that the path still names the file it
    locked, and otherwise tries again.
    """
    target = Path(target)
    lock_path = target.parent / f".{target.name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = _locked(lock_path, on_wait)
    _HELD_LOCKS.append(handle)
    try:
        _record_holder(handle, f"{os.getpid()}\n")
        yield
    finally:
        if not handle.closed:           # closed: a forked child leaving the block
            _HELD_LOCKS.remove(handle)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(lock_path)
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()


def _locked(lock_path: Path, on_wait: Callable[[str], None] | None):
    waited = False
    while True:
        handle = open(lock_path, "a+", encoding="ascii")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None and not waited:
                on_wait(f"waiting for {lock_path}: held by {_lock_holder(handle)}")
                waited = True
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if os.stat(lock_path).st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
        except FileNotFoundError:
            pass                    # removed by the holder we waited for
        handle.close()


def _lock_holder(handle) -> str:
    handle.seek(0)
    pid = handle.read().strip()
    return f"the build with pid {pid}" if pid.isdigit() else "another build (its pid is not recorded yet)"


def _record_holder(handle, text: str) -> None:
    handle.truncate(0)
    handle.write(text)      # "a+": at the end, which is now the start
    handle.flush()


def _close_inherited_locks() -> None:
    # closing a copy does not unlock: the parent's descriptor keeps the lock
    while _HELD_LOCKS:
        _HELD_LOCKS.pop().close()


os.register_at_fork(after_in_child=_close_inherited_locks)
