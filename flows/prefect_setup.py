"""Prefect defaults for naskah, set before Prefect is imported (the user's values win).

With no PREFECT_API_URL, a run uses the installation's background server
(flows.background_server) or starts a private SQLite-backed server for itself; with one, that
server is used unchanged.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flows.background_server import BackgroundServer

DEFAULTS = {
    # This machine has no internet: telemetry would log an ERROR on every run.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The first start of the embedded server migrates its database; give it time on slow disks.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


EMBEDDED_SERVICES_OFF = {
    # `naskah run` without PREFECT_API_URL starts a private server for the run: nothing is
    # scheduled, late, cancelled or automated there, and these services only take CPU from
    # the letters. Run history (events, task runs) is still recorded.
    f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false"
    for name in ("SCHEDULER", "LATE_RUNS", "FOREMAN", "CANCELLATION_CLEANUP", "REPOSSESSOR",
                 "CLEANUP_RECONCILER", "TRIGGERS", "PAUSE_EXPIRATIONS")
}


class EmbeddedServer:
    """The run's private Prefect server, started before Prefect is even imported here, so its
    start overlaps the run's own imports; stopped with the run."""

    def __init__(self) -> None:
        import importlib.util
        import socket
        import subprocess
        import sys

        from flows.processes import die_with_parent

        spec = importlib.util.find_spec("prefect")
        assert spec is not None and spec.origin is not None
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        import secrets

        from flows.credentials import CLIENT_AUTH_ENV, SERVER_AUTH_ENV

        # The run's own API auth string: nobody else on the machine can use this server
        # while it runs (it is never stored, printed or logged).
        auth = "naskah:" + secrets.token_urlsafe(32)
        env = {**server_env(), SERVER_AUTH_ENV: auth}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir",
             os.path.dirname(os.path.dirname(spec.origin)), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port",
             str(self.port), "--log-level", "error", "--lifespan", "on"], env=env,
            preexec_fn=die_with_parent)
        self.url = f"http://127.0.0.1:{self.port}/api"
        os.environ["PREFECT_API_URL"] = self.url
        os.environ[CLIENT_AUTH_ENV] = auth
        import atexit

        atexit.register(self.stop)

    def wait_ready(self, timeout_s: float) -> None:
        from flows.processes import wait_until_healthy

        wait_until_healthy(self.process, f"{self.url}/health", timeout_s, poll_s=0.1,
                           died="Server Prefect sementara berhenti (kode {code}).",
                           late=f"Server Prefect sementara tidak siap dalam {timeout_s:.0f} "
                                "detik.")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except Exception:
                self.process.kill()


def server_env() -> dict[str, str]:
    """The environment of a server naskah starts for runs (private or in the background),
    without its auth string: no UI, the ephemeral server's services, no secrets."""
    from flows.credentials import child_env
    from flows.startup import warm_database_env

    return child_env(PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1",
                     PREFECT__SERVER_FINAL="1", **warm_database_env())


EMBEDDED: list[EmbeddedServer] = []
"""The private servers of this process (killed on Ctrl-C); never the background one."""


def start_embedded(background_minutes: float = 0) -> EmbeddedServer | BackgroundServer | None:
    """Without PREFECT_API_URL: the installation's background server when
    ``background_minutes`` > 0 (reused, or started now), else the run's own private server
    (see EmbeddedServer). Neither is waited for here."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    for key, value in {**DEFAULTS, **EMBEDDED_SERVICES_OFF}.items():
        os.environ.setdefault(key, value)
    if background_minutes > 0:
        from flows import background_server
        from flows.credentials import CLIENT_AUTH_ENV

        shared = background_server.use(background_minutes, server_env())
        if shared is not None:
            os.environ["PREFECT_API_URL"] = shared.url
            os.environ[CLIENT_AUTH_ENV] = shared.state.auth
            return shared
    server = EmbeddedServer()
    EMBEDDED.append(server)
    return server


def configure(quiet: bool) -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if quiet:
        # The clerk sees naskah's own progress and summary; Prefect's INFO lines stay in the
        # Prefect UI.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
