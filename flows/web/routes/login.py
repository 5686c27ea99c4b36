"""Logging in and out (``/masuk``, ``/keluar``)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from flows.web import security
from flows.web.routes.context import Desk
from flows.web.security import Refused, check_csrf


def add_routes(app: FastAPI, desk: Desk) -> None:
    store, web = desk.store, desk.web

    @app.get("/masuk")
    def login_page(request: Request) -> Response:
        token = security.new_token()
        response = desk.page(request, "masuk.html", None, csrf=token)
        security.set_cookie(response, security.LOGIN_CSRF_COOKIE, token, 3600, web.secure_cookie)
        return response

    @app.post("/masuk")
    async def login(request: Request) -> Response:
        form = await security.limited_form(request, 4096)
        check_csrf(request, form, request.cookies.get(security.LOGIN_CSRF_COOKIE, ""))
        username = str(form.get("akun", "")).strip()[:64]
        password = str(form.get("kata_sandi", ""))[:256]
        where = desk.address(request)
        wait = store.begin_attempt(username, where, web.login_failures, web.login_pause_s)
        if wait:
            store.log(username or "?", "masuk ditahan", detail=f"dari {where}")
            raise Refused(429, f"Terlalu banyak percobaan masuk yang gagal untuk akun ini. "
                               f"Coba lagi dalam {max(1, -(-int(wait) // 60))} menit.")
        user = await run_in_threadpool(store.check_password, username, password)
        if user is None:  # the attempt begin_attempt counted stays a failure
            store.log(username or "?", "masuk gagal", detail=f"dari {where}")
            token = security.new_token()
            response: Response = desk.page(request, "masuk.html", None, 401, csrf=token,
                                           akun=username, galat="Nama akun atau kata sandi salah.")
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
        session = desk.current(request)
        check_csrf(request, await security.limited_form(request, 4096), session.csrf)
        store.end_session(request.cookies[security.SESSION_COOKIE])
        store.log(session.user.username, "keluar")
        response = RedirectResponse("/masuk", status_code=303)
        response.delete_cookie(security.SESSION_COOKIE, path="/")
        return response
