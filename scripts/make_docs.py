"""Regenerate the documentation that comes from code: docs/variabel-template.md."""

from __future__ import annotations

from pathlib import Path

from flows.documents.variables import variables_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"

if __name__ == "__main__":
    path = DOCS / "variabel-template.md"
    path.write_text(variables_markdown(), encoding="utf-8")
    print(f"ditulis: {path}")
