"""What the reader parses is bounded in count and time; what validates also renders."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pytest

from flows.errors import WorkbookError
from flows.workbook.reader import read_workbook
from tests.rounds import produce_round
from tests.workbooks import sample, write


def shared_strings_bomb(path: Path, strings: int) -> None:
    """A valid-looking xlsx whose sharedStrings.xml repeats one string ``strings`` times:
    a few hundred KB on disk, millions of objects for openpyxl."""
    base = write(path.parent, sample(), "asli.xlsx")
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(
            path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            if not info.filename.endswith("sharedStrings.xml"):
                out.writestr(info, source.read(info))
        with out.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                       b'openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b"<si><t>a</t></si>" * 100_000
            for _ in range(strings // 100_000):
                part.write(chunk)
            part.write(b"</sst>")


def test_millions_of_shared_strings_are_refused_quickly(tmp_path):
    bomb = tmp_path / "bom.xlsx"
    shared_strings_bomb(bomb, 4_000_000)
    assert bomb.stat().st_size < 1_000_000
    start = time.monotonic()
    with pytest.raises(WorkbookError) as refused:
        read_workbook(bomb)
    assert time.monotonic() - start < 5
    assert "lebih dari 300.000 teks" in str(refused.value)


def test_a_name_of_210_characters_validates_and_renders(tmp_path):
    content = sample()
    content.pejabat = content.pejabat[:2]
    long_name = ("Raden Mas " + "Wiryawan Adikusumo Hadiningrat " * 7)[:210]
    content.pejabat[0]["nama"] = long_name
    summary = produce_round(tmp_path, content, pdf=False, sign=False)
    assert summary.ok, summary.failures
    manifest = json.loads((Path(summary.folder) / "manifest.json").read_text())
    assert len(manifest["documents"]) == summary.documents


def test_a_letter_a_library_refuses_fails_alone(tmp_path, monkeypatch):
    from flows.documents.produce import RoundLetters

    real = RoundLetters.render

    def refuses_one(self, doc):  # type: ignore[no-untyped-def]
        if doc.spec.kind == "sk_tim":
            raise ValueError("exceeded 255 char limit for property")
        return real(self, doc)

    monkeypatch.setattr(RoundLetters, "render", refuses_one)
    content = sample()
    content.pejabat = content.pejabat[:2]
    summary = produce_round(tmp_path, content, pdf=False, sign=False)
    assert [f["kind"] for f in summary.failures] == ["sk_tim"]
    assert "surat tidak dapat dibuat" in summary.failures[0]["error"]
    assert len(list(Path(summary.folder).glob("docx/*.docx"))) == summary.documents - 1
