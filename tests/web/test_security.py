"""The desk refuses what it must: no session, wrong role, forged CSRF, path tricks, bad or
oversized uploads, password guessing; and it writes nothing when it refuses."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from flows.web.store import Store
from tests.web.desk import (
    FakeRunner,
    client,
    csrf_in,
    desk_settings,
    log_in,
    logged_in,
    sample_bytes,
)
from tests.workbooks import sample, write

KODE = "EVKIN-BUKITDAMAR-2024"

ROUTES = [  # (method, path) of every page and action, with round 1 and letter 0
    ("GET", "/"), ("GET", "/template-workbook.xlsx"), ("POST", "/unggah"),
    ("GET", "/putaran/1"), ("POST", "/putaran/1/mulai"), ("GET", "/putaran/1/surat/0"),
    ("GET", "/putaran/1/surat/0/pdf"), ("GET", "/putaran/1/surat/0/halaman/1.png"),
    ("POST", "/putaran/1/keputusan"),
    ("GET", "/putaran/1/bundel.pdf"), ("GET", "/putaran/1/arsip.zip"),
    ("POST", "/putaran/1/verifikasi"), ("POST", "/putaran/1/arsipkan"), ("GET", "/riwayat"),
    ("GET", "/pengguna"), ("POST", "/pengguna"), ("POST", "/pengguna/ani/nonaktifkan"),
    ("POST", "/keluar"),
]
FORBIDDEN = [  # (account, method, path): the role does not allow it
    ("budi", "POST", "/unggah"), ("citra", "POST", "/unggah"),
    ("budi", "GET", "/template-workbook.xlsx"),
    ("budi", "POST", "/putaran/1/mulai"), ("citra", "POST", "/putaran/1/mulai"),
    ("ani", "POST", "/putaran/1/keputusan"), ("citra", "POST", "/putaran/1/keputusan"),
    ("ani", "POST", "/putaran/1/verifikasi"), ("ani", "POST", "/putaran/1/arsipkan"),
    ("citra", "POST", "/putaran/1/arsipkan"), ("ani", "GET", "/pengguna"),
    ("budi", "POST", "/pengguna"), ("citra", "POST", "/pengguna/ani/nonaktifkan"),
]


@pytest.fixture
def desk(tmp_path, monkeypatch):
    settings = desk_settings(tmp_path, monkeypatch)
    runner = FakeRunner()
    operator, token = logged_in(settings, runner, "ani")
    response = operator.post("/unggah", data={"csrf": token},
                             files={"workbook": ("contoh.xlsx", sample_bytes())})
    assert response.status_code == 303 and response.headers["location"] == "/putaran/1"
    return settings, runner


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def state_of(settings) -> tuple[set[Path], list]:  # type: ignore[no-untyped-def]
    """Files of the desk and the outputs, and the rounds: what a refusal must not change."""
    store = Store(settings.web.database)
    return (files_under(settings.web.uploads) | files_under(settings.run.outputs),
            store.rounds())


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_without_a_session_goes_to_the_login_page(desk, method, path):
    settings, runner = desk
    before = state_of(settings)
    response = client(settings, runner).request(method, path, data={"csrf": "x"})
    assert response.status_code == 303 and response.headers["location"] == "/masuk"
    assert state_of(settings) == before


@pytest.mark.parametrize(("account", "method", "path"), FORBIDDEN)
def test_a_role_without_the_right_is_refused(desk, account, method, path):
    settings, runner = desk
    c, token = logged_in(settings, runner, account)
    before = state_of(settings)
    files = {"workbook": ("contoh.xlsx", sample_bytes())} if path == "/unggah" else None
    response = c.request(method, path, data={"csrf": token, "keputusan": "setuju",
                                             "akun": "baru", "kata_sandi": "x" * 12},
                         files=files)
    assert response.status_code == 403
    assert "tidak berwenang" in response.text
    assert state_of(settings) == before
    assert runner.started == [] and runner.answers == []


@pytest.mark.parametrize(("account", "path"), [
    ("ani", "/unggah"), ("ani", "/putaran/1/mulai"), ("budi", "/putaran/1/keputusan"),
    ("citra", "/putaran/1/verifikasi"), ("dewi", "/pengguna"), ("ani", "/keluar"),
    ("budi", "/putaran/1/arsipkan"),
])
@pytest.mark.parametrize("token", ["palsu", "", None])
def test_a_forged_or_missing_csrf_token_is_refused(desk, account, path, token):
    settings, runner = desk
    runner.state = "menunggu persetujuan"
    c, _real = logged_in(settings, runner, account)
    before = state_of(settings)
    data = {"keputusan": "tolak", "alasan": "alasan panjang", "akun": "baru"}
    if token is not None:
        data["csrf"] = token
    files = {"workbook": ("contoh.xlsx", sample_bytes())} if path == "/unggah" else None
    response = c.post(path, data=data, files=files)
    assert response.status_code == 403
    assert state_of(settings) == before
    assert runner.started == [] and runner.answers == []
    assert c.get("/").status_code == 200  # the session was not ended


def test_a_form_posted_from_another_site_is_refused(desk):
    settings, runner = desk
    c, token = logged_in(settings, runner, "ani")
    response = c.post("/putaran/1/mulai", data={"csrf": token},
                      headers={"Origin": "http://penyerang.example"})
    assert response.status_code == 403 and runner.started == []


def test_the_login_form_needs_its_own_csrf_cookie(desk):
    settings, runner = desk
    c = client(settings, runner)
    response = c.post("/masuk", data={"csrf": "palsu", "akun": "ani",
                                      "kata_sandi": "kata-sandi-uji-123"})
    assert response.status_code == 403 and "naskah_sesi" not in response.cookies


@pytest.mark.parametrize("name", ["../../../etc/evil.xlsx", "..\\..\\evil.xlsx",
                                  "/tmp/mutlak.xlsx"])
def test_an_uploaded_file_name_never_becomes_a_path(desk, name, tmp_path):
    settings, runner = desk
    c, token = logged_in(settings, runner, "ani")
    response = c.post("/unggah", data={"csrf": token},
                      files={"workbook": (name, sample_bytes())})
    assert response.status_code == 303
    uploads = sorted(p.name for p in settings.web.uploads.iterdir())
    assert all(len(n) == len("0" * 32 + ".xlsx") for n in uploads), uploads
    assert not (tmp_path / "evil.xlsx").exists() and not Path("/tmp/mutlak.xlsx").exists()
    assert Store(settings.web.database).rounds()[0].file_name == Path(
        name.replace("\\", "/")).name


@pytest.mark.parametrize("path", [
    "/putaran/1/surat/..%2F..%2Fmanifest.json", "/putaran/1/surat/-1/pdf",
    "/putaran/1/surat/99/pdf", "/putaran/1/../../etc/passwd", "/static/..%2F..%2Fapp.py",
    "/putaran/2", "/putaran/abc",
])
def test_file_routes_take_no_paths(desk, path):
    settings, runner = desk
    c, _ = logged_in(settings, runner, "citra")
    response = c.get(path)
    assert response.status_code in (404, 422), (path, response.status_code)
    assert "root:" not in response.text and "import" not in response.text


@pytest.mark.parametrize(("name", "data"), [
    ("data.csv", b"nama,nip\n"),
    ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
    ("palsu.xlsx", b"bukan zip sama sekali"),
    ("dokumen.xlsx", None),  # a Word file renamed
])
def test_a_file_that_is_no_xlsx_workbook_is_refused(desk, name, data):
    settings, runner = desk
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
        data = buffer.getvalue()
    c, token = logged_in(settings, runner, "ani")
    before = state_of(settings)
    response = c.post("/unggah", data={"csrf": token}, files={"workbook": (name, data)})
    assert response.status_code == 415 and ".xlsx" in response.text
    assert state_of(settings) == before


def test_an_oversized_upload_is_refused_before_it_is_kept(desk, monkeypatch):
    settings, runner = desk
    c, token = logged_in(settings, runner, "ani")
    before = state_of(settings)
    big = b"PK\x03\x04" + b"\0" * (settings.web.max_upload_bytes + 1)
    response = c.post("/unggah", data={"csrf": token}, files={"workbook": ("besar.xlsx", big)})
    assert response.status_code == 413 and "terlalu besar" in response.text
    assert state_of(settings) == before


def test_a_workbook_with_errors_shows_each_cell_and_is_not_kept(desk, tmp_path_factory):
    settings, runner = desk
    content = sample()
    content.pejabat[0]["nip"] = "123"
    data = write(tmp_path_factory.mktemp("rusak"), content, "rusak.xlsx").read_bytes()
    c, token = logged_in(settings, runner, "ani")
    before = state_of(settings)
    response = c.post("/unggah", data={"csrf": token}, files={"workbook": ("rusak.xlsx", data)})
    assert response.status_code == 422
    assert "Pejabat" in response.text and "B2" in response.text
    assert state_of(settings) == before


def test_logins_are_throttled_after_repeated_failures(desk):
    settings, runner = desk
    c = client(settings, runner)
    for _ in range(settings.web.login_failures):
        assert log_in(c, "ani", "salah-salah-salah").status_code == 401
    assert log_in(c, "ani").status_code == 429  # even the right password, for a while
    audit = [e.action for e in Store(settings.web.database).audit()]
    assert audit.count("masuk gagal") == settings.web.login_failures
    assert "masuk ditahan" in audit


def test_thirty_parallel_wrong_guesses_are_counted_atomically(desk):
    """The count is taken and raised in one transaction: at most the limit is evaluated."""
    from concurrent.futures import ThreadPoolExecutor

    settings, runner = desk
    clients = [client(settings, runner) for _ in range(30)]
    tokens = [csrf_in(c.get("/masuk").text) for c in clients]

    def guess(i: int) -> int:
        return clients[i].post("/masuk", data={"csrf": tokens[i], "akun": "ani",
                                               "kata_sandi": f"tebakan-{i}"}).status_code

    with ThreadPoolExecutor(30) as pool:
        codes = list(pool.map(guess, range(30)))
    assert codes.count(401) <= settings.web.login_failures
    assert codes.count(429) >= 30 - settings.web.login_failures
    audit = [e.action for e in Store(settings.web.database).audit()]
    assert audit.count("masuk gagal") <= settings.web.login_failures
    assert log_in(client(settings, runner), "ani").status_code == 429


def test_failures_for_an_unknown_account_lock_out_no_other_account(desk):
    settings, runner = desk
    c = client(settings, runner)
    for _ in range(settings.web.login_failures * 3):
        assert log_in(c, "tidak-ada", "salah-salah-salah").status_code in (401, 429)
    assert log_in(c, "tidak-ada", "salah-salah-salah").status_code == 429
    assert log_in(c, "ani").status_code == 303  # same address, another account: fine


def test_a_locked_account_waits_longer_after_each_further_failure(tmp_path, monkeypatch):
    from flows.web import store as store_module

    now = [1_000_000.0]
    monkeypatch.setattr(store_module.time, "time", lambda: now[0])
    store = Store(tmp_path / "w.sqlite")
    for _ in range(5):
        assert store.begin_attempt("ani", "10.0.0.1", 5, 60) == 0
    assert store.begin_attempt("ani", "10.0.0.1", 5, 60) == 60
    now[0] += 61
    assert store.begin_attempt("ani", "10.0.0.1", 5, 60) == 0  # one more try, failing
    assert store.begin_attempt("ani", "10.0.0.1", 5, 60) == 120
    store.clear_failures("ani")
    assert store.begin_attempt("ani", "10.0.0.1", 5, 60) == 0


def test_forwarded_addresses_are_believed_only_from_configured_proxies():
    from starlette.requests import Request

    from flows.web.security import client_address

    def request(peer: str, forwarded: str) -> Request:
        return Request({"type": "http", "client": (peer, 5000), "headers": [
            (b"x-forwarded-for", forwarded.encode())]})

    assert client_address(request("203.0.113.9", "10.9.9.9"), ()) == "203.0.113.9"
    assert client_address(request("203.0.113.9", "10.9.9.9"), ("127.0.0.1",)) == "203.0.113.9"
    assert client_address(request("127.0.0.1", "1.2.3.4, 10.9.9.9"), ("127.0.0.1",)) == \
        "10.9.9.9"
    assert client_address(request("127.0.0.1", "10.9.9.9, 127.0.0.1"), ("127.0.0.1",)) == \
        "10.9.9.9"


def test_session_cookie_is_httponly_and_samesite_strict(desk):
    settings, runner = desk
    c = client(settings, runner)
    response = log_in(c, "ani")
    cookie = next(v for v in response.headers.get_list("set-cookie")
                  if v.startswith("naskah_sesi="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = c.get("/")
    assert page.headers["x-frame-options"] == "SAMEORIGIN"
    assert "script-src 'none'" in page.headers["content-security-policy"]


def test_logout_ends_the_session(desk):
    settings, runner = desk
    c, token = logged_in(settings, runner, "ani")
    cookie = c.cookies["naskah_sesi"]
    assert c.post("/keluar", data={"csrf": token}).status_code == 303
    stale = client(settings, runner)
    stale.cookies.set("naskah_sesi", cookie)
    assert stale.get("/").status_code == 303


def test_a_disabled_account_loses_its_session(desk):
    settings, runner = desk
    operator, _ = logged_in(settings, runner, "ani")
    admin, token = logged_in(settings, runner, "dewi")
    assert admin.post("/pengguna/ani/nonaktifkan", data={"csrf": token}).status_code == 303
    assert operator.get("/").status_code == 303
    assert log_in(client(settings, runner), "ani").status_code == 401


def test_approval_needs_every_sample_letter_opened_and_a_reason_to_reject(desk, tmp_path):
    settings, runner = desk
    operator, token = logged_in(settings, runner, "ani")
    operator.post("/putaran/1/mulai", data={"csrf": token})
    _fake_manifest(settings)
    runner.state = "menunggu persetujuan"
    approver, token = logged_in(settings, runner, "budi")
    page = approver.get("/putaran/1").text
    assert "belum diperiksa" in page
    refused = approver.post("/putaran/1/keputusan", data={"csrf": token, "keputusan": "setuju"})
    assert refused.status_code == 409 and runner.answers == []
    no_reason = approver.post("/putaran/1/keputusan", data={"csrf": token, "keputusan": "tolak"})
    assert no_reason.status_code == 400 and runner.answers == []
    import re

    for link in sorted(set(re.findall(r'href="(/putaran/1/surat/\d+)"', page))):
        assert approver.get(link).status_code == 200
    assert "belum diperiksa" not in approver.get("/putaran/1").text
    done = approver.post("/putaran/1/keputusan", data={"csrf": token, "keputusan": "setuju",
                                                       "alasan": "sesuai"})
    assert done.status_code == 303
    assert runner.answers == [(runner.answers[0][0], True, "sesuai", "Budi (budi)")]
    _the_answer_carries_the_desks_mac(settings, runner)


def _the_answer_carries_the_desks_mac(settings, runner) -> None:  # type: ignore[no-untyped-def]
    """The desk's answer holds a MAC (the installation's 0600 key) over the round, the run,
    the approver, the time and every PDF it listed; the audit log records it."""
    import json
    import stat

    from flows import approval
    from flows.credentials import APPROVAL_KEY_FILE, approval_key

    key_file = settings.web.data / APPROVAL_KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    (run_id, approved, _, who), (at, proof) = runner.answers[0], runner.proofs[0]
    manifest = json.loads((settings.run.outputs / KODE / "manifest.json").read_text())
    fields = dict(kode_putaran=KODE, flow_run_id=run_id, approved=approved, approver=who, at=at,
                  pdfs=approval.manifest_pdfs(manifest))
    assert len(fields["pdfs"]) == 4
    assert approval.valid(approval_key(settings.web.data), proof, **fields)
    assert not approval.valid(b"x" * 32, proof, **fields)
    assert not approval.valid(approval_key(settings.web.data), proof,
                              **{**fields, "approver": "Penyusup"})
    entries = [a for a in Store(settings.web.database).audit() if a.action == "setujui"]
    assert entries and proof[:16] in entries[0].detail


def _fake_manifest(settings) -> None:  # type: ignore[no-untyped-def]
    """A round folder with two letters of each of two kinds (unsigned PDFs)."""
    import json

    folder = settings.run.outputs / "EVKIN-BUKITDAMAR-2024"
    (folder / "pdf").mkdir(parents=True)
    documents = []
    for i, kind in enumerate(["undangan", "undangan", "sk_tim", "pemberitahuan_hasil"]):
        (folder / "pdf" / f"{i}.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
        documents.append({"kind": kind, "title": kind, "number": f"800/{i}", "nip": None,
                          "pdf": f"pdf/{i}.pdf", "signed_pdf": None, "sha256": {}})
    (folder / "manifest.json").write_text(json.dumps({"documents": documents, "results": []}))


def test_letters_outside_the_round_folder_are_never_served(desk):
    settings, runner = desk
    operator, token = logged_in(settings, runner, "ani")
    operator.post("/putaran/1/mulai", data={"csrf": token})
    _fake_manifest(settings)
    import json

    folder = settings.run.outputs / "EVKIN-BUKITDAMAR-2024"
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["documents"][0]["pdf"] = "../../data-web/naskah-web.sqlite"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert operator.get("/putaran/1/surat/0/pdf").status_code == 404
    assert operator.get("/putaran/1/surat/1/pdf").status_code == 200


def test_csrf_tokens_differ_per_session(desk):
    settings, runner = desk
    first = csrf_in(logged_in(settings, runner, "ani")[0].get("/").text)
    second = csrf_in(logged_in(settings, runner, "ani")[0].get("/").text)
    assert first != second
