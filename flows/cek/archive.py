"""The office's archive as the verification page sees it: every signed version of every letter
in the round folders of the output folder, by verification code and by file hash.

The index reads each round's manifest.json again only when the file changed (its mtime and
size), so a request costs one directory listing and a few dictionary look-ups; an archived
file is hashed once per change, when its page is asked for.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flows.cek.code import grouped
from flows.cek.facts import secret
from flows.domain.indonesian import tanggal
from flows.outputs.files import sha256_file
from flows.outputs.manifest import MANIFEST, DocumentRecord, Manifest, ManifestError

REFRESH_S = 1.0
"""The folder is listed at most this often."""


@dataclass(frozen=True)
class Version:
    """One signed version of a letter in the archive."""

    code: str | None
    kode_putaran: str
    folder: Path
    document: DocumentRecord
    """The letter's manifest record (the current version's)."""
    path: str
    sha256: str
    signer: str
    signed_at: str
    current: bool
    superseded_by: str | None = None
    """The code of the version that replaced this one."""

    @property
    def facts(self) -> dict[str, str]:
        return dict(self.document.surat)


@dataclass
class _Round:
    stamp: tuple[int, int]
    versions: list[Version] = field(default_factory=list)
    unsigned: dict[str, Version] = field(default_factory=dict)


def _versions(folder: Path, manifest: Manifest) -> _Round:
    kode = manifest.kode_putaran or folder.name
    found = _Round((0, 0))
    for doc in manifest.signed():
        assert doc.signed_pdf is not None
        hashes = doc.sha256
        current = Version(doc.kode_cek, kode, folder, doc, doc.signed_pdf,
                          hashes.get("signed_pdf") or "", doc.signer or "",
                          doc.signed_at or "", True)
        found.versions.append(current)
        if hashes.get("pdf"):
            found.unsigned[hashes["pdf"] or ""] = current
        for earlier in doc.previous_signed:
            if earlier.get("sha256"):
                found.versions.append(Version(
                    earlier.get("kode_cek"), kode, folder, doc, earlier.get("path", ""),
                    earlier["sha256"], earlier.get("signer", ""), earlier.get("signed_at", ""),
                    False, current.code))
    return found


class ArchiveIndex:
    """Every signed letter under ``root`` (``root/<kode_putaran>/manifest.json``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._rounds: dict[Path, _Round] = {}
        self._by_code: dict[str, Version] = {}
        self._by_sha: dict[str, Version] = {}
        self._by_unsigned: dict[str, Version] = {}
        self._intact: dict[tuple[Path, str], tuple[tuple[int, int], bool]] = {}
        self._listed = 0.0
        self._lock = threading.Lock()

    def refresh(self, force: bool = False) -> None:
        with self._lock:
            if not force and time.monotonic() - self._listed < REFRESH_S:
                return
            self._listed = time.monotonic()
            seen: dict[Path, _Round] = {}
            try:
                entries = list(os.scandir(self.root))
            except OSError:
                entries = []
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    continue
                path = Path(entry.path) / MANIFEST
                try:
                    info = path.stat()
                except OSError:
                    continue
                stamp = (info.st_mtime_ns, info.st_size)
                known = self._rounds.get(path)
                if known is None or known.stamp != stamp:
                    known = self._read(path, stamp)
                seen[path] = known
            if seen.keys() != self._rounds.keys() or any(
                    seen[p] is not self._rounds[p] for p in seen):
                self._rounds = seen
                self._rebuild()

    @staticmethod
    def _read(path: Path, stamp: tuple[int, int]) -> _Round:
        try:
            found = _versions(path.parent, Manifest.read(path.parent))
        except (OSError, ManifestError, TypeError, KeyError, AttributeError):
            found = _Round(stamp)
        found.stamp = stamp
        return found

    def _rebuild(self) -> None:
        by_code, by_sha, by_unsigned = {}, {}, {}
        for rnd in self._rounds.values():
            for version in rnd.versions:
                if version.code:
                    by_code[version.code] = version
                if version.sha256:
                    by_sha[version.sha256] = version
            by_unsigned.update(rnd.unsigned)
        self._by_code, self._by_sha, self._by_unsigned = by_code, by_sha, by_unsigned

    def by_code(self, code: str) -> Version | None:
        self.refresh()
        return self._by_code.get(code)

    def by_sha256(self, digest: str) -> Version | None:
        self.refresh()
        return self._by_sha.get(digest)

    def by_unsigned_sha256(self, digest: str) -> Version | None:
        """The current signed version of the letter whose unsigned PDF/A hashes so."""
        self.refresh()
        return self._by_unsigned.get(digest)

    def current(self, version: Version) -> Version | None:
        """The version that replaced ``version`` (None when it is current or unknown)."""
        return self.by_code(version.superseded_by) if version.superseded_by else None

    def intact(self, version: Version) -> bool:
        """The archived file of this version is there and hashes as recorded (hashed again
        only when the file changed)."""
        path = version.folder / version.path
        try:
            resolved = path.resolve()
            if not resolved.is_relative_to(version.folder.resolve()):
                return False
            info = resolved.stat()
        except OSError:
            return False
        stamp = (info.st_mtime_ns, info.st_size)
        key = (resolved, version.sha256)
        cached = self._intact.get(key)
        if cached is None or cached[0] != stamp:
            cached = (stamp, sha256_file(resolved) == version.sha256)
            self._intact[key] = cached
        return cached[1]


def describe(version: Version) -> dict[str, Any]:
    """What the page shows of a letter: never its results, and no addressee when its Sifat
    is Rahasia."""
    facts = version.facts
    doc = version.document
    hidden = secret(facts)
    return {
        "jenis": doc.title or doc.kind or "",
        "nomor": doc.number or "",
        "tanggal": facts.get("tanggal", ""),
        "hal": facts.get("hal", ""),
        "sifat": facts.get("sifat", ""),
        "kepada": "" if hidden else facts.get("kepada", ""),
        "rahasia": hidden,
        "unit": facts.get("unit", ""),
        "penanda_tangan": signer_names(version.signer),
        "waktu": signed_time(version.signed_at),
        "kode": grouped(version.code) if version.code else "",
    }


def signer_names(signer: str) -> list[str]:
    """The common names of ``Common Name: …, Organization: …; Common Name: …``."""
    from flows.pdf.signing import common_names

    return common_names(signer)


def signed_time(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    except ValueError:
        return value
    return f"{tanggal(moment.date())}, pukul {moment:%H.%M} UTC"
