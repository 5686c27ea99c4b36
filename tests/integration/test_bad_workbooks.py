"""Every fault of the bad-workbook corpus is reported at its exact cell, in Indonesian."""

from __future__ import annotations

import json

import pytest

from flows.cli import main
from tests.integration.bad_corpus import FAULTS, combined
from tests.workbooks import check


def found(issues, expected):
    severity, ref, words = expected
    return [i for i in issues if i.severity.value == severity and i.ref == ref
            and all(w in i.message for w in words)]


def test_the_corpus_has_at_least_25_distinct_faults():
    assert len({f.name for f in FAULTS}) == len(FAULTS) >= 25
    assert len({(f.expect[0][1], f.expect[0][2]) for f in FAULTS}) == len(FAULTS)


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_each_fault_is_reported_at_its_cell_and_nothing_else_is_wrong(tmp_path, fault):
    result = check(fault.build(tmp_path))
    for expected in fault.expect:
        assert found(result.report.issues, expected), (
            f"expected {expected}, got:\n" + "\n".join(map(str, result.report.issues)))
    expected_errors = {ref for severity, ref, _ in fault.expect if severity == "error"}
    assert {i.ref for i in result.report.errors} == expected_errors
    assert result.report.ok is (not expected_errors)
    assert (result.round is None) is bool(expected_errors)


def test_validate_reports_every_fault_of_one_file_in_one_run(tmp_path, capsys):
    path, expected = combined(tmp_path)
    assert len(expected) >= 25
    assert main(["validate", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    issues = report["issues"]
    for severity, ref, words in expected:
        assert any(i["severity"] == severity and i["ref"] == ref
                   and all(w in i["message"] for w in words) for i in issues), (ref, words)
    assert report["errors"] == len([e for e in expected if e[0] == "error"])
    assert report["ok"] is False and report["results"] == []


@pytest.mark.parametrize("fault", FAULTS[:12], ids=[f.name for f in FAULTS[:12]])
def test_validate_exits_1_and_prints_the_cell(tmp_path, capsys, fault):
    path = fault.build(tmp_path)
    code = main(["validate", str(path)])
    out = capsys.readouterr().out
    _, ref, words = fault.expect[0]
    assert code == 1
    line = next(line for line in out.splitlines() if f" {ref}: " in line)
    assert line.startswith("KESALAHAN")
    assert all(w in line for w in words)
    assert "Workbook tidak sah" in out
