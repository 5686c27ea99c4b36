"""Issue 14, item 10: the first letter sooner. The real `naskah run` on a small round from a
warm Prefect database; the run's recorded moments (NASKAH_METRICS) show that the private
Prefect server's start is no longer a wait in front of everything else, and that one letter
goes through alone. (How many seconds that is, is measured by `naskah benchmark`, the
cold-start row: timed tests on a shared machine would only measure the machine.)"""

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


def _run(tmp_path: Path, workbook: Path, out: Path, name: str,
         *extra: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    metrics = tmp_path / f"{name}.json"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), NASKAH_METRICS=str(metrics),
               NASKAH_REGISTER=str(tmp_path / "nomor.sqlite"),
               # a first start migrates a new database: slow on a busy shared machine
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="300")
    proc = subprocess.run([NASKAH, "run", str(workbook), "--out", str(out), *extra],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc, (json.loads(metrics.read_text()) if metrics.exists() else {})


def test_the_first_letter_does_not_queue_behind_the_server_start(tmp_path):
    require_program("soffice")
    warm = tmp_path / "pemanasan.xlsx"
    write_workbook(warm, synthetic_round(2))
    _run(tmp_path, warm, tmp_path / "pemanasan", "pemanasan", "--no-pdf")
    # The first server start brought the database up to date: later starts skip that.
    assert (tmp_path / "prefect" / READY_MARK).is_file()

    small = tmp_path / "kecil.xlsx"
    write_workbook(small, synthetic_round(3))
    proc, metrics = _run(tmp_path, small, tmp_path / "hasil", "kecil")
    at, stages = metrics["timeline"], metrics["stages"]
    letters = metrics["documents"]
    assert letters >= 6 and metrics["statuses"] == ["selesai"]

    # The server is started before the workbook is read to see whether there is work.
    assert at["server_spawned"] < at["nothing_to_do_checked"]
    # The signing workers start while the server gets ready, not when the first letter
    # is signed.
    assert at["signing_workers_starting"] < at["server_ready"]
    assert at["signing_workers_ready"] < stages["sign"]["first_start_at"]
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
