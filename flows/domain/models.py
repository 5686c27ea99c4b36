"""Typed, immutable models of one evaluation round, as read from the workbook."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from flows.domain.elections import ElectionWindow
from flows.domain.nip import Nip


class RoundKind(StrEnum):
    """Putaran!jenis_putaran."""

    EVALUASI_KINERJA = "evaluasi_kinerja"
    UJI_KOMPETENSI = "uji_kompetensi"
    SELEKSI_TERBUKA = "seleksi_terbuka"


class TeamRole(StrEnum):
    """Tim!kedudukan_dalam_tim."""

    KETUA = "Ketua"
    WAKIL_KETUA = "Wakil Ketua"
    SEKRETARIS = "Sekretaris"
    ANGGOTA = "Anggota"


class Unsur(StrEnum):
    """Tim!unsur."""

    INTERNAL = "Internal"
    EKSTERNAL = "Eksternal"


class Predikat(StrEnum):
    """Pejabat!predikat_kinerja: the SKP rating (Permenpan RB 6/2022)."""

    SANGAT_BAIK = "Sangat Baik"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang"
    SANGAT_KURANG = "Sangat Kurang"


class Category(StrEnum):
    """The category of a final score."""

    BAIK = "Baik"
    CUKUP = "Cukup"
    KURANG = "Kurang"


class Addressee(StrEnum):
    """Putaran!instansi_tujuan_permohonan."""

    BKN = "BKN"
    KASN = "KASN"


def full_name(gelar_depan: str | None, nama: str, gelar_belakang: str | None) -> str:
    """Name with titles as printed on letters: ``Drs. H. Nama, M.Si.``."""
    name = f"{gelar_depan} {nama}" if gelar_depan else nama
    return f"{name}, {gelar_belakang}" if gelar_belakang else name


@dataclass(frozen=True, slots=True)
class TeamMember:
    """One row of sheet Tim."""

    nama: str
    """Tim!nama: with titles, as on letters."""
    nip: Nip | None
    """Tim!nip: None for external members without one."""
    pangkat_golongan: str | None
    """Tim!pangkat_golongan, normalised when recognised: ``Pembina Utama Muda (IV/c)``."""
    jabatan: str
    """Tim!jabatan."""
    kedudukan: TeamRole
    """Tim!kedudukan_dalam_tim."""
    unsur: Unsur | None
    """Tim!unsur."""
    row: int
    """Worksheet row, for messages."""


@dataclass(frozen=True, slots=True)
class Official:
    """One row of sheet Pejabat: a JPT Pratama official (or candidate) evaluated."""

    nip: Nip
    gelar_depan: str | None
    nama: str
    gelar_belakang: str | None
    pangkat: str | None
    golongan: str | None
    jabatan: str
    unit_kerja: str | None
    tmt_jabatan: date
    predikat_kinerja: Predikat | None
    scores: Mapping[str, Decimal]
    """Every ``nilai_*`` column that has a value, by header."""
    jabatan_sasaran: str | None
    sudah_diberi_kesempatan: bool
    rekomendasi_manual: str | None
    catatan: str | None
    row: int
    """Worksheet row, for messages."""
    cells: Mapping[str, str]
    """Cell of each field on sheet Pejabat (``J7``), for messages about this official."""
    pengecualian_masa_jabatan: str | None = None
    """The ground for moving the official within the protected period (free text)."""
    perlu_permohonan_manual: bool | None = None
    """The team's own request flag (``Ya``/``Tidak``), or None for the computed one."""

    @property
    def full_name(self) -> str:
        return full_name(self.gelar_depan, self.nama, self.gelar_belakang)


@dataclass(frozen=True, slots=True)
class Weight:
    """One score component and its weight in percent."""

    component: str
    """A ``nilai_*`` header of sheet Pejabat."""
    percent: Decimal


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Score limits of the categories."""

    baik: Decimal
    cukup: Decimal


@dataclass(frozen=True, slots=True)
class UnitHead:
    """The head of the personnel unit, when the workbook names one (Putaran!kepala_unit_*)."""

    nama: str
    pangkat_golongan: str | None
    nip: Nip | None


@dataclass(frozen=True, slots=True)
class Round:
    """Everything one workbook says about a round, validated and with defaults resolved."""

    kode_putaran: str
    jenis: RoundKind
    nama_putaran: str
    pemerintah_daerah: str
    provinsi: str
    ibu_kota: str
    kepala_daerah_jabatan: str
    kepala_daerah_nama: str
    unit_pengelola: str
    unit_pengelola_singkatan: str
    alamat_unit: str | None
    tanggal_sk_tim: date
    tanggal_pelaksanaan: date
    tempat_pelaksanaan: str
    waktu_pelaksanaan: str | None
    tanggal_berita_acara: date
    tanggal_saran_pendapat: date
    tanggal_surat_permohonan: date
    tanggal_undangan: date
    tanggal_pemberitahuan: date
    instansi_tujuan: Addressee
    given_numbers: Mapping[str, str]
    """Numbers typed in Putaran (``nomor_sk_tim`` …) by document kind (``sk_tim`` …)."""
    dasar_pembentukan_daerah: str | None
    kepala_unit: UnitHead | None
    nama_tim: str
    thresholds: Thresholds
    weights: tuple[Weight, ...]
    weights_from_workbook: bool
    team: tuple[TeamMember, ...]
    officials: tuple[Official, ...]
    pilkada: tuple[ElectionWindow, ...] = ()
    """The regional-election windows that apply to this round (office settings, overridden
    by the round's own dates)."""
    persetujuan_mendagri: tuple[str, date] | None = None
    """Number and date of the Minister of Home Affairs' written approval already received."""

    @property
    def ketua(self) -> TeamMember:
        return next(m for m in self.team if m.kedudukan is TeamRole.KETUA)
