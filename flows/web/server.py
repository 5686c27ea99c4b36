"""`naskah web`: the desk on localhost, its round worker, and (without PREFECT_API_URL) a
local Prefect server, all stopped together."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import urllib.request

from flows.errors import EngineError
from flows.processes import api_request, wait_until_healthy
from flows.settings import load_settings

DEPLOYMENT_WAIT_S = 120


def web_command(args: argparse.Namespace) -> int:
    from flows import prefect_setup
    from flows.credentials import approval_key
    from flows.processes import die_with_parent
    from flows.serving import _start_local_server
    from flows.web.store import Store

    prefect_setup.configure(quiet=True)
    own_address(args.host, args.port)
    settings = load_settings()
    pool = settings.run.pool
    if pool and not os.environ.get("PREFECT_API_URL"):
        raise EngineError(f"Kolam kerja '{pool}' (jalan.kolam_kerja) memerlukan server Prefect "
                          "bersama: setel PREFECT_API_URL (lihat docs/skala.md).")
    store = Store(settings.web.database)
    if not store.users():
        raise EngineError("Belum ada akun. Buat akun admin pertama dulu, misalnya:\n"
                          "  naskah user add admin --peran admin --nama \"Nama Admin\"")
    children: list[subprocess.Popen[bytes]] = []
    password = ""
    try:
        if not os.environ.get("PREFECT_API_URL"):
            password = f"; kata sandinya di berkas {settings.web.data / 'prefect-auth'}"
            print(f"Menjalankan server Prefect lokal di port {args.prefect_port}…",
                  file=sys.stderr)
            children.append(_start_local_server(args.prefect_port, settings.web.data))
            os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{args.prefect_port}/api"
        if pool:  # rounds run on the pool's workers (naskah worker on each machine)
            _wait_for_deployment(None, pool)
        else:
            approval_key(settings.web.data)  # made once, before the worker reads it
            children.append(subprocess.Popen([sys.executable, "-m", "flows.web.worker"],
                                             preexec_fn=die_with_parent))
            _wait_for_deployment(children[-1])
        import uvicorn

        from flows.web.app import create_app

        print(f"Meja Naskah siap: http://{args.host}:{args.port}/  (Prefect UI: "
              f"{os.environ['PREFECT_API_URL'].removesuffix('/api')}{password}). Hentikan "
              "dengan Ctrl-C.",
              file=sys.stderr)
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning",
                    server_header=False)
    finally:
        for child in reversed(children):
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0


def own_address(host: str, port: int) -> None:
    """Without ``[web] url_publik``, the letters this desk signs lead to the desk itself:
    ``NASKAH_URL_PUBLIK`` for this process and its round worker."""
    from flows.settings import DEFAULT_PUBLIC_URL

    if os.environ.get("NASKAH_URL_PUBLIK") or load_settings().signing.public_url != (
            DEFAULT_PUBLIC_URL):
        return
    if host in ("0.0.0.0", "::", ""):
        import socket

        host = socket.getfqdn()
    elif ":" in host:
        host = f"[{host}]"
    os.environ["NASKAH_URL_PUBLIK"] = f"http://{host}:{port}"


def _wait_for_deployment(worker: subprocess.Popen[bytes] | None, pool: str = "") -> None:
    """Until the worker has registered the desk's deployment (rounds can start); with a
    work pool, the deployment ``naskah deploy`` registered must exist."""
    from flows.web.runs import deployment_for

    api = os.environ["PREFECT_API_URL"]
    flow_name, name = deployment_for(pool).split("/")
    url = f"{api}/deployments/name/{flow_name}/{name}"
    request = api_request(url, os.environ.get("PREFECT_API_AUTH_STRING"))
    if worker is None:
        try:
            with urllib.request.urlopen(request, timeout=10):
                return
        except OSError:
            raise EngineError(f"Deployment {flow_name}/{name} tidak ada di {api}. Jalankan "
                              f"dulu: naskah deploy --pool {pool}") from None
    wait_until_healthy(worker, request, DEPLOYMENT_WAIT_S, answer_timeout_s=5,
                       died="Pekerja putaran berhenti (kode {code}).",
                       late=f"Pekerja putaran tidak siap dalam {DEPLOYMENT_WAIT_S} detik.")
