"""Write the committed TEST-ONLY certificates of tests/data (never for real letters).

Run: .venv/bin/python -m scripts.make_test_certificates
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PASSWORD = b"uji-saja-bukan-rahasia"
"""Documented in tests/data/README.md: these keys protect nothing."""


def certificate(name: str, path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, f"{name} (UJI SAJA - TEST ONLY)"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "naskah tests"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
    ])
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=365 * 30))
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        name.encode(), key, cert, None, serialization.BestAvailableEncryption(PASSWORD)))
    print(f"ditulis: {path}")


if __name__ == "__main__":
    DATA.mkdir(parents=True, exist_ok=True)
    certificate("Bupati Contoh", DATA / "bupati-TEST-ONLY.p12")
    certificate("Anggota Tim Contoh", DATA / "anggota-TEST-ONLY.p12")
