"""Letters signed elsewhere come into the archive only as the round's own, unchanged PDFs."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader, PdfWriter

from flows.cli import main
from flows.pdf.signing import load_pkcs12
from flows.verify import verify_round
from tests.conftest import require_program
from tests.rounds import produce_round
from tests.workbooks import sample

BSRE_STANDIN = Path(__file__).resolve().parents[1] / "data" / "bupati-TEST-ONLY.p12"


@pytest.fixture(scope="module")
def unsigned_round(tmp_path_factory) -> Path:
    require_program("soffice")
    content = sample()
    content.pejabat = content.pejabat[:2]
    summary = produce_round(tmp_path_factory.mktemp("arsip"), content, sign=False)
    return Path(summary.folder)


@pytest.fixture
def folder(unsigned_round, tmp_path) -> Path:
    copy = tmp_path / unsigned_round.name
    shutil.copytree(unsigned_round, copy)
    return copy


def signed_elsewhere(pdf: bytes) -> bytes:
    signer = load_pkcs12(BSRE_STANDIN, b"uji-saja-bukan-rahasia")
    return signer.sign(pdf, reason="TTE BSrE", location="Damar Jaya")


def test_a_letter_signed_elsewhere_is_filed_and_verifies(folder, tmp_path, capsys):
    signed = tmp_path / "sk_tim_bsre.pdf"
    signed.write_bytes(signed_elsewhere((folder / "pdf" / "sk_tim.pdf").read_bytes()))
    assert main(["archive-signed", str(folder), str(signed)]) == 0
    assert "DIARSIPKAN  sk_tim_bsre.pdf -> ttd/sk_tim.pdf" in capsys.readouterr().out
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sk = next(d for d in manifest["documents"] if d["kind"] == "sk_tim")
    assert sk["signed_pdf"] == "ttd/sk_tim.pdf" and sk["signed_externally"] is True
    assert "Bupati Contoh" in sk["signer"]
    assert verify_round(folder)[1] == []


def test_anything_else_is_refused_with_the_reason(folder, tmp_path, capsys):
    original = (folder / "pdf" / "berita_acara.pdf").read_bytes()
    changed = bytearray(original)
    # a byte of the page content changed (inside a stream, so the PDF stays readable)
    start = re.compile(rb">>\s*stream\r?\n").search(original, len(original) // 2)
    assert start is not None
    changed[start.end() + 16] ^= 0x01
    cases = {
        "diubah.pdf": signed_elsewhere(bytes(changed)),
        "tanpa-ttd.pdf": original + b"\n",
        "lain.pdf": signed_elsewhere(_other_pdf()),
        "isi-ditambah.pdf": signed_elsewhere(_with_revision(original)),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert main(["archive-signed", str(folder), *(str(tmp_path / n) for n in cases)]) == 1
    out = capsys.readouterr().out
    assert "DITOLAK     diubah.pdf: bukan salah satu PDF putaran ini" in out
    assert "DITOLAK     tanpa-ttd.pdf: tidak ada tanda tangan elektronik" in out
    assert "DITOLAK     lain.pdf: bukan salah satu PDF putaran ini" in out
    assert "DITOLAK     isi-ditambah.pdf: ada perubahan isi di antara PDF asli" in out
    assert not (folder / "ttd").exists()  # nothing was filed


def _other_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _with_revision(original: bytes) -> bytes:
    """An incremental update that changes the content before anyone signs."""
    writer = IncrementalPdfFileWriter(io.BytesIO(original), strict=False)
    info = writer.document_meta
    info.title = "Diubah diam-diam"
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    assert PdfReader(io.BytesIO(out.getvalue()))
    return out.getvalue()
