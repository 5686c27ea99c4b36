"""Agenda number patterns and registers, per office settings."""

from __future__ import annotations

from datetime import date

import pytest

from flows.domain.letters import LetterKind
from flows.domain.models import RoundKind
from flows.domain.numbering import Series, build_numbering
from flows.errors import SettingsError
from flows.settings import default_data, load_settings


@pytest.fixture
def numbering():
    return build_numbering(default_data()["penomoran"])


def test_every_letter_kind_has_numbering_settings(numbering):
    assert set(numbering.kinds) == set(LetterKind)


def test_default_pattern_and_codes(numbering):
    on = date(2024, 11, 11)
    series = numbering.series("berita_acara", RoundKind.EVALUASI_KINERJA, "BKPSDM", on)
    assert series == Series("800.1.5.3", "BKPSDM", 2024)
    assert numbering.format("berita_acara", series, 17, on) == "800.1.5.3/17/BKPSDM/2024"
    uji = numbering.series("sk_tim", RoundKind.UJI_KOMPETENSI, "BKPSDM", on)
    assert uji.kode_klasifikasi == "800.1.3.3"


def test_the_request_letter_uses_its_own_code(numbering):
    series = numbering.series("permohonan_rekomendasi", RoundKind.EVALUASI_KINERJA, "BKPSDM",
                              date(2024, 11, 18))
    assert series.kode_klasifikasi == "800.1.3.3"


def test_the_presets_keputusan_panitia_and_agenda(numbering):
    on = date(2025, 10, 2)
    sk = numbering.series("sk_tim", RoundKind.UJI_KOMPETENSI, "BKPSDM", on)
    assert sk == Series("800.1.3.3", "BKPSDM", 2025, "Keputusan")
    assert numbering.format("sk_tim", sk, 411, on) == "800.1.3.3/Kep.411/BKPSDM/2025"
    ba = numbering.series("berita_acara", RoundKind.UJI_KOMPETENSI, "BKPSDM", on)
    assert ba == Series("800", "Pansel", 2025)
    assert numbering.format("berita_acara", ba, 6, on, RoundKind.UJI_KOMPETENSI) == \
        "800/6/Pansel/2025"
    # an evaluation team is no panitia: its berita acara numbers in the agenda
    tim = numbering.series("berita_acara", RoundKind.EVALUASI_KINERJA, "BKPSDM", on)
    assert tim == Series("800.1.5.3", "BKPSDM", 2025)
    assert numbering.format("berita_acara", tim, 7, on, RoundKind.EVALUASI_KINERJA) == \
        "800.1.5.3/7/BKPSDM/2025"
    assert sk.register_unit != Series("800.1.3.3", "BKPSDM", 2025).register_unit


def test_a_kind_without_settings_numbers_in_the_agenda(numbering):
    on = date(2025, 10, 2)
    series = numbering.series("pengumuman_hasil", RoundKind.SELEKSI_TERBUKA, "BKPSDM", on)
    assert series == Series("800.1.3.3", "BKPSDM", 2025)
    assert numbering.format("pengumuman_hasil", series, 3, on, RoundKind.SELEKSI_TERBUKA) == \
        "800.1.3.3/3/BKPSDM/2025"


def test_the_keputusan_register_written_with_tahun(tmp_path):
    settings = tmp_path / "naskah.toml"
    settings.write_text('[penomoran.naskah.sk_tim]\nseri = "keputusan_tahun"\n'
                        'kode_klasifikasi = "800"\n', encoding="utf-8")
    numbering = load_settings(settings).numbering
    on = date(2025, 3, 4)
    sk = numbering.series("sk_tim", RoundKind.UJI_KOMPETENSI, "BKPSDM", on)
    assert numbering.format("sk_tim", sk, 440, on) == "800/440/Tahun 2025"


def test_an_unknown_series_is_refused(tmp_path):
    settings = tmp_path / "naskah.toml"
    settings.write_text('[penomoran.naskah.undangan]\nseri = "bagian_umum"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"penomoran\.naskah\.undangan\.seri"):
        load_settings(settings)


def test_an_office_pattern_and_a_pansel_register(tmp_path):
    settings = tmp_path / "naskah.toml"
    settings.write_text(
        '[penomoran]\npola = "{kode_klasifikasi}/Kep.{urut}/{unit}/{bulan_romawi}/{tahun}"\n'
        '[penomoran.naskah.sk_tim]\nseri = "agenda"\n'
        '[penomoran.naskah.berita_acara]\nkode_klasifikasi = "800"\nunit = "Pansel"\n'
        'pola = "{kode_klasifikasi}/{urut}/{unit}/{tahun}"\n', encoding="utf-8")
    numbering = load_settings(settings).numbering
    on = date(2025, 10, 2)
    sk = numbering.series("sk_tim", RoundKind.UJI_KOMPETENSI, "BKPSDM", on)
    assert numbering.format("sk_tim", sk, 411, on) == "800.1.3.3/Kep.411/BKPSDM/X/2025"
    ba = numbering.series("berita_acara", RoundKind.UJI_KOMPETENSI, "BKPSDM", on)
    assert ba == Series("800", "Pansel", 2025)
    assert numbering.format("berita_acara", ba, 6, on) == "800/6/Pansel/2025"


def test_a_pattern_without_urut_is_refused(tmp_path):
    settings = tmp_path / "naskah.toml"
    settings.write_text('[penomoran.naskah.undangan]\npola = "{unit}/{tahun}"\n',
                        encoding="utf-8")
    with pytest.raises(SettingsError, match=r"penomoran\.naskah\.undangan\.pola"):
        load_settings(settings)
