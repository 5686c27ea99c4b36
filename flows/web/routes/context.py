"""What every page of the desk shares: the settings, the store, the round runner and the page
templates, with the few helpers each route uses (the session, the page, the round)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData

from flows.settings import Settings, WebSettings
from flows.web import runs, security
from flows.web.policy import Action
from flows.web.security import Refused, check_csrf, require, session_of
from flows.web.store import RoundRow, Session, Store


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


@dataclass
class Desk:
    settings: Settings
    store: Store
    runner: Runner
    pages: Jinja2Templates
    zones: dict[str, str] = field(default_factory=dict)
    """The office's zone as last worked out (cleared by an upload)."""

    @property
    def web(self) -> WebSettings:
        return self.settings.web

    def page(self, request: Request, name: str, session: Session | None, code: int = 200,
             **values: Any) -> HTMLResponse:
        return self.pages.TemplateResponse(request, name, {"session": session, **values},
                                           status_code=code)

    def current(self, request: Request) -> Session:
        return session_of(request, self.store, self.web.session_s)

    async def posted(self, request: Request, action: Action,
                     limit: int = 4096) -> tuple[Session, FormData]:
        """A form sent by a signed-in account allowed to ``action``: its session and the
        form (at most ``limit`` bytes), CSRF checked."""
        session = self.current(request)
        require(session, action)
        form = await security.limited_form(request, limit)
        check_csrf(request, form, session.csrf)
        return session, form

    def address(self, request: Request) -> str:
        return security.client_address(request, self.web.trusted_proxies)

    def refreshed(self, row: RoundRow) -> tuple[RoundRow, runs.RunStatus | None]:
        """The round with its run's live state (a finished state is stored)."""
        if not row.flow_run_id or row.state in runs.FINAL or row.state == "siap":
            return row, None  # "siap": a new version, not run yet (its last run is history)
        status = self.runner.status(row.flow_run_id)
        if status.state != row.state and status.state != "tidak diketahui":
            self.store.update_round(row.id, state=status.state, message=status.message)
            if status.final:
                self.store.log("naskah", f"putaran {status.state}", row.id, status.message)
            row = self.store.round(row.id) or row
        return row, status

    def round_or_404(self, round_id: int) -> RoundRow:
        row = self.store.round(round_id)
        if row is None:
            raise Refused(404, "Putaran tidak ditemukan.")
        return row

    def upload_check(self, row: RoundRow) -> dict[str, Any]:
        """The warnings and computed results of the round's current workbook, as checked
        at upload."""
        try:
            return dict(json.loads((self.web.uploads / f"{row.upload}.json").read_text(
                encoding="utf-8")))
        except (OSError, ValueError):
            return {"warnings": [], "results": []}

    def zone(self) -> str:
        """The office's zone: the setting, else from the provinsi of the last upload (kept
        until the next upload)."""
        if self.settings.letters.time_zone:
            return self.settings.letters.time_zone
        if "desk" not in self.zones:
            from flows.domain.indonesian import zona_waktu

            provinsi = next((str(self.upload_check(r).get("provinsi") or "")
                             for r in self.store.rounds()[:1]), "")
            self.zones["desk"] = zona_waktu(provinsi) if provinsi else "WIB"
        return self.zones["desk"]

    def office_time(self, text: str | None, detik: bool = False) -> str:
        """An ISO time as the office reads it: ``2 Desember 2026 16.45 WITA``."""
        import datetime as dt

        from flows.domain.indonesian import waktu

        try:
            moment = dt.datetime.fromisoformat(str(text))
        except ValueError:
            return str(text or "")
        if moment.tzinfo is None:
            moment = moment.astimezone()
        return waktu(moment, self.zone(), detik)
