"""Every row of the recommendation table in rules.md, first match wins."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from flows.domain.models import Category, Predikat, RoundKind, Thresholds
from flows.domain.recommendation import Situation, apply_manual, recommend
from flows.domain.scoring import Tenure, category

EK, UK, ST = RoundKind.EVALUASI_KINERJA, RoundKind.UJI_KOMPETENSI, RoundKind.SELEKSI_TERBUKA
B, C, K = Category.BAIK, Category.CUKUP, Category.KURANG
YEARS_3 = Tenure(36)


def situation(kind, cat, *, predikat=None, chance=False, sasaran=None, months=36, rank=1):
    return Situation(kind=kind, category=cat, predikat=predikat, given_chance=chance,
                     jabatan="Kepala Dinas Sosial", jabatan_sasaran=sasaran,
                     tenure=Tenure(months), rank=rank)


TABLE = [
    # evaluasi_kinerja
    ("kurang, chance given", situation(EK, K, chance=True), "uji_kompetensi_kembali",
     "Uji kompetensi kembali dan dipindahkan ke jabatan lain yang sesuai dengan kompetensinya",
     True),
    ("predikat butuh perbaikan, chance given",
     situation(EK, B, predikat=Predikat.BUTUH_PERBAIKAN, chance=True),
     "uji_kompetensi_kembali", None, True),
    ("predikat sangat kurang, chance given",
     situation(EK, C, predikat=Predikat.SANGAT_KURANG, chance=True),
     "uji_kompetensi_kembali", None, True),
    ("kurang, no chance yet", situation(EK, K), "kesempatan_perbaikan",
     "Diberi kesempatan paling lama 6 (enam) bulan untuk memperbaiki kinerja", False),
    ("predikat kurang, no chance yet", situation(EK, B, predikat=Predikat.KURANG),
     "kesempatan_perbaikan", None, False),
    ("underperformance beats a rotation", situation(EK, K, sasaran="Inspektur"),
     "kesempatan_perbaikan", None, False),
    ("rotation", situation(EK, B, sasaran="Inspektur Daerah", months=70), "rotasi",
     "Dirotasi ke jabatan Inspektur Daerah", True),
    ("rotation of a cukup official", situation(EK, C, sasaran="Inspektur Daerah"), "rotasi",
     None, True),
    ("five years exactly", situation(EK, B, months=60), "perpanjangan",
     "Diperpanjang dalam jabatan", True),
    ("five years, cukup", situation(EK, C, months=61), "perpanjangan", None, True),
    ("one month short of five years", situation(EK, B, months=59), "dipertahankan",
     "Dipertahankan dalam jabatan", False),
    ("predikat baik is not underperformance", situation(EK, B, predikat=Predikat.BAIK),
     "dipertahankan", None, False),
    ("cukup", situation(EK, C), "dipertahankan_pembinaan",
     "Dipertahankan dalam jabatan dengan pembinaan", False),
    # uji_kompetensi
    ("uji kurang", situation(UK, K, sasaran="Inspektur"), "belum_direkomendasikan",
     "Belum direkomendasikan untuk rotasi/mutasi", False),
    ("uji rotation", situation(UK, C, sasaran="Kepala Dinas Sosial"), "rotasi",
     "Direkomendasikan untuk dirotasi/dimutasi ke jabatan Kepala Dinas Sosial", True),
    ("uji otherwise", situation(UK, B), "dipertahankan",
     "Memenuhi syarat untuk dipertahankan dalam jabatan", False),
    # seleksi_terbuka
    ("seleksi kurang even at rank 1", situation(ST, K, sasaran="Kepala Dinas Pariwisata"),
     "tidak_memenuhi_syarat", "Tidak memenuhi syarat", False),
    ("seleksi rank 1", situation(ST, B, sasaran="Kepala Dinas Pariwisata", rank=1),
     "diusulkan", "Diusulkan sebagai calon Kepala Dinas Pariwisata (peringkat 1)", True),
    ("seleksi rank 2", situation(ST, C, sasaran="Kepala Dinas Pariwisata", rank=2),
     "diusulkan", "Diusulkan sebagai calon Kepala Dinas Pariwisata (peringkat 2)", False),
    ("seleksi rank 3", situation(ST, B, sasaran="Kepala Dinas Pariwisata", rank=3),
     "diusulkan", None, False),
    ("seleksi rank 4", situation(ST, B, sasaran="Kepala Dinas Pariwisata", rank=4),
     "tidak_tiga_besar", "Tidak masuk tiga besar", False),
]


@pytest.mark.parametrize(("case", "s", "outcome", "text", "needs"), TABLE,
                         ids=[row[0] for row in TABLE])
def test_recommendation_table(rules, case, s, outcome, text, needs):
    rec = recommend(s, rules)
    assert rec.outcome == outcome
    if text is not None:
        assert rec.text == text
    assert rec.needs_request is needs
    assert not rec.manual


def test_every_outcome_of_every_kind_is_reachable(rules):
    reached = {(s.kind, recommend(s, rules).outcome) for _, s, *_ in TABLE}
    assert reached == set(rules.outcomes)


@pytest.mark.parametrize(("score", "outcome"), [
    ("67.99", "kesempatan_perbaikan"), ("68.00", "dipertahankan_pembinaan"),
    ("79.99", "dipertahankan_pembinaan"), ("80.00", "dipertahankan"),
])
def test_score_boundaries_drive_the_outcome(rules, score, outcome):
    cat = category(D(score), Thresholds(D(80), D(68)))
    assert recommend(situation(EK, cat), rules).outcome == outcome


def test_a_manual_recommendation_is_marked_and_keeps_the_request_flag(rules):
    computed = recommend(situation(EK, B, sasaran="Inspektur Daerah"), rules)
    manual = apply_manual(computed, "Dipertahankan dalam jabatan", rules)
    assert manual.text == "Dipertahankan dalam jabatan (ditetapkan tim)"
    assert manual.manual and manual.outcome == "manual"
    assert manual.needs_request is computed.needs_request
