"""One run per round at a time: a second run of the same round refuses with a clear message.

With a PostgreSQL register (several machines) the lock is an advisory lock of the register's
database instead of a lock file: it holds across machines, and a dead machine's lock is freed
with its database session (a file lock on a network filesystem is neither reliable nor freed
promptly).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from flows.errors import RoundBusy as RoundBusy  # importable from here, where it is raised

LOCK_NAME = ".naskah.lock"


@contextmanager
def round_lock(folder: Path, kode_putaran: str, register: Path | str | None = None,
               wait_s: float = 0) -> Iterator[None]:
    """Hold the round's lock for the duration; the operating system (or, with a PostgreSQL
    ``register``, the database) frees it if we die. ``wait_s``: how long a PostgreSQL lock
    held elsewhere is waited for (a rescheduled round whose dead machine's session is still
    closing)."""
    from flows.register_api import is_url

    if register is not None and is_url(register):
        from flows.register_pg import advisory_round_lock

        folder.mkdir(parents=True, exist_ok=True)
        with advisory_round_lock(str(register), kode_putaran, wait_s):
            yield
        return
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
