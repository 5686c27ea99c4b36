"""The scale-out commands refuse clearly without what they need (no server is started)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.pool import worker_environment

NASKAH = Path(sys.executable).with_name("naskah")
ROOT = Path(__file__).resolve().parents[2]


def naskah(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    return subprocess.run([str(NASKAH), *args], capture_output=True, text=True, cwd=ROOT,
                          env={**base, **(env or {})}, timeout=120, check=False)


@pytest.mark.parametrize("command", [["deploy"], ["worker", "--pool", "naskah"],
                                     ["run", "inputs/contoh-evaluasi-kinerja.xlsx", "--pool",
                                      "naskah"]])
def test_pool_commands_need_a_shared_server(command):
    done = naskah(*command)
    assert done.returncode == 1
    assert "PREFECT_API_URL" in done.stderr and "Traceback" not in done.stderr


def test_wait_needs_a_pool():
    done = naskah("run", "inputs/contoh-evaluasi-kinerja.xlsx", "--wait")
    assert done.returncode == 1 and "--wait hanya berlaku bersama --pool" in done.stderr


def test_register_export_needs_a_postgresql_url(tmp_path):
    done = naskah("register", "export", "--ke", str(tmp_path / "lain.sqlite"))
    assert done.returncode == 1 and "--ke harus URL postgresql://" in done.stderr


def test_a_bad_pool_name_in_the_settings_is_refused():
    done = naskah("validate", "inputs/contoh-evaluasi-kinerja.xlsx",
                  env={"NASKAH_KOLAM_KERJA": "bukan nama!"})
    assert done.returncode == 1 and "jalan.kolam_kerja" in done.stderr


def test_the_worker_passes_its_environment_and_folder_to_its_rounds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "naskah.toml").write_text("")
    env = worker_environment({"PREFECT_API_AUTH_STRING": "rahasia", "PATH": "/usr/bin"})
    assert env["PREFECT_API_AUTH_STRING"] == "rahasia"  # auth and the like pass through
    assert env["NASKAH_FOLDER_KERJA"] == str(tmp_path)
    assert env["NASKAH_SETTINGS"] == str(tmp_path / "naskah.toml")
    assert env["PREFECT_FLOWS_HEARTBEAT_FREQUENCY"] == "30"


def test_the_desk_on_a_pool_needs_a_shared_server(tmp_path):
    done = naskah("web", env={"NASKAH_KOLAM_KERJA": "naskah",
                              "NASKAH_FOLDER_DATA_WEB": str(tmp_path)})
    assert done.returncode == 1
    assert "Kolam kerja 'naskah'" in done.stderr and "PREFECT_API_URL" in done.stderr


def test_the_desk_submits_to_the_pools_deployment():
    from flows.web.runs import DEPLOYMENT, deployment_for

    assert deployment_for("") == DEPLOYMENT
    assert deployment_for("naskah") == "putaran-web/naskah"


def test_a_pool_flow_run_works_in_its_workers_folder(tmp_path, monkeypatch):
    from flows.orchestration import WORK_FOLDER_ENV, enter_work_folder

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv(WORK_FOLDER_ENV, raising=False)
    enter_work_folder()
    assert Path.cwd() == ROOT  # naskah run: where it was started
    monkeypatch.setenv(WORK_FOLDER_ENV, str(tmp_path))
    enter_work_folder()
    assert Path.cwd() == tmp_path
