"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries, run as the postgres
user (initdb refuses root) on a free port, in a temporary folder, removed afterwards.

Used by the ``postgres`` session fixture (tests/conftest.py) and the scale-out test.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

BIN = Path(os.environ.get("NASKAH_PG_BIN", "/usr/lib/postgresql/15/bin"))


def available() -> str | None:
    """Why a cluster cannot be started here, or None."""
    if not (BIN / "initdb").is_file():
        return f"PostgreSQL server binaries not found in {BIN} (apt-get install postgresql)"
    if os.geteuid() != 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "no postgres user"
        return None if os.environ.get("USER") == "postgres" else "needs root (runuser)"
    return None


def require() -> None:
    """Skip without PostgreSQL on a developer machine; fail in CI."""
    reason = available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """``with Cluster() as pg: pg.create_database("x"); pg.url("x")``."""

    def __init__(self, max_connections: int = 200) -> None:
        self.port = free_port()
        self.max_connections = max_connections
        self.folder = Path(tempfile.mkdtemp(prefix="naskah-pg-"))
        self.data = self.folder / "data"
        self.socket_dir = self.folder / "run"
        self.started = False

    def _as_postgres(self, *command: str, timeout: float = 120) -> str:
        prefix = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
        done = subprocess.run([*prefix, *command], capture_output=True, text=True,
                              timeout=timeout, cwd="/")
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr or done.stdout}")
        return done.stdout

    def start(self) -> Cluster:
        pw = pwd.getpwnam("postgres")
        os.chmod(self.folder, 0o755)
        self.socket_dir.mkdir()
        os.chown(self.folder, pw.pw_uid, pw.pw_gid)
        os.chown(self.socket_dir, pw.pw_uid, pw.pw_gid)
        self._as_postgres(str(BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.socket_dir} -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off "
                   f"-c max_connections={self.max_connections} -c shared_buffers=64MB")
        self._as_postgres(str(BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                          "-t", "60", "-l", str(self.folder / "server.log"), "start")
        self.started = True
        return self

    def url(self, database: str = "postgres", driver: str = "postgresql") -> str:
        return f"{driver}://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.started:
            with contextlib.suppress(Exception):
                self._as_postgres(str(BIN / "pg_ctl"), "-D", str(self.data), "-m",
                                  "immediate", "-w", "-t", "30", "stop")
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def server_pids(self) -> list[int]:
        """Processes of this cluster still alive (for the no-leftover checks)."""
        found = []
        marker = str(self.data).encode()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    if marker in (entry / "cmdline").read_bytes():
                        found.append(int(entry.name))
        return found

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_gone(pids: list[int], timeout_s: float = 10) -> list[int]:
    deadline = time.monotonic() + timeout_s
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if Path(f"/proc/{p}").exists()]
        if alive:
            time.sleep(0.1)
    return alive
