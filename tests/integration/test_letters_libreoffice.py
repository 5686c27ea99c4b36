"""Every letter of every sample converts with LibreOffice, and its pages render to PNG."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from flows.documents import REGISTRY
from flows.pdf.libreoffice import convert_batch
from tests.conftest import require_program
from tests.letters import letters_for
from tests.workbooks import SAMPLES, sample


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def converted(request, tmp_path_factory):
    require_program("soffice")
    require_program("pdftoppm")
    folder = tmp_path_factory.mktemp(request.param)
    letters = letters_for(folder, sample(request.param))
    docx = []
    for doc in letters.render_all():
        path = folder / "docx" / f"{doc.planned.stem}.docx"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(doc.docx)
        docx.append((doc.planned.spec.kind, path))
    pdfs = convert_batch([p for _, p in docx], folder / "pdf")
    return folder, [(kind, pdf) for (kind, _), pdf in zip(docx, pdfs, strict=True)]


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def test_every_letter_converts_to_a_pdf_a_with_text(converted):
    _, pdfs = converted
    for _, pdf in pdfs:
        assert pdf_pages(pdf) >= 1
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Nomor" in text or "NOMOR" in text
        metadata = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True,
                                  text=True, check=True).stdout
        assert "pdfaid:part" in metadata.replace('"', "").replace("'", "") or \
            "<pdfaid:part>2</pdfaid:part>" in metadata


def test_each_kind_renders_to_png_pages(converted):
    folder, pdfs = converted
    first_of_kind = {}
    for kind, pdf in pdfs:
        first_of_kind.setdefault(kind, pdf)
    assert set(first_of_kind) <= set(REGISTRY) and {"sk_tim", "undangan"} <= set(first_of_kind)
    for kind, pdf in first_of_kind.items():
        prefix = folder / "png" / kind
        prefix.parent.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(prefix)], check=True)
        pages = sorted(prefix.parent.glob(f"{kind}-*.png"))
        assert len(pages) == pdf_pages(pdf)
        assert all(p.stat().st_size > 2000 for p in pages)


def test_the_results_table_repeats_its_header_on_every_page(converted):
    _, pdfs = converted
    pdf = next(pdf for kind, pdf in pdfs if kind == "berita_acara")
    pages = pdf_pages(pdf)
    with_rows = 0
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        if "%): " in text:  # a row of the results table ("Kinerja (40%): 85,00")
            with_rows += 1
            assert "NAMA / NIP" in text and "RINCIAN NILAI" in text, f"page {page} of {pages}"
    assert with_rows >= 1


def _page_size_mm(pdf: Path) -> tuple[int, int]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    line = next(x for x in info.splitlines() if x.startswith("Page size:"))
    width, height = (float(v) for v in line.split()[2:5:2])
    return round(width / 72 * 25.4), round(height / 72 * 25.4)


def test_the_keputusan_is_bookman_on_f4_and_the_letters_arial_on_a4(converted):
    _, pdfs = converted
    keputusan = next(pdf for kind, pdf in pdfs if kind == "sk_tim")
    assert _page_size_mm(keputusan) == (215, 330)
    fonts = subprocess.run(["pdffonts", str(keputusan)], capture_output=True, text=True,
                           check=True).stdout
    faces = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert any("Bookman" in face for face in faces), fonts
    assert not any("DejaVu" in face for face in faces), fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts  # embedded
    nota = next(pdf for kind, pdf in pdfs if kind == "saran_pendapat")
    assert _page_size_mm(nota) == (210, 297)
    assert "LiberationSans" in subprocess.run(["pdffonts", str(nota)], capture_output=True,
                                              text=True, check=True).stdout


def _header_words(docx: Path) -> set[str]:
    from docx import Document
    from docx.oxml.ns import qn

    words = set()
    for table in Document(str(docx)).tables:
        for row in table.rows:
            if row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None:
                words |= {w for c in row.cells for w in c.text.split() if w.isupper()}
    return words


def test_table_headers_do_not_break_inside_words(converted):
    folder, pdfs = converted
    seen = set()
    for kind, pdf in pdfs:
        words = _header_words(folder / "docx" / f"{pdf.stem}.docx")
        if kind in seen or not words:
            continue
        seen.add(kind)
        tokens = set(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())
        assert not words - tokens, (kind, sorted(words - tokens))
    assert {"berita_acara", "saran_pendapat", "sk_tim", "pemberitahuan_hasil"} <= seen
