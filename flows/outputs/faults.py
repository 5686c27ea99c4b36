"""Faults of the disk a clerk can act on, said in Indonesian at once: a full disk, a folder
that cannot be written. They are not retried (a retry cannot make space)."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flows.errors import EngineError

FULL = {errno.ENOSPC, errno.EDQUOT}
UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}
LOW_SPACE_BYTES = 50 * 1024 * 1024
"""Below this much free space, a failing conversion is put down to the disk."""


class OutputUnwritable(EngineError):
    """The round folder's disk is full or the folder cannot be written: retrying is useless."""


def message(exc: OSError, folder: Path) -> str | None:
    """What the clerk reads for ``exc`` while writing in ``folder`` (None: not a disk fault)."""
    if exc.errno in FULL:
        return (f"Disk penuh: tidak ada ruang untuk menulis di {folder}. Kosongkan ruang disk "
                "(hapus berkas yang tidak perlu atau pindahkan arsip lama), lalu jalankan "
                "ulang; surat yang sudah selesai tidak dibuat ulang.")
    if exc.errno in UNWRITABLE:
        return (f"Folder hasil {folder} tidak dapat ditulis (hanya-baca atau tanpa izin). "
                "Pilih folder lain dengan --out (atau jalan.folder_keluaran), atau minta admin "
                "memperbaiki izinnya, lalu jalankan ulang.")
    return None


@contextmanager
def disk_faults(folder: Path) -> Iterator[None]:
    """Turn a full disk or an unwritable folder into OutputUnwritable."""
    try:
        yield
    except OSError as exc:
        text = message(exc, folder)
        if text is None:
            raise
        raise OutputUnwritable(text) from None


def check_space(folder: Path) -> None:
    """OutputUnwritable when the disk of ``folder`` is (nearly) full."""
    try:
        free = shutil.disk_usage(folder if folder.exists() else folder.parent).free
    except OSError:
        return
    if free < LOW_SPACE_BYTES:
        raise OutputUnwritable(message(OSError(errno.ENOSPC, "penuh"), folder) or "")
