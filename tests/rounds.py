"""Produce a round folder in-process with the plain pipeline steps (no Prefect): the same
functions the flow sequences."""

from __future__ import annotations

from pathlib import Path

from flows.pdf.signing import PdfSigner, specimen_signer
from flows.pipeline import steps
from flows.pipeline.round import RoundSummary, RunOptions, finish_round, open_round, plan_round
from flows.settings import load_settings
from flows.workbook.writer import WorkbookContent
from tests.workbooks import write


def produce_round(tmp_path: Path, content: WorkbookContent, *, pdf: bool = True,
                  sign: bool = True, signer: PdfSigner | None = None) -> RoundSummary:
    settings = load_settings(None)
    workbook = write(tmp_path, content, "putaran.xlsx")
    result = open_round(workbook, settings)
    assert result.round is not None
    options = RunOptions(tmp_path / "hasil", pdf=pdf, sign=sign)
    from dataclasses import replace

    settings = replace(settings, register=tmp_path / "register.sqlite")
    plan = plan_round(workbook, result, settings, options)
    pending = [i for i in plan.items if i.pending]
    steps.render_batch(plan.letters, plan.folder, pending)
    steps.convert_items(plan.folder, pending, timeout_s=300)
    if sign:
        chosen = signer or specimen_signer()
        steps.sign_items(plan.folder, pending, lambda kind: [chosen], "Damar Jaya")
    return finish_round(plan)
