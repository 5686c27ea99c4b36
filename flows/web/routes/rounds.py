"""The rounds: the home page, the blank workbook, the upload (a new round or a new version of
one), the round page and starting its run."""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from flows.errors import EngineError
from flows.web import runs, security
from flows.web.files import RoundFiles
from flows.web.policy import Action, may, review_sample
from flows.web.routes.context import Desk
from flows.web.security import Refused, require
from flows.web.store import RoundRow, Session

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def add_routes(app: FastAPI, desk: Desk) -> None:
    settings, store, web = desk.settings, desk.store, desk.web

    @app.get("/")
    def home(request: Request) -> Response:
        session = desk.current(request)
        require(session, Action.READ)
        rows = [desk.refreshed(r)[0] for r in store.rounds()]
        return desk.page(request, "beranda.html", session, rounds=rows,
                         batas_mb=web.max_upload_bytes // (1024 * 1024))

    @app.get("/template-workbook.xlsx")
    def blank_workbook(request: Request) -> Response:
        session = desk.current(request)
        require(session, Action.UPLOAD)
        from flows.domain.models import RoundKind
        from flows.workbook.writer import blank_for, write_workbook

        jenis = request.query_params.get("jenis", "")
        kind = next((k for k in RoundKind if k.value == jenis), None)
        content = blank_for(kind, settings.rules) if kind else None
        with tempfile.TemporaryDirectory(prefix="naskah-template-") as folder:
            path = Path(folder) / "template.xlsx"
            write_workbook(path, content)
            data = path.read_bytes()
        name = f"template-{kind.value.replace('_', '-')}.xlsx" if kind else "template-putaran.xlsx"
        return Response(data, media_type=XLSX, headers={
            "Content-Disposition": f'attachment; filename="{name}"'})

    @app.post("/unggah")
    async def upload(request: Request) -> Response:
        session, form = await desk.posted(request, Action.UPLOAD, web.max_upload_bytes)
        name, data = await security.upload_bytes(form, "workbook", web.max_upload_bytes)
        shown = Path(name.replace("\\", "/")).name[:120] or "workbook.xlsx"
        if not security.is_xlsx(shown, data):
            store.log(session.user.username, "unggah ditolak", detail=f"{shown}: bukan .xlsx")
            raise Refused(415, "Berkas harus workbook Excel .xlsx (bukan .xls, .csv atau "
                               "berkas lain). Unduh template workbook bila perlu.")
        upload_id = uuid.uuid4().hex
        onto = str(form.get("putaran", "")).strip()
        return await run_in_threadpool(_accept, desk, request, session, upload_id, shown, data,
                                       int(onto) if onto.isdigit() else None)

    @app.get("/putaran/{round_id}")
    def round_page(request: Request, round_id: int) -> Response:
        session = desk.current(request)
        require(session, Action.READ)
        row, status = desk.refreshed(desk.round_or_404(round_id))
        return round_view(desk, request, session, row, status)

    @app.post("/putaran/{round_id}/mulai")
    async def start(request: Request, round_id: int) -> Response:
        session, _ = await desk.posted(request, Action.START)
        row, _ = desk.refreshed(desk.round_or_404(round_id))
        if row.flow_run_id and row.state not in runs.FINAL and row.state != "siap":
            raise Refused(409, "Putaran ini sedang berjalan.")
        run_id = await run_in_threadpool(desk.runner.start, row.upload, web.approval_required,
                                         row.kode_putaran)
        store.update_round(row.id, state="antre", flow_run_id=run_id)
        store.log(session.user.username, "jalankan", row.id,
                  "dengan persetujuan sebelum tanda tangan" if web.approval_required
                  else "tanpa persetujuan")
        return RedirectResponse(f"/putaran/{row.id}", status_code=303)


def _accept(desk: Desk, request: Request, session: Session, upload_id: str, shown: str,
            data: bytes, onto: int | None = None) -> Response:
    """Validate an upload; a valid one becomes a round, or a new version of the round
    with its kode_putaran (``onto``: the round page it was uploaded on)."""
    from flows import reporting
    from flows.pipeline.round import open_round

    settings, store, web = desk.settings, desk.store, desk.web
    web.uploads.mkdir(parents=True, exist_ok=True)
    temporary = web.uploads / f".{upload_id}.tmp.xlsx"
    temporary.write_bytes(data)
    try:
        result = open_round(temporary, settings)
    except EngineError as exc:
        temporary.unlink()
        store.log(session.user.username, "unggah ditolak", detail=f"{shown}: {exc}")
        return desk.page(request, "masalah.html", session, 422, nama=shown, pesan=str(exc),
                         masalah=[], peringatan=[])
    if result.round is None:
        temporary.unlink()
        errors = [reporting.issue_json(i) for i in result.report.errors]
        store.log(session.user.username, "unggah ditolak",
                  detail=f"{shown}: {len(errors)} kesalahan")
        return desk.page(request, "masalah.html", session, 422, nama=shown, pesan="",
                         masalah=errors, peringatan=[reporting.issue_json(i)
                                                     for i in result.report.warnings])
    rnd = result.round
    existing = store.round_of(rnd.kode_putaran)
    if existing is not None:
        existing, _ = desk.refreshed(existing)
    target = desk.round_or_404(onto) if onto is not None else None
    problem = _version_problem(rnd.kode_putaran, existing, target)
    if problem:
        temporary.unlink()
        store.log(session.user.username, "unggah ditolak", detail=f"{shown}: {problem}")
        raise Refused(409, problem)
    os.replace(temporary, web.uploads / f"{upload_id}.xlsx")
    checked = {"provinsi": rnd.provinsi,
               "warnings": [reporting.issue_json(i) for i in result.report.warnings],
               "results": [reporting.result_json(r) for r in result.evaluation.ranked]
               if result.evaluation else []}
    (web.uploads / f"{upload_id}.json").write_text(json.dumps(checked), encoding="utf-8")
    desk.zones.clear()
    summary = (f"{shown}: {rnd.kode_putaran}, {len(rnd.officials)} pejabat, "
               f"{len(result.report.warnings)} peringatan")
    if existing is not None:
        number = store.add_version(existing.id, upload_id, shown, rnd.nama_putaran,
                                   session.user.username)
        store.log(session.user.username, "unggah versi baru", existing.id,
                  f"versi {number}, {summary}")
        return RedirectResponse(f"/putaran/{existing.id}", status_code=303)
    round_id = store.add_round(upload_id, shown, rnd.kode_putaran, rnd.nama_putaran,
                               session.user.username)
    if RoundFiles(settings.run.outputs, rnd.kode_putaran).manifest() is not None:
        store.update_round(round_id, state="siap", message=(
            "Putaran ini sudah pernah dijalankan di luar meja (baris perintah): surat "
            "yang sudah ditandatangani dan tidak berubah tidak ditandatangani ulang."))
    store.log(session.user.username, "unggah", round_id, summary)
    return RedirectResponse(f"/putaran/{round_id}", status_code=303)


def _version_problem(kode: str, existing: RoundRow | None,
                     target: RoundRow | None) -> str | None:
    """Why an upload cannot become (a version of) its round, or None."""
    if target is not None and target.kode_putaran != kode:
        return (f"Kode putaran di workbook ({kode}) tidak sama dengan putaran ini "
                f"({target.kode_putaran}). Perbaiki kode putaran di sheet Putaran, atau "
                "unggah di halaman depan sebagai putaran baru.")
    if existing is not None and (existing.state in runs.ACTIVE
                                 or existing.state == "menunggu persetujuan"):
        return (f"Putaran {kode} sedang {existing.state}. Versi baru workbook dapat "
                "diunggah setelah putaran selesai atau ditolak.")
    return None


def round_view(desk: Desk, request: Request, session: Session, row: RoundRow,
               status: runs.RunStatus | None, code: int = 200, **results: Any) -> Response:
    """The round page; ``results`` are the outcome of a verification or a filing."""
    store, web = desk.store, desk.web
    files = RoundFiles(desk.settings.run.outputs, row.kode_putaran)
    manifest = files.manifest()  # the round's one folder, run here or on the CLI
    letters = files.letters(manifest) if manifest else []
    sample: list[int] = []
    viewed: set[int] = set()
    if row.state == "menunggu persetujuan" and row.flow_run_id:
        sample = review_sample([x.kind for x in letters], web.samples_per_kind,
                               row.flow_run_id)
        viewed = store.viewed(row.id, row.flow_run_id, session.user.username)
    to_sign = [x for x in letters if x.pdf and not x.signed]
    return desk.page(request, "putaran.html", session, code, row=row, status=status,
                     manifest=manifest, letters=letters, sample=sample, viewed=viewed,
                     akan_ttd=len(to_sign), ganti_ttd=sum(1 for x in to_sign if x.replaces),
                     sudah_ttd=sum(1 for x in letters if x.signed),
                     versions=store.versions(row.id), check=desk.upload_check(row),
                     approval=manifest.approval if manifest else None,
                     bundle=files.bundle() is not None,
                     log=store.audit(row.id) if may(session.user.roles, Action.AUDIT_LOG)
                     else [],
                     running=row.flow_run_id is not None and row.state in runs.ACTIVE,
                     batas_mb=web.max_upload_bytes // (1024 * 1024),
                     **{"hasil_verifikasi": None, "hasil_arsip": None, **results})
