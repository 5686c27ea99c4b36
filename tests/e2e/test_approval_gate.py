"""The approval gate: nothing is signed before an approver answers; a rejection signs nothing;
an approval signs exactly the PDFs that were shown; `naskah run --require-approval` pauses in
a real Prefect server until its form is answered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from uuid import UUID

import pytest

from flows.orchestration import run_round
from flows.pipeline.round import Decision, RoundSummary, RunOptions
from flows.settings import load_settings
from tests.conftest import require_program
from tests.e2e.test_serve import prefect_server  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs" / "contoh-evaluasi-kinerja.xlsx"
KODE = "EVKIN-BUKITDAMAR-2024"

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(tmp_path, monkeypatch):
    require_program("soffice")
    monkeypatch.setenv("NASKAH_REGISTER", str(tmp_path / "register.sqlite"))
    return load_settings()


def gated_run(out: Path, settings, gate):  # type: ignore[no-untyped-def]
    from prefect import flow

    @flow(name="uji-persetujuan")
    def gated() -> RoundSummary:
        return run_round(SAMPLE, RunOptions(out), settings, gate)

    return gated()


def documents(out: Path) -> list[dict]:
    return json.loads((out / KODE / "manifest.json").read_text())["documents"]


def test_a_rejection_signs_nothing_and_an_approval_of_the_rerun_keeps_the_numbers(
        harness, settings, tmp_path):
    out = tmp_path / "hasil"
    seen: list[RoundSummary] = []

    def reject(summary: RoundSummary) -> Decision:
        seen.append(summary)
        assert not list((out / KODE).glob("ttd/*")), "signed before the answer"
        assert all(d["pdf"] for d in documents(out)), "the approver sees every PDF"
        return Decision(False, "Budi", "nomor SK salah")

    rejected = gated_run(out, settings, reject)
    assert rejected.status == "ditolak" and "nomor SK salah" in rejected.message
    assert not list((out / KODE).glob("ttd/*"))
    manifest = json.loads((out / KODE / "manifest.json").read_text())
    assert manifest["approval"]["approved"] is False and manifest["approval"]["by"] == "Budi"
    numbers = {(d["kind"], d["nip"]): d["number"] for d in documents(out)}

    approved = gated_run(out, settings, lambda s: Decision(True, "Budi", "sesuai"))
    assert approved.ok, approved
    assert {(d["kind"], d["nip"]): d["number"] for d in documents(out)} == numbers
    assert all(d["signed_pdf"] for d in documents(out))
    assert json.loads((out / KODE / "manifest.json").read_text())["approval"]["approved"]

    again = gated_run(out, settings, lambda s: pytest.fail("nothing left to approve"))
    assert again.ok and again.skipped == len(numbers)


def test_a_pdf_changed_while_waiting_is_not_signed(harness, settings, tmp_path):
    out = tmp_path / "hasil"

    def tamper(summary: RoundSummary) -> Decision:
        pdf = out / KODE / "pdf" / "sk_tim.pdf"
        pdf.write_bytes(pdf.read_bytes() + b"\n% diubah\n")
        return Decision(True, "Budi")

    summary = gated_run(out, settings, tamper)
    assert summary.status == "gagal"
    assert [f["kind"] for f in summary.failures] == ["sk_tim"]
    assert "berubah" in summary.failures[0]["error"]
    assert not (out / KODE / "ttd" / "sk_tim.pdf").exists()
    assert len(list((out / KODE).glob("ttd/*.pdf"))) == len(documents(out))


def test_require_approval_without_a_shared_server_is_refused_clearly(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    proc = subprocess.run([str(Path(sys.executable).with_name("naskah")), "run", str(SAMPLE),
                           "--out", str(tmp_path), "--require-approval"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 1 and "PREFECT_API_URL" in proc.stderr
    assert not any(tmp_path.iterdir())


def test_naskah_run_waits_for_the_form_in_the_prefect_ui(prefect_server, tmp_path):  # noqa: F811
    require_program("soffice")
    api, env = prefect_server
    env = {**env, "PREFECT_API_URL": api, "NASKAH_REGISTER": str(tmp_path / "r.sqlite")}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("naskah")), "run", str(SAMPLE),
                             "--out", str(tmp_path / "hasil"), "--require-approval"], env=env,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        run_id = _paused_run(api, env, proc)
        assert not list((tmp_path / "hasil" / KODE).glob("ttd/*"))
        _resume(env, run_id, {"setuju": True, "alasan": "", "penyetuju": "Budi (Prefect UI)"})
        out, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
    assert proc.returncode == 0, out + err
    assert "menunggu persetujuan" in err
    manifest = json.loads((tmp_path / "hasil" / KODE / "manifest.json").read_text())
    assert manifest["approval"]["by"] == "Budi (Prefect UI)"
    assert all(d["signed_pdf"] for d in manifest["documents"])


def _paused_run(api: str, env: dict[str, str], proc: subprocess.Popen) -> str:
    script = ("from prefect.client.orchestration import get_client\n"
              "from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, "
              "FlowRunFilterStateType\n"
              "with get_client(sync_client=True) as c:\n"
              "    runs = c.read_flow_runs(flow_run_filter=FlowRunFilter(state=FlowRunFilterState("
              "type=FlowRunFilterStateType(any_=['PAUSED']))))\n"
              "    print(runs[0].id if runs else '')\n")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        found = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                               text=True, check=True).stdout.strip()
        if found:
            return found
        time.sleep(2)
    raise AssertionError("the run never paused")


def _resume(env: dict[str, str], run_id: str, answer: dict) -> None:
    script = (f"from prefect.flow_runs import resume_flow_run\n"
              f"resume_flow_run({str(UUID(run_id))!r}, run_input={answer!r})\n")
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)


def _gated_in_thread(out: Path, settings, key: bytes):  # type: ignore[no-untyped-def]
    """The real gate (a Prefect pause) of a round that needs the desk's MAC, in a thread."""
    import threading

    from prefect import flow

    from flows.orchestration import approval_gate

    @flow(name="uji-pengesahan")
    def gated() -> RoundSummary:
        return run_round(SAMPLE, RunOptions(out), settings, approval_gate(600), key)

    result: list[RoundSummary] = []
    thread = threading.Thread(target=lambda: result.append(gated()), daemon=True)
    thread.start()
    return thread, result


def _paused_here() -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )

    deadline = time.monotonic() + 400
    while time.monotonic() < deadline:
        with get_client(sync_client=True) as client:
            runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(state=FlowRunFilterState(
                type=FlowRunFilterStateType(any_=["PAUSED"]))))
        if runs:
            return str(runs[0].id)
        time.sleep(1)
    raise AssertionError("the run never paused")


def test_an_approval_through_the_api_without_the_desks_mac_signs_nothing(
        harness, settings, tmp_path):
    """A resume with an invented approver (what anyone reaching the Prefect API could send)
    ends the round unsigned; the same resume with the desk's MAC over these PDFs signs."""
    from prefect.flow_runs import resume_flow_run

    from flows import approval

    key = bytes(range(32))
    out = tmp_path / "hasil"
    thread, result = _gated_in_thread(out, settings, key)
    run_id = _paused_here()
    resume_flow_run(UUID(run_id), run_input={"setuju": True, "alasan": "",
                                             "penyetuju": "Penyusup", "waktu": "",
                                             "bukti": "00" * 32})
    thread.join(300)
    summary = result[0]
    assert summary.status == "ditolak" and "tidak sah" in summary.message
    assert not list((out / KODE).glob("ttd/*"))
    manifest = json.loads((out / KODE / "manifest.json").read_text())
    assert manifest["approval"]["approved"] is False
    assert "Penyusup" not in json.dumps(manifest)

    thread, result = _gated_in_thread(out, settings, key)
    run_id = _paused_here()
    manifest = json.loads((out / KODE / "manifest.json").read_text())
    at = "2026-01-05T01:02:03+00:00"
    proof = approval.issue(key, kode_putaran=KODE, flow_run_id=run_id, approved=True,
                           approver="Budi (budi)", at=at, pdfs=approval.manifest_pdfs(manifest))
    resume_flow_run(UUID(run_id), run_input={"setuju": True, "alasan": "",
                                             "penyetuju": "Budi (budi)", "waktu": at,
                                             "bukti": proof})
    thread.join(300)
    assert result[0].ok, result[0]
    manifest = json.loads((out / KODE / "manifest.json").read_text())
    assert manifest["approval"]["by"] == "Budi (budi)" and manifest["approval"]["mac"] == proof
    assert all(d["signed_pdf"] for d in manifest["documents"])
