"""Shared fixtures: the real first document and a build of raw/ made once per session."""
import hashlib
import shutil
from pathlib import Path

import pytest

from pipeline.config import RAW_DIR

FIRST_DOC = RAW_DIR / "zhejiang-hrss-14th-fyp.zh-tw.txt"
FIRST_DOC_ID = "zhejiang-hrss-14th-fyp"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """normalized/ built from a copy of raw/ (the real first document and its manifest)."""
    from pipeline.build import build

    root = tmp_path_factory.mktemp("built")
    raw = root / "raw"
    shutil.copytree(RAW_DIR, raw)
    out = root / "normalized"
    report = build(raw, out, jobs=1)
    assert report.ok, report.problems
    return out


@pytest.fixture()
def raw(tmp_path):
    """A copy of raw/ (the real first document and its manifest) that a test may change."""
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    return raw


def tree_digest(directory: Path) -> dict[str, str]:
    """sha256 of every output file below ``directory`` (relative path → digest)."""
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}
