"""Accounts on the desk: one's own password, an admin's reset, the rules stated on the page;
the audit log is the auditor's and the admin's."""

from __future__ import annotations

import pytest

from tests.web.desk import PASSWORD, FakeRunner, client, desk_settings, log_in, logged_in

NEW = "sandi-baru-yang-panjang-7"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    return desk_settings(tmp_path, monkeypatch), FakeRunner()


def test_a_clerk_changes_their_own_password_and_other_sessions_end(desk):
    settings, runner = desk
    c, token = logged_in(settings, runner, "ani")
    other, _ = logged_in(settings, runner, "ani")
    page = c.get("/akun").text
    assert "paling sedikit 10 karakter" in page
    wrong = c.post("/akun/kata-sandi", data={"csrf": token, "kata_sandi_lama": "salah-sekali",
                                             "kata_sandi": NEW, "ulangi": NEW})
    assert wrong.status_code == 400 and "Kata sandi lama salah" in wrong.text
    weak = c.post("/akun/kata-sandi", data={"csrf": token, "kata_sandi_lama": PASSWORD,
                                            "kata_sandi": "pendek", "ulangi": "pendek"})
    assert weak.status_code == 400 and "paling sedikit 10" in weak.text
    done = c.post("/akun/kata-sandi", data={"csrf": token, "kata_sandi_lama": PASSWORD,
                                            "kata_sandi": NEW, "ulangi": NEW})
    assert done.status_code == 200 and "sudah diganti" in done.text
    assert c.get("/").status_code == 200  # this session goes on
    assert other.get("/").headers.get("location") == "/masuk"  # the other one ended
    assert log_in(client(settings, runner), "ani", NEW).status_code == 303
    assert log_in(client(settings, runner), "ani", PASSWORD).status_code == 401


def test_guessing_the_old_password_is_throttled_like_a_login(desk):
    """A stolen session must not try old passwords without limit: after the login limit the
    form answers 429, even for the right password, until the pause is over."""
    settings, runner = desk
    c, token = logged_in(settings, runner, "ani")
    for _ in range(settings.web.login_failures):
        wrong = c.post("/akun/kata-sandi", data={"csrf": token, "kata_sandi_lama": "tebakan-salah",
                                                 "kata_sandi": NEW, "ulangi": NEW})
        assert wrong.status_code == 400
    held = c.post("/akun/kata-sandi", data={"csrf": token, "kata_sandi_lama": PASSWORD,
                                            "kata_sandi": NEW, "ulangi": NEW})
    assert held.status_code == 429 and "Coba lagi dalam" in held.text
    assert log_in(client(settings, runner), "ani", NEW).status_code != 303


def test_without_csrf_or_session_nothing_changes(desk):
    settings, runner = desk
    c, _ = logged_in(settings, runner, "ani")
    response = c.post("/akun/kata-sandi", data={"csrf": "palsu", "kata_sandi_lama": PASSWORD,
                                                "kata_sandi": NEW, "ulangi": NEW})
    assert response.status_code in (400, 403)
    anonymous = client(settings, runner).post("/pengguna/ani/kata-sandi",
                                              data={"kata_sandi": NEW})
    assert anonymous.headers.get("location") == "/masuk"
    assert log_in(client(settings, runner), "ani", PASSWORD).status_code == 303


def test_only_an_admin_resets_another_password(desk):
    settings, runner = desk
    operator, token = logged_in(settings, runner, "ani")
    refused = operator.post("/pengguna/budi/kata-sandi", data={"csrf": token, "kata_sandi": NEW})
    assert refused.status_code == 403
    budi, _ = logged_in(settings, runner, "budi")
    admin, token = logged_in(settings, runner, "dewi")
    assert "paling sedikit 10 karakter" in admin.get("/pengguna").text
    weak = admin.post("/pengguna/budi/kata-sandi",
                      data={"csrf": token, "kata_sandi": "budi12345678"})
    assert weak.status_code == 400 and "nama akun" in weak.text
    done = admin.post("/pengguna/budi/kata-sandi", data={"csrf": token, "kata_sandi": NEW})
    assert done.status_code == 303
    assert budi.get("/").headers.get("location") == "/masuk"
    assert log_in(client(settings, runner), "budi", NEW).status_code == 303
    assert "atur ulang kata sandi" in admin.get("/riwayat").text


@pytest.mark.parametrize(("account", "allowed"), [("ani", False), ("budi", False),
                                                  ("citra", True), ("dewi", True)])
def test_the_audit_log_is_for_auditors_and_admins(desk, account, allowed):
    settings, runner = desk
    c, _ = logged_in(settings, runner, account)
    assert (c.get("/riwayat").status_code == 200) is allowed
    assert ('href="/riwayat"' in c.get("/").text) is allowed


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/akun"), ("POST", "/akun/kata-sandi"), ("POST", "/pengguna/ani/kata-sandi"),
    ("GET", "/arsip"), ("GET", "/putaran/1/ttd.pdf")])
def test_the_new_pages_need_a_session(desk, method, path):
    settings, runner = desk
    response = client(settings, runner).request(method, path, data={"csrf": "x"})
    assert response.status_code == 303 and response.headers["location"] == "/masuk"
