"""The archive across rounds and years: every letter of every round folder, with its state
(signed, signed elsewhere, superseded, not signed), found by name, NIP, number, kind or year;
and one PDF of a round's signed letters to print."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from flows.outputs.manifest import MANIFEST, Manifest

SIGNED = "ditandatangani"
SIGNED_ELSEWHERE = "ditandatangani di luar (BSrE)"
SUPERSEDED = "digantikan"
UNSIGNED = "belum ditandatangani"

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


@dataclass(frozen=True, slots=True)
class ArchivedLetter:
    kode_putaran: str
    jenis_putaran: str
    year: str
    kind: str
    title: str
    number: str
    nip: str
    name: str
    state: str
    note: str
    """Why a superseded version was replaced."""
    path: str | None
    """The file inside the round folder (signed PDF, else PDF)."""
    index: int
    """Position of the letter in its manifest (the desk reaches files by position)."""


def _year(*texts: str) -> str:
    for text in texts:
        match = _YEAR.search(text or "")
        if match:
            return match[0]
    return ""


def round_letters(folder: Path) -> list[ArchivedLetter]:
    """Every letter of one round folder (and every superseded signed version)."""
    manifest = Manifest.read_or_none(folder)
    if manifest is None:
        return []
    names = manifest.names()
    kode, jenis = manifest.kode_putaran or folder.name, manifest.jenis_putaran
    found = []
    for index, d in enumerate(manifest.documents):
        nip = d.nip or ""
        year = _year(d.number, manifest.nama_putaran, kode)
        state = (SIGNED_ELSEWHERE if d.signed_externally else SIGNED) \
            if d.signed_pdf else UNSIGNED
        current = ArchivedLetter(kode_putaran=kode, jenis_putaran=jenis, year=year, kind=d.kind,
                                 title=d.title, number=d.number, nip=nip,
                                 name=names.get(nip, ""), index=index, state=state, note="",
                                 path=d.signed_pdf or d.pdf)
        found.append(current)
        for old in d.previous_signed:
            found.append(replace(current, state=SUPERSEDED, note=old.get("reason", ""),
                                 path=old.get("path")))
    return found


def search(outputs: Path, text: str = "", kind: str = "", year: str = "",
           limit: int = 1000) -> list[ArchivedLetter]:
    """Letters of every round under ``outputs`` matching all that is given: ``text`` in the
    name, NIP (spaces ignored), number or round code; the kind of letter or of round; the
    year."""
    words = [w for w in text.lower().split() if w]
    nip_text = re.sub(r"\s+", "", text)
    found = []
    folders = sorted((p.parent for p in outputs.glob(f"*/{MANIFEST}")), reverse=True)
    for folder in folders:
        for letter in round_letters(folder):
            if kind and kind not in (letter.kind, letter.jenis_putaran):
                continue
            if year and letter.year != year:
                continue
            haystack = " ".join((letter.name, letter.number, letter.kode_putaran,
                                 letter.title)).lower()
            by_nip = bool(nip_text) and nip_text.isdigit() and nip_text in letter.nip
            if words and not by_nip and not all(w in haystack for w in words):
                continue
            found.append(letter)
            if len(found) >= limit:
                return found
    return found


def signed_letters_pdf(folder: Path) -> bytes | None:
    """Every signed letter of the round, in manifest order, in one PDF to print (a copy for
    paper: the signatures are valid only in each letter's own file). None when none is
    signed."""
    from pypdf import PdfReader, PdfWriter

    root = folder.resolve()
    writer = PdfWriter()
    count = 0
    for letter in round_letters(folder):
        if letter.state not in (SIGNED, SIGNED_ELSEWHERE) or not letter.path:
            continue
        path = (root / letter.path).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            continue
        start = len(writer.pages)
        for page in PdfReader(path).pages:
            writer.add_page(page)
        writer.add_outline_item(title=f"{letter.title} {letter.number}"
                                + (f" - {letter.name}" if letter.name else ""), page_number=start)
        count += 1
    if not count:
        return None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
