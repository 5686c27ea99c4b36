"""Prefect defaults for naskah, set before Prefect is imported (the user's values win).

With no PREFECT_API_URL, Prefect starts its embedded SQLite-backed server for the run; with
one, that server is used unchanged.
"""

from __future__ import annotations

import os

DEFAULTS = {
    # This machine has no internet: telemetry would log an ERROR on every run.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The first start of the embedded server migrates its database; give it time on slow disks.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def configure(quiet: bool) -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if quiet:
        # The clerk sees naskah's own progress and summary; Prefect's INFO lines stay in the
        # Prefect UI.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
