"""The stand-in for a certificate of BSrE (a TEST-ONLY key), and settings that trust it."""

from __future__ import annotations

from pathlib import Path

BSRE_STANDIN = Path(__file__).resolve().parent / "data" / "bupati-TEST-ONLY.p12"
PASSPHRASE = b"uji-saja-bukan-rahasia"


def trusting_settings(folder: Path, extra: str = "") -> Path:
    """A settings file in ``folder`` whose tanda_tangan.akar_tepercaya is the stand-in's
    certificate (``extra``: more TOML appended)."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _, cert, _ = pkcs12.load_key_and_certificates(BSRE_STANDIN.read_bytes(), PASSPHRASE)
    assert cert is not None
    pem = folder / "akar-bsre.pem"
    pem.write_bytes(cert.public_bytes(Encoding.PEM))
    settings = folder / "naskah.toml"
    settings.write_text(f'[tanda_tangan]\nakar_tepercaya = ["{pem}"]\n{extra}', encoding="utf-8")
    return settings
