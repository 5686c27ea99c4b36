"""Convert Word documents to PDF with headless LibreOffice.

Each conversion uses its own profile directory (a shared profile makes concurrent soffice
processes fail silently), runs in its own process group, and is killed with everything it
started when it exceeds its timeout.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from flows.credentials import child_env
from flows.errors import EngineError

PDF_FILTER = ('pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
              '"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}')
"""PDF/A-2b; Word bookmarks become named destinations (where merged letters start)."""


class ConversionError(EngineError):
    """LibreOffice is missing, failed, or took too long."""


_slots = threading.BoundedSemaphore(os.cpu_count() or 1)
"""The cap of a conversion without a LibreOffice of its own (a test, a tool)."""
_active: set[subprocess.Popen[str]] = set()
"""Every soffice this Python process started and still waits for, whoever started it: Ctrl-C
(kill_all) ends them all."""
_active_lock = threading.Lock()
_stopping = threading.Event()
"""Set by kill_all: no new soffice is started while the process shuts down."""


class LibreOffice:
    """The converter of a run: at most ``processes`` soffice at once over every round that
    uses this one object (a bulk run builds one for all its rounds)."""

    def __init__(self, processes: int) -> None:
        self.processes = max(1, processes)
        self._slots = threading.BoundedSemaphore(self.processes)

    def convert(self, sources: Sequence[Path], outdir: Path, timeout_s: float) -> list[Path]:
        return convert_batch(sources, outdir, timeout_s, slots=self._slots)


def soffice_path() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        raise ConversionError("LibreOffice (soffice) tidak ditemukan. Pasang dengan: "
                              "bash scripts/install.sh")
    return path


def convert_batch(sources: Sequence[Path], outdir: Path, timeout_s: float = 300,
                  pdf_filter: str = PDF_FILTER,
                  slots: threading.BoundedSemaphore | None = None) -> list[Path]:
    """PDFs of ``sources`` in ``outdir`` (same stems), converted by one soffice process, once
    one of ``slots`` is free."""
    outdir.mkdir(parents=True, exist_ok=True)
    with slots or _slots, tempfile.TemporaryDirectory(prefix="naskah-lo-") as profile:
        command = [soffice_path(), "--headless", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation=file://{profile}", "--convert-to", pdf_filter,
                   "--outdir", str(outdir), *map(str, sources)]
        with _active_lock:
            if _stopping.is_set():
                raise ConversionError("Dihentikan.")
            # No passphrase or API secret in LibreOffice's environment: it never signs.
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, start_new_session=True, env=child_env())
            _active.add(proc)
        try:
            out, err = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise ConversionError(f"LibreOffice tidak selesai dalam {timeout_s:.0f} detik dan "
                                  "dihentikan.") from None
        except BaseException:
            _kill_group(proc)
            raise
        finally:
            with _active_lock:
                _active.discard(proc)
    results = [outdir / f"{source.stem}.pdf" for source in sources]
    missing = [p.name for p in results if not p.is_file() or p.stat().st_size == 0]
    if proc.returncode != 0 or missing:
        detail = (err or out).strip().splitlines()[-1:] or [f"kode keluar {proc.returncode}"]
        raise ConversionError(f"LibreOffice gagal mengubah {', '.join(missing) or 'dokumen'} "
                              f"menjadi PDF: {detail[0]}")
    return results


def kill_all() -> int:
    """Kill every soffice this process started and is still waiting for, and start no new
    one (on Ctrl-C)."""
    with _active_lock:
        _stopping.set()
        running = list(_active)
    for proc in running:
        _kill_group(proc)
    return len(running)


def _kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
