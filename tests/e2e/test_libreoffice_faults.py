"""LibreOffice hangs on one letter and crashes on another (real processes, really killed):
the round still completes through retries, and no soffice is left behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from flows.samples import synthetic_round
from flows.workbook.writer import write_workbook
from tests.conftest import require_program

ROOT = Path(__file__).resolve().parents[2]
NASKAH = Path(sys.executable).with_name("naskah")

WRAPPER = """#!/bin/bash
# A soffice that hangs once on a document holding the letter "{hang}", crashes once on one
# holding "{crash}" (alone or merged with others of its kind), and otherwise is LibreOffice.
marks={marks}
for arg in "$@"; do
  if [ ! -e "$marks/hang" ] && {python} {holds} "$arg" {hang}; then
    touch "$marks/hang"; exec sleep 600
  fi
  if [ ! -e "$marks/crash" ] && {python} {holds} "$arg" {crash}; then
    touch "$marks/crash"; kill -SEGV $$
  fi
done
exec {real} "$@"
"""
HOLDS = """import re, sys, zipfile
# holds.py FILE KIND NAME: exit 0 when FILE is a docx of letters of KIND, one of them to NAME
# (spaces left out).
try:
    archive = zipfile.ZipFile(sys.argv[1])
    kind = archive.read("docProps/core.xml").decode()
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)<", archive.read("word/document.xml").decode()))
except Exception:
    sys.exit(1)
sys.exit(0 if f">{sys.argv[2]}<" in kind and sys.argv[3] in text.replace(" ", "") else 1)
"""


def soffice_processes(marker: str) -> list[str]:
    out = subprocess.run(["ps", "-ww", "-eo", "pid,args"], capture_output=True,
                         text=True).stdout
    return [line for line in out.splitlines() if marker in line and "soffice" in line]


def test_a_hanging_and_a_crashing_conversion_are_retried_and_cleaned_up(tmp_path):
    require_program("soffice")
    real = shutil.which("soffice")
    content = synthetic_round(3)
    hang_name, crash_name = (content.pejabat[0]["nama"].replace(" ", ""),
                             content.pejabat[1]["nama"].replace(" ", ""))
    bin_dir, marks = tmp_path / "bin", tmp_path / "tanda"
    bin_dir.mkdir()
    marks.mkdir()
    wrapper = bin_dir / "soffice"
    (bin_dir / "holds.py").write_text(HOLDS, encoding="utf-8")
    wrapper.write_text(WRAPPER.format(hang=f"undangan {hang_name}",
                                      crash=f"pemberitahuan_hasil {crash_name}",
                                      python=sys.executable, holds=bin_dir / "holds.py",
                                      marks=marks, real=real), encoding="utf-8")
    wrapper.chmod(0o755)
    workbook = tmp_path / "putaran.xlsx"
    write_workbook(workbook, content)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "PREFECT_HOME": str(tmp_path / "prefect"),
           "NASKAH_REGISTER": str(tmp_path / "register.sqlite"),
           "NASKAH_BATAS_WAKTU_KONVERSI": "8", "NASKAH_PEKERJA_LIBREOFFICE": "2",
           # its LibreOffice profiles in here: the check below then sees this run's soffice
           # only, not another naskah's converting on the same machine
           "TMPDIR": str(scratch)}
    proc = subprocess.run([str(NASKAH), "run", str(workbook), "--out", str(tmp_path / "hasil"),
                           "--no-sign"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (marks / "hang").exists() and (marks / "crash").exists(), "the faults never fired"
    manifest = json.loads((tmp_path / "hasil" / "SINTETIS-3" / "manifest.json").read_text())
    assert manifest["failures"] == []
    assert all(d["pdf"] for d in manifest["documents"])
    assert soffice_processes(str(tmp_path)) == []
    assert soffice_processes(f"file://{scratch}/naskah-lo-") == []


def test_ctrl_c_stops_the_run_and_leaves_no_soffice(tmp_path):
    require_program("soffice")
    workbook = tmp_path / "putaran.xlsx"
    write_workbook(workbook, synthetic_round(40))
    out = tmp_path / "hasil"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"),
           "NASKAH_REGISTER": str(tmp_path / "register.sqlite")}
    # Started as a process that ignores SIGINT would start it (a once-seen CI run finished
    # the round instead of stopping): naskah's own handler holds whatever it inherits.
    import signal

    proc = subprocess.Popen([str(NASKAH), "run", str(workbook), "--out", str(out),
                             "--no-sign"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    import time

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not soffice_processes(str(out)):
        time.sleep(0.1)
    assert soffice_processes(str(out)), "LibreOffice never started"
    proc.send_signal(2)  # SIGINT, as Ctrl-C in a terminal
    out_text, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "Dibatalkan." in err, out_text + err
    time.sleep(1)
    assert soffice_processes(str(out)) == []
