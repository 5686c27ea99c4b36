"""Render the letters of a round for tests, with a throwaway numbering register."""

from __future__ import annotations

from pathlib import Path

from flows.documents.produce import DEFAULT_TEMPLATES, RoundLetters, prepare_letters
from flows.register import Register
from flows.settings import Settings, load_settings
from flows.workbook.writer import WorkbookContent
from tests.workbooks import check, write


def letters_for(tmp_path: Path, content: WorkbookContent, settings: Settings | None = None,
                templates: Path = DEFAULT_TEMPLATES) -> RoundLetters:
    result = check(write(tmp_path, content))
    assert result.round is not None, [str(i) for i in result.report.errors]
    settings = settings or load_settings(None)
    register = Register(tmp_path / "register.sqlite")
    return prepare_letters(result.round, result.evaluation, settings, register, templates)
