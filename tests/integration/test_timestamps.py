"""With a timestamp authority configured, signatures are PAdES B-T: tested against a real
RFC 3161 HTTP endpoint on loopback, backed by pyHanko's test timestamper."""

from __future__ import annotations

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from flows.pdf import signers
from flows.pdf.validation import check_signatures
from flows.settings import load_settings
from tests.rounds import produce_round
from tests.workbooks import sample


def tsa_identity() -> tuple[asn1_x509.Certificate, asn1_keys.PrivateKeyInfo]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA UJI SAJA (TEST ONLY)")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                           critical=True)
            .sign(key, hashes.SHA256()))
    der = serialization.Encoding.DER
    return (asn1_x509.Certificate.load(cert.public_bytes(der)),
            asn1_keys.PrivateKeyInfo.load(key.private_bytes(
                der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())))


@pytest.fixture
def tsa_url():
    stamper = DummyTimeStamper(*tsa_identity())

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()


def test_signatures_carry_a_timestamp_when_an_authority_is_configured(tsa_url, tmp_path,
                                                                      monkeypatch):
    from tests.conftest import require_program

    require_program("soffice")
    monkeypatch.setattr(signers, "_loaded", {})
    settings_file = tmp_path / "naskah.toml"
    settings_file.write_text(f'[tanda_tangan]\nurl_stempel_waktu = "{tsa_url}"\n',
                             encoding="utf-8")
    signing = load_settings(settings_file).signing
    (signer,) = signers.signers_for("sk_tim", signing)
    content = sample()
    content.pejabat = content.pejabat[:1]
    summary = produce_round(tmp_path, content, signer=signer)
    assert summary.ok, summary.failures
    signed = (Path(summary.folder) / "ttd" / "sk_tim.pdf").read_bytes()
    (check,) = check_signatures(signed)
    assert check.ok and check.timestamped
