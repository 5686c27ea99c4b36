"""The audit log (``/riwayat``): the auditor's and the admin's."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response

from flows.web.policy import Action
from flows.web.routes.context import Desk
from flows.web.security import require


def add_routes(app: FastAPI, desk: Desk) -> None:
    @app.get("/riwayat")
    def history(request: Request) -> Response:
        session = desk.current(request)
        require(session, Action.AUDIT_LOG)
        return desk.page(request, "riwayat.html", session, log=desk.store.audit(limit=500))
