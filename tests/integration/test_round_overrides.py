"""What a round's own workbook overrides: thresholds, team name, weights, given numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from tests.workbooks import check, sample, set_putaran, write


def test_defaults_apply_when_the_workbook_is_silent(tmp_path):
    rnd = check(write(tmp_path, sample())).round
    assert rnd.thresholds.baik == D(80) and rnd.thresholds.cukup == D(68)
    assert rnd.nama_tim == "Tim Evaluasi Kinerja Pejabat Pimpinan Tinggi Pratama"
    assert not rnd.weights_from_workbook
    assert rnd.tanggal_berita_acara == date(2024, 11, 11)


def test_thresholds_team_name_and_dates_from_the_workbook(tmp_path):
    content = sample()
    set_putaran(content, "batas_baik", 85)
    set_putaran(content, "batas_cukup", "70,5")
    set_putaran(content, "nama_tim", "Panitia Seleksi Uji Kompetensi dan Evaluasi Kinerja JPT "
                                     "Pratama")
    set_putaran(content, "tanggal_berita_acara", None)
    set_putaran(content, "tanggal_saran_pendapat", None)
    set_putaran(content, "tanggal_surat_permohonan", None)
    result = check(write(tmp_path, content))
    rnd = result.round
    assert rnd.thresholds.baik == D(85) and rnd.thresholds.cukup == D("70.5")
    assert rnd.nama_tim.startswith("Panitia Seleksi Uji Kompetensi dan Evaluasi")
    assert rnd.tanggal_berita_acara == rnd.tanggal_saran_pendapat == date(2024, 11, 11)
    assert rnd.tanggal_surat_permohonan == date(2024, 11, 11)
    by_nip = {r.official.nip.digits: r for r in result.evaluation.results}
    # 84.30 is Baik by default, Cukup with batas_baik 85
    assert by_nip["197311171999031002"].category.value == "Cukup"


def test_weights_from_sheet_bobot(tmp_path):
    result = check(write(tmp_path, sample("uji_kompetensi")))
    rnd = result.round
    assert rnd.weights_from_workbook
    assert {w.component: w.percent for w in rnd.weights} == {
        "nilai_kompetensi": 30, "nilai_makalah": 15, "nilai_wawancara": 35,
        "nilai_rekam_jejak": 20}
    # Irwan Kadir: 86.25*.30 + 82*.15 + 88*.35 + 85*.20 = 85.975 -> 85.98 (half-up)
    assert result.evaluation.results[0].final_score == D("85.98")


def test_numbers_given_in_the_workbook_are_kept(tmp_path):
    rnd = check(write(tmp_path, sample("seleksi_terbuka"))).round
    assert rnd.given_numbers == {"sk_tim": "800/112/BKPSDM/2023"}
