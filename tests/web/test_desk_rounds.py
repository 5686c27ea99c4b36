"""One round, one place: an upload for a round the desk (or the command line) already has is
a new version of that round; the round page shows the round's folder, what the approval will
really sign, and the workbook's warnings and results right after the upload."""

from __future__ import annotations

import json

import pytest

from flows.web.store import Store
from tests.web.desk import FakeRunner, desk_settings, logged_in, sample_bytes
from tests.workbooks import sample, write

KODE = "EVKIN-BUKITDAMAR-2024"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    settings = desk_settings(tmp_path, monkeypatch)
    runner = FakeRunner()
    return settings, runner, *logged_in(settings, runner, "ani")


def upload(c, token, data, onto=None):  # type: ignore[no-untyped-def]
    form = {"csrf": token, **({"putaran": str(onto)} if onto else {})}
    return c.post("/unggah", data=form, files={"workbook": ("putaran.xlsx", data)})


def cli_round(settings, signed: int, unsigned: int) -> None:  # type: ignore[no-untyped-def]
    """A round folder as `naskah run` leaves it: some letters signed, some not (yet)."""
    folder = settings.run.outputs / KODE
    folder.mkdir(parents=True)
    documents = [{"kind": "undangan", "title": "Undangan", "number": f"800/{i}", "nip": "",
                  "docx": f"docx/u{i}.docx", "pdf": f"pdf/u{i}.pdf",
                  "signed_pdf": f"ttd/u{i}.pdf" if i < signed else None, "pages": 1,
                  "previous_signed": [{"path": "x"}] if i == signed else []}
                 for i in range(signed + unsigned)]
    (folder / "manifest.json").write_text(json.dumps({"documents": documents,
                                                      "results": []}), encoding="utf-8")


def test_the_same_round_uploaded_twice_is_one_round_with_two_versions(desk):
    settings, _runner, c, token = desk
    assert upload(c, token, sample_bytes()).headers["location"] == "/putaran/1"
    assert upload(c, token, sample_bytes()).headers["location"] == "/putaran/1"
    store = Store(settings.web.database)
    assert len(store.rounds()) == 1
    assert [v.number for v in store.versions(1)] == [2, 1]
    page = c.get("/putaran/1").text
    assert "Versi workbook (2)" in page


def test_an_upload_cannot_become_a_version_while_the_round_runs_or_waits(desk):
    settings, runner, c, token = desk
    upload(c, token, sample_bytes())
    c.post("/putaran/1/mulai", data={"csrf": token})
    for state in ("berjalan", "menunggu persetujuan"):
        runner.state = state
        response = upload(c, token, sample_bytes())
        assert response.status_code == 409 and "Versi baru" in response.text
    assert len(Store(settings.web.database).versions(1)) == 1
    assert len(list(settings.web.uploads.glob("*.xlsx"))) == 1


def test_a_corrected_workbook_goes_onto_its_rejected_round_and_must_be_the_same_round(
        desk, tmp_path):
    settings, runner, c, token = desk
    upload(c, token, sample_bytes())
    c.post("/putaran/1/mulai", data={"csrf": token})
    runner.state = "ditolak"
    page = c.get("/putaran/1").text
    assert 'name="putaran" value="1"' in page and "Unggah versi baru" in page
    other = sample()
    other.putaran = [(k, "LAIN-2024" if k == "kode_putaran" else v) for k, v in other.putaran]
    response = upload(c, token, write(tmp_path, other, "lain.xlsx").read_bytes(), onto=1)
    assert response.status_code == 409 and "LAIN-2024" in response.text
    response = upload(c, token, sample_bytes(), onto=1)
    assert response.headers["location"] == "/putaran/1"
    page = c.get("/putaran/1").text  # the last run's state is history now
    row = Store(settings.web.database).round(1)
    assert row is not None and row.state == "siap"
    assert "Jalankan ulang putaran" in page and 'id="hasil-unggahan"' in page
    assert c.post("/putaran/1/mulai", data={"csrf": token}).status_code == 303
    assert len(runner.started) == 2 and runner.started[1] == row.upload


def test_a_round_run_on_the_command_line_is_shown_as_that_round(desk):
    settings, runner, c, token = desk
    cli_round(settings, signed=3, unsigned=2)
    upload(c, token, sample_bytes())
    page = c.get("/putaran/1").text
    assert "di luar meja" in page
    assert page.count("ditandatangani</span>") == 3
    c.post("/putaran/1/mulai", data={"csrf": token})
    runner.state = "menunggu persetujuan"
    page = c.get("/putaran/1").text
    assert "<strong>2 surat</strong> ditandatangani (1 di antaranya menggantikan" in page
    assert "3 surat sudah ditandatangani sebelumnya" in page


def test_warnings_and_results_are_shown_right_after_the_upload(desk):
    _settings, _runner, c, token = desk
    upload(c, token, sample_bytes())
    page = c.get("/putaran/1").text
    assert "Peringatan workbook (4)" in page
    assert "<td>P11</td>" in page and "masa jabatan 1 tahun 4 bulan" in page
    assert 'id="hasil-unggahan"' in page and "Muhammad Arsyad" in page


def test_the_desk_offers_a_blank_template_per_kind_of_round(desk, tmp_path):
    from openpyxl import load_workbook

    _settings, _runner, c, _token = desk
    assert 'href="/template-workbook.xlsx?jenis=evaluasi_kinerja"' in c.get("/").text
    response = c.get("/template-workbook.xlsx?jenis=evaluasi_kinerja")
    assert response.status_code == 200
    assert "template-evaluasi-kinerja.xlsx" in response.headers["content-disposition"]
    path = tmp_path / "t.xlsx"
    path.write_bytes(response.content)
    names = [cell.value for cell in load_workbook(path)["Pejabat"][1]]
    assert "nilai_kinerja" in names and "nilai_makalah" not in names


def test_the_archive_page_finds_letters_of_every_round_and_prints_the_signed_ones(desk):
    from tests.integration.test_archive_search import NIP_A, make_round

    settings, _runner, c, token = desk
    make_round(settings.run.outputs, "LAMA-2023", "evaluasi_kinerja", 2023)  # CLI only
    make_round(settings.run.outputs, KODE, "evaluasi_kinerja", 2024)
    upload(c, token, sample_bytes())  # the desk's round 1 is KODE
    assert 'href="/arsip"' in c.get("/").text
    page = c.get("/arsip", params={"q": NIP_A, "jenis": "undangan"}).text
    assert "2 surat ditemukan" in page
    assert 'href="/putaran/1/surat/1"' in page and "LAMA-2023</td>" in page
    page = c.get("/arsip", params={"q": "arsyad", "tahun": "2024"}).text
    assert "digantikan" in page and "isi surat berubah" in page
    assert "LAMA-2023" not in page
    response = c.get("/putaran/1/ttd.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "satu PDF untuk dicetak" in c.get("/putaran/1").text


def test_words_a_clerk_reads(desk, tmp_path):
    from flows.web.app import certificate_name

    settings, runner, c, token = desk
    cli_round(settings, signed=1, unsigned=0)
    manifest = settings.run.outputs / KODE / "manifest.json"
    data = json.loads(manifest.read_text())
    data["documents"][0]["signer"] = ("Common Name: SPESIMEN - BUKAN TANDA TANGAN SAH, "
                                      "Organization: naskah (demo), Country: ID")
    data["approval"] = {"approved": True, "by": "Budi", "reason": "",
                        "at": "2024-11-18T01:30:00+00:00"}
    manifest.write_text(json.dumps(data))
    from tests.integration.test_archive_search import _pdf

    _pdf(settings.run.outputs / KODE / "ttd" / "u0.pdf")
    upload(c, token, sample_bytes())  # Kabupaten Bukit Damar, Sulawesi Tenggara: WITA
    c.post("/putaran/1/mulai", data={"csrf": token})
    page = c.get("/putaran/1").text
    assert "18 November 2024 09.30 WITA" in page
    assert "Periksa keutuhan (verify)" not in page and "<th>Sheet</th>" not in page
    letter = c.get("/putaran/1/surat/0").text
    assert "Common Name" not in letter and "Country" not in letter
    assert "SPESIMEN (uji coba, bukan tanda tangan elektronik yang sah)" in letter
    admin, _ = logged_in(settings, runner, "dewi")
    log = admin.get("/riwayat").text
    assert "flow run" not in log and "00000000-0000" not in log and " WITA</td>" in log
    assert certificate_name("Common Name: Sitti Marwah, S.Sos., M.Si., Organization: BKPSDM, "
                            "Country: ID") == "Sitti Marwah, S.Sos., M.Si."


def test_a_refused_workbook_shows_its_warnings_too(desk, tmp_path):
    _settings, _runner, c, token = desk
    broken = sample()
    broken.tim = []  # an error
    broken.pejabat_columns = [*broken.pejabat_columns, "nilai_psikotes"]  # and a warning
    response = upload(c, token, write(tmp_path, broken, "rusak.xlsx").read_bytes())
    assert response.status_code == 422
    assert 'id="peringatan"' in response.text and "<td>U1</td>" in response.text


def test_a_problem_with_a_raw_key_shows_what_the_petunjuk_says_of_it(desk, tmp_path):
    _settings, _runner, c, token = desk
    broken = sample()
    broken.putaran = [(k, None if k == "tempat_pelaksanaan" else v) for k, v in broken.putaran]
    page = upload(c, token, write(tmp_path, broken, "rusak.xlsx").read_bytes()).text
    assert "tempat pelaksanaan wajib diisi" in page  # the key's words, not the key
    assert "Petunjuk: Tempat pelaksanaan." in page


def test_the_signed_letters_and_the_archive_of_a_round_without_a_manifest_are_404(desk):
    """ttd.pdf and arsip.zip: an unknown round, a round not run yet (no manifest), a round
    with a manifest but nothing signed, and a round with signed letters."""
    settings, _runner, c, token = desk
    for path in ("/putaran/9/ttd.pdf", "/putaran/9/arsip.zip"):
        response = c.get(path)
        assert response.status_code == 404 and "Putaran tidak ditemukan." in response.text
    upload(c, token, sample_bytes())  # round 1, not run yet
    response = c.get("/putaran/1/ttd.pdf")
    assert response.status_code == 404
    assert "Belum ada surat bertanda tangan di putaran ini." in response.text
    response = c.get("/putaran/1/arsip.zip")
    assert response.status_code == 404 and "Arsip putaran ini belum ada." in response.text
    cli_round(settings, signed=0, unsigned=1)  # a manifest, nothing signed
    response = c.get("/putaran/1/ttd.pdf")
    assert response.status_code == 404
    assert "Belum ada surat bertanda tangan di putaran ini." in response.text
    response = c.get("/putaran/1/arsip.zip")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    from tests.integration.test_archive_search import _pdf

    manifest = settings.run.outputs / KODE / "manifest.json"
    data = json.loads(manifest.read_text())
    data["documents"][0]["signed_pdf"] = "ttd/u0.pdf"
    manifest.write_text(json.dumps(data))
    _pdf(settings.run.outputs / KODE / "ttd" / "u0.pdf")
    response = c.get("/putaran/1/ttd.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
