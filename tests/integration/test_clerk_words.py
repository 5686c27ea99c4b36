"""No validation message a clerk reads names a raw workbook key (``tempat_pelaksanaan``): it
uses the key's words ("tempat pelaksanaan") beside the cell reference. A key in quotes is a
column title or a key to type as written, and stays."""

from __future__ import annotations

import re
from pathlib import Path

from flows.domain import layout
from flows.domain.models import RoundKind
from flows.reporting import text_report
from flows.samples import SAMPLES
from flows.settings import default_rules
from flows.workbook.writer import blank_for
from tests.integration.bad_corpus import FAULTS, combined
from tests.workbooks import check, sample, write

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_KEYS = {f.name for f in (*layout.PUTARAN, *layout.TIM, *layout.PEJABAT,
                                  *layout.BOBOT) if "_" in f.name}


def raw_keys(text: str) -> list[str]:
    """The contract keys (and nilai_… score columns) ``text`` names outside quotes."""
    outside = " ".join(text.split('"')[0::2])
    return [w for w in re.findall(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+", outside)
            if w in CONTRACT_KEYS or w.startswith("nilai_")]


def garbage(kind: str):  # type: ignore[no-untyped-def]
    """A sample whose every value is unreadable: every key's own message."""
    content = sample(kind)
    content.putaran = [(k, "??" if k != "jenis_putaran" else v) for k, v in content.putaran]
    content.tim = [{k: "??" for k in row} for row in content.tim]
    content.pejabat = [{k: "??" for k in row} for row in content.pejabat]
    return content


def workbooks(folder: Path) -> list[Path]:
    """The samples, every fault of the bad corpus and all of them at once, the blank
    template of each kind, and each kind with every value unreadable."""
    paths = [ROOT / "inputs" / name for name in sorted(SAMPLES)]
    paths += [fault.build(folder) for fault in FAULTS]
    paths.append(combined(folder)[0])
    for kind in RoundKind:
        paths.append(write(folder, blank_for(kind, default_rules()), f"kosong-{kind.value}.xlsx"))
        paths.append(write(folder, garbage(kind.value), f"rusak-{kind.value}.xlsx"))
    return paths


def test_no_validation_message_names_a_raw_key(tmp_path):
    seen, shown = 0, []
    for path in workbooks(tmp_path):
        result = check(path)
        seen += len(result.report.issues)
        texts = [text_report(path, result).replace(str(path), path.name)]
        texts += [i.expected or "" for i in result.report.issues]
        shown += [(path.name, key, text) for text in texts for key in raw_keys(text)]
    assert seen > 150  # the corpus really was read
    assert not shown, "\n".join(f"{name}: {key} in {text[:300]!r}" for name, key, text in shown)


def test_a_message_names_the_key_by_its_words_and_keeps_the_cell(tmp_path):
    content = sample()
    content.putaran = [(k, None if k == "tempat_pelaksanaan" else v) for k, v in content.putaran]
    content.pejabat[0]["tmt_jabatan"] = "sejak 2020"
    lines = [str(i) for i in check(write(tmp_path, content)).report.errors]
    assert "Putaran!B15: tempat pelaksanaan wajib diisi" in lines
    assert any(line.startswith('Pejabat!J2: TMT jabatan "sejak 2020"') for line in lines)
