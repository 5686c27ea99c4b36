"""flows/background_server.py without a Prefect server: who may use a running server, the
watchdog that stops it when idle (real flock leases, a stand-in for uvicorn), and stopping
it. The real server, reused by a second `naskah run`, is in tests/e2e/test_first_letter.py."""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from flows import background_server as latar


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.setattr(latar, "WATCH_EVERY_S", 0.05)
    monkeypatch.setattr(latar, "_leases", [])
    return tmp_path


def _state(pid: int, fingerprint: str = "f") -> latar.State:
    return latar.State(pid=pid, port=1, auth="naskah:rahasia", fingerprint=fingerprint,
                       idle_minutes=30, started_at=time.time())


def _server_like(port: int = 1) -> subprocess.Popen[bytes]:
    """A process that looks like a background server on ``port`` (its command line)."""
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)",
                             "flows.background_server", str(port)], start_new_session=True)


class Uvicorn:
    """What the watchdog sees of uvicorn.Server."""

    should_exit = False


def _watch(home: Path, idle_s: float) -> tuple[Uvicorn, threading.Thread]:
    server = Uvicorn()
    thread = threading.Thread(target=latar._idle_watch, args=(server, home, idle_s),
                              daemon=True)
    thread.start()
    return server, thread


def test_the_server_stops_once_no_run_held_its_lease_for_the_idle_time(home):
    latar._write_state(home, _state(os.getpid()))
    lease = open(home / latar.LEASE_FILE, "ab")  # noqa: SIM115 - a run using the server
    fcntl.flock(lease, fcntl.LOCK_SH)
    server, thread = _watch(home, idle_s=0.3)
    time.sleep(1.0)  # well past the idle time, but in use all along
    assert not server.should_exit and (home / latar.STATE_FILE).exists()
    lease.close()  # the run ended
    released = time.monotonic()
    thread.join(5)
    assert server.should_exit
    # idle for the idle time first (counted from the last look that saw it in use)
    assert time.monotonic() - released >= 0.3 - 2 * latar.WATCH_EVERY_S
    # Removed under the exclusive lock: a run that comes now starts a new server.
    assert not (home / latar.STATE_FILE).exists()


def test_the_server_stops_when_its_state_file_is_gone_or_names_another(home):
    latar._write_state(home, _state(os.getpid()))
    server, thread = _watch(home, idle_s=3600)
    time.sleep(0.3)  # it has seen its state file
    (home / latar.STATE_FILE).unlink()  # naskah server hentikan
    thread.join(5)
    assert server.should_exit

    latar._write_state(home, _state(os.getpid()))
    server, thread = _watch(home, idle_s=3600)
    time.sleep(0.3)
    latar._write_state(home, _state(os.getpid() + 1))  # replaced by another server
    thread.join(5)
    assert server.should_exit


def test_a_server_whose_starter_never_wrote_the_state_stops_after_the_grace(home,
                                                                            monkeypatch):
    monkeypatch.setattr(latar, "STATE_GRACE_S", 0.3)
    server, thread = _watch(home, idle_s=3600)
    time.sleep(0.1)
    assert not server.should_exit  # the starter writes it just after starting the server
    thread.join(5)
    assert server.should_exit


def test_the_state_file_is_readable_by_its_owner_only(home):
    latar._write_state(home, _state(os.getpid()))
    assert stat.S_IMODE((home / latar.STATE_FILE).stat().st_mode) == 0o600
    found = latar.read_state(home)
    assert found is not None and found.pid == os.getpid() and found.auth == "naskah:rahasia"


def test_a_run_uses_a_live_server_started_with_the_same_settings_only(home, monkeypatch):
    started: list[float] = []

    def start(home_: Path, minutes: float, mine: str, env: dict[str, str]):
        started.append(minutes)
        return latar.BackgroundServer(_state(os.getpid(), mine), None, reused=False)

    monkeypatch.setattr(latar, "_start", start)
    mine = latar.fingerprint()
    server = _server_like()
    try:
        latar._write_state(home, _state(server.pid, mine))  # alive
        used = latar.use(30, {})
        assert used is not None and used.reused and not started
        assert latar._leases  # held until this process ends: the watchdog waits for it

        latar._write_state(home, _state(server.pid, "lain"))  # other Prefect or database
        assert latar.use(30, {}) is None  # the run starts a private server instead
        assert not started
    finally:
        server.kill()
        server.wait()

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    latar._write_state(home, _state(dead.pid, mine))  # a server that is gone
    used = latar.use(30, {})
    assert used is not None and not used.reused and started == [30]


def test_the_fingerprint_follows_the_database_and_the_prefect_home(home, monkeypatch):
    first = latar.fingerprint()
    monkeypatch.setenv("PREFECT_API_DATABASE_CONNECTION_URL", "postgresql+asyncpg://x/y")
    assert latar.fingerprint() != first
    monkeypatch.delenv("PREFECT_API_DATABASE_CONNECTION_URL")
    assert latar.fingerprint() == first
    monkeypatch.setenv("PREFECT_HOME", str(home / "lain"))
    assert latar.fingerprint() != first


def test_stop_ends_the_server_and_says_what_it_stopped(home):
    sleeper = _server_like()
    try:
        latar._write_state(home, _state(sleeper.pid))
        assert "berjalan" in latar.status_text(home)
        stopped = latar.stop(home)
        assert stopped is not None and stopped.pid == sleeper.pid
        assert sleeper.wait(timeout=10) is not None
        assert not (home / latar.STATE_FILE).exists()
        assert latar.stop(home) is None
        assert latar.status_text(home) == "Tidak ada server Prefect latar yang berjalan."
    finally:
        sleeper.kill()


def test_a_state_file_whose_pid_is_now_another_process_is_neither_used_nor_stopped(
        home, monkeypatch):
    """After a reboot (or a killed server) the state file stays and its pid may be any
    other process's: a run must not wait for it, nor `naskah server hentikan` kill it."""
    started: list[float] = []

    def start(home_: Path, minutes: float, mine: str, env: dict[str, str]):
        started.append(minutes)
        return latar.BackgroundServer(_state(os.getpid(), mine), None, reused=False)

    monkeypatch.setattr(latar, "_start", start)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                             start_new_session=True)
    try:
        latar._write_state(home, _state(other.pid, latar.fingerprint()))
        assert latar.status_text(home) == "Tidak ada server Prefect latar yang berjalan."
        used = latar.use(30, {})
        assert used is not None and not used.reused and started == [30]

        latar._write_state(home, _state(other.pid, latar.fingerprint()))
        assert latar.stop(home, timeout_s=2) is None
        time.sleep(0.2)
        assert other.poll() is None  # left alone
        assert not (home / latar.STATE_FILE).exists()  # the stale file is gone
    finally:
        other.kill()
        other.wait()


def test_a_run_waiting_for_a_server_another_run_started_learns_at_once_that_it_is_gone(home):
    """The server found running ends (killed, crashed) before it answers: the run says so at
    once instead of waiting out the whole start timeout (120 s by default)."""
    from flows.errors import EngineError

    server = _server_like(port=9)  # port 9: nobody answers there
    using = latar.BackgroundServer(replace(_state(server.pid), port=9), None, reused=True)
    threading.Timer(0.5, server.kill).start()
    began = time.monotonic()
    with pytest.raises(EngineError, match="berhenti"):
        using.wait_ready(20)
    assert time.monotonic() - began < 10
    server.wait()


def test_a_state_file_another_user_wrote_or_may_change_is_not_used(home):
    """In a Prefect home others can write to, a state file naming their server (and its
    auth string) must not take this user's rounds."""
    latar._write_state(home, _state(os.getpid()))
    path = home / latar.STATE_FILE
    path.chmod(0o666)
    assert latar.read_state(home) is None
    path.chmod(0o600)
    assert latar.read_state(home) is not None
    if os.getuid() == 0:  # only root can give a file to another user
        os.chown(path, 65534, 65534)
        assert latar.read_state(home) is None


def test_the_lease_start_lock_and_log_are_the_users_alone(home, monkeypatch):
    """The log gets the server's errors (a database address among them); a lease another
    user could lock would keep the server up for ever."""

    class Started:
        pid = os.getpid()

    monkeypatch.setattr(latar.subprocess, "Popen", lambda *a, **k: Started())
    old = os.umask(0o022)
    try:
        latar.use(30, {})
    finally:
        os.umask(old)
    for name in (latar.LEASE_FILE, latar.START_LOCK_FILE, latar.LOG_FILE, latar.STATE_FILE):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name


def test_a_run_does_not_keep_up_a_server_with_other_settings_that_it_does_not_use(home):
    """After naskah (so Prefect) is upgraded, or the Prefect database changed, the old server
    must still go idle while runs come: they start private servers and must not hold its
    lease, or it would never stop and every run would pay a server start."""
    server = _server_like()
    try:
        latar._write_state(home, _state(server.pid, "lain"))
        assert latar.use(30, {}) is None
        with open(home / latar.LEASE_FILE, "ab") as lease:
            fcntl.flock(lease, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what the watchdog does
    finally:
        server.kill()
        server.wait()


def test_the_test_suite_turns_the_background_server_off_whatever_the_shell_says():
    """A developer's shell with NASKAH_SERVER_LATAR_MENIT=30 must not make every `naskah run`
    of the tests leave a server up for half an hour in a temporary Prefect home."""
    env = {**os.environ, "NASKAH_SERVER_LATAR_MENIT": "30"}
    done = subprocess.run([sys.executable, "-c", "import os, tests.conftest; "
                           "print(os.environ['NASKAH_SERVER_LATAR_MENIT'])"],
                          cwd=Path(__file__).resolve().parents[2], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "0", done.stderr


def test_hentikan_does_not_pull_the_server_from_under_a_running_round(home, capsys):
    """A clerk's `naskah server hentikan` while another clerk's round uses the server would
    crash that round halfway (numbers given): it says so and leaves the server."""
    from flows.cli import main

    server = _server_like()
    try:
        latar._write_state(home, _state(server.pid))
        with open(home / latar.LEASE_FILE, "ab") as lease:  # a run using it
            fcntl.flock(lease, fcntl.LOCK_SH)
            assert main(["server", "hentikan"]) == 1
            assert "sedang dipakai" in capsys.readouterr().out
            time.sleep(0.2)
            assert server.poll() is None and (home / latar.STATE_FILE).exists()
        assert main(["server", "hentikan"]) == 0  # the round ended
        assert "dihentikan" in capsys.readouterr().out
        assert server.wait(timeout=10) is not None
    finally:
        server.kill()
        server.wait()


def test_while_hentikan_stops_the_server_no_run_starts_using_it(home):
    """Between its check and the stop, a run must not take up the server: it waits, then
    finds none and starts its own."""
    (home / latar.LEASE_FILE).touch()
    probe = ("import fcntl, sys\n"
             "lease = open(sys.argv[1], 'ab')\n"
             "try:\n"
             "    fcntl.flock(lease, fcntl.LOCK_SH | fcntl.LOCK_NB)\n"
             "    print('dipakai')\n"
             "except BlockingIOError:\n"
             "    print('menunggu')\n")

    def a_run_now() -> str:
        return subprocess.run([sys.executable, "-c", probe, str(home / latar.LEASE_FILE)],
                              capture_output=True, text=True, timeout=60).stdout.strip()

    with latar.unused(home) as idle:
        assert idle
        assert a_run_now() == "menunggu"
    assert a_run_now() == "dipakai"


def test_the_watchdog_outlives_an_error_of_its_lease_file(home):
    """A failing look at the lease (a full file table, a folder in its place for a moment)
    must not end the watchdog: the server would then never stop."""
    latar._write_state(home, _state(os.getpid()))
    (home / latar.LEASE_FILE).mkdir()  # open() fails: IsADirectoryError
    server, thread = _watch(home, idle_s=0.2)
    time.sleep(0.5)
    assert thread.is_alive() and not server.should_exit
    (home / latar.LEASE_FILE).rmdir()
    thread.join(5)
    assert server.should_exit
