"""Sheet Pejabat: the officials evaluated, one per row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from flows.domain import pangkat as pangkat_rules
from flows.domain.intake.cells import CellReader
from flows.domain.intake.putaran import PutaranData
from flows.domain.intake.tables import Table, TableRow, read_table
from flows.domain.issues import IssueCollector, Severity
from flows.domain.layout import PEJABAT, SCORE_PREFIX, SHEET_PEJABAT
from flows.domain.models import Official, Predikat, RoundKind
from flows.domain.nip import Nip
from flows.domain.raw import RawSheet
from flows.domain.values import clean_text


@dataclass(frozen=True, slots=True)
class OfficialsData:
    officials: tuple[Official, ...]
    """Only rows without errors."""
    table: Table
    score_columns: tuple[str, ...]
    """Every ``nilai_*`` header, in sheet order."""
    blank_scores: tuple[tuple[str, str], ...]
    """(component, cell) of every empty score cell, in every row."""
    empty_columns: frozenset[str]
    """Score columns with no value in any row."""
    rows_with_errors: int


def read_officials(sheet: RawSheet, date1904: bool, putaran: PutaranData | None,
                   collector: IssueCollector) -> OfficialsData | None:
    issues = collector.for_sheet(SHEET_PEJABAT)
    table = read_table(sheet, SHEET_PEJABAT, PEJABAT, issues, accept_prefix=SCORE_PREFIX)
    if table is None:
        return None
    if not table.rows:
        issues.error("A2", "pejabat.empty", "sheet Pejabat tidak berisi data pejabat",
                     expected="satu baris per pejabat, mulai baris 2")
        return None
    all_columns = {**table.columns, **table.extra}
    score_columns = tuple(sorted((c for c in all_columns if c.startswith(SCORE_PREFIX)),
                                 key=all_columns.__getitem__))
    read = CellReader(issues, date1904)
    officials = []
    blank_scores = []
    seen: dict[str, str] = {}
    failed = 0
    for row in table:
        for component in score_columns:
            if row[component].blank:
                blank_scores.append((component, row[component].ref))
        before = len(issues.issues)
        official = _read_row(row, read, score_columns, putaran, seen, issues)
        if official is None or any(i.severity is Severity.ERROR for i in issues.issues[before:]):
            failed += 1
        else:
            officials.append(official)
    blank_count: dict[str, int] = {}
    for component, _ref in blank_scores:
        blank_count[component] = blank_count.get(component, 0) + 1
    empty = frozenset(c for c, n in blank_count.items() if n == len(table.rows))
    return OfficialsData(tuple(officials), table, score_columns, tuple(blank_scores), empty,
                         failed)


def _read_row(row: TableRow, read: CellReader, score_columns: tuple[str, ...],
              putaran: PutaranData | None, seen: dict[str, str],
              issues: IssueCollector) -> Official | None:
    def opt(name: str) -> str | None:
        return read.text(row[name], name) if name in row.cells else None

    nip = read.nip(row["nip"], "NIP", required=True)
    if nip is not None:
        _check_unique(nip, row["nip"].ref, seen, issues)
    nama = read.text(row["nama"], "nama", required=True)
    pangkat, golongan = _pangkat(row, read, issues)
    jabatan = read.text(row["jabatan"], "jabatan", required=True)
    tmt = read.date(row["tmt_jabatan"], "tmt_jabatan", required=True)
    pelaksanaan = putaran.values["tanggal_pelaksanaan"] if putaran else None
    if tmt and pelaksanaan and tmt > pelaksanaan:
        issues.error(row["tmt_jabatan"].ref, "pejabat.tmt_after_round",
                     f"tmt_jabatan {tmt:%d/%m/%Y} sesudah tanggal pelaksanaan "
                     f"{pelaksanaan:%d/%m/%Y}", found=f"{tmt:%d/%m/%Y}",
                     expected=f"paling lambat {pelaksanaan:%d/%m/%Y}")
    predikat = (read.choice(row["predikat_kinerja"], "predikat_kinerja", Predikat)
                if "predikat_kinerja" in row.cells else None)
    scores = {}
    for component in score_columns:
        value = read.number(row[component], component)
        if value is not None:
            scores[component] = value
    sasaran = opt("jabatan_sasaran")
    if (sasaran is None and putaran is not None and putaran.jenis is RoundKind.SELEKSI_TERBUKA
            and "jabatan_sasaran" in row.cells):
        read.text(row["jabatan_sasaran"], "jabatan_sasaran (jabatan yang dilamar)",
                  required=True)
    chance = ("sudah_diberi_kesempatan" in row.cells
              and read.yes_no(row["sudah_diberi_kesempatan"], "sudah_diberi_kesempatan"))
    manual_request = None
    if "perlu_permohonan_manual" in row.cells and not row["perlu_permohonan_manual"].blank:
        manual_request = read.yes_no(row["perlu_permohonan_manual"], "perlu_permohonan_manual")
    exception = opt("pengecualian_masa_jabatan")
    gelar_depan, gelar_belakang = opt("gelar_depan"), opt("gelar_belakang")
    unit_kerja, manual, catatan = opt("unit_kerja"), opt("rekomendasi_manual"), opt("catatan")
    if nip is None or nama is None or jabatan is None or tmt is None:
        return None
    return Official(
        nip=nip, gelar_depan=gelar_depan, nama=nama, gelar_belakang=gelar_belakang,
        pangkat=pangkat, golongan=golongan, jabatan=jabatan, unit_kerja=unit_kerja,
        tmt_jabatan=tmt, predikat_kinerja=predikat, scores=MappingProxyType(scores),
        jabatan_sasaran=sasaran, sudah_diberi_kesempatan=chance, rekomendasi_manual=manual,
        catatan=catatan, row=row.number,
        cells=MappingProxyType({name: cell.ref for name, cell in row.cells.items()}),
        pengecualian_masa_jabatan=exception, perlu_permohonan_manual=manual_request,
    )


def _check_unique(nip: Nip, ref: str, seen: dict[str, str], issues: IssueCollector) -> None:
    first = seen.setdefault(nip.digits, ref)
    if first != ref:
        issues.error(ref, "nip.duplicate", f'NIP "{nip.display()}" sudah dipakai di {first}',
                     found=nip.display(), expected="setiap pejabat dengan NIP berbeda")


def _pangkat(row: TableRow, read: CellReader,
             issues: IssueCollector) -> tuple[str | None, str | None]:
    pangkat = golongan = None
    if "pangkat" in row.cells:
        pangkat = read.value(row["pangkat"], "pangkat", _as(pangkat_rules.normalise_pangkat),
                             code="pangkat")
    if "golongan" in row.cells:
        golongan = read.value(row["golongan"], "golongan", _as(pangkat_rules.normalise_golongan),
                              code="golongan")
    if pangkat and golongan and pangkat_rules.golongan_of(pangkat) != golongan:
        issues.error(row["golongan"].ref, "pangkat.mismatch",
                     f"golongan {golongan} tidak sesuai pangkat {pangkat} "
                     f"(di {row['pangkat'].ref})", found=f"{pangkat}, {golongan}",
                     expected=f"{pangkat} ({pangkat_rules.golongan_of(pangkat)})")
        return None, None
    return pangkat, golongan


def _as(normalise: Callable[[str], str]) -> Callable[[object], str]:
    """Apply a text normaliser to a raw cell value."""
    return lambda value: normalise(clean_text(value) or "")
