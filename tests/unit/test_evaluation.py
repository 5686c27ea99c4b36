"""Applying the rules to a whole round: ranks, eligibility warnings, overrides (no files)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from types import MappingProxyType

import pytest

from flows.domain.dates import add_months
from flows.domain.evaluation import evaluate_round
from flows.domain.models import (
    Addressee,
    Official,
    Round,
    RoundKind,
    TeamMember,
    TeamRole,
    Thresholds,
    Weight,
)
from flows.domain.nip import Nip

AT = date(2024, 11, 11)


def official(row: int, score: str, *, months: int = 36, sasaran: str | None = None,
             manual: str | None = None) -> Official:
    return Official(
        nip=Nip(f"19700101199503{1 if row % 2 else 2}{row:03d}"), gelar_depan=None,
        nama=f"Pejabat {row}", gelar_belakang=None, pangkat=None, golongan=None,
        jabatan="Kepala Dinas", unit_kerja=None, tmt_jabatan=add_months(AT, -months),
        predikat_kinerja=None, scores=MappingProxyType({"nilai_a": D(score)}),
        jabatan_sasaran=sasaran, sudah_diberi_kesempatan=False, rekomendasi_manual=manual,
        catatan=None, row=row, cells=MappingProxyType({"tmt_jabatan": f"J{row}",
                                                       "rekomendasi_manual": f"R{row}"}),
    )


def make_round(kind: RoundKind, officials: list[Official]) -> Round:
    ketua = TeamMember("Ketua Tim", None, None, "Sekretaris Daerah", TeamRole.KETUA, None, 2)
    return Round(
        kode_putaran="UJI-1", jenis=kind, nama_putaran="Uji", pemerintah_daerah="Kabupaten X",
        provinsi="P", ibu_kota="K", kepala_daerah_jabatan="Bupati X", kepala_daerah_nama="N",
        unit_pengelola="BKPSDM", unit_pengelola_singkatan="BKPSDM", alamat_unit=None,
        tanggal_sk_tim=AT, tanggal_pelaksanaan=AT, tempat_pelaksanaan="K", waktu_pelaksanaan=None,
        tanggal_berita_acara=AT, tanggal_saran_pendapat=AT, tanggal_surat_permohonan=AT,
        tanggal_undangan=AT, tanggal_pemberitahuan=AT, instansi_tujuan=Addressee.BKN,
        given_numbers={}, dasar_pembentukan_daerah=None, kepala_unit=None, nama_tim="Tim",
        thresholds=Thresholds(D(80), D(68)), weights=(Weight("nilai_a", D(100)),),
        weights_from_workbook=False, team=(ketua,), officials=tuple(officials),
    )


def warnings_at(evaluation, cell):
    return [i for i in evaluation.issues if i.cell == cell]


@pytest.mark.parametrize(("months", "warned"), [(23, True), (24, False), (25, False)])
def test_rotation_within_the_two_year_protection_is_warned(rules, months, warned):
    rnd = make_round(RoundKind.EVALUASI_KINERJA,
                     [official(2, "85", months=months, sasaran="Inspektur Daerah")])
    evaluation = evaluate_round(rnd, rules)
    assert bool(warnings_at(evaluation, "J2")) is warned
    assert bool(evaluation.results[0].notes) is warned
    if warned:
        assert "kurang dari 2 tahun untuk rotasi" in evaluation.issues[0].message


def test_no_protection_warning_without_a_move(rules):
    rnd = make_round(RoundKind.EVALUASI_KINERJA, [official(2, "85", months=3)])
    assert evaluate_round(rnd, rules).issues == ()


@pytest.mark.parametrize(("months", "words"), [
    (23, "kurang dari 2 tahun untuk uji kompetensi"), (24, None), (60, None),
    (61, "lebih dari 5 tahun untuk uji kompetensi"),
])
def test_uji_kompetensi_tenure_window(rules, months, words):
    rnd = make_round(RoundKind.UJI_KOMPETENSI, [official(2, "85", months=months)])
    issues = evaluate_round(rnd, rules).issues
    if words is None:
        assert issues == ()
    else:
        assert len(issues) == 1 and words in issues[0].message
        assert issues[0].ref == "Pejabat!J2"


def test_ranks_with_ties_and_order_of_the_ranked_list(rules):
    rnd = make_round(RoundKind.EVALUASI_KINERJA, [
        official(2, "80"), official(3, "90"), official(4, "85"), official(5, "85"),
        official(6, "70"),
    ])
    evaluation = evaluate_round(rnd, rules)
    assert [r.rank for r in evaluation.results] == [4, 1, 2, 2, 5]
    assert [r.official.row for r in evaluation.ranked] == [3, 4, 5, 2, 6]


def test_seleksi_terbuka_ranks_and_requests_per_post(rules):
    rnd = make_round(RoundKind.SELEKSI_TERBUKA, [
        official(2, "81", sasaran="Kadis A"), official(3, "90", sasaran="Kadis B"),
        official(4, "85", sasaran="Kadis A"), official(5, "82", sasaran="Kadis A"),
        official(6, "80", sasaran="Kadis A"), official(7, "60", sasaran="Kadis B"),
    ])
    evaluation = evaluate_round(rnd, rules)
    by_row = {r.official.row: r for r in evaluation.results}
    assert {row: r.rank for row, r in by_row.items()} == {2: 3, 3: 1, 4: 1, 5: 2, 6: 4, 7: 2}
    assert by_row[6].outcome == "tidak_tiga_besar"
    assert by_row[7].outcome == "tidak_memenuhi_syarat"
    assert [r.official.row for r in evaluation.needing_request] == [4, 3]
    assert [r.official.row for r in evaluation.ranked] == [4, 5, 2, 6, 3, 7]


def test_a_manual_recommendation_is_a_warning_at_its_cell(rules):
    rnd = make_round(RoundKind.EVALUASI_KINERJA, [official(2, "70", manual="Dipertahankan")])
    evaluation = evaluate_round(rnd, rules)
    (issue,) = evaluation.issues
    assert issue.ref == "Pejabat!R2" and issue.severity.value == "warning"
    assert "ditetapkan manual" in issue.message
    assert "Dipertahankan dalam jabatan dengan pembinaan" in issue.message
    result = evaluation.results[0]
    assert result.recommendation == "Dipertahankan (ditetapkan tim)" and result.manual


def test_the_round_thresholds_decide_the_category(rules):
    rnd = make_round(RoundKind.EVALUASI_KINERJA, [official(2, "82")])
    strict = replace(rnd, thresholds=Thresholds(D(85), D(70)))
    assert evaluate_round(rnd, rules).results[0].category.value == "Baik"
    assert evaluate_round(strict, rules).results[0].category.value == "Cukup"
