"""The Prefect servers naskah starts require the installation's API auth string; the secret
never reaches children that do not need it, and the desk's deployment cannot be told to skip
approval."""

from __future__ import annotations

import base64
import os
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.test_serve import free_port

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "rahasia-p12-uji"

pytestmark = pytest.mark.slow


def post(url: str, auth: str | None) -> int:
    request = urllib.request.Request(url, data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    if auth is not None:
        request.add_header("Authorization",
                           "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def environ_of(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def test_the_local_server_of_naskah_web_and_serve_refuses_calls_without_the_auth_string(
        tmp_path, monkeypatch, capfd):
    from flows.credentials import AUTH_FILE, CLIENT_AUTH_ENV, prefect_auth_string
    from flows.serving import _start_local_server

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    monkeypatch.setenv("NASKAH_P12_PASSWORD", PASSPHRASE)
    monkeypatch.delenv(CLIENT_AUTH_ENV, raising=False)
    data = tmp_path / "data-web"
    port = free_port()
    server = _start_local_server(port, data)
    try:
        auth = prefect_auth_string(data)
        assert stat.S_IMODE((data / AUTH_FILE).stat().st_mode) == 0o600
        assert os.environ[CLIENT_AUTH_ENV] == auth  # the clients naskah starts send it
        api = f"http://127.0.0.1:{port}/api"
        assert post(f"{api}/flow_runs/filter", None) == 401
        assert post(f"{api}/flow_runs/filter", "naskah:tebakan") == 401
        assert post(f"{api}/flow_runs/filter", auth) == 200
        env = environ_of(server.pid)
        assert "NASKAH_P12_PASSWORD" not in env  # the server never signs
        assert CLIENT_AUTH_ENV not in env
    finally:
        server.terminate()
        server.wait(timeout=60)
    out, err = capfd.readouterr()
    assert auth not in out + err
    # The same string on the next start: one per installation.
    assert prefect_auth_string(data) == auth


def test_the_embedded_server_of_naskah_run_requires_its_own_auth_string(tmp_path, monkeypatch):
    from flows import prefect_setup
    from flows.credentials import CLIENT_AUTH_ENV

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    monkeypatch.setenv("NASKAH_P12_PASSWORD", PASSPHRASE)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv(CLIENT_AUTH_ENV, raising=False)
    server = prefect_setup.EmbeddedServer()
    try:
        server.wait_ready(180)
        auth = os.environ[CLIENT_AUTH_ENV]
        assert post(f"{server.url}/flow_runs/filter", None) == 401
        assert post(f"{server.url}/flow_runs/filter", auth) == 200
        env = environ_of(server.process.pid)
        assert "NASKAH_P12_PASSWORD" not in env and CLIENT_AUTH_ENV not in env
    finally:
        server.stop()
        os.environ.pop("PREFECT_API_URL", None)  # the server set both; it is gone
        os.environ.pop(CLIENT_AUTH_ENV, None)


def test_soffice_gets_neither_the_passphrase_nor_the_api_secret(monkeypatch):
    from flows.credentials import CLIENT_AUTH_ENV, child_env

    monkeypatch.setenv("NASKAH_P12_PASSWORD", PASSPHRASE)
    monkeypatch.setenv(CLIENT_AUTH_ENV, "naskah:x")
    monkeypatch.setenv("TANPA_RAHASIA", "1")
    env = child_env()
    assert "NASKAH_P12_PASSWORD" not in env and CLIENT_AUTH_ENV not in env
    assert env["TANPA_RAHASIA"] == "1"


def test_soffice_is_started_with_the_cleaned_environment(monkeypatch, tmp_path):
    """LibreOffice's real process: its /proc environment has no passphrase."""
    from flows.pdf import libreoffice

    seen: list[dict[str, str]] = []
    real = subprocess.Popen

    def spy(command, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs.get("env") or dict(os.environ))
        return real([sys.executable, "-c", "pass"], **kwargs)

    monkeypatch.setenv("NASKAH_P12_PASSWORD", PASSPHRASE)
    monkeypatch.setattr(libreoffice, "soffice_path", lambda: "soffice")
    monkeypatch.setattr(libreoffice.subprocess, "Popen", spy)
    source = tmp_path / "a.docx"
    source.write_bytes(b"x")
    with pytest.raises(Exception):  # noqa: B017  (no PDF comes out of "pass")
        libreoffice.convert_batch([source], tmp_path / "pdf", 30)
    assert seen and "NASKAH_P12_PASSWORD" not in seen[0]


def test_the_desk_deployment_has_no_parameter_to_skip_approval():
    from prefect.exceptions import SignatureMismatchError

    from flows.orchestration import round_from_upload

    assert list(round_from_upload.parameters.properties) == ["unggahan"]
    with pytest.raises(SignatureMismatchError):
        round_from_upload.validate_parameters({"unggahan": "0" * 32,
                                               "wajib_persetujuan": False})


def test_secret_files_are_made_once_with_mode_0600(tmp_path):
    from flows.credentials import APPROVAL_KEY_FILE, approval_key

    key = approval_key(tmp_path)
    assert len(key) == 32 and approval_key(tmp_path) == key
    assert stat.S_IMODE((tmp_path / APPROVAL_KEY_FILE).stat().st_mode) == 0o600
    (tmp_path / APPROVAL_KEY_FILE).chmod(0o644)
    approval_key(tmp_path)
    assert stat.S_IMODE((tmp_path / APPROVAL_KEY_FILE).stat().st_mode) == 0o600
