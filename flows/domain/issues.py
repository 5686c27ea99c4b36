"""Validation problems as values: every issue names its sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from flows.domain.labels import clerk_words


class Severity(StrEnum):
    """An error stops the round; a warning is shown and the round goes on."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The word a clerk reads."""
        return "KESALAHAN" if self is Severity.ERROR else "PERINGATAN"


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a workbook."""

    severity: Severity
    code: str
    """Stable identifier for scripts and tests, e.g. ``nip.length``."""
    sheet: str | None
    """Sheet name as the contract spells it (``Pejabat``), or None for the file itself."""
    cell: str | None
    """Cell (``B7``), column (``B:B``), row (``1:1``) or range (``B2:B5``); None for a sheet."""
    message: str
    """The whole sentence in Indonesian, without the reference."""
    found: str | None = None
    expected: str | None = None

    @property
    def ref(self) -> str:
        """``Pejabat!B7``, ``Pejabat`` or an empty string."""
        if self.sheet is None:
            return ""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def __str__(self) -> str:
        return f"{self.ref}: {self.message}" if self.ref else self.message


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Every issue of one workbook, in the order found."""

    issues: tuple[Issue, ...] = ()

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when nothing stops the round (warnings allowed)."""
        return not self.errors


@dataclass(slots=True)
class IssueCollector:
    """Mutable accumulator used while reading; frozen into a report at the end."""

    sheet: str | None = None
    issues: list[Issue] = field(default_factory=list)

    def for_sheet(self, sheet: str) -> IssueCollector:
        """A collector that writes into the same list with another default sheet."""
        return IssueCollector(sheet=sheet, issues=self.issues)

    def error(self, cell: str | None, code: str, message: str, *, found: object = None,
              expected: str | None = None, sheet: str | None = None) -> None:
        self._add(Severity.ERROR, cell, code, message, found, expected, sheet)

    def warning(self, cell: str | None, code: str, message: str, *, found: object = None,
                expected: str | None = None, sheet: str | None = None) -> None:
        self._add(Severity.WARNING, cell, code, message, found, expected, sheet)

    def _add(self, severity: Severity, cell: str | None, code: str, message: str,
             found: object, expected: str | None, sheet: str | None) -> None:
        self.issues.append(Issue(  # a key is named by its label: the cell says where
            severity=severity, code=code, sheet=sheet or self.sheet, cell=cell,
            message=clerk_words(message), found=None if found is None else str(found),
            expected=None if expected is None else clerk_words(expected),
        ))

    @property
    def has_errors(self) -> bool:
        return any(i.severity is Severity.ERROR for i in self.issues)

    def report(self) -> ValidationReport:
        return ValidationReport(tuple(self.issues))
