"""Verification codes in the pipeline: one per signed version, kept by a rerun of an unchanged
letter, new for a changed one (the old one kept with the earlier version); the letter's facts
for the page are read from its rendered text."""

from __future__ import annotations

import dataclasses

import pytest

from flows.errors import SettingsError
from flows.outputs.files import sha256_bytes, write_atomic
from flows.pipeline import steps
from flows.pipeline.work import plan_work
from flows.settings import DEFAULT_PUBLIC_URL, load_settings
from tests.letters import letters_for
from tests.workbooks import sample


def _finish(folder, items):  # type: ignore[no-untyped-def]
    """Pretend every letter was converted and signed: files as the manifest records them."""
    for item in items:
        record = item.record
        for part, relative in (("pdf", f"pdf/{item.stem}.pdf"),
                               ("signed_pdf", f"ttd/{item.stem}.pdf")):
            data = f"{part} {item.stem} {record.kode_cek}".encode()
            write_atomic(folder / relative, data)
            setattr(record, part, relative)
            record.sha256[part] = sha256_bytes(data)
        record.signer, record.signed_at = "Common Name: UJI", "2024-11-22T03:04:05+00:00"
    return {i.record.key: dataclasses.replace(i.record) for i in items}


def test_codes_are_kept_for_unchanged_letters_and_renewed_for_changed_ones(tmp_path):
    letters = letters_for(tmp_path, sample())
    folder = tmp_path / "putaran"
    items = plan_work(letters, folder, {}, pdf=True, sign=True)
    steps.render_batch(letters, folder, items)
    codes = [i.record.kode_cek for i in items]
    assert all(codes) and len(set(codes)) == len(codes)
    previous = _finish(folder, items)

    again = plan_work(letters, folder, previous, pdf=True, sign=True)
    assert not any(i.sign for i in again)
    assert [i.record.kode_cek for i in again] == codes
    assert all(i.record.surat == previous[i.record.key].surat for i in again)

    changed = next(iter(previous.values()))
    changed.input_sha256 = "lain"  # as if its data had changed, and with it its content:
    old_docx = b"isi surat sebelumnya"
    write_atomic(folder / changed.docx, old_docx)
    changed.sha256["docx"] = sha256_bytes(old_docx)
    third = plan_work(letters, folder, previous, pdf=True, sign=True)
    renewed = next(i for i in third if i.record.key == changed.key)
    assert renewed.sign and renewed.record.kode_cek not in (None, changed.kode_cek)
    assert renewed.record.previous_signed[-1]["kode_cek"] == changed.kode_cek
    assert renewed.record.previous_signed[-1]["signed_at"] == changed.signed_at
    assert [i.record.kode_cek for i in third if i is not renewed] == [
        c for c, i in zip(codes, items, strict=True) if i.record.key != changed.key]


def test_an_unsigned_run_gives_no_code(tmp_path):
    letters = letters_for(tmp_path, sample())
    items = plan_work(letters, tmp_path / "putaran", {}, pdf=True, sign=False)
    assert all(i.record.kode_cek is None for i in items)


def test_the_page_facts_come_from_the_rendered_letter(tmp_path):
    letters = letters_for(tmp_path, sample())
    folder = tmp_path / "putaran"
    items = plan_work(letters, folder, {}, pdf=False, sign=False)
    steps.render_batch(letters, folder, items)
    facts = {i.stem.split("_1")[0]: i.record.surat for i in items}
    assert facts["sk_tim"]["unit"] == "Bupati Bukit Damar"
    assert facts["sk_tim"]["hal"].startswith("PEMBENTUKAN TIM EVALUASI KINERJA")
    assert facts["sk_tim"]["tanggal"] == "21 Oktober 2024"
    assert facts["saran_pendapat"]["sifat"] == "Rahasia"
    assert facts["saran_pendapat"]["kepada"].startswith("Bupati Bukit Damar")
    assert facts["undangan"]["sifat"] == "Penting"
    assert facts["undangan"]["hal"].startswith("Undangan Evaluasi Kinerja")
    assert facts["undangan"]["kepada"] and "Badan Kepegawaian" in facts["undangan"]["unit"]
    assert facts["pemberitahuan_hasil"]["sifat"] == "Rahasia"


def test_url_publik_defaults_to_the_desk_and_is_checked(tmp_path, monkeypatch):
    monkeypatch.delenv("NASKAH_URL_PUBLIK", raising=False)
    assert load_settings(None).signing.public_url == DEFAULT_PUBLIC_URL
    office = tmp_path / "naskah.toml"
    office.write_text('[web]\nurl_publik = "https://naskah.bkpsdm.contoh.go.id/"\n')
    assert load_settings(office).signing.public_url == "https://naskah.bkpsdm.contoh.go.id"
    for bad in ["naskah:verifikasi", "https://x.go.id/?a=1", "ftp://x.go.id", "https://{x}"]:
        office.write_text(f'[web]\nurl_publik = "{bad}"\n')
        with pytest.raises(SettingsError, match="url_publik"):
            load_settings(office)
    office.write_text('[tanda_tangan]\npola_url_qr = "https://x/{nomor}"\n')
    with pytest.raises(SettingsError, match=r"web\.url_publik"):
        load_settings(office)
    monkeypatch.setenv("NASKAH_URL_PUBLIK", "https://cek.contoh.go.id")
    assert load_settings(None).signing.public_url == "https://cek.contoh.go.id"


def test_the_desk_without_url_publik_gives_its_own_address(monkeypatch):
    from flows.web.server import own_address

    monkeypatch.setenv("NASKAH_URL_PUBLIK", "")  # empty: not set (restored after the test)
    own_address("127.0.0.1", 8123)
    import os

    assert os.environ["NASKAH_URL_PUBLIK"] == "http://127.0.0.1:8123"
    assert load_settings(None).signing.public_url == "http://127.0.0.1:8123"
    own_address("127.0.0.1", 9999)  # already set: kept
    assert os.environ["NASKAH_URL_PUBLIK"] == "http://127.0.0.1:8123"
