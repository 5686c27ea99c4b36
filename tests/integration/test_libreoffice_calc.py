"""Clerks save workbooks with LibreOffice Calc too: what it writes is read the same way."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from flows.samples import SAMPLES
from tests.conftest import require_program
from tests.workbooks import check, sample, write


@pytest.fixture(scope="module")
def resaved(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Every sample, plus one with an uncalculated formula, saved again by LibreOffice Calc."""
    require_program("soffice")
    folder = tmp_path_factory.mktemp("calc")
    originals = [write(folder, SAMPLES[name](), name) for name in SAMPLES]
    content = sample()
    content.pejabat[0]["nilai_kinerja"] = "=80+8"
    originals.append(write(folder, content, "rumus.xlsx"))
    out = folder / "disimpan-calc"
    subprocess.run(
        ["soffice", "--headless", "--norestore",
         f"-env:UserInstallation=file://{folder / 'profil'}",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
         *map(str, originals)],
        check=True, capture_output=True, timeout=240,
    )
    return {p.name: (p, out / p.name) for p in originals}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_sample_saved_by_calc_reads_as_the_same_round(resaved, name):
    original, again = resaved[name]
    before, after = check(original), check(again)
    assert after.report.ok, [str(i) for i in after.report.issues]
    assert after.round == before.round
    assert after.evaluation == before.evaluation


def test_calc_calculates_formulas_and_the_value_is_used(resaved):
    _, again = resaved["rumus.xlsx"]
    result = check(again)
    assert result.report.ok
    assert result.round.officials[0].scores["nilai_kinerja"] == 88
