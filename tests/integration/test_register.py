"""The numbering register: once per document, never twice, across reruns, crashes, processes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from flows.domain.numbering import Series
from flows.register import Register, RegisterError

ROOT = Path(__file__).resolve().parents[2]
SERIES = Series("800.1.5.3", "BKPSDM", 2024)


def render(urut: int) -> str:
    return f"800.1.5.3/{urut}/BKPSDM/2024"


def numbers_in(path: Path) -> dict[str, tuple[str, int]]:
    """(nomor, urut) by document key (kode_putaran/nip) of every register allocation."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT kode_putaran, nip, nomor, urut FROM allocation "
                          "WHERE urut IS NOT NULL").fetchall()
    finally:
        db.close()
    return {f"{kode}/{nip}": (nomor, urut) for kode, nip, nomor, urut in rows}


def test_a_key_gets_its_number_once_and_keeps_it(tmp_path):
    register = Register(tmp_path / "nomor.sqlite")
    first = register.allocate(("R1", "sk_tim", ""), SERIES, render)
    again = register.allocate(("R1", "sk_tim", ""), SERIES, render)
    other = register.allocate(("R1", "berita_acara", ""), SERIES, render)
    assert (first.nomor, first.new) == ("800.1.5.3/1/BKPSDM/2024", True)
    assert (again.nomor, again.new) == (first.nomor, False)
    assert other.nomor == "800.1.5.3/2/BKPSDM/2024"
    assert Register(tmp_path / "nomor.sqlite").numbers("R1") == {
        ("sk_tim", ""): first.nomor, ("berita_acara", ""): other.nomor}


def test_series_run_separately_per_code_unit_and_year(tmp_path):
    register = Register(tmp_path / "nomor.sqlite")
    a = register.allocate(("R1", "sk_tim", ""), SERIES, render)
    b = register.allocate(("R2", "sk_tim", ""), Series("800.1.3.3", "BKPSDM", 2024),
                          lambda u: f"800.1.3.3/{u}/BKPSDM/2024")
    c = register.allocate(("R3", "sk_tim", ""), Series("800.1.5.3", "BKPSDM", 2025),
                          lambda u: f"800.1.5.3/{u}/BKPSDM/2025")
    assert (a.urut, b.urut, c.urut) == (1, 1, 1)


def test_a_number_given_in_the_workbook_is_recorded_and_not_given_to_another(tmp_path):
    register = Register(tmp_path / "nomor.sqlite")
    given = register.record_given(("R1", "sk_tim", ""), "800/112/BKPSDM/2023")
    assert given.new and register.record_given(("R1", "sk_tim", ""),
                                               "800/112/BKPSDM/2023").new is False
    with pytest.raises(RegisterError, match="sudah dipakai untuk sk_tim putaran R1"):
        register.record_given(("R2", "sk_tim", ""), "800/112/BKPSDM/2023")


def test_a_changed_given_number_never_frees_the_old_one(tmp_path):
    register = Register(tmp_path / "nomor.sqlite")
    old = register.allocate(("R1", "sk_tim", ""), SERIES, render)
    register.record_given(("R1", "sk_tim", ""), "800/5/BKPSDM/2024")
    nxt = register.allocate(("R1", "berita_acara", ""), SERIES, render)
    assert old.urut == 1 and nxt.urut == 2  # urut 1 stays consumed
    db = sqlite3.connect(tmp_path / "nomor.sqlite")
    events = [e for (e,) in db.execute("SELECT event FROM history ORDER BY id")]
    db.close()
    assert "diganti nomor dari workbook" in events


def test_a_pattern_that_repeats_a_number_is_refused(tmp_path):
    register = Register(tmp_path / "nomor.sqlite")
    register.allocate(("R1", "sk_tim", ""), SERIES, lambda u: "800/TETAP/2024")
    with pytest.raises(RegisterError, match="sudah ada di register"):
        register.allocate(("R1", "berita_acara", ""), SERIES, lambda u: "800/TETAP/2024")


def test_an_unusable_register_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    with pytest.raises(RegisterError, match="tidak dapat dibuka"):
        Register(blocker / "nomor.sqlite")


def worker(path: Path, kode: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.register_worker", str(path), kode,
                             str(count)], cwd=ROOT, stdout=subprocess.PIPE, text=True)


def test_two_processes_allocating_1000_numbers_never_share_one(tmp_path):
    path = tmp_path / "nomor.sqlite"
    Register(path)
    procs = [worker(path, "PUTARAN-A", 500), worker(path, "PUTARAN-B", 500)]
    for proc in procs:
        proc.communicate(timeout=300)
        assert proc.returncode == 0
    rows = numbers_in(path).values()
    assert len(rows) == 1000
    assert len({nomor for nomor, _ in rows}) == 1000
    assert sorted(urut for _, urut in rows) == list(range(1, 1001))


def test_a_killed_run_resumes_with_the_same_numbers_and_no_gap(tmp_path):
    path = tmp_path / "nomor.sqlite"
    Register(path)
    proc = worker(path, "PUTARAN-A", 100_000)
    assert proc.stdout is not None
    for _ in range(200):  # let it allocate a good number, then kill it mid-stream
        proc.stdout.readline()
    proc.kill()
    proc.wait(timeout=30)
    before = numbers_in(path)
    assert len(before) >= 200
    rerun = worker(path, "PUTARAN-A", len(before) + 50)
    rerun.communicate(timeout=300)
    assert rerun.returncode == 0
    after = numbers_in(path)
    assert {key: after[key] for key in before} == before
    assert sorted(urut for _, urut in after.values()) == list(range(1, len(before) + 51))


def test_a_round_is_numbered_in_the_order_of_its_letters_dates(tmp_path):
    from datetime import date

    from flows.documents import REGISTRY
    from tests.letters import letters_for
    from tests.workbooks import sample

    letters = letters_for(tmp_path, sample("evaluasi_kinerja"))
    rnd = letters.inputs.round
    assert rnd.tanggal_undangan < rnd.tanggal_berita_acara < rnd.tanggal_pemberitahuan
    urut = {key: int(nomor.split("/")[1]) for key, nomor in letters.inputs.numbers.items()
            if nomor.startswith("800.1.5.3/") and "/Kep." not in nomor}
    agenda = sorted(urut.items(), key=lambda item: item[1])
    on: list[date] = [REGISTRY[kind].date(rnd) for (kind, _), _ in agenda]
    assert on == sorted(on), agenda
    undangan = [u for (kind, _), u in urut.items() if kind == "undangan"]
    assert max(undangan) < urut[("berita_acara", "")]
    # the Keputusan draws from its own book: number 1, although the agenda has its own 1
    assert letters.inputs.numbers[("sk_tim", "")] == "800.1.5.3/Kep.1/BKPSDM/2024"
    assert 1 in urut.values()
