"""The blank workbook a clerk fills: every sheet and header of the contract, and help."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from flows.cli import main
from flows.domain import layout
from tests.workbooks import check


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "putaran-baru.xlsx"
    assert main(["template-workbook", str(path)]) == 0
    return path


def headers(ws) -> list[str]:
    return [c.value for c in ws[1] if c.value is not None]


def validations(ws) -> list[tuple[str, str]]:
    return [(dv.formula1, str(dv.sqref)) for dv in ws.data_validations.dataValidation]


def test_every_sheet_of_the_contract_is_there(template):
    wb = load_workbook(template)
    assert wb.sheetnames[:5] == ["Petunjuk", "Putaran", "Tim", "Pejabat", "Bobot"]
    assert wb["Daftar"].sheet_state == "hidden"
    assert wb.active.title == "Putaran"


def test_headers_and_keys_follow_the_contract(template):
    wb = load_workbook(template)
    assert headers(wb["Tim"]) == [f.name for f in layout.TIM]
    assert headers(wb["Pejabat"]) == [f.name for f in layout.PEJABAT]
    assert headers(wb["Bobot"]) == ["komponen", "bobot"]
    keys = [wb["Putaran"].cell(r, 1).value for r in range(2, 2 + len(layout.PUTARAN))]
    assert keys == [f.name for f in layout.PUTARAN]


def test_header_rows_are_frozen(template):
    wb = load_workbook(template)
    for title in ("Tim", "Pejabat", "Bobot"):
        assert wb[title].freeze_panes == "A2"
    assert wb["Putaran"].freeze_panes == "B2"


def test_every_enumeration_has_a_dropdown(template):
    wb = load_workbook(template)
    pejabat = validations(wb["Pejabat"])
    for name, letter in (("predikat_kinerja", "K"), ("sudah_diberi_kesempatan", "R"),
                         ("pangkat", "F"), ("golongan", "G")):
        assert (f"daftar_{name}", f"{letter}2:{letter}501") in pejabat, name
    tim = validations(wb["Tim"])
    assert ("daftar_kedudukan_dalam_tim", "F2:F501") in tim
    assert ("daftar_unsur", "G2:G501") in tim
    putaran = validations(wb["Putaran"])
    assert ("daftar_jenis_putaran", "B3") in putaran
    assert ("daftar_instansi_tujuan_permohonan", "B20") in putaran
    lists = wb["Daftar"]
    column = {lists.cell(1, c).value: c for c in range(1, lists.max_column + 1)}
    kedudukan = [lists.cell(r, column["kedudukan_dalam_tim"]).value for r in range(2, 6)]
    assert kedudukan == ["Ketua", "Wakil Ketua", "Sekretaris", "Anggota"]
    letter = get_column_letter(column["golongan"])
    assert wb.defined_names["daftar_golongan"].attr_text == f"'Daftar'!${letter}$2:${letter}$18"


def test_date_columns_are_date_formatted_and_nip_columns_are_text(template):
    wb = load_workbook(template)
    pejabat = wb["Pejabat"]
    assert pejabat.column_dimensions["J"].number_format == "DD/MM/YYYY"
    assert pejabat.column_dimensions["B"].number_format == "@"
    assert wb["Tim"].column_dimensions["C"].number_format == "@"
    putaran = wb["Putaran"]
    for row, f in enumerate(layout.PUTARAN, start=2):
        expected = "DD/MM/YYYY" if f.kind == "date" else "@"
        assert putaran.cell(row, 2).number_format == expected, f.name


def test_scores_are_limited_to_0_to_100(template):
    ws = load_workbook(template)["Pejabat"]
    ranges = {str(dv.sqref) for dv in ws.data_validations.dataValidation
              if dv.type == "decimal" and (dv.formula1, dv.formula2) == ("0", "100")}
    assert {"L2:L501", "P2:P501"} <= ranges


def test_the_petunjuk_sheet_explains_every_field_in_indonesian(template):
    ws = load_workbook(template)["Petunjuk"]
    described = {(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(5, ws.max_row + 1)}
    for sheet, fields in (("Putaran", layout.PUTARAN), ("Tim", layout.TIM),
                          ("Pejabat", layout.PEJABAT), ("Bobot", layout.BOBOT)):
        for f in fields:
            assert (sheet, f.name) in described
    assert "Petunjuk pengisian" in ws["A1"].value


def test_the_blank_template_is_invalid_with_clear_messages_not_a_crash(template):
    result = check(template)
    assert not result.report.ok
    refs = {i.ref for i in result.report.errors}
    assert {"Putaran!B2", "Putaran!B14", "Tim!A2", "Pejabat!A2"} <= refs


def test_an_existing_file_is_never_overwritten_without_force(tmp_path, capsys):
    path = tmp_path / "ada.xlsx"
    path.write_bytes(b"isi lama")
    assert main(["template-workbook", str(path)]) == 1
    assert "sudah ada" in capsys.readouterr().err
    assert path.read_bytes() == b"isi lama"
    assert main(["template-workbook", str(path), "--force"]) == 0
    assert load_workbook(path).sheetnames[0] == "Petunjuk"


def test_the_name_must_end_in_xlsx(tmp_path, capsys):
    assert main(["template-workbook", str(tmp_path / "putaran.xls")]) == 1
    assert ".xlsx" in capsys.readouterr().err


def _fill(path: Path, kind: str) -> None:
    """Type a sample round into a blank template, as a clerk would, under its headers."""
    from tests.workbooks import sample

    content = sample(kind)
    wb = load_workbook(path)
    given = dict(content.putaran)
    for row in wb["Putaran"].iter_rows(min_row=2):
        if row[0].value in given:
            row[1].value = given[row[0].value]
    for sheet, rows in (("Tim", content.tim), ("Pejabat", content.pejabat)):
        ws = wb[sheet]
        names = headers(ws)
        for r, values in enumerate(rows, start=2):
            for c, name in enumerate(names, start=1):
                if values.get(name) is not None:
                    ws.cell(r, c, values[name])
    wb.save(path)


@pytest.mark.parametrize("kind", ["evaluasi_kinerja", "uji_kompetensi", "seleksi_terbuka"])
def test_the_template_of_a_kind_of_round_gives_no_warning_about_its_columns(tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    assert main(["template-workbook", str(path), "--jenis", kind]) == 0
    wb = load_workbook(path)
    putaran = {r[0].value: r[1].value for r in wb["Putaran"].iter_rows(min_row=2)}
    assert putaran["jenis_putaran"] == kind
    _fill(path, kind)
    result = check(path)
    assert result.round is not None, [i.message for i in result.report.errors]
    assert not [i for i in result.report.warnings if i.code == "nilai.unweighted"]


def test_the_generic_template_keeps_every_score_column(tmp_path):
    path = tmp_path / "umum.xlsx"
    assert main(["template-workbook", str(path)]) == 0
    names = headers(load_workbook(path)["Pejabat"])
    assert {"nilai_kinerja", "nilai_makalah"} <= set(names)
    _fill(path, "evaluasi_kinerja")
    result = check(path)
    assert result.round is not None  # valid; its empty template column is left out quietly
    assert not any("nilai_makalah" in i.message for i in result.report.warnings)
