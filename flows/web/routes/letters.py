"""One letter of a round: its page (counted as viewed for the approval), its PDF and its
page pictures."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response

from flows.errors import EngineError
from flows.web.files import RoundFiles
from flows.web.policy import Action
from flows.web.routes.context import Desk
from flows.web.security import Refused, require
from flows.web.store import RoundRow


def add_routes(app: FastAPI, desk: Desk) -> None:
    store = desk.store

    def letter_of(row: RoundRow, index: int) -> tuple[RoundFiles, Path]:
        files = RoundFiles(desk.settings.run.outputs, row.kode_putaran)
        path = files.letter_pdf(index)
        if path is None:
            raise Refused(404, "Surat tidak ditemukan.")
        return files, path

    @app.get("/putaran/{round_id}/surat/{index}")
    def letter_page(request: Request, round_id: int, index: int) -> Response:
        session = desk.current(request)
        require(session, Action.READ)
        row = desk.round_or_404(round_id)
        files, _ = letter_of(row, index)
        letter = files.letters()[index]
        if row.flow_run_id:
            store.record_view(row.id, row.flow_run_id, session.user.username, index)
        store.log(session.user.username, "lihat surat", row.id, f"{letter.title} "
                  f"{letter.number}")
        return desk.page(request, "surat.html", session, row=row, letter=letter)

    @app.get("/putaran/{round_id}/surat/{index}/pdf")
    def letter_pdf(request: Request, round_id: int, index: int) -> Response:
        session = desk.current(request)
        require(session, Action.READ)
        _, path = letter_of(desk.round_or_404(round_id), index)
        return FileResponse(path, media_type="application/pdf", content_disposition_type="inline",
                            filename=path.name)

    @app.get("/putaran/{round_id}/surat/{index}/halaman/{number}.png")
    def letter_page_png(request: Request, round_id: int, index: int, number: int) -> Response:
        session = desk.current(request)
        require(session, Action.READ)
        files, path = letter_of(desk.round_or_404(round_id), index)
        pages = files.letters()[index].pages or 1
        if not 1 <= number <= pages:
            raise Refused(404, "Halaman tidak ditemukan.")
        from flows.web.preview import page_png

        try:
            return Response(page_png(path, number), media_type="image/png")
        except EngineError as exc:
            raise Refused(404, str(exc)) from None
