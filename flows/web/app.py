"""The desk: one small app factory over the pages of flows/web/routes/ (one module a page)
and the public verification page (flows/web/cek.py). Every route checks the session and the
role first; every form checks its CSRF token; files are found by round and position, never by
a path from the browser."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from flows import __version__
from flows.settings import Settings
from flows.web import cek, security
from flows.web.policy import PASSWORD_RULES, ROLE_NAMES, Action, may
from flows.web.routes import accounts, approval, archive, audit, letters, login, rounds
from flows.web.routes.context import Desk, PrefectRunner, Runner
from flows.web.security import LoginRequired, Refused
from flows.web.store import Store

HERE = Path(__file__).parent

PAGES = (login, rounds, letters, approval, archive, audit, accounts)
"""The desk's pages, each adding its routes (flows/web/routes/)."""


def create_app(settings: Settings, runner: Runner | None = None) -> FastAPI:
    store = Store(settings.web.database)
    app = FastAPI(title="naskah web", docs_url=None, redoc_url=None, openapi_url=None)
    app.middleware("http")(security.add_headers)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    pages = Jinja2Templates(directory=HERE / "pages")
    pages.env.globals.update(version=__version__, role_names=ROLE_NAMES, Action=Action, may=may,
                             aturan_sandi=PASSWORD_RULES)
    app.state.store = store
    cek.add_routes(app, settings, pages)
    desk = Desk(settings, store, runner or PrefectRunner(), pages)
    pages.env.filters["waktu"] = desk.office_time
    pages.env.filters["nama_sertifikat"] = certificate_name
    pages.env.filters["petunjuk"] = guidance
    _add_error_pages(app, desk)
    for module in PAGES:
        module.add_routes(app, desk)
    return app


def _add_error_pages(app: FastAPI, desk: Desk) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired) -> Response:
        return RedirectResponse("/masuk", status_code=303)

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> Response:
        session = None
        token = request.cookies.get(security.SESSION_COOKIE)
        if token:
            session = desk.store.session(token, desk.web.session_s)
        return desk.page(request, "pesan.html", session, exc.status,
                         judul="Tidak dapat dilanjutkan", pesan=exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        text = {404: "Halaman tidak ditemukan.", 405: "Cara permintaan tidak diizinkan."}
        return desk.page(request, "pesan.html", None, exc.status_code, judul="Tidak ditemukan",
                         pesan=text.get(exc.status_code, "Permintaan tidak dapat dilayani."))


def guidance(message: str | None) -> str:
    """What the Petunjuk sheet says of the key or column a problem names (a clerk reads
    "Tempat pelaksanaan." beside "tempat pelaksanaan wajib diisi"), or empty. A key is named
    by its label (flows.domain.labels) or, in quotes, as the column title itself."""
    from flows.domain import layout
    from flows.domain.labels import label

    text = str(message or "")
    found: list[tuple[int, int, str]] = []
    for f in (*layout.PUTARAN, *layout.TIM, *layout.PEJABAT, *layout.BOBOT):
        if "_" not in f.name:
            continue
        for word in (f.name, label(f.name)):
            match = re.search(rf"(?<![\w/]){re.escape(word)}(?![\w/])", text, re.IGNORECASE)
            if match:
                found.append((match.start(), -len(word), f.description))
    return min(found)[2] if found else ""


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
