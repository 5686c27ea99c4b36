"""The first seconds of ``naskah run``: what can start before the round's flow does.

A Prefect server needs several seconds of CPU before it answers (importing the server alone
is most of it), and the round's flow cannot start before it does. So the command uses the
installation's background server when it runs (flows.background_server), and otherwise
starts one first: for a workbook no round folder knows there is surely work, so it is not
read beforehand to see whether anything is left to do. While Prefect is imported and the
server gets ready, what the first letter will need starts too: a spare LibreOffice
(flows.pdf.libreoffice.Spare) and the signing workers (a Python process each, importing
pyHanko). Nothing here renders, numbers or signs a letter: all of that still happens in the
flow's tasks, under the round lock and behind the approval gate.

On a Prefect database that this Prefect version already brought up to date, the server is
started without re-running the database migrations and the block registration (both are
no-ops then, but cost CPU on every start).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

READY_MARK = "naskah-basis-data-siap.json"
"""In PREFECT_HOME: the Prefect version and migration revision the database was last
brought up to date with by a server naskah started."""

_DB_URL_SETTINGS = ("PREFECT_API_DATABASE_CONNECTION_URL",
                    "PREFECT_SERVER_DATABASE_CONNECTION_URL")


def _prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()


def _database() -> Path | None:
    """Prefect's default SQLite database, or None when the database is configured elsewhere
    (an environment variable or a profile): then nothing is assumed about it."""
    if any(os.environ.get(name) for name in _DB_URL_SETTINGS):
        return None
    home = _prefect_home()
    profiles = home / "profiles.toml"
    with contextlib.suppress(OSError):
        if "DATABASE" in profiles.read_text(encoding="utf-8").upper():
            return None
    return home / "prefect.db"


def _revision(database: Path) -> str | None:
    if not database.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True,
                                                timeout=2)) as db:
            rows = db.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return None
    return rows[0][0] if len(rows) == 1 else None


def _prefect_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("prefect")
    except PackageNotFoundError:
        return None


def _current_state() -> dict[str, str] | None:
    database = _database()
    revision = _revision(database) if database is not None else None
    installed = _prefect_version()
    if revision is None or installed is None:
        return None
    return {"prefect": installed, "revision": revision}


def warm_database_env() -> dict[str, str]:
    """Server settings for a database this Prefect version already set up: no migration
    run and no block registration at start. Empty (Prefect's defaults) otherwise."""
    state = _current_state()
    if state is None:
        return {}
    try:
        mark = json.loads((_prefect_home() / READY_MARK).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if mark != state:
        return {}
    skip = {"PREFECT_API_DATABASE_MIGRATE_ON_START": "false",
            "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
            "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false"}
    return {k: v for k, v in skip.items() if k not in os.environ}  # the user's values win


def remember_warm_database() -> None:
    """After a server with default settings answered: its database is up to date."""
    state = _current_state()
    if state is None:
        return
    path = _prefect_home() / READY_MARK
    with contextlib.suppress(OSError):
        temp = path.with_name(f".{path.name}.{os.getpid()}")
        temp.write_text(json.dumps(state), encoding="utf-8")
        temp.replace(path)


def surely_work(workbooks: Sequence[Path], out: Path) -> bool:
    """Whether a run of these workbooks certainly has work: one of them (by its content) is
    named in no round folder's manifest. Then the server is started at once and the check
    for work left (reading every workbook) is skipped; otherwise the check comes first, so a
    rerun with nothing to do starts no server."""
    from flows.outputs.files import sha256_file

    try:
        digests = {sha256_file(w).encode("ascii") for w in workbooks}
        manifests = [p.read_bytes() for p in out.glob("*/manifest.json")
                     if p.stat().st_size < MANIFEST_SCAN_LIMIT]
    except OSError:
        return False  # the check for work left says what is wrong
    return any(not any(digest in manifest for manifest in manifests) for digest in digests)


MANIFEST_SCAN_LIMIT = 64 * 1024 ** 2
"""Bytes; a larger manifest is not read twice for a guess."""


def warm_up_signing() -> threading.Thread:
    """Start the signing workers now (in the background): the first letter's signature
    then does not wait for them to start and import pyHanko."""

    def start() -> None:
        from flows.pdf import signing_pool
        from flows.timeline import TIMELINE

        TIMELINE.mark("signing_workers_starting")
        with contextlib.suppress(Exception):  # a courtesy: signing starts them anyway
            signing_pool.start()
            TIMELINE.mark("signing_workers_ready")

    thread = threading.Thread(target=start, name="naskah-pemanasan-ttd", daemon=True)
    thread.start()
    return thread


T = TypeVar("T")


def first_alone(work: Sequence[list[T]]) -> list[list[T]]:
    """The batches with the first letter alone in a batch of its own, so that one letter is
    rendered, converted and signed (and shown done) without waiting for a whole batch."""
    if not work or len(work[0]) <= 1:
        return list(work)
    return [work[0][:1], work[0][1:], *work[1:]]
