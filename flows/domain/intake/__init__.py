"""From raw workbook cells to a validated Round, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass

from flows.domain.evaluation import RoundEvaluation, evaluate_round
from flows.domain.intake.bobot import read_weights
from flows.domain.intake.pejabat import read_officials
from flows.domain.intake.putaran import read_putaran
from flows.domain.intake.tim import read_team
from flows.domain.issues import IssueCollector, ValidationReport
from flows.domain.layout import REQUIRED_SHEETS, SHEET_BOBOT
from flows.domain.models import Round
from flows.domain.raw import RawWorkbook
from flows.domain.ruleset import RuleSet


@dataclass(frozen=True, slots=True)
class Intake:
    """The outcome of reading one workbook."""

    report: ValidationReport
    round: Round | None
    """None when the report has errors."""
    evaluation: RoundEvaluation | None
    """Scores, ranks and recommendations; None when the report has errors."""


def intake(raw: RawWorkbook, rules: RuleSet) -> Intake:
    """Validate every sheet, then apply the rules; never stops at the first problem."""
    issues = IssueCollector()
    for name in REQUIRED_SHEETS:
        if name.lower() not in raw.sheets:
            issues.error(None, "sheet.missing", f'sheet "{name}" tidak ditemukan di workbook',
                         expected=f'sheet bernama "{name}"', sheet=name)
    putaran = (read_putaran(raw.sheets["putaran"], raw.date1904, rules, issues)
               if "putaran" in raw.sheets else None)
    team = read_team(raw.sheets["tim"], issues) if "tim" in raw.sheets else None
    officials = None
    if "pejabat" in raw.sheets:
        officials = read_officials(raw.sheets["pejabat"], raw.date1904, putaran, issues)
    weights = None
    if officials is not None and putaran is not None and putaran.jenis is not None:
        weights = read_weights(raw.sheets.get(SHEET_BOBOT.lower()), officials, putaran.jenis,
                               rules, issues)
    if (issues.has_errors or putaran is None or not putaran.ok or team is None
            or officials is None or weights is None):
        return Intake(issues.report(), None, None)
    rnd = putaran.build(team=team, officials=officials.officials, weights=weights.weights,
                        weights_from_workbook=weights.from_workbook)
    evaluation = evaluate_round(rnd, rules)
    issues.issues.extend(evaluation.issues)
    if issues.has_errors:  # the round-wide checks (two moves into one post)
        return Intake(issues.report(), None, None)
    return Intake(issues.report(), rnd, evaluation)
