"""Files generated from code are committed up to date."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from flows.documents import REGISTRY
from flows.documents.variables import variables_markdown
from scripts.build_templates import BUILDERS

ROOT = Path(__file__).resolve().parents[1]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("kind", list(REGISTRY))
def test_shipped_templates_match_their_builder(kind):
    buffer = io.BytesIO()
    BUILDERS[kind]().save(buffer)
    committed = (ROOT / "templates_docx" / REGISTRY[kind].template).read_bytes()
    assert parts(buffer.getvalue()) == parts(committed), (
        "run: .venv/bin/python -m scripts.build_templates")


def test_the_variable_reference_is_up_to_date():
    committed = (ROOT / "docs" / "variabel-template.md").read_text(encoding="utf-8")
    assert committed == variables_markdown(), "run: .venv/bin/python -m scripts.make_docs"
