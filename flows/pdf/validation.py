"""Validate the PAdES signatures of a PDF with pyHanko (offline: no fetching)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    FormUpdate,
    FormUpdatingRule,
    ModificationLevel,
    StandardDiffPolicy,
    SuspiciousModification,
)
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
    trusted: bool = False
    """The signer's certificate chains to one of the trust anchors given (none given: False)."""

    @property
    def ok(self) -> bool:
        return self.intact and self.covers_file


def check_signatures(pdf: bytes, anchors: Sequence[Any] = ()) -> list[SignatureCheck]:
    """One check per embedded signature; an unreadable PDF gives a ValueError. ``anchors``
    (asn1crypto certificates, see ``load_anchors``) decide ``trusted``."""
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
            signature, ValidationContext(trust_roots=list(anchors), allow_fetching=False))
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
            trusted=bool(anchors) and bool(status.trusted),
        ))
    return checks


def revisions(pdf: bytes) -> int:
    """How many revisions (the original plus incremental updates) a PDF has."""
    return PdfFileReader(io.BytesIO(pdf), strict=False).xrefs.total_revisions


def load_anchors(paths: Sequence[Path]) -> list[Any]:
    """The trust anchors (root or intermediate certificates, PEM or DER) in ``paths``; a
    ValueError names a file that is missing or holds no certificate."""
    from asn1crypto import pem, x509

    anchors = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValueError(f"sertifikat akar {path} tidak dapat dibaca "
                             f"({exc.strerror or type(exc).__name__})") from None
        try:
            blobs = ([der for _, _, der in pem.unarmor(data, multiple=True)]
                     if pem.detect(data) else [data])
            found = [x509.Certificate.load(der) for der in blobs]
            for certificate in found:
                certificate.native  # noqa: B018  (parses now: a broken file fails here)
        except Exception:
            raise ValueError(f"{path} bukan sertifikat X.509 (PEM atau DER)") from None
        if not found:
            raise ValueError(f"{path} tidak berisi sertifikat")
        anchors += found
    return anchors


class _WithEmptyForm:
    """A revision seen as if it had an empty form (``/AcroForm`` with no fields): a PDF made
    by LibreOffice has none, and pyHanko's form rule compares the new form against an old
    one. Everything else is the revision itself."""

    def __init__(self, old: Any, new: Any) -> None:
        self._old = old
        root = generic.DictionaryObject(dict(old.root.items()))
        form = generic.DictionaryObject({generic.NameObject("/Fields"): generic.ArrayObject()})
        try:
            new_form = new.root["/AcroForm"]  # resolved (dict.get would not resolve it)
        except KeyError:
            new_form = None
        if isinstance(new_form, generic.DictionaryObject) and "/SigFlags" in new_form:
            form[generic.NameObject("/SigFlags")] = new_form["/SigFlags"]
        root[generic.NameObject("/AcroForm")] = form
        self.root = root

    def __getattr__(self, name: str) -> Any:
        return getattr(self._old, name)


class _FormFromNothing(FormUpdatingRule):
    """pyHanko's form rule, also for a first signature on a PDF without a form."""

    def apply(self, old: Any, new: Any) -> Iterable[tuple[ModificationLevel, FormUpdate]]:
        if "/AcroForm" not in old.root:
            old = _WithEmptyForm(old, new)
        return super().apply(old, new)


_SIGNING_POLICY = StandardDiffPolicy(
    DEFAULT_DIFF_POLICY.global_rules,
    _FormFromNothing(DEFAULT_DIFF_POLICY.form_rule.field_rules)
    if DEFAULT_DIFF_POLICY.form_rule is not None else None)
"""pyHanko's default difference policy: signatures, their fields and appearances, document
security store and metadata updates pass; a change to a page's content does not."""


def added_beyond_signatures(original: bytes, signed: bytes) -> str | None:
    """Why ``signed`` changes ``original`` by more than signatures and their appearance
    (pyHanko's modification analysis of every revision after the original, the signing
    revisions included); None when it adds only those."""
    logging.getLogger("pyhanko").setLevel(logging.ERROR)
    try:
        base = revisions(original) - 1
        reader = PdfFileReader(io.BytesIO(signed), strict=False)
        result = _SIGNING_POLICY.review_file(reader, base)
    except Exception as exc:
        return f"perubahan tidak dapat diperiksa ({type(exc).__name__})"
    if isinstance(result, SuspiciousModification):
        return "isi halaman atau objek lain diubah bersama tanda tangan"
    if result.modification_level > ModificationLevel.FORM_FILLING:
        return "ada tambahan selain tanda tangan (anotasi atau isi lain)"
    return None
