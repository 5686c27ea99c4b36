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


def test_the_rekap_warnings_name_no_raw_key(tmp_path):
    from tests.integration.test_clerk_words import raw_keys

    content = sample()
    content.pejabat[0]["rekomendasi_manual"] = "Dipertahankan dalam jabatan"
    result = check(write(tmp_path, content, "p.xlsx"))
    assert result.round is not None and result.evaluation is not None
    data = rekap_bytes(result.round, result.evaluation, result.report.warnings, {})
    rows = [[str(c.value or "") for c in row]
            for row in load_workbook(io.BytesIO(data))["Peringatan"].iter_rows(min_row=2)]
    assert len(rows) >= 2  # the sample warns of a protected move; the manual recommendation
    assert not [key for row in rows for cell in row for key in raw_keys(cell)]
