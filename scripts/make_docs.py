"""Regenerate the documentation that comes from code.

    .venv/bin/python -m scripts.make_docs            docs/variabel-template.md
    .venv/bin/python -m scripts.make_docs --letters  also docs/surat/*.png: page 1 of each
                                                     letter, and its signed signature page
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from flows.documents.variables import variables_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"


SAMPLES = ("contoh-evaluasi-kinerja.xlsx", "contoh-seleksi-terbuka.xlsx")
"""Each kind's picture comes from the first sample that has that kind of letter."""


def letter_pictures(folder: Path) -> None:
    """Page 1 of each kind of letter, and its signed signature page, as PNG."""
    done: set[str] = set()
    for sample in SAMPLES:
        done |= _sample_pictures(folder, sample, done)


def _sample_pictures(folder: Path, sample: str, done: set[str]) -> set[str]:
    """The pictures of the kinds of ``sample`` not in ``done``; the kinds drawn."""
    from flows.documents.produce import DEFAULT_TEMPLATES, prepare_letters
    from flows.domain.intake import intake
    from flows.pdf.libreoffice import convert_batch
    from flows.register import Register
    from flows.settings import load_settings
    from flows.workbook.reader import read_workbook

    settings = load_settings(None)
    result = intake(read_workbook(DOCS.parent / "inputs" / sample), settings.rules)
    assert result.round is not None and result.evaluation is not None
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        tmp = Path(work)
        letters = prepare_letters(result.round, result.evaluation, settings,
                                  Register(tmp / "register.sqlite"), DEFAULT_TEMPLATES)
        first: dict[str, Path] = {}
        for doc in letters.planned:
            if doc.spec.kind not in first and doc.spec.kind not in done:
                path = tmp / f"{doc.spec.kind}.docx"
                path.write_bytes(letters.render(doc).docx)
                first[doc.spec.kind] = path
        from flows.pdf.placement import row_box, signature_box
        from flows.pdf.signing import specimen_signer
        from flows.pipeline.steps import Visible, sign_items
        from flows.pipeline.work import plan_work

        pdfs = convert_batch(list(first.values()), tmp / "pdf")
        for pdf in pdfs:
            _png(pdf, 1, folder / pdf.stem)
        # The same letters signed (SPESIMEN), showing the page that carries the signature.
        firsts: dict[str, object] = {}
        for item in plan_work(letters, tmp, {}, pdf=True, sign=True):
            if item.doc.spec.kind in first:
                firsts.setdefault(item.doc.spec.kind, item)
        items = list(firsts.values())
        from flows.domain.indonesian import zona_waktu
        from flows.outputs.files import sha256_file

        for item in items:
            item.record.pdf = f"pdf/{item.doc.spec.kind}.pdf"
            item.record.sha256["pdf"] = sha256_file(tmp / item.record.pdf)
        signer = specimen_signer()
        members = {}  # the berita acara: every member signs with a SPESIMEN of their own

        def signers(kind: str, rows: tuple[str, ...] = ()) -> list:  # type: ignore[type-arg]
            return [members.setdefault(m, specimen_signer(holder=m)) for m in rows] or [signer]

        sign_items(tmp, items, signers, result.round.ibu_kota,
                   Visible(settings.signing.public_url, settings.signing.footer,
                           result.round.kode_putaran, zona_waktu(result.round.provinsi)))
        for item in items:
            signed = tmp / item.record.signed_pdf
            place = row_box(signed.read_bytes(), item.signer_rows[-1]) if item.signer_rows \
                else None
            page, _ = place or signature_box(signed.read_bytes(), item.signer_names)
            _png(signed, page + 1, folder / f"{item.doc.spec.kind}-ttd")
    return set(first)


def _png(pdf: Path, page: int, target: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l",
                    str(page), str(pdf), str(target)], check=True)
    print(f"ditulis: {target}.png")


if __name__ == "__main__":
    path = DOCS / "variabel-template.md"
    path.write_text(variables_markdown(), encoding="utf-8")
    print(f"ditulis: {path}")
    if "--letters" in sys.argv[1:]:
        letter_pictures(DOCS / "surat")
