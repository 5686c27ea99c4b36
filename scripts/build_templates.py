"""Rebuild the default Word templates in templates_docx/ from scripts/template_builder/.

Run: .venv/bin/python -m scripts.build_templates [FOLDER]
"""

from __future__ import annotations

import sys
from pathlib import Path

from flows.documents import REGISTRY
from flows.outputs.files import repeatable_zip
from scripts.template_builder import (
    berita_acara,
    pemberitahuan_hasil,
    permohonan_rekomendasi,
    saran_pendapat,
    sk_tim,
    undangan,
)

BUILDERS = {
    "sk_tim": sk_tim.build, "berita_acara": berita_acara.build,
    "saran_pendapat": saran_pendapat.build,
    "permohonan_rekomendasi": permohonan_rekomendasi.build, "undangan": undangan.build,
    "pemberitahuan_hasil": pemberitahuan_hasil.build,
}


def main(folder: Path) -> None:
    import io

    folder.mkdir(parents=True, exist_ok=True)
    assert set(BUILDERS) == set(REGISTRY)
    for kind, build in BUILDERS.items():
        buffer = io.BytesIO()
        build().save(buffer)
        path = folder / REGISTRY[kind].template
        path.write_bytes(repeatable_zip(buffer.getvalue()))
        print(f"ditulis: {path}")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "templates_docx")
