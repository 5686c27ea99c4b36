"""Regenerate the documentation that comes from code.

    .venv/bin/python -m scripts.make_docs            docs/variabel-template.md
    .venv/bin/python -m scripts.make_docs --letters  also docs/surat/*.png (needs LibreOffice)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from flows.documents.variables import variables_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"


def letter_pictures(folder: Path) -> None:
    """Page 1 of each kind of letter of the evaluasi kinerja sample, as PNG."""
    from flows.documents.produce import DEFAULT_TEMPLATES, prepare_letters
    from flows.domain.intake import intake
    from flows.pdf.libreoffice import convert_batch
    from flows.register import Register
    from flows.settings import load_settings
    from flows.workbook.reader import read_workbook

    settings = load_settings(None)
    result = intake(read_workbook(DOCS.parent / "inputs" / "contoh-evaluasi-kinerja.xlsx"),
                    settings.rules)
    assert result.round is not None and result.evaluation is not None
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        tmp = Path(work)
        letters = prepare_letters(result.round, result.evaluation, settings,
                                  Register(tmp / "register.sqlite"), DEFAULT_TEMPLATES)
        first: dict[str, Path] = {}
        for doc in letters.planned:
            if doc.spec.kind not in first:
                path = tmp / f"{doc.spec.kind}.docx"
                path.write_bytes(letters.render(doc).docx)
                first[doc.spec.kind] = path
        for pdf in convert_batch(list(first.values()), tmp / "pdf"):
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", "1", "-l", "1",
                            str(pdf), str(folder / pdf.stem)], check=True)
            print(f"ditulis: {folder / pdf.stem}.png")


if __name__ == "__main__":
    path = DOCS / "variabel-template.md"
    path.write_text(variables_markdown(), encoding="utf-8")
    print(f"ditulis: {path}")
    if "--letters" in sys.argv[1:]:
        letter_pictures(DOCS / "surat")
