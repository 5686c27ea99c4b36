"""Files that are either complete or absent: write to a temporary name, then rename."""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import socket
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TMP_MARK = ".tmp-"
_HOST = re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname())[:40] or "host"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_atomic(path: Path, data: bytes) -> None:
    """``path`` holds ``data`` entirely, or keeps what it had; never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unique per host, process and call: workers on several machines share one folder.
    tmp = path.with_name(f"{path.name}{TMP_MARK}{_HOST}-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary name beside ``path`` for a file written by someone else (qpdf): renamed to
    ``path`` when the block ends without an error, removed otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}{TMP_MARK}{_HOST}-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        yield tmp
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def remove_leftovers(folder: Path) -> int:
    """Delete temporary files a killed run left behind; how many there were."""
    count = 0
    if folder.is_dir():
        for path in folder.rglob(f"*{TMP_MARK}*"):
            path.unlink(missing_ok=True)
            count += 1
    return count


def repeatable_zip(data: bytes,
                   transform: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The same zip (docx, xlsx) with fixed timestamps, so equal content gives equal bytes.

    Without ``transform`` the timestamps are overwritten in place (nothing is recompressed).
    """
    if transform is None:
        return _fixed_times(data)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            target.writestr(fixed, transform(info.filename, content))
    return out.getvalue()


_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"
_FIXED_DOS = (0).to_bytes(2, "little") + ((1980 - 1980) << 9 | 1 << 5 | 1).to_bytes(2, "little")
"""1980-01-01 00:00:00 as a DOS time and date."""


def _fixed_times(data: bytes) -> bytes:
    """Every local and central header's modification time set to 1980-01-01 00:00."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        central = archive.start_dir
    for info in infos:
        offset = info.header_offset
        if out[offset:offset + 4] != _LOCAL:
            raise ValueError("zip local header not where the directory says")
        out[offset + 10:offset + 14] = _FIXED_DOS
    offset = central
    for _ in infos:
        if out[offset:offset + 4] != _CENTRAL:
            raise ValueError("zip central directory entry expected")
        out[offset + 12:offset + 16] = _FIXED_DOS
        sizes = int.from_bytes(out[offset + 28:offset + 30], "little") + int.from_bytes(
            out[offset + 30:offset + 32], "little") + int.from_bytes(
            out[offset + 32:offset + 34], "little")
        offset += 46 + sizes
    return bytes(out)
