"""A rerun with nothing to do says so at once, without starting Prefect or LibreOffice; any
change (a score, a deleted file) runs the round as usual."""

from __future__ import annotations

import time
from pathlib import Path

from flows import prefect_setup
from flows.cli import main
from tests.conftest import require_program
from tests.rounds import produce_round
from tests.workbooks import sample, write

STARTED: list[bool] = []  # reset per test below


class PrefectStarted(Exception):
    pass


def _no_prefect(*_: object) -> None:
    STARTED.append(True)
    raise PrefectStarted


def test_a_finished_round_is_reported_without_running_it(tmp_path, monkeypatch, capsys):
    require_program("soffice")
    STARTED.clear()
    content = sample()
    content.pejabat = content.pejabat[:2]
    summary = produce_round(tmp_path, content)
    assert summary.ok, summary.failures
    monkeypatch.setenv("NASKAH_REGISTER", str(tmp_path / "register.sqlite"))
    monkeypatch.setattr(prefect_setup, "start_embedded", _no_prefect)
    workbook, out = tmp_path / "putaran.xlsx", tmp_path / "hasil"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}

    started = time.monotonic()
    assert main(["run", str(workbook), "--out", str(out)]) == 0
    assert time.monotonic() - started < 10
    captured = capsys.readouterr()
    assert "Tidak ada yang perlu dikerjakan" in captured.err
    assert "selesai" in captured.out and " 0 " in captured.out
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before

    signed = next(Path(out).glob("*/ttd/*.pdf"))
    assert not STARTED
    signed.unlink()  # a missing file: the round runs (here: Prefect is asked to start)
    main(["run", str(workbook), "--out", str(out)])
    assert STARTED == [True]

    produce_round(tmp_path, content)  # whole again
    content.pejabat[0]["nilai_kinerja"] = 50  # a changed workbook: the round runs
    write(tmp_path, content, "putaran.xlsx")
    main(["run", str(workbook), "--out", str(out)])
    assert STARTED == [True, True]
