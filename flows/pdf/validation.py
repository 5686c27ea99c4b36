"""Validate the PAdES signatures of a PDF with pyHanko (offline: no fetching)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    field: str
    intact: bool
    """The signed bytes are unchanged and the signature matches the certificate's key."""
    covers_file: bool
    """Nothing was changed after the signature: it covers the whole file, or later
    revisions only add further signatures."""
    signer: str
    fingerprint: str
    revision: int
    """The revision this signature signed (0 is the original file)."""
    timestamped: bool = False
    """An RFC 3161 signature timestamp is embedded and matches (PAdES B-T)."""

    @property
    def ok(self) -> bool:
        return self.intact and self.covers_file


def check_signatures(pdf: bytes) -> list[SignatureCheck]:
    """One check per embedded signature; an unreadable PDF gives a ValueError."""
    logging.getLogger("pyhanko").setLevel(logging.ERROR)  # untrusted SPESIMEN certs are fine
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:
        raise ValueError(f"PDF tidak dapat dibaca: {exc}") from exc
    total = reader.xrefs.total_revisions
    checks = []
    for signature in signatures:
        status = validate_pdf_signature(
            signature, ValidationContext(trust_roots=[], allow_fetching=False))
        checks.append(SignatureCheck(
            field=signature.field_name, intact=bool(status.intact and status.valid),
            covers_file=(status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
                # an earlier signature: only later revisions may follow it, adding signatures
                status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
                and signature.signed_revision < total - 1
                and status.modification_level is not None
                and status.modification_level <= ModificationLevel.FORM_FILLING)),
            signer=status.signing_cert.subject.human_friendly,
            fingerprint=status.signing_cert.sha256.hex(), revision=signature.signed_revision,
            timestamped=bool(status.timestamp_validity and status.timestamp_validity.intact),
        ))
    return checks


def revisions(pdf: bytes) -> int:
    """How many revisions (the original plus incremental updates) a PDF has."""
    return PdfFileReader(io.BytesIO(pdf), strict=False).xrefs.total_revisions
