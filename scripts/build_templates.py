"""Rebuild the default Word templates in templates_docx/ from scripts/template_builder/.

Run: .venv/bin/python -m scripts.build_templates [FOLDER]
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from flows.documents import REGISTRY
from flows.outputs.files import repeatable_zip

BUILDERS = {kind: importlib.import_module(f"scripts.template_builder.{kind}").build
            for kind in REGISTRY}
"""One builder module per document kind, named like the kind."""


def main(folder: Path) -> None:
    import io

    folder.mkdir(parents=True, exist_ok=True)
    for kind, build in BUILDERS.items():
        buffer = io.BytesIO()
        build().save(buffer)
        path = folder / REGISTRY[kind].template
        path.write_bytes(repeatable_zip(buffer.getvalue()))
        print(f"ditulis: {path}")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "templates_docx")
