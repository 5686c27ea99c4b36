"""bundel.pdf: every letter's pages in order, one bookmark per letter, written one letter at
a time without holding the round in memory (issue 15 item 9)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tracemalloc
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

from flows.outputs.bundle import BUNDLE, write_bundle
from flows.outputs.manifest import DocumentRecord
from tests.conftest import require_program


def _letter(path: Path, widths: list[int], weight: int = 0) -> DocumentRecord:
    """A letter whose pages are told apart by their width, with ``weight`` bytes of an
    incompressible form on its first page (a letter's fonts and emblem)."""
    writer = PdfWriter()
    for width in widths:
        writer.add_blank_page(width, 842)
    if weight:
        form = StreamObject()
        form.set_data(b"".join(b"% " + os.urandom(32).hex().encode() + b"\n"
                               for _ in range(weight // 67 + 1)))
        form.update({NameObject("/Type"): NameObject("/XObject"),
                     NameObject("/Subtype"): NameObject("/Form"),
                     NameObject("/BBox"): ArrayObject([NumberObject(0)] * 2
                                                      + [NumberObject(1)] * 2)})
        writer.pages[0][NameObject("/Resources")] = DictionaryObject({
            NameObject("/XObject"): DictionaryObject({NameObject("/F0"):
                                                      writer._add_object(form)})})
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.write(path)
    data = path.read_bytes()
    return DocumentRecord(kind="undangan", nip=f"1970010119950310{len(widths):02d}",
                          number=f"800/{path.stem}/2026", title="Surat Undangan",
                          docx=f"docx/{path.stem}.docx", pdf=f"pdf/{path.name}",
                          sha256={"pdf": hashlib.sha256(data).hexdigest()}, pages=len(widths))


@pytest.fixture(autouse=True)
def _qpdf() -> None:
    require_program("qpdf")


def test_the_bundle_has_every_page_in_order_and_one_bookmark_per_letter(tmp_path):
    shapes = [[500], [501, 502, 503], [504, 505]]
    records = [_letter(tmp_path / "pdf" / f"l{i}.pdf", w) for i, w in enumerate(shapes)]
    records[0].nip, records[0].title = None, "Keputusan Bupati"
    entry = write_bundle(tmp_path, records, None)
    assert entry is not None and entry["path"] == BUNDLE
    path = tmp_path / BUNDLE
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    reader = PdfReader(path)
    assert [int(p.mediabox.width) for p in reader.pages] == [500, 501, 502, 503, 504, 505]
    assert [(o.title, reader.get_destination_page_number(o)) for o in reader.outline] == [
        ("Keputusan Bupati 800/l0/2026", 0),
        (f"Surat Undangan 800/l1/2026 (NIP {records[1].nip})", 1),
        (f"Surat Undangan 800/l2/2026 (NIP {records[2].nip})", 4)]
    assert reader.metadata is not None and reader.metadata.title == f"Bundel {tmp_path.name}"
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [BUNDLE, "pdf"]  # no leftovers
    assert write_bundle(tmp_path, records, entry) == entry  # unchanged: not made again


def test_a_stale_page_count_still_puts_each_bookmark_on_its_letter(tmp_path):
    records = [_letter(tmp_path / "pdf" / f"l{i}.pdf", w)
               for i, w in enumerate([[500, 501], [502]])]
    records[0].pages = 1
    write_bundle(tmp_path, records, None)
    reader = PdfReader(tmp_path / BUNDLE)
    assert [reader.get_destination_page_number(o) for o in reader.outline] == [0, 2]


def test_the_bundle_is_not_assembled_in_this_process_memory(tmp_path):
    """pypdf held every page of every letter until it wrote the bundle (2.2 GiB at 5,000
    letters); now memory holds about one letter at a time."""
    records = [_letter(tmp_path / "pdf" / f"l{i}.pdf", [500 + i], weight=100_000)
               for i in range(200)]  # 20 MB of letters
    tracemalloc.start()
    try:
        write_bundle(tmp_path, records, None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (tmp_path / BUNDLE).stat().st_size > 20_000_000
    assert peak < 10_000_000, f"{peak / 1e6:.1f} MB held while bundling"  # a few letters


def test_a_bundle_of_real_letters_passes_qpdf_and_keeps_their_text(tmp_path):
    """Letters as LibreOffice writes them (PDF/A, embedded fonts, object streams)."""
    from tests.conftest import require_program as need

    need("soffice")
    from tests.rounds import produce_round
    from tests.workbooks import sample

    content = sample()
    content.pejabat = content.pejabat[:1]
    folder = Path(produce_round(tmp_path, content, sign=False).folder or "")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    bundle = PdfReader(folder / BUNDLE)
    letters = [PdfReader(folder / d["pdf"]) for d in manifest["documents"]]
    texts = [p.extract_text() for r in letters for p in r.pages]
    assert [p.extract_text() for p in bundle.pages] == texts
    assert len(bundle.outline) == len(letters)
    check = subprocess.run(["qpdf", "--check", str(folder / BUNDLE)], capture_output=True,
                           text=True)
    assert check.returncode == 0 and "WARNING" not in check.stdout + check.stderr, check.stdout
