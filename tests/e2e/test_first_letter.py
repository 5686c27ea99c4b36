"""Issue 14, item 10: the first letter sooner. The real `naskah run` on a small round from a
warm Prefect database, with the background Prefect server the first run left; the run's
recorded moments (NASKAH_METRICS) show that nothing waits for a server start, a LibreOffice
start or pyHanko's import, and that one letter goes through alone. (How many seconds that
is, is measured by `naskah benchmark`, the cold-start row: timed tests on a shared machine
would only measure the machine.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.samples import synthetic_round
from flows.startup import READY_MARK
from flows.workbook.writer import write_workbook
from tests.conftest import require_program

ROOT = Path(__file__).resolve().parents[2]
NASKAH = str(Path(sys.executable).with_name("naskah"))

pytestmark = pytest.mark.slow


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"),
               NASKAH_REGISTER=str(tmp_path / "nomor.sqlite"), NASKAH_SERVER_LATAR_MENIT="1",
               # a first start migrates a new database: slow on a busy shared machine
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="300", **extra)
    return env


def _run(tmp_path: Path, workbook: Path, out: Path, name: str,
         *extra: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    metrics = tmp_path / f"{name}.json"
    proc = subprocess.run([NASKAH, "run", str(workbook), "--out", str(out), *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env=_env(tmp_path, NASKAH_METRICS=str(metrics)))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc, (json.loads(metrics.read_text()) if metrics.exists() else {})


def _server(tmp_path: Path, action: str) -> str:
    proc = subprocess.run([NASKAH, "server", action], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, env=_env(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture
def background(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The background server the test's runs start is stopped, whatever the test did."""
    yield
    from flows import background_server

    background_server.stop(tmp_path / "prefect")


def test_the_first_letter_does_not_queue_behind_any_start(tmp_path, background):
    require_program("soffice")
    warm = tmp_path / "pemanasan.xlsx"
    write_workbook(warm, synthetic_round(2))
    proc, first = _run(tmp_path, warm, tmp_path / "pemanasan", "pemanasan", "--no-pdf")
    # The first run starts the background server (and says so), which brought the database
    # up to date: later starts skip that.
    assert "Server Prefect latar dimulai" in proc.stderr
    assert "server_spawned" in first["timeline"]
    assert (tmp_path / "prefect" / READY_MARK).is_file()
    assert "berjalan" in _server(tmp_path, "status")

    small = tmp_path / "kecil.xlsx"
    write_workbook(small, synthetic_round(3))
    proc, metrics = _run(tmp_path, small, tmp_path / "hasil", "kecil")
    at, stages = metrics["timeline"], metrics["stages"]
    letters = metrics["documents"]
    assert letters >= 6 and metrics["statuses"] == ["selesai"]

    # The next run uses the server the first one left: no server start to wait for.
    assert "server_reused" in at and "server_spawned" not in at
    assert "Server Prefect latar dimulai" not in proc.stderr
    # A workbook no round folder knows has work: it is not read twice to make sure.
    assert "nothing_to_do_checked" not in at
    # A spare LibreOffice starts while Prefect is imported, the signing workers (importing
    # pyHanko) as the flow starts: neither when the first letter is converted or signed.
    assert at["spare_soffice_started"] < at["prefect_imported"]
    assert at["signing_workers_starting"] < at["flow_started"]
    # Still a real flow run, started once the server answers; every letter signed in it.
    assert at["server_ready"] <= at["flow_started"] < stages["render"]["first_start_at"]
    assert len(list((tmp_path / "hasil").glob("*/ttd/*.pdf"))) == letters
    # One letter goes through alone: it is signed (and counted) while the others are still
    # being converted.
    assert metrics["first_done_at"] < stages["convert"]["last_end_at"]
    assert "dokumen pertama selesai" in proc.stdout

    # A rerun with nothing to do says so without starting a server: a workbook a round
    # folder already knows is checked first.
    proc, metrics = _run(tmp_path, small, tmp_path / "hasil", "ulang")
    assert "Tidak ada yang perlu dikerjakan" in proc.stderr
    assert "nothing_to_do_checked" in metrics["timeline"]
    assert "server_spawned" not in metrics["timeline"] and not metrics["stages"]

    # The clerk stops the background server; the next run would start one again.
    state = json.loads((tmp_path / "prefect" / "naskah-server.json").read_text())
    assert "dihentikan" in _server(tmp_path, "hentikan")
    assert "Tidak ada server" in _server(tmp_path, "status")
    from flows.background_server import _alive

    assert not _alive(state["pid"])
