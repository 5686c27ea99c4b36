"""A small archive of signed letters for the verification page's tests (no LibreOffice: the
letters are blank pages, really signed with a SPESIMEN certificate and the visible stamp)."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from flows.cek.code import new_code
from flows.pdf.signing import specimen_signer
from flows.pipeline.steps import SignRequest, Visible, sign_letter

PUBLIC = "http://127.0.0.1:8000"


def blank_pdf(text: str) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    content = DecodedStreamObject()
    content.set_data(b"0 0 1 RG 72 720 200 20 re S")
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Letter:
    code: str
    unsigned: bytes
    signed: bytes
    number: str
    document: dict = field(default_factory=dict)


def signed_letter(number: str, signer=None) -> Letter:  # type: ignore[no-untyped-def]
    code = new_code()
    unsigned = blank_pdf(number)
    request = SignRequest(unsigned, f"Surat {number}", "Damar Jaya", (), number,
                          Visible(PUBLIC, "kaki", "UJI"), code)
    signed = sign_letter(request, [signer or specimen_signer()])
    return Letter(code, unsigned, signed, number)


def write_round(root: Path, kode: str, letters: dict[str, tuple[Letter, dict]],
                previous: dict[str, list[Letter]] | None = None) -> Path:
    """``root/kode`` with a manifest of ``letters`` (stem: (letter, facts))."""
    folder = root / kode
    (folder / "pdf").mkdir(parents=True, exist_ok=True)
    (folder / "ttd").mkdir(exist_ok=True)
    documents = []
    for stem, (letter, facts) in letters.items():
        (folder / "pdf" / f"{stem}.pdf").write_bytes(letter.unsigned)
        (folder / "ttd" / f"{stem}.pdf").write_bytes(letter.signed)
        earlier = []
        for n, old in enumerate((previous or {}).get(stem, []), start=1):
            path = f"ttd/{stem}-lama{n}.pdf"
            (folder / path).write_bytes(old.signed)
            earlier.append({"path": path, "sha256": sha(old.signed), "reason": "isi surat berubah",
                            "kode_cek": old.code, "signer": "Common Name: LAMA",
                            "signed_at": "2024-10-01T01:00:00+00:00"})
        letter.document = {
            "kind": stem.split("-")[0], "nip": None, "number": letter.number,
            "title": facts.pop("title", "Undangan"), "docx": f"docx/{stem}.docx",
            "pdf": f"pdf/{stem}.pdf", "signed_pdf": f"ttd/{stem}.pdf",
            "sha256": {"docx": None, "pdf": sha(letter.unsigned),
                       "signed_pdf": sha(letter.signed)},
            "signer": "Common Name: SPESIMEN - BUKAN TANDA TANGAN SAH, Country: ID",
            "signers": [], "signed_at": "2024-11-22T03:04:05+00:00",
            "previous_signed": earlier, "kode_cek": letter.code, "surat": facts,
        }
        documents.append(letter.document)
    (folder / "manifest.json").write_text(json.dumps(
        {"kode_putaran": kode, "documents": documents,
         "results": [{"nama": "RAHASIA-HASIL", "nilai_akhir": "91,25"}]}), encoding="utf-8")
    return folder


def qr_urls(pdf: bytes) -> list[str]:
    """What the QR codes of a PDF hold, read from its pages drawn at 200 dpi (pdftoppm and
    pyzbar with Debian's libzbar0)."""
    import subprocess

    from pypdf import PdfReader
    from pyzbar.pyzbar import decode

    found = []
    for number in range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1):
        raw = subprocess.run(["pdftoppm", "-r", "200", "-gray", "-f", str(number), "-l",
                              str(number), "-"], input=pdf, capture_output=True,
                             check=True).stdout
        magic, size, _depth, pixels = raw.split(b"\n", 3)
        assert magic == b"P5", magic
        width, height = map(int, size.split())
        found += [d.data.decode() for d in decode((pixels, width, height))]
    return found
