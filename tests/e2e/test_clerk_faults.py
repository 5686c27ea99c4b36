"""Faults a clerk can act on are said at once, in Indonesian, with what to do: a full disk
(no minutes of retries), an unwritable round folder, a damaged or emptied register (never
silently recreated)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.orchestration import run_round
from flows.pipeline.round import RoundSummary, RunOptions
from flows.register import Register, RegisterError
from flows.settings import load_settings
from tests.conftest import require_program

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs" / "contoh-evaluasi-kinerja.xlsx"

pytestmark = pytest.mark.slow


def in_flow(out: Path, settings) -> RoundSummary:  # type: ignore[no-untyped-def]
    from prefect import flow

    @flow(name="uji-gangguan")
    def run() -> RoundSummary:
        return run_round(SAMPLE, RunOptions(out), settings)

    return run()


def test_a_full_disk_ends_the_round_at_once_with_what_to_do(harness, tmp_path, monkeypatch):
    require_program("soffice")
    monkeypatch.setenv("NASKAH_REGISTER", str(tmp_path / "register.sqlite"))
    from flows.pipeline import steps

    calls: list[Path] = []

    def full(path: Path, data: bytes) -> None:
        calls.append(path)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(steps, "write_atomic", full)
    start = time.monotonic()
    summary = in_flow(tmp_path / "hasil", load_settings())
    took = time.monotonic() - start
    assert summary.status == "error", summary
    assert summary.message.startswith("Disk penuh") and "jalankan ulang" in summary.message
    assert "Errno" not in summary.message and "No space" not in summary.message
    assert took < 60, f"{took:.0f} s: retried a full disk"


def test_a_disk_filling_up_during_conversion_is_not_retried(harness, tmp_path, monkeypatch):
    require_program("soffice")
    monkeypatch.setenv("NASKAH_REGISTER", str(tmp_path / "register.sqlite"))
    from flows.pdf import libreoffice

    calls: list[int] = []

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(libreoffice, "convert_batch", full)  # under the run's converter
    start = time.monotonic()
    summary = in_flow(tmp_path / "hasil", load_settings())
    assert summary.status == "error" and summary.message.startswith("Disk penuh"), summary
    assert time.monotonic() - start < 60
    batches = len(calls)
    assert batches <= load_settings().run.converters + 1  # once per batch, never retried


def test_an_unwritable_round_folder_is_said_plainly(harness, tmp_path, monkeypatch):
    monkeypatch.setenv("NASKAH_REGISTER", str(tmp_path / "register.sqlite"))
    from flows import orchestration

    def read_only(folder, kode, *_):  # type: ignore[no-untyped-def]
        raise OSError(errno.EROFS, "Read-only file system", str(folder))

    monkeypatch.setattr(orchestration, "round_lock", read_only)
    summary = in_flow(tmp_path / "hasil", load_settings())
    assert summary.status == "error"
    assert "tidak dapat ditulis" in summary.message and "--out" in summary.message
    assert "PENDING" not in summary.message


def test_an_emptied_register_is_refused_not_recreated(tmp_path):
    path = tmp_path / "nomor.sqlite"
    path.write_bytes(b"")
    with pytest.raises(RegisterError) as refused:
        Register(path)
    assert "kosong (0 byte)" in str(refused.value) and "cadangan" in str(refused.value)
    assert path.stat().st_size == 0  # untouched: numbering cannot restart at 1


def test_a_scrambled_register_gives_a_message_not_a_traceback(tmp_path):
    register = tmp_path / "nomor.sqlite"
    register.write_bytes(os.urandom(8192))
    env = {**os.environ, "NASKAH_REGISTER": str(register)}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.run([str(Path(sys.executable).with_name("naskah")), "run", str(SAMPLE),
                           "--out", str(tmp_path / "hasil"), "--no-pdf"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "rusak" in proc.stderr + proc.stdout and "cadangan" in proc.stderr + proc.stdout
    assert not list((tmp_path / "hasil").rglob("*.docx"))
