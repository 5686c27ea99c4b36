"""The installation's Prefect server in the background, shared by the runs on this machine.

Starting Prefect's server costs about 8 s of CPU (importing it is most of that), and a run
cannot start its flow before the server answers. So the first ``naskah run`` that needs a
server starts this one, detached, and the next runs use it while it is up: it stops by itself
after ``[jalan] server_latar_menit`` minutes in which no run used it (0: every run starts a
private server and stops it at its end, as before).

Files in PREFECT_HOME (the server belongs to that Prefect home and its database):

- ``naskah-server.json`` (mode 0600): pid, port, the API auth string, and the fingerprint of
  what the server was started with (Prefect version, Python, database settings). A run whose
  fingerprint differs does not use it.
- ``naskah-server.lease``: every run holds a shared lock on it while it uses the server; the
  server's watchdog counts the time in which it could take the lock exclusively (nobody
  using it) and stops the server after the idle minutes. The watchdog removes the state
  file while it holds the exclusive lock, so a run either holds its lease before the server
  decides to stop, or finds no server and starts one.
- ``naskah-server.start.lock``: one run at a time starts a server.
- ``naskah-server.log``: the server's own errors.

All four are the user's alone (0600), and a state file another user owns, or that others
may read or write, is ignored.

Like the private server, it answers only on 127.0.0.1 and only to requests with its auth
string, which is kept only in the state file (readable by the owner alone), never printed.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

STATE_FILE = "naskah-server.json"
LEASE_FILE = "naskah-server.lease"
START_LOCK_FILE = "naskah-server.start.lock"
LOG_FILE = "naskah-server.log"

WATCH_EVERY_S = 2.0
"""How often the watchdog looks at the lease and the state file."""

STATE_GRACE_S = 60.0
"""A server whose state file never appeared (its starter died first) stops after this."""

_FINGERPRINT_ENV = ("PREFECT_API_DATABASE_CONNECTION_URL",
                    "PREFECT_SERVER_DATABASE_CONNECTION_URL", "PREFECT_API_DATABASE_DRIVER",
                    "PREFECT_SERVER_DATABASE_DRIVER")


def prefect_home() -> Path:
    """PREFECT_HOME as an absolute path (the server runs in another folder)."""
    return Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser(
        ).resolve()


def fingerprint(env: dict[str, str] | None = None) -> str:
    """What a server must have been started with to serve this run."""
    from importlib.metadata import version

    env = dict(os.environ if env is None else env)
    parts = [version("prefect"), sys.executable, str(prefect_home())]
    parts += [f"{name}={env.get(name, '')}" for name in _FINGERPRINT_ENV]
    parts += sorted(f"{k}={v}" for k, v in env.items()
                    if k.startswith("PREFECT_SERVER_SERVICES_"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class State:
    pid: int
    port: int
    auth: str
    fingerprint: str
    idle_minutes: float
    started_at: float

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"


def read_state(home: Path | None = None) -> State | None:
    """The state file, if this user wrote it (owned by them, nobody else may write or read
    it): a run never sends its rounds to a server someone else named."""
    path = (home or prefect_home()) / STATE_FILE
    try:
        with open(path, encoding="utf-8") as file:
            info = os.fstat(file.fileno())
            if info.st_uid != os.getuid() or info.st_mode & 0o077:
                return None
            data = json.loads(file.read())
        return State(pid=int(data["pid"]), port=int(data["port"]), auth=str(data["auth"]),
                     fingerprint=str(data["fingerprint"]),
                     idle_minutes=float(data["idle_minutes"]),
                     started_at=float(data["started_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_state(home: Path, state: State) -> None:
    path = home / STATE_FILE
    temp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"pid": state.pid, "port": state.port, "auth": state.auth,
                   "fingerprint": state.fingerprint, "idle_minutes": state.idle_minutes,
                   "started_at": state.started_at}, out)
    temp.replace(path)


def _private(path: Path) -> IO[bytes]:
    """``path`` opened to append, readable and writable by this user only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o600)
    return os.fdopen(fd, "ab")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):  # a zombie child of ours is dead
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1] != "Z"
    return True


def _serving(state: State) -> bool:
    """Whether ``state.pid`` is still that background server: a process of this user running
    flows.background_server on its port (after a reboot or a crash the pid of a server that
    is gone may be any other process's)."""
    if not _alive(state.pid):
        return False
    try:
        if os.stat(f"/proc/{state.pid}").st_uid != os.getuid():
            return False
        argv = Path(f"/proc/{state.pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"flows.background_server" in argv and str(state.port).encode() in argv


_leases: list[IO[bytes]] = []
"""The open lease files of this process (held until it ends)."""


def hold_lease(home: Path) -> None:
    """Use of the server from now until this process ends: the watchdog cannot stop it."""
    if _leases:
        return
    home.mkdir(parents=True, exist_ok=True)
    lease = _private(home / LEASE_FILE)  # held until the process ends
    fcntl.flock(lease, fcntl.LOCK_SH)
    _leases.append(lease)


def _release_lease() -> None:
    """Not using the server after all (it runs with other settings): a run must not keep up
    a server it does not use, or that server, never idle while runs come, would stay up and
    every run would start a private server beside it."""
    while _leases:
        _leases.pop().close()


@dataclass
class BackgroundServer:
    """The installation's background server as one run uses it (the same interface as the
    run's private server: ``url``, ``wait_ready``; it is not stopped with the run)."""

    state: State
    process: subprocess.Popen[bytes] | None
    """Set when this run started it."""
    reused: bool

    @property
    def url(self) -> str:
        return self.state.url

    def wait_ready(self, timeout_s: float) -> None:
        from typing import cast

        from flows.processes import wait_until_healthy

        log = prefect_home() / LOG_FILE
        # A server another run started is watched by its pid: gone, the run says so at once
        # instead of waiting the whole timeout for an answer that cannot come.
        process = self.process if self.process is not None else cast(
            "subprocess.Popen[bytes]", _Watched(self.state))
        wait_until_healthy(process, _health(self.state), timeout_s, poll_s=0.1,
                           died="Server Prefect latar berhenti (kode {code}); lihat "
                                f"{log}. Jalankan lagi perintah ini: server baru akan dimulai.",
                           late=f"Server Prefect latar tidak siap dalam {timeout_s:.0f} detik; "
                                f"lihat {log}. Hentikan dengan 'naskah server hentikan', lalu "
                                "jalankan lagi perintah ini.")


class _Watched:
    """What wait_until_healthy asks of a server process this run did not start."""

    returncode = "tidak diketahui"

    def __init__(self, state: State) -> None:
        self.state = state

    def poll(self) -> object:
        return None if _serving(self.state) else self.returncode


def _health(state: State) -> Any:
    from flows.processes import api_request

    return api_request(f"{state.url}/health", state.auth)


def _answers(state: State, timeout_s: float = 2.0) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(_health(state), timeout=timeout_s):
            return True
    except OSError:
        return False


def use(minutes: float, env: dict[str, str]) -> BackgroundServer | None:
    """The background server for this run, reused or started now (not waited for), with this
    process holding its lease; None when one with other settings runs (the run then starts
    a private server)."""
    home = prefect_home()
    hold_lease(home)
    mine = fingerprint()
    found = _running(home)
    if found is None:
        with _private(home / START_LOCK_FILE) as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            found = _running(home)  # another run may have started one meanwhile
            if found is None:
                return _start(home, minutes, mine, env)
    if found.fingerprint != mine:
        _release_lease()
        return None
    return BackgroundServer(found, None, reused=True)


def _running(home: Path) -> State | None:
    found = read_state(home)
    return found if found is not None and _serving(found) else None


def _start(home: Path, minutes: float, mine: str, env: dict[str, str]) -> BackgroundServer:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    auth = "naskah:" + secrets.token_urlsafe(32)
    from flows.credentials import SERVER_AUTH_ENV

    with _private(home / LOG_FILE) as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "flows.background_server", str(port), str(minutes)],
            env={**env, SERVER_AUTH_ENV: auth, "PREFECT_HOME": str(home)},
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
            cwd=home)
    state = State(pid=process.pid, port=port, auth=auth, fingerprint=mine,
                  idle_minutes=minutes, started_at=time.time())
    _write_state(home, state)
    return BackgroundServer(state, process, reused=False)


@contextlib.contextmanager
def unused(home: Path | None = None) -> Iterator[bool]:
    """Whether no run uses the server now, holding its lease exclusively while the block
    runs (so no run starts using it meanwhile: ``naskah server hentikan``). (The watchdog
    takes the lock for a moment every few seconds: tried three times.)"""
    home = home or prefect_home()
    if not (home / LEASE_FILE).exists():  # no run ever used a server here
        yield True
        return
    with _private(home / LEASE_FILE) as lease:
        for attempt in range(3):
            try:
                fcntl.flock(lease, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                time.sleep(0.1 * (attempt < 2))
        else:
            yield False
            return
        yield True


def stop(home: Path | None = None, timeout_s: float = 20) -> State | None:
    """Stop the background server of this Prefect home (``naskah server hentikan``; the
    benchmark at its end). Returns what was stopped, None when none ran."""
    home = home or prefect_home()
    state = read_state(home)
    if state is None:
        return None
    (home / STATE_FILE).unlink(missing_ok=True)  # the watchdog stops it at once
    if not _serving(state):
        return None  # gone already; its pid may now be another process's: left alone
    import signal

    with contextlib.suppress(ProcessLookupError):
        os.kill(state.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while _alive(state.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _serving(state):
        with contextlib.suppress(ProcessLookupError):
            os.kill(state.pid, signal.SIGKILL)
    return state


def status_text(home: Path | None = None) -> str:
    """What ``naskah server status`` prints, for a clerk."""
    home = home or prefect_home()
    state = read_state(home)
    if state is None or not _serving(state):
        return "Tidak ada server Prefect latar yang berjalan."
    from datetime import datetime

    since = datetime.fromtimestamp(state.started_at).strftime("%d-%m-%Y %H.%M")
    answer = "menjawab" if _answers(state) else "belum menjawab (sedang dimulai?)"
    return (f"Server Prefect latar berjalan sejak {since} di 127.0.0.1:{state.port} (proses "
            f"{state.pid}), {answer}. Berhenti sendiri {state.idle_minutes:g} menit setelah "
            "putaran terakhir.")


def _idle_watch(server: Any, home: Path, idle_s: float) -> None:
    """In the server: stop it once nobody held the lease for ``idle_s`` seconds, or when its
    state file is gone or names another server (stopped, or replaced)."""
    started = last_used = time.monotonic()
    seen = False  # the run that starts the server writes the state file just after
    while not server.should_exit:
        time.sleep(WATCH_EVERY_S)
        state = read_state(home)
        if state is None or state.pid != os.getpid():
            if seen or time.monotonic() - started > STATE_GRACE_S:
                server.should_exit = True
                return
            continue
        seen = True
        try:
            lease = _private(home / LEASE_FILE)
        except OSError:  # looked at again next time: a dead watchdog never stops the server
            continue
        with lease:
            try:
                fcntl.flock(lease, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                last_used = time.monotonic()
                continue
            if time.monotonic() - last_used >= idle_s:
                (home / STATE_FILE).unlink(missing_ok=True)  # under the exclusive lock
                server.should_exit = True
                return


def main(argv: list[str]) -> int:
    """``python -m flows.background_server PORT MINUTES``: serve until idle."""
    import uvicorn

    port, minutes = int(argv[0]), float(argv[1])
    home = prefect_home()
    config = uvicorn.Config("prefect.server.api.server:create_app", factory=True,
                            host="127.0.0.1", port=port, log_level="error", lifespan="on")
    server = uvicorn.Server(config)
    threading.Thread(target=_idle_watch, args=(server, home, minutes * 60),
                     name="naskah-server-menganggur", daemon=True).start()
    server.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
