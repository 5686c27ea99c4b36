"""The register and the round lock on PostgreSQL (several machines): gap-free across
processes, a rerun keeps its number, a rollback leaves no gap, an export keeps every number,
and the round lock holds across sessions and goes with a dead holder."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.domain.numbering import Series
from flows.outputs.lock import RoundBusy, round_lock
from flows.register import Register, RegisterError, open_register
from flows.register_pg import PgRegister, export_sqlite
from flows.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
SERIES = Series("800.1.5.3", "BKPSDM", 2024)


def render(urut: int) -> str:
    return f"800.1.5.3/{urut}/BKPSDM/2024"


def rows(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url) as db:
        return db.execute(sql).fetchall()


def test_the_setting_takes_a_postgresql_url(pg_url, monkeypatch):
    monkeypatch.setenv("NASKAH_REGISTER", pg_url)
    settings = load_settings()
    assert settings.register == pg_url
    assert isinstance(open_register(settings.register), PgRegister)
    monkeypatch.setenv("NASKAH_REGISTER", "register/nomor.sqlite")
    assert load_settings().register == Path("register/nomor.sqlite")


def test_a_key_keeps_its_number_and_series_run_separately(pg_url):
    register = PgRegister(pg_url)
    first = register.allocate(("R1", "sk_tim", ""), SERIES, render)
    again = PgRegister(pg_url).allocate(("R1", "sk_tim", ""), SERIES, render)
    other = register.allocate(("R1", "berita_acara", ""), SERIES, render)
    elsewhere = register.allocate(("R2", "sk_tim", ""), Series("800.1.3.3", "BKPSDM", 2024),
                                  lambda u: f"800.1.3.3/{u}/BKPSDM/2024")
    assert (first.nomor, first.new) == ("800.1.5.3/1/BKPSDM/2024", True)
    assert (again.nomor, again.urut, again.new) == (first.nomor, 1, False)
    assert (other.urut, elsewhere.urut) == (2, 1)
    assert register.numbers("R1") == {("sk_tim", ""): first.nomor,
                                      ("berita_acara", ""): other.nomor}


def test_a_failure_inside_the_allocation_rolls_back_and_leaves_no_gap(pg_url):
    register = PgRegister(pg_url)
    register.allocate(("R1", "a", ""), SERIES, render)

    def broken(urut: int) -> str:
        raise RuntimeError("mati di tengah transaksi")

    with pytest.raises(RuntimeError):
        register.allocate(("R1", "b", ""), SERIES, broken)
    with pytest.raises(RegisterError, match="sudah ada di register"):  # the same number twice
        register.allocate(("R1", "c", ""), SERIES, lambda u: "800.1.5.3/1/BKPSDM/2024")
    nxt = register.allocate(("R1", "b", ""), SERIES, render)
    assert nxt.urut == 2  # neither failure consumed a number
    assert rows(pg_url, "SELECT last_urut FROM series") == [(2,)]


def test_given_numbers_are_recorded_once_and_never_shared(pg_url):
    register = PgRegister(pg_url)
    old = register.allocate(("R1", "sk_tim", ""), SERIES, render)
    assert register.record_given(("R1", "sk_tim", ""), "800/5/BKPSDM/2024").new
    assert not register.record_given(("R1", "sk_tim", ""), "800/5/BKPSDM/2024").new
    with pytest.raises(RegisterError, match="sudah dipakai untuk sk_tim putaran R1"):
        register.record_given(("R2", "sk_tim", ""), "800/5/BKPSDM/2024")
    assert register.allocate(("R1", "x", ""), SERIES, render).urut == old.urut + 1
    events = [e for (e,) in rows(pg_url, "SELECT event FROM history ORDER BY id")]
    assert events == ["dialokasikan", "diganti nomor dari workbook", "dari workbook",
                      "dialokasikan"]


def worker(url: str, kode: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.register_worker", url, kode,
                             str(count)], cwd=ROOT, stdout=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_processes_allocate_gap_free_and_a_killed_one_resumes(pg_url):
    PgRegister(pg_url)
    procs = [worker(pg_url, "PUTARAN-A", 300), worker(pg_url, "PUTARAN-B", 100_000)]
    assert procs[1].stdout is not None
    for _ in range(150):
        procs[1].stdout.readline()
    procs[1].send_signal(signal.SIGKILL)  # mid-stream, perhaps mid-transaction
    procs[1].wait(timeout=30)
    procs[0].communicate(timeout=300)
    assert procs[0].returncode == 0
    before = dict(rows(pg_url, "SELECT nip, nomor FROM allocation WHERE "
                               "kode_putaran = 'PUTARAN-B'"))
    rerun = worker(pg_url, "PUTARAN-B", len(before) + 20)
    rerun.communicate(timeout=300)
    assert rerun.returncode == 0
    after = dict(rows(pg_url, "SELECT nip, nomor FROM allocation WHERE "
                              "kode_putaran = 'PUTARAN-B'"))
    assert {k: after[k] for k in before} == before  # the rerun kept every number
    urut = sorted(u for (u,) in rows(pg_url, "SELECT urut FROM allocation"))
    assert urut == list(range(1, 300 + len(before) + 21))  # 1..n: no gap, no duplicate
    assert rows(pg_url, "SELECT last_urut FROM series") == [(len(urut),)]


def test_an_office_register_moves_to_postgresql_with_every_number(tmp_path, pg_url):
    path = tmp_path / "nomor.sqlite"
    lite = Register(path)
    for i in range(5):
        lite.allocate(("R1", "undangan", f"{i:018d}"), SERIES, render)
    lite.record_given(("R1", "sk_tim", ""), "800/112/BKPSDM/2023")
    lite.allocate(("R2", "sk_tim", ""), Series("800.1.3.3", "BKPSDM", 2024),
                  lambda u: f"800.1.3.3/{u}/BKPSDM/2024")
    counts = export_sqlite(path, pg_url)
    assert counts == {"series": 2, "allocation": 7, "history": 7}
    moved = PgRegister(pg_url)
    assert moved.numbers("R1") == lite.numbers("R1")
    assert moved.numbers("R2") == lite.numbers("R2")
    assert moved.allocate(("R3", "x", ""), SERIES, render).urut == 6  # continues the series
    with pytest.raises(RegisterError, match="sudah berisi"):  # never merged twice
        export_sqlite(path, pg_url)
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM allocation").fetchone() == (7,)  # source intact
    db.close()


def test_register_export_command(tmp_path, pg_url, monkeypatch):
    path = tmp_path / "nomor.sqlite"
    Register(path).allocate(("R1", "sk_tim", ""), SERIES, render)
    monkeypatch.setenv("NASKAH_REGISTER", str(path))
    done = subprocess.run([sys.executable, "-m", "flows", "register", "export", "--ke",
                           pg_url], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 nomor" in done.stdout
    assert PgRegister(pg_url).numbers("R1") == {("sk_tim", ""): "800.1.5.3/1/BKPSDM/2024"}


HOLDER = """
import sys, time
from pathlib import Path
from flows.outputs.lock import round_lock
with round_lock(Path(sys.argv[2]), "EVKIN-X", sys.argv[1]):
    print("held", flush=True)
    time.sleep(600)
"""


def test_the_round_lock_holds_across_sessions_and_goes_with_a_dead_holder(tmp_path, pg_url):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, pg_url, str(tmp_path)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        busy = pytest.raises(RoundBusy, match=rf"EVKIN-X sedang diproses \(naskah .* PID "
                                              rf"{holder.pid}")
        with busy, round_lock(tmp_path, "EVKIN-X", pg_url):
            pass
        with round_lock(tmp_path, "EVKIN-Y", pg_url):  # another round is not blocked
            pass
        holder.send_signal(signal.SIGKILL)  # the machine dies: its session ends
        holder.wait(timeout=30)
        started = time.monotonic()
        with round_lock(tmp_path, "EVKIN-X", pg_url, wait_s=30):
            assert time.monotonic() - started < 30
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert not (tmp_path / ".naskah.lock").exists()  # no file lock with PostgreSQL


def test_verify_accounts_for_every_number_of_a_postgresql_register(pg_url):
    """verify's check that every allocated number is a letter of the manifest works with a
    PostgreSQL register too (a URL, not a file)."""
    from flows.outputs.manifest import Manifest
    from flows.verify import _register_problems

    nomor = PgRegister(pg_url).allocate(("VERIF-PG", "sk_tim", ""), SERIES, render).nomor
    listed = Manifest.from_json({"kode_putaran": "VERIF-PG", "documents": [
        {"kind": "sk_tim", "title": "SK", "nip": None, "number": nomor}]})
    assert _register_problems(listed, pg_url) == []
    problems = _register_problems(
        Manifest.from_json({"kode_putaran": "VERIF-PG", "documents": []}), pg_url)
    assert len(problems) == 1 and nomor in problems[0].message


def test_a_book_of_its_own_numbers_on_its_own_as_in_sqlite(tmp_path, pg_url):
    """A series with its own book (the Bagian Hukum's Keputusan register) keeps its own
    counter on PostgreSQL too, keyed as the SQLite register keys it (so an export carries
    on where the office's book stopped)."""
    agenda = Series("100.9.9", "BUKU", 2024)
    book = Series("100.9.9", "BUKU", 2024, buku="Kep")
    lite, pg = Register(tmp_path / "nomor.sqlite"), PgRegister(pg_url)
    for register in (lite, pg):
        register.allocate(("B1", "undangan", "1"), agenda, lambda u: f"BUKU/{u}")
        register.allocate(("B1", "undangan", "2"), agenda, lambda u: f"BUKU/{u}")
    assert lite.allocate(("B1", "sk_tim", ""), book, lambda u: f"BUKU/Kep.{u}").urut == 1
    assert pg.allocate(("B1", "sk_tim", ""), book, lambda u: f"BUKU/Kep.{u}").urut == 1
    assert rows(pg_url, "SELECT unit, last_urut FROM series WHERE kode_klasifikasi = "
                        "'100.9.9' ORDER BY unit") == [("BUKU", 2), ("BUKU (Kep)", 1)]


def test_a_rerun_with_nothing_to_do_reads_a_postgresql_register(tmp_path, pg_url):
    """`naskah run` checks whether a round is already finished before starting Prefect; with
    a PostgreSQL register that check opens the register by its URL (not as a SQLite path,
    which ended in an internal error on every rerun)."""
    from dataclasses import replace

    from flows.pipeline.plain import run_plain
    from flows.pipeline.round import RunOptions
    from flows.running import _already_finished
    from tests.workbooks import sample, write

    content = sample()
    content.pejabat = content.pejabat[:2]
    settings = replace(load_settings(None), register=pg_url)
    workbook, out = write(tmp_path, content, "putaran.xlsx"), tmp_path / "hasil"
    assert run_plain(workbook, RunOptions(out, pdf=False, sign=False), settings).ok
    finished = _already_finished([workbook], out, settings, pdf=False, sign=False,
                                 templates=None)
    assert finished is not None and [s["status"] for s in finished] == ["selesai"]


@pytest.mark.parametrize("fails", [False, True], ids=["ok", "failed"])
def test_a_round_closes_its_register_connection(tmp_path, pg_url, monkeypatch, fails):
    """The register's connection of a round is closed by the round, numbered or failed, not
    left to the garbage collector (the test keeps every connection alive to tell)."""
    from dataclasses import replace

    from flows import register_pg
    from flows.pipeline import round as round_module
    from flows.pipeline.round import RunOptions, open_round, plan_round
    from tests.workbooks import sample, write

    made: list = []
    real_connect = register_pg.connect

    def recorded(url: str, autocommit: bool = False):  # type: ignore[no-untyped-def]
        made.append(real_connect(url, autocommit))
        return made[-1]

    monkeypatch.setattr(register_pg, "connect", recorded)
    if fails:
        real_prepare = round_module.prepare_letters

        def numbered_then_failed(*args, **kwargs):  # type: ignore[no-untyped-def]
            real_prepare(*args, **kwargs)
            raise RuntimeError("gangguan setelah penomoran")

        monkeypatch.setattr(round_module, "prepare_letters", numbered_then_failed)
    content = sample()
    content.pejabat = content.pejabat[:2]
    settings = replace(load_settings(None), register=pg_url)
    workbook = write(tmp_path, content, "putaran.xlsx")
    result = open_round(workbook, settings)
    assert result.round is not None
    options = RunOptions(tmp_path / "hasil", pdf=False, sign=False)
    if fails:
        with pytest.raises(RuntimeError, match="setelah penomoran"):
            plan_round(workbook, result, settings, options)
    else:  # a whole round: its lock, its numbers, its letters, its manifest
        from flows.pipeline.plain import run_plain

        summary = run_plain(workbook, options, settings)
        assert summary.ok and summary.documents, summary
        assert len(made) == 2  # the round lock's session and the register's
    assert made and all(db.closed for db in made), [db.closed for db in made]
    assert rows(pg_url, "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                        f"'{register_pg.application_name()}'") == [(0,)]
