"""A round's archive and the archive of every round: the bundle, the signed letters to
print, the zip, checking the signatures, filing a PDF signed outside (BSrE), and the search
across rounds and years."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from flows.errors import EngineError
from flows.web import security
from flows.web.files import RoundFiles
from flows.web.policy import Action
from flows.web.routes.context import Desk
from flows.web.routes.rounds import round_view
from flows.web.security import Refused, require
from flows.web.store import RoundRow


def add_routes(app: FastAPI, desk: Desk) -> None:
    settings, store, web = desk.settings, desk.store, desk.web

    def archived(round_id: int, missing: str) -> tuple[RoundRow, RoundFiles]:
        """The round (404 when unknown) and its files; 404 saying ``missing`` while the
        round has no manifest yet."""
        row = desk.round_or_404(round_id)
        files = RoundFiles(settings.run.outputs, row.kode_putaran)
        if files.manifest() is None:
            raise Refused(404, missing)
        return row, files

    @app.get("/putaran/{round_id}/bundel.pdf")
    def bundle(request: Request, round_id: int) -> Response:
        session = desk.current(request)
        require(session, Action.READ)
        row = desk.round_or_404(round_id)
        path = RoundFiles(settings.run.outputs, row.kode_putaran).bundle()
        if path is None:
            raise Refused(404, "Bundel putaran ini belum ada.")
        store.log(session.user.username, "unduh bundel", row.id)
        return FileResponse(path, media_type="application/pdf",
                            filename=f"{row.kode_putaran}-bundel.pdf")

    @app.get("/putaran/{round_id}/ttd.pdf")
    def signed_letters(request: Request, round_id: int) -> Response:
        """Every signed letter of the round in one PDF, to print."""
        session = desk.current(request)
        require(session, Action.READ)
        none = "Belum ada surat bertanda tangan di putaran ini."
        row, files = archived(round_id, none)
        from flows.outputs.archive import signed_letters_pdf

        data = signed_letters_pdf(files.folder)
        if data is None:
            raise Refused(404, none)
        store.log(session.user.username, "unduh surat bertanda tangan", row.id)
        return Response(data, media_type="application/pdf", headers={
            "Content-Disposition":
                f'attachment; filename="{row.kode_putaran}-bertanda-tangan.pdf"'})

    @app.get("/arsip")
    def archive_search(request: Request) -> Response:
        """Letters of every round and year: by name, NIP, number, kind, year."""
        session = desk.current(request)
        require(session, Action.READ)
        from flows.outputs.archive import search

        query = {k: request.query_params.get(k, "").strip()[:100]
                 for k in ("q", "jenis", "tahun")}
        asked = any(query.values())
        found = search(settings.run.outputs, query["q"], query["jenis"].lower(),
                       query["tahun"], limit=500) if asked else []
        rounds = {r.kode_putaran: r.id for r in reversed(store.rounds())}
        return desk.page(request, "arsip.html", session, query=query, found=found,
                         asked=asked, rounds=rounds)

    @app.get("/putaran/{round_id}/arsip.zip")
    def archive(request: Request, round_id: int) -> Response:
        session = desk.current(request)
        require(session, Action.READ)
        row, files = archived(round_id, "Arsip putaran ini belum ada.")
        store.log(session.user.username, "unduh arsip", row.id)
        path = files.zip_archive()
        return FileResponse(path, media_type="application/zip",
                            filename=f"{row.kode_putaran}-arsip.zip",
                            background=BackgroundTask(path.unlink))

    @app.post("/putaran/{round_id}/verifikasi")
    async def verify(request: Request, round_id: int) -> Response:
        session, _ = await desk.posted(request, Action.VERIFY)
        row = desk.round_or_404(round_id)
        from flows.verify import verify_round

        files = RoundFiles(settings.run.outputs, row.kode_putaran)
        try:
            checked, problems = await run_in_threadpool(verify_round, files.folder, None,
                                                        settings.register)
            result: dict[str, Any] = {
                "checked": checked, "problems": problems, "error": "",
                "specimen": any(x.signed and x.signer and "SPESIMEN" in x.signer
                                for x in files.letters())}
        except EngineError as exc:
            result = {"checked": 0, "problems": [], "error": str(exc)}
        store.log(session.user.username, "verifikasi", row.id,
                  result["error"]
                  or f"{result['checked']} berkas, {len(result['problems'])} masalah")
        return round_view(desk, request, session, row, None, hasil_verifikasi=result)

    @app.post("/putaran/{round_id}/arsipkan")
    async def archive_signed(request: Request, round_id: int) -> Response:
        session, form = await desk.posted(request, Action.ARCHIVE_SIGNED, web.max_upload_bytes)
        row = desk.round_or_404(round_id)
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
        return round_view(desk, request, session, row, None,
                          200 if outcome["target"] else 422, hasil_arsip=outcome)


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
