"""`naskah benchmark` at N=5 (the real one, N=300, is not part of the test run): every figure
and target is printed, and the JSON holds the same numbers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_program

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_the_benchmark_prints_every_figure_and_target(tmp_path):
    require_program("soffice")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("naskah")), "benchmark", "--n", "5", "--naive", "2",
         "--json", str(tmp_path / "hasil.json"), "--folder", str(tmp_path / "kerja")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    out = proc.stdout
    for label in ("ujung ke ujung (naskah run)", "tahap render", "tahap konversi PDF",
                  "tahap tanda tangan", "memori puncak", "bagian Prefect dari waktu",
                  "mulai dingin sampai surat pertama selesai", "hanya render (--no-pdf)",
                  "acuan: docxtpl polos", "acuan: soffice polos paralel",
                  "acuan: pyHanko polos", "acuan: batas mentah", "acuan: naif",
                  "mulai dingin, putaran kecil", "diulang tanpa pekerjaan",
                  "server latar berjalan", "server Prefect dimulai untuknya",
                  "detik setelah perintah mulai"):
        assert label in out, label
    targets = [line for line in out.splitlines() if line.strip().startswith(("LULUS", "GAGAL"))]
    assert len(targets) == 6
    data = json.loads((tmp_path / "hasil.json").read_text())
    assert data["letters"] == 14 and data["e2e"]["letters"] == 14
    assert data["e2e"]["peak_bytes"] > 100 * 1024 ** 2  # LibreOffice and Prefect included
    assert data["raw"]["seconds"] == pytest.approx(sum(
        data["raw"][k]["seconds"] for k in ("render", "convert", "sign")))
    assert (proc.returncode == 0) == all(t["passed"] for t in data["targets"])
    assert data["cold_start"]["first_done_s"] > 0 and data["cold_start"]["rerun_wall_s"] > 0
    assert len(list((tmp_path / "kerja" / "e2e").glob("*/ttd/*.pdf"))) == 14
    # Its runs shared a background Prefect server, stopped at its end.
    assert data["cold_start"]["private_server"]["first_done_s"] > 0
    assert not (tmp_path / "kerja" / "prefect" / "naskah-server.json").exists()
