"""A province-size round: 300 officials in one workbook, every table row rendered."""

from __future__ import annotations

import io

from docx import Document

from flows.documents.text import document_text
from flows.samples import synthetic_round
from tests.letters import letters_for


def test_300_officials_in_one_round(tmp_path):
    letters = letters_for(tmp_path, synthetic_round(300))
    kinds = [doc.spec.kind for doc in letters.planned]
    assert kinds.count("undangan") == kinds.count("pemberitahuan_hasil") == 300
    assert len(set(letters.inputs.numbers.values())) == len(letters.planned)
    by_kind = {}
    for doc in letters.planned:
        by_kind.setdefault(doc.spec.kind, doc)  # round documents and one letter of each kind
    last = [d for d in letters.planned if d.spec.kind == "pemberitahuan_hasil"][-1]
    for doc in [*by_kind.values(), last]:
        rendered = letters.render(doc)
        text = document_text(rendered.docx)
        if doc.spec.kind in ("berita_acara", "saran_pendapat"):
            tables = Document(io.BytesIO(rendered.docx)).tables
            assert max(len(t.rows) for t in tables) == 301  # header and 300 officials
            assert "Pejabat Contoh 300, M.Si." in text
    assert "Pejabat Contoh 300, M.Si." in document_text(letters.render(last).docx)
