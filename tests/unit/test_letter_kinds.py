"""A letter kind is declared in one place; everything else about kinds is read from there.

Each test here fails when a kind is added (or changed) in only one place: a LetterKind without
its module, a module or builder without its LetterKind, a second declaration, settings
without the kind, or a plan/numbering that keeps its own table instead of the declarations.
"""

from __future__ import annotations

import ast
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from flows.documents import REGISTRY
from flows.documents.base import DocumentSpec
from flows.documents.plan import PlannedDocument, assign_numbers, plan_documents
from flows.domain.letters import LetterKind
from flows.domain.models import RoundKind
from flows.domain.numbering import build_numbering
from flows.settings import default_data

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "flows" / "documents"
BUILDERS = ROOT / "scripts" / "template_builder"


def declarations() -> dict[str, list[str]]:
    """Every ``DocumentSpec(LetterKind.X, …)`` written in the source: kind → files."""
    found: dict[str, list[str]] = {}
    for path in sorted([*(ROOT / "flows").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "DocumentSpec":
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Attribute) and \
                    getattr(first.value, "id", "") == "LetterKind", \
                    f"{path}: a DocumentSpec names its kind as LetterKind.<NAME>"
                found.setdefault(first.attr, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_letter_kind_is_declared_exactly_once_in_its_own_module():
    expected = {kind.name: [f"flows/documents/{kind.value}.py"] for kind in LetterKind}
    assert declarations() == expected


def test_the_registry_is_the_declarations_in_the_order_of_the_enum():
    assert tuple(REGISTRY) == tuple(LetterKind)
    for kind, spec in REGISTRY.items():
        assert isinstance(spec, DocumentSpec)
        assert spec.kind is kind
        assert spec.template == f"{kind.value}.docx"


def test_no_module_of_documents_declares_a_kind_the_enum_does_not_know():
    kinds = {kind.value for kind in LetterKind}
    with_spec = {path.stem for path in DOCUMENTS.glob("*.py")
                 if "\nSPEC = " in path.read_text(encoding="utf-8")}
    assert with_spec == kinds


def test_every_letter_kind_has_exactly_one_template_builder():
    builders = {path.stem for path in BUILDERS.glob("*.py")
                if "\ndef build(" in path.read_text(encoding="utf-8")}
    assert builders == {kind.value for kind in LetterKind}


@pytest.mark.parametrize("table", [("penomoran", "naskah"), ("tanda_tangan", "naskah")])
def test_the_shipped_settings_have_a_section_for_every_letter_kind_and_no_other(table):
    section, key = table
    assert set(default_data()[section][key]) == {kind.value for kind in LetterKind}


def test_the_letter_kinds_keep_the_strings_of_the_manifest_and_settings():
    values = [str(kind) for kind in LetterKind]
    shipped = ["sk_tim", "berita_acara", "saran_pendapat", "permohonan_persetujuan_mendagri",
               "permohonan_rekomendasi", "undangan", "pemberitahuan_hasil", "pengumuman_hasil"]
    assert [v for v in values if v in shipped] == shipped  # never renamed, never reordered
    assert all(kind.value == kind.name.lower() for kind in LetterKind)
    assert f"{LetterKind.SK_TIM}" == "sk_tim" and LetterKind("undangan") == "undangan"
    assert json.dumps({LetterKind.UNDANGAN: [LetterKind.SK_TIM]}) == '{"undangan": ["sk_tim"]}'


def test_the_plan_asks_each_declaration_whether_the_round_needs_it(monkeypatch):
    asked: list[LetterKind] = []

    def needed(kind: LetterKind):
        return lambda _evaluation: asked.append(kind) or kind is not LetterKind.SK_TIM

    for kind, spec in list(REGISTRY.items()):
        monkeypatch.setitem(REGISTRY, kind, replace(spec, needed=needed(kind)))
    official = SimpleNamespace(official=SimpleNamespace(nip=SimpleNamespace(digits="1")))
    planned = plan_documents(SimpleNamespace(results=(official,)))  # type: ignore[arg-type]
    assert asked == list(LetterKind)
    assert [d.spec.kind for d in planned] == [k for k in LetterKind if k is not LetterKind.SK_TIM]


class _Register:
    def __init__(self) -> None:
        self.order: list[str] = []

    def allocate(self, key, series, write):
        self.order.append(key[1])
        return SimpleNamespace(nomor=write(len(self.order)))

    def record_given(self, key, nomor):  # pragma: no cover - no numbers are given here
        raise AssertionError(key)


def test_numbers_follow_the_dates_the_declarations_give(monkeypatch):
    kinds = [k for k in LetterKind if not REGISTRY[k].per_official]
    start = date(2024, 11, 1)
    for i, kind in enumerate(kinds):  # declared dates in the reverse of the enum's order
        day = start + timedelta(days=len(kinds) - i)
        monkeypatch.setitem(REGISTRY, kind, replace(REGISTRY[kind], dated=lambda _r, d=day: d))
    rnd = SimpleNamespace(kode_putaran="P", given_numbers={}, jenis=RoundKind.EVALUASI_KINERJA,
                          unit_pengelola_singkatan="BKPSDM")
    register = _Register()
    numbers = assign_numbers(rnd, [PlannedDocument(REGISTRY[k], None) for k in kinds],  # type: ignore[arg-type]
                             register, build_numbering(default_data()["penomoran"]))  # type: ignore[arg-type]
    assert register.order == [k.value for k in reversed(kinds)]
    assert all(type(kind) is str for kind in register.order)  # the register stores plain text
    assert set(numbers) == {(k, "") for k in kinds}
