"""What a (re)run of a round still has to do, document by document.

A document whose inputs (context, template, paper) hash the same as in the manifest, and whose
files still hash as recorded, is finished: a rerun skips it. When its inputs changed, the letter
is rendered again at once and compared with the recorded Word file (rendering is repeatable to
the byte): a letter whose own content did not change (an invitation when a score was fixed) is
finished too, and is neither converted nor signed again. A signed file is never overwritten: a
changed letter is signed into a new version beside the old one.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from flows.cek.code import new_code
from flows.documents.plan import PlannedDocument
from flows.documents.produce import RoundLetters
from flows.outputs.files import sha256_bytes, sha256_file
from flows.outputs.manifest import DocumentRecord


@dataclass
class WorkItem:
    doc: PlannedDocument
    record: DocumentRecord
    render: bool
    convert: bool
    sign: bool
    signer_names: list[str] = field(default_factory=list)
    """How the signer is printed in the letter (where a visible signature goes)."""
    signer_rows: list[str] = field(default_factory=list)
    """The members who each sign in their own row of the signature table (berita acara)."""
    failure: str | None = None
    steps_done: list[str] = field(default_factory=list)
    known_signed: list[str] = field(default_factory=list)
    """Signed files the manifest already names for this letter (never overwritten)."""
    rendered: bytes | None = None
    """The Word file already rendered while planning (its content changed)."""

    @property
    def stem(self) -> str:
        return self.doc.stem

    @property
    def pending(self) -> bool:
        return self.render or self.convert or self.sign


def input_hash(letters: RoundLetters, doc: PlannedDocument) -> tuple[str, list[str]]:
    """The hash of everything a letter is made from, and how its signer is printed."""
    digest, names, _ = letter_inputs(letters, doc)
    return digest, names


def letter_inputs(letters: RoundLetters, doc: PlannedDocument
                  ) -> tuple[str, list[str], list[str]]:
    """The hash of everything a letter is made from, how its signer is printed, and the
    members who sign it row by row (a context with a team and no single signer)."""
    context = doc.spec.build(letters.inputs, doc.official)
    template = letters.templates[doc.spec.kind]
    payload = {"kind": doc.spec.kind, "context": dataclasses.asdict(context),
               "template": sha256_bytes(template.data), "paper": letters.paper_for(doc)}
    if letters.emblems:
        payload["emblems"] = {name: sha256_bytes(data) for name, data in letters.emblems.items()}
    signer = getattr(context, "penanda_tangan", None)
    names = [signer.nama_kapital, signer.nama] if signer is not None else []
    rows = [a.nama for a in getattr(context, "tim", ())] if signer is None else []
    digest = sha256_bytes(json.dumps(payload, sort_keys=True, default=str).encode())
    return digest, names, rows


def _intact(folder: Path, relative: str | None, digest: str | None) -> bool:
    if not relative or not digest:
        return False
    path = folder / relative
    return path.is_file() and sha256_file(path) == digest


def plan_work(letters: RoundLetters, folder: Path, previous: dict[tuple[str, str], DocumentRecord],
              *, pdf: bool, sign: bool,
              journal: dict[tuple[str, str], dict] | None = None) -> list[WorkItem]:
    """What each letter still needs. ``journal``: files an interrupted run signed (and
    journaled) but never put in the manifest; one signed from the very PDF this run keeps is
    adopted, not signed again."""
    items = []
    for doc in letters.planned:
        template_hash = sha256_bytes(letters.templates[doc.spec.kind].data)
        inputs_hash, names, rows = letter_inputs(letters, doc)
        record = DocumentRecord(
            kind=doc.spec.kind, nip=doc.nip or None, number=letters.inputs.numbers[doc.key],
            title=doc.spec.title, docx=f"docx/{doc.stem}.docx",
            input_sha256=inputs_hash, template_sha256=template_hash,
            sha256={"docx": None, "pdf": None, "signed_pdf": None},
        )
        old = previous.get(doc.key)
        same = old is not None and old.input_sha256 == record.input_sha256
        rendered = None
        if old is not None and not same and _intact(folder, old.docx, old.sha256.get("docx")):
            rendered = _render_now(letters, doc)
            if rendered is not None and sha256_bytes(rendered) == old.sha256.get("docx"):
                same, rendered = True, None  # its own content is unchanged
        kept = old if same else None
        render = not (kept is not None and _intact(folder, kept.docx, kept.sha256.get("docx")))
        convert = pdf and (render or not (
            kept is not None and _intact(folder, kept.pdf, kept.sha256.get("pdf"))))
        signing = pdf and sign and (convert or not (
            kept is not None and _intact(folder, kept.signed_pdf, kept.sha256.get("signed_pdf"))))
        if signing:
            record.kode_cek = new_code()
        if old is not None:
            record.previous_signed = list(old.previous_signed)
            if not render:
                record.sha256["docx"] = old.sha256.get("docx")
                record.surat = dict(old.surat)
            if pdf and not convert:
                record.pdf, record.sha256["pdf"] = old.pdf, old.sha256.get("pdf")
                record.pages = old.pages
            if pdf and sign and not signing:
                record.keep_signed_from(old)
            elif signing and old.signed_pdf and _intact(folder, old.signed_pdf,
                                                        old.sha256.get("signed_pdf")):
                record.previous_signed.append(old.previous_entry(
                    "isi surat berubah" if not same else "PDF dibuat ulang"))
        item = WorkItem(doc, record, render, convert, signing, names, rows,
                        rendered=rendered if render else None)
        if old is not None and old.signed_pdf:
            item.known_signed.append(old.signed_pdf)
        entry = (journal or {}).get(doc.key)
        if signing and not convert and entry is not None and adopt(folder, record, entry):
            item.sign = False
        items.append(item)
    return items


def adopt(folder: Path, record: DocumentRecord, entry: dict) -> bool:
    """Take over a journaled signed file when it was signed from this record's PDF and is
    still as written."""
    if (entry.get("pdf_sha256") != record.sha256.get("pdf") or not record.pdf
            or not _intact(folder, entry.get("path"), entry.get("sha256"))):
        return False
    record.signed_pdf, record.sha256["signed_pdf"] = entry["path"], entry["sha256"]
    record.signers = list(entry.get("signers") or [])
    record.signer, record.signed_at = entry.get("signer"), entry.get("signed_at")
    record.signer_cert_sha256 = entry.get("signer_cert_sha256")
    record.kode_cek = entry.get("kode_cek") or record.kode_cek  # the code its QR holds
    return True


def _render_now(letters: RoundLetters, doc: PlannedDocument) -> bytes | None:
    """The letter's Word file as it would be rendered now; None when it cannot be (the
    render step then reports why, for this letter alone)."""
    try:
        return letters.render(doc).docx
    except Exception:  # the render step reports it, for this letter alone
        return None


def batches(items: list[WorkItem], size: int, workers: int = 1) -> list[list[WorkItem]]:
    """The pending items in batches of at most ``size``, and at least one per worker."""
    pending = [i for i in items if i.pending]
    size = max(1, min(size, -(-len(pending) // max(1, workers))))
    return [pending[i:i + size] for i in range(0, len(pending), size)]
