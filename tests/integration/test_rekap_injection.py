"""rekap.xlsx holds what clerks typed as text: never a formula, never a hyperlink."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

from openpyxl import load_workbook

from flows.outputs.rekap import rekap_bytes
from flows.pipeline.round import open_round
from flows.settings import load_settings
from tests.workbooks import sample, write

DDE = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://penyerang.example/x","Klik")'


def test_formulas_typed_as_names_stay_text(tmp_path):
    result = open_round(write(tmp_path, sample(), "putaran.xlsx"), load_settings())
    assert result.round is not None and result.evaluation is not None
    first, second, *rest = result.evaluation.results
    evil = replace(result.evaluation, results=(
        replace(first, official=replace(first.official, nama=DDE), recommendation="+1+1"),
        replace(second, official=replace(second.official, jabatan=LINK)), *rest))
    numbers = {("undangan", first.official.nip.digits): "@SUM(A1)"}
    data = rekap_bytes(result.round, evil, [], numbers)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula anywhere
    assert "<hyperlink" not in sheet
    ws = load_workbook(io.BytesIO(data))["Hasil"]
    values = [c.value for row in ws.iter_rows() for c in row]
    texts = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert any(DDE in v for v in values if isinstance(v, str))
    assert LINK in values and "+1+1" in values and "@SUM(A1)" in values
    assert all(texts[v].data_type == "s" for v in (LINK, "+1+1", "@SUM(A1)"))
    assert texts[LINK].quotePrefix
