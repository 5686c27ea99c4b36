"""Sign one letter: one signature (an incremental revision) per signer, each shown where the
letter names its signer, with the verification QR. Pure of the pipeline: the signing pool's
worker processes and the pipeline's steps both call it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import quote

from flows.errors import EngineError
from flows.pdf.placement import row_box, signature_box
from flows.pdf.signing import Appearance, PdfSigner

RETRY_DELAYS_S = (2.0, 8.0)
"""Pauses before each retry of a failed signature (a timestamp server that did not answer)."""


@dataclass(frozen=True)
class Visible:
    """How signatures are shown: the public address the QR leads to (``{url_publik}/cek/
    {kode}``) and the footer (None: invisible)."""

    public_url: str
    footer: str
    kode_putaran: str
    zone: str = "WIB"
    """The office's time zone for the stamp's time."""


@dataclass(frozen=True)
class SignRequest:
    """One letter to sign, with everything its signatures show (picklable: it may be signed
    in a worker process)."""

    unsigned: bytes
    reason: str
    location: str
    names: tuple[str, ...]
    """How the signer is printed in the letter (where a visible signature goes)."""
    number: str
    visible: Visible | None
    code: str = ""
    """The letter's verification code: the QR leads to its page and it is printed under it."""
    rows: tuple[str, ...] = ()
    """Who signs in which row of the signature table, in signing order (berita acara)."""


def sign_letter(request: SignRequest, chain: list[PdfSigner]) -> bytes:
    """The letter with one signature (an incremental revision) per signer, in order."""
    signed = request.unsigned
    for index, signer in enumerate(chain, start=1):
        look = _appearance(request, index) if request.visible else None
        signed = _sign_with_retries(signer, signed, request, f"TTE-{index}", look)
    return signed


def _appearance(request: SignRequest, index: int) -> Appearance:
    visible = request.visible
    assert visible is not None
    place = (row_box(request.unsigned, request.rows[index - 1])
             if index <= len(request.rows) else None)
    page, box = place or signature_box(request.unsigned, list(request.names), index - 1)
    url = verification_url(visible.public_url, request.code)
    return Appearance(page, box, url, visible.footer if index == 1 else None, request.code,
                      compact=place is not None, zone=visible.zone)


def verification_url(public_url: str, code: str) -> str:
    """What the QR holds: the letter's page on the office's public address."""
    return f"{public_url.rstrip('/')}/cek/{quote(code, safe='')}"


def _sign_with_retries(signer: PdfSigner, pdf: bytes, request: SignRequest, field: str,
                       appearance: Appearance | None) -> bytes:
    for delay in (*RETRY_DELAYS_S, None):
        try:
            return signer.sign(pdf, reason=request.reason, location=request.location,
                               field_name=field, appearance=appearance)
        except EngineError:
            if delay is None:
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
