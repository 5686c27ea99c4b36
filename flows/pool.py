"""Several machines on one Prefect server: `naskah deploy`, `naskah worker`, and
`naskah run … --pool` (see docs/skala.md).

Everything here is Prefect's own distributed machinery: a process work pool, workers, a
global concurrency limit, heartbeats and automations. naskah adds only what rounds need:
deployments whose code is the installed naskah (no code is pulled), flow runs that work in
the worker's folder, and a round lock and register on PostgreSQL (flows.register_pg).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from flows.dispatched import synchronous
from flows.errors import EngineError

DEFAULT_POOL = "naskah"
GCL_NAME = "naskah-libreoffice"
GCL_DEFAULT = 4
HEARTBEAT_S = 30
"""Seconds between a flow run's heartbeats (Prefect's minimum; its default is 180)."""
ZOMBIE_AFTER_S = 90
"""A run with no heartbeat for this long is marked Crashed (three missed heartbeats);
``NASKAH_DETIK_ZOMBIE`` overrides it (at least 60: two heartbeats)."""


def zombie_after_s() -> int:
    value = os.environ.get("NASKAH_DETIK_ZOMBIE", "")
    return max(60, int(value)) if value.isdigit() else ZOMBIE_AFTER_S
RESCHEDULE_WAIT_S = 300
"""How long --wait waits for a crashed round to be rescheduled before reporting it."""
QUERY_S = 3
"""Seconds between a worker's polls for scheduled rounds."""
TAG = "naskah-kolam"
"""Every flow run of the pool's deployments carries it; the automations act only on them."""

FLOWS = ("putaran", "putaran-massal", "putaran-web")
"""The flows deployed on a pool; each deployment is named after the pool."""


def deployment_name(flow_name: str, pool: str) -> str:
    return f"{flow_name}/{pool}"


def require_server() -> str:
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        raise EngineError("Perintah ini memerlukan server Prefect bersama: setel "
                          "PREFECT_API_URL, misalnya http://server-naskah:4200/api "
                          "(lihat docs/skala.md).")
    return url


# --- naskah deploy ---------------------------------------------------------------------------

def deploy_command(args: argparse.Namespace) -> int:
    from flows import prefect_setup

    require_server()
    prefect_setup.configure(quiet=True)
    pool = args.pool
    try:
        created = ensure_pool(pool)
        limit = ensure_gcl(args.batas_libreoffice)
        ids = register_deployments(pool)
        ensure_automations(pool, ids)
    except EngineError:
        raise
    except Exception as exc:
        raise EngineError(f"Server Prefect {os.environ['PREFECT_API_URL']} menolak atau tidak "
                          f"menjawab: {type(exc).__name__}: {exc}") from None
    print(f"Kolam kerja '{pool}' {'dibuat' if created else 'sudah ada'} (jenis process).")
    print(f"Batas global LibreOffice '{GCL_NAME}': {limit} konversi sekaligus di semua mesin.")
    for name in FLOWS:
        print(f"Deployment {deployment_name(name, pool)} terdaftar.")
    print(f"Otomasi: putaran tanpa detak {zombie_after_s()} detik ditandai Crashed, lalu "
          "dijadwalkan ulang satu kali.")
    print(f"Jalankan di setiap mesin: naskah worker --pool {pool}")
    return 0


def ensure_pool(pool: str) -> bool:
    """Create the process work pool if missing; True when it was created."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectNotFound
    from prefect.workers.process import ProcessWorker

    with get_client(sync_client=True) as client:
        try:
            found = client.read_work_pool(pool)
        except ObjectNotFound:
            client.create_work_pool(WorkPoolCreate(
                name=pool, type="process", description="Putaran naskah (docs/skala.md)",
                base_job_template=ProcessWorker.get_default_base_job_template()))
            return True
    if found.type != "process":
        raise EngineError(f"Kolam kerja '{pool}' sudah ada dengan jenis {found.type}; naskah "
                          "memerlukan jenis process. Pilih nama lain dengan --pool.")
    return False


def ensure_gcl(limit: int | None) -> int:
    """The global LibreOffice limit: created with ``limit`` (or the default), or set to it."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import (
        GlobalConcurrencyLimitCreate,
        GlobalConcurrencyLimitUpdate,
    )
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            found = client.read_global_concurrency_limit_by_name(GCL_NAME)
        except ObjectNotFound:
            value = limit if limit is not None else GCL_DEFAULT
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=GCL_NAME, limit=value))
            return value
        if limit is not None and limit != found.limit:
            client.update_global_concurrency_limit(
                GCL_NAME, GlobalConcurrencyLimitUpdate(limit=limit, active=True))
            return limit
        return found.limit


def register_deployments(pool: str) -> list[str]:
    """The round, bulk and desk flows as deployments of ``pool``; their ids.

    The code is naskah as installed on each worker machine (a module entrypoint, nothing
    pulled); the flow runs get heartbeats and the global LibreOffice limit.
    """
    from prefect.deployments.runner import EntrypointType

    from flows.orchestration import (
        GCL_ENV,
        bulk_flow,
        round_flow,
        round_from_upload,
    )

    env = {GCL_ENV: GCL_NAME, "PREFECT_FLOWS_HEARTBEAT_FREQUENCY": str(HEARTBEAT_S)}
    ids = []
    for flow, description in (
            (round_flow, "Satu putaran dari workbook (naskah run --pool)."),
            (bulk_flow, "Banyak putaran sekaligus di satu mesin."),
            (round_from_upload, "Putaran dari workbook yang diunggah di naskah web.")):
        deployment = flow.to_deployment(
            name=pool, tags=["naskah", TAG], description=description,
            entrypoint_type=EntrypointType.MODULE_PATH, job_variables={"env": env})
        ids.append(str(synchronous(deployment).apply(work_pool_name=pool)))
    return ids


def automation_names(pool: str) -> tuple[str, str]:
    return (f"naskah {pool}: putaran tanpa detak -> Crashed",
            f"naskah {pool}: putaran Crashed dijadwalkan ulang sekali")


def ensure_automations(pool: str, deployment_ids: list[str]) -> None:
    """Prefect's zombie-flow recipe, and one reschedule of a crashed round (replaced on every
    deploy, so they always match this version)."""
    from prefect.automations import Automation
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import EventTrigger, Posture
    from prefect.events.schemas.events import ResourceSpecification

    zombie, retry = automation_names(pool)
    with get_client(sync_client=True) as client:
        for name in (zombie, retry):
            for old in client.read_automations_by_name(name):
                client.delete_automation(old.id)
    Automation(
        name=zombie,
        description="Mesin pekerja mati: tidak ada detak dari flow run.",
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={"prefect.flow-run.heartbeat", "prefect.flow-run.Completed",
                    "prefect.flow-run.Failed", "prefect.flow-run.Cancelled",
                    "prefect.flow-run.Crashed"},
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            match_related=ResourceSpecification({"prefect.resource.role": "tag",
                                                 "prefect.resource.id": f"prefect.tag.{TAG}"}),
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive, threshold=1,
            within=timedelta(seconds=zombie_after_s())),
        actions=[ChangeFlowRunState(state=StateType.CRASHED,
                                    message="Tidak ada detak dari mesin pekerja; dianggap "
                                            "mati.")],
    ).create()
    Automation(
        name=retry,
        description="Putaran yang crash pertama kali dijalankan lagi (melanjutkan).",
        trigger=EventTrigger(
            expect={"prefect.flow-run.Crashed"},
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"],
                                         "prefect.run-count": ["1"]}),
            match_related=ResourceSpecification({
                "prefect.resource.role": "deployment",
                "prefect.resource.id": [f"prefect.deployment.{i}" for i in deployment_ids]}),
            for_each={"prefect.resource.id"},
            posture=Posture.Reactive, threshold=1, within=timedelta(0)),
        actions=[ChangeFlowRunState(state=StateType.SCHEDULED, name="AwaitingRetry",
                                    message="Dijadwalkan ulang sekali setelah crash; "
                                            "putaran melanjutkan dari berkas yang ada.")],
    ).create()


# --- naskah worker ---------------------------------------------------------------------------

def worker_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The worker's environment (and so its flow runs'): the caller's, including anything
    the office or the server's security adds (e.g. PREFECT_API_AUTH_STRING), plus the folder
    the flow runs work in, the office settings file found here, and heartbeats."""
    from flows.orchestration import WORK_FOLDER_ENV
    from flows.prefect_setup import DEFAULTS
    from flows.settings import ENV_VAR, settings_path

    env = dict(os.environ if base is None else base)
    for key, value in DEFAULTS.items():
        env.setdefault(key, value)
    env.setdefault(WORK_FOLDER_ENV, str(Path.cwd()))
    source = settings_path(None)
    if source is not None:
        env[ENV_VAR] = str(Path(source).resolve())
    env.setdefault("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", str(HEARTBEAT_S))
    # Prefect's worker asks for work every 10 s: an idle slot waited that long between
    # rounds (measured: 12 s of 34 s per round on this box).
    env.setdefault("PREFECT_WORKER_QUERY_SECONDS", str(QUERY_S))
    return env


def worker_command(args: argparse.Namespace) -> int:
    """Replace this process by a Prefect process worker of the pool (signals reach it)."""
    from flows.settings import load_settings

    require_server()
    if args.limit is not None and args.limit < 1:
        raise EngineError("--limit paling kecil 1.")
    settings = load_settings()  # a broken settings file is reported here, not per round
    from flows.register import display, is_url

    where = display(settings.register)
    if not is_url(settings.register):
        print(f"PERINGATAN: register nomor {where} adalah berkas SQLite. Dengan lebih dari "
              "satu mesin, setel [penomoran] register ke URL postgresql:// (docs/skala.md).",
              file=sys.stderr)
    prefect = Path(sys.executable).with_name("prefect")
    command = [str(prefect), "worker", "start", "--pool", args.pool, "--type", "process"]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    if args.name:
        command += ["--name", args.name]
    print(f"Pekerja kolam '{args.pool}' di {os.environ['PREFECT_API_URL']}; register {where}. "
          "Hentikan dengan Ctrl-C.", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, worker_environment())
    return 0  # not reached


# --- naskah run --pool -----------------------------------------------------------------------

def submit(workbooks: list[Path], pool: str, parameters: dict[str, Any]) -> list[str]:
    """One flow run of the pool's round deployment per workbook; their ids."""
    from prefect.deployments import run_deployment

    ids = []
    for workbook in workbooks:
        try:
            run = run_deployment(deployment_name("putaran", pool), timeout=0,
                                 parameters={"workbook": str(workbook.resolve()),
                                             **parameters},
                                 flow_run_name=f"{workbook.stem.lower()}",
                                 tags=["naskah", TAG])
        except Exception as exc:
            raise EngineError(f"Putaran {workbook.name} tidak dapat dikirim ke kolam '{pool}': "
                              f"{type(exc).__name__}: {exc}. Sudahkah 'naskah deploy --pool "
                              f"{pool}' dijalankan?") from None
        ids.append(str(synchronous(run).id))
    return ids


def wait_for(ids: list[str], workbooks: list[Path], poll_s: float = 3) -> list[dict[str, Any]]:
    """Each flow run's RoundSummary once all are final (a crashed run that the automation
    reschedules is waited for)."""
    from uuid import UUID

    from prefect.client.orchestration import get_client

    from flows.orchestration import remote_summary

    pending = dict(zip(ids, workbooks, strict=True))
    done: dict[str, dict[str, Any]] = {}
    crashed_at: dict[str, float] = {}
    with get_client(sync_client=True) as client:
        while pending:
            for run_id, workbook in list(pending.items()):
                run = client.read_flow_run(UUID(run_id))
                state = run.state
                if state is None or not state.is_final():
                    continue
                if state.is_crashed() and run.run_count <= 1 and time.monotonic() - (
                        crashed_at.setdefault(run_id, time.monotonic())) < RESCHEDULE_WAIT_S:
                    continue  # the automation reschedules it once
                done[run_id] = remote_summary(run_id, state, str(workbook))
                del pending[run_id]
            if pending:
                time.sleep(poll_s)
    return [done[i] for i in ids]


def run_on_pool(args: argparse.Namespace, workbooks: list[Path], out: Path,
                approval: bool) -> int:
    """`naskah run … --pool NAME [--wait]`."""
    from flows import prefect_setup
    from flows.run_summary import print_summary

    require_server()
    prefect_setup.configure(quiet=True)
    parameters = {"out": str(out.resolve()), "pdf": not args.no_pdf,
                  "sign": not (args.no_sign or args.no_pdf),
                  "templates": str(args.templates.resolve()) if args.templates else None,
                  "wajib_persetujuan": approval}
    ids = submit(workbooks, args.pool, parameters)
    for workbook, run_id in zip(workbooks, ids, strict=True):
        print(f"{run_id}  {workbook.name}")
    if not args.wait:
        print(f"{len(ids)} putaran dikirim ke kolam '{args.pool}'.", file=sys.stderr)
        return 0
    print(f"Menunggu {len(ids)} putaran di kolam '{args.pool}'…", file=sys.stderr)
    return print_summary(wait_for(ids, workbooks))
