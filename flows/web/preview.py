"""Pictures of a letter's pages for the desk's preview (poppler's pdftoppm): they show in any
browser, unlike an embedded PDF viewer."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from flows.errors import EngineError

RESOLUTION_DPI = 90
TIMEOUT_S = 30


def page_png(pdf: Path, page: int) -> bytes:
    """Page ``page`` (from 1) of ``pdf`` as PNG; EngineError when it cannot be drawn."""
    program = shutil.which("pdftoppm")
    if program is None:
        raise EngineError("Pratinjau tidak tersedia: pdftoppm (poppler-utils) tidak terpasang.")
    with tempfile.TemporaryDirectory(prefix="naskah-pratinjau-") as folder:
        target = Path(folder) / "halaman"
        try:
            subprocess.run([program, "-png", "-r", str(RESOLUTION_DPI), "-f", str(page), "-l",
                            str(page), "-singlefile", str(pdf), str(target)],
                           check=True, capture_output=True, timeout=TIMEOUT_S)
            return target.with_suffix(".png").read_bytes()
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
            raise EngineError(f"Halaman {page} tidak dapat ditampilkan.") from None
