"""Fail fast when the environment is not the one the pipeline was written for.

opencc-python-reimplemented and the official OpenCC binding both install the
module ``opencc``; whichever was installed last wins silently. The pipeline
depends on the pure-Python reimplementation.
"""
from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path


def opencc_distribution() -> str:
    """Name of the installed distribution whose files include the loaded ``opencc`` module."""
    import opencc

    loaded = Path(opencc.__file__).resolve()
    for dist in metadata.distributions():
        for file in dist.files or []:
            if str(file).startswith("opencc/") and Path(dist.locate_file(file)).resolve() == loaded:
                return dist.metadata["Name"]
    return "unknown"


def main() -> int:
    name = opencc_distribution()
    if name.lower() != "opencc-python-reimplemented":
        print(f"error: module opencc comes from {name!r}, expected opencc-python-reimplemented; "
              "run: .venv/bin/pip uninstall -y OpenCC && .venv/bin/pip install --force-reinstall "
              "opencc-python-reimplemented", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
