"""Electronic signatures: PAdES baseline B-B with pyHanko, behind a small interface.

Without an office certificate, ``specimen_signer`` makes a throwaway certificate at run time
whose name says SPESIMEN, so a demo shows the whole path and nobody mistakes it for a real
signature. Signing only appends an incremental revision: the unsigned bytes stay intact.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko import stamp
from pyhanko.pdf_utils import layout, text
from pyhanko.pdf_utils.font.basic import SimpleFontEngineFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from flows.domain import indonesian as fmt
from flows.errors import EngineError

LETTER_FONT = SimpleFontEngineFactory("Helvetica", 0.52)
"""The stamp's text in the letters' sans-serif (Arial; Helvetica is its PDF standard font),
not pyHanko's default Courier."""

SPECIMEN_NAME = "SPESIMEN - BUKAN TANDA TANGAN SAH"
SPECIMEN_FOOTER = ("SPESIMEN: dokumen ini ditandatangani dengan sertifikat uji coba naskah dan "
                   "bukan tanda tangan elektronik yang sah.")


@dataclass(frozen=True, slots=True)
class Appearance:
    """Where and how a signature is shown on the page."""

    page: int
    box: tuple[int, int, int, int]
    """x1, y1, x2, y2 in PDF points."""
    url: str
    """What the QR code holds."""
    footer: str | None = None
    """Text at the foot of page 1 (applied with the first signature only)."""
    code: str = ""
    """The letter's verification code, printed small under the QR."""
    compact: bool = False
    """A small stamp in a table cell (the signer's name is printed beside it): short text,
    so the QR code keeps its size."""
    zone: str = "WIB"
    """The office's time zone for the stamp's time (WIB, WITA or WIT)."""


class SigningError(EngineError):
    """A document could not be signed."""


class PdfSigner(Protocol):
    """Signs a finished PDF; returns the signed bytes (the input plus a new revision)."""

    @property
    def subject(self) -> str: ...

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the signing certificate, hex: what `naskah verify` checks a signature by."""

    def sign(self, pdf: bytes, *, reason: str, location: str,
             field_name: str = "TandaTanganElektronik",
             appearance: Appearance | None = None) -> bytes: ...


@dataclass(frozen=True)
class PyHankoSigner:
    """A PAdES signer from a key and its certificate chain."""

    signer: signers.SimpleSigner
    subject: str
    fingerprint: str
    timestamper: Any = None
    """An RFC 3161 client: signatures become PAdES B-T."""

    @property
    def specimen(self) -> bool:
        return SPECIMEN_NAME in self.subject

    def reserved_bytes(self) -> int:
        """Room for the signature container: its certificates twice over, the signature, and
        a timestamp token when there is a timestamp authority. Fixing it saves pyHanko a trial
        signature per document (about a third of the signing time)."""
        certificates = sum(len(c.dump()) for c in self.signer.cert_registry)
        return 8192 + 2 * certificates + (16384 if self.timestamper is not None else 0)

    def sign(self, pdf: bytes, *, reason: str, location: str,
             field_name: str = "TandaTanganElektronik",
             appearance: Appearance | None = None) -> bytes:
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            meta = signers.PdfSignatureMetadata(
                field_name=field_name, md_algorithm="sha256",
                subfilter=fields.SigSeedSubFilter.PADES, reason=reason, location=location,
            )
            out = io.BytesIO()
            reserve = self.reserved_bytes()
            if appearance is None:
                signers.sign_pdf(writer, meta, signer=self.signer, output=out,
                                 timestamper=self.timestamper, bytes_reserved=reserve)
                return out.getvalue()
            if appearance.footer:
                _footer(writer, SPECIMEN_FOOTER if self.specimen else appearance.footer)
            if appearance.compact:
                words = ("SPESIMEN\n" if self.specimen else "") + \
                    "Ditandatangani\nsecara elektronik\n%(waktu)s"
                size = 6
            else:
                words, size = "Ditandatangani secara elektronik oleh\n%(signer)s\n%(waktu)s", 7
            style = (CodeQRStampStyle if appearance.code else stamp.QRStampStyle)(
                stamp_text=words, border_width=0,
                text_box_style=text.TextBoxStyle(font=LETTER_FONT, font_size=size))
            field = fields.SigFieldSpec(sig_field_name=field_name, on_page=appearance.page,
                                        box=appearance.box)
            moment = fmt.waktu(dt.datetime.now(dt.UTC), appearance.zone)
            signers.PdfSigner(meta, signer=self.signer, stamp_style=style,
                              new_field_spec=field, timestamper=self.timestamper).sign_pdf(
                writer, output=out, appearance_text_params={
                    "url": appearance.url, "waktu": moment,
                    **({"kode": appearance.code} if appearance.code else {})},
                bytes_reserved=reserve)
            return out.getvalue()
        except Exception as exc:  # pyHanko raises many kinds on a damaged PDF
            raise SigningError(f"Dokumen tidak dapat ditandatangani: {exc}") from exc


CODE_FONT_PT = 5
"""Size of the verification code printed under the QR."""
TEXT_BOX_MARGIN = text.DEFAULT_TEXT_BOX_MARGIN


@dataclass(frozen=True)
class CodeQRStampStyle(stamp.QRStampStyle):
    """The QR with the letter's verification code printed small under it (a reader without
    a phone types the code in); the signer and time to the right, as before."""

    def create_stamp(self, writer: BasePdfFileWriter, box: layout.BoxConstraints,
                     text_params: dict[str, Any]) -> _CodeQRStamp:
        params = dict(text_params)
        url, code = params.pop("url"), params.pop("kode")
        return _CodeQRStamp(writer, url, self, code, text_params=params, box=box)


class _CodeQRStamp(stamp.QRStamp):
    def __init__(self, writer: BasePdfFileWriter, url: str, style: stamp.QRStampStyle,
                 code: str, text_params: dict[str, Any] | None = None,
                 box: layout.BoxConstraints | None = None) -> None:
        super().__init__(writer, url, style, text_params=text_params, box=box)
        self.code = code

    # pyHanko types the natural size as ints; its own text stamps' sizes are floats too.
    def _inner_layout_natural_size(  # type: ignore[override]
            self) -> tuple[list[bytes], tuple[float, float]]:
        from pyhanko.pdf_utils import content
        from pyhanko.pdf_utils.generic import pdf_name

        from flows.cek.code import grouped

        text_commands, (text_width, text_height) = stamp.TextStamp._inner_layout_natural_size(
            self)
        qr_ref, natural = self._qr_xobject()
        self.set_resource(category=content.ResourceType.XOBJECT, name=pdf_name("/QR"),
                          value=qr_ref)
        gap = self.style.innsep
        caption = text.TextBox(text.TextBoxStyle(font=LETTER_FONT, font_size=CODE_FONT_PT),
                               writer=self.writer,
                               resources=self.resources, font_name="F2")
        caption.content = f"Kode: {grouped(self.code)}"
        height = max(self.box.height if self.box.height_defined else 0,
                     text_height + CODE_FONT_PT + 2 * gap)
        qr_size = height - CODE_FONT_PT - 3 * gap
        width = qr_size + 2 * gap + text_width
        scale = qr_size / natural
        commands = [
            b"q %g 0 0 %g %g %g cm /QR Do Q" % (scale, scale, gap, height - gap - qr_size),
            # the text box draws inside a margin of its own: the code sits at the QR's left
            # edge, under it
            b"q 1 0 0 1 %g %g cm" % (gap - TEXT_BOX_MARGIN, gap - TEXT_BOX_MARGIN),
            caption.render(), b"Q",
            b"q 1 0 0 1 %g %g cm" % (qr_size + 2 * gap, (height - text_height) / 2),
            *text_commands, b"Q",
        ]
        return commands, (width, height)


def _footer(writer: IncrementalPdfFileWriter, footer: str) -> None:
    lines = textwrap.wrap(footer, 110)
    box = layout.BoxConstraints(width=460, height=10 * len(lines) + 4)
    style = stamp.TextStampStyle(stamp_text="\n".join(lines), border_width=0,
                                 text_box_style=text.TextBoxStyle(font=LETTER_FONT, font_size=7))
    stamp.TextStamp(writer, style=style, box=box).apply(dest_page=0, x=85, y=12)


def specimen_signer(now: dt.datetime | None = None, holder: str = "") -> PyHankoSigner:
    """A signer with a self-signed certificate made now, clearly named SPESIMEN; with
    ``holder``, the SPESIMEN of that person (a member signing the berita acara)."""
    now = now or dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    common = f"{holder.strip()[:50]} (SPESIMEN)" if holder.strip() else SPECIMEN_NAME
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, SPECIMEN_NAME),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "naskah (demo)"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
    ])
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return from_key_and_certificate(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption()),
        cert.public_bytes(serialization.Encoding.DER), chain=())


def load_pkcs12(path: Path, passphrase: bytes) -> PyHankoSigner:
    """A signer from the office's PKCS#12 file; SigningError says what is wrong."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"Berkas sertifikat {path} tidak dapat dibaca: {exc}") from None
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase)
    except ValueError:
        raise SigningError(f"Kata sandi sertifikat {path.name} salah, atau berkas bukan "
                           "PKCS#12 (.p12/.pfx).") from None
    if key is None or cert is None:
        raise SigningError(f"Berkas {path.name} tidak berisi kunci dan sertifikat.")
    der = serialization.Encoding.DER
    return from_key_and_certificate(
        key.private_bytes(der, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption()),
        cert.public_bytes(der), tuple(c.public_bytes(der) for c in chain or ()))


def from_key_and_certificate(key_der: bytes, cert_der: bytes,
                             chain: tuple[bytes, ...]) -> PyHankoSigner:
    cert = asn1_x509.Certificate.load(cert_der)
    others = [asn1_x509.Certificate.load(c) for c in chain]
    signer = signers.SimpleSigner(
        signing_cert=cert, signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert, *others]),
    )
    return PyHankoSigner(signer, cert.subject.human_friendly, cert.sha256.hex())


def with_timestamps(signer: PyHankoSigner, url: str | None) -> PyHankoSigner:
    """The same signer, asking ``url`` (an RFC 3161 authority) to timestamp each signature."""
    if url is None:
        return signer
    from dataclasses import replace

    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    return replace(signer, timestamper=RequestsHTTPTimeStamper(url, timeout=30))


def common_names(subject: str) -> list[str]:
    """Who a signer text names, as a clerk reads it: the Common Name of each certificate of
    ``Common Name: …, Organization: …; Common Name: …`` (a part naming none, as it is)."""
    names = []
    for part in subject.split(";"):
        match = re.search(r"Common Name: (.*?)(?=, [A-Z][A-Za-z ]*: |$)", part.strip())
        if match or part.strip():
            names.append((match[1] if match else part).strip())
    return names
