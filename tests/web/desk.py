"""Helpers for the desk's tests: a desk over a fake round runner, and logged-in clients."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from flows.settings import Settings, load_settings
from flows.web.app import create_app
from flows.web.policy import parse_roles
from flows.web.runs import RunStatus
from flows.web.store import Store

PASSWORD = "kata-sandi-uji-123"
ACCOUNTS = {"ani": "operator", "budi": "penyetuju", "citra": "auditor", "dewi": "admin"}
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class FakeRunner:
    """Round runs without Prefect: the test sets the state the desk will see."""

    state: str = "berjalan"
    started: list[str] = field(default_factory=list)
    answers: list[tuple[str, bool, str, str]] = field(default_factory=list)
    proofs: list[tuple[str, str]] = field(default_factory=list)

    def start(self, upload: str, approval: bool, kode_putaran: str) -> str:
        self.started.append(upload)
        return f"00000000-0000-0000-0000-{len(self.started):012d}"

    def status(self, flow_run_id: str) -> RunStatus:
        return RunStatus(self.state, "", 50.0, "membuat surat")

    def answer(self, flow_run_id: str, approved: bool, reason: str, approver: str,
               at: str = "", proof: str = "") -> None:
        self.answers.append((flow_run_id, approved, reason, approver))
        self.proofs.append((at, proof))


def desk_settings(tmp_path: Path, monkeypatch) -> Settings:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NASKAH_FOLDER_DATA_WEB", str(tmp_path / "data-web"))
    monkeypatch.setenv("NASKAH_FOLDER_KELUARAN", str(tmp_path / "outputs"))
    monkeypatch.setenv("NASKAH_REGISTER", str(tmp_path / "register.sqlite"))
    # Cheap argon2 parameters: the tests log in hundreds of times.
    from argon2 import PasswordHasher

    from flows.web import store as store_module

    monkeypatch.setattr(store_module, "_HASHER", PasswordHasher(time_cost=1, memory_cost=256,
                                                                parallelism=1))
    settings = load_settings()
    store = Store(settings.web.database)
    for name, role in ACCOUNTS.items():
        store.add_user(name, name.title(), PASSWORD, parse_roles(role))
    return settings


def client(settings: Settings, runner: FakeRunner) -> TestClient:
    return TestClient(create_app(settings, runner), base_url="http://127.0.0.1:8000",
                      follow_redirects=False)


def csrf_in(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match[1]


def log_in(c: TestClient, username: str, password: str = PASSWORD) -> httpx.Response:
    token = csrf_in(c.get("/masuk").text)
    return c.post("/masuk", data={"csrf": token, "akun": username, "kata_sandi": password})


def logged_in(settings: Settings, runner: FakeRunner, username: str) -> tuple[TestClient, str]:
    """A client with a session, and the session's CSRF token."""
    c = client(settings, runner)
    assert log_in(c, username).status_code == 303
    return c, csrf_in(c.get("/").text)


def sample_bytes(name: str = "contoh-evaluasi-kinerja.xlsx") -> bytes:
    return (ROOT / "inputs" / name).read_bytes()
