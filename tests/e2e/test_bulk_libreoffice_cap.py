"""The office's cap on LibreOffice processes holds over all the rounds of one bulk run, also
for a round that starts late (while another round converts).

The soffice processes are faked at the process boundary (``subprocess.Popen`` as the
LibreOffice adapter sees it), so the test counts the processes that would really run at once.
"""

from __future__ import annotations

import subprocess
import threading
import time
import types
from pathlib import Path

import pytest

from tests.integration.test_steps import BLANK_PDF

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [ROOT / "inputs" / name for name in (
    "contoh-evaluasi-kinerja.xlsx", "contoh-uji-kompetensi.xlsx", "contoh-seleksi-terbuka.xlsx")]
GRACE_S = 15.0
"""How long the second soffice runs on after the late round started: longer than that round
needs to render its letters (it ends at once when a second soffice runs beside it)."""

pytestmark = pytest.mark.slow


class Soffices:
    """Fake soffice processes: each writes a blank PDF per source. The second one runs until
    the third round has started and had time to render (GRACE_S), so that round's soffice
    would run beside it unless it waits for the same slot."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active = 0
        self.most = 0
        self.calls = 0
        self.rounds_started: list[float] = []
        self.overlap = threading.Event()

    def hold(self, call: int) -> None:
        deadline = time.monotonic() + 120
        while call == 2 and not self.overlap.is_set() and time.monotonic() < deadline:
            if len(self.rounds_started) >= 3 and time.monotonic() > (
                    self.rounds_started[2] + GRACE_S):
                return
            time.sleep(0.05)

    def popen(self, command: list[str], **_kwargs: object) -> object:
        soffices = self

        class Process:
            pid = -1
            returncode = 0

            def communicate(self, timeout: float | None = None) -> tuple[str, str]:
                with soffices.lock:
                    soffices.active += 1
                    soffices.calls += 1
                    call = soffices.calls
                    soffices.most = max(soffices.most, soffices.active)
                    if soffices.active > 1:
                        soffices.overlap.set()
                try:
                    outdir = Path(command[command.index("--outdir") + 1])
                    for source in command[command.index("--outdir") + 2:]:
                        (outdir / f"{Path(source).stem}.pdf").write_bytes(BLANK_PDF)
                    soffices.hold(call)
                finally:
                    with soffices.lock:
                        soffices.active -= 1
                return "", ""

            def wait(self) -> int:
                return 0

        return Process()


def test_a_late_round_of_a_bulk_run_waits_for_the_same_libreoffice_slots(
        harness, tmp_path, monkeypatch):
    from flows import orchestration
    from flows.orchestration import bulk_flow
    from flows.pdf import libreoffice
    from flows.pipeline import steps

    soffices = Soffices()
    monkeypatch.setattr(libreoffice, "subprocess", types.SimpleNamespace(
        Popen=soffices.popen, PIPE=subprocess.PIPE, TimeoutExpired=subprocess.TimeoutExpired))
    monkeypatch.setattr(libreoffice, "soffice_path", lambda: "/bin/true")
    opening = orchestration.open_round

    def open_round(*args, **kwargs):  # type: ignore[no-untyped-def]
        soffices.rounds_started.append(time.monotonic())
        return opening(*args, **kwargs)

    monkeypatch.setattr(orchestration, "open_round", open_round)
    monkeypatch.setattr(steps, "MERGE_LIMIT", 1)  # blank PDFs cannot be split
    monkeypatch.setenv("NASKAH_REGISTER", str(tmp_path / "register.sqlite"))
    monkeypatch.setenv("NASKAH_PEKERJA_LIBREOFFICE", "1")  # the cap: one soffice at a time
    monkeypatch.setenv("NASKAH_PUTARAN_BERSAMAAN", "2")  # the third round starts late
    monkeypatch.setenv("NASKAH_UKURAN_BATCH", "1000")  # one soffice per round

    results = bulk_flow([str(s) for s in SAMPLES], out=str(tmp_path / "hasil"), sign=False)

    assert [r["kode_putaran"] is not None for r in results] == [True] * 3, results
    assert soffices.calls >= 3 and len(soffices.rounds_started) == 3
    assert soffices.most == 1, f"{soffices.most} soffice at once over a cap of 1"
