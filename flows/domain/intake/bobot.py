"""Sheet Bobot (optional): the weight of each score component; defaults come from the rules."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flows.domain.intake.cells import CellReader
from flows.domain.intake.pejabat import OfficialsData
from flows.domain.intake.tables import read_table
from flows.domain.issues import IssueCollector, Severity
from flows.domain.layout import BOBOT, PEJABAT, SCORE_PREFIX, SHEET_BOBOT, SHEET_PEJABAT
from flows.domain.models import RoundKind, Weight
from flows.domain.raw import RawSheet, column_letter
from flows.domain.ruleset import RuleSet
from flows.domain.values import format_decimal, normalise_key

_CONTRACT_SCORES = frozenset(f.name for f in PEJABAT if f.name.startswith(SCORE_PREFIX))
"""The score columns the blank template writes."""


@dataclass(frozen=True, slots=True)
class WeightsData:
    weights: tuple[Weight, ...]
    from_workbook: bool


def read_weights(sheet: RawSheet | None, officials: OfficialsData, jenis: RoundKind,
                 rules: RuleSet, collector: IssueCollector) -> WeightsData | None:
    """The round's weights; None when they are wrong or a weighted score is missing."""
    before = len(collector.issues)
    has_rows = sheet is not None and any(r and r[0].row > 1 for r in sheet.rows)
    if sheet is not None and has_rows:
        weights = _from_sheet(sheet, officials, collector.for_sheet(SHEET_BOBOT))
        from_workbook = True
    else:
        weights = _defaults(officials, jenis, rules, collector.for_sheet(SHEET_PEJABAT))
        from_workbook = False
    if weights is not None:
        pejabat = collector.for_sheet(SHEET_PEJABAT)
        weighted = {w.component for w in weights}
        for component, ref in officials.blank_scores:
            if component in weighted:
                pejabat.error(ref, "nilai.required", f"{component} wajib diisi karena berbobot",
                              expected="angka 0 sampai 100")
    if weights is None or any(i.severity is Severity.ERROR for i in collector.issues[before:]):
        return None
    return WeightsData(weights, from_workbook)


def _defaults(officials: OfficialsData, jenis: RoundKind, rules: RuleSet,
              pejabat: IssueCollector) -> tuple[Weight, ...] | None:
    weights = rules.weights[jenis]
    missing = [w for w in weights if w.component not in officials.score_columns]
    for w in missing:
        pejabat.error("1:1", "nilai.missing_column",
                      f'kolom "{w.component}" tidak ditemukan; kolom ini wajib untuk '
                      f"{jenis.value} (bobot bawaan {format_decimal(w.percent)}%)",
                      expected=f'judul kolom "{w.component}", atau sheet Bobot sendiri')
    used = {w.component for w in weights}
    for component in officials.score_columns:
        if component in used:
            continue
        if component in officials.empty_columns:
            # The blank template carries every component of every kind: an empty one the
            # kind does not weigh is expected, and only a column the clerk added is named.
            if component not in _CONTRACT_SCORES:
                pejabat.warning(officials.table.header_ref(component), "nilai.empty_ignored",
                                f'kolom "{component}" kosong di semua baris dan tidak '
                                "berbobot; kolom ini diabaikan",
                                expected="isi nilainya dan beri bobot, atau hapus kolomnya")
        else:
            pejabat.warning(officials.table.header_ref(component), "nilai.unweighted",
                            f'kolom "{component}" tidak memiliki bobot bawaan untuk '
                            f"{jenis.value} dan tidak dipakai dalam perhitungan",
                            expected="tambahkan sheet Bobot untuk memakai kolom ini")
    return None if missing else weights


def _from_sheet(sheet: RawSheet, officials: OfficialsData,
                issues: IssueCollector) -> tuple[Weight, ...] | None:
    table = read_table(sheet, SHEET_BOBOT, BOBOT, issues)
    if table is None:
        return None
    read = CellReader(issues)
    weights: list[Weight] = []
    seen: dict[str, str] = {}
    percents: list[Decimal | None] = []
    ok = True
    for row in table:
        name = read.text(row["komponen"], "komponen", required=True)
        percent = read.number(row["bobot"], "bobot", required=True)
        percents.append(percent)
        if name is None:
            ok = False
            continue
        component = normalise_key(name)
        if not component.startswith(SCORE_PREFIX):
            component = SCORE_PREFIX + component
        if component in seen:
            issues.error(row["komponen"].ref, "bobot.duplicate",
                         f'komponen "{name}" ganda (pertama di {seen[component]})', found=name,
                         expected="setiap komponen hanya sekali")
            ok = False
        elif component not in officials.score_columns:
            issues.error(row["komponen"].ref, "bobot.unknown_component",
                         f'komponen "{name}" tidak ada sebagai kolom di sheet Pejabat',
                         found=name, expected="salah satu dari: "
                         + (", ".join(f'"{c}"' for c in officials.score_columns)
                            or "(tidak ada kolom nilai_)"))
            ok = False
        else:
            seen[component] = row["komponen"].ref
            if percent is None:
                ok = False
            else:
                weights.append(Weight(component, percent))
    for component in officials.score_columns:
        if component not in seen and component in officials.empty_columns:
            issues.warning(officials.table.header_ref(component), "nilai.empty_ignored",
                           f'kolom "{component}" kosong di semua baris dan tidak ada di sheet '
                           "Bobot; kolom ini diabaikan",
                           expected=f'isi nilainya dan baris "{component}" di sheet Bobot, '
                           "atau hapus kolomnya", sheet=SHEET_PEJABAT)
        elif component not in seen:
            issues.error(officials.table.header_ref(component), "bobot.missing_weight",
                         f'kolom "{component}" tidak memiliki bobot di sheet Bobot',
                         expected=f'baris "{component}" di sheet Bobot', sheet=SHEET_PEJABAT)
            ok = False
    total = sum((p for p in percents if p is not None), Decimal(0))
    if None not in percents and total != 100:
        col = column_letter(table.columns["bobot"])
        issues.error(f"{col}{table.rows[0].number}:{col}{table.rows[-1].number}", "bobot.total",
                     f"jumlah bobot {format_decimal(total)}, harus 100",
                     found=format_decimal(total), expected="100")
        ok = False
    return tuple(weights) if ok else None
