"""The text of every letter of every sample round equals its reviewed golden file.

After an intended change: `pytest tests/integration/test_golden_letters.py --update-golden`,
then review `git diff tests/golden/` as you would review the letters themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.documents import REGISTRY
from flows.documents.text import document_text
from tests.letters import letters_for
from tests.workbooks import SAMPLES, sample

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def rendered(request, tmp_path_factory):
    kind_of_round = request.param
    letters = letters_for(tmp_path_factory.mktemp(kind_of_round), sample(kind_of_round))
    texts: dict[str, list[str]] = {}
    for doc in letters.render_all():
        header = f"=== {doc.planned.stem} ({doc.number}) ===\n"
        texts.setdefault(doc.planned.spec.kind, []).append(header + document_text(doc.docx))
    return kind_of_round, texts


@pytest.mark.parametrize("kind", list(REGISTRY))
def test_letter_text_matches_golden(rendered, kind, update_golden):
    kind_of_round, texts = rendered
    path = GOLDEN / kind_of_round / f"{kind}.txt"
    if kind not in texts:
        assert not path.exists(), f"{path} exists but the round produced no {kind}"
        return
    text = "\n".join(texts[kind])
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with --update-golden and review it"
    assert text == path.read_text(encoding="utf-8")
