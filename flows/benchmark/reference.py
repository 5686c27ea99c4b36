"""The reference figures: what the stages cost done plainly on the same letters.

- raw stage limit: a plain docxtpl render loop, plain ``soffice --convert-to pdf`` batches run
  in parallel (one process per core), a plain pyHanko signing loop; timed one after another;
- naive: one ``soffice --convert-to pdf`` process per letter.
"""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from flows.documents.base import as_mapping
from flows.documents.produce import RoundLetters


@dataclass(frozen=True, slots=True)
class Timed:
    count: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def plain_render(letters: RoundLetters, templates: Path, out: Path) -> Timed:
    """docxtpl as its documentation shows it: load, render, save, one letter after another."""
    from docxtpl import DocxTemplate

    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for index, doc in enumerate(letters.planned):
        template = DocxTemplate(templates / doc.spec.template)
        template.render(as_mapping(doc.spec.build(letters.inputs, doc.official)),
                        autoescape=True)
        template.save(out / f"{index:05d}-{doc.spec.kind}.docx")
    return Timed(len(letters.planned), time.perf_counter() - started)


def _soffice(files: list[Path], out: Path) -> subprocess.Popen[bytes]:
    from flows.pdf.libreoffice import soffice_path

    profile = tempfile.mkdtemp(prefix="naskah-bench-lo-")
    return subprocess.Popen(
        [soffice_path(), "--headless", "--norestore", "--nolockcheck",
         f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf", "--outdir",
         str(out), *map(str, files)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


BATCH = 25
"""Letters per plain soffice call, as naskah's default batch (one call of hundreds of files
was seen to stop early, silently)."""


def plain_convert(docx: list[Path], out: Path, processes: int | None = None) -> Timed:
    """Batches of the letters, as many soffice processes at a time as cores."""
    from concurrent.futures import ThreadPoolExecutor

    processes = processes or os.cpu_count() or 1
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    chunks = [docx[i:i + BATCH] for i in range(0, len(docx), BATCH)]
    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(lambda chunk: _soffice(chunk, out).wait(timeout=3600), chunks))
    seconds = time.perf_counter() - started
    made = len(list(out.glob("*.pdf")))
    if made != len(docx):
        raise RuntimeError(f"plain soffice made {made} of {len(docx)} PDFs")
    return Timed(len(docx), seconds)


def naive_convert(docx: list[Path], out: Path) -> Timed:
    """One soffice process per letter, one after another."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for path in docx:
        _soffice([path], out).wait(timeout=600)
    return Timed(len(docx), time.perf_counter() - started)


def plain_sign(pdfs: list[Path]) -> Timed:
    """pyHanko's sign_pdf on each PDF in memory (an invisible PAdES signature)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from flows.pdf.signing import specimen_signer

    signer = specimen_signer().signer
    meta = signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    data = [p.read_bytes() for p in pdfs]
    started = time.perf_counter()
    for pdf in data:
        out = io.BytesIO()
        signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), meta,
                         signer=signer, output=out)
    return Timed(len(pdfs), time.perf_counter() - started)
