"""How a round run ends in Prefect: the final state's result is what the engine raises or
returns at the end of a deployment run (the desk's worker), so it must never be a dict in a
failed state ("TypeError: Unexpected result for failed state" on the desk's console)."""

from __future__ import annotations

import pytest

from flows import orchestration
from flows.pipeline.round import RoundSummary


def ending(monkeypatch, summary: RoundSummary):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(orchestration, "run_round", lambda *a, **k: summary)
    monkeypatch.setattr(orchestration, "_artifacts", lambda s: None)
    return orchestration._round("x.xlsx", "outputs", True, True, None, True)


def test_a_rejected_round_ends_without_an_error_and_keeps_its_summary(monkeypatch):
    state = ending(monkeypatch, RoundSummary("x.xlsx", "K-1", "ditolak", message="Ditolak"))
    assert state.name == "Ditolak"
    assert state.result()["status"] == "ditolak"  # what the engine calls: no exception
    assert orchestration.state_summary(state, "x.xlsx")["status"] == "ditolak"


def test_a_failed_round_raises_its_own_message_not_a_type_error(monkeypatch):
    state = ending(monkeypatch, RoundSummary("x.xlsx", "K-1", "gagal", message="2 dokumen gagal"))
    assert state.is_failed()
    with pytest.raises(orchestration.RoundNotDone, match="2 dokumen gagal"):
        state.result()
    summary = orchestration.state_summary(state, "x.xlsx")
    assert summary["status"] == "gagal" and summary["message"] == "2 dokumen gagal"
