"""Accounts: one's own password (``/akun``), and the admin's page of every account
(``/pengguna``: add, reset a password, deactivate)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from flows.web import security
from flows.web.policy import Action, parse_roles, password_problem, username_problem
from flows.web.routes.context import Desk
from flows.web.security import Refused, require


def add_routes(app: FastAPI, desk: Desk) -> None:
    store, web = desk.store, desk.web

    @app.get("/akun")
    def account(request: Request) -> Response:
        session = desk.current(request)
        require(session, Action.READ)
        return desk.page(request, "akun.html", session, galat="", berhasil=False)

    @app.post("/akun/kata-sandi")
    async def change_password(request: Request) -> Response:
        session, form = await desk.posted(request, Action.READ)
        name = session.user.username
        old, new = str(form.get("kata_sandi_lama", ""))[:256], str(form.get("kata_sandi", ""))
        # The old password is a login: the same per-account limit, so a stolen session
        # cannot guess it without end.
        wait = store.begin_attempt(name, desk.address(request), web.login_failures,
                                   web.login_pause_s)
        if wait:
            store.log(name, "ganti kata sandi ditahan", detail="terlalu banyak percobaan")
            raise Refused(429, "Terlalu banyak percobaan kata sandi lama yang salah untuk akun "
                               f"ini. Coba lagi dalam {max(1, -(-int(wait) // 60))} menit.")
        if await run_in_threadpool(store.check_password, name, old) is None:
            # the attempt begin_attempt counted stays a failure
            store.log(name, "ganti kata sandi gagal", detail="kata sandi lama salah")
            return desk.page(request, "akun.html", session, 400, berhasil=False,
                             galat="Kata sandi lama salah.")
        store.clear_failures(name)
        problem = password_problem(new, name) or (
            "Ulangi kata sandi baru dengan sama persis."
            if new != str(form.get("ulangi", "")) else None)
        if problem:
            return desk.page(request, "akun.html", session, 400, galat=problem, berhasil=False)
        await run_in_threadpool(store.set_password, name, new)  # ends every session
        token = store.new_session(name)
        store.log(name, "ganti kata sandi")
        response = desk.page(request, "akun.html",
                             store.session(token, web.session_s) or session,
                             galat="", berhasil=True)
        security.set_cookie(response, security.SESSION_COOKIE, token, web.session_s,
                            web.secure_cookie)
        return response

    @app.get("/pengguna")
    def users(request: Request) -> Response:
        session = desk.current(request)
        require(session, Action.MANAGE_USERS)
        return desk.page(request, "pengguna.html", session, users=store.users(), galat="")

    @app.post("/pengguna/{username}/kata-sandi")
    async def reset_password(request: Request, username: str) -> Response:
        session, form = await desk.posted(request, Action.MANAGE_USERS)
        if store.user(username) is None:
            raise Refused(404, "Akun tidak ditemukan.")
        problem = password_problem(str(form.get("kata_sandi", "")), username)
        if problem:
            return desk.page(request, "pengguna.html", session, 400, users=store.users(),
                             galat=f"Kata sandi {username} tidak diganti: {problem}")
        await run_in_threadpool(store.set_password, username, str(form.get("kata_sandi")))
        store.log(session.user.username, "atur ulang kata sandi", detail=username)
        return RedirectResponse("/pengguna", status_code=303)

    @app.post("/pengguna")
    async def add_user(request: Request) -> Response:
        session, form = await desk.posted(request, Action.MANAGE_USERS)
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
            return desk.page(request, "pengguna.html", session, 400, users=store.users(),
                             galat=str(exc))
        store.log(session.user.username, "tambah akun", detail=f"{username} ({roles})")
        return RedirectResponse("/pengguna", status_code=303)

    @app.post("/pengguna/{username}/nonaktifkan")
    async def deactivate(request: Request, username: str) -> Response:
        session, _ = await desk.posted(request, Action.MANAGE_USERS)
        if store.user(username) is None:
            raise Refused(404, "Akun tidak ditemukan.")
        if username == session.user.username:
            raise Refused(400, "Anda tidak dapat menonaktifkan akun Anda sendiri.")
        store.set_active(username, False)
        store.log(session.user.username, "nonaktifkan akun", detail=username)
        return RedirectResponse("/pengguna", status_code=303)
