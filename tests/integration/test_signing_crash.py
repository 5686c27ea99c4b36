"""A run killed while signing (a crash, a full disk) leaves no second signed copy of a letter:
what it signed is journaled and adopted by the rerun; a signed file no record names is
replaced; verify names any file the manifest does not list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.pipeline import steps
from flows.verify import verify_round
from tests.conftest import require_program
from tests.rounds import produce_round
from tests.workbooks import sample


class Killed(BaseException):
    """Like SIGKILL for the run: nothing after it runs (not even the manifest)."""


@pytest.fixture
def content():  # type: ignore[no-untyped-def]
    require_program("soffice")
    content = sample()
    content.pejabat = content.pejabat[:2]
    return content


def test_a_run_killed_while_signing_is_finished_by_the_rerun_without_second_copies(
        tmp_path, monkeypatch, content):
    monkeypatch.setenv("NASKAH_PROSES_TANDA_TANGAN", "0")
    real = steps._file_signed
    filed: list[str] = []

    def dies_after_three(folder, item, chain, signed):  # type: ignore[no-untyped-def]
        if len(filed) == 3:
            raise Killed
        real(folder, item, chain, signed)
        filed.append(item.record.signed_pdf)

    monkeypatch.setattr(steps, "_file_signed", dies_after_three)
    with pytest.raises(Killed):
        produce_round(tmp_path, content)
    folder = next((tmp_path / "hasil").iterdir())
    assert len(list(folder.glob("ttd/*.pdf"))) == 3
    monkeypatch.setattr(steps, "_file_signed", real)

    summary = produce_round(tmp_path, content)
    assert summary.ok, summary
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    signed = sorted(d["signed_pdf"] for d in manifest["documents"])
    assert sorted(p.relative_to(folder).as_posix() for p in folder.glob("ttd/*")) == signed
    assert not any("-v2" in s for s in signed)
    assert set(filed) <= set(signed)  # adopted, not signed again
    assert not (folder / ".kerja").exists() and not (folder / "manifest.jurnal.jsonl").exists()
    assert verify_round(folder)[1] == []


def test_a_signed_file_no_record_names_is_replaced_and_verify_names_strays(
        tmp_path, monkeypatch, content):
    monkeypatch.setenv("NASKAH_PROSES_TANDA_TANGAN", "0")
    unsigned = produce_round(tmp_path, content, sign=False)
    folder = Path(unsigned.folder)
    (folder / "ttd").mkdir()
    (folder / "ttd" / "sk_tim.pdf").write_bytes(b"%PDF-1.7 sisa run yang terputus\n")
    assert produce_round(tmp_path, content).ok
    assert not (folder / "ttd" / "sk_tim-v2.pdf").exists()
    assert verify_round(folder)[1] == []

    (folder / "ttd" / "surat-sisipan.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "catatan.txt").write_text("x")
    problems = {p.path: p.message for p in verify_round(folder)[1]}
    assert set(problems) == {"ttd/surat-sisipan.pdf", "catatan.txt"}
    assert "tidak tercatat di manifest" in problems["catatan.txt"]


def test_signing_workers_end_when_their_parent_is_killed(tmp_path):
    """SIGKILL leaves no atexit handler to stop the pool: the workers notice on their own."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = ("import os, signal\n"
              "from flows.pdf import signing_pool\n"
              "pool = signing_pool._executor()\n"
              "print(' '.join(str(pool.submit(os.getpid).result()) for _ in range(4)),"
              " flush=True)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    env = {**os.environ, "NASKAH_PROSES_TANDA_TANGAN": "2"}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    workers = {int(p) for p in proc.stdout.split()}
    assert workers

    def alive() -> set[int]:
        found = set()
        for pid in workers:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().split()[2]
            except FileNotFoundError:
                continue
            if state != "Z":
                found.add(pid)
        return found

    deadline = time.monotonic() + 15
    while alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(), f"orphan signing workers: {alive()}"
