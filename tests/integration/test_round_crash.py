"""An internal fault inside a round's flow (an exception that is no EngineError, raised in a
task or in the flow itself): the clerk reads which round stopped, that numbers and partial
results may exist, that the same command resumes, and where the details are; the exception
text only as a secondary line, never as the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows import orchestration
from flows.pipeline import steps
from flows.run_summary import print_summary

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs" / "contoh-evaluasi-kinerja.xlsx"
DETAIL = "Rincian teknis: "

pytestmark = pytest.mark.slow


def assert_clear(message: str, which: str) -> None:
    main, *rest = message.splitlines()
    assert main.startswith(f"{which} berhenti karena gangguan internal"), main
    assert "Nomor surat dan sebagian hasil mungkin sudah dibuat" in main
    assert "jalankan perintah yang sama lagi untuk melanjutkan" in main
    assert "log Prefect" in main and "layar" in main
    assert "RuntimeError" not in main and "contoh gangguan" not in main
    assert rest == [f"{DETAIL}RuntimeError: contoh gangguan internal"]


def test_a_crash_in_a_task_of_the_round_reads_as_a_clear_message(harness, tmp_path, monkeypatch,
                                                                  capsys):
    monkeypatch.setenv("NASKAH_REGISTER", str(tmp_path / "register.sqlite"))

    def crash(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("contoh gangguan internal")

    monkeypatch.setattr(steps, "render_batch", crash)  # under the render task
    state = orchestration.round_flow(str(SAMPLE), out=str(tmp_path / "hasil"), pdf=False,
                                     sign=False, return_state=True)
    assert state.is_failed()  # still a failed run for Prefect
    summary = orchestration.state_summary(state, str(SAMPLE))
    kode = summary["kode_putaran"]
    assert summary["status"] == "error" and kode, summary
    assert_clear(summary["message"], f"Putaran {kode}")
    assert (tmp_path / "hasil" / kode).is_dir()  # the message's folder: numbered, partial

    capsys.readouterr()
    assert print_summary([summary]) == 1
    out = capsys.readouterr().out
    line = next(i for i, text in enumerate(out.splitlines()) if text.startswith("KESALAHAN"))
    shown = out.splitlines()
    assert shown[line].startswith(f"KESALAHAN  {SAMPLE.name}: Putaran {kode} berhenti")
    assert shown[line + 1] == f"           {DETAIL}RuntimeError: contoh gangguan internal"


def test_a_crash_outside_run_round_names_the_workbook_not_a_bare_exception():
    from prefect.states import Failed

    state = Failed(message="Flow run encountered an exception: RuntimeError: contoh "
                   "gangguan internal", data=RuntimeError("contoh gangguan internal"))
    summary = orchestration.state_summary(state, "inputs/putaran-mei.xlsx")
    assert summary["status"] == "error"
    assert_clear(summary["message"], "Putaran dari workbook putaran-mei.xlsx")


def test_a_pool_run_that_crashed_without_its_summary_reads_as_a_clear_message(monkeypatch):
    """`naskah run --pool --wait`: the worker's run failed before it filed its summary."""
    import prefect.client.orchestration
    from prefect.states import Failed

    def unreachable(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("no server in this test")

    monkeypatch.setattr(prefect.client.orchestration, "get_client", unreachable)
    state = Failed(message="Flow run encountered an exception: RuntimeError: contoh "
                   "gangguan internal")
    summary = orchestration.remote_summary("00000000-0000-0000-0000-000000000001", state,
                                           "inputs/putaran-mei.xlsx")
    assert summary["status"] == "error"
    assert_clear(summary["message"], "Putaran dari workbook putaran-mei.xlsx")
