"""The public verification page behind a letter's QR code: `GET /cek/{kode}`, `GET /cek`
(type a code) and `POST /cek` (upload a PDF). No account, no session is read, no link to the
rest of the desk; a letter is reached only by its 160-bit code, never by a number, a position
or a path. Uploads are size-limited; uploads and unknown codes are counted per address.

`POST /cek` carries no CSRF token on purpose: it acts for nobody (no cookie is read, nothing
is stored, the answer goes only to the page that asked), so a forged cross-site post gains
nothing; a post whose browser names another site as its origin is refused all the same, like
every form of the desk.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from flows.cek.archive import ArchiveIndex, describe
from flows.cek.check import ASLI, DIUBAH, TIDAK_DIKENAL, check_pdf
from flows.cek.code import grouped, normalise
from flows.settings import Settings
from flows.web import security
from flows.web.security import Refused

WINDOW_S = 3600


class Throttle:
    """At most ``limit`` counted requests per address within ``window_s`` (in memory: the
    desk is one process)."""

    def __init__(self, limit: int, window_s: float = WINDOW_S) -> None:
        self.limit, self.window_s = limit, window_s
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(address, deque())
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        return hits

    def blocked(self, address: str) -> bool:
        with self._lock:
            return len(self._recent(address, time.monotonic())) >= self.limit

    def count(self, address: str) -> None:
        with self._lock:
            now = time.monotonic()
            if len(self._hits) > 10_000:  # forget quiet addresses
                self._hits = {a: h for a, h in self._hits.items()
                              if h and h[-1] > now - self.window_s}
            self._recent(address, now).append(now)


def add_routes(app: FastAPI, settings: Settings, pages: Jinja2Templates) -> None:
    web = settings.web
    index = ArchiveIndex(settings.run.outputs)
    throttle = Throttle(web.checks_per_hour)
    app.state.cek_index = index
    too_many = Refused(429, "Terlalu banyak pemeriksaan dari alamat Anda. Coba lagi nanti.")

    def address(request: Request) -> str:
        return security.client_address(request, web.trusted_proxies)

    def page(request: Request, code: int = 200, **values: Any) -> Response:
        values = {"status": None, "surat": None, "pesan": "", "kode": "",
                  "batas_mb": web.max_upload_bytes // (1024 * 1024), **values}
        return pages.TemplateResponse(request, "cek.html", values, status_code=code)

    def unknown(request: Request) -> Response:
        return page(request, 404, status=TIDAK_DIKENAL,
                    pesan="Kode ini tidak dikenal. Periksa kembali kode yang tertera di bawah "
                          "kode QR surat, atau unggah berkas PDF surat di bawah ini.")

    @app.get("/cek")
    def cek_form(request: Request, kode: str | None = None) -> Response:
        if kode is None:
            return page(request)
        code = normalise(kode)
        if code is not None:
            return RedirectResponse(f"/cek/{code}", status_code=303)
        return page(request, 404, status=TIDAK_DIKENAL,
                    pesan="Kode harus 32 huruf dan angka seperti yang tertera di bawah kode QR "
                          "surat (tanda hubung boleh diketik atau tidak).")

    @app.get("/cek/{kode:path}")
    def cek_letter(request: Request, kode: str) -> Response:
        where = address(request)
        if throttle.blocked(where):
            return page(request, too_many.status, pesan=too_many.message)
        code = normalise(kode)
        version = index.by_code(code) if code else None
        if version is None:
            throttle.count(where)
            return unknown(request)
        if not version.current:
            newer = index.current(version)
            return page(request, status="digantikan", surat=describe(version),
                        kode_baru=grouped(newer.code) if newer and newer.code else "",
                        url_baru=f"/cek/{newer.code}" if newer and newer.code else "",
                        pesan="Surat ini telah digantikan oleh versi yang lebih baru. Yang "
                              "berlaku adalah versi terbaru.")
        if not index.intact(version):
            return page(request, status="tidak dapat dipastikan", surat=describe(version),
                        pesan="Surat ini tercatat, tetapi salinan arsipnya tidak utuh. "
                              "Hubungi instansi penerbit.")
        return page(request, status=ASLI, surat=describe(version),
                    pesan="Surat ini asli: diterbitkan dan ditandatangani secara elektronik "
                          "oleh instansi ini, dan arsipnya utuh.")

    @app.post("/cek")
    async def cek_upload(request: Request) -> Response:
        where = address(request)
        try:
            security.check_origin(request)
            if throttle.blocked(where):
                raise too_many
            throttle.count(where)
            form = await security.limited_form(request, web.max_upload_bytes)
            name, data = await security.upload_bytes(form, "pdf", web.max_upload_bytes)
            if not security.is_pdf(name, data):
                raise Refused(415, "Berkas harus PDF (.pdf).")
        except Refused as exc:
            return page(request, exc.status, pesan=exc.message)
        verdict = await run_in_threadpool(check_pdf, data, index)
        values: dict[str, Any] = {"status": verdict.status, "pesan": verdict.reason}
        if verdict.version is not None:
            values["surat"] = describe(verdict.version)
        if verdict.version is not None and verdict.status in (ASLI, DIUBAH) and (
                not verdict.version.current):
            newer = index.current(verdict.version)
            if newer and newer.code:
                values.update(kode_baru=grouped(newer.code), url_baru=f"/cek/{newer.code}")
        return page(request, 200, **values)
