"""`naskah run`: the round flow(s) in a worker thread, progress and a summary for the clerk."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.errors import EngineError
from flows.run_summary import print_summary as _print_summary
from flows.settings import ENV_VAR, load_settings

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from flows.pipeline.progress import RoundProgress


def expand_workbooks(paths: list[Path]) -> list[Path]:
    """Files as given; folders as the .xlsx files in them (Excel's ~$ lock files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.xlsx")
                            if not p.name.startswith(("~$", ".")))
            if not inside:
                raise EngineError(f"Folder {path} tidak berisi workbook .xlsx.")
            found += inside
        else:
            found.append(path)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return [Path(os.path.relpath(p)) if p.is_relative_to(Path.cwd()) else p for p in unique]


def run_command(args: argparse.Namespace) -> int:
    from flows import prefect_setup, startup
    from flows.timeline import TIMELINE

    TIMELINE.mark("command")
    started = time.monotonic()
    if args.settings is not None:
        os.environ[ENV_VAR] = str(args.settings)
    settings = load_settings()
    workbooks = expand_workbooks(args.workbooks)
    out = args.out or settings.run.outputs
    approval = bool(getattr(args, "require_approval", False)) and not (args.no_sign or args.no_pdf)
    if approval and not os.environ.get("PREFECT_API_URL"):
        raise EngineError("--require-approval memerlukan server Prefect bersama: setel "
                          "PREFECT_API_URL (lihat README, bagian Prefect), agar penyetuju dapat "
                          "menjawab di Prefect UI.")
    if getattr(args, "pool", None):
        from flows.pool import run_on_pool

        with _started(out):
            return run_on_pool(args, workbooks, out, approval)
    if getattr(args, "wait", False):
        raise EngineError("--wait hanya berlaku bersama --pool.")
    # A Prefect server takes the longest to get ready: for a workbook no round folder knows
    # there surely is work, so the server is found or started at once and the check for
    # work left (reading the workbook) is skipped; otherwise the check comes first, and a
    # rerun with nothing to do starts no server.
    prefect_setup.configure(quiet=True)
    server = None
    background = settings.run.background_minutes
    surely = startup.surely_work(workbooks, out)
    if surely:
        server = _server(background)
    if not (approval or surely):  # (a workbook no round folder knows has work to do)
        finished = _already_finished(workbooks, out, settings, pdf=not args.no_pdf,
                                     sign=not (args.no_sign or args.no_pdf),
                                     templates=args.templates)
        TIMELINE.mark("nothing_to_do_checked")
        if finished is not None:
            print("Tidak ada yang perlu dikerjakan: semua dokumen sudah selesai dan isinya "
                  "tidak berubah.", file=sys.stderr)
            if os.environ.get(METRICS_ENV):
                _write_metrics(Path(os.environ[METRICS_ENV]), finished)
            code = _print_summary(finished)
            print(f"Waktu: {time.monotonic() - started:.1f} detik.".replace(".", ",", 1))
            return code
    if server is None:
        server = _server(background)
    if not (args.no_sign or args.no_pdf):
        from flows.documents import REGISTRY
        from flows.pdf.signers import preload

        preload(settings.signing, list(REGISTRY))  # ask for passphrases before work starts
        TIMELINE.mark("signers_loaded")
    print(f"Menjalankan {len(workbooks)} putaran; hasil di {out}/", file=sys.stderr)
    if approval:
        ui = os.environ["PREFECT_API_URL"].removesuffix("/api")
        print(f"Sebelum ditandatangani, putaran menunggu persetujuan: buka {ui}, pilih run "
              "yang berstatus Paused, lalu Resume dan isi formulir persetujuan.",
              file=sys.stderr)
    results: list[dict[str, Any]] = []
    failure: list[BaseException] = []
    options: dict[str, Any] = {"out": str(out), "pdf": not args.no_pdf,
                               "sign": not (args.no_sign or args.no_pdf),
                               "templates": str(args.templates) if args.templates else None,
                               "wajib_persetujuan": approval}

    # What the first letter needs starts before it is there. With a server already up, the
    # spare LibreOffice starts at once, beside the import of Prefect (the import is then the
    # longest wait), and the signing workers after it (started beside it too, they took CPU
    # from it: 7.7 s to the first letter against 8.9 s, on 2 cores); with a server starting,
    # both after the import (until then they would take CPU from the server's own start).
    ready_soon = server is None or getattr(server, "reused", False)

    def work() -> None:
        try:
            if ready_soon and options["pdf"]:
                _start_spare()
            from flows.orchestration import bulk_flow, round_flow, state_summary

            TIMELINE.mark("prefect_imported")
            if not ready_soon and options["pdf"]:
                _start_spare()
            if options["sign"]:
                startup.warm_up_signing()
            if server is not None:
                server.wait_ready(float(os.environ[
                    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]))
                startup.remember_warm_database()
            TIMELINE.mark("server_ready")

            if len(workbooks) == 1:
                state = round_flow(str(workbooks[0]), **options, return_state=True)
                results.append(state_summary(state, str(workbooks[0])))
            else:
                results.extend(bulk_flow([str(w) for w in workbooks], **options))
        except BaseException as exc:  # shown by the main thread
            failure.append(exc)

    thread = threading.Thread(target=work, name="naskah-run", daemon=True)
    with _started(out), _ctrl_c_aborts():
        thread.start()
        try:
            _show_progress(thread)
        except KeyboardInterrupt:
            _abort()
        if failure:
            raise failure[0]
        if os.environ.get(METRICS_ENV):
            _write_metrics(Path(os.environ[METRICS_ENV]), results)
        code = _print_summary(results)
    from flows.pipeline.progress import PROGRESS

    first = PROGRESS.first_done_at()
    timing = f"Waktu: {time.monotonic() - started:.1f} detik"
    if first is not None:
        timing += f"; dokumen pertama selesai {first - started:.1f} detik setelah perintah mulai"
    print(timing.replace(".", ",") + ".")
    return code


def _start_spare() -> None:
    """A spare LibreOffice for the first conversion (flows.pdf.libreoffice.Spare)."""
    from flows.pdf.libreoffice import start_spare
    from flows.timeline import TIMELINE

    start_spare()
    TIMELINE.mark("spare_soffice_started")


def _server(background_minutes: int) -> Any:
    """The run's Prefect server, starting (see prefect_setup.start_embedded)."""
    from flows import prefect_setup
    from flows.background_server import BackgroundServer
    from flows.timeline import TIMELINE

    server = prefect_setup.start_embedded(background_minutes)
    reused = isinstance(server, BackgroundServer) and server.reused
    if server is not None:
        TIMELINE.mark("server_reused" if reused else "server_spawned")
    if isinstance(server, BackgroundServer) and not reused:
        print(f"Server Prefect latar dimulai; tetap berjalan {background_minutes} menit "
              "setelah putaran terakhir agar putaran berikutnya cepat mulai (lihat: naskah "
              "server status; hentikan: naskah server hentikan).", file=sys.stderr)
    return server


class RunCrashed(Exception):
    """An unexpected failure once rounds were started: numbers may have been given and files
    written under ``out`` (the CLI says so, and that a rerun resumes)."""

    def __init__(self, out: Path) -> None:
        super().__init__(f"the run crashed after it started; partial results under {out}")
        self.out = out


@contextlib.contextmanager
def _started(out: Path) -> Iterator[None]:
    """Rounds are running: an unexpected failure from here on is a RunCrashed (an
    EngineError keeps its own message for the clerk)."""
    try:
        yield
    except EngineError:
        raise
    except Exception as exc:
        raise RunCrashed(out) from exc


def _already_finished(workbooks: list[Path], out: Path, settings: Any, *, pdf: bool, sign: bool,
                      templates: Path | None) -> list[dict[str, Any]] | None:
    """The summaries of rounds that have nothing left to do (every letter done, files intact,
    the same workbook as last time), or None as soon as one round has work (or cannot be
    told without running it): then the flow runs as usual. Reads only; takes no lock."""
    from flows.documents.produce import prepare_letters, templates_folder
    from flows.outputs.files import sha256_file
    from flows.outputs.manifest import read_field, read_manifest
    from flows.pipeline.round import open_round
    from flows.pipeline.work import plan_work
    from flows.register import open_register

    summaries = []
    for workbook in workbooks:
        try:
            result = open_round(workbook, settings)
            rnd = result.round
            if rnd is None or result.evaluation is None:
                return None
            folder = out / rnd.kode_putaran
            recorded = read_field(folder, "workbook") or {}
            previous = read_manifest(folder)
            if (not previous or recorded.get("file") != workbook.name
                    or recorded.get("sha256") != sha256_file(workbook)
                    or read_field(folder, "failures")):
                return None
            register = open_register(settings.register)  # a SQLite path or a PostgreSQL URL
            try:
                letters = prepare_letters(rnd, result.evaluation, settings, register,
                                          templates_folder(settings, templates))
            finally:
                getattr(register, "close", lambda: None)()
            items = plan_work(letters, folder, previous, pdf=pdf, sign=sign)
        except (EngineError, OSError, ValueError):
            return None
        bundle = (read_field(folder, "bundle") or {}).get("path")
        if (any(i.pending for i in items) or len(items) != len(previous)
                or any(i.record.input_sha256 != previous[i.doc.key].input_sha256
                       for i in items)
                or not (folder / "rekap.xlsx").is_file()
                or (pdf and not (bundle and (folder / bundle).is_file()))):
            return None
        summaries.append({"workbook": str(workbook), "kode_putaran": rnd.kode_putaran,
                          "status": "selesai", "documents": len(items),
                          "skipped": len(items), "failures": [], "folder": str(folder),
                          "message": "", "report": ""})
    return summaries


METRICS_ENV = "NASKAH_METRICS"
"""A JSON file for the run's figures (``naskah benchmark`` reads it)."""


def _write_metrics(path: Path, results: list[dict[str, Any]]) -> None:
    import json

    from flows.pipeline.metrics import CLOCK
    from flows.pipeline.progress import PROGRESS
    from flows.timeline import TIMELINE

    offset = time.time() - time.monotonic()  # monotonic → epoch

    def epoch(moment: float | None) -> float | None:
        return moment + offset if moment is not None else None

    first = PROGRESS.first_done_at()
    path.write_text(json.dumps({
        "documents": sum(r["documents"] for r in results),
        "statuses": [r["status"] for r in results],
        "first_done_at": epoch(first),
        "stages": {name: {"letters": t.letters, "busy_s": t.busy_s,
                          "span_s": (t.last_end or 0) - (t.first_start or 0),
                          "first_start_at": epoch(t.first_start),
                          "first_end_at": epoch(t.first_end),
                          "last_end_at": epoch(t.last_end)}
                   for name, t in CLOCK.snapshot().items()},
        "timeline": TIMELINE.snapshot(),
    }, indent=2), encoding="utf-8")


@contextlib.contextmanager
def _ctrl_c_aborts() -> Iterator[None]:
    """While rounds run, Ctrl-C (SIGINT) aborts the run whatever naskah was started with:
    its own handler, not Python's KeyboardInterrupt (which code on the way may catch), and
    unblocked and not ignored even when the starting process left it so. The previous
    handler is back afterwards (the tests call the command in their own process)."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: _abort())
    blocked = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if signal.SIGINT in blocked:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _abort() -> None:
    """Ctrl-C: kill LibreOffice and the embedded Prefect server, then leave at once.

    Prefect's worker threads would keep the interpreter alive; nothing is lost by leaving:
    files are written atomically, numbers in transactions, and a rerun resumes.
    """
    from flows.pdf import signing_pool
    from flows.pdf.libreoffice import kill_all

    kill_all()
    signing_pool.shutdown()
    from flows.prefect_setup import EMBEDDED

    for server in EMBEDDED:
        server.process.kill()
    print("\nDibatalkan. Jalankan perintah yang sama lagi untuk melanjutkan.", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def _show_progress(thread: threading.Thread) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from flows.pipeline.progress import PROGRESS

    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("dokumen"), TextColumn("{task.fields[rate]}"),
               TextColumn("{task.fields[eta]}"))
    with Progress(*columns, console=console, transient=False) as bar:
        tasks: dict[str, Any] = {}
        preparing = bar.add_task("menyiapkan mesin alur kerja…", total=None, rate="", eta="")
        while thread.is_alive():
            _update(bar, tasks, PROGRESS.snapshot(), preparing)
            thread.join(0.25)
        _update(bar, tasks, PROGRESS.snapshot(), preparing)


def _update(bar: Progress, tasks: dict[str, Any], rounds: Iterable[RoundProgress],
            preparing: TaskID | None) -> None:
    for progress in rounds:
        if progress.name not in tasks:
            if preparing is not None and preparing in bar.task_ids:
                bar.remove_task(preparing)
            tasks[progress.name] = bar.add_task(progress.name, total=progress.total,
                                                rate="", eta="")
        eta = progress.eta_s
        bar.update(tasks[progress.name], completed=progress.done, total=progress.total,
                   rate=f"{progress.rate:.1f} dok/detik".replace(".", ","),
                   eta=("selesai" if progress.done >= progress.total else
                        f"sisa ±{time.strftime('%M:%S', time.gmtime(eta))}" if eta else ""))
