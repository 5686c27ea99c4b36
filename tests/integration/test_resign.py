"""A rerun re-makes and re-signs exactly the letters whose own content changed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import require_program
from tests.rounds import produce_round
from tests.workbooks import sample


def _signed(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {Path(d["docx"]).stem: d for d in data["documents"]}


def test_fixing_one_score_resigns_only_the_letters_that_show_it(tmp_path):
    require_program("soffice")
    content = sample()
    content.pejabat = [dict(p) for p in content.pejabat[:3]]
    first = produce_round(tmp_path, content)
    assert first.ok, first.failures
    folder = Path(first.folder)
    before = _signed(folder)
    assert all(not d["previous_signed"] for d in before.values())

    nip = str(content.pejabat[1]["nip"]).replace(" ", "")
    content.pejabat[1]["nilai_kinerja"] = 77  # was 76: rank and category stay
    second = produce_round(tmp_path, content)
    assert second.ok, second.failures
    after = _signed(folder)
    resigned = {stem for stem, d in after.items() if d["previous_signed"]}
    assert {"berita_acara", "saran_pendapat", f"pemberitahuan_hasil_{nip}"} <= resigned
    assert resigned <= {"berita_acara", "saran_pendapat", f"pemberitahuan_hasil_{nip}",
                        "permohonan_rekomendasi"}
    assert not any(stem.startswith("undangan") for stem in resigned)
    for stem in resigned:
        assert after[stem]["signed_pdf"].endswith("-v2.pdf")
        assert after[stem]["previous_signed"][0]["reason"] == "isi surat berubah"
    for stem in set(after) - resigned:  # the others keep their files, untouched
        assert after[stem]["signed_pdf"] == before[stem]["signed_pdf"]
        assert after[stem]["sha256"] == before[stem]["sha256"]
    assert second.documents - second.skipped == len(resigned)

    third = produce_round(tmp_path, content)  # nothing changed: nothing re-made
    assert third.ok and third.skipped == third.documents
    assert _signed(folder) == after
