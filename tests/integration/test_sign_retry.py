"""A signing task that crashed half-way (an error naskah does not expect, so Prefect retries
the whole batch) is retried without signing again what the failed attempt filed: each letter
is signed and filed exactly once, and the journal names the very files the records name."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from flows.outputs import journal
from flows.pdf.signing import PdfSigner, specimen_signer
from flows.pipeline import steps
from flows.pipeline.work import plan_work
from tests.integration.test_steps import BLANK_PDF
from tests.letters import letters_for
from tests.workbooks import sample


class BlankPdfs:
    """A converter writing a blank page per letter (the signing is what is tested)."""

    def convert(self, sources, outdir: Path, timeout_s: float) -> list[Path]:  # type: ignore[no-untyped-def]
        outdir.mkdir(parents=True, exist_ok=True)
        for source in sources:
            (outdir / f"{source.stem}.pdf").write_bytes(BLANK_PDF)
        return [outdir / f"{s.stem}.pdf" for s in sources]


class CountingSigner:
    """The specimen signer, counting what it signs; it crashes on the ``crash_at``-th PDF."""

    def __init__(self, inner: PdfSigner, signed: Counter[bytes], crash_at: int = 0) -> None:
        self.inner, self.signed, self.crash_at, self.calls = inner, signed, crash_at, 0
        self.subject, self.fingerprint = inner.subject, inner.fingerprint

    def sign(self, pdf: bytes, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.calls == self.crash_at:
            raise RuntimeError("kabel jaringan HSM putus")  # not an EngineError: Prefect retries
        self.signed[pdf] += 1
        return self.inner.sign(pdf, **kwargs)


def test_a_retry_after_a_crash_mid_batch_files_each_letter_exactly_once(tmp_path, monkeypatch):
    monkeypatch.setenv("NASKAH_PROSES_TANDA_TANGAN", "0")  # sign here, in order
    monkeypatch.setattr(steps, "MERGE_LIMIT", 1)  # a blank page cannot be split
    letters = letters_for(tmp_path, sample("uji_kompetensi"))
    folder = tmp_path / "putaran"
    items = plan_work(letters, folder, {}, pdf=True, sign=True)
    steps.render_batch(letters, folder, items)
    steps.convert_items(folder, items, 5, BlankPdfs())
    todo = [i for i in items if i.sign and not i.failure]
    assert len(todo) >= 4
    for number, item in enumerate(todo):  # each letter its own PDF, to tell them apart
        pdf = BLANK_PDF + f"% {number}\n".encode()
        (folder / item.record.pdf).write_bytes(pdf)
        item.record.sha256["pdf"] = steps.sha256_bytes(pdf)
    signer, signed = specimen_signer(), Counter[bytes]()

    crashing = CountingSigner(signer, signed, crash_at=3)
    with pytest.raises(RuntimeError, match="HSM"):
        steps.sign_items(folder, items, lambda kind, members=(): [crashing], "Damar Jaya")
    filed_before = {i.stem for i in todo if i.record.signed_pdf}
    assert len(filed_before) == 2  # the failed attempt filed the first two letters

    steps.sign_items(folder, items, lambda kind, members=(): [CountingSigner(signer, signed)],
                     "Damar Jaya")  # Prefect's retry: the same batch again

    assert not [i.failure for i in items if i.failure]
    files = sorted(p.name for p in (folder / "ttd").iterdir())
    assert files == sorted(f"{i.stem}.pdf" for i in todo)  # no -v2
    again = [i.stem for i in todo if i.stem in filed_before
             and signed[(folder / i.record.pdf).read_bytes()] != 1]
    assert again == [], "the retry signed again letters the failed attempt had filed"
    lines = [json.loads(line) for line in
             (folder / journal.JOURNAL).read_text(encoding="utf-8").splitlines()]
    assert Counter((e["kind"], e["nip"]) for e in lines) == Counter(
        (i.record.kind, i.record.nip or "") for i in todo)  # one journal line per letter
    entries = journal.entries(folder)
    for item in todo:
        entry = entries[(item.record.kind, item.record.nip or "")]
        assert (entry["path"], entry["sha256"]) == (
            item.record.signed_pdf, item.record.sha256["signed_pdf"])
        assert steps.sha256_bytes((folder / entry["path"]).read_bytes()) == entry["sha256"]
        assert item.steps_done.count("signed") == 1
