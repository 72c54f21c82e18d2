"""An old binary Word .doc file → blocks: converted to .docx by LibreOffice, then read by
``pipeline.read_docx``.

LibreOffice is a Debian package (``libreoffice-writer-nogui``) that the Makefile's ``venv``
target installs where ``apt-get`` is available; it is never downloaded at run time. Without
``soffice`` on the PATH the file is refused with a line saying to save it as .docx.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import InputError
from pipeline.model import Blocks
from pipeline.read_docx import docx_to_blocks

CONVERT_TIMEOUT_S = 120


def doc_to_blocks(data: bytes, path: Path) -> Blocks:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(path, "an old Word .doc file, and LibreOffice (soffice) is not installed to convert it",
                         "save it as .docx in Word or WPS, or install the Debian package libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="planparse-doc-") as work:
        source = Path(work) / "input.doc"
        source.write_bytes(data)
        try:
            subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{work}/profile",
                            "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, str(source)],
                           check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S)
            converted = (Path(work) / "input.docx").read_bytes()
        except (subprocess.SubprocessError, OSError) as exc:
            raise InputError(path, f"LibreOffice could not convert the .doc file ({type(exc).__name__})",
                             "save it as .docx in Word or WPS") from None
    return docx_to_blocks(converted, path)
