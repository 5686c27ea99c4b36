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
             manual: str | None = None, jabatan: str = "Kepala Dinas",
             exception: str | None = None, request: bool | None = None) -> Official:
    return Official(
        nip=Nip(f"19700101199503{1 if row % 2 else 2}{row:03d}"), gelar_depan=None,
        nama=f"Pejabat {row}", gelar_belakang=None, pangkat=None, golongan=None,
        jabatan=jabatan, unit_kerja=None, tmt_jabatan=add_months(AT, -months),
        predikat_kinerja=None, scores=MappingProxyType({"nilai_a": D(score)}),
        jabatan_sasaran=sasaran, sudah_diberi_kesempatan=False, rekomendasi_manual=manual,
        catatan=None, row=row, cells=MappingProxyType({
            "tmt_jabatan": f"J{row}", "rekomendasi_manual": f"R{row}",
            "jabatan_sasaran": f"P{row}", "perlu_permohonan_manual": f"S{row}"}),
        pengecualian_masa_jabatan=exception, perlu_permohonan_manual=request,
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


@pytest.mark.parametrize(("months", "blocked"), [(23, True), (24, False), (25, False)])
def test_a_move_within_the_two_year_protection_is_not_proposed(rules, months, blocked):
    rnd = make_round(RoundKind.EVALUASI_KINERJA,
                     [official(2, "85", months=months, sasaran="Inspektur Daerah")])
    evaluation = evaluate_round(rnd, rules)
    result = evaluation.results[0]
    assert bool(warnings_at(evaluation, "P2")) is blocked
    assert result.outcome == ("rotasi_ditunda" if blocked else "rotasi")
    assert result.needs_request is not blocked and result.moves is not blocked
    if blocked:
        (note,) = result.notes
        assert "1 (satu) tahun 11 (sebelas) bulan, belum mencapai 2 (dua) tahun" in note
        assert "Peraturan Pemerintah Nomor 11 Tahun 2017" in note
        assert "isi kolom pengecualian masa jabatan" in evaluation.issues[0].message
    else:
        assert result.notes == ()


def test_no_protection_warning_without_a_move(rules):
    rnd = make_round(RoundKind.EVALUASI_KINERJA, [official(2, "85", months=3)])
    assert evaluate_round(rnd, rules).issues == ()


@pytest.mark.parametrize(("months", "outcome"), [
    (23, "dipertahankan"), (59, "dipertahankan"), (60, "perpanjangan"), (61, "perpanjangan"),
])
def test_uji_kompetensi_five_year_term(rules, months, outcome):
    rnd = make_round(RoundKind.UJI_KOMPETENSI, [official(2, "85", months=months)])
    evaluation = evaluate_round(rnd, rules)
    result = evaluation.results[0]
    assert evaluation.issues == ()
    assert result.outcome == outcome
    assert result.needs_request is (outcome == "perpanjangan")
    if outcome == "perpanjangan":
        (note,) = result.notes
        assert "telah mencapai 5 (lima) tahun" in note


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
    # the PPK chooses one of three names: ranks 1-3 of every post go to BKN/KASN
    assert [r.official.row for r in evaluation.needing_request] == [4, 5, 2, 3]
    assert [r.official.row for r in evaluation.ranked] == [4, 5, 2, 6, 3, 7]


def test_a_manual_recommendation_is_a_warning_at_its_cell(rules):
    rnd = make_round(RoundKind.EVALUASI_KINERJA, [official(2, "70", manual="Dipertahankan")])
    evaluation = evaluate_round(rnd, rules)
    (issue,) = evaluation.issues
    assert issue.ref == "Pejabat!R2" and issue.severity.value == "warning"
    assert "ditetapkan manual" in issue.message
    assert "Dipertahankan dalam jabatan dengan pembinaan" in issue.message
    result = evaluation.results[0]
    assert result.recommendation == "Dipertahankan (berdasarkan pertimbangan khusus)"
    assert result.manual


def test_the_round_thresholds_decide_the_category(rules):
    rnd = make_round(RoundKind.EVALUASI_KINERJA, [official(2, "82")])
    strict = replace(rnd, thresholds=Thresholds(D(85), D(70)))
    assert evaluate_round(rnd, rules).results[0].category.value == "Baik"
    assert evaluate_round(strict, rules).results[0].category.value == "Cukup"
