"""The batch steps on their own: a letter LibreOffice cannot convert fails alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.pdf.libreoffice import ConversionError
from flows.pipeline import steps
from flows.pipeline.work import batches, plan_work
from tests.letters import letters_for
from tests.workbooks import sample


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BLANK_PDF = _blank_pdf()


@pytest.fixture
def planned(tmp_path):
    letters = letters_for(tmp_path, sample("uji_kompetensi"))
    folder = tmp_path / "putaran"
    items = plan_work(letters, folder, {}, pdf=True, sign=False)
    steps.render_batch(letters, folder, items)
    return folder, items


def fake_libreoffice(bad: str, calls: list[int]):  # type: ignore[no-untyped-def]
    def convert(sources: list[Path], outdir: Path, timeout_s: float) -> list[Path]:
        calls.append(len(sources))
        if any(bad in s.name for s in sources):
            raise ConversionError("soffice berhenti")
        outdir.mkdir(parents=True, exist_ok=True)
        for source in sources:
            (outdir / f"{source.stem}.pdf").write_bytes(BLANK_PDF)
        return [outdir / f"{s.stem}.pdf" for s in sources]
    return convert


def test_one_bad_letter_fails_alone_after_retries(planned, monkeypatch):
    folder, items = planned
    calls: list[int] = []
    monkeypatch.setattr(steps, "convert_batch", fake_libreoffice("berita_acara", calls))
    monkeypatch.setattr(steps, "RETRY_DELAYS_S", (0.0, 0.0))
    steps.convert_items(folder, items, timeout_s=5)
    failed = [i for i in items if i.failure]
    assert [i.record.kind for i in failed] == ["berita_acara"]
    assert "soffice berhenti" in failed[0].failure
    assert all((folder / i.record.pdf).is_file() for i in items if not i.failure)
    # the batch (letters of one kind merged), retried twice, then each letter alone
    assert calls[0] == calls[1] == calls[2] < len(items)
    assert calls[3:] == [1] * (len(items) + 2)  # the bad letter alone is tried three times
    assert not (folder / steps.WORK_DIR).exists() or not any((folder / steps.WORK_DIR).iterdir())


def test_batches_use_every_worker_and_skip_finished_items(planned):
    _, items = planned
    for item in items[:4]:
        item.render = item.convert = item.sign = False
    work = batches(items, size=25, workers=2)
    assert len(work) == 2 and sum(map(len, work)) == len(items) - 4
    assert len(batches(items, size=5, workers=2)) == -(-(len(items) - 4) // 5)


def test_a_merged_conversion_without_letter_marks_falls_back_to_single_letters(planned,
                                                                             monkeypatch):
    folder, items = planned
    calls: list[int] = []
    monkeypatch.setattr(steps, "convert_batch", fake_libreoffice("tidak-ada", calls))
    monkeypatch.setattr(steps, "RETRY_DELAYS_S", (0.0, 0.0))
    steps.convert_items(folder, items, timeout_s=5)
    assert not [i for i in items if i.failure]
    assert all((folder / i.record.pdf).is_file() and i.record.pages == 1 for i in items)
    assert calls[3:] == [1] * len(items)


def test_a_conversion_retries_after_the_documented_pauses(planned, monkeypatch):
    """RETRY_DELAYS_S are the pauses before each retry (the conversion once slept half of
    the first one while its docstring said otherwise)."""
    folder, items = planned
    pauses: list[float] = []
    monkeypatch.setattr(steps.time, "sleep", pauses.append)
    monkeypatch.setattr(steps, "convert_batch", fake_libreoffice("", []))
    with pytest.raises(ConversionError):
        steps._convert_with_retries(folder, items[:1], 5, steps._default_convert)
    assert pauses == list(steps.RETRY_DELAYS_S) == [2.0, 8.0]


def test_a_letter_a_library_refused_once_is_rendered_again(tmp_path, monkeypatch):
    """A run once lost a letter to lxml's "XMLSyntaxError: unknown error" with two batches
    rendering at once; the same letter renders on a second try. A refusal that repeats is
    the letter's own: it fails alone, with the library's words."""
    from lxml import etree

    from flows.documents.produce import RoundLetters

    letters = letters_for(tmp_path, sample("uji_kompetensi"))
    folder = tmp_path / "putaran"
    items = plan_work(letters, folder, {}, pdf=False, sign=False)
    render, refused = RoundLetters.render, {items[0].doc.key: 1, items[1].doc.key: 99}

    def flaky(self, doc):  # type: ignore[no-untyped-def]
        if refused.get(doc.key, 0) > 0:
            refused[doc.key] -= 1
            raise etree.XMLSyntaxError("unknown error", None, 0, 0, "<string>")
        return render(self, doc)

    monkeypatch.setattr(RoundLetters, "render", flaky)
    steps.render_batch(letters, folder, items)
    assert items[0].failure is None and (folder / items[0].record.docx).is_file()
    assert "XMLSyntaxError" in (items[1].failure or "")
    assert all(i.failure is None for i in items[2:])
