"""The public verification page (`/cek`) and `naskah cek`: what they answer, and everything
they refuse to reveal: no listing, no guessable ids, no paths, no results of a Rahasia letter;
size, type and rate limits; an update appended after the signature; another office's letter."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pyhanko.pdf_utils.generic import NameObject, TextStringObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from flows.cek import archive as archive_module
from flows.cek.code import grouped, new_code, normalise
from flows.cli import main
from flows.web.security import HEADERS
from tests.web.cek_archive import qr_urls, signed_letter, write_round
from tests.web.desk import FakeRunner, client, desk_settings, logged_in

FACTS = {"tanggal": "21 Oktober 2024", "unit": "Badan Kepegawaian Kabupaten Bukit Damar",
         "sifat": "Penting", "hal": "Undangan Evaluasi Kinerja",
         "kepada": "Drs. Penerima Undangan, M.Si."}
SECRET = {"tanggal": "14 November 2024", "unit": "Badan Kepegawaian Kabupaten Bukit Damar",
          "sifat": "Rahasia", "hal": "Saran Pendapat Hasil Evaluasi Kinerja",
          "kepada": "Bupati Bukit Damar selaku Pejabat Pembina Kepegawaian",
          "title": "Saran pendapat (nota dinas)"}


@pytest.fixture(scope="module")
def letters():
    """Signed once for the module: signing is the slow part."""
    return {name: signed_letter(f"800/{i}/BKPSDM/2024") for i, name in enumerate(
        ["undangan", "saran", "lama", "baru", "luar", "ronde2"], start=1)}


@pytest.fixture
def desk(tmp_path, monkeypatch, letters):
    monkeypatch.setattr(archive_module, "REFRESH_S", 0.0)
    settings = desk_settings(tmp_path, monkeypatch)
    root = settings.run.outputs
    write_round(root, "EVKIN-BUKITDAMAR-2024", {
        "undangan": (letters["undangan"], dict(FACTS)),
        "saran_pendapat": (letters["saran"], dict(SECRET)),
        "pemberitahuan": (letters["baru"], dict(FACTS)),
    }, previous={"pemberitahuan": [letters["lama"]]})
    write_round(root, "UJIKOM-BUKITDAMAR-2025", {"undangan": (letters["ronde2"], dict(FACTS))})
    write_round(tmp_path / "kantor-lain", "EVKIN-LAIN-2024",
                {"undangan": (letters["luar"], dict(FACTS))})
    return settings, client(settings, FakeRunner())


def files_under(folder):  # type: ignore[no-untyped-def]
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def upload(c, data: bytes, name: str = "surat.pdf", **headers):  # type: ignore[no-untyped-def]
    return c.post("/cek", files={"pdf": (name, data, "application/pdf")}, headers=headers)


def test_a_letters_page_says_it_is_genuine_without_an_account(desk, letters):
    _settings, c = desk
    letter = letters["undangan"]
    page = c.get(f"/cek/{letter.code}")
    assert page.status_code == 200
    text = page.text
    assert "✔ Asli" in text and letter.number in text and "Undangan Evaluasi Kinerja" in text
    assert "21 Oktober 2024" in text and "Badan Kepegawaian Kabupaten Bukit Damar" in text
    assert "Drs. Penerima Undangan, M.Si." in text  # not Rahasia: the addressee is shown
    assert "SPESIMEN - BUKAN TANDA TANGAN SAH" in text
    assert "22 November 2024, pukul 03.04 UTC" in text and grouped(letter.code) in text
    assert "naskah_sesi" not in page.headers.get("set-cookie", "")
    for key, value in HEADERS.items():
        assert page.headers[key] == value
    # the printed form, typed in with dashes, spaces or small letters, leads to the same page
    typed = c.get("/cek", params={"kode": grouped(letter.code).lower().replace("-", " ")})
    assert typed.status_code == 303 and typed.headers["location"] == f"/cek/{letter.code}"
    assert c.get(f"/cek/{grouped(letter.code)}").status_code == 200


def test_the_page_links_to_nothing_of_the_desk(desk, letters):
    _settings, c = desk
    html = c.get(f"/cek/{letters['undangan'].code}").text
    links = set(re.findall(r'(?:href|action|src)="([^"]+)"', html))
    assert links <= {"/cek", "/static/cek.css"}, links


def test_a_rahasia_letter_shows_no_addressee_and_no_results(desk, letters):
    _settings, c = desk
    text = c.get(f"/cek/{letters['saran'].code}").text
    assert "✔ Asli" in text and "Saran Pendapat Hasil Evaluasi Kinerja" in text
    assert "Rahasia" in text and "Pejabat Pembina Kepegawaian" not in text
    assert "RAHASIA-HASIL" not in text and "91,25" not in text
    assert "tujuan dan isinya tidak ditampilkan" in text


def test_a_superseded_version_names_the_code_of_the_current_one(desk, letters):
    _settings, c = desk
    page = c.get(f"/cek/{letters['lama'].code}")
    assert page.status_code == 200
    assert "Digantikan versi baru" in page.text and "✔ Asli" not in page.text
    assert grouped(letters["baru"].code) in page.text
    assert f'href="/cek/{letters["baru"].code}"' in page.text
    assert "✔ Asli" in c.get(f"/cek/{letters['baru'].code}").text


@pytest.mark.parametrize("path", [
    "/cek/1", "/cek/0", "/cek/800%2F1%2FBKPSDM%2F2024", "/cek/EVKIN-BUKITDAMAR-2024",
    "/cek/..%2Fmanifest.json", "/cek/..%2F..%2Fetc%2Fpasswd", "/cek/undangan",
    "/cek/" + "A" * 32, "/cek/" + "A" * 31, "/cek/" + "a" * 400,
    "/cek?kode=1", "/cek?kode=undangan",
])
def test_unknown_codes_numbers_and_paths_reveal_nothing(desk, path):
    _settings, c = desk
    page = c.get(path)
    assert page.status_code == 404, (path, page.status_code)
    assert "Tidak dikenal" in page.text
    assert "800/" not in page.text and "BKPSDM" not in page.text and "root:" not in page.text


def test_the_form_page_lists_no_letter(desk, letters):
    _settings, c = desk
    text = c.get("/cek").text
    assert "Cek keaslian surat" in text
    for letter in letters.values():
        assert letter.number not in text and grouped(letter.code) not in text
    assert c.get("/cek/").status_code == 404


def test_guessing_codes_is_throttled_per_address(desk, letters):
    settings, c = desk
    for _ in range(settings.web.checks_per_hour):
        assert c.get(f"/cek/{new_code()}").status_code == 404
    refused = c.get(f"/cek/{letters['undangan'].code}")  # even a real code, for a while
    assert refused.status_code == 429 and "Terlalu banyak" in refused.text
    assert upload(c, letters["undangan"].signed).status_code == 429


def test_an_archived_signed_letter_is_asli(desk, letters):
    settings, c = desk
    before = files_under(settings.run.outputs)
    page = upload(c, letters["undangan"].signed)
    assert page.status_code == 200 and "✔ Asli" in page.text
    assert letters["undangan"].number in page.text
    assert files_under(settings.run.outputs) == before  # nothing kept
    old = upload(c, letters["lama"].signed)
    assert "✔ Asli" in old.text and "digantikan" in old.text
    assert grouped(letters["baru"].code) in old.text


def with_incremental_update(pdf: bytes) -> bytes:
    """The signed letter plus one more revision (a changed document title) after it."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    info = writer.trailer["/Info"].get_object() if "/Info" in writer.trailer else None
    if info is None:
        writer.root[NameObject("/Lang")] = TextStringObject("en")
        writer.update_root()
    else:
        info[NameObject("/Title")] = TextStringObject("Surat yang diubah")
        writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_with_an_update_after_the_signature_has_been_changed(desk, letters):
    _settings, c = desk
    letter = letters["undangan"]
    changed = with_incremental_update(letter.signed)
    assert changed.startswith(letter.signed) and len(changed) > len(letter.signed)
    page = upload(c, changed)
    assert "✘ Telah diubah" in page.text and "sesudah ditandatangani" in page.text
    assert letter.number in page.text  # the holder had the genuine letter: say which


def test_the_unsigned_pdf_of_a_letter_is_not_the_signed_letter(desk, letters):
    _settings, c = desk
    page = upload(c, letters["undangan"].unsigned)
    assert "✘ Telah diubah" in page.text and "tanpa tanda tangan" in page.text


def test_a_re_saved_letter_is_known_by_its_printed_code_but_has_been_changed(desk, letters):
    _settings, c = desk
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letters["undangan"].signed)))
    out = io.BytesIO()
    writer.write(out)
    resaved = out.getvalue()
    assert not resaved.startswith(letters["undangan"].signed[:-100])
    page = upload(c, resaved)
    assert "✘ Telah diubah" in page.text and "Kode surat ini dikenal" in page.text


def test_a_letter_of_another_office_and_a_foreign_pdf_are_unknown(desk, letters):
    _settings, c = desk
    page = upload(c, letters["luar"].signed)
    assert page.status_code == 200 and "? Tidak dikenal" in page.text
    assert letters["luar"].number not in page.text
    assert c.get(f"/cek/{letters['luar'].code}").status_code == 404
    # a letter of the office's other round is in the same archive
    assert "✔ Asli" in upload(c, letters["ronde2"].signed).text
    assert "✔ Asli" in c.get(f"/cek/{letters['ronde2'].code}").text


@pytest.mark.parametrize(("name", "data"), [
    ("surat.pdf", b"bukan PDF sama sekali"), ("surat.docx", b"PK\x03\x04 word"),
    ("surat.exe", b"%PDF-1.7 tetapi nama salah"),
])
def test_a_file_that_is_no_pdf_is_refused(desk, name, data):
    settings, c = desk
    before = files_under(settings.run.outputs)
    page = upload(c, data, name)
    assert page.status_code == 415 and "PDF" in page.text
    assert files_under(settings.run.outputs) == before


def test_an_oversized_upload_is_refused(desk):
    settings, c = desk
    big = b"%PDF-1.7\n" + b"0" * (settings.web.max_upload_bytes + 1)
    page = upload(c, big)
    assert page.status_code == 413 and "terlalu besar" in page.text


def test_a_post_from_another_site_is_refused(desk, letters):
    _settings, c = desk
    page = upload(c, letters["undangan"].signed, Origin="http://penyerang.example")
    assert page.status_code == 403 and "Asli" not in page.text


def test_the_page_notices_a_changed_archive_and_a_damaged_archived_file(desk, letters):
    settings, c = desk
    folder = settings.run.outputs / "EVKIN-BUKITDAMAR-2024"
    assert "✔ Asli" in c.get(f"/cek/{letters['undangan'].code}").text
    (folder / "ttd" / "undangan.pdf").write_bytes(letters["undangan"].signed + b"\n")
    page = c.get(f"/cek/{letters['undangan'].code}")
    assert "✔ Asli" not in page.text and "tidak utuh" in page.text
    shutil.rmtree(folder)
    assert c.get(f"/cek/{letters['undangan'].code}").status_code == 404


def test_the_desk_stays_closed_to_the_public(desk):
    settings, c = desk
    assert c.get("/").status_code == 303 and c.get("/putaran/1").status_code == 303
    # a logged-in clerk's session is not needed and not used by /cek
    clerk, _ = logged_in(settings, FakeRunner(), "ani")
    assert clerk.get("/cek").status_code == 200


def test_codes_are_random_160_bit_and_typed_back_in_any_form():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200 and all(re.fullmatch(r"[A-Z2-7]{32}", c) for c in codes)
    code = codes.pop()
    assert normalise(grouped(code).lower()) == code == normalise(f" {code} ")
    for bad in ["", "1", "A" * 31, "A" * 33, "0" * 32, "../" + code, code + "/x"]:
        assert normalise(bad) is None


def test_naskah_cek_answers_with_its_exit_code(desk, letters, tmp_path, capsys):
    settings, _c = desk
    archive = str(settings.run.outputs)
    files = {}
    for name, data in [("asli", letters["undangan"].signed),
                       ("diubah", with_incremental_update(letters["undangan"].signed)),
                       ("asing", letters["luar"].signed)]:
        files[name] = tmp_path / f"{name}.pdf"
        files[name].write_bytes(data)
    assert main(["cek", str(files["asli"]), "--arsip", archive]) == 0
    assert "ASLI" in capsys.readouterr().out
    assert main(["cek", str(files["diubah"]), "--arsip", archive]) == 1
    assert "TELAH DIUBAH" in capsys.readouterr().out
    assert main(["cek", str(files["asing"]), "--arsip", archive]) == 1
    assert "TIDAK DIKENAL" in capsys.readouterr().out
    assert main(["cek", str(tmp_path / "tidak-ada.pdf"), "--arsip", archive]) == 2
    assert main(["cek", str(files["asli"]), "--arsip", str(tmp_path / "tidak-ada")]) == 2
    with pytest.raises(SystemExit) as usage:
        main(["cek"])
    assert usage.value.code == 2


def test_the_qr_of_a_signed_letter_holds_its_page_and_the_code_is_printed_under_it(letters):
    from tests.conftest import require_program

    require_program("pdftoppm")
    letter = letters["undangan"]
    assert qr_urls(letter.signed) == [f"http://127.0.0.1:8000/cek/{letter.code}"]
    from flows.cek.check import printed_code

    assert printed_code(letter.signed) == letter.code
    text = subprocess.run(["pdftotext", "-", "-"], input=letter.signed, capture_output=True,
                          check=True).stdout.decode()
    assert f"Kode: {grouped(letter.code)}" in text


def test_a_letter_not_yet_signed_has_no_page(desk, letters):
    """A round waiting for approval has codes in its manifest but no signed letter yet."""
    import json

    settings, c = desk
    folder = settings.run.outputs / "EVKIN-BUKITDAMAR-2024"
    manifest = json.loads((folder / "manifest.json").read_text())
    waiting = new_code()
    manifest["documents"].append({**manifest["documents"][0], "signed_pdf": None,
                                  "kode_cek": waiting, "number": "800/99/BKPSDM/2024",
                                  "previous_signed": []})
    (folder / "manifest.json").write_text(json.dumps(manifest))
    page = c.get(f"/cek/{waiting}")
    assert page.status_code == 404 and "800/99" not in page.text


def test_the_index_reads_a_manifest_again_only_when_it_changed(desk, letters, monkeypatch):
    import json

    from flows.cek.archive import ArchiveIndex

    settings, _c = desk
    reads: list[str] = []
    original = ArchiveIndex._read

    def counting(path, stamp):  # type: ignore[no-untyped-def]
        reads.append(path.parent.name)
        return original(path, stamp)

    monkeypatch.setattr(ArchiveIndex, "_read", staticmethod(counting))
    index = ArchiveIndex(settings.run.outputs)
    assert index.by_code(letters["undangan"].code) is not None
    assert sorted(reads) == ["EVKIN-BUKITDAMAR-2024", "UJIKOM-BUKITDAMAR-2025"]
    for _ in range(5):
        index.refresh(force=True)
        assert index.by_code(letters["ronde2"].code) is not None
    assert len(reads) == 2
    manifest_path = settings.run.outputs / "UJIKOM-BUKITDAMAR-2025" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["documents"] = []
    manifest_path.write_text(json.dumps(manifest))
    index.refresh(force=True)
    assert reads[2:] == ["UJIKOM-BUKITDAMAR-2025"]
    assert index.by_code(letters["ronde2"].code) is None
    assert index.by_code(letters["undangan"].code) is not None


def test_behind_the_offices_proxy_each_visitor_is_throttled_on_its_own(desk, letters):
    """web.proksi_tepercaya: the page behind the office's reverse proxy counts the visitor's
    address (X-Forwarded-For), not the proxy's, so one guesser cannot close it for everyone."""
    import dataclasses

    settings, _ = desk
    behind = dataclasses.replace(settings, web=dataclasses.replace(
        settings.web, trusted_proxies=("testclient",)))
    c = client(behind, FakeRunner())
    guesser, citizen = {"X-Forwarded-For": "203.0.113.5"}, {"X-Forwarded-For": "198.51.100.7"}
    for _ in range(behind.web.checks_per_hour):
        assert c.get(f"/cek/{new_code()}", headers=guesser).status_code == 404
    assert c.get(f"/cek/{new_code()}", headers=guesser).status_code == 429
    genuine = c.get(f"/cek/{letters['undangan'].code}", headers=citizen)
    assert genuine.status_code == 200 and "✔ Asli" in genuine.text
