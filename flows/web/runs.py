"""The desk's side of the Prefect flow runs: start a round, read its state and progress,
answer its approval gate. Rounds run in the deployment ``putaran-web/meja`` that
``naskah web`` serves, so they show in the Prefect UI as well."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from flows.dispatched import synchronous
from flows.errors import EngineError

DEPLOYMENT = "putaran-web/meja"


def deployment_for(pool: str) -> str:
    """The desk's deployment: its own worker's, or the work pool's (``[jalan] kolam_kerja``,
    registered by ``naskah deploy``)."""
    return f"putaran-web/{pool}" if pool else DEPLOYMENT

STATE_NAMES = {
    "SCHEDULED": "antre", "PENDING": "antre", "RUNNING": "berjalan",
    "PAUSED": "menunggu persetujuan", "COMPLETED": "selesai", "FAILED": "gagal",
    "CRASHED": "gagal", "CANCELLED": "dibatalkan", "CANCELLING": "dibatalkan",
}
FINAL = {"selesai", "gagal", "dibatalkan", "ditolak"}
ACTIVE = {"antre", "berjalan"}
"""States in which the round page refreshes itself (not while an approver is typing)."""


@dataclass(frozen=True, slots=True)
class RunStatus:
    state: str
    """One of STATE_NAMES' values, or ``ditolak``."""
    message: str
    progress: float | None
    """Percent of the current phase, when the run reported it."""
    phase: str

    @property
    def final(self) -> bool:
        return self.state in FINAL


def start(upload: str, approval: bool, kode_putaran: str) -> str:
    """A new flow run of the web deployment for this upload; its id. (Whether it waits for
    approval is the worker's setting, not a parameter: ``approval`` is only logged.)"""
    from prefect.deployments import run_deployment

    from flows.settings import load_settings

    name = deployment_for(load_settings().run.pool)
    try:
        run = run_deployment(name, parameters={"unggahan": upload},
                             timeout=0, flow_run_name=f"{kode_putaran.lower()}-web",
                             tags=["naskah", "web"])
    except Exception as exc:  # API down, deployment not served …
        raise EngineError(f"Putaran tidak dapat dimulai: server alur kerja tidak menjawab "
                          f"({type(exc).__name__}).") from None
    return str(synchronous(run).id)


def status(flow_run_id: str) -> RunStatus:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.client.schemas.sorting import ArtifactSort

    try:
        with get_client(sync_client=True) as client:
            run = client.read_flow_run(UUID(flow_run_id))
            artifacts = client.read_artifacts(
                artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(
                    any_=[UUID(flow_run_id)])),
                sort=ArtifactSort.CREATED_DESC, limit=20)
    except Exception as exc:
        return RunStatus("tidak diketahui", f"Server alur kerja tidak menjawab "
                                            f"({type(exc).__name__}).", None, "")
    state = run.state
    if state is None:
        return RunStatus("antre", "", None, "")
    name = "ditolak" if state.name == "Ditolak" else STATE_NAMES.get(state.type.value, "berjalan")
    progress = next((a for a in artifacts if a.type == "progress"), None)
    phase = (progress.description or "") if progress else ""
    # Prefect types an artifact's data as ``dict | Any``; a progress artifact's is a number.
    value = (float(progress.data)  # type: ignore[arg-type]
             if progress is not None and progress.data is not None else None)
    return RunStatus(name, state.message or "", value, phase)


def answer(flow_run_id: str, approved: bool, reason: str, approver: str, at: str = "",
           proof: str = "") -> None:
    """Resume a paused round with the approver's decision and the desk's MAC of it
    (EngineError if it is not waiting)."""
    from prefect.flow_runs import resume_flow_run

    try:
        resume_flow_run(UUID(flow_run_id), run_input={
            "setuju": approved, "alasan": reason, "penyetuju": approver, "waktu": at,
            "bukti": proof})
    except Exception as exc:
        raise EngineError(f"Putaran tidak sedang menunggu persetujuan "
                          f"({type(exc).__name__}).") from None
