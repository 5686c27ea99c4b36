"""Letters of one template converted as one document and split again are the same letters:
same text, same pages, pixel for pixel, with their own metadata; letters whose template has
page fields or headers are never merged."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from flows.pdf import merging
from flows.pdf.libreoffice import convert_batch
from flows.pipeline import steps
from flows.pipeline.work import plan_work
from tests.conftest import require_program
from tests.letters import letters_for
from tests.workbooks import sample

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The same letters converted merged (the pipeline) and one file each (reference)."""
    require_program("soffice")
    tmp = tmp_path_factory.mktemp("gabung")
    letters = letters_for(tmp, sample("uji_kompetensi"))
    folder = tmp / "putaran"
    items = plan_work(letters, folder, {}, pdf=True, sign=False)
    steps.render_batch(letters, folder, items)
    steps.convert_items(folder, items, timeout_s=120)
    assert not [i.failure for i in items if i.failure]
    singles = convert_batch([folder / i.record.docx for i in items], tmp / "sendiri", 600)
    return folder, items, singles


def text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def pixels(pdf: Path, prefix: Path) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(prefix)], check=True)
    pages = sorted(prefix.parent.glob(f"{prefix.name}-*.pgm"))
    data = [p.read_bytes() for p in pages]
    for page in pages:
        page.unlink()
    return data


def test_split_letters_read_and_look_like_letters_converted_alone(both, tmp_path):
    folder, items, singles = both
    merged_kinds = [i.record.kind for i in items]
    assert merged_kinds.count("undangan") > 1  # the fixture does merge letters
    for item, single in zip(items, singles, strict=True):
        split = folder / item.record.pdf
        assert text(split) == text(single), item.record.kind
        assert pixels(split, tmp_path / "a") == pixels(single, tmp_path / "b"), item.stem


def test_split_letters_carry_their_own_metadata_and_pdf_a_marks(both):
    folder, items, _ = both
    for item in items:
        pdf = folder / item.record.pdf
        info = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        assert item.record.number in info and "<pdfaid:part>2</pdfaid:part>" in info
        plain = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                               check=True).stdout
        assert f"Pages:           {item.record.pages}" in plain
        assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0


def _docx_with(extra: dict[str, bytes], body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", body)
        for name, data in extra.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("extra", "body", "expected"), [
    ({}, b"<w:document><w:body><w:p/></w:body></w:document>", True),
    ({"word/footer1.xml": b"<w:ftr/>"}, b"<w:document><w:body/></w:document>", False),
    ({}, b"<w:document><w:body><w:fldSimple w:instr='PAGE'/></w:body></w:document>", False),
    ({}, b"<w:document><w:body><w:r><w:instrText>NUMPAGES</w:instrText></w:r></w:body>"
         b"</w:document>", False),
    ({}, b"<w:document><w:body><w:bookmarkStart w:id='1'/></w:body></w:document>", False),
])
def test_only_letters_without_page_fields_headers_or_bookmarks_are_merged(extra, body,
                                                                          expected):
    assert merging.mergeable(_docx_with(extra, body)) is expected


def test_split_refuses_a_pdf_without_every_mark():
    import io as _io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = _io.BytesIO()
    writer.write(out)
    with pytest.raises(merging.SplitError, match="penanda"):
        merging.split(out.getvalue(), 2, [])
