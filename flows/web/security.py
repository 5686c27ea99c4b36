"""Sessions, CSRF, login throttling, upload limits and response headers for the desk."""

from __future__ import annotations

import hmac
import io
import secrets
import zipfile
from collections.abc import Awaitable, Callable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from flows.web.policy import Action, may
from flows.web.store import Session, Store

SESSION_COOKIE = "naskah_sesi"
LOGIN_CSRF_COOKIE = "naskah_csrf_masuk"
FORM_OVERHEAD = 64 * 1024
"""Bytes a multipart form may add around its file."""


class LoginRequired(Exception):
    """No live session: the visitor is sent to the login page."""


class Refused(Exception):
    """A request refused with an HTTP status and a message for the clerk."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def session_of(request: Request, store: Store, idle_s: int) -> Session:
    token = request.cookies.get(SESSION_COOKIE)
    session = store.session(token, idle_s) if token else None
    if session is None:
        raise LoginRequired
    return session


def require(session: Session, action: Action) -> None:
    if not may(session.user.roles, action):
        raise Refused(403, "Akun Anda tidak berwenang untuk tindakan ini.")


def check_origin(request: Request) -> None:
    """A form posted from another site is refused (the browser names the origin)."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if origin.split("://", 1)[-1] != host:
            raise Refused(403, "Permintaan dari situs lain ditolak.")


def check_csrf(request: Request, form: FormData, expected: str) -> None:
    check_origin(request)
    sent = form.get("csrf")
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent, expected):
        raise Refused(403, "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman, lalu "
                           "coba lagi.")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def set_cookie(response: Response, name: str, value: str, max_age: int, secure: bool) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                        secure=secure, path="/")


async def limited_form(request: Request, limit: int) -> FormData:
    """The form of a request whose body is at most ``limit`` plus the form's overhead;
    413 before anything is kept when it is larger."""
    ceiling = limit + FORM_OVERHEAD
    declared = request.headers.get("content-length")
    too_big = Refused(413, f"Berkas terlalu besar; paling besar {limit // (1024 * 1024)} MB.")
    if declared is not None:
        try:
            if int(declared) > ceiling:
                raise too_big
        except ValueError:
            raise Refused(400, "Permintaan tidak sah.") from None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > ceiling:
            raise too_big
    data = bytes(body)

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": data, "more_body": False}

    replay = Request(request.scope, receive)
    try:
        return await replay.form(max_files=1, max_fields=20)
    except Exception:
        raise Refused(400, "Formulir tidak dapat dibaca.") from None


async def upload_bytes(form: FormData, field: str, limit: int) -> tuple[str, bytes]:
    """(file name as sent, content) of the form's file; Refused without one."""
    upload = form.get(field)
    if upload is None or isinstance(upload, str) or not upload.filename:
        raise Refused(400, "Pilih berkas yang akan diunggah.")
    data = await upload.read()
    if len(data) > limit:
        raise Refused(413, f"Berkas terlalu besar; paling besar {limit // (1024 * 1024)} MB.")
    return upload.filename, data


def is_xlsx(name: str, data: bytes) -> bool:
    """An Office Open XML workbook by name and by content (not .xls, .xlsm, .csv …)."""
    if not name.lower().endswith(".xlsx") or not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def is_pdf(name: str, data: bytes) -> bool:
    return name.lower().endswith(".pdf") and data.startswith(b"%PDF-")


HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                "script-src 'none'; object-src 'self'; frame-src 'self'; "
                                "frame-ancestors 'self'; form-action 'self'; base-uri 'none'"),
    "Cache-Control": "no-store",
}


async def add_headers(request: Request,
                      call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    for key, value in HEADERS.items():
        response.headers.setdefault(key, value)
    return response


def client_address(request: Request, trusted_proxies: tuple[str, ...]) -> str:
    """The client's address: the connection's, or, when the connection comes from one of
    ``trusted_proxies`` (``web.proksi_tepercaya``), the last address in X-Forwarded-For that
    is not itself a trusted proxy. A forwarded header from anyone else is ignored."""
    peer = request.client.host if request.client else "?"
    if peer not in trusted_proxies:
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",")
            if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted_proxies:
            return hop[:64]
    return peer
