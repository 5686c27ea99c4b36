"""manifest.json: every document of a round with its number and file hashes (interface.md)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from flows import __version__
from flows.outputs.files import write_atomic

MANIFEST = "manifest.json"


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
    previous_signed: list[dict[str, str]] = field(default_factory=list)
    """Earlier signed versions kept beside the new one: path, sha256 and the reason (and
    their verification code, signers and signing time)."""
    kode_cek: str | None = None
    """The verification code of the signed version (the QR's ``/cek/{kode}``)."""
    surat: dict[str, str] = field(default_factory=dict)
    """What the verification page shows: tanggal, unit, sifat, hal, kepada."""

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.nip or ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["sha256"] = {k: self.sha256.get(k) for k in ("docx", "pdf", "signed_pdf")}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentRecord:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def read_manifest(folder: Path) -> dict[tuple[str, str], DocumentRecord]:
    """The documents an earlier run recorded, by (kind, nip); empty without a manifest."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {r.key: r for r in map(DocumentRecord.from_json, data.get("documents", []))}
    except (FileNotFoundError, json.JSONDecodeError, TypeError, KeyError):
        return {}


def write_manifest(folder: Path, *, kode_putaran: str, jenis_putaran: str, nama_putaran: str,
                   workbook: dict[str, str], documents: list[DocumentRecord],
                   results: list[dict[str, Any]], warnings: list[dict[str, Any]],
                   failures: list[dict[str, str]], bundle: dict[str, str] | None,
                   approval: dict[str, Any] | None = None) -> Path:
    data = {
        "naskah": __version__,
        "kode_putaran": kode_putaran,
        "jenis_putaran": jenis_putaran,
        "nama_putaran": nama_putaran,
        "workbook": workbook,
        "documents": [d.to_json() for d in documents],
        "bundle": bundle,
        "results": results,
        "warnings": warnings,
        "failures": failures,
        "approval": approval,
    }
    path = folder / MANIFEST
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text.encode("utf-8"))
    return path


def read_field(folder: Path, key: str) -> Any:
    """One top-level field of the manifest (``bundle``, ``approval`` …), or None."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return data.get(key)
    except (FileNotFoundError, json.JSONDecodeError, AttributeError):
        return None


def read_bundle(folder: Path) -> dict[str, str] | None:
    return read_field(folder, "bundle")
