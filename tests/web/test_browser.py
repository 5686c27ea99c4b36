"""The desk in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright),
against a real `naskah web`: its Prefect server, its round worker, LibreOffice and pyHanko.

A clerk logs in, sees the problems of a broken workbook, uploads a sample and runs it; an
approver opens the sample letters and approves; the signed archive downloads and verifies.
A rejected round leaves no signed file and no traceback; the corrected workbook goes onto the
same round and its rerun keeps every letter number. The archive search, the printable PDF of
the signed letters, and a phone-sized page.
Screenshots of each step go to the test's folder (and to docs/web/ with
NASKAH_DOCS_SCREENSHOTS=1).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from flows.pdf.validation import check_signatures
from tests.conftest import require_program
from tests.e2e.test_serve import free_port, wait_until
from tests.web.desk import PASSWORD
from tests.workbooks import sample, write

ROOT = Path(__file__).resolve().parents[2]
NASKAH = Path(sys.executable).with_name("naskah")
CHROMIUM = "/usr/bin/chromium"
DOCS = ROOT / "docs" / "web"
ROUND_WAIT_MS = 300_000
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--lang=id-ID"]

pytestmark = pytest.mark.slow


def reachable(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """`naskah web` on free ports, in a private folder, with three accounts."""
    require_program("soffice")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; scripts/install.sh --dev installs it")
        pytest.skip("chromium is not installed (run scripts/install.sh --dev)")
    home = tmp_path_factory.mktemp("desk")
    env = {**os.environ, "PREFECT_HOME": str(home / "prefect"),
           "NASKAH_REGISTER": str(home / "register.sqlite"),
           "NASKAH_FOLDER_DATA_WEB": str(home / "data-web"),
           "NASKAH_FOLDER_KELUARAN": str(home / "outputs"),
           "NASKAH_KATA_SANDI_BARU": PASSWORD}
    env.pop("PREFECT_API_URL", None)
    for name, role, full in [("ani", "operator", "Ani Rahmawati"),
                             ("budi", "penyetuju", "Budi Santoso"),
                             ("citra", "auditor", "Citra Lestari")]:
        subprocess.run([str(NASKAH), "user", "add", name, "--peran", role, "--nama", full],
                       env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    log = (home / "web.log").open("wb")
    proc = subprocess.Popen([str(NASKAH), "web", "--port", str(port), "--prefect-port",
                             str(free_port())], env=env, cwd=ROOT, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: reachable(f"{url}/masuk") or proc.poll() is not None, 240,
                   "naskah web")
        assert proc.poll() is None, (home / "web.log").read_text()
        yield url, home
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=FLAGS)
        yield chromium
        chromium.close()


class Shots:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.docs = os.environ.get("NASKAH_DOCS_SCREENSHOTS") == "1"

    def take(self, page, name: str, full_page: bool = True) -> None:  # type: ignore[no-untyped-def]
        path = self.folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        if self.docs:
            DOCS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, DOCS / f"{name}.png")


def log_in(browser, url: str, account: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=url, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.goto("/masuk")
    page.fill("input[name=akun]", account)
    page.fill("input[name=kata_sandi]", PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{url}/")
    return page


def upload(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.set_input_files("input[name=workbook]", str(path))
    page.click("button:has-text('Unggah dan periksa')")


def wait_for_state(page, state: str) -> None:  # type: ignore[no-untyped-def]
    """The round page refreshes itself every 3 s; wait for the state to show."""
    page.wait_for_selector(f"#status:text-is('{state}')", timeout=ROUND_WAIT_MS)


def approve_or_reject(page, approve: bool, reason: str) -> None:  # type: ignore[no-untyped-def]
    round_url = page.url
    links = page.eval_on_selector_all("ul.sample a", "els => els.map(e => e.href)")
    assert links, "no sample letters to review"
    if approve:
        for link in links:
            page.goto(link)
            page.wait_for_selector("img.page")
        page.goto(round_url)
        assert page.locator("text=belum diperiksa").count() == 0
    page.fill("textarea[name=alasan]", reason)
    page.click("button:has-text('Setujui')" if approve else "button:has-text('Tolak')")


def outside_the_browser_loop(function, *args):  # type: ignore[no-untyped-def]
    """pyHanko runs its own asyncio loop; Playwright's sync API holds this thread's."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(function, *args).result()


def numbers(home: Path, kode: str) -> dict[tuple[str, str], str]:
    manifest = json.loads((home / "outputs" / kode / "manifest.json").read_text())
    return {(d["kind"], d["nip"] or ""): d["number"] for d in manifest["documents"]}


def test_a_clerk_runs_a_round_and_an_approver_signs_it(desk, browser, tmp_path):
    url, home = desk
    shots = Shots(tmp_path)
    clerk = log_in(browser, url, "ani")
    shots.take(clerk, "1-daftar-putaran")

    broken = sample()
    broken.pejabat[0]["nip"] = "1975"
    upload(clerk, write(tmp_path, broken, "rusak.xlsx"))
    clerk.wait_for_selector("table.problems")
    assert "Pejabat" in clerk.content() and "NIP" in clerk.content()
    shots.take(clerk, "2-workbook-bermasalah")

    upload(clerk, ROOT / "inputs" / "contoh-evaluasi-kinerja.xlsx")
    clerk.wait_for_selector("text=EVKIN-BUKITDAMAR-2024")
    clerk.click("button:has-text('Jalankan putaran')")
    clerk.wait_for_selector("#status")
    shots.take(clerk, "3-putaran-berjalan")
    wait_for_state(clerk, "menunggu persetujuan")
    kode = "EVKIN-BUKITDAMAR-2024"
    assert not list((home / "outputs" / kode).glob("ttd/*.pdf")), "signed before approval"
    assert clerk.locator("button:has-text('Setujui')").count() == 0  # an operator can't

    approver = log_in(browser, url, "budi")
    approver.click(f"text={kode}")
    shots.take(approver, "4-menunggu-persetujuan")
    approver.click("ul.sample a >> nth=0")
    approver.wait_for_selector("img.page")
    approver.wait_for_load_state("networkidle")  # the page pictures are drawn
    shots.take(approver, "5-pratinjau-surat")
    approver.go_back()
    approve_or_reject(approver, True, "Sampel sudah diperiksa dan sesuai.")
    wait_for_state(approver, "selesai")
    shots.take(approver, "6-putaran-selesai")

    with approver.expect_download() as download:
        approver.click("text=Unduh arsip (zip)")
    archive = tmp_path / "arsip.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as zipped:
        signed = [n for n in zipped.namelist() if "/ttd/" in n]
        manifest = json.loads(zipped.read(f"{kode}/manifest.json"))
        assert len(signed) == len(manifest["documents"]) == 31  # 13 officials x 2 + 5
        checks = outside_the_browser_loop(check_signatures, zipped.read(signed[0]))
        assert checks and all(c.intact and c.covers_file for c in checks)
    assert manifest["approval"]["approved"] is True
    assert manifest["approval"]["by"] == "Budi Santoso (budi)"
    with approver.expect_download() as bundle:
        approver.click("text=Unduh bundel PDF")
    assert bundle.value.suggested_filename == f"{kode}-bundel.pdf"
    with approver.expect_download() as printable:
        approver.click("text=Unduh semua surat bertanda tangan")
    assert printable.value.suggested_filename == f"{kode}-bertanda-tangan.pdf"

    # The archive across rounds: this official's letters, with their state.
    approver.goto("/arsip?q=Arsyad")
    approver.wait_for_selector("#hasil-cari")
    assert approver.locator("#hasil-cari span.state:text-is('ditandatangani')").count() >= 2
    shots.take(approver, "8-arsip")

    # On a 390 px phone the page does not scroll sideways: wide tables scroll in their card.
    phone = browser.new_context(base_url=url, viewport={"width": 390, "height": 844},
                                device_scale_factor=2, is_mobile=True, locale="id-ID")
    phone_page = phone.new_page()
    phone_page.goto("/masuk")
    phone_page.fill("input[name=akun]", "budi")
    phone_page.fill("input[name=kata_sandi]", PASSWORD)
    phone_page.click("button:has-text('Masuk')")
    phone_page.goto(approver.url.split("/arsip")[0] + "/")
    phone_page.click(f"text={kode}")
    phone_page.wait_for_selector("#status")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.locator("h2:text-is('Hasil evaluasi')").scroll_into_view_if_needed()
    shots.take(phone_page, "9-ponsel", full_page=False)  # one screen: the results table
    phone.close()

    auditor = log_in(browser, url, "citra")
    auditor.click(f"text={kode}")
    auditor.click("button:has-text('Periksa keutuhan')")
    auditor.wait_for_selector("#verifikasi-utuh")
    auditor.goto("/riwayat")
    for action in ("unggah", "jalankan", "setujui", "lihat surat", "verifikasi"):
        assert auditor.locator(f"td:text-is('{action}')").count() >= 1, action
    assert "flow run" not in auditor.content()
    shots.take(auditor, "7-riwayat")
    clerk.goto("/riwayat")  # the audit log is not the operator's
    assert "Tidak dapat dilanjutkan" in clerk.content()


def test_a_rejected_round_signs_nothing_and_its_corrected_rerun_keeps_the_numbers(
        desk, browser, tmp_path):
    url, home = desk
    kode = "UJIKOM-BUKITDAMAR-2025"
    clerk = log_in(browser, url, "ani")
    upload(clerk, ROOT / "inputs" / "contoh-uji-kompetensi.xlsx")
    clerk.click("button:has-text('Jalankan putaran')")
    wait_for_state(clerk, "menunggu persetujuan")
    first = numbers(home, kode)

    approver = log_in(browser, url, "budi")
    approver.goto(clerk.url)
    approve_or_reject(approver, False, "Gelar pejabat nomor 1 salah ketik.")
    wait_for_state(approver, "ditolak")
    time.sleep(3)  # the run finishes after the answer; nothing may be signed after it either
    assert not list((home / "outputs" / kode).rglob("ttd/*.pdf"))
    manifest = json.loads((home / "outputs" / kode / "manifest.json").read_text())
    assert manifest["approval"]["approved"] is False
    assert all(d["signed_pdf"] is None for d in manifest["documents"])

    assert "Unexpected result for failed state" not in (home / "web.log").read_text()

    # The corrected workbook goes onto the same round, as its second version.
    round_url = clerk.url
    corrected = sample("uji_kompetensi")
    corrected.pejabat[0]["gelar_belakang"] = "S.E., M.Ak."
    clerk.goto(round_url)
    clerk.set_input_files("form.version input[name=workbook]",
                          str(write(tmp_path, corrected, "ujikom-perbaikan.xlsx")))
    clerk.click("button:has-text('Unggah versi baru')")
    clerk.wait_for_selector("#peringatan")  # its warnings, by cell, before it runs
    assert clerk.url == round_url and "Versi workbook (2)" in clerk.content()
    assert clerk.locator("#hasil-unggahan tbody tr").count() == len(corrected.pejabat)
    clerk.click("button:has-text('Jalankan ulang putaran')")
    wait_for_state(clerk, "menunggu persetujuan")
    approver.goto(round_url)
    assert f"<strong>{len(first)} surat</strong> ditandatangani" in approver.content()
    approve_or_reject(approver, True, "Perbaikan sesuai.")
    wait_for_state(approver, "selesai")
    assert numbers(home, kode) == first
    signed = list((home / "outputs" / kode).glob("ttd/*.pdf"))
    assert len(signed) == len(first)
    clerk.goto("/")
    assert clerk.locator(f"td a:text-is('{kode}')").count() == 1  # one round, one place


PHONE = {"width": 390, "height": 844}


def test_a_recipient_scans_a_letters_qr_and_checks_the_pdf_on_a_phone(desk, browser, tmp_path):
    """A round run from the command line into the desk's archive: the QR of a signed letter,
    decoded from the page picture, opens the desk's public page on a phone, without an
    account; the same letter with an update appended after its signature is "telah diubah"."""
    from tests.web.cek_archive import qr_urls
    from tests.web.test_cek import with_incremental_update

    url, home = desk
    shots = Shots(tmp_path)
    env = {**os.environ, "PREFECT_HOME": str(home / "prefect-cli"),
           "NASKAH_REGISTER": str(home / "register.sqlite"),
           "NASKAH_FOLDER_KELUARAN": str(home / "outputs"), "NASKAH_URL_PUBLIK": url}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([str(NASKAH), "run", "inputs/contoh-seleksi-terbuka.xlsx"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    kode = "SELTER-BUKITDAMAR-2023"
    manifest = json.loads((home / "outputs" / kode / "manifest.json").read_text())
    letter = next(d for d in manifest["documents"] if d["kind"] == "undangan")
    signed = (home / "outputs" / kode / letter["signed_pdf"]).read_bytes()
    assert qr_urls(signed) == [f"{url}/cek/{letter['kode_cek']}"]

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale="id-ID")
    phone = context.new_page()
    phone.goto(qr_urls(signed)[0])
    phone.wait_for_selector("#hasil.asli")
    assert letter["number"] in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    shots.take(phone, "8-cek-surat-asli")

    changed = tmp_path / "surat-diubah.pdf"
    changed.write_bytes(with_incremental_update(signed))
    phone.set_input_files("input[name=pdf]", str(changed))
    phone.click("button:has-text('Periksa berkas')")
    phone.wait_for_selector("#hasil.telah-diubah")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shots.take(phone, "9-cek-telah-diubah")
    context.close()
