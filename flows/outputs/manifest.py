"""manifest.json: every document of a round with its number and file hashes (interface.md).

One typed model, :class:`Manifest`, read and written here only. It round-trips the JSON
losslessly: keys it does not know (written by a later version, or by hand) are kept in
``extra`` and written back in place. A read-modify-write of the manifest happens under the
round lock (:func:`locked_manifest`), so a concurrent run's change is never overwritten with a
stale copy.

Machine timestamps (``signed_at``, ``approval.at``) are ISO 8601 with their offset; beside
each, a human field in the office's time zone (``zona_waktu``: WIB, WITA or WIT):
``waktu_ttd_lokal`` and ``approval.waktu_lokal``, e.g. ``2 Desember 2026 12.40 WIB``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from flows import __version__
from flows.domain.indonesian import ZONES, waktu
from flows.outputs.files import write_atomic

MANIFEST = "manifest.json"

class ManifestError(ValueError):
    """manifest.json is there but is no manifest (broken JSON, wrong shape)."""


_OPTIONAL = ("signed_externally", "waktu_ttd_lokal")
"""Document keys written only when set (manifests of earlier versions stay byte-identical)."""


@dataclass
class DocumentRecord:
    kind: str
    nip: str | None
    number: str
    title: str
    docx: str
    pdf: str | None = None
    signed_pdf: str | None = None
    sha256: dict[str, str | None] = field(default_factory=dict)
    input_sha256: str = ""
    """Hash of everything the letter is made from (context, template, paper)."""
    template_sha256: str = ""
    pages: int | None = None
    signer: str | None = None
    signer_cert_sha256: str | None = None
    signers: list[dict[str, str]] = field(default_factory=list)
    """Every signature in order: certificate subject and SHA-256 fingerprint."""
    signed_at: str | None = None
    previous_signed: list[dict[str, Any]] = field(default_factory=list)
    """Earlier signed versions kept beside the new one: path, sha256 and the reason (and
    their verification code, signers and signing time)."""
    kode_cek: str | None = None
    """The verification code of the signed version (the QR's ``/cek/{kode}``)."""
    surat: dict[str, str] = field(default_factory=dict)
    """What the verification page shows: tanggal, unit, sifat, hal, kepada."""
    signed_externally: bool = False
    """The signed version was signed elsewhere (BSrE/SRIKANDI) and filed by archive-signed."""
    waktu_ttd_lokal: str | None = None
    """``signed_at`` as the office reads it (``2 Desember 2026 12.40 WIB``)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys of the JSON record this version does not know, kept as they were."""

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.nip or ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if f.name in _OPTIONAL and not value:
                continue
            data[f.name] = _copy(value)
        data["sha256"] = {k: self.sha256.get(k) for k in ("docx", "pdf", "signed_pdf")}
        data.update(_copy(self.extra))
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentRecord:
        names = {f.name for f in fields(cls)} - {"extra"}
        known = {k: _copy(v) for k, v in data.items() if k in names}
        known["sha256"] = dict(known.get("sha256") or {})
        known.setdefault("nip", None)  # tolerated missing (hand-made manifests)
        known.setdefault("docx", "")
        extra = {k: _copy(v) for k, v in data.items() if k not in names}
        return cls(**known, extra=extra)

    def previous_entry(self, reason: str) -> dict[str, Any]:
        """The current signed version as an earlier one (with its code, signer, time and where
        it was signed), for ``previous_signed`` when a new signed version replaces it."""
        entry: dict[str, Any] = {"path": self.signed_pdf or "",
                                 "sha256": self.sha256.get("signed_pdf") or "",
                                 "reason": reason}
        if self.kode_cek:
            entry.update(kode_cek=self.kode_cek, signer=self.signer or "",
                         signed_at=self.signed_at or "")
        if self.signed_externally:
            entry["signed_externally"] = True
        return entry

    def keep_signed_from(self, old: DocumentRecord) -> None:
        """Carry ``old``'s signed version over unchanged (a rerun that does not sign again):
        the file, its hash, signers, time, verification code and where it was signed."""
        self.signed_pdf = old.signed_pdf
        self.sha256["signed_pdf"] = old.sha256.get("signed_pdf")
        self.signer, self.signed_at = old.signer, old.signed_at
        self.signer_cert_sha256 = old.signer_cert_sha256
        self.signers = [dict(s) for s in old.signers]
        self.kode_cek = old.kode_cek
        self.signed_externally = old.signed_externally
        self.waktu_ttd_lokal = old.waktu_ttd_lokal


def signed_name(stem: str, taken: Iterable[str | None]) -> str:
    """Where a new signed version of the letter ``stem`` goes: ``ttd/<stem>.pdf``, or the next
    ``ttd/<stem>-v2.pdf``, ``-v3`` … not in ``taken`` (the one place this name is made)."""
    used = set(taken)
    relative, version = f"ttd/{stem}.pdf", 1
    while relative in used:
        version += 1
        relative = f"ttd/{stem}-v{version}.pdf"
    return relative


_TOP = ("naskah", "kode_putaran", "jenis_putaran", "nama_putaran", "workbook", "documents",
        "bundle", "results", "warnings", "failures", "approval")


@dataclass
class Manifest:
    """The whole manifest.json of a round."""

    kode_putaran: str
    jenis_putaran: str = ""
    nama_putaran: str = ""
    workbook: dict[str, str] = field(default_factory=dict)
    documents: list[DocumentRecord] = field(default_factory=list)
    bundle: dict[str, str] | None = None
    results: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)
    approval: dict[str, Any] | None = None
    naskah: str = __version__
    """The version of naskah that wrote it."""
    zona_waktu: str | None = None
    """The office's time zone of the human time fields (WIB, WITA, WIT)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys this version does not know, kept as they were."""

    # -- JSON -------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in _TOP:
            value = getattr(self, name)
            data[name] = ([d.to_json() for d in value] if name == "documents"
                          else _copy(value))
        if self.zona_waktu:
            data["zona_waktu"] = self.zona_waktu
        data.update(_copy(self.extra))
        return data

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        if not isinstance(data, dict) or not isinstance(data.get("documents", []), list):
            raise ManifestError("bukan objek JSON dengan daftar documents")
        known = set(_TOP) | {"zona_waktu"}
        return cls(
            kode_putaran=str(data.get("kode_putaran") or ""),
            jenis_putaran=str(data.get("jenis_putaran") or ""),
            nama_putaran=str(data.get("nama_putaran") or ""),
            workbook=_copy(data.get("workbook") or {}),
            documents=[DocumentRecord.from_json(d) for d in data.get("documents", [])],
            bundle=_copy(data.get("bundle")),
            results=_copy(data.get("results") or []),
            warnings=_copy(data.get("warnings") or []),
            failures=_copy(data.get("failures") or []),
            approval=_copy(data.get("approval")),
            naskah=str(data.get("naskah") or ""),
            zona_waktu=data.get("zona_waktu") or None,
            extra={k: _copy(v) for k, v in data.items() if k not in known},
        )

    def text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    # -- files ------------------------------------------------------------------------------

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The round's manifest; FileNotFoundError without one, ManifestError when it is no
        manifest (broken JSON, wrong shape)."""
        text = (folder / MANIFEST).read_text(encoding="utf-8")
        try:
            return cls.from_json(json.loads(text))
        except ManifestError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ManifestError(str(exc)) from None

    @classmethod
    def read_or_none(cls, folder: Path) -> Manifest | None:
        """The manifest, or None when there is none or it cannot be read (the desk, the
        archive index: a broken manifest is a round without letters there)."""
        try:
            return cls.read(folder)
        except (OSError, ValueError):
            return None

    def write(self, folder: Path) -> Path:
        """Write it (atomically, and only when its text changed), with the human time fields
        filled in from the machine ones. Call it under the round lock."""
        self.localize()
        path = folder / MANIFEST
        text = self.text()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text.encode("utf-8"))
        return path

    # -- views ------------------------------------------------------------------------------

    def localize(self, zone: str | None = None) -> None:
        """Fill the human time fields in the office's zone (``zone``, else ``zona_waktu``)."""
        zone = zone or self.zona_waktu
        if zone not in ZONES:
            return
        self.zona_waktu = zone
        for doc in self.documents:
            doc.waktu_ttd_lokal = local_time(doc.signed_at, zone)
            for old in doc.previous_signed:
                if old.get("signed_at") and (text := local_time(old["signed_at"], zone)):
                    old["waktu_ttd_lokal"] = text
        if self.approval and (text := local_time(self.approval.get("at"), zone)):
            self.approval["waktu_lokal"] = text

    def signed(self) -> list[DocumentRecord]:
        return [d for d in self.documents if d.signed_pdf]

    def listed_files(self) -> set[str]:
        """Every file of the round folder the manifest names."""
        listed: set[str] = set()
        for doc in self.documents:
            listed |= {p for p in (doc.docx, doc.pdf, doc.signed_pdf) if p}
            listed |= {p["path"] for p in doc.previous_signed if p.get("path")}
        if self.bundle and self.bundle.get("path"):
            listed.add(self.bundle["path"])
        return listed

    def names(self) -> dict[str, str]:
        """Officials' names by NIP (from the results)."""
        return {r.get("nip") or "": r.get("name", "") for r in self.results}


def local_time(value: str | None, zone: str) -> str | None:
    """An ISO 8601 time with offset as the office reads it in ``zone``; None when there is no
    time or it has no offset."""
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return None
    return waktu(moment, zone)


def _copy(value: Any) -> Any:
    """A deep copy of plain JSON data (the model never shares a list or dict with a caller)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@contextmanager
def locked_manifest(folder: Path, register: Path | str | None = None) -> Iterator[Manifest]:
    """The round's manifest read under the round lock, for a read-modify-write: the caller
    changes it and calls ``write`` before leaving. FileNotFoundError without a manifest
    (checked before the lock, so no lock file is left in a folder that is no round)."""
    from flows.outputs.lock import round_lock

    if not (folder / MANIFEST).is_file():
        raise FileNotFoundError(folder / MANIFEST)
    with round_lock(folder, folder.name, register):
        yield Manifest.read(folder)


def read_manifest(folder: Path) -> dict[tuple[str, str], DocumentRecord]:
    """The documents an earlier run recorded, by (kind, nip); empty without a manifest."""
    manifest = Manifest.read_or_none(folder)
    return {r.key: r for r in manifest.documents} if manifest else {}


def write_manifest(folder: Path, *, kode_putaran: str, jenis_putaran: str, nama_putaran: str,
                   workbook: dict[str, str], documents: list[DocumentRecord],
                   results: list[dict[str, Any]], warnings: list[dict[str, Any]],
                   failures: list[dict[str, str]], bundle: dict[str, str] | None,
                   approval: dict[str, Any] | None = None, zone: str | None = None) -> Path:
    """A run's manifest (keys of the earlier one this version does not know are kept)."""
    earlier = Manifest.read_or_none(folder)
    manifest = Manifest(kode_putaran, jenis_putaran, nama_putaran, dict(workbook),
                        list(documents), bundle, results, warnings, failures, approval,
                        zona_waktu=zone or (earlier.zona_waktu if earlier else None),
                        extra=earlier.extra if earlier else {})
    return manifest.write(folder)


def read_field(folder: Path, key: str) -> Any:
    """One top-level field of the manifest (``bundle``, ``approval`` …), or None."""
    manifest = Manifest.read_or_none(folder)
    return manifest.to_json().get(key) if manifest else None


def read_bundle(folder: Path) -> dict[str, str] | None:
    return read_field(folder, "bundle")
