"""Several machines on one box: PostgreSQL, a Prefect server on it, a process work pool, two
workers as separate "machines" (own PID namespace, HOME, PREFECT_HOME, TMPDIR), rounds
submitted with `naskah run --pool`, and one worker killed outright while it signs a round.

Run alone with ``pytest -m skala``; it is part of the default run too.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

import pytest

from flows.outputs.files import TMP_MARK, sha256_file
from flows.samples import synthetic_round
from flows.verify import verify_round
from flows.workbook.writer import write_workbook
from tests import postgres
from tests.conftest import require_program
from tests.workbooks import set_putaran

pytestmark = [pytest.mark.skala, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
NASKAH = BIN / "naskah"
POOL = "skala"
SMALL_ROUNDS = 11
SMALL_OFFICIALS = 3
BIG_OFFICIALS = 40
"""The round the dead machine was signing: big enough to be caught mid-signing."""
DEADLINE_S = 900


def marked_processes(marker: str) -> list[int]:
    """Processes started by this test (they inherit NASKAH_SKALA=marker)."""
    found = []
    needle = f"NASKAH_SKALA={marker}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            with contextlib.suppress(OSError):
                if needle in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
    return found


def environ_of(pid: int) -> dict[str, str]:
    with contextlib.suppress(OSError):
        raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        return dict(item.decode(errors="replace").split("=", 1) for item in raw if b"=" in item)
    return {}


class Box:
    """Everything the test starts, stopped in reverse order whatever happens."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.marker = uuid.uuid4().hex
        self.pg = postgres.Cluster(max_connections=300)
        self.server: subprocess.Popen[bytes] | None = None
        self.workers: dict[str, subprocess.Popen[bytes]] = {}
        self.port = postgres.free_port()
        self.env: dict[str, str] = {}

    def start(self) -> None:
        self.pg.start()
        prefect_db = self.pg.create_database("prefect")
        register = self.pg.create_database("naskah")
        api = f"http://127.0.0.1:{self.port}/api"
        self.env = {**os.environ, "NASKAH_SKALA": self.marker, "PREFECT_API_URL": api,
                    "NASKAH_REGISTER": register, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                    "PREFECT_HOME": str(self.tmp / "klien"), "NASKAH_DETIK_ZOMBIE": "60",
                    "PREFECT_LOGGING_LEVEL": "WARNING"}
        self.env.pop("NASKAH_SETTINGS", None)
        server_env = {**self.env, "PREFECT_HOME": str(self.tmp / "server"),
                      "PREFECT_API_DATABASE_CONNECTION_URL":
                          prefect_db.replace("postgresql://", "postgresql+asyncpg://"),
                      "PREFECT_UI_ENABLED": "false"}
        self.server = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port",
             str(self.port)], env=server_env, stdout=(self.tmp / "server.log").open("wb"),
            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 180
        while True:
            assert self.server.poll() is None, (self.tmp / "server.log").read_text()
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{api}/health",
                                                                      timeout=2):
                break
            assert time.monotonic() < deadline, "Prefect server not ready"
            time.sleep(0.5)

    def start_worker(self, name: str) -> subprocess.Popen[bytes]:
        """A "machine": its own PID namespace (everything in it dies with it), home, temp."""
        home = self.tmp / "mesin" / name
        for sub in ("home", "prefect", "tmp"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        env = {**self.env, "HOME": str(home / "home"), "PREFECT_HOME": str(home / "prefect"),
               "TMPDIR": str(home / "tmp")}
        proc = subprocess.Popen(
            ["unshare", "--fork", "--pid", "--kill-child", str(NASKAH), "worker", "--pool",
             POOL, "--limit", "1", "--name", name], cwd=self.tmp / "kantor", env=env,
            stdout=(home / "worker.log").open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True)
        self.workers[name] = proc
        return proc

    def kill_machine(self, name: str) -> None:
        proc = self.workers[name]
        os.killpg(proc.pid, signal.SIGKILL)  # unshare; --kill-child takes the namespace
        proc.wait(timeout=30)

    def stop(self) -> None:
        for proc in self.workers.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(Exception):
                proc.wait(timeout=30)
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait(timeout=30)
        self.pg.stop()


def naskah(box: Box, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(NASKAH), *args], capture_output=True, text=True,
                          cwd=box.tmp / "kantor", env=box.env, timeout=timeout, check=False)


def workbooks(folder: Path) -> dict[str, Path]:
    """Round code → workbook: small rounds and one big one, all in one numbering series."""
    folder.mkdir(parents=True)
    made = {}
    for i in range(SMALL_ROUNDS + 1):
        big = i == SMALL_ROUNDS
        content = synthetic_round(BIG_OFFICIALS if big else SMALL_OFFICIALS, seed=i)
        kode = "SKALA-BESAR" if big else f"SKALA-{i + 1:02d}"
        set_putaran(content, "kode_putaran", kode)
        path = folder / f"{kode.lower()}.xlsx"
        write_workbook(path, content)
        made[kode] = path
    return made


@contextlib.contextmanager
def api(box: Box):  # type: ignore[no-untyped-def]
    """Prefect's client in this process talks to the box's server (Prefect reads its settings
    once, at import: the environment alone is not enough)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: box.env["PREFECT_API_URL"]}):
        yield


def flow_runs(box: Box, ids: list[str]) -> dict[str, object]:
    from uuid import UUID

    from prefect.client.orchestration import get_client

    with api(box), get_client(sync_client=True) as client:
        return {i: client.read_flow_run(UUID(i)) for i in ids}


def holder_of(box: Box, name: str) -> str | None:
    """The flow run id the worker ``name`` is running, if any."""
    home = str(box.tmp / "mesin" / name / "home")
    for pid in marked_processes(box.marker):
        env = environ_of(pid)
        if env.get("HOME") == home and env.get("PREFECT__FLOW_RUN_ID"):
            return env["PREFECT__FLOW_RUN_ID"]
    return None


def test_rounds_on_two_workers_survive_a_dead_machine(tmp_path, monkeypatch):
    require_program("soffice")
    require_program("unshare")
    postgres.require()
    started = time.monotonic()
    box = Box(tmp_path)
    timings: dict[str, float] = {}
    try:
        (tmp_path / "kantor").mkdir()
        rounds = workbooks(tmp_path / "inputs")
        out = tmp_path / "outputs"
        box.start()
        timings["server"] = time.monotonic() - started
        for key in ("PREFECT_API_URL", "PREFECT_HOME"):
            monkeypatch.setenv(key, box.env[key])
        deployed = naskah(box, "deploy", "--pool", POOL, "--batas-libreoffice", "2")
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        for name in ("mesin-a", "mesin-b"):
            box.start_worker(name)
        ordered = sorted(rounds, key=lambda k: k != "SKALA-BESAR")  # the big one first
        submitted = naskah(box, "run", *map(str, (rounds[k] for k in ordered)), "--out",
                           str(out), "--pool", POOL)
        assert submitted.returncode == 0, submitted.stdout + submitted.stderr
        ids = [line.split()[0] for line in submitted.stdout.splitlines() if line.strip()]
        assert len(ids) == len(rounds)
        run_of = dict(zip(ordered, ids, strict=True))
        timings["submitted"] = time.monotonic() - started

        # Wait until a worker signs the big round, then kill that machine outright.
        big = out / "SKALA-BESAR"
        total = 2 * BIG_OFFICIALS + 4
        victim = None
        deadline = time.monotonic() + DEADLINE_S / 2
        while victim is None:
            assert time.monotonic() < deadline, "the big round never reached signing"
            signed = len(list((big / "ttd").glob("*.pdf"))) if (big / "ttd").is_dir() else 0
            if 0 < signed < total:
                victim = next((n for n in box.workers
                               if holder_of(box, n) == run_of["SKALA-BESAR"]), None)
            assert signed < total, "signing finished before the machine could be killed"
            time.sleep(0.02)
        box.kill_machine(victim)
        killed_at = time.monotonic()
        timings["killed"] = killed_at - started
        signed_at_kill = len(list((big / "ttd").glob("*.pdf")))
        assert 0 < signed_at_kill < total
        box.start_worker(f"{victim}-baru")  # the machine comes back (a fresh process)

        # Every round completes; the killed one after one automatic reschedule.
        deadline = time.monotonic() + DEADLINE_S
        while True:
            runs = flow_runs(box, ids)
            states = {i: r.state for i, r in runs.items()}
            if all(s is not None and s.is_final() and not (s.is_crashed()
                                                           and runs[i].run_count <= 1)
                   for i, s in states.items()):
                break
            assert time.monotonic() < deadline, {i: s and s.name for i, s in states.items()}
            time.sleep(2)
        timings["completed"] = time.monotonic() - started
        assert all(s.is_completed() for s in states.values()), {
            k: (states[i].name, states[i].message) for k, i in run_of.items()}
        assert runs[run_of["SKALA-BESAR"]].run_count == 2
        assert all(r.run_count == 1 for k, r in ((k, runs[i]) for k, i in run_of.items())
                   if k != "SKALA-BESAR")

        # Numbers: per series exactly 1..n, no gap or duplicate, as in the manifests.
        import psycopg

        with psycopg.connect(box.env["NASKAH_REGISTER"]) as db:
            allocations = db.execute(
                "SELECT kode_putaran, kind, nip, nomor, kode_klasifikasi, unit, tahun, urut "
                "FROM allocation WHERE source = 'register'").fetchall()
            events = Counter(db.execute(
                "SELECT kode_putaran, kind, nip FROM history WHERE event = 'dialokasikan'"
            ).fetchall())
        series: dict[tuple, list[int]] = {}
        for row in allocations:
            series.setdefault(row[4:7], []).append(row[7])
        assert series, "no numbers allocated"
        for key, urut in series.items():
            assert sorted(urut) == list(range(1, len(urut) + 1)), key
        assert set(events.values()) == {1} and len(events) == len(allocations)
        registered = {(r[0], r[1], r[2]): r[3] for r in allocations}
        in_manifests = {}
        for kode in rounds:
            manifest = json.loads((out / kode / "manifest.json").read_text(encoding="utf-8"))
            assert not manifest["failures"], manifest["failures"]
            # sk_tim, berita acara, saran pendapat, two letters per official, and the letter
            # to BKN only when the law's tables send someone there (v2 rules)
            officials = BIG_OFFICIALS if kode == "SKALA-BESAR" else SMALL_OFFICIALS
            asks = any(r["needs_request"] for r in manifest["results"])
            expected = 2 * officials + 3 + asks
            assert len(manifest["documents"]) == expected, kode
            for doc in manifest["documents"]:
                in_manifests[(kode, doc["kind"], doc["nip"] or "")] = doc["number"]
                assert doc["signed_pdf"], (kode, doc["kind"])
                for part in ("docx", "pdf", "signed_pdf"):
                    assert sha256_file(out / kode / doc[part]) == doc["sha256"][part]
            # every signed file is the manifest's: the killed run left no stray copy
            listed = {doc["signed_pdf"] for doc in manifest["documents"]}
            present = {f"ttd/{p.name}" for p in (out / kode / "ttd").glob("*.pdf")}
            assert present == listed, kode
        # what the dead machine had signed was adopted from the signing journal or
        # replaced: exactly one signed file per letter (checked above), none aside
        assert signed_at_kill >= 1
        assert in_manifests == registered

        # A rerun through the pool, waited for: the usual summary, nothing new numbered.
        again = naskah(box, "run", str(rounds["SKALA-01"]), "--out", str(out), "--pool", POOL,
                       "--wait")
        assert again.returncode == 0, again.stdout + again.stderr
        assert "SKALA-01" in again.stdout and "Semua putaran selesai." in again.stdout
        with psycopg.connect(box.env["NASKAH_REGISTER"]) as db:
            count = db.execute("SELECT count(*) FROM allocation WHERE source = 'register'")
            assert count.fetchone() == (len(allocations),)
        assert not list(out.rglob(f"*{TMP_MARK}*"))
        verified = naskah(box, "verify", str(big))  # the command, on the killed round
        assert verified.returncode == 0, verified.stdout
        for kode in rounds:  # and its code on every round (a process each costs seconds)
            checked, problems = verify_round(out / kode)
            assert checked and not problems, (kode, problems)

        # The global LibreOffice limit is free again (the dead machine's lease expired).
        from prefect.client.orchestration import get_client

        deadline = time.monotonic() + 120
        while True:
            with api(box), get_client(sync_client=True) as client:
                limit = client.read_global_concurrency_limit_by_name("naskah-libreoffice")
            if limit.active_slots == 0 or time.monotonic() > deadline:
                break
            time.sleep(2)
        assert (limit.limit, limit.active_slots) == (2, 0)
    finally:
        box.stop()
        timings["total"] = time.monotonic() - started
        print("skala timings (s):", {k: round(v, 1) for k, v in timings.items()})
    assert not marked_processes(box.marker), "processes left behind"
    assert not box.pg.server_pids(), "PostgreSQL left behind"


def wait_state(box: Box, run_id: str, done,  # type: ignore[no-untyped-def]
               timeout_s: float = DEADLINE_S / 2):
    deadline = time.monotonic() + timeout_s
    while True:
        run = flow_runs(box, [run_id])[run_id]
        if run.state is not None and done(run):
            return run
        assert time.monotonic() < deadline, run.state and (run.state.name, run.state.message)
        time.sleep(1)


def test_a_round_waiting_for_approval_survives_its_dead_machine(tmp_path, monkeypatch):
    """The paused round holds its lock; its machine dies; another runs it to the pause again
    (a fresh approval), no number changes, nothing is signed before the approval."""
    require_program("soffice")
    require_program("unshare")
    postgres.require()
    from prefect.flow_runs import resume_flow_run

    from flows.outputs.lock import RoundBusy, round_lock

    box = Box(tmp_path)
    try:
        (tmp_path / "kantor").mkdir()
        content = synthetic_round(SMALL_OFFICIALS, seed=7)
        set_putaran(content, "kode_putaran", "SKALA-SETUJU")
        (tmp_path / "inputs").mkdir()
        workbook = tmp_path / "inputs" / "setuju.xlsx"
        write_workbook(workbook, content)
        out = tmp_path / "outputs"
        folder = out / "SKALA-SETUJU"
        box.start()
        for key in ("PREFECT_API_URL", "PREFECT_HOME"):
            monkeypatch.setenv(key, box.env[key])
        assert naskah(box, "deploy", "--pool", POOL).returncode == 0
        box.start_worker("mesin-a")
        submitted = naskah(box, "run", str(workbook), "--out", str(out), "--pool", POOL,
                           "--require-approval")
        assert submitted.returncode == 0, submitted.stderr
        run_id = submitted.stdout.split()[0]
        wait_state(box, run_id, lambda r: r.state.is_paused())
        register = box.env["NASKAH_REGISTER"]
        with pytest.raises(RoundBusy), round_lock(folder, "SKALA-SETUJU", register):
            pass  # the paused round holds its lock: no other machine may run it
        import psycopg

        with psycopg.connect(register) as db:
            numbers = db.execute("SELECT kind, nip, nomor FROM allocation ORDER BY 1, 2"
                                 ).fetchall()
        box.kill_machine("mesin-a")
        box.start_worker("mesin-b")
        run = wait_state(box, run_id, lambda r: r.state.is_paused() and r.run_count == 2)
        assert not list((folder / "ttd").glob("*.pdf"))  # nothing signed without approval
        with pytest.raises(RoundBusy), round_lock(folder, "SKALA-SETUJU", register):
            pass
        with api(box):
            resume_flow_run(run.id, run_input={"setuju": True, "alasan": "",
                                               "penyetuju": "Penyetuju Uji"})
        run = wait_state(box, run_id, lambda r: r.state.is_final())
        assert run.state.is_completed(), (run.state.name, run.state.message)
        with psycopg.connect(register) as db:
            assert db.execute("SELECT kind, nip, nomor FROM allocation ORDER BY 1, 2"
                              ).fetchall() == numbers
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["approval"]["by"] == "Penyetuju Uji"
        assert all(d["signed_pdf"] for d in manifest["documents"])
        assert naskah(box, "verify", str(folder)).returncode == 0
    finally:
        box.stop()
    assert not marked_processes(box.marker), "processes left behind"
