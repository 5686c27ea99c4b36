"""Render, convert and sign one batch of letters; a bad letter fails alone.

Each step writes through ``write_atomic`` (or an atomic rename), so a killed run leaves
complete files or none.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader

from flows.cek.facts import letter_facts
from flows.documents.produce import RoundLetters
from flows.errors import EngineError
from flows.outputs import journal
from flows.outputs.faults import check_space, disk_faults
from flows.outputs.files import sha256_bytes, write_atomic
from flows.outputs.manifest import signed_name
from flows.pdf import merging, signing_pool
from flows.pdf.letter_signing import SignRequest, Visible
from flows.pdf.letter_signing import sign_letter as sign_letter  # importable from here too
from flows.pdf.libreoffice import ConversionError, convert_batch
from flows.pdf.signing import PdfSigner
from flows.pipeline.metrics import CLOCK, StageClock
from flows.pipeline.work import WorkItem, adopt

if TYPE_CHECKING:
    from flows.pipeline.resources import Converter

ConvertFn = Callable[[Sequence[Path], Path, float], list[Path]]

WORK_DIR = ".kerja"
RETRY_DELAYS_S = (2.0, 8.0)
"""Pauses before each retry of a failed LibreOffice batch (signatures:
flows.pdf.letter_signing)."""


def render_batch(letters: RoundLetters, folder: Path, items: list[WorkItem],
                 clock: StageClock = CLOCK) -> None:
    todo = [i for i in items if i.render and not i.failure]
    with clock.measure("render", len(todo)), disk_faults(folder):
        _render(letters, folder, todo)


def _render(letters: RoundLetters, folder: Path, items: list[WorkItem]) -> None:
    for item in items:
        try:
            data = item.rendered or _render_letter(letters, item)
        except EngineError as exc:
            item.failure = f"render: {exc}"
            continue
        except Exception as exc:  # whatever a library refuses fails this letter, not the round
            item.failure = f"render: surat tidak dapat dibuat ({type(exc).__name__}: {exc})"
            continue
        item.rendered = None
        write_atomic(folder / item.record.docx, data)
        item.record.sha256["docx"] = sha256_bytes(data)
        item.record.surat = letter_facts(letters.inputs.round,
                                         item.doc.spec.date(letters.inputs.round), data)
        item.steps_done.append("docx")


def _render_letter(letters: RoundLetters, item: WorkItem) -> bytes:
    """The letter's docx; rendered a second time when a library refused it the first time.

    Rendering is repeatable, so a second refusal is the letter's own. The first may not be:
    a run once lost one letter to lxml's "XMLSyntaxError: unknown error (<string>, line 0)"
    while two batches rendered in two threads (lxml parses outside the interpreter lock, so
    the threads do render faster together: 1.4 times, measured)."""
    try:
        return letters.render(item.doc).docx
    except EngineError:
        raise
    except Exception:
        return letters.render(item.doc).docx


def convert_items(folder: Path, items: list[WorkItem], timeout_s: float,
                  converter: Converter | None = None, clock: StageClock = CLOCK) -> None:
    """PDF/A of every item that needs one: the batch at once, then one by one on failure.

    ``timeout_s`` is per letter; a batch may take that times its size (at least 30 s).
    ``converter``: the run's (flows.pipeline.resources); none: ``convert_batch`` under the
    process's default cap.
    """
    todo = [i for i in items if i.convert and not i.failure]
    if not todo:
        return
    convert = converter.convert if converter is not None else _default_convert
    with clock.measure("convert", len(todo)), disk_faults(folder):
        _convert_isolating(folder, todo, timeout_s, convert)


def _default_convert(sources: Sequence[Path], outdir: Path, timeout_s: float) -> list[Path]:
    return convert_batch(sources, outdir, timeout_s)


def _convert_isolating(folder: Path, todo: list[WorkItem], timeout_s: float,
                       convert: ConvertFn) -> None:
    try:
        _convert_with_retries(folder, todo, timeout_s, convert)
    except ConversionError:
        for item in todo:  # isolate the letter(s) that break LibreOffice
            try:
                _convert_with_retries(folder, [item], timeout_s, convert)
            except ConversionError as exc:
                item.failure = f"pdf: {exc}"


def _convert_with_retries(folder: Path, items: list[WorkItem], timeout_s: float,
                          convert: ConvertFn) -> None:
    for delay in (*RETRY_DELAYS_S, None):
        try:
            _convert(folder, items, timeout_s, convert)
            return
        except ConversionError:
            check_space(folder)  # LibreOffice fails on a full disk too: say so, at once
            if delay is None:
                raise
            time.sleep(delay)


def _convert(folder: Path, items: list[WorkItem], timeout_s: float,
             convert: ConvertFn) -> None:
    """One soffice for the batch; letters of one template go in as one merged document."""
    work = folder / WORK_DIR / uuid.uuid4().hex
    limit = timeout_s if len(items) == 1 else max(30.0, timeout_s * len(items))
    try:
        sources, groups, docx = _sources(folder, items, work)
        pdfs = convert(sources, work / "pdf", limit)
        for group, pdf in zip(groups, pdfs, strict=True):
            if len(group) == 1:
                _keep_pdf(folder, group[0], pdf.read_bytes())
                continue
            letters = [merging.properties(docx[i.stem]) for i in group]
            try:
                parts = merging.split(pdf.read_bytes(), len(group), letters)
            except merging.SplitError as exc:
                raise ConversionError(str(exc)) from exc
            for item, (data, _pages) in zip(group, parts, strict=True):
                _keep_pdf(folder, item, data)
    finally:
        shutil.rmtree(work, ignore_errors=True)


MERGE_LIMIT = 25
"""Letters merged into one document at most."""


def _sources(folder: Path, items: list[WorkItem], work: Path
             ) -> tuple[list[Path], list[list[WorkItem]], dict[str, bytes]]:
    """The files soffice converts, the letters in each, and each letter's docx (read once):
    letters of one kind in a row are merged (when their template allows it); any other
    letter goes alone."""
    docx = {i.stem: (folder / i.record.docx).read_bytes() for i in items}
    mergeable = {stem: merging.mergeable(data) for stem, data in docx.items()}
    groups: list[list[WorkItem]] = []
    for item in items:
        last = groups[-1] if groups else None
        if (last and last[0].record.kind == item.record.kind and len(last) < MERGE_LIMIT
                and mergeable[item.stem] and mergeable[last[0].stem]):
            last.append(item)
        else:
            groups.append([item])
    work.mkdir(parents=True, exist_ok=True)
    sources = []
    for number, group in enumerate(groups):
        if len(group) == 1:
            sources.append(folder / group[0].record.docx)
            continue
        merged = work / f"gabungan-{number:03d}.docx"
        merged.write_bytes(merging.merge([docx[i.stem] for i in group]))
        sources.append(merged)
    return sources, groups, docx


def _keep_pdf(folder: Path, item: WorkItem, data: bytes) -> None:
    relative = f"pdf/{item.stem}.pdf"
    write_atomic(folder / relative, data)
    item.record.pages = len(PdfReader(io.BytesIO(data)).pages)
    item.record.pdf, item.record.sha256["pdf"] = relative, sha256_bytes(data)
    item.steps_done.append("pdf")


def sign_items(folder: Path, items: list[WorkItem],
               signers_of: Callable[..., list[PdfSigner]], location: str,
               visible: Visible | None = None,
               on_signed: Callable[[WorkItem], None] | None = None,
               clock: StageClock = CLOCK) -> None:
    """Sign every item that needs it: one signature (an incremental revision) per signer.
    ``on_signed`` is told of each letter as soon as its signed file is written."""
    todo = [i for i in items if i.sign and not i.failure]
    with clock.measure("sign", len(todo)), disk_faults(folder):
        todo = _not_filed(folder, todo)
        _sign(folder, todo, signers_of, location, visible, on_signed)


def _not_filed(folder: Path, items: list[WorkItem]) -> list[WorkItem]:
    """The items still to sign: not those an earlier attempt of this step (a task retried
    after a crash) already signed and filed. The journal says which: each one signed from the
    item's very PDF, and still as written, is taken over as it is, never signed twice."""
    if not any(i.record.signed_pdf for i in items):  # a first attempt: nothing filed yet
        return items
    filed = journal.entries(folder)
    todo = []
    for item in items:
        entry = filed.get((item.record.kind, item.record.nip or ""))
        if (entry is not None and entry.get("path") not in _taken(item)
                and adopt(folder, item.record, entry)):
            if "signed" not in item.steps_done:
                item.steps_done.append("signed")
            continue
        todo.append(item)
    return todo


def _sign(folder: Path, items: list[WorkItem], signers_of: Callable[..., list[PdfSigner]],
          location: str, visible: Visible | None,
          on_signed: Callable[[WorkItem], None] | None = None) -> None:
    """Every letter of the batch handed to the signing workers at once, then filed in order."""
    pending: list[tuple[WorkItem, list[PdfSigner], Future[bytes]]] = []
    for item in items:
        if not item.record.pdf:
            item.failure = "tanda tangan: PDF tidak ada"
            continue
        try:
            chain = (signers_of(item.record.kind, tuple(item.signer_rows)) if item.signer_rows
                     else signers_of(item.record.kind))
            unsigned = (folder / item.record.pdf).read_bytes()
        except (EngineError, OSError) as exc:
            item.failure = f"tanda tangan: {exc}"
            continue
        if sha256_bytes(unsigned) != item.record.sha256.get("pdf"):
            item.failure = ("tanda tangan: PDF berubah sejak dibuat (tidak sama dengan "
                            "manifest); jalankan ulang putaran")
            continue
        request = SignRequest(unsigned, f"{item.record.title} {item.record.number}", location,
                              tuple(item.signer_names), item.record.number, visible,
                              item.record.kode_cek or "", tuple(item.signer_rows))
        pending.append((item, chain, signing_pool.submit(request, chain)))
    for item, chain, future in pending:
        try:
            signed = future.result()
        except EngineError as exc:
            item.failure = f"tanda tangan: {exc}"
            continue
        _file_signed(folder, item, chain, signed)
        if on_signed is not None:
            on_signed(item)


def _file_signed(folder: Path, item: WorkItem, chain: list[PdfSigner], signed: bytes) -> None:
    relative = _free_signed_name(folder, item)
    write_atomic(folder / relative, signed)
    item.record.signed_pdf, item.record.sha256["signed_pdf"] = relative, sha256_bytes(signed)
    item.record.signers = [{"subject": s.subject, "cert_sha256": s.fingerprint}
                           for s in chain]
    item.record.signer = "; ".join(s.subject for s in chain)
    item.record.signer_cert_sha256 = chain[0].fingerprint
    item.record.signed_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    journal.append(folder, {
        "kind": item.record.kind, "nip": item.record.nip or "", "path": relative,
        "sha256": item.record.sha256["signed_pdf"], "pdf_sha256": item.record.sha256["pdf"],
        "signers": item.record.signers, "signer": item.record.signer,
        "signer_cert_sha256": item.record.signer_cert_sha256,
        "signed_at": item.record.signed_at, "kode_cek": item.record.kode_cek})
    item.steps_done.append("signed")


def _free_signed_name(folder: Path, item: WorkItem) -> str:
    """``ttd/<stem>.pdf``, or the next ``-v2``, ``-v3`` … when a signed version the manifest
    names exists. A file no manifest names is what an interrupted run left: replaced."""
    return signed_name(item.stem, _taken(item))


def _taken(item: WorkItem) -> set[str]:
    """The signed files of earlier versions of the letter (the manifest names them)."""
    return {p["path"] for p in item.record.previous_signed} | set(item.known_signed)
