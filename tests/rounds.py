"""Produce a round folder in-process with the plain pipeline (no Prefect): the same steps and
batches the flow sequences."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from flows.pdf.signing import PdfSigner
from flows.pipeline.plain import run_plain
from flows.pipeline.round import RoundSummary, RunOptions
from flows.settings import load_settings
from flows.workbook.writer import WorkbookContent
from tests.workbooks import write


def produce_round(tmp_path: Path, content: WorkbookContent, *, pdf: bool = True,
                  sign: bool = True, signer: PdfSigner | None = None) -> RoundSummary:
    settings = replace(load_settings(None), register=tmp_path / "register.sqlite")
    workbook = write(tmp_path, content, "putaran.xlsx")
    return run_plain(workbook, RunOptions(tmp_path / "hasil", pdf=pdf, sign=sign), settings,
                     signer=signer)
