"""`naskah verify` finds every alteration of a signed round and names the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.cli import main
from flows.outputs.files import sha256_file
from flows.pdf.signing import specimen_signer
from tests.conftest import require_program
from tests.rounds import produce_round
from tests.workbooks import sample


@pytest.fixture(scope="module")
def signed_round(tmp_path_factory) -> Path:
    require_program("soffice")
    content = sample()
    content.pejabat = content.pejabat[:3]
    summary = produce_round(tmp_path_factory.mktemp("verify"), content)
    assert summary.ok, summary.failures
    return Path(summary.folder)


@pytest.fixture
def folder(signed_round, tmp_path) -> Path:
    import shutil

    copy = tmp_path / signed_round.name
    shutil.copytree(signed_round, copy)
    return copy


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def set_hash(folder: Path, relative: str) -> None:
    """Make the manifest agree with a changed file, so only the signature check can tell."""
    data = manifest(folder)
    for doc in data["documents"]:
        for part in ("docx", "pdf", "signed_pdf"):
            if doc[part] == relative:
                doc["sha256"][part] = sha256_file(folder / relative)
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def verify(folder: Path, capsys) -> tuple[int, str]:
    code = main(["verify", str(folder)])
    return code, capsys.readouterr().out


def test_an_untouched_round_verifies(folder, capsys):
    code, out = verify(folder, capsys)
    assert code == 0 and out.startswith("Utuh:")
    assert "Manifest bersegel oleh: SPESIMEN" in out


def test_a_tampered_byte_is_found(folder, capsys):
    path = folder / "ttd" / "sk_tim.pdf"
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01
    path.write_bytes(bytes(data))
    code, out = verify(folder, capsys)
    assert code == 1 and "TIDAK UTUH  ttd/sk_tim.pdf: isi berkas berubah" in out
    set_hash(folder, "ttd/sk_tim.pdf")
    code, out = verify(folder, capsys)
    assert code == 1 and "ttd/sk_tim.pdf: tanda tangan" in out


def test_a_replaced_and_a_deleted_file_are_found(folder, capsys):
    (folder / "docx" / "berita_acara.docx").write_bytes(
        (folder / "docx" / "sk_tim.docx").read_bytes())
    (folder / "pdf" / "saran_pendapat.pdf").unlink()
    code, out = verify(folder, capsys)
    assert code == 1
    assert "docx/berita_acara.docx: isi berkas berubah" in out
    assert "pdf/saran_pendapat.pdf: berkas hilang" in out


def test_a_pdf_signed_with_another_certificate_is_found(folder, capsys):
    other = specimen_signer()
    unsigned = (folder / "pdf" / "sk_tim.pdf").read_bytes()
    (folder / "ttd" / "sk_tim.pdf").write_bytes(other.sign(unsigned, reason="x", location="y"))
    set_hash(folder, "ttd/sk_tim.pdf")
    code, out = verify(folder, capsys)
    assert code == 1 and "ttd/sk_tim.pdf: ditandatangani dengan sertifikat lain" in out


def test_content_added_after_signing_is_found(folder, capsys):
    path = folder / "ttd" / "sk_tim.pdf"
    path.write_bytes(path.read_bytes() + b"\n% ditambahkan sesudah tanda tangan\n")
    set_hash(folder, "ttd/sk_tim.pdf")
    code, out = verify(folder, capsys)
    assert code == 1 and "ttd/sk_tim.pdf: ada perubahan sesudah ditandatangani" in out


def test_a_folder_without_manifest_is_a_clear_error(tmp_path, capsys):
    assert main(["verify", str(tmp_path)]) == 1
    assert "bukan folder putaran" in capsys.readouterr().err


def test_the_manifest_is_sealed_and_verify_refuses_edits_to_it(signed_round, folder, tmp_path):
    """Edits that keep every hash consistent with the files (a changed hash with its
    fingerprint, a letter removed with its entry, the results, the approval) break the seal;
    a reseal by another certificate is named; the register shows a removed letter."""
    from flows.outputs.seal import SEAL, write_seal
    from flows.pdf.signing import load_pkcs12
    from flows.verify import verify_round

    register = signed_round.parent.parent / "register.sqlite"
    assert (folder / SEAL).is_file()
    assert verify_round(folder, register=register)[1] == []

    data = manifest(folder)
    removed = data["documents"].pop()
    for part in ("docx", "pdf", "signed_pdf"):
        (folder / removed[part]).unlink()
    data["results"][0]["nilai_akhir"] = "99.99"
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    problems = [p.message for p in verify_round(folder, register=register)[1]]
    assert any("manifest diubah sesudah disegel" in p for p in problems)
    assert any(f"nomor {removed['number']}" in p and "register" in p for p in problems)

    other = load_pkcs12(Path(__file__).resolve().parents[1] / "data" / "anggota-TEST-ONLY.p12",
                        b"uji-saja-bukan-rahasia")
    write_seal(folder, other)
    problems = [p.message for p in verify_round(folder)[1]]
    assert any("tidak menandatangani surat putaran ini" in p for p in problems)

    (folder / SEAL).unlink()
    problems = [p.message for p in verify_round(folder)[1]]
    assert any("manifest tidak bersegel" in p for p in problems)


def test_a_spesimen_seal_does_not_pass_for_letters_signed_by_a_real_certificate(tmp_path):
    """An edited manifest resealed with a home-made SPESIMEN certificate, the signers'
    subjects in the manifest renamed SPESIMEN too: the letters' own certificates (not the
    manifest's text) decide that the round is no demo, so the seal is refused."""
    from flows.outputs.seal import write_seal
    from flows.pdf.signing import load_pkcs12
    from flows.verify import verify_round

    require_program("soffice")
    office = load_pkcs12(Path(__file__).resolve().parents[1] / "data" / "bupati-TEST-ONLY.p12",
                         b"uji-saja-bukan-rahasia")
    content = sample()
    content.pejabat = content.pejabat[:1]
    summary = produce_round(tmp_path, content, signer=office)
    assert summary.ok, summary.failures
    folder = Path(summary.folder)
    write_seal(folder, office)  # the office seals with its own certificate
    assert verify_round(folder, ())[1] == []

    data = manifest(folder)
    data["results"][0]["nilai_akhir"] = "99.99"
    for doc in data["documents"]:
        for signer in doc.get("signers", []):
            signer["subject"] = "Common Name: SPESIMEN - BUKAN TANDA TANGAN SAH"
        doc["signer_cert_sha256"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    write_seal(folder, specimen_signer())
    problems = [p.message for p in verify_round(folder, ())[1]]
    assert any("tidak menandatangani surat putaran ini" in p for p in problems), problems
