"""The Prefect flows: one round, and many rounds at once. They only sequence the plain
steps of flows.pipeline; batches of letters are the tasks (not single letters), so Prefect's
per-task cost stays small next to the work."""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import CancelledRun, FlowPauseTimeout, PausedRun
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from prefect.states import Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from pydantic import Field

from flows import reporting
from flows.dispatched import synchronous
from flows.domain.intake import Intake
from flows.errors import EngineError
from flows.outputs import faults
from flows.outputs.faults import OutputUnwritable
from flows.outputs.lock import round_lock
from flows.pipeline import resources, steps
from flows.pipeline.resources import Resources
from flows.pipeline.round import (
    Decision,
    RoundPlan,
    RoundSummary,
    RunOptions,
    finish_round,
    open_round,
    plan_round,
)
from flows.pipeline.work import WorkItem, batches
from flows.run_summary import crash_message
from flows.settings import Settings, SigningSettings, load_settings
from flows.startup import first_alone
from flows.timeline import TIMELINE


@task(name="render-batch", cache_policy=NO_CACHE)
def render_task(plan: RoundPlan, batch: list[WorkItem], res: Resources) -> list[WorkItem]:
    """The batch, rendered (each letter's Word file, or why it failed)."""
    steps.render_batch(plan.letters, plan.folder, batch, res.clock)
    return batch


def _worth_retrying(task: Any, task_run: Any, state: State) -> bool:
    """Not a full disk or an unwritable folder: a retry cannot fix those. (Prefect hands
    the failure as ``Failed(data=exception)``.)"""
    return not isinstance(getattr(state, "data", None), OutputUnwritable)


@task(name="konversi-pdf", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 20],
      retry_condition_fn=_worth_retrying)
def convert_task(plan: RoundPlan, batch: list[WorkItem], timeout_s: int,
                 res: Resources) -> list[WorkItem]:
    """The batch as rendered, converted (each letter's PDF, or why it failed)."""
    with _libreoffice_slot():
        steps.convert_items(plan.folder, batch, timeout_s, res.converter, res.clock)
    return batch


GCL_ENV = "NASKAH_BATAS_LIBREOFFICE"
"""The name of the Prefect global concurrency limit that caps LibreOffice over all workers;
set on the pool's deployments by ``naskah deploy`` (unset: only this machine's limit)."""
GCL_LEASE_S = 60
"""A dead machine's slot returns when its lease expires (renewed while the holder lives)."""


def _libreoffice_slot() -> contextlib.AbstractContextManager[object]:
    """One slot of the global LibreOffice limit for one batch's soffice, when configured."""
    import os

    name = os.environ.get(GCL_ENV)
    if not name:
        return contextlib.nullcontext()
    from prefect.concurrency.sync import concurrency

    return concurrency(name, occupy=1, lease_duration=GCL_LEASE_S)


@task(name="tanda-tangan", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 20],
      retry_condition_fn=_worth_retrying)
def sign_task(plan: RoundPlan, batch: list[WorkItem], sign: bool,
              signing: SigningSettings, res: Resources) -> list[WorkItem]:
    """The batch as converted, signed (when ``sign``). A retry after a crash signs only
    what its failed attempt did not file (steps.sign_items)."""
    counted = 0
    if sign:
        rnd = plan.intake.round
        assert rnd is not None
        visible = (steps.Visible(signing.public_url, signing.footer, rnd.kode_putaran,
                                 plan.zone) if signing.visible else None)

        def one_done(_item: WorkItem) -> None:  # progress counts letters, not batches
            nonlocal counted
            counted += 1
            res.progress.advance(_progress_name(plan), 1)

        steps.sign_items(plan.folder, batch, res.signers.of, rnd.ibu_kota, visible, one_done,
                         res.clock)
    res.progress.advance(_progress_name(plan), len(batch) - counted)
    _publish_progress(plan, res)
    return batch


def _progress_name(plan: RoundPlan) -> str:
    assert plan.intake.round is not None
    return plan.intake.round.kode_putaran


def _start_progress(plan: RoundPlan, total: int, done: int, phase: str,
                    res: Resources) -> None:
    name = _progress_name(plan)
    res.progress.start(name, total)
    res.progress.advance(name, done)
    try:
        res.progress_artifacts[name] = create_progress_artifact(
            100.0 * done / total if total else 100.0, description=phase)
    except Exception:  # progress is a courtesy: never fail a round over it
        res.progress_artifacts.pop(name, None)


def _publish_progress(plan: RoundPlan, res: Resources) -> None:
    name = _progress_name(plan)
    artifact = res.progress_artifacts.get(name)
    current = next((p for p in res.progress.snapshot() if p.name == name), None)
    if artifact is None or current is None or not current.total:
        return
    with contextlib.suppress(Exception):
        update_progress_artifact(artifact, 100.0 * current.done / current.total)


Gate = Callable[[RoundSummary], Decision]
"""Asked, once the letters are rendered and converted, whether they may be signed."""


class Persetujuan(RunInput):
    """The approval form of a paused round (the Prefect UI shows it; naskah web fills it)."""

    setuju: bool = Field(description="Setujui penandatanganan semua surat putaran ini?")
    alasan: str = Field("", description="Alasan (wajib bila ditolak)")
    penyetuju: str = Field("", description="Nama atau akun penyetuju")
    waktu: str = Field("", description="Diisi oleh meja naskah (waktu persetujuan)")
    bukti: str = Field("", description="Diisi oleh meja naskah (kode pengesahan)")


def approval_gate(timeout_s: int) -> Gate:
    """Pause the flow run until an approver answers (or the time runs out: rejected)."""

    def gate(summary: RoundSummary) -> Decision:
        get_run_logger().info(
            "Putaran %s: %d dokumen siap diperiksa. Menunggu persetujuan sebelum "
            "ditandatangani.", summary.kode_putaran, summary.documents)
        attempt = _attempt()
        earlier = _earlier_answer(attempt)
        if earlier is not None:
            answer = earlier
        else:
            try:
                # One pause per attempt: a round rescheduled after its machine died pauses
                # again (unless the approver already answered the earlier attempt, above).
                answer = pause_flow_run(wait_for_input=Persetujuan, timeout=timeout_s,
                                        poll_interval=2, key=_pause_key(attempt))
            except FlowPauseTimeout:
                return Decision(False, "naskah", f"Tidak ada persetujuan dalam "
                                f"{timeout_s // 3600} jam; tidak ada surat yang "
                                "ditandatangani.")
        if answer.waktu:  # the desk's answer: its MAC covers the approver as sent
            return Decision(answer.setuju, answer.penyetuju, answer.alasan.strip(),
                            at=answer.waktu, proof=answer.bukti)
        return Decision(answer.setuju, answer.penyetuju.strip() or "Prefect UI",
                        answer.alasan.strip(), proof=answer.bukti)

    return gate


def _attempt() -> int:
    """Which attempt of its flow run this is: 1, or more when rescheduled after a crash."""
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    run = context.flow_run if context is not None else None
    return max(1, run.run_count) if run is not None else 1


def _pause_key(attempt: int) -> str:
    return "persetujuan" if attempt == 1 else f"persetujuan-{attempt}"


def _earlier_answer(attempt: int) -> Persetujuan | None:
    """An approver's answer given to an earlier attempt of this flow run (its machine died
    before or while signing): it still holds, for exactly the PDFs shown then, since
    signing refuses a PDF whose hash changed since conversion."""
    if attempt == 1:
        return None
    from prefect.input.run_input import keyset_from_base_key

    for earlier in range(attempt - 1, 0, -1):
        keyset = keyset_from_base_key(f"paused-{_pause_key(earlier)}")
        try:
            answer = synchronous(Persetujuan.load(keyset))
        except Exception:  # no answer stored for that attempt
            continue
        get_run_logger().info("Persetujuan dari percobaan %d dipakai: %s.", earlier,
                              "disetujui" if answer.setuju else "ditolak")
        return answer
    return None


RESCHEDULED_LOCK_WAIT_S = 120
"""How long a rescheduled attempt waits for the round lock a dead machine's database session
still holds (until PostgreSQL notices the session is gone; see register_pg.KEEPALIVES)."""


def run_round(workbook: Path, options: RunOptions, settings: Settings,
              gate: Gate | None = None, approval_key: bytes | None = None,
              res: Resources | None = None) -> RoundSummary:
    """Read, validate, number, then render/convert/sign in batches, then close the round.

    With a gate, nothing is signed until the gate approves the rendered, converted letters;
    with an ``approval_key`` too, only an approval the desk issued with that key (a MAC over
    the round, this flow run, the approver, the time and every PDF's hash) counts.
    ``res``: the run's adapters (none: the bulk run's, else built from ``settings``).
    """
    res = res or resources.for_round(settings)
    try:
        result = open_round(workbook, settings)
    except EngineError as exc:
        return RoundSummary(str(workbook), None, "error", message=str(exc))
    if result.round is None:
        return RoundSummary(str(workbook), None, "tidak sah",
                            message=f"{len(result.report.errors)} kesalahan di workbook",
                            report=reporting.text_report(workbook, result))
    TIMELINE.mark("round_opened")
    kode = result.round.kode_putaran
    try:
        return _process(workbook, result, options, settings, gate, res, approval_key)
    except EngineError as exc:  # busy round, register, templates, LibreOffice missing …
        return RoundSummary(str(workbook), kode, "error", message=str(exc))
    except OSError as exc:  # the round folder itself: full disk, read-only, no permission
        text = faults.message(exc, options.out / kode)
        if text is None:
            return _crashed(workbook, kode, options.out / kode, exc)
        return RoundSummary(str(workbook), kode, "error", message=text)
    except (CancelledRun, PausedRun):
        raise  # Prefect's own control flow (a cancelled or paused run), not a fault
    except Exception as exc:  # an internal fault: a bug, a task that failed, Prefect itself
        return _crashed(workbook, kode, options.out / kode, exc)


def _crashed(workbook: Path, kode: str, folder: Path, exc: Exception) -> RoundSummary:
    """The summary of a round stopped by an internal fault: the clerk reads what happened
    and what to do (run_summary.crash_message); the traceback goes to the run's log."""
    from prefect.runtime import flow_run

    _logger().error("Putaran %s berhenti karena gangguan internal.", kode, exc_info=exc)
    return RoundSummary(str(workbook), kode, "error",
                        message=crash_message(exc, kode, folder, run_name=flow_run.name))


def _logger() -> Any:
    """The flow run's logger (shown on the console and kept by Prefect), or naskah's own
    outside a flow run."""
    import logging

    from prefect.exceptions import MissingContextError

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("naskah")


def _process(workbook: Path, result: Intake, options: RunOptions, settings: Settings,
             gate: Gate | None, res: Resources,
             approval_key: bytes | None = None) -> RoundSummary:
    assert result.round is not None
    folder = options.out / result.round.kode_putaran
    wait = RESCHEDULED_LOCK_WAIT_S if _attempt() > 1 else 0
    with round_lock(folder, result.round.kode_putaran, settings.register, wait):
        plan = plan_round(workbook, result, settings, options)
        TIMELINE.mark("round_planned")
        if options.sign:
            res.signers.preload(sorted({i.record.kind for i in plan.items if i.sign}))
        held = gate is not None and any(i.sign for i in plan.items)
        work = first_alone(batches(plan.items, settings.run.batch_size,
                                   settings.run.converters))
        _start_progress(plan, len(plan.items), len(plan.items) - sum(len(b) for b in work),
                        "membuat dan mengonversi surat" if held else "membuat surat", res)
        futures = []
        for batch in work:
            # quote(): Prefect would otherwise walk the whole plan (every letter's data) to
            # look for futures in it, at every submit. Each step takes the batch its
            # predecessor returned.
            # (Prefect unwraps quote() and futures at run time, but types submit's
            # arguments without them: call-overload.)
            rendered = render_task.submit(  # type: ignore[call-overload]
                quote(plan), quote(batch), quote(res))
            converted = convert_task.submit(  # type: ignore[call-overload]
                quote(plan), rendered, settings.run.conversion_timeout_s, quote(res))
            futures += [rendered, converted,
                        sign_task.submit(  # type: ignore[call-overload]
                            quote(plan), converted, options.sign and not held,
                            settings.signing, quote(res))]
        # In order: a failed step raises before its waiting successor.
        done = [future.result() for future in futures][2::3]
        plan = _assembled(plan, done)
        summary = finish_round(plan)
        if not held or not summary.ok:
            return summary
        assert gate is not None
        decision = gate(summary)
        if decision.approved and approval_key is not None:
            decision = _checked(plan, decision, approval_key)
        if not decision.approved:
            finish_round(plan, decision)
            return replace(summary, status="ditolak", message=(
                f"Ditolak oleh {decision.by}: {decision.reason or 'tanpa alasan'}. "
                "Tidak ada surat yang ditandatangani."))
        return _sign_approved(plan, settings, decision, res)


def _checked(plan: RoundPlan, decision: Decision, key: bytes) -> Decision:
    """The decision if the desk issued it for exactly these PDFs; else a refusal."""
    from prefect.runtime import flow_run

    from flows import approval

    rnd = plan.intake.round
    assert rnd is not None
    pdfs = [(i.record.pdf, i.record.sha256.get("pdf") or "") for i in plan.items
            if i.record.pdf and not i.failure]
    if approval.valid(key, decision.proof, kode_putaran=rnd.kode_putaran,
                      flow_run_id=str(flow_run.id or ""), approved=True, approver=decision.by,
                      at=decision.at, pdfs=pdfs):
        return decision
    get_run_logger().warning("Putaran %s: persetujuan tanpa kode pengesahan yang sah dari meja "
                             "naskah ditolak; tidak ada surat yang ditandatangani.",
                             rnd.kode_putaran)
    return Decision(False, "naskah", "Persetujuan tidak sah: tidak diterbitkan oleh meja naskah "
                                     "untuk PDF putaran ini. Setujui lewat halaman putaran di "
                                     "meja naskah.")


def _sign_approved(plan: RoundPlan, settings: Settings, decision: Decision,
                   res: Resources) -> RoundSummary:
    """Sign exactly the PDFs the approver saw (a PDF changed since then fails, unsigned)."""
    todo = [i for i in plan.items if i.sign and not i.failure]
    _start_progress(plan, len(todo), 0, "menandatangani surat", res)
    # Prefect unwraps quote() at run time, but types submit's arguments without it.
    futures = [sign_task.submit(  # type: ignore[call-overload]
                   quote(plan), quote(batch), True, settings.signing, quote(res))
               for batch in batches(todo, settings.run.batch_size, settings.run.converters)]
    return finish_round(_assembled(plan, [future.result() for future in futures]), decision)


def _assembled(plan: RoundPlan, done: list[list[WorkItem]]) -> RoundPlan:
    """The plan with the letters as the tasks returned them (the others as planned)."""
    returned = {item.doc.key: item for batch in done for item in batch}
    return replace(plan, items=[returned.get(i.doc.key, i) for i in plan.items])


# Prefect's own example, yet its TaskRunner is invariant in its future type: arg-type.
@flow(name="putaran", task_runner=ThreadPoolTaskRunner(max_workers=8),  # type: ignore[arg-type]
      log_prints=True)
def round_flow(workbook: str, out: str = "outputs", pdf: bool = True, sign: bool = True,
               templates: str | None = None, wajib_persetujuan: bool = False) -> State:
    """One round: every letter of one workbook, numbered, converted, signed, archived.

    With ``wajib_persetujuan`` the run pauses before signing until an approver answers.
    """
    return _round(workbook, out, pdf, sign, templates, wajib_persetujuan)


def _round(workbook: str, out: str, pdf: bool, sign: bool, templates: str | None,
           approval: bool, key: bytes | None = None) -> State:
    TIMELINE.mark("flow_started")
    enter_work_folder()
    settings = load_settings()
    options = RunOptions(Path(out), pdf=pdf, sign=sign and pdf,
                         templates=Path(templates) if templates else None)
    gate = approval_gate(settings.web.approval_timeout_s) if approval else None
    summary = run_round(Path(workbook), options, settings, gate, key)
    _artifacts(summary)
    data = asdict(summary)
    _summary_artifact(data)
    if summary.ok:
        return Completed(message=f"{summary.documents} dokumen", data=data)
    if summary.status == "ditolak":
        # A rejection is an answer, not a fault: the run ends completed, named "Ditolak".
        # (A Cancelled or Failed state is raised by Prefect at the end of a deployment run,
        # and its data must then be an exception: a dict gave "TypeError: Unexpected result
        # for failed state" on the desk's console.)
        return Completed(name="Ditolak", message=summary.message, data=data)
    return Failed(message=summary.message or summary.status, data=RoundNotDone(data))


class RoundNotDone(Exception):
    """The data of a round run that did not finish: an exception (Prefect raises it as the
    run's failure), carrying the round's summary."""

    def __init__(self, summary: dict[str, Any]) -> None:
        super().__init__(summary.get("message") or summary.get("status") or "")
        self.summary = summary

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.summary,)


WORK_FOLDER_ENV = "NASKAH_FOLDER_KERJA"
"""Set by ``naskah worker``: the folder it was started in. A pool's flow run starts in a
temporary folder; relative paths of the office's settings (register, outputs, templates,
naskah.toml) mean this folder, as for ``naskah run``."""


def enter_work_folder() -> None:
    """In a flow run started by ``naskah worker``: work in the worker's folder."""
    import os

    folder = os.environ.get(WORK_FOLDER_ENV)
    if folder and Path(folder).is_dir() and Path.cwd() != Path(folder):
        os.chdir(folder)


UPLOAD_ID = re.compile(r"^[0-9a-f]{32}$")
"""The name (without .xlsx) naskah web gives an uploaded workbook."""


# Prefect's own example, yet its TaskRunner is invariant in its future type: arg-type.
@flow(name="putaran-web",
      task_runner=ThreadPoolTaskRunner(max_workers=8), log_prints=True)  # type: ignore[arg-type]
def round_from_upload(unggahan: str) -> State:
    """One round from a workbook uploaded on naskah web, by its upload id (never a path).

    Whether it waits for approval is the office's setting (``web.wajib_persetujuan``), never
    a parameter: whoever can start a run cannot skip the approval. An approval counts only
    when the desk issued it (flows.approval).
    """
    from flows.credentials import approval_key

    enter_work_folder()
    settings = load_settings()
    if not UPLOAD_ID.fullmatch(unggahan):
        return Failed(message=f"Kode unggahan {unggahan!r} tidak sah.")
    path = settings.web.uploads / f"{unggahan}.xlsx"
    if not path.is_file():
        return Failed(message=f"Unggahan {unggahan} tidak ditemukan.")
    required = settings.web.approval_required
    return _round(str(path), str(settings.run.outputs), True, True, None, required,
                  approval_key(settings.web.data) if required else None)


@flow(name="putaran-massal", log_prints=True)
def bulk_flow(workbooks: list[str], out: str = "outputs", pdf: bool = True, sign: bool = True,
              templates: str | None = None,
              wajib_persetujuan: bool = False) -> list[dict[str, Any]]:
    """Many rounds at once, within the office's limit; one bad workbook stops no other."""
    enter_work_folder()
    settings = load_settings()

    def one(workbook: str) -> dict[str, Any]:
        state = round_flow(workbook, out, pdf, sign, templates, wajib_persetujuan,
                           return_state=True)
        return state_summary(state, workbook)

    # One converter (one cap on LibreOffice processes) for every round of the run.
    with resources.shared(resources.build(settings)), ThreadPoolExecutor(
            settings.run.rounds_at_once) as pool:
        jobs = [pool.submit(contextvars.copy_context().run, one, w) for w in workbooks]
        return [job.result() for job in jobs]


@flow(name="putaran-dari-inputs", log_prints=True)
def round_from_inputs(workbook: str, pdf: bool = True, tanda_tangan: bool = True,
                      folder_inputs: str = "inputs", folder_hasil: str = "outputs") -> State:
    """One round from a workbook chosen in the inputs folder (the Prefect UI's run form)."""
    path = Path(folder_inputs) / workbook
    if Path(workbook).name != workbook or not path.is_file():
        from flows.inputs import choices_in

        return Failed(message=f"Workbook {workbook} tidak ada di folder {folder_inputs}. Pilih "
                              f"salah satu dari: {', '.join(choices_in(Path(folder_inputs)))}")
    return round_flow(str(path), out=folder_hasil, pdf=pdf, sign=tanda_tangan,
                      return_state=True)


SUMMARY_ARTIFACT = "naskah-ringkasan-json"
"""The description of the artifact that carries a round's RoundSummary as JSON, so that
``naskah run --pool --wait`` reads it on another machine (flow results are not persisted)."""


def _summary_artifact(data: dict[str, Any]) -> None:
    import json

    with contextlib.suppress(Exception):  # a courtesy for --wait: never fail a round over it
        create_markdown_artifact(
            markdown="```json\n" + json.dumps(data, ensure_ascii=False) + "\n```",
            description=SUMMARY_ARTIFACT)


def remote_summary(flow_run_id: str, state: State, workbook: str) -> dict[str, Any]:
    """The RoundSummary of a flow run that ran elsewhere (a pool's worker)."""
    import json
    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.client.schemas.sorting import ArtifactSort

    with contextlib.suppress(Exception), get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(
                any_=[UUID(flow_run_id)])), sort=ArtifactSort.CREATED_DESC, limit=50)
        for artifact in artifacts:
            if artifact.description == SUMMARY_ARTIFACT and isinstance(artifact.data, str):
                text = artifact.data.strip().removeprefix("```json").removesuffix("```")
                return json.loads(text)
    if state.is_crashed() or (state.message or "").startswith(PREFECT_EXCEPTION):
        return asdict(RoundSummary(workbook, None, "error", message=crash_message(
            (state.message or state.name or "").removeprefix(PREFECT_EXCEPTION),
            workbook=workbook)))
    return asdict(RoundSummary(workbook, None, "error", message=(
        f"{state.name}: {state.message or 'tanpa keterangan'}")))


PREFECT_EXCEPTION = "Flow run encountered an exception: "
"""How Prefect's message of a flow run failed by an exception starts."""


def state_summary(state: State, workbook: str) -> dict[str, Any]:
    """The RoundSummary a round flow's final state carries (or a crash's message)."""
    data = state.result(raise_on_failure=False)
    if isinstance(data, State):
        data = data.result(raise_on_failure=False)
    if isinstance(data, RoundNotDone):
        return data.summary
    if isinstance(data, dict):
        return data
    if isinstance(data, BaseException) and not isinstance(data, EngineError):
        # An internal fault outside run_round (which reports its own): never the bare text.
        return asdict(RoundSummary(workbook, None, "error",
                                   message=crash_message(data, workbook=workbook)))
    return asdict(RoundSummary(workbook, None, "error", message=str(data or state.message)))


def _artifacts(summary: RoundSummary) -> None:
    key = (summary.kode_putaran or "tidak-sah").lower().replace(".", "-").replace("_", "-")
    lines = [f"# Putaran {summary.kode_putaran or summary.workbook}", "",
             f"Status: **{summary.status}**. {summary.message}", ""]
    if summary.report:
        lines += ["```", summary.report, "```"]
    if summary.folder:
        from flows.outputs.manifest import MANIFEST, Manifest

        path = Path(summary.folder) / MANIFEST
        lines.append(f"Folder: `{Path(summary.folder).resolve()}` ([manifest]"
                     f"({path.resolve().as_uri()}))")
        manifest = Manifest.read_or_none(Path(summary.folder))
        if manifest is not None:
            create_table_artifact(key=f"{key}-hasil", table=manifest.results,
                                  description=f"Hasil putaran {summary.kode_putaran}")
            create_table_artifact(key=f"{key}-dokumen", table=[
                {"jenis": d.kind, "nip": d.nip or "", "nomor": d.number,
                 "docx": d.docx, "pdf": d.pdf or "", "ttd": d.signed_pdf or ""}
                for d in manifest.documents], description="Dokumen dan nomor")
            if manifest.warnings:
                lines += ["", "## Peringatan", *[f"- {w['ref']}: {w['message']}"
                                                 for w in manifest.warnings]]
    if summary.failures:
        lines += ["", "## Gagal", *[f"- {f['kind']} {f['nip']}: {f['error']}"
                                     for f in summary.failures]]
    create_markdown_artifact(key=f"{key}-ringkasan", markdown="\n".join(lines),
                             description="Ringkasan putaran")
