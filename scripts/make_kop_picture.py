"""docs/kop-contoh.png: the two kops of the sample round with made-up test emblems.

Run: .venv/bin/python -m scripts.make_kop_picture   (needs LibreOffice and poppler-utils)
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from flows.domain.letters import LetterKind
from flows.pdf.libreoffice import convert_batch
from flows.settings import load_settings
from scripts.template_builder.emblem import png, sample_emblem
from tests.letters import letters_for
from tests.workbooks import sample

ROOT = Path(__file__).resolve().parent.parent
DPI = 70
SETTINGS = """[kop]
lambang_negara = "lambang-negara-uji.png"
lambang_daerah = "lambang-daerah-uji.png"
alamat = "Jalan Pahlawan Nomor 4, Bukit Damar 93411"
telepon = "(0401) 123456"
laman = "bkpsdm.bukitdamarkab.go.id"
pos_el = "bkpsdm@bukitdamarkab.go.id"
"""


def _ppm(path: Path) -> tuple[int, int, list[bytes]]:
    data = path.read_bytes()
    fields = data.split(maxsplit=4)
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4]
    return width, height, [pixels[y * width * 3:(y + 1) * width * 3] for y in range(height)]


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "lambang-negara-uji.png").write_bytes(sample_emblem(fill=(150, 110, 20)))
        (folder / "lambang-daerah-uji.png").write_bytes(sample_emblem())
        (folder / "naskah.toml").write_text(SETTINGS, encoding="utf-8")
        letters = letters_for(folder, sample("evaluasi_kinerja"),
                              settings=load_settings(folder / "naskah.toml"))
        docx = []
        for doc in letters.render_all():
            if doc.planned.spec.kind in (LetterKind.SK_TIM, LetterKind.SARAN_PENDAPAT):
                path = folder / f"{doc.planned.spec.kind}.docx"
                path.write_bytes(doc.docx)
                docx.append(path)
        pdfs = convert_batch(docx, folder / "pdf")
        strips = []
        for pdf, height_cm in zip(pdfs, (6.3, 5.5), strict=True):
            prefix = folder / pdf.stem
            subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile",
                            "-y", "0", "-H", str(round(height_cm / 2.54 * DPI)), str(pdf),
                            str(prefix)], check=True)
            strips.append(_ppm(prefix.with_suffix(".ppm")))
    width = max(w for w, _, _ in strips)
    rows: list[bytes] = []
    for w, _, lines in strips:
        rows += [line + b"\xff" * 3 * (width - w) for line in lines]
        rows += [b"\x99" * 3 * width] * 2  # a thin grey line between the two kops
    out.write_bytes(png(width, len(rows), rows, color=True))
    print(f"ditulis: {out}")


if __name__ == "__main__":
    main(ROOT / "docs" / "kop-contoh.png")
