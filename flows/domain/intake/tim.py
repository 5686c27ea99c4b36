"""Sheet Tim: the evaluation team or panitia seleksi."""

from __future__ import annotations

from flows.domain.intake.cells import CellReader
from flows.domain.intake.tables import read_table
from flows.domain.issues import IssueCollector, Severity
from flows.domain.layout import SHEET_TIM, TIM
from flows.domain.models import TeamMember, TeamRole, Unsur
from flows.domain.raw import RawSheet, column_letter


def read_team(sheet: RawSheet, collector: IssueCollector) -> tuple[TeamMember, ...] | None:
    """The members in sheet order; None when any member has an error."""
    issues = collector.for_sheet(SHEET_TIM)
    before = len(issues.issues)
    table = read_table(sheet, SHEET_TIM, TIM, issues)
    if table is None:
        return None
    if not table.rows:
        issues.error("A2", "tim.empty", "sheet Tim tidak berisi anggota tim",
                     expected="satu baris per anggota tim, mulai baris 2")
        return None
    read = CellReader(issues)
    members = []
    ketua_cells = []
    seen_nips: dict[str, str] = {}
    for row in table:
        nama = read.text(row["nama"], "nama", required=True)
        nip = read.nip(row["nip"], "NIP") if "nip" in row.cells else None
        if nip is not None:
            first = seen_nips.setdefault(nip.digits, row["nip"].ref)
            if first != row["nip"].ref:
                issues.error(row["nip"].ref, "nip.duplicate",
                             f'NIP "{nip.display()}" sudah dipakai di baris {first}',
                             found=nip.display(), expected="setiap anggota dengan NIP berbeda")
        pangkat = (read.pangkat_golongan(row["pangkat_golongan"], "pangkat_golongan")
                   if "pangkat_golongan" in row.cells else None)
        jabatan = read.text(row["jabatan"], "jabatan", required=True)
        role = read.choice(row["kedudukan_dalam_tim"], "kedudukan_dalam_tim", TeamRole,
                           required=True)
        if role is TeamRole.KETUA:
            ketua_cells.append(row["kedudukan_dalam_tim"].ref)
        unsur = read.choice(row["unsur"], "unsur", Unsur) if "unsur" in row.cells else None
        if nama and jabatan and role:
            members.append(TeamMember(nama, nip, pangkat, jabatan, role, unsur, row.number))
    column = column_letter(table.columns["kedudukan_dalam_tim"])
    if not ketua_cells:
        issues.error(f"{column}:{column}", "tim.ketua_missing", "tim tidak memiliki Ketua",
                     found="0 Ketua", expected="tepat satu anggota dengan kedudukan Ketua")
    for ref in ketua_cells[1:]:
        issues.error(ref, "tim.ketua_multiple",
                     f"Ketua lebih dari satu (Ketua pertama di {ketua_cells[0]})",
                     found=f"{len(ketua_cells)} Ketua",
                     expected="tepat satu anggota dengan kedudukan Ketua")
    if len(table.rows) % 2 == 0:
        issues.warning(None, "tim.even", f"jumlah anggota tim genap ({len(table.rows)}); "
                       "tim penilai lazimnya berjumlah ganjil", found=str(len(table.rows)),
                       expected="jumlah ganjil")
    if any(i.severity is Severity.ERROR for i in issues.issues[before:]):
        return None
    return tuple(members)
