"""rekap.xlsx speaks the clerk's words: no raw workbook keys in its headers."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from flows.outputs.rekap import rekap_bytes
from tests.workbooks import check, sample, write


def test_the_rekap_headers_are_labels_not_keys(tmp_path):
    result = check(write(tmp_path, sample(), "p.xlsx"))
    assert result.round is not None and result.evaluation is not None
    data = rekap_bytes(result.round, result.evaluation, result.report.warnings, {})
    headers = [c.value for c in load_workbook(io.BytesIO(data))["Hasil"][1]]
    assert "Nilai kinerja (40%)" in headers and "Nilai rekam jejak (10%)" in headers
    assert not [h for h in headers if "_" in str(h)]
