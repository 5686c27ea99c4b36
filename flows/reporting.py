"""What `naskah validate` prints: the issues with their cells, and the computed results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flows.domain.evaluation import OfficialResult, RoundEvaluation
from flows.domain.intake import Intake
from flows.domain.issues import Issue, Severity
from flows.domain.models import Addressee, RoundKind


def score_text(value: object) -> str:
    """``82,50``: two decimals with a decimal comma, as on letters."""
    return f"{value:.2f}".replace(".", ",")


def issue_line(issue: Issue) -> str:
    return f"{issue.severity.label:<10} {issue}"


def summary_line(errors: int, warnings: int) -> str:
    if errors:
        return (f"Workbook tidak sah: {errors} kesalahan, {warnings} peringatan. "
                "Perbaiki kesalahan di atas lalu periksa lagi.")
    return f"Workbook sah: 0 kesalahan, {warnings} peringatan."


def text_report(path: Path, result: Intake) -> str:
    """The human report, in Indonesian."""
    lines = [f"Memeriksa {path}"]
    lines += [issue_line(i) for i in result.report.issues]
    if result.round is not None and result.evaluation is not None:
        rnd = result.round
        lines += ["", f"Hasil perhitungan {rnd.kode_putaran} ({rnd.jenis.value}, "
                      f"{len(rnd.officials)} pejabat, {len(rnd.team)} anggota tim):"]
        lines += _results_table(result.evaluation)
        if any(r.needs_request for r in result.evaluation.results):
            target = ("pertimbangan teknis BKN" if rnd.instansi_tujuan is Addressee.BKN
                      else "rekomendasi KASN")
            lines.append(f"* masuk surat permohonan {target}")
    report = result.report
    lines += ["", summary_line(len(report.errors), len(report.warnings))]
    return "\n".join(lines)


def _results_table(evaluation: RoundEvaluation) -> list[str]:
    header = ("Pkt", "NIP", "Nama", "Nilai", "Kategori", "Rekomendasi")
    rows = [(str(r.rank), r.official.nip.display(), r.official.full_name,
             score_text(r.final_score), r.category.value,
             r.recommendation + (" *" if r.needs_request else ""))
            for r in evaluation.ranked]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = []
    previous_group: object = None
    for index, row in enumerate([header, *rows]):
        if evaluation.kind is RoundKind.SELEKSI_TERBUKA and index:
            group = evaluation.ranked[index - 1].official.jabatan_sasaran
            if group != previous_group:
                lines.append(f"  {group}:")
                previous_group = group
        cells = [row[0].rjust(widths[0]), *(c.ljust(w) for c, w in zip(row[1:5], widths[1:],
                                                                          strict=True)), row[5]]
        lines.append("  " + "  ".join(cells))
    return lines


def json_report(path: Path, result: Intake) -> dict[str, Any]:
    """The machine report; keys are stable (see docs/validate-json.md)."""
    report = result.report
    data: dict[str, Any] = {
        "workbook": str(path),
        "ok": report.ok,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "issues": [issue_json(i) for i in report.issues],
        "round": None,
        "results": [],
    }
    if result.round is not None and result.evaluation is not None:
        rnd = result.round
        data["round"] = {
            "kode_putaran": rnd.kode_putaran,
            "jenis_putaran": rnd.jenis.value,
            "officials": len(rnd.officials),
            "team": len(rnd.team),
            "weights": {w.component: str(w.percent) for w in rnd.weights},
            "weights_source": "workbook" if rnd.weights_from_workbook else "default",
            "thresholds": {"baik": str(rnd.thresholds.baik), "cukup": str(rnd.thresholds.cukup)},
            "request_to": rnd.instansi_tujuan.value,
        }
        data["results"] = [result_json(r) for r in result.evaluation.ranked]
    return data


def issue_json(issue: Issue) -> dict[str, Any]:
    return {
        "severity": issue.severity.value, "ref": issue.ref, "sheet": issue.sheet,
        "cell": issue.cell, "code": issue.code, "message": issue.message,
        "found": issue.found, "expected": issue.expected,
    }


def unreadable_json(path: Path, message: str) -> dict[str, Any]:
    """The machine report of a file that is not a readable workbook at all."""
    issue = Issue(Severity.ERROR, "workbook.unreadable", None, None, message)
    return {"workbook": str(path), "ok": False, "errors": 1, "warnings": 0,
            "issues": [issue_json(issue)], "round": None, "results": []}


def result_json(r: OfficialResult) -> dict[str, Any]:
    """One official's result, with the field names of the output manifest."""
    return {
        "nip": r.official.nip.digits, "name": r.official.full_name,
        "final_score": str(r.final_score), "category": r.category.value, "rank": r.rank,
        "recommendation": r.recommendation, "needs_request": r.needs_request,
        "manual_recommendation": r.manual, "outcome": r.outcome,
        "tenure": {"years": r.tenure.years, "months": r.tenure.months},
        "notes": list(r.notes),
    }
