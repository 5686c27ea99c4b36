"""Files that are not round workbooks get one clear message; odd but valid ones are read."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from flows.errors import WorkbookError
from flows.workbook.reader import MAX_DATA_ROWS, read_workbook
from tests.workbooks import (
    cache_formula_values,
    check,
    pejabat_ref,
    rewrite_parts,
    sample,
    write,
)

PEJABAT = "xl/worksheets/sheet4.xml"
"""The part of sheet Pejabat in workbooks written by flows.workbook.writer."""


def unreadable(path: Path) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    return str(caught.value)


def test_a_text_file_named_xlsx(tmp_path):
    path = tmp_path / "putaran.xlsx"
    path.write_text("nip;nama\n197001011995031001;Contoh\n", encoding="utf-8")
    assert "bukan berkas Excel .xlsx" in unreadable(path)


def test_a_truncated_workbook(tmp_path):
    path = write(tmp_path, sample())
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    message = unreadable(path)
    assert "rusak" in message or "bukan berkas Excel" in message


def test_a_workbook_with_a_damaged_part(tmp_path):
    path = write(tmp_path, sample())
    rewrite_parts(path, lambda name, data: data[: len(data) // 3] if name == PEJABAT else data)
    assert "workbook rusak" in unreadable(path)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catatan.txt", "bukan workbook")
    assert "bukan workbook Excel" in unreadable(path)


def test_an_opendocument_spreadsheet(tmp_path):
    path = tmp_path / "putaran.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument (.ods)" in unreadable(path)


def test_a_password_protected_workbook(tmp_path):
    plain = write(tmp_path, sample(), "polos.xlsx")
    protected = tmp_path / "terkunci.xlsx"
    with plain.open("rb") as source, protected.open("wb") as target:
        office = OOXMLFile(source)
        office.encrypt("rahasia", target)
    assert "dilindungi kata sandi" in unreadable(protected)


def test_a_missing_file_and_a_folder(tmp_path):
    assert "tidak ditemukan" in unreadable(tmp_path / "tidak-ada.xlsx")
    assert "bukan berkas" in unreadable(tmp_path)


def test_a_sheet_with_100000_rows_gets_a_message_in_bounded_time_and_memory(tmp_path):
    path = write(tmp_path, sample(), "besar.xlsx")
    rows = "".join(
        f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>19700101 199503 1 001</t></is></c>'
        f'<c r="D{r}" t="inlineStr"><is><t>Pejabat {r}</t></is></c></row>'
        for r in range(2, 100_002))
    replace_sheet_data(path, rows)
    code, out, err, peak_kb = run_cli_measured(["validate", str(path)])
    assert code == 1
    assert f"lebih dari {MAX_DATA_ROWS:,} baris data".replace(",", ".") in err
    assert "Traceback" not in out + err
    assert peak_kb < 250_000, f"peak RSS {peak_kb} kB"


def replace_sheet_data(path: Path, rows: str) -> None:
    """Swap the Pejabat rows for generated XML (far faster than openpyxl for 10^5 rows)."""
    def transform(name: str, data: bytes) -> bytes:
        if name != PEJABAT:
            return data
        head, rest = data.decode().split("<sheetData>", 1)
        header_row = rest.split("</row>", 1)[0] + "</row>"
        tail = rest.split("</sheetData>", 1)[1]
        return f"{head}<sheetData>{header_row}{rows}</sheetData>{tail}".encode()

    rewrite_parts(path, transform)


def run_cli_measured(args: list[str]) -> tuple[int, str, str, int]:
    """Run `python -m flows` through a fresh wrapper process that reports its child's peak
    resident memory (RUSAGE_CHILDREN of this test process would include earlier tests)."""
    wrapper = (
        "import json, resource, subprocess, sys\n"
        "p = subprocess.run([sys.executable, '-m', 'flows', *sys.argv[1:]],"
        " capture_output=True, text=True)\n"
        "print(json.dumps([p.returncode, p.stdout, p.stderr,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True,
                          text=True, timeout=300, check=True)
    code, out, err, peak = json.loads(proc.stdout)
    return code, out, err, peak


def test_sheet_names_and_headers_match_loosely(tmp_path):
    content = sample()
    content.pejabat_columns = [c.upper().replace("_", " ") if c in ("tmt_jabatan", "nama")
                               else c for c in content.pejabat_columns]
    for row in content.pejabat:
        row["TMT JABATAN"] = row.pop("tmt_jabatan")
        row["NAMA"] = row.pop("nama")
    path = write(tmp_path, content)
    wb = load_workbook(path)
    wb["Pejabat"].title = " pejabat "
    wb["Putaran"].title = "sementara"  # openpyxl refuses a case-only rename
    wb["sementara"].title = "PUTARAN"
    wb.save(path)
    result = check(path)
    assert result.report.ok, [str(i) for i in result.report.issues]
    assert result.round is not None and result.round.officials[0].nama == "Muhammad Arsyad"


def test_formulas_are_read_by_their_cached_value(tmp_path):
    content = sample()
    content.pejabat[0]["nilai_kinerja"] = "=80+8"
    ref = pejabat_ref(content, "nilai_kinerja", 0)
    path = write(tmp_path, content)
    cache_formula_values(path, {"80+8": ("88", None)})
    raw = read_workbook(path)
    cell = next(c for row in raw.sheets["pejabat"].rows for c in row if c.ref == ref)
    assert cell.value == 88
    result = check(path)
    assert result.report.ok
    assert result.round is not None and result.round.officials[0].scores["nilai_kinerja"] == 88


def test_dates_typed_in_every_allowed_form(tmp_path):
    content = sample()
    forms = [date(2021, 3, 15), "15/03/2021", "15-03-2021", "15 Maret 2021", 44270]
    for row, form in zip(content.pejabat, forms, strict=False):
        row["tmt_jabatan"] = form
    result = check(write(tmp_path, content))
    assert result.report.ok
    assert result.round is not None
    assert {o.tmt_jabatan for o in result.round.officials[:5]} == {date(2021, 3, 15)}


def test_a_1904_workbook_is_flagged(tmp_path):
    path = tmp_path / "mac.xlsx"
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    wb.active.title = "Putaran"
    wb.save(path)
    assert read_workbook(path).date1904 is True
    assert read_workbook(write(tmp_path, sample())).date1904 is False


def test_only_contract_sheets_are_read(tmp_path):
    raw = read_workbook(write(tmp_path, sample()))
    assert set(raw.sheets) == {"putaran", "tim", "pejabat", "bobot"}


def test_reading_does_not_change_the_file(tmp_path):
    path = write(tmp_path, sample())
    before = path.read_bytes()
    read_workbook(path)
    assert path.read_bytes() == before


def test_a_stale_dimension_tag_does_not_hide_rows(tmp_path):
    path = write(tmp_path, sample())
    rewrite_parts(path, lambda name, data: re.sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data) if name == PEJABAT else data)
    result = check(path)
    assert result.round is not None and len(result.round.officials) == 13
