"""Open a round (read, validate), plan it (lock, numbers, work), and close it (manifest,
rekap). Everything between is in flows.pipeline.steps."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flows import reporting
from flows.documents.produce import RoundLetters, prepare_letters, templates_folder
from flows.domain import indonesian as fmt
from flows.domain.intake import Intake, intake
from flows.outputs import journal
from flows.outputs.bundle import write_bundle
from flows.outputs.files import remove_leftovers, sha256_file, write_atomic
from flows.outputs.manifest import (
    MANIFEST,
    read_bundle,
    read_field,
    read_manifest,
    write_manifest,
)
from flows.outputs.rekap import rekap_bytes
from flows.outputs.seal import SEAL, write_seal
from flows.pipeline.steps import WORK_DIR
from flows.pipeline.work import WorkItem, plan_work
from flows.register import opened_register
from flows.settings import Settings
from flows.workbook.reader import read_workbook


@dataclass(frozen=True)
class RunOptions:
    out: Path
    pdf: bool = True
    sign: bool = True
    templates: Path | None = None


@dataclass
class RoundPlan:
    workbook: Path
    folder: Path
    intake: Intake
    letters: RoundLetters
    items: list[WorkItem]
    seal_signer: Any = None
    """Signs manifest.json.sig at the end of a run that signs (the office certificate)."""
    zone: str = "WIB"
    """The office's time zone (WIB, WITA, WIT) for the times a clerk reads."""


@dataclass(frozen=True)
class Decision:
    """An approver's answer at the approval gate, before any letter is signed."""

    approved: bool
    by: str
    reason: str = ""
    at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(
        timespec="seconds"))
    proof: str = ""
    """The desk's MAC of this approval (flows.approval), when the desk issued it."""

    def to_json(self) -> dict[str, Any]:
        data = {"approved": self.approved, "by": self.by, "reason": self.reason, "at": self.at}
        if self.proof:
            data["mac"] = self.proof
        return data


@dataclass
class RoundSummary:
    workbook: str
    kode_putaran: str | None
    status: str
    """``selesai``, ``gagal`` (some letters failed), ``ditolak`` (not approved: nothing
    signed), ``tidak sah`` or ``error``."""
    folder: str | None = None
    documents: int = 0
    skipped: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    message: str = ""
    report: str = ""
    """The validation report (text) of an invalid workbook."""

    @property
    def ok(self) -> bool:
        return self.status == "selesai"


def open_round(workbook: Path, settings: Settings) -> Intake:
    """Read and validate; WorkbookError when the file is no workbook at all."""
    return intake(read_workbook(workbook), settings.rules)


def plan_round(workbook: Path, result: Intake, settings: Settings,
               options: RunOptions) -> RoundPlan:
    """Number every document (once, in the register) and work out what is left to do."""
    assert result.round is not None and result.evaluation is not None
    folder = options.out / result.round.kode_putaran
    remove_leftovers(folder)
    # The register is needed for the numbers only: its connection (PostgreSQL) is closed
    # as soon as they are given, whether or not numbering succeeded.
    with opened_register(settings.register) as register:
        letters = prepare_letters(result.round, result.evaluation, settings, register,
                                  templates_folder(settings, options.templates))
    items = plan_work(letters, folder, read_manifest(folder), pdf=options.pdf,
                      sign=options.sign, journal=journal.entries(folder))
    seal_signer = None
    if options.sign and options.pdf:
        from flows.pdf.signers import office_signer

        seal_signer = office_signer(settings.signing)
    zone = settings.letters.time_zone or fmt.zona_waktu(result.round.provinsi)
    return RoundPlan(workbook, folder, result, letters, items, seal_signer, zone)


def finish_round(plan: RoundPlan, approval: Decision | None = None) -> RoundSummary:
    """Write manifest.json and rekap.xlsx (each only if its content changed).

    The manifest records who approved the signatures: this run's decision; when this run
    signed nothing, the decision an earlier run recorded; when it signed without a gate, none.
    """
    rnd, evaluation = plan.intake.round, plan.intake.evaluation
    assert rnd is not None and evaluation is not None
    failures = [{"kind": i.record.kind, "nip": i.record.nip or "", "error": i.failure}
                for i in plan.items if i.failure]
    documents = [i.record for i in plan.items if not i.failure]
    warnings = list(plan.intake.report.warnings)
    bundle = write_bundle(plan.folder, documents, read_bundle(plan.folder))
    before = _read_or_none(plan.folder / MANIFEST)
    write_manifest(
        plan.folder, kode_putaran=rnd.kode_putaran, jenis_putaran=rnd.jenis.value,
        nama_putaran=rnd.nama_putaran,
        workbook={"file": plan.workbook.name, "sha256": sha256_file(plan.workbook)},
        documents=documents,
        results=[reporting.result_json(r) for r in evaluation.ranked],
        warnings=[reporting.issue_json(i) for i in warnings],
        failures=failures,
        bundle=bundle,
        approval=_approval(plan, approval),
        zone=plan.zone,
    )
    if plan.seal_signer is not None and (
            before != _read_or_none(plan.folder / MANIFEST) or not (plan.folder / SEAL).exists()):
        write_seal(plan.folder, plan.seal_signer)
    journal.clear(plan.folder)  # the manifest now names every file signed so far
    shutil.rmtree(plan.folder / WORK_DIR, ignore_errors=True)
    rekap = rekap_bytes(rnd, evaluation, warnings, plan.letters.inputs.numbers)
    path = plan.folder / "rekap.xlsx"
    if not path.exists() or path.read_bytes() != rekap:
        write_atomic(path, rekap)
    worked = sum(1 for i in plan.items if i.steps_done)
    return RoundSummary(
        workbook=str(plan.workbook), kode_putaran=rnd.kode_putaran,
        status="gagal" if failures else "selesai", folder=str(plan.folder),
        documents=len(plan.items), skipped=len(plan.items) - worked - len(failures),
        failures=failures,
        message=(f"{len(failures)} dokumen gagal" if failures else ""),
    )


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _approval(plan: RoundPlan, decision: Decision | None) -> dict[str, Any] | None:
    if decision is not None:
        return decision.to_json()
    if any("signed" in i.steps_done for i in plan.items):
        return None
    return read_field(plan.folder, "approval")
