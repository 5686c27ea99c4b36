"""`naskah serve` against a real Prefect server: a deployment run started through Prefect's
API with a workbook parameter produces the round."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def prefect_server(tmp_path):
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    proc = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api"
    try:
        wait_until(lambda: healthy(url), 180, "the Prefect server")
        yield url, env
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def test_a_deployment_run_with_a_workbook_parameter_produces_the_round(prefect_server,
                                                                       tmp_path):
    url, env = prefect_server
    env = {**env, "PREFECT_API_URL": url, "NASKAH_REGISTER": str(tmp_path / "reg.sqlite")}
    out = tmp_path / "hasil"
    serve = subprocess.Popen([str(BIN / "naskah"), "serve", "--out", str(out)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
    try:
        script = """
import asyncio, sys
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment

async def schema():
    async with get_client() as client:
        d = await client.read_deployment_by_name("putaran-dari-inputs/pilih-workbook")
        return d.parameter_openapi_schema["properties"]["workbook"]["enum"]

for _ in range(240):
    try:
        print(asyncio.run(schema()))
        break
    except Exception:
        import time; time.sleep(0.5)
run = run_deployment("putaran-dari-inputs/pilih-workbook",
                     parameters={"workbook": "contoh-seleksi-terbuka.xlsx", "pdf": False},
                     timeout=240)
print(run.state.type.value, run.state.message)
try:
    run_deployment("putaran-dari-inputs/pilih-workbook",
                   parameters={"workbook": "../naskah.toml"}, timeout=30)
except Exception as exc:
    print("ditolak:", "is not one of" in str(exc))
"""
        proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=400, check=False)
        lines = proc.stdout.splitlines()
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "contoh-seleksi-terbuka.xlsx" in lines[0]
        assert "contoh-uji-kompetensi.xlsx" in lines[0]
        assert lines[1].startswith("COMPLETED"), proc.stdout
        assert lines[2] == "ditolak: True"
        manifest = json.loads((out / "SELTER-BUKITDAMAR-2023" / "manifest.json").read_text())
        assert manifest["kode_putaran"] == "SELTER-BUKITDAMAR-2023"
        assert len(manifest["documents"]) == 13 * 2 + 5  # with the pengumuman hasil
    finally:
        serve.terminate()
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            serve.kill()
