"""Workbook v2 through the real reader: empty unweighted score columns, the new columns and
keys, the round-wide error that stops a round, and the documents a round plans."""

from __future__ import annotations

from datetime import date

from flows.documents.plan import plan_documents
from tests.workbooks import check, pejabat_ref, sample, set_putaran, write


def codes(result):
    return [(i.severity.value, i.code, i.ref) for i in result.report.issues]


def test_an_empty_template_column_the_kind_does_not_weigh_is_silent(tmp_path):
    content = sample()  # evaluasi kinerja: no default weight for nilai_makalah
    content.pejabat_columns = [*content.pejabat_columns, "nilai_makalah"]
    result = check(write(tmp_path, content))
    assert result.round is not None
    assert not [c for c in codes(result) if c[1].startswith("nilai.")]


def test_an_empty_column_of_the_clerks_own_is_ignored_with_a_warning(tmp_path):
    content = sample()
    content.pejabat_columns = [*content.pejabat_columns, "nilai_psikotes"]
    result = check(write(tmp_path, content))
    assert result.round is not None
    (issue,) = [i for i in result.report.issues if i.code == "nilai.empty_ignored"]
    assert issue.ref == f"Pejabat!{pejabat_ref(content, 'nilai_psikotes', -1)[0]}1"
    assert "kosong di semua baris" in issue.message


def test_an_empty_column_absent_from_bobot_is_ignored_not_refused(tmp_path):
    content = sample("uji_kompetensi")  # its own Bobot sheet of four components
    content.pejabat_columns = [*content.pejabat_columns, "nilai_kinerja"]
    result = check(write(tmp_path, content))
    assert result.round is not None, "\n".join(map(str, result.report.issues))
    (issue,) = [i for i in result.report.issues if i.code == "nilai.empty_ignored"]
    assert "tidak ada di sheet Bobot" in issue.message and issue.sheet == "Pejabat"
    assert {w.component for w in result.round.weights} == {
        "nilai_kompetensi", "nilai_makalah", "nilai_wawancara", "nilai_rekam_jejak"}


def test_a_column_with_values_absent_from_bobot_stays_an_error(tmp_path):
    content = sample("uji_kompetensi")
    content.pejabat_columns = [*content.pejabat_columns, "nilai_kinerja"]
    content.pejabat[0]["nilai_kinerja"] = 80
    result = check(write(tmp_path, content))
    assert result.round is None
    assert ("error", "bobot.missing_weight") in [c[:2] for c in codes(result)]


def test_exception_and_manual_request_columns_are_read(tmp_path):
    result = check(write(tmp_path, sample()))
    by_row = {r.official.row: r for r in result.evaluation.results}
    moved = by_row[14]  # 1 year 2 months in post, moved on the SE 19/2023 ground
    assert moved.outcome == "rotasi" and moved.needs_request
    assert ", dengan dasar Surat Edaran Menteri Pendayagunaan" in moved.recommendation
    uji = check(write(tmp_path, sample("uji_kompetensi"), "uji.xlsx"))
    extension = {r.official.row: r for r in uji.evaluation.results}[6]
    assert extension.outcome == "perpanjangan" and not extension.needs_request
    assert extension.manual_request


def test_the_samples_plan_the_new_kinds(tmp_path):
    kinds = {}
    for kind in ("evaluasi_kinerja", "uji_kompetensi", "seleksi_terbuka"):
        result = check(write(tmp_path, sample(kind), f"{kind}.xlsx"))
        kinds[kind] = {d.spec.kind for d in plan_documents(result.evaluation)}
    assert "permohonan_persetujuan_mendagri" in kinds["evaluasi_kinerja"]
    # the approval is already recorded in the uji kompetensi sample: no request
    assert "permohonan_persetujuan_mendagri" not in kinds["uji_kompetensi"]
    assert "pengumuman_hasil" in kinds["seleksi_terbuka"]
    assert "pengumuman_hasil" not in kinds["evaluasi_kinerja"] | kinds["uji_kompetensi"]


def test_an_approval_recorded_in_the_workbook_drops_the_request(tmp_path):
    content = sample()
    set_putaran(content, "persetujuan_mendagri_nomor", "100.2.2.6/7588/OTDA")
    set_putaran(content, "persetujuan_mendagri_tanggal", date(2024, 11, 15))
    result = check(write(tmp_path, content))
    assert result.round.persetujuan_mendagri == ("100.2.2.6/7588/OTDA", date(2024, 11, 15))
    assert not result.evaluation.approval_needed
    assert "pilkada.persetujuan_mendagri" not in [c[1] for c in codes(result)]


def test_a_later_inauguration_of_the_region_extends_the_window(tmp_path):
    content = sample("uji_kompetensi")  # 12 August 2025: inside the 2024 window
    set_putaran(content, "persetujuan_mendagri_nomor", None)
    set_putaran(content, "persetujuan_mendagri_tanggal", None)
    assert check(write(tmp_path, content)).evaluation.approval_needed
    set_putaran(content, "tanggal_pelantikan_kepala_daerah", date(2025, 1, 10))
    assert not check(write(tmp_path, content, "early.xlsx")).evaluation.approval_needed
