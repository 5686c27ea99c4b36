"""Signing with the office's PKCS#12 certificates: PAdES that pyHanko and poppler accept."""

from __future__ import annotations

import io
import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from flows.pdf import signers
from flows.pdf.signing import SigningError, load_pkcs12
from flows.pdf.validation import check_signatures
from flows.pipeline import steps
from flows.pipeline.round import RunOptions, finish_round, open_round, plan_round
from flows.settings import load_settings
from flows.verify import verify_round
from tests.conftest import require_program
from tests.workbooks import sample, write

DATA = Path(__file__).resolve().parents[1] / "data"
BUPATI = DATA / "bupati-TEST-ONLY.p12"
ANGGOTA = DATA / "anggota-TEST-ONLY.p12"
PASSWORD = "uji-saja-bukan-rahasia"


@pytest.fixture(autouse=True)
def fresh_signers(monkeypatch):
    monkeypatch.setattr(signers, "_loaded", {})
    monkeypatch.setenv("NASKAH_P12_PASSWORD", PASSWORD)


@pytest.fixture(scope="module")
def round_pdfs(tmp_path_factory):
    """An evaluasi kinerja round (3 officials) converted to PDF, not yet signed."""
    require_program("soffice")
    tmp = tmp_path_factory.mktemp("ttd")
    content = sample()
    content.pejabat = content.pejabat[:3]
    workbook = write(tmp, content)
    settings = replace(load_settings(None), register=tmp / "register.sqlite")
    result = open_round(workbook, settings)
    plan = plan_round(workbook, result, settings, RunOptions(tmp / "hasil"))
    steps.render_batch(plan.letters, plan.folder, plan.items)
    steps.convert_items(plan.folder, plan.items, 300)
    return plan


def test_a_pkcs12_signature_is_accepted_by_pyhanko_and_pdfsig(round_pdfs, tmp_path):
    require_program("pdfsig")
    signer = load_pkcs12(BUPATI, PASSWORD.encode())
    assert "Bupati Contoh (UJI SAJA - TEST ONLY)" in signer.subject
    pdf = (round_pdfs.folder / "pdf" / "sk_tim.pdf").read_bytes()
    signed = signer.sign(pdf, reason="Keputusan", location="Damar Jaya")
    assert signed.startswith(pdf)
    (check,) = check_signatures(signed)
    assert check.ok and check.fingerprint == signer.fingerprint
    assert not check.timestamped  # B-B: no timestamp authority configured
    path = tmp_path / "sk_tim.pdf"
    path.write_bytes(signed)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in out and "UJI SAJA - TEST ONLY" in out


def test_a_wrong_passphrase_or_a_missing_file_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(SigningError, match=r"Kata sandi sertifikat bupati-TEST-ONLY\.p12 salah"):
        load_pkcs12(BUPATI, b"salah")
    with pytest.raises(SigningError, match="tidak dapat dibaca"):
        load_pkcs12(tmp_path / "tidak-ada.p12", b"x")
    monkeypatch.delenv("NASKAH_P12_PASSWORD")
    monkeypatch.setattr("sys.stdin", None)
    settings = load_settings(None).signing
    settings = replace(settings, certificate=BUPATI)
    with pytest.raises(SigningError, match="isi variabel lingkungan NASKAH_P12_PASSWORD"):
        signers.signers_for("sk_tim", settings)


def test_each_kind_has_its_signers_and_the_berita_acara_gets_one_signature_each(
        round_pdfs, tmp_path):
    require_program("pdfsig")
    settings_file = tmp_path / "naskah.toml"
    settings_file.write_text(
        f'[tanda_tangan]\nsertifikat = "{BUPATI}"\n'
        f'[tanda_tangan.naskah]\nberita_acara = ["{BUPATI}", "{ANGGOTA}"]\n',
        encoding="utf-8")
    signing = load_settings(settings_file).signing
    plan = round_pdfs
    steps.sign_items(plan.folder, plan.items,
                     lambda kind, members=(): signers.signers_for(kind, signing, members),
                     "Damar Jaya")
    assert not [i.failure for i in plan.items if i.failure]
    plan.seal_signer = signers.office_signer(signing)  # as plan_round does with these settings
    finish_round(plan)
    manifest = json.loads((plan.folder / "manifest.json").read_text(encoding="utf-8"))
    ba = next(d for d in manifest["documents"] if d["kind"] == "berita_acara")
    assert [s["subject"].split(",")[0] for s in ba["signers"]] == [
        "Common Name: Bupati Contoh (UJI SAJA - TEST ONLY)",
        "Common Name: Anggota Tim Contoh (UJI SAJA - TEST ONLY)"]
    checks = check_signatures((plan.folder / ba["signed_pdf"]).read_bytes())
    assert len(checks) == 2 and all(c.ok for c in checks)
    out = subprocess.run(["pdfsig", str(plan.folder / ba["signed_pdf"])], capture_output=True,
                         text=True).stdout
    assert out.count("Signature is Valid.") == 2
    sk = next(d for d in manifest["documents"] if d["kind"] == "sk_tim")
    assert len(sk["signers"]) == 1 and "Bupati Contoh" in sk["signer"]
    checked, problems = verify_round(plan.folder)
    assert problems == [] and checked > 20


def _widgets(signed: bytes) -> list[tuple[int, list[float]]]:
    """(page, rectangle) of every signature field's widget, in signing order."""
    reader = PdfReader(io.BytesIO(signed))
    found = []
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig" or (annot.get("/Parent") or {}).get("/FT") == "/Sig":
                found.append((str(annot.get("/T")), number, [float(v) for v in annot["/Rect"]]))
    return [(page, rect) for _, page, rect in sorted(found)]


def test_every_member_signs_the_berita_acara_in_their_own_row(round_pdfs, tmp_path):
    require_program("pdfsig")
    item = next(i for i in round_pdfs.items if i.record.kind == "berita_acara")
    members = tuple(item.signer_rows)
    assert len(members) == len(round_pdfs.letters.inputs.round.team) == 5
    chain = signers.signers_for("berita_acara", load_settings(None).signing, members)
    assert len({s.fingerprint for s in chain}) == 5
    assert all(m[:50] in s.subject and s.specimen
               for m, s in zip(members, chain, strict=True))
    unsigned = (round_pdfs.folder / item.record.pdf).read_bytes()
    request = steps.SignRequest(unsigned, "Berita acara", "Damar Jaya", (), item.record.number,
                                steps.Visible("https://cek.example", "", "R"), "KODE",
                                members)
    signed = steps.sign_letter(request, chain)
    checks = check_signatures(signed)
    assert len(checks) == 5 and all(c.ok for c in checks)
    assert [c.fingerprint for c in checks] == [s.fingerprint for s in chain]
    widgets = _widgets(signed)
    assert len(widgets) == 5
    pages = {page for page, _ in widgets}
    lefts = {round(rect[0]) for _, rect in widgets}
    tops = [rect[3] for _, rect in widgets]
    # one column (the TANDA TANGAN cell), one row each, top to bottom in member order
    assert len(lefts) == 1 and (len(pages) > 1 or tops == sorted(tops, reverse=True))
    assert all(a[3] <= b[1] + 0.5 or pa != pb for (pa, a), (pb, b) in
               zip(widgets[1:], widgets, strict=False)), widgets
    path = tmp_path / "berita_acara.pdf"
    path.write_bytes(signed)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert out.count("Signature is Valid.") == 5


def test_the_keputusan_is_signed_on_its_main_signature_block(round_pdfs):
    item = next(i for i in round_pdfs.items if i.record.kind == "sk_tim")
    unsigned = (round_pdfs.folder / item.record.pdf).read_bytes()
    request = steps.SignRequest(unsigned, "Keputusan", "Damar Jaya", tuple(item.signer_names),
                                item.record.number, steps.Visible("https://cek.example", "", "R"),
                                "KODE")
    signed = steps.sign_letter(request, signers.signers_for("sk_tim", load_settings(None).signing))
    ((page, _),) = _widgets(signed)
    reader = PdfReader(io.BytesIO(unsigned))
    lampiran = next(n for n, p in enumerate(reader.pages) if "SUSUNAN KEANGGOTAAN"
                    in p.extract_text())
    assert page < lampiran and "Ditetapkan di" in reader.pages[page].extract_text()


def test_a_clerk_reads_only_the_names_of_the_certificates():
    from flows.pdf.signing import common_names

    subject = ("Common Name: Dr. Andi Baso, M.Si., Organization: Pemda, Country: ID; "
               "Common Name: SPESIMEN - BUKAN TANDA TANGAN SAH, Country: ID")
    assert common_names(subject) == ["Dr. Andi Baso, M.Si.", "SPESIMEN - BUKAN TANDA TANGAN SAH"]
    assert common_names("Kepala BKPSDM") == ["Kepala BKPSDM"]
