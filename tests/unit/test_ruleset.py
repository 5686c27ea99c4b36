"""Rules are data: the shipped defaults, and an office's settings file over them."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from flows.domain.models import RoundKind
from flows.errors import SettingsError
from flows.settings import ENV_VAR, load_rules


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "naskah.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_those_of_rules_md(rules):
    assert rules.thresholds.baik == D(80) and rules.thresholds.cukup == D(68)
    ek = {w.component: w.percent for w in rules.weights[RoundKind.EVALUASI_KINERJA]}
    assert ek == {"nilai_kinerja": 40, "nilai_kompetensi": 30, "nilai_wawancara": 20,
                  "nilai_rekam_jejak": 10}
    uk = {w.component: w.percent for w in rules.weights[RoundKind.UJI_KOMPETENSI]}
    assert uk == {"nilai_kompetensi": 25, "nilai_makalah": 20, "nilai_wawancara": 35,
                  "nilai_rekam_jejak": 20}
    assert rules.weights[RoundKind.SELEKSI_TERBUKA] == rules.weights[RoundKind.UJI_KOMPETENSI]
    assert (rules.tenure.protection_years, rules.tenure.extension_years) == (2, 5)
    assert rules.shortlist_size == 3 and rules.request_max_rank == 3


def test_an_office_changes_wording_weights_and_limits(tmp_path):
    path = write(tmp_path, """
[aturan.ambang]
batas_baik = 85

[aturan.bobot.uji_kompetensi]
nilai_kompetensi = 40
nilai_makalah = 10
nilai_wawancara = 30
nilai_rekam_jejak = 20

[aturan.rekomendasi.evaluasi_kinerja.dipertahankan]
teks = "Layak dan tetap di tempat yang lama"
perlu_permohonan = false
""")
    rules = load_rules(path)
    assert rules.thresholds.baik == D(85)
    assert rules.thresholds.cukup == D(68)
    assert rules.outcome(RoundKind.EVALUASI_KINERJA, "dipertahankan").text == (
        "Layak dan tetap di tempat yang lama")
    weights = {w.component: w.percent for w in rules.weights[RoundKind.UJI_KOMPETENSI]}
    assert weights["nilai_kompetensi"] == 40


def test_the_settings_file_can_come_from_the_environment(tmp_path, monkeypatch):
    path = write(tmp_path, "[aturan.seleksi_terbuka]\njumlah_diusulkan = 5\n")
    monkeypatch.setenv(ENV_VAR, str(path))
    assert load_rules().shortlist_size == 5


@pytest.mark.parametrize(("text", "words"), [
    ("[aturan.ambang]\nbatas_bagus = 80\n", 'kunci "aturan.ambang.batas_bagus" tidak dikenal'),
    ("[pengaturan]\nx = 1\n", 'kunci "pengaturan" tidak dikenal'),
    ("[aturan.ambang]\nbatas_cukup = 90\n", "aturan.ambang.batas_cukup harus lebih kecil"),
    ("[aturan.bobot.evaluasi_kinerja]\nnilai_kinerja = 50\n",
     "aturan.bobot.evaluasi_kinerja: jumlah bobot 110, harus 100"),
    ("[aturan.rekomendasi.uji_kompetensi.rotasi]\nteks = \"Ke {jabatan_baru}\"\n",
     "isian yang tidak dikenal: {jabatan_baru}"),
    ("[aturan.rekomendasi.uji_kompetensi.rotasi]\nperlu_permohonan = \"ya\"\n",
     "perlu_permohonan harus true atau false"),
    ("[aturan.masa_jabatan]\ntahun_perlindungan = -1\n", "bilangan bulat tidak negatif"),
    ("[aturan.evaluasi_kinerja]\npredikat_perlu_perbaikan = [\"Jelek\"]\n",
     "predikat yang tidak dikenal"),
    ("[aturan\n", "bukan TOML yang sah"),
    ("[aturan]\nambang = 3\n", '"aturan.ambang" harus berupa tabel'),
    ("[penomoran]\npola = \"{kode_klasifikasi}/{unit}\"\n",
     "penomoran.pola harus berupa teks yang memuat {urut}"),
    ("[penomoran]\npola = \"{urut}/{tanggal}\"\n", "isian yang tidak dikenal: {tanggal}"),
    ("[surat]\nukuran_kertas = \"Letter\"\n", 'surat.ukuran_kertas harus "A4" atau "F4"'),
    ("[[surat.mengingat]]\nteks = \"UU\"\nberlaku_sejak = \"2023\"\n",
     "surat.mengingat[1].berlaku_sejak harus tanggal TOML"),
    ("[[surat.mengingat]]\nteks = \"UU\"\nberlaku_sejak = 2023-10-31\n"
     "dicabut_sejak = 2023-01-01\n", "dicabut_sejak harus sesudah berlaku_sejak"),
    ("[aturan.pilkada]\njadwal = [{nama = \"P\", penetapan_paslon = 2024-09-22}]\n",
     "aturan.pilkada.jadwal[1]: penetapan_paslon dan pelantikan harus tanggal TOML"),
    ("[aturan.kalimat]\nmasa_perlindungan = \"{umur}\"\n",
     "aturan.kalimat.masa_perlindungan memakai isian yang tidak dikenal: {umur}"),
])
def test_a_wrong_settings_file_is_refused_with_the_key_named(tmp_path, text, words):
    with pytest.raises(SettingsError) as caught:
        load_rules(write(tmp_path, text))
    assert words in str(caught.value)
    assert "naskah.toml" in str(caught.value)


def test_a_missing_settings_file_is_named(tmp_path):
    with pytest.raises(SettingsError, match="tidak ditemukan"):
        load_rules(tmp_path / "tidak-ada.toml")
