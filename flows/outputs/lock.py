"""One run per round at a time: a second run of the same round refuses with a clear message."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from flows.errors import EngineError

LOCK_NAME = ".naskah.lock"


class RoundBusy(EngineError):
    """Another process is running the same round."""


@contextmanager
def round_lock(folder: Path, kode_putaran: str) -> Iterator[None]:
    """Hold the round's lock for the duration; the operating system frees it if we die."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    handle = path.open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "proses lain"
            raise RoundBusy(f"Putaran {kode_putaran} sedang diproses ({holder}). Tunggu sampai "
                            "selesai, lalu jalankan lagi.") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"PID {os.getpid()}, mulai {datetime.now():%d/%m/%Y %H:%M}")
        handle.flush()
        yield
    finally:
        handle.close()
