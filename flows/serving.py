"""`naskah serve`: the round flows as Prefect deployments, so a clerk starts a round from
the Prefect UI by choosing a workbook of the inputs folder.

Without PREFECT_API_URL a local Prefect server (with its UI) is started for the duration.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from flows.dispatched import synchronous
from flows.errors import EngineError
from flows.inputs import choices_in
from flows.processes import die_with_parent, wait_until_healthy

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment


def chooser_deployment(folder: Path, out: Path) -> RunnerDeployment:
    """The deployment whose ``workbook`` parameter is a dropdown of the workbooks in folder."""
    from flows.orchestration import round_from_inputs

    choices = choices_in(folder)
    if not choices:
        raise EngineError(f"Folder {folder} tidak berisi workbook .xlsx untuk dipilih.")
    deployment = synchronous(round_from_inputs.to_deployment(
        name="pilih-workbook", tags=["naskah"],
        parameters={"folder_inputs": str(folder), "folder_hasil": str(out)},
        description=f"Pilih workbook di {folder}; hasil di {out}.",
    ))
    schema = deployment._parameter_openapi_schema.properties
    schema["workbook"]["enum"] = choices  # what the Prefect UI shows as a dropdown
    return deployment


def serve_command(args: argparse.Namespace) -> int:
    from flows import prefect_setup

    prefect_setup.configure(quiet=False)
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        from flows.credentials import AUTH_FILE
        from flows.settings import load_settings

        data = load_settings().web.data
        server = _start_local_server(args.port, data)
        os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{args.port}/api"
        print(f"Prefect UI meminta kata sandi: isi berkas {data / AUTH_FILE} (jangan "
              "dibagikan).", file=sys.stderr)
    try:
        from prefect import serve

        from flows.orchestration import bulk_flow, round_flow

        chooser = chooser_deployment(args.inputs, args.out)
        ui = os.environ["PREFECT_API_URL"].removesuffix("/api")
        print(f"Prefect UI: {ui} — pilih deployment 'putaran-dari-inputs', lalu Run.",
              file=sys.stderr)
        serve(
            chooser,
            synchronous(round_flow.to_deployment(name="putaran", tags=["naskah"],
                                                 parameters={"out": str(args.out)})),
            synchronous(bulk_flow.to_deployment(name="putaran-massal", tags=["naskah"],
                                                parameters={"out": str(args.out)})),
            print_starting_message=False,
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    return 0


def _start_local_server(port: int, data: Path) -> subprocess.Popen[bytes]:
    """``prefect server start`` on localhost, requiring the installation's API auth string
    (kept in ``data``), which this process and its children then send."""
    from flows.credentials import CLIENT_AUTH_ENV, SERVER_AUTH_ENV, child_env, prefect_auth_string

    prefect = Path(sys.executable).with_name("prefect")
    auth = prefect_auth_string(data)
    env = child_env(PREFECT_UI_API_URL=f"http://127.0.0.1:{port}/api",
                    **{SERVER_AUTH_ENV: auth})
    os.environ[CLIENT_AUTH_ENV] = auth
    proc = subprocess.Popen([str(prefect), "server", "start", "--host", "127.0.0.1", "--port",
                             str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)
    try:
        wait_until_healthy(proc, f"http://127.0.0.1:{port}/api/health", 120,
                           died=f"Server Prefect tidak dapat dijalankan di port {port} (kode "
                                "{code}); mungkin port sudah dipakai.",
                           late="Server Prefect tidak siap dalam 120 detik.")
    except EngineError:
        if proc.poll() is None:
            proc.terminate()
        raise
    return proc
