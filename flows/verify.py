"""`naskah verify ROUND_DIR`: every file against the manifest, every signature checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flows.errors import EngineError
from flows.outputs.files import sha256_file
from flows.outputs.journal import JOURNAL
from flows.outputs.manifest import MANIFEST, DocumentRecord, Manifest, ManifestError
from flows.outputs.seal import SEAL, check_seal
from flows.pdf.validation import (
    SignatureCheck,
    added_beyond_signatures,
    check_signatures,
    load_anchors,
)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str


def verify_round(folder: Path, roots: Sequence[Path] | None = None,
                 register: Path | str | None = None) -> tuple[int, list[Problem]]:
    """(files checked, problems); EngineError when there is no readable manifest.

    A letter signed elsewhere must also still chain to the trust anchors (``roots``, default
    ``tanda_tangan.akar_tepercaya``) and add nothing to the round's PDF but signatures. The
    manifest must carry its seal (manifest.json.sig); with ``register``, every number it
    allocated to the round must be a letter of the manifest."""
    if roots is None:
        from flows.settings import load_settings

        roots = load_settings().signing.trust_roots
    try:
        anchors = load_anchors(roots)
    except ValueError as exc:
        raise EngineError(f"Pengaturan tanda_tangan.akar_tepercaya: {exc}.") from None
    try:
        manifest = Manifest.read(folder)
    except FileNotFoundError:
        raise EngineError(f"{folder} bukan folder putaran: {MANIFEST} tidak ada.") from None
    except ManifestError as exc:
        raise EngineError(f"{folder / MANIFEST} rusak: {exc}") from None
    problems: list[Problem] = []
    checked = 0
    own_signers: list[SignatureCheck] = []
    """Who really signed naskah's own letters: the certificates in the PDFs, not what the
    manifest says of them (an edit of the manifest can change that)."""
    for doc in manifest.documents:
        for part in ("docx", "pdf", "signed_pdf"):
            relative = getattr(doc, part)
            if not relative:
                continue
            checked += 1
            path = folder / relative
            if not path.is_file():
                problems.append(Problem(relative, "berkas hilang"))
                continue
            if sha256_file(path) != doc.sha256.get(part):
                problems.append(Problem(relative, "isi berkas berubah (hash SHA-256 berbeda "
                                                  "dari manifest)"))
                continue
            if part == "signed_pdf":
                expected: list[str | None] = ([s["cert_sha256"] for s in doc.signers]
                                              or [doc.signer_cert_sha256])
                signed = path.read_bytes()
                problems += _signature_problems(
                    relative, signed, expected,
                    None if doc.signed_externally else own_signers)
                if doc.signed_externally:
                    problems += _external_problems(folder, doc, relative, signed, anchors)
        for earlier in doc.previous_signed:
            checked += 1
            path = folder / earlier["path"]
            if not path.is_file() or sha256_file(path) != earlier["sha256"]:
                problems.append(Problem(earlier["path"], "versi bertanda tangan sebelumnya "
                                                         "hilang atau berubah"))
    problems += _unlisted(folder, manifest)
    problems += _seal_problems(folder, manifest, anchors, own_signers)
    problems += _register_problems(manifest, register)
    bundle = manifest.bundle
    if bundle:
        checked += 1
        path = folder / bundle["path"]
        if not path.is_file():
            problems.append(Problem(bundle["path"], "berkas hilang"))
        elif sha256_file(path) != bundle["sha256"]:
            problems.append(Problem(bundle["path"], "isi berkas berubah (hash SHA-256 berbeda "
                                                    "dari manifest)"))
    return checked, problems


def _seal_problems(folder: Path, manifest: Manifest, anchors: list,
                   own_signers: Sequence[SignatureCheck] = ()) -> list[Problem]:
    """The manifest must carry the seal of a certificate that signed this round's letters
    (``own_signers``: the signatures found in them) or of the trust anchors, once anything
    in it is signed. A SPESIMEN seal passes only when those letters are SPESIMEN too."""
    signed = manifest.signed()
    if not (folder / SEAL).is_file():
        if signed:
            return [Problem(MANIFEST, f"manifest tidak bersegel ({SEAL} tidak ada): isinya "
                                      "tidak dapat dibuktikan utuh")]
        return []
    try:
        seal = check_seal(folder, anchors)
    except ValueError as exc:
        return [Problem(SEAL, str(exc))]
    if not seal.intact:
        return [Problem(MANIFEST, f"manifest diubah sesudah disegel ({SEAL} tidak cocok)")]
    ours = [d for d in signed if not d.signed_externally]
    own = {c.fingerprint for c in own_signers}
    demo = "SPESIMEN" in seal.subject and bool(own_signers) and all(
        "SPESIMEN" in c.signer for c in own_signers)
    if ours and seal.fingerprint not in own and not seal.trusted and not demo:
        return [Problem(SEAL, f"segel manifest dibuat oleh sertifikat yang tidak "
                              f"menandatangani surat putaran ini: {seal.subject}")]
    return []


def _register_problems(manifest: Manifest, register: Path | str | None) -> list[Problem]:
    """Every number the register allocated to this round is a letter of the manifest (or a
    recorded failure): a letter removed together with its entry shows here. The register is
    a SQLite file (never created here) or a PostgreSQL URL."""
    from flows.register import is_url, open_register

    if register is None or not (is_url(register) or Path(register).is_file()):
        return []
    try:
        opened = open_register(register)
        try:
            numbers = opened.numbers(manifest.kode_putaran)
        finally:
            getattr(opened, "close", lambda: None)()
    except Exception as exc:  # an unreadable register is reported, not a reason to stop
        return [Problem(str(register), f"register tidak dapat dibaca ({type(exc).__name__})")]
    present = {d.key: d.number for d in manifest.documents}
    failed = {(f.get("kind"), f.get("nip") or "") for f in manifest.failures}
    return [Problem(MANIFEST, f"nomor {number} ({kind} {nip or '-'}) tercatat di register "
                              "tetapi suratnya tidak ada di manifest")
            for (kind, nip), number in sorted(numbers.items())
            if (kind, nip) not in failed and present.get((kind, nip)) != number]


OWN_FILES = {MANIFEST, "rekap.xlsx", ".naskah.lock", SEAL, JOURNAL}
"""Files of a round folder that are not letters (the manifest does not list them)."""


def _unlisted(folder: Path, manifest: Manifest) -> list[Problem]:
    """Every file in the round folder that the manifest does not list (a second signed copy
    an interrupted run left, a letter slipped in by hand …)."""
    listed = OWN_FILES | manifest.listed_files()
    return [Problem(relative, "berkas tidak tercatat di manifest")
            for relative in sorted(p.relative_to(folder).as_posix()
                                   for p in folder.rglob("*") if p.is_file())
            if relative not in listed]


def _external_problems(folder: Path, doc: DocumentRecord, relative: str, signed: bytes,
                       anchors: list) -> list[Problem]:
    """A letter signed elsewhere: only signatures added to the round's PDF, by a certificate
    of the trust anchors."""
    original = folder / (doc.pdf or "")
    if not doc.pdf or not original.is_file():
        return [Problem(relative, "PDF asli putaran tidak ada: isi tanda tangan luar tidak "
                                  "dapat dibandingkan")]
    if change := added_beyond_signatures(original.read_bytes(), signed):
        return [Problem(relative, f"bukan hanya tanda tangan yang ditambahkan: {change}")]
    if not anchors:
        return [Problem(relative, "tanda tangan luar tidak dapat diperiksa: tidak ada akar "
                                  "tepercaya (tanda_tangan.akar_tepercaya)")]
    try:
        untrusted = [c.signer for c in check_signatures(signed, anchors) if not c.trusted]
    except ValueError as exc:
        return [Problem(relative, str(exc))]
    if untrusted:
        return [Problem(relative, "sertifikat tidak diterbitkan oleh akar tepercaya: "
                                  + "; ".join(untrusted))]
    return []


def _signature_problems(relative: str, pdf: bytes, fingerprints: Sequence[str | None],
                        signers: list[SignatureCheck] | None = None) -> list[Problem]:
    """Problems of the signatures of one PDF; ``signers`` gets each signature found."""
    try:
        checks = check_signatures(pdf)
    except ValueError as exc:
        return [Problem(relative, str(exc))]
    if signers is not None:
        signers += checks
    if not checks:
        return [Problem(relative, "tidak ada tanda tangan elektronik")]
    problems = []
    for check in checks:
        if not check.intact:
            problems.append(Problem(relative, f"tanda tangan {check.field} tidak utuh"))
        elif not check.covers_file:
            problems.append(Problem(relative, "ada perubahan sesudah ditandatangani"))
    found = {c.fingerprint for c in checks}
    if any(f and f not in found for f in fingerprints):
        problems.append(Problem(relative, "ditandatangani dengan sertifikat lain: "
                                          + "; ".join(c.signer for c in checks)))
    return problems
