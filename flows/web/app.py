"""The desk's pages. Every route checks the session and the role first; every form checks
its CSRF token; files are found by round and position, never by a path from the browser."""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from flows import __version__
from flows.errors import EngineError
from flows.settings import Settings
from flows.web import runs, security
from flows.web.files import RoundFiles
from flows.web.policy import (
    PASSWORD_RULES,
    ROLE_NAMES,
    Action,
    may,
    parse_roles,
    password_problem,
    review_sample,
)
from flows.web.security import LoginRequired, Refused, check_csrf, require, session_of
from flows.web.store import RoundRow, Session, Store

HERE = Path(__file__).parent


class Runner(Protocol):
    """How the desk starts and steers round runs (Prefect in production)."""

    def start(self, upload: str, approval: bool, kode_putaran: str) -> str: ...

    def status(self, flow_run_id: str) -> runs.RunStatus: ...

    def answer(self, flow_run_id: str, approved: bool, reason: str, approver: str,
               at: str = "", proof: str = "") -> None: ...


class PrefectRunner:
    start = staticmethod(runs.start)
    status = staticmethod(runs.status)
    answer = staticmethod(runs.answer)


def create_app(settings: Settings, runner: Runner | None = None) -> FastAPI:
    web = settings.web
    store = Store(web.database)
    runner = runner or PrefectRunner()
    app = FastAPI(title="naskah web", docs_url=None, redoc_url=None, openapi_url=None)
    app.middleware("http")(security.add_headers)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    pages = Jinja2Templates(directory=HERE / "pages")
    pages.env.globals.update(version=__version__, role_names=ROLE_NAMES, Action=Action, may=may,
                             aturan_sandi=PASSWORD_RULES)
    app.state.store = store
    from flows.web import cek

    cek.add_routes(app, settings, pages)

    zones: dict[str, str] = {}

    def zone() -> str:
        """The office's zone: the setting, else from the provinsi of the last upload (kept
        until the next upload)."""
        if settings.letters.time_zone:
            return settings.letters.time_zone
        if "desk" not in zones:
            from flows.domain.indonesian import zona_waktu

            provinsi = next((str(upload_check(r).get("provinsi") or "")
                             for r in store.rounds()[:1]), "")
            zones["desk"] = zona_waktu(provinsi) if provinsi else "WIB"
        return zones["desk"]

    def office_time(text: str | None, detik: bool = False) -> str:
        """An ISO time as the office reads it: ``2 Desember 2026 16.45 WITA``."""
        import datetime as dt

        from flows.domain.indonesian import waktu

        try:
            moment = dt.datetime.fromisoformat(str(text))
        except ValueError:
            return str(text or "")
        if moment.tzinfo is None:
            moment = moment.astimezone()
        return waktu(moment, zone(), detik)

    pages.env.filters["waktu"] = office_time
    pages.env.filters["nama_sertifikat"] = certificate_name
    pages.env.filters["petunjuk"] = guidance

    def page(request: Request, name: str, session: Session | None, code: int = 200,
             **values: Any) -> HTMLResponse:
        return pages.TemplateResponse(request, name, {"session": session, **values},
                                      status_code=code)

    def current(request: Request) -> Session:
        return session_of(request, store, web.session_s)

    def address(request: Request) -> str:
        return security.client_address(request, web.trusted_proxies)

    # --- errors ----------------------------------------------------------------------------
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired) -> Response:
        return RedirectResponse("/masuk", status_code=303)

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> Response:
        session = None
        token = request.cookies.get(security.SESSION_COOKIE)
        if token:
            session = store.session(token, web.session_s)
        return page(request, "pesan.html", session, exc.status, judul="Tidak dapat dilanjutkan",
                    pesan=exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        text = {404: "Halaman tidak ditemukan.", 405: "Cara permintaan tidak diizinkan."}
        return page(request, "pesan.html", None, exc.status_code, judul="Tidak ditemukan",
                    pesan=text.get(exc.status_code, "Permintaan tidak dapat dilayani."))

    # --- login -----------------------------------------------------------------------------
    @app.get("/masuk")
    def login_page(request: Request) -> Response:
        token = security.new_token()
        response = page(request, "masuk.html", None, csrf=token)
        security.set_cookie(response, security.LOGIN_CSRF_COOKIE, token, 3600, web.secure_cookie)
        return response

    @app.post("/masuk")
    async def login(request: Request) -> Response:
        form = await security.limited_form(request, 4096)
        check_csrf(request, form, request.cookies.get(security.LOGIN_CSRF_COOKIE, ""))
        username = str(form.get("akun", "")).strip()[:64]
        password = str(form.get("kata_sandi", ""))[:256]
        where = address(request)
        wait = store.begin_attempt(username, where, web.login_failures, web.login_pause_s)
        if wait:
            store.log(username or "?", "masuk ditahan", detail=f"dari {where}")
            raise Refused(429, f"Terlalu banyak percobaan masuk yang gagal untuk akun ini. "
                               f"Coba lagi dalam {max(1, -(-int(wait) // 60))} menit.")
        user = await run_in_threadpool(store.check_password, username, password)
        if user is None:  # the attempt begin_attempt counted stays a failure
            store.log(username or "?", "masuk gagal", detail=f"dari {where}")
            token = security.new_token()
            response = page(request, "masuk.html", None, 401, csrf=token, akun=username,
                            galat="Nama akun atau kata sandi salah.")
            security.set_cookie(response, security.LOGIN_CSRF_COOKIE, token, 3600,
                                web.secure_cookie)
            return response
        store.clear_failures(username)
        store.log(user.username, "masuk", detail=f"dari {where}")
        response = RedirectResponse("/", status_code=303)
        security.set_cookie(response, security.SESSION_COOKIE, store.new_session(user.username),
                            web.session_s, web.secure_cookie)
        response.delete_cookie(security.LOGIN_CSRF_COOKIE, path="/")
        return response

    @app.post("/keluar")
    async def logout(request: Request) -> Response:
        session = current(request)
        check_csrf(request, await security.limited_form(request, 4096), session.csrf)
        store.end_session(request.cookies[security.SESSION_COOKIE])
        store.log(session.user.username, "keluar")
        response = RedirectResponse("/masuk", status_code=303)
        response.delete_cookie(security.SESSION_COOKIE, path="/")
        return response

    # --- rounds ----------------------------------------------------------------------------
    def refreshed(row: RoundRow) -> tuple[RoundRow, runs.RunStatus | None]:
        """The round with its run's live state (a finished state is stored)."""
        if not row.flow_run_id or row.state in runs.FINAL or row.state == "siap":
            return row, None  # "siap": a new version, not run yet (its last run is history)
        status = runner.status(row.flow_run_id)
        if status.state != row.state and status.state != "tidak diketahui":
            store.update_round(row.id, state=status.state, message=status.message)
            if status.final:
                store.log("naskah", f"putaran {status.state}", row.id, status.message)
            row = store.round(row.id) or row
        return row, status

    def round_or_404(round_id: int) -> RoundRow:
        row = store.round(round_id)
        if row is None:
            raise Refused(404, "Putaran tidak ditemukan.")
        return row

    @app.get("/")
    def home(request: Request) -> Response:
        session = current(request)
        require(session, Action.READ)
        rows = [refreshed(r)[0] for r in store.rounds()]
        return page(request, "beranda.html", session, rounds=rows,
                    batas_mb=web.max_upload_bytes // (1024 * 1024))

    @app.get("/template-workbook.xlsx")
    def blank_workbook(request: Request) -> Response:
        session = current(request)
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
        session = current(request)
        require(session, Action.UPLOAD)
        form = await security.limited_form(request, web.max_upload_bytes)
        check_csrf(request, form, session.csrf)
        name, data = await security.upload_bytes(form, "workbook", web.max_upload_bytes)
        shown = Path(name.replace("\\", "/")).name[:120] or "workbook.xlsx"
        if not security.is_xlsx(shown, data):
            store.log(session.user.username, "unggah ditolak", detail=f"{shown}: bukan .xlsx")
            raise Refused(415, "Berkas harus workbook Excel .xlsx (bukan .xls, .csv atau "
                               "berkas lain). Unduh template workbook bila perlu.")
        upload_id = uuid.uuid4().hex
        onto = str(form.get("putaran", "")).strip()
        return await run_in_threadpool(_accept, request, session, upload_id, shown, data,
                                       int(onto) if onto.isdigit() else None)

    def _accept(request: Request, session: Session, upload_id: str, shown: str,
                data: bytes, onto: int | None = None) -> Response:
        """Validate an upload; a valid one becomes a round, or a new version of the round
        with its kode_putaran (``onto``: the round page it was uploaded on)."""
        from flows import reporting
        from flows.pipeline.round import open_round

        web.uploads.mkdir(parents=True, exist_ok=True)
        temporary = web.uploads / f".{upload_id}.tmp.xlsx"
        temporary.write_bytes(data)
        try:
            result = open_round(temporary, settings)
        except EngineError as exc:
            temporary.unlink()
            store.log(session.user.username, "unggah ditolak", detail=f"{shown}: {exc}")
            return page(request, "masalah.html", session, 422, nama=shown, pesan=str(exc),
                        masalah=[], peringatan=[])
        if result.round is None:
            temporary.unlink()
            errors = [reporting.issue_json(i) for i in result.report.errors]
            store.log(session.user.username, "unggah ditolak",
                      detail=f"{shown}: {len(errors)} kesalahan")
            return page(request, "masalah.html", session, 422, nama=shown, pesan="",
                        masalah=errors, peringatan=[reporting.issue_json(i)
                                                    for i in result.report.warnings])
        rnd = result.round
        existing = store.round_of(rnd.kode_putaran)
        if existing is not None:
            existing, _ = refreshed(existing)
        target = round_or_404(onto) if onto is not None else None
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
        zones.clear()
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
                    f"({target.kode_putaran}). Perbaiki kode_putaran di sheet Putaran, atau "
                    "unggah di halaman depan sebagai putaran baru.")
        if existing is not None and (existing.state in runs.ACTIVE
                                     or existing.state == "menunggu persetujuan"):
            return (f"Putaran {kode} sedang {existing.state}. Versi baru workbook dapat "
                    "diunggah setelah putaran selesai atau ditolak.")
        return None

    def upload_check(row: RoundRow) -> dict[str, Any]:
        """The warnings and computed results of the round's current workbook, as checked
        at upload."""
        try:
            return dict(json.loads((web.uploads / f"{row.upload}.json").read_text(
                encoding="utf-8")))
        except (OSError, ValueError):
            return {"warnings": [], "results": []}

    @app.get("/putaran/{round_id}")
    def round_page(request: Request, round_id: int) -> Response:
        session = current(request)
        require(session, Action.READ)
        row, status = refreshed(round_or_404(round_id))
        return round_view(request, session, row, status)

    def round_view(request: Request, session: Session, row: RoundRow,
                   status: runs.RunStatus | None, code: int = 200,
                   **results: Any) -> Response:
        """The round page; ``results`` are the outcome of a verification or a filing."""
        files = RoundFiles(settings.run.outputs, row.kode_putaran)
        manifest = files.manifest()  # the round's one folder, run here or on the CLI
        letters = files.letters(manifest) if manifest else []
        sample: list[int] = []
        viewed: set[int] = set()
        if row.state == "menunggu persetujuan" and row.flow_run_id:
            sample = review_sample([x.kind for x in letters], web.samples_per_kind,
                                   row.flow_run_id)
            viewed = store.viewed(row.id, row.flow_run_id, session.user.username)
        to_sign = [x for x in letters if x.pdf and not x.signed]
        return page(request, "putaran.html", session, code, row=row, status=status,
                    manifest=manifest, letters=letters, sample=sample, viewed=viewed,
                    akan_ttd=len(to_sign), ganti_ttd=sum(1 for x in to_sign if x.replaces),
                    sudah_ttd=sum(1 for x in letters if x.signed),
                    versions=store.versions(row.id), check=upload_check(row),
                    approval=manifest.approval if manifest else None,
                    bundle=files.bundle() is not None,
                    log=store.audit(row.id) if may(session.user.roles, Action.AUDIT_LOG) else [],
                    running=row.flow_run_id is not None and row.state in runs.ACTIVE,
                    batas_mb=web.max_upload_bytes // (1024 * 1024),
                    **{"hasil_verifikasi": None, "hasil_arsip": None, **results})

    @app.post("/putaran/{round_id}/mulai")
    async def start(request: Request, round_id: int) -> Response:
        session = current(request)
        require(session, Action.START)
        check_csrf(request, await security.limited_form(request, 4096), session.csrf)
        row, _ = refreshed(round_or_404(round_id))
        if row.flow_run_id and row.state not in runs.FINAL and row.state != "siap":
            raise Refused(409, "Putaran ini sedang berjalan.")
        run_id = await run_in_threadpool(runner.start, row.upload, web.approval_required,
                                         row.kode_putaran)
        store.update_round(row.id, state="antre", flow_run_id=run_id)
        store.log(session.user.username, "jalankan", row.id,
                  "dengan persetujuan sebelum tanda tangan" if web.approval_required
                  else "tanpa persetujuan")
        return RedirectResponse(f"/putaran/{row.id}", status_code=303)

    def letter_of(row: RoundRow, index: int) -> tuple[RoundFiles, Path]:
        files = RoundFiles(settings.run.outputs, row.kode_putaran)
        path = files.letter_pdf(index)
        if path is None:
            raise Refused(404, "Surat tidak ditemukan.")
        return files, path

    @app.get("/putaran/{round_id}/surat/{index}")
    def letter_page(request: Request, round_id: int, index: int) -> Response:
        session = current(request)
        require(session, Action.READ)
        row = round_or_404(round_id)
        files, _ = letter_of(row, index)
        letter = files.letters()[index]
        if row.flow_run_id:
            store.record_view(row.id, row.flow_run_id, session.user.username, index)
        store.log(session.user.username, "lihat surat", row.id, f"{letter.title} "
                  f"{letter.number}")
        return page(request, "surat.html", session, row=row, letter=letter)

    @app.get("/putaran/{round_id}/surat/{index}/pdf")
    def letter_pdf(request: Request, round_id: int, index: int) -> Response:
        session = current(request)
        require(session, Action.READ)
        _, path = letter_of(round_or_404(round_id), index)
        return FileResponse(path, media_type="application/pdf", content_disposition_type="inline",
                            filename=path.name)

    @app.get("/putaran/{round_id}/surat/{index}/halaman/{number}.png")
    def letter_page_png(request: Request, round_id: int, index: int, number: int) -> Response:
        session = current(request)
        require(session, Action.READ)
        files, path = letter_of(round_or_404(round_id), index)
        pages = files.letters()[index].pages or 1
        if not 1 <= number <= pages:
            raise Refused(404, "Halaman tidak ditemukan.")
        from flows.web.preview import page_png

        try:
            return Response(page_png(path, number), media_type="image/png")
        except EngineError as exc:
            raise Refused(404, str(exc)) from None

    def issued_approval(row: RoundRow, approved: bool, who: str) -> tuple[str, str, str]:
        """The time, the desk's MAC and an audit line of this decision over the PDFs of the
        round as its manifest lists them now (the worker checks them against its own)."""
        import datetime as dt

        from flows import approval
        from flows.credentials import approval_key

        assert row.flow_run_id is not None
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        pdfs = approval.manifest_pdfs(RoundFiles(settings.run.outputs,
                                                 row.kode_putaran).manifest())
        proof = approval.issue(approval_key(web.data), kode_putaran=row.kode_putaran,
                               flow_run_id=row.flow_run_id, approved=approved, approver=who,
                               at=at, pdfs=pdfs)
        return at, proof, f"{len(pdfs)} PDF, waktu {at}, pengesahan {proof[:16]}"

    @app.post("/putaran/{round_id}/keputusan")
    async def decide(request: Request, round_id: int) -> Response:
        session = current(request)
        require(session, Action.APPROVE)
        form = await security.limited_form(request, 8192)
        check_csrf(request, form, session.csrf)
        row, _ = refreshed(round_or_404(round_id))
        if row.state != "menunggu persetujuan" or not row.flow_run_id:
            raise Refused(409, "Putaran ini tidak sedang menunggu persetujuan.")
        approved = form.get("keputusan") == "setuju"
        reason = str(form.get("alasan", "")).strip()[:500]
        if not approved and len(reason) < 5:
            raise Refused(400, "Tuliskan alasan penolakan (paling sedikit 5 karakter), agar "
                               "operator tahu apa yang harus diperbaiki.")
        if approved:
            letters = RoundFiles(settings.run.outputs, row.kode_putaran).letters()
            sample = review_sample([x.kind for x in letters], web.samples_per_kind,
                                   row.flow_run_id)
            missing = set(sample) - store.viewed(row.id, row.flow_run_id, session.user.username)
            if missing:
                raise Refused(409, f"Buka dulu {len(missing)} surat sampel yang belum Anda "
                                   "periksa, lalu setujui.")
        who = f"{session.user.full_name} ({session.user.username})"
        at, proof, detail = issued_approval(row, approved, who)
        await run_in_threadpool(runner.answer, row.flow_run_id, approved, reason, who, at,
                                proof)
        store.update_round(row.id, state="berjalan" if approved else "ditolak",
                           message="" if approved else f"Ditolak: {reason}")
        store.log(session.user.username, "setujui" if approved else "tolak", row.id,
                  f"{reason} ({detail})" if reason else detail)
        return RedirectResponse(f"/putaran/{row.id}", status_code=303)

    @app.get("/putaran/{round_id}/bundel.pdf")
    def bundle(request: Request, round_id: int) -> Response:
        session = current(request)
        require(session, Action.READ)
        row = round_or_404(round_id)
        path = RoundFiles(settings.run.outputs, row.kode_putaran).bundle()
        if path is None:
            raise Refused(404, "Bundel putaran ini belum ada.")
        store.log(session.user.username, "unduh bundel", row.id)
        return FileResponse(path, media_type="application/pdf",
                            filename=f"{row.kode_putaran}-bundel.pdf")

    @app.get("/putaran/{round_id}/ttd.pdf")
    def signed_letters(request: Request, round_id: int) -> Response:
        """Every signed letter of the round in one PDF, to print."""
        session = current(request)
        require(session, Action.READ)
        row = round_or_404(round_id)
        from flows.outputs.archive import signed_letters_pdf

        files = RoundFiles(settings.run.outputs, row.kode_putaran)
        data = signed_letters_pdf(files.folder) if files.manifest() is not None else None
        if data is None:
            raise Refused(404, "Belum ada surat bertanda tangan di putaran ini.")
        store.log(session.user.username, "unduh surat bertanda tangan", row.id)
        return Response(data, media_type="application/pdf", headers={
            "Content-Disposition":
                f'attachment; filename="{row.kode_putaran}-bertanda-tangan.pdf"'})

    @app.get("/arsip")
    def archive_search(request: Request) -> Response:
        """Letters of every round and year: by name, NIP, number, kind, year."""
        session = current(request)
        require(session, Action.READ)
        from flows.outputs.archive import search

        query = {k: request.query_params.get(k, "").strip()[:100]
                 for k in ("q", "jenis", "tahun")}
        asked = any(query.values())
        found = search(settings.run.outputs, query["q"], query["jenis"].lower(),
                       query["tahun"], limit=500) if asked else []
        rounds = {r.kode_putaran: r.id for r in reversed(store.rounds())}
        return page(request, "arsip.html", session, query=query, found=found, asked=asked,
                    rounds=rounds)

    @app.get("/putaran/{round_id}/arsip.zip")
    def archive(request: Request, round_id: int) -> Response:
        session = current(request)
        require(session, Action.READ)
        row = round_or_404(round_id)
        files = RoundFiles(settings.run.outputs, row.kode_putaran)
        if files.manifest() is None:
            raise Refused(404, "Arsip putaran ini belum ada.")
        store.log(session.user.username, "unduh arsip", row.id)
        path = files.zip_archive()
        return FileResponse(path, media_type="application/zip",
                            filename=f"{row.kode_putaran}-arsip.zip",
                            background=BackgroundTask(path.unlink))

    @app.post("/putaran/{round_id}/verifikasi")
    async def verify(request: Request, round_id: int) -> Response:
        session = current(request)
        require(session, Action.VERIFY)
        check_csrf(request, await security.limited_form(request, 4096), session.csrf)
        row = round_or_404(round_id)
        from flows.verify import verify_round

        files = RoundFiles(settings.run.outputs, row.kode_putaran)
        try:
            checked, problems = await run_in_threadpool(verify_round, files.folder, None,
                                                        settings.register)
            result = {"checked": checked, "problems": problems, "error": "",
                      "specimen": any(x.signed and x.signer and "SPESIMEN" in x.signer
                                      for x in files.letters())}
        except EngineError as exc:
            result = {"checked": 0, "problems": [], "error": str(exc)}
        store.log(session.user.username, "verifikasi", row.id,
                  result["error"] or f"{checked} berkas, {len(result['problems'])} masalah")
        return round_view(request, session, row, None, hasil_verifikasi=result)

    @app.post("/putaran/{round_id}/arsipkan")
    async def archive_signed(request: Request, round_id: int) -> Response:
        session = current(request)
        require(session, Action.ARCHIVE_SIGNED)
        form = await security.limited_form(request, web.max_upload_bytes)
        check_csrf(request, form, session.csrf)
        row = round_or_404(round_id)
        name, data = await security.upload_bytes(form, "pdf", web.max_upload_bytes)
        shown = Path(name.replace("\\", "/")).name[:120]
        if not security.is_pdf(shown, data):
            raise Refused(415, "Berkas harus PDF bertanda tangan (.pdf).")
        files = RoundFiles(settings.run.outputs, row.kode_putaran)
        if files.manifest() is None:
            raise Refused(404, "Putaran ini belum punya arsip.")
        from flows.archive_signed import archive_signed as file_signed

        with _temporary_pdf(data) as source:
            try:
                filed = (await run_in_threadpool(file_signed, files.folder, [source]))[0]
                outcome = {"name": shown, "target": filed.target, "reason": filed.reason}
            except EngineError as exc:
                outcome = {"name": shown, "target": None, "reason": str(exc)}
        store.log(session.user.username, "arsipkan PDF luar", row.id,
                  f"{shown}: {outcome['reason']}")
        return round_view(request, session, row, None, 200 if outcome["target"] else 422,
                          hasil_arsip=outcome)

    # --- audit log and accounts --------------------------------------------------------------
    @app.get("/riwayat")
    def history(request: Request) -> Response:
        session = current(request)
        require(session, Action.AUDIT_LOG)
        return page(request, "riwayat.html", session, log=store.audit(limit=500))

    @app.get("/akun")
    def account(request: Request) -> Response:
        session = current(request)
        require(session, Action.READ)
        return page(request, "akun.html", session, galat="", berhasil=False)

    @app.post("/akun/kata-sandi")
    async def change_password(request: Request) -> Response:
        session = current(request)
        require(session, Action.READ)
        form = await security.limited_form(request, 4096)
        check_csrf(request, form, session.csrf)
        name = session.user.username
        old, new = str(form.get("kata_sandi_lama", ""))[:256], str(form.get("kata_sandi", ""))
        if await run_in_threadpool(store.check_password, name, old) is None:
            store.record_failure(name, address(request))
            store.log(name, "ganti kata sandi gagal", detail="kata sandi lama salah")
            return page(request, "akun.html", session, 400, berhasil=False,
                        galat="Kata sandi lama salah.")
        problem = password_problem(new, name) or (
            "Ulangi kata sandi baru dengan sama persis."
            if new != str(form.get("ulangi", "")) else None)
        if problem:
            return page(request, "akun.html", session, 400, galat=problem, berhasil=False)
        await run_in_threadpool(store.set_password, name, new)  # ends every session
        token = store.new_session(name)
        store.log(name, "ganti kata sandi")
        response = page(request, "akun.html", store.session(token, web.session_s) or session,
                        galat="", berhasil=True)
        security.set_cookie(response, security.SESSION_COOKIE, token, web.session_s,
                            web.secure_cookie)
        return response

    @app.get("/pengguna")
    def users(request: Request) -> Response:
        session = current(request)
        require(session, Action.MANAGE_USERS)
        return page(request, "pengguna.html", session, users=store.users(), galat="")

    @app.post("/pengguna/{username}/kata-sandi")
    async def reset_password(request: Request, username: str) -> Response:
        session = current(request)
        require(session, Action.MANAGE_USERS)
        form = await security.limited_form(request, 4096)
        check_csrf(request, form, session.csrf)
        if store.user(username) is None:
            raise Refused(404, "Akun tidak ditemukan.")
        problem = password_problem(str(form.get("kata_sandi", "")), username)
        if problem:
            return page(request, "pengguna.html", session, 400, users=store.users(),
                        galat=f"Kata sandi {username} tidak diganti: {problem}")
        await run_in_threadpool(store.set_password, username, str(form.get("kata_sandi")))
        store.log(session.user.username, "atur ulang kata sandi", detail=username)
        return RedirectResponse("/pengguna", status_code=303)

    @app.post("/pengguna")
    async def add_user(request: Request) -> Response:
        session = current(request)
        require(session, Action.MANAGE_USERS)
        form = await security.limited_form(request, 4096)
        check_csrf(request, form, session.csrf)
        username = str(form.get("akun", "")).strip().lower()
        full_name = str(form.get("nama", "")).strip()
        password = str(form.get("kata_sandi", ""))
        roles = ",".join(str(v) for v in form.getlist("peran"))
        try:
            problem = username_problem(username) or password_problem(password, username)
            if problem or not full_name:
                raise ValueError(problem or "Nama lengkap wajib diisi.")
            store.add_user(username, full_name, password, parse_roles(roles))
        except ValueError as exc:
            return page(request, "pengguna.html", session, 400, users=store.users(),
                        galat=str(exc))
        store.log(session.user.username, "tambah akun", detail=f"{username} ({roles})")
        return RedirectResponse("/pengguna", status_code=303)

    @app.post("/pengguna/{username}/nonaktifkan")
    async def deactivate(request: Request, username: str) -> Response:
        session = current(request)
        require(session, Action.MANAGE_USERS)
        check_csrf(request, await security.limited_form(request, 4096), session.csrf)
        if store.user(username) is None:
            raise Refused(404, "Akun tidak ditemukan.")
        if username == session.user.username:
            raise Refused(400, "Anda tidak dapat menonaktifkan akun Anda sendiri.")
        store.set_active(username, False)
        store.log(session.user.username, "nonaktifkan akun", detail=username)
        return RedirectResponse("/pengguna", status_code=303)

    return app


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def guidance(message: str | None) -> str:
    """What the Petunjuk sheet says of the key or column a problem names (a clerk reads
    "Tempat pelaksanaan." beside "tempat_pelaksanaan wajib diisi"), or empty."""
    from flows.domain import layout

    described = {f.name: f.description for f in (*layout.PUTARAN, *layout.TIM,
                                                   *layout.PEJABAT, *layout.BOBOT)}
    for word in re.findall(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+", str(message or "")):
        if word in described:
            return described[word]
    return ""


def certificate_name(subject: str | None) -> str:
    """Who a certificate names, as a clerk reads it: its Common Name only (not "Common Name:
    …, Organization: …, Country: …"); a SPESIMEN certificate says it is not a valid
    signature."""
    from flows.pdf.signing import SPECIMEN_NAME

    text = str(subject or "")
    if SPECIMEN_NAME in text:
        return "sertifikat SPESIMEN (uji coba, bukan tanda tangan elektronik yang sah)"
    from flows.pdf.signing import common_names

    return "; ".join(common_names(text)) or text


def username_problem(username: str) -> str | None:
    if not re.fullmatch(r"[a-z][a-z0-9._-]{2,31}", username):
        return ("Nama akun 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda "
                "hubung, diawali huruf.")
    return None


@contextmanager
def _temporary_pdf(data: bytes) -> Iterator[Path]:
    """A signed PDF from the browser in a private temporary file, removed afterwards."""
    descriptor, name = tempfile.mkstemp(prefix="naskah-ttd-", suffix=".pdf")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)
