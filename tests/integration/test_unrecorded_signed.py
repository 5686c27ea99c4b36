"""A run killed while signing leaves signed PDFs no manifest records: the rerun sets them
aside (never deletes them) and signs afresh under the usual names."""

from __future__ import annotations

import json

from flows.outputs.manifest import DocumentRecord
from flows.pipeline.round import UNRECORDED, set_aside_unrecorded


def record(stem: str, signed: str | None, earlier: list[str] = ()) -> DocumentRecord:
    return DocumentRecord(kind="undangan", nip=stem, number=f"1/{stem}", title="Undangan",
                          docx=f"docx/{stem}.docx", signed_pdf=signed,
                          previous_signed=[{"path": p, "sha256": "x", "reason": "r"}
                                           for p in earlier])


def test_signed_pdfs_no_manifest_records_are_set_aside(tmp_path):
    ttd = tmp_path / "ttd"
    ttd.mkdir()
    for name in ("a.pdf", "a-v2.pdf", "b.pdf", "c.pdf"):
        (ttd / name).write_bytes(name.encode())
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": []}))
    previous = {("undangan", "a"): record("a", "ttd/a-v2.pdf", ["ttd/a.pdf"]),
                ("undangan", "b"): record("b", None)}
    assert set_aside_unrecorded(tmp_path, previous) == 2
    assert sorted(p.name for p in ttd.glob("*.pdf")) == ["a-v2.pdf", "a.pdf"]
    aside = tmp_path / UNRECORDED
    assert sorted(p.name for p in aside.iterdir()) == ["b.pdf", "c.pdf"]
    (ttd / "b.pdf").write_bytes(b"again")  # killed again: an earlier orphan is never lost
    assert set_aside_unrecorded(tmp_path, previous) == 1
    assert (aside / "b.pdf").read_bytes() == b"b.pdf"
    assert (aside / "b-2.pdf").read_bytes() == b"again"


def test_without_a_manifest_every_signed_pdf_is_unrecorded(tmp_path):
    (tmp_path / "ttd").mkdir()
    (tmp_path / "ttd" / "a.pdf").write_bytes(b"1")
    assert set_aside_unrecorded(tmp_path, {}) == 1


def test_an_unreadable_manifest_moves_nothing(tmp_path):
    (tmp_path / "ttd").mkdir()
    (tmp_path / "ttd" / "a.pdf").write_bytes(b"1")
    (tmp_path / "manifest.json").write_text("{rusak")
    assert set_aside_unrecorded(tmp_path, {}) == 0
    assert (tmp_path / "ttd" / "a.pdf").exists()
