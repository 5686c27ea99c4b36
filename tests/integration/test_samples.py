"""The bundled sample rounds in inputs/: valid, realistic in shape, and reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.domain.models import RoundKind, Unsur
from flows.domain.ruleset import OUTCOMES
from flows.samples import SAMPLES
from tests.workbooks import check, write

INPUTS = Path(__file__).resolve().parents[2] / "inputs"


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def committed(request):
    return request.param, check(INPUTS / request.param)


def test_there_is_one_sample_per_kind_of_round():
    kinds = {check(INPUTS / name).round.jenis for name in SAMPLES}
    assert kinds == set(RoundKind)


def test_each_sample_is_valid(committed):
    _, result = committed
    assert result.report.ok, [str(i) for i in result.report.errors]


def test_each_sample_has_8_to_15_officials_and_a_mixed_team_of_5(committed):
    _, result = committed
    rnd = result.round
    assert 8 <= len(rnd.officials) <= 15
    assert len(rnd.team) == 5
    assert {m.unsur for m in rnd.team} == {Unsur.INTERNAL, Unsur.EKSTERNAL}
    assert any(m.nip is None for m in rnd.team)


def test_the_committed_file_matches_its_generator(committed, tmp_path):
    name, result = committed
    fresh = check(write(tmp_path, SAMPLES[name](), name))
    assert fresh.round == result.round
    assert fresh.evaluation == result.evaluation


def test_the_evaluasi_kinerja_sample_reaches_every_outcome():
    result = check(INPUTS / "contoh-evaluasi-kinerja.xlsx")
    outcomes = {r.outcome for r in result.evaluation.results}
    assert set(OUTCOMES[RoundKind.EVALUASI_KINERJA]) <= outcomes
    assert "manual" in outcomes
    ranks = sorted(r.rank for r in result.evaluation.results)
    assert len(ranks) != len(set(ranks)), "the sample should show a tie"
