"""`naskah archive-signed ROUND_DIR FILE...`: letters signed elsewhere (BSrE/SRIKANDI) into
the round's archive, after proving each is one of the round's own PDFs, unchanged, plus
signature revisions only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flows.cek.code import new_code
from flows.errors import EngineError
from flows.outputs.files import sha256_bytes, sha256_file, write_atomic
from flows.outputs.manifest import (
    MANIFEST,
    DocumentRecord,
    Manifest,
    ManifestError,
    locked_manifest,
    signed_name,
)
from flows.pdf.validation import (
    added_beyond_signatures,
    check_signatures,
    load_anchors,
    revisions,
)


@dataclass(frozen=True, slots=True)
class Filed:
    source: Path
    target: str | None
    """Where it was filed, or None when refused."""
    reason: str


NO_ANCHORS = ("tidak ada akar tepercaya untuk memeriksa penerbit sertifikatnya: admin perlu "
              "mengisi tanda_tangan.akar_tepercaya dengan sertifikat BSrE/Root CA Indonesia")


def archive_signed(folder: Path, files: list[Path],
                   roots: Sequence[Path] | None = None) -> list[Filed]:
    """File each of ``files``, refusing anything but the round's own PDF plus signatures of
    certificates chaining to ``roots`` (default: ``tanda_tangan.akar_tepercaya``)."""
    if roots is None:
        from flows.settings import load_settings

        roots = load_settings().signing.trust_roots
    try:
        anchors = load_anchors(roots)
    except ValueError as exc:
        raise EngineError(f"Pengaturan tanda_tangan.akar_tepercaya: {exc}.") from None
    from flows.outputs.seal import reseal
    from flows.settings import load_settings

    if not (folder / MANIFEST).is_file():
        raise EngineError(f"{folder} bukan folder putaran: {MANIFEST} tidak ada.")
    results = []
    try:
        with locked_manifest(folder, load_settings().register) as manifest:
            for source in files:
                results.append(_file_one(folder, manifest, source, anchors))
            if any(r.target for r in results):
                if not manifest.zona_waktu:
                    manifest.zona_waktu = load_settings().letters.time_zone or None
                manifest.write(folder)
                reseal(folder)
    except ManifestError as exc:
        raise EngineError(f"{folder / MANIFEST} rusak: {exc}") from None
    return results


def _file_one(folder: Path, manifest: Manifest, source: Path, anchors: list) -> Filed:
    try:
        data = source.read_bytes()
    except OSError as exc:
        return Filed(source, None, f"tidak dapat dibaca ({exc.strerror})")
    doc, original = _original_of(folder, manifest, data)
    if doc is None or original is None:
        return Filed(source, None, "bukan salah satu PDF putaran ini, atau isi aslinya diubah "
                                   "sebelum ditandatangani")
    try:
        checks = check_signatures(data, anchors)
    except ValueError as exc:
        return Filed(source, None, str(exc))
    if not checks:
        return Filed(source, None, "tidak ada tanda tangan elektronik")
    if not all(c.intact for c in checks):
        return Filed(source, None, "tanda tangan tidak utuh")
    if not all(c.covers_file for c in checks):
        return Filed(source, None, "ada perubahan sesudah ditandatangani")
    if min(c.revision for c in checks) != revisions(original):
        return Filed(source, None, "ada perubahan isi di antara PDF asli dan tanda tangan "
                                   "pertama")
    if change := added_beyond_signatures(original, data):
        return Filed(source, None, f"bukan hanya tanda tangan yang ditambahkan: {change}")
    if not anchors:
        return Filed(source, None, NO_ANCHORS)
    if untrusted := [c.signer for c in checks if not c.trusted]:
        return Filed(source, None, "sertifikat penanda tangan tidak diterbitkan oleh akar "
                                   "tepercaya kantor: " + "; ".join(untrusted))
    relative = _free_name(folder, doc)
    if doc.signed_pdf:
        doc.previous_signed.append(doc.previous_entry("diganti naskah bertanda tangan dari luar"))
    doc.kode_cek = new_code()  # its page and POST /cek know it (it has no QR of ours)
    write_atomic(folder / relative, data)
    doc.signed_pdf, doc.sha256["signed_pdf"] = relative, sha256_bytes(data)
    doc.signers = [{"subject": c.signer, "cert_sha256": c.fingerprint} for c in checks]
    doc.signer = "; ".join(c.signer for c in checks)
    doc.signer_cert_sha256 = checks[0].fingerprint
    doc.signed_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    doc.signed_externally = True
    return Filed(source, relative, "diarsipkan")


def _original_of(folder: Path, manifest: Manifest, data: bytes
                 ) -> tuple[DocumentRecord | None, bytes | None]:
    for doc in manifest.documents:
        if not doc.pdf:
            continue
        original_path = folder / doc.pdf
        if not original_path.is_file() or sha256_file(original_path) != doc.sha256.get("pdf"):
            continue
        original = original_path.read_bytes()
        if len(data) > len(original) and data.startswith(original):
            return doc, original
    return None, None


def _free_name(folder: Path, doc: DocumentRecord) -> str:
    """The next free signed name; a file there that the manifest does not name is kept too
    (it is not ours to replace: verify reports it)."""
    assert doc.pdf is not None
    stem = Path(doc.pdf).stem
    taken = {p["path"] for p in doc.previous_signed} | {doc.signed_pdf}
    taken |= {f"ttd/{p.name}" for p in (folder / "ttd").glob(f"{stem}*.pdf")}
    return signed_name(stem, taken)
