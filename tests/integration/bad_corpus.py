"""A corpus of faulty round workbooks, built by code from the samples, one fault each.

Each Fault names the exact cell a clerk must fix and the words the message must contain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from flows.domain.layout import PUTARAN
from flows.workbook.writer import WorkbookContent
from tests.workbooks import cache_formula_values, putaran_row, sample, set_putaran, write

AFTER_LAST_KEY = len(PUTARAN) + 2
"""The row a clerk's own key lands on, below the keys the template writes."""

Expect = tuple[str, str, tuple[str, ...]]
"""(severity, ref, words in the message)."""


@dataclass(frozen=True)
class Fault:
    name: str
    change: Callable[[WorkbookContent], None]
    expect: tuple[Expect, ...]
    kind: str = "evaluasi_kinerja"
    after: Callable[[Path], None] | None = None
    """Edits the written file, for faults the writer cannot express."""
    combinable: bool = field(default=True)
    """Whether it can share a workbook with the other combinable faults."""

    def build(self, folder: Path) -> Path:
        content = sample(self.kind)
        self.change(content)
        path = write(folder, content, f"{self.name}.xlsx")
        if self.after:
            self.after(path)
        return path


def err(ref: str, *words: str) -> Expect:
    return ("error", ref, words)


def warn(ref: str, *words: str) -> Expect:
    return ("warning", ref, words)


def official(index: int, **changes: object) -> Callable[[WorkbookContent], None]:
    def change(content: WorkbookContent) -> None:
        content.pejabat[index].update(changes)  # type: ignore[union-attr]
    return change


def member(index: int, **changes: object) -> Callable[[WorkbookContent], None]:
    def change(content: WorkbookContent) -> None:
        content.tim[index].update(changes)  # type: ignore[union-attr]
    return change


def putaran(key: str, value: object) -> Callable[[WorkbookContent], None]:
    return lambda content: set_putaran(content, key, value)


def columns(*, drop: str | None = None, add: str | None = None
            ) -> Callable[[WorkbookContent], None]:
    def change(content: WorkbookContent) -> None:
        cols = [c for c in content.pejabat_columns if c != drop]
        content.pejabat_columns = [*cols, add] if add else cols
    return change


def bobot(*rows: tuple[str, object]) -> Callable[[WorkbookContent], None]:
    def change(content: WorkbookContent) -> None:
        content.bobot = list(rows)
    return change


def nothing(content: WorkbookContent) -> None:
    """The fault is made after writing."""


def edit_sheet(sheet: str, edit: Callable) -> Callable[[Path], None]:  # type: ignore[type-arg]
    def after(path: Path) -> None:
        wb = load_workbook(path)
        edit(wb, wb[sheet])
        wb.save(path)
    return after


def delete_putaran_key(key: str) -> Callable[[Path], None]:
    return edit_sheet("Putaran", lambda wb, ws: ws.delete_rows(putaran_row(key)))


def append_putaran(key: str, value: object) -> Callable[[Path], None]:
    return edit_sheet("Putaran", lambda wb, ws: ws.append([key, value]))


FAULTS: tuple[Fault, ...] = (
    # --- NIP of an official
    Fault("nip_17_digits", official(5, nip="19700101199503100"),
          (err("Pejabat!B7", 'NIP "19700101199503100" harus 18 digit angka', "ditemukan 17"),)),
    Fault("nip_letter", official(0, nip="1972O415 199803 1 005"),
          (err("Pejabat!B2", "angka saja"),)),
    Fault("nip_birth_date", official(1, nip="19761321 200212 2 001"),
          (err("Pejabat!B3", "digit 1–8", "tanggal lahir"),)),
    Fault("nip_tmt_month", official(2, nip="19700102 199613 1 003"),
          (err("Pejabat!B4", "bulan TMT CPNS"),)),
    Fault("nip_sex_digit", official(3, nip="19731117 199903 5 002"),
          (err("Pejabat!B5", "digit 15", "pria", "wanita"),)),
    Fault("nip_serial_000", official(4, nip="19780305 200501 1 000"),
          (err("Pejabat!B6", "nomor urut", "000"),)),
    Fault("nip_cpns_before_18", official(6, nip="19740808 198803 2 002"),
          (err("Pejabat!B8", "kurang dari 18 tahun"),)),
    Fault("nip_duplicate", official(11, nip="19770214200312 1 006"),
          (err("Pejabat!B13", "sudah dipakai di B9"),)),
    Fault("nip_typed_as_number", official(9, nip=197907232006041001.0),
          (err("Pejabat!B11", "diketik sebagai angka", "teks"),)),
    Fault("nip_missing", official(10, nip=None), (err("Pejabat!B12", "NIP wajib diisi"),)),
    # --- other columns of Pejabat
    Fault("pangkat_golongan_disagree", official(0, golongan="IV/a"),
          (err("Pejabat!G2", "golongan IV/a tidak sesuai pangkat Pembina Utama Muda"),)),
    Fault("golongan_unknown", official(1, golongan="V/a"),
          (err("Pejabat!G3", "bukan golongan/ruang yang dikenal"),)),
    Fault("pangkat_unknown", official(1, pangkat="Pembina Muda"),
          (err("Pejabat!F3", "bukan nama pangkat yang dikenal"),)),
    Fault("tmt_not_in_calendar", official(2, tmt_jabatan="31/02/2020"),
          (err("Pejabat!J4", "tidak ada di kalender"),)),
    Fault("tmt_not_a_date", official(3, tmt_jabatan="sejak 2020"),
          (err("Pejabat!J5", 'TMT jabatan "sejak 2020" bukan tanggal'),)),
    Fault("tmt_after_round", official(4, tmt_jabatan=date(2024, 12, 2)),
          (err("Pejabat!J6", "sesudah tanggal pelaksanaan 11/11/2024"),)),
    Fault("tmt_missing", official(11, tmt_jabatan=None),
          (err("Pejabat!J13", "TMT jabatan wajib diisi"),)),
    Fault("score_over_100", official(5, nilai_kinerja=105),
          (err("Pejabat!L7", 'nilai kinerja "105" di luar rentang 0–100'),)),
    Fault("score_negative", official(5, nilai_rekam_jejak=-1),
          (err("Pejabat!O7", "di luar rentang"),)),
    Fault("score_words", official(6, nilai_kompetensi="delapan puluh"),
          (err("Pejabat!M8", "bukan angka"),)),
    Fault("score_missing", official(7, nilai_wawancara=None),
          (err("Pejabat!N9", "nilai wawancara wajib diisi karena berbobot"),)),
    Fault("nama_missing", official(8, nama=None), (err("Pejabat!D10", "nama wajib diisi"),)),
    Fault("jabatan_missing", official(9, jabatan="   "),
          (err("Pejabat!H11", "jabatan wajib diisi"),)),
    Fault("predikat_unknown", official(9, predikat_kinerja="Istimewa"),
          (err("Pejabat!K11", "bukan pilihan", "Sangat Baik"),)),
    Fault("chance_not_yes_no", official(10, sudah_diberi_kesempatan="Mungkin"),
          (err("Pejabat!Q12", "bukan Ya atau Tidak"),)),
    Fault("formula_without_cached_value", official(0, nilai_kinerja="=80+5"),
          (err("Pejabat!L2", "rumus tanpa nilai tersimpan", "simpan ulang"),)),
    Fault("formula_excel_error", official(1, nilai_kinerja="=1/0"),
          (err("Pejabat!L3", 'galat Excel "#DIV/0!"'),),
          after=lambda p: cache_formula_values(p, {"1/0": ("#DIV/0!", "e")})),
    Fault("seleksi_without_post", official(0, jabatan_sasaran=None),
          (err("Pejabat!O2", "jabatan sasaran (jabatan yang dilamar) wajib diisi"),),
          kind="seleksi_terbuka"),
    # --- headers of Pejabat
    Fault("required_column_missing", columns(drop="jabatan"),
          (err("Pejabat!1:1", 'kolom wajib "jabatan" tidak ditemukan'),), combinable=False),
    Fault("header_twice", columns(add="nama"), (err("Pejabat!U1", '"nama" ganda'),),
          combinable=False),
    Fault("header_unknown", columns(add="alamat_rumah"),
          (warn("Pejabat!U1", '"alamat_rumah" tidak dikenal'),), combinable=False),
    Fault("default_component_missing", columns(drop="nilai_wawancara"),
          (err("Pejabat!1:1", '"nilai_wawancara" tidak ditemukan', "bobot bawaan 20%"),),
          combinable=False),
    Fault("pejabat_empty", lambda c: setattr(c, "pejabat", []),
          (err("Pejabat!A2", "tidak berisi data pejabat"),), combinable=False),
    # --- Tim
    Fault("no_ketua", member(0, kedudukan_dalam_tim="Anggota"),
          (err("Tim!F:F", "tidak memiliki Ketua"),), combinable=False),
    Fault("two_ketua", member(2, kedudukan_dalam_tim="Ketua"),
          (err("Tim!F4", "Ketua lebih dari satu", "F2"),)),
    Fault("team_even", lambda c: setattr(c, "tim", c.tim[:4]),
          (warn("Tim", "genap (4)"),), combinable=False),
    Fault("team_nip_short", member(1, nip="1969081819950310"),
          (err("Tim!C3", "ditemukan 16"),)),
    Fault("team_role_unknown", member(3, kedudukan_dalam_tim="Penasehat"),
          (err("Tim!F5", "bukan pilihan", "Wakil Ketua"),)),
    Fault("team_pangkat_disagree", member(4, pangkat_golongan="Pembina Tingkat I (IV/c)"),
          (err("Tim!D6", "pangkat Pembina Tingkat I tidak sesuai golongan IV/c"),)),
    Fault("team_member_without_name", member(1, nama=None), (err("Tim!B3", "nama wajib"),)),
    Fault("sheet_tim_missing", nothing,
          (err("Tim", 'sheet "Tim" tidak ditemukan'),),
          after=lambda p: _delete_sheet(p, "Tim"), combinable=False),
    # --- Putaran
    Fault("putaran_key_missing", nothing,
          (err("Putaran!A:A", 'kunci "tempat_pelaksanaan" tidak ditemukan'),),
          after=delete_putaran_key("tempat_pelaksanaan"), combinable=False),
    Fault("putaran_value_missing", putaran("nama_putaran", None),
          (err("Putaran!B4", "nama putaran wajib diisi"),)),
    Fault("kode_with_slash", putaran("kode_putaran", "EVKIN/2024"),
          (err("Putaran!B2", "hanya boleh huruf, angka"),)),
    Fault("kode_dots", putaran("kode_putaran", ".."), (err("Putaran!B2", "hanya boleh"),),
          combinable=False),
    Fault("jenis_unknown", putaran("jenis_putaran", "evaluasi"),
          (err("Putaran!B3", "bukan pilihan", "evaluasi_kinerja"),), combinable=False),
    Fault("date_month_misspelt", putaran("tanggal_pelaksanaan", "11 Novembar 2024"),
          (err("Putaran!B14", 'nama bulan "Novembar" tidak dikenal'),), combinable=False),
    Fault("sk_after_round", putaran("tanggal_sk_tim", date(2024, 11, 20)),
          (err("Putaran!B13", "tanggal SK tim sesudah tanggal pelaksanaan"),)),
    Fault("berita_acara_before_round", putaran("tanggal_berita_acara", "10/11/2024"),
          (err("Putaran!B17", "tanggal berita acara sebelum tanggal pelaksanaan"),)),
    Fault("thresholds_crossed", putaran("batas_cukup", 85),
          (err("Putaran!B27", "batas cukup (85) harus lebih kecil dari batas baik (80)"),)),
    Fault("addressee_unknown", putaran("instansi_tujuan_permohonan", "KemenPAN"),
          (err("Putaran!B20", "bukan pilihan", "BKN, KASN"),)),
    Fault("putaran_key_twice", nothing,
          (err(f"Putaran!A{AFTER_LAST_KEY}", 'kunci "kode_putaran" ganda'),),
          after=append_putaran("kode_putaran", "LAIN-2024"), combinable=False),
    Fault("putaran_key_unknown", nothing,
          (warn(f"Putaran!A{AFTER_LAST_KEY}", 'kunci "kode_wilayah" tidak dikenal'),),
          after=append_putaran("kode_wilayah", "74.12"), combinable=False),
    Fault("waktu_missing", putaran("waktu_pelaksanaan", None),
          (err("Putaran!B16", "waktu pelaksanaan wajib diisi"),)),
    Fault("approval_number_without_date",
          putaran("persetujuan_mendagri_nomor", "100.2.2.6/7588/OTDA"),
          (err("Putaran!B37", "nomor persetujuan Mendagri diisi tetapi "
                              "tanggal persetujuan Mendagri kosong"),)),
    Fault("inauguration_of_no_known_election",
          putaran("tanggal_pelantikan_kepala_daerah", date(2030, 2, 20)),
          (err("Putaran!B35", "tidak termasuk jadwal pilkada serentak",
               "tanggal penetapan pasangan calon"),)),
    # --- round-wide checks: they need every row valid, so they cannot be combined
    Fault("two_moves_into_one_post",
          official(8, jabatan_sasaran="Kepala Badan Perencanaan Pembangunan Daerah"),
          (err("Pejabat!P10", "(baris 10)", "(baris 5)", "sama-sama diusulkan pindah"),),
          combinable=False),
    # --- Bobot
    Fault("weights_not_100", bobot(("nilai_kinerja", 40), ("nilai_kompetensi", 30),
                                   ("nilai_wawancara", 10), ("nilai_rekam_jejak", 10)),
          (err("Bobot!B2:B5", "jumlah bobot 90, harus 100"),), combinable=False),
    Fault("weight_for_unknown_column",
          bobot(("nilai_kinerja", 40), ("nilai_kompetensi", 30), ("nilai_wawancara", 20),
                ("nilai_makalah", 10)),
          (err("Bobot!A5", 'komponen "nilai_makalah" tidak ada sebagai kolom'),
           err("Pejabat!O1", '"nilai_rekam_jejak" tidak memiliki bobot')), combinable=False),
    Fault("weight_twice", bobot(("nilai_kinerja", 40), ("nilai_kompetensi", 30),
                                ("nilai_wawancara", 20), ("nilai_rekam_jejak", 5),
                                ("rekam_jejak", 5)),
          (err("Bobot!A6", "ganda", "A5"),), combinable=False),
    Fault("weight_not_a_number", bobot(("nilai_kinerja", "empat puluh"),
                                       ("nilai_kompetensi", 30), ("nilai_wawancara", 20),
                                       ("nilai_rekam_jejak", 10)),
          (err("Bobot!B2", 'bobot "empat puluh" bukan angka'),), combinable=False),
)


def _delete_sheet(path: Path, title: str) -> None:
    wb = load_workbook(path)
    del wb[title]
    wb.save(path)


def combined(folder: Path) -> tuple[Path, tuple[Expect, ...]]:
    """One workbook with every combinable fault at once, and what all of them expect."""
    content = sample("evaluasi_kinerja")
    chosen = [f for f in FAULTS if f.combinable and f.kind == "evaluasi_kinerja"]
    for fault in chosen:
        fault.change(content)
    path = write(folder, content, "semua-kesalahan.xlsx")
    for fault in chosen:
        if fault.after:
            fault.after(path)
    return path, tuple(e for f in chosen for e in f.expect)
