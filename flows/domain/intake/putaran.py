"""Sheet Putaran: one key per row in column A, its value in column B."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flows.domain.elections import ElectionWindow, resolve_windows
from flows.domain.intake.cells import CellReader
from flows.domain.issues import IssueCollector, Severity
from flows.domain.layout import NUMBERED_KINDS, PUTARAN, SHEET_PUTARAN
from flows.domain.models import (
    Addressee,
    Official,
    Round,
    RoundKind,
    TeamMember,
    Thresholds,
    UnitHead,
    Weight,
)
from flows.domain.raw import RawCell, RawSheet
from flows.domain.ruleset import RuleSet
from flows.domain.values import ValueProblem, clean_text, normalise_key

_CODE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_HEADER_KEYS = {"kunci", "key"}


@dataclass(frozen=True, slots=True)
class PutaranData:
    """The round's own fields; ``build`` joins them with the other sheets."""

    values: dict[str, Any]
    """Every key of the contract; None where missing or invalid."""
    jenis: RoundKind | None
    thresholds: Thresholds
    ok: bool
    pilkada: tuple[ElectionWindow, ...] = ()
    """False when any field has an error: then only ``values`` may be consulted."""

    def build(self, *, team: tuple[TeamMember, ...], officials: tuple[Official, ...],
              weights: tuple[Weight, ...], weights_from_workbook: bool) -> Round:
        assert self.ok and self.jenis is not None
        v = self.values
        ba = v["tanggal_berita_acara"] or v["tanggal_pelaksanaan"]
        saran = v["tanggal_saran_pendapat"] or ba
        return Round(
            kode_putaran=v["kode_putaran"], jenis=self.jenis, nama_putaran=v["nama_putaran"],
            pemerintah_daerah=v["pemerintah_daerah"], provinsi=v["provinsi"],
            ibu_kota=v["ibu_kota"], kepala_daerah_jabatan=v["kepala_daerah_jabatan"],
            kepala_daerah_nama=v["kepala_daerah_nama"], unit_pengelola=v["unit_pengelola"],
            unit_pengelola_singkatan=v["unit_pengelola_singkatan"],
            alamat_unit=v["alamat_unit"], tanggal_sk_tim=v["tanggal_sk_tim"],
            tanggal_pelaksanaan=v["tanggal_pelaksanaan"],
            tempat_pelaksanaan=v["tempat_pelaksanaan"],
            waktu_pelaksanaan=v["waktu_pelaksanaan"], tanggal_berita_acara=ba,
            tanggal_saran_pendapat=saran,
            tanggal_surat_permohonan=v["tanggal_surat_permohonan"] or saran,
            tanggal_undangan=v["tanggal_undangan"] or v["tanggal_sk_tim"],
            tanggal_pemberitahuan=v["tanggal_pemberitahuan"] or saran,
            instansi_tujuan=v["instansi_tujuan_permohonan"] or Addressee.BKN,
            given_numbers={kind: v[f"nomor_{key}"] for key, kind in NUMBERED_KINDS.items()
                           if v[f"nomor_{key}"]},
            dasar_pembentukan_daerah=v["dasar_pembentukan_daerah"],
            kepala_unit=(UnitHead(v["kepala_unit_nama"], v["kepala_unit_pangkat_golongan"],
                                  v["kepala_unit_nip"]) if v["kepala_unit_nama"] else None),
            nama_tim=v["nama_tim"], thresholds=self.thresholds, weights=weights,
            weights_from_workbook=weights_from_workbook, team=team, officials=officials,
            pilkada=self.pilkada,
            persetujuan_mendagri=((v["persetujuan_mendagri_nomor"],
                                   v["persetujuan_mendagri_tanggal"])
                                  if v["persetujuan_mendagri_nomor"] else None),
        )


def _kode(value: object) -> str:
    text = clean_text(value) or ""
    if not _CODE.match(text) or set(text) == {"."}:
        raise ValueProblem(
            "hanya boleh huruf, angka, titik, garis bawah dan tanda hubung (1–64 karakter)",
            "misalnya EVKIN-BUTENG-2024",
        )
    return text


def read_putaran(sheet: RawSheet, date1904: bool, rules: RuleSet,
                 collector: IssueCollector) -> PutaranData:
    """The round's fields, as far as they could be read (see ``PutaranData.ok``)."""
    issues = collector.for_sheet(SHEET_PUTARAN)
    before = len(issues.issues)
    cells = _key_cells(sheet, issues)
    read = CellReader(issues, date1904)
    fields = {f.name: f for f in PUTARAN}
    values: dict[str, Any] = {}
    for name, field in fields.items():
        cell = cells.get(name)
        if cell is None:
            values[name] = None
            if field.required:
                issues.error("A:A", "putaran.missing_key", f'kunci "{name}" tidak ditemukan',
                             expected=f'baris dengan "{name}" di kolom A dan nilainya di kolom B')
            continue
        if field.kind == "date":
            values[name] = read.date(cell, name, required=field.required)
        elif field.kind == "number":
            values[name] = read.number(cell, name, required=field.required)
        elif name == "kode_putaran":
            values[name] = read.value(cell, name, _kode, required=True, code="kode_putaran")
        elif name == "jenis_putaran":
            values[name] = read.choice(cell, name, RoundKind, required=True)
        elif name == "instansi_tujuan_permohonan":
            values[name] = read.choice(cell, name, Addressee)
        elif field.kind == "nip":
            values[name] = read.nip(cell, name)
        elif name == "kepala_unit_pangkat_golongan":
            values[name] = read.pangkat_golongan(cell, name)
        else:
            values[name] = read.text(cell, name, required=field.required)
    jenis = values["jenis_putaran"]
    thresholds = Thresholds(_or_default(values["batas_baik"], rules.thresholds.baik),
                            _or_default(values["batas_cukup"], rules.thresholds.cukup))
    if thresholds.cukup >= thresholds.baik:
        ref = cells.get("batas_cukup") or cells.get("batas_baik")
        issues.error(ref.ref if ref else "A:A", "putaran.thresholds",
                     f"batas_cukup ({thresholds.cukup}) harus lebih kecil dari batas_baik "
                     f"({thresholds.baik})", found=str(thresholds.cukup),
                     expected=f"kurang dari {thresholds.baik}")
    _check_date_order(values, cells, issues)
    _check_pair(values, cells, issues, "persetujuan_mendagri_nomor",
                "persetujuan_mendagri_tanggal")
    pilkada = _pilkada(values, cells, rules, issues)
    if jenis is not None and not values["nama_tim"]:
        values["nama_tim"] = rules.team_names[jenis]
    ok = jenis is not None and not any(
        i.severity is Severity.ERROR for i in issues.issues[before:])
    return PutaranData(values, jenis, thresholds, ok, pilkada)


def _check_pair(values: dict[str, Any], cells: dict[str, RawCell], issues: IssueCollector,
                first: str, second: str) -> None:
    """Two keys given both or neither (a blank invalid value was already reported)."""
    for given, missing in ((first, second), (second, first)):
        if values[given] is not None and values[missing] is None and not _invalid(cells, missing):
            cell = cells.get(missing)
            issues.error(cell.ref if cell else "A:A", "putaran.pair",
                         f"{given} diisi tetapi {missing} kosong; isi keduanya atau "
                         "kosongkan keduanya", found=str(values[given]),
                         expected=f'nilai untuk "{missing}"')


def _invalid(cells: dict[str, RawCell], name: str) -> bool:
    cell = cells.get(name)
    return cell is not None and cell.value is not None and str(cell.value).strip() != ""


def _pilkada(values: dict[str, Any], cells: dict[str, RawCell], rules: RuleSet,
             issues: IssueCollector) -> tuple[ElectionWindow, ...]:
    """The office's election windows, with this round's own dates where it gives them."""
    penetapan = values["tanggal_penetapan_paslon"]
    pelantikan = values["tanggal_pelantikan_kepala_daerah"]
    if penetapan and pelantikan and pelantikan <= penetapan:
        issues.error(cells["tanggal_pelantikan_kepala_daerah"].ref, "putaran.date_order",
                     "tanggal_pelantikan_kepala_daerah harus sesudah tanggal_penetapan_paslon",
                     found=pelantikan.strftime("%d/%m/%Y"),
                     expected=f"sesudah {penetapan.strftime('%d/%m/%Y')}")
        return rules.elections
    windows = resolve_windows(rules.elections, penetapan, pelantikan,
                              months_after=rules.election_months_after,
                              dasar=rules.election_basis)
    if windows is None:
        given = "tanggal_penetapan_paslon" if penetapan else "tanggal_pelantikan_kepala_daerah"
        other = ("tanggal_pelantikan_kepala_daerah" if penetapan
                 else "tanggal_penetapan_paslon")
        issues.error(cells[given].ref, "putaran.pilkada",
                     f"{given} tidak termasuk jadwal pilkada serentak di pengaturan kantor; "
                     f"isi juga {other}", found=str(values[given]),
                     expected=f'nilai untuk "{other}"')
        return rules.elections
    return windows


def _key_cells(sheet: RawSheet, issues: IssueCollector) -> dict[str, RawCell]:
    """Column-B cell of each key in column A (a blank placeholder when B is empty)."""
    known = {f.name for f in PUTARAN}
    cells: dict[str, RawCell] = {}
    for row in sheet.rows:
        key_cell = next((c for c in row if c.col == 1), None)
        if key_cell is None or key_cell.value is None:
            continue
        key = normalise_key(str(key_cell.value))
        value_cell = next((c for c in row if c.col == 2), RawCell(key_cell.row, 2, None))
        if key in _HEADER_KEYS and key_cell.row == 1:
            continue
        if key in cells:
            issues.error(key_cell.ref, "putaran.duplicate_key", f'kunci "{key}" ganda',
                         found=key_cell.value, expected="setiap kunci hanya sekali")
        elif key not in known:
            issues.warning(key_cell.ref, "putaran.unknown_key",
                           f'kunci "{key_cell.value}" tidak dikenal dan diabaikan',
                           found=key_cell.value)
        else:
            cells[key] = value_cell
    return cells


def _check_date_order(values: dict[str, Any], cells: dict[str, RawCell],
                      issues: IssueCollector) -> None:
    pelaksanaan: date | None = values["tanggal_pelaksanaan"]
    sk: date | None = values["tanggal_sk_tim"]
    if sk and pelaksanaan and sk > pelaksanaan:
        issues.error(cells["tanggal_sk_tim"].ref, "putaran.date_order",
                     "tanggal_sk_tim sesudah tanggal_pelaksanaan; tim harus dibentuk lebih dulu",
                     found=sk.strftime("%d/%m/%Y"),
                     expected=f"paling lambat {pelaksanaan.strftime('%d/%m/%Y')}")
    earlier, earlier_name = pelaksanaan, "tanggal_pelaksanaan"
    for name in ("tanggal_berita_acara", "tanggal_saran_pendapat", "tanggal_surat_permohonan"):
        current: date | None = values[name]
        if current and earlier and current < earlier:
            issues.error(cells[name].ref, "putaran.date_order",
                         f"{name} sebelum {earlier_name}", found=current.strftime("%d/%m/%Y"),
                         expected=f"paling cepat {earlier.strftime('%d/%m/%Y')}")
        if current:
            earlier, earlier_name = current, name


def _or_default(value: Decimal | None, default: Decimal) -> Decimal:
    return default if value is None else value
