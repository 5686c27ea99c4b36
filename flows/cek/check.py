"""A PDF against the archive: "asli", "telah diubah" or "tidak dikenal" (`POST /cek`,
`naskah cek`)."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from typing import Any

from flows.cek.archive import ArchiveIndex, Version
from flows.cek.code import PRINTED

ASLI = "asli"
DIUBAH = "telah diubah"
TIDAK_DIKENAL = "tidak dikenal"
MAX_REVISIONS = 100
"""End-of-file markers looked at (an incremental update adds one)."""
MAX_PAGES = 50


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str
    version: Version | None = None
    """The archived letter the PDF is (or claims to be); None when unknown."""

    @property
    def genuine(self) -> bool:
        return self.status == ASLI


def check_pdf(data: bytes, index: ArchiveIndex) -> Verdict:
    """What ``data`` is: the archived signed file of a letter, intact; a known letter with
    other bytes (edited, re-saved, or with an update its signature does not cover); or not a
    letter of this archive."""
    if not data.startswith(b"%PDF-"):
        return Verdict(TIDAK_DIKENAL, "Berkas ini bukan PDF.")
    digest = hashlib.sha256(data).hexdigest()
    version = index.by_sha256(digest)
    if version is not None:
        problem = _signature_problem(data, version)
        if problem:
            return Verdict(DIUBAH, problem, version)
        if not version.current:
            return Verdict(ASLI, "Berkas ini sama persis dengan surat bertanda tangan yang "
                                 "diarsipkan, dan tanda tangannya utuh. Surat ini telah "
                                 "digantikan oleh versi yang lebih baru.", version)
        return Verdict(ASLI, "Berkas ini sama persis dengan surat bertanda tangan yang "
                             "diarsipkan, dan tanda tangannya utuh.", version)
    version = index.by_unsigned_sha256(digest)
    if version is not None:
        return Verdict(DIUBAH, "Berkas ini surat yang dikenal, tetapi tanpa tanda tangan "
                               "elektronik yang diarsipkan.", version)
    prefixes = _revision_prefixes(data)
    for digest in reversed(prefixes):  # the longest archived signed file it starts with
        version = index.by_sha256(digest)
        if version is not None:
            return Verdict(DIUBAH, "Berkas ini berisi surat bertanda tangan yang diarsipkan, "
                                   "tetapi ada perubahan yang ditambahkan sesudah "
                                   "ditandatangani; perubahan itu tidak dilindungi tanda "
                                   "tangan.", version)
    for digest in prefixes:
        version = index.by_unsigned_sha256(digest)
        if version is not None:
            return Verdict(DIUBAH, "Isi awal berkas ini sama dengan surat yang dikenal, tetapi "
                                   "tanda tangan atau perubahan sesudahnya bukan yang "
                                   "diarsipkan.", version)
    code = printed_code(data)
    version = index.by_code(code) if code else None
    if version is not None:
        return Verdict(DIUBAH, "Kode surat ini dikenal, tetapi isi berkas berbeda dari surat "
                               "bertanda tangan yang diarsipkan (diubah atau disimpan ulang).",
                       version)
    return Verdict(TIDAK_DIKENAL, "Berkas ini tidak ada dalam arsip surat instansi ini.")


def _signature_problem(data: bytes, version: Version) -> str | None:
    from flows.pdf.validation import check_signatures

    try:
        checks = check_signatures(data)
    except ValueError:
        return "Tanda tangan elektronik berkas ini tidak dapat dibaca."
    if not checks:
        return "Berkas ini tidak memuat tanda tangan elektronik."
    if not all(c.intact for c in checks):
        return "Tanda tangan elektronik berkas ini tidak utuh."
    if not all(c.covers_file for c in checks):
        return "Ada perubahan sesudah berkas ini ditandatangani."
    expected = {s.get("cert_sha256") for s in version.document.signers}
    if version.current and expected and not expected <= {c.fingerprint for c in checks}:
        return "Berkas ini ditandatangani dengan sertifikat lain dari yang diarsipkan."
    return None


def _revision_prefixes(data: bytes) -> list[str]:
    """SHA-256 of every earlier revision of ``data``: the bytes up to each end-of-file
    marker (with or without its line end), hashed in one pass."""
    ends: list[int] = []
    for match in re.finditer(rb"%%EOF", data):
        end = match.end()
        ends += [end, *(end + len(eol) for eol in (b"\n", b"\r\n", b"\r")
                        if data.startswith(eol, end))]
        if len(ends) >= 3 * MAX_REVISIONS:
            break
    digests, running, done = [], hashlib.sha256(), 0
    for end in sorted(set(ends)):
        if end >= len(data):
            continue
        running.update(data[done:end])
        done = end
        digests.append(running.hexdigest())
    return digests


def printed_code(data: bytes) -> str | None:
    """The verification code printed under the QR of the PDF's signatures, if any."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        for page in list(reader.pages)[:MAX_PAGES]:
            for annotation in page.get("/Annots") or []:
                found = _code_in(annotation.get_object().get("/AP"), 0)
                if found:
                    return found
    except Exception:  # a broken or hostile PDF: no code
        return None
    return None


def _code_in(appearance: Any, depth: int) -> str | None:
    """The printed code in an appearance (pypdf's objects, walked by duck typing)."""
    if appearance is None or depth > 4:
        return None
    stream = appearance.get_object()
    if "/N" in stream:
        return _code_in(stream.get("/N"), depth + 1)
    try:
        content = stream.get_data()
    except Exception:
        return None
    match = PRINTED.search(_literal_text(content))
    if match:
        return match[0].replace(b"-", b"").decode("ascii")
    objects = (stream.get("/Resources") or {}).get("/XObject") or {}
    for ref in list(objects.values())[:10]:
        found = _code_in(ref, depth + 1)
        if found:
            return found
    return None


_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        value = match[1]
        if value[:1].isdigit():
            return bytes([int(value, 8) & 0xFF])
        return {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(value, value)

    return _ESCAPE.sub(one, literal)


def _literal_text(content: bytes) -> bytes:
    """The shown strings of a content stream, escapes and hex strings decoded."""
    parts = [_unescape(m[1:-1]) for m in re.findall(rb"\((?:[^()\\]|\\.)*\)", content)]
    for hexed in re.findall(rb"<([0-9A-Fa-f\s]+)>", content):
        try:
            parts.append(bytes.fromhex(hexed.decode("ascii")))
        except ValueError:
            continue
    return b"\n".join(parts) + b"\n" + content
