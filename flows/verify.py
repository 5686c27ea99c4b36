"""`naskah verify ROUND_DIR`: every file against the manifest, every signature checked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from flows.errors import EngineError
from flows.outputs.files import sha256_file
from flows.outputs.manifest import MANIFEST
from flows.pdf.validation import check_signatures


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str


def verify_round(folder: Path) -> tuple[int, list[Problem]]:
    """(files checked, problems); EngineError when there is no readable manifest."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        documents = manifest["documents"]
    except FileNotFoundError:
        raise EngineError(f"{folder} bukan folder putaran: {MANIFEST} tidak ada.") from None
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise EngineError(f"{folder / MANIFEST} rusak: {exc}") from None
    problems: list[Problem] = []
    checked = 0
    for doc in documents:
        for part in ("docx", "pdf", "signed_pdf"):
            relative = doc.get(part)
            if not relative:
                continue
            checked += 1
            path = folder / relative
            if not path.is_file():
                problems.append(Problem(relative, "berkas hilang"))
                continue
            if sha256_file(path) != doc["sha256"].get(part):
                problems.append(Problem(relative, "isi berkas berubah (hash SHA-256 berbeda "
                                                  "dari manifest)"))
                continue
            if part == "signed_pdf":
                expected = [s["cert_sha256"] for s in doc.get("signers", [])] or [
                    doc.get("signer_cert_sha256")]
                problems += _signature_problems(relative, path.read_bytes(), expected)
        for earlier in doc.get("previous_signed", []):
            checked += 1
            path = folder / earlier["path"]
            if not path.is_file() or sha256_file(path) != earlier["sha256"]:
                problems.append(Problem(earlier["path"], "versi bertanda tangan sebelumnya "
                                                         "hilang atau berubah"))
    bundle = manifest.get("bundle")
    if bundle:
        checked += 1
        path = folder / bundle["path"]
        if not path.is_file():
            problems.append(Problem(bundle["path"], "berkas hilang"))
        elif sha256_file(path) != bundle["sha256"]:
            problems.append(Problem(bundle["path"], "isi berkas berubah (hash SHA-256 berbeda "
                                                    "dari manifest)"))
    return checked, problems


def _signature_problems(relative: str, pdf: bytes,
                        fingerprints: list[str | None]) -> list[Problem]:
    try:
        checks = check_signatures(pdf)
    except ValueError as exc:
        return [Problem(relative, str(exc))]
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
