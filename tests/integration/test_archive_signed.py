"""Letters signed elsewhere come into the archive only as the round's own, unchanged PDFs."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader, PdfWriter

from flows.cli import main
from flows.pdf.signing import load_pkcs12
from flows.verify import verify_round
from tests.bsre import BSRE_STANDIN, PASSPHRASE, trusting_settings
from tests.conftest import require_program
from tests.rounds import produce_round
from tests.workbooks import sample


@pytest.fixture(autouse=True)
def anchors(tmp_path, monkeypatch) -> Path:
    """The office trusts the stand-in BSrE certificate (tanda_tangan.akar_tepercaya)."""
    settings = trusting_settings(tmp_path)
    monkeypatch.setenv("NASKAH_SETTINGS", str(settings))
    return settings


@pytest.fixture(scope="module")
def unsigned_round(tmp_path_factory) -> Path:
    require_program("soffice")
    content = sample()
    content.pejabat = content.pejabat[:2]
    summary = produce_round(tmp_path_factory.mktemp("arsip"), content, sign=False)
    return Path(summary.folder)


@pytest.fixture
def folder(unsigned_round, tmp_path) -> Path:
    copy = tmp_path / unsigned_round.name
    shutil.copytree(unsigned_round, copy)
    return copy


def signed_elsewhere(pdf: bytes) -> bytes:
    signer = load_pkcs12(BSRE_STANDIN, PASSPHRASE)
    return signer.sign(pdf, reason="TTE BSrE", location="Damar Jaya")


def test_a_letter_signed_elsewhere_is_filed_and_verifies(folder, tmp_path, capsys):
    signed = tmp_path / "sk_tim_bsre.pdf"
    signed.write_bytes(signed_elsewhere((folder / "pdf" / "sk_tim.pdf").read_bytes()))
    assert main(["archive-signed", str(folder), str(signed)]) == 0
    assert "DIARSIPKAN  sk_tim_bsre.pdf -> ttd/sk_tim.pdf" in capsys.readouterr().out
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sk = next(d for d in manifest["documents"] if d["kind"] == "sk_tim")
    assert sk["signed_pdf"] == "ttd/sk_tim.pdf" and sk["signed_externally"] is True
    assert "Bupati Contoh" in sk["signer"]
    assert verify_round(folder)[1] == []


def test_anything_else_is_refused_with_the_reason(folder, tmp_path, capsys):
    original = (folder / "pdf" / "berita_acara.pdf").read_bytes()
    changed = bytearray(original)
    # a byte of the page content changed (inside a stream, so the PDF stays readable)
    start = re.compile(rb">>\s*stream\r?\n").search(original, len(original) // 2)
    assert start is not None
    changed[start.end() + 16] ^= 0x01
    cases = {
        "diubah.pdf": signed_elsewhere(bytes(changed)),
        "tanpa-ttd.pdf": original + b"\n",
        "lain.pdf": signed_elsewhere(_other_pdf()),
        "isi-ditambah.pdf": signed_elsewhere(_with_revision(original)),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert main(["archive-signed", str(folder), *(str(tmp_path / n) for n in cases)]) == 1
    out = capsys.readouterr().out
    assert "DITOLAK     diubah.pdf: bukan salah satu PDF putaran ini" in out
    assert "DITOLAK     tanpa-ttd.pdf: tidak ada tanda tangan elektronik" in out
    assert "DITOLAK     lain.pdf: bukan salah satu PDF putaran ini" in out
    assert "DITOLAK     isi-ditambah.pdf: ada perubahan isi di antara PDF asli" in out
    assert not (folder / "ttd").exists()  # nothing was filed


def _other_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _with_revision(original: bytes) -> bytes:
    """An incremental update that changes the content before anyone signs."""
    writer = IncrementalPdfFileWriter(io.BytesIO(original), strict=False)
    info = writer.document_meta
    info.title = "Diubah diam-diam"
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    assert PdfReader(io.BytesIO(out.getvalue()))
    return out.getvalue()


def _self_made_bsre():  # type: ignore[no-untyped-def]
    """A certificate anyone can make, named like BSrE's."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    from flows.pdf.signing import from_key_and_certificate

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bupati Contoh"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                         "Balai Sertifikasi Elektronik")])
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650))
            .sign(key, hashes.SHA256()))
    return from_key_and_certificate(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption()),
        cert.public_bytes(serialization.Encoding.DER), ())


def _text_changed_while_signing(pdf: bytes) -> bytes:
    """Visible text added to page 1 in the same revision as the signature."""
    from pyhanko import stamp
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    stamp.TextStamp(writer, style=stamp.TextStampStyle(stamp_text="NILAI AKHIR 99,00")).apply(
        dest_page=0, x=100, y=400)
    out = io.BytesIO()
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(
        field_name="TTE", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES),
        signer=load_pkcs12(BSRE_STANDIN, PASSPHRASE).signer, output=out)
    return out.getvalue()


def test_a_self_made_bsre_certificate_and_a_text_change_inside_the_signature_are_refused(
        folder, tmp_path, capsys):
    original = (folder / "pdf" / "sk_tim.pdf").read_bytes()
    forged = tmp_path / "bsre-palsu.pdf"
    forged.write_bytes(_self_made_bsre().sign(original, reason="TTE", location="Jakarta"))
    changed = tmp_path / "isi-diubah.pdf"
    changed.write_bytes(_text_changed_while_signing(original))
    before = (folder / "manifest.json").read_bytes()
    assert main(["archive-signed", str(folder), str(forged), str(changed)]) == 1
    out = capsys.readouterr().out
    assert "DITOLAK     bsre-palsu.pdf: sertifikat penanda tangan tidak diterbitkan oleh akar " \
           "tepercaya" in out
    assert "DITOLAK     isi-diubah.pdf: bukan hanya tanda tangan yang ditambahkan" in out
    assert not (folder / "ttd").exists() and (folder / "manifest.json").read_bytes() == before


def test_without_trust_anchors_no_external_signature_is_filed(folder, tmp_path, monkeypatch,
                                                              capsys):
    monkeypatch.delenv("NASKAH_SETTINGS")
    signed = tmp_path / "sk_tim_bsre.pdf"
    signed.write_bytes(signed_elsewhere((folder / "pdf" / "sk_tim.pdf").read_bytes()))
    assert main(["archive-signed", str(folder), str(signed)]) == 1
    assert "tidak ada akar tepercaya" in capsys.readouterr().out
    assert not (folder / "ttd").exists()


def test_verify_reports_a_forged_external_signature_slipped_into_the_manifest(folder, tmp_path):
    """Filing by hand (copy + manifest edit) passes the hash check; verify still refuses it."""
    from flows.outputs.files import sha256_bytes

    original = (folder / "pdf" / "sk_tim.pdf").read_bytes()
    (folder / "ttd").mkdir()
    cases = {"ttd/sk_tim.pdf": _text_changed_while_signing(original),
             "ttd/berita_acara.pdf": _self_made_bsre().sign(
                 (folder / "pdf" / "berita_acara.pdf").read_bytes(), reason="TTE",
                 location="Jakarta")}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for relative, data in cases.items():
        (folder / relative).write_bytes(data)
        doc = next(d for d in manifest["documents"] if d["pdf"] == relative.replace("ttd/",
                                                                                    "pdf/"))
        doc["signed_pdf"], doc["sha256"]["signed_pdf"] = relative, sha256_bytes(data)
        doc["signers"], doc["signed_externally"] = [], True
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    problems = {p.path: p.message for p in verify_round(folder)[1]}
    assert "bukan hanya tanda tangan" in problems["ttd/sk_tim.pdf"]
    assert "akar tepercaya" in problems["ttd/berita_acara.pdf"]


def test_a_rerun_keeps_the_record_that_a_letter_was_signed_in_bsre(unsigned_round, folder,
                                                                   tmp_path):
    """Issue 15 item 4: the rerun carried the BSrE-signed file over but dropped
    ``signed_externally``, so the archive called it ours and verify blamed the seal."""
    from dataclasses import replace

    from flows.pipeline.plain import run_plain
    from flows.pipeline.round import RunOptions
    from flows.settings import load_settings

    signed = tmp_path / "sk_tim_bsre.pdf"
    signed.write_bytes(signed_elsewhere((folder / "pdf" / "sk_tim.pdf").read_bytes()))
    assert main(["archive-signed", str(folder), str(signed)]) == 0
    base = unsigned_round.parent.parent  # produce_round's folder: workbook and register
    settings = replace(load_settings(), register=base / "register.sqlite")
    summary = run_plain(base / "putaran.xlsx", RunOptions(folder.parent, sign=True), settings)
    assert summary.ok, summary
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sk = next(d for d in manifest["documents"] if d["kind"] == "sk_tim")
    assert sk["signed_pdf"] == "ttd/sk_tim.pdf" and sk["signed_externally"] is True
    assert sk["previous_signed"] == []
    assert verify_round(folder)[1] == []
