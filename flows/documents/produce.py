"""Produce the letters of a round: plan, number, build contexts, render."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from flows.documents.base import Inputs, as_mapping
from flows.documents.context import KopKontak
from flows.documents.plan import PlannedDocument, assign_numbers, plan_documents
from flows.documents.rendering import Template
from flows.domain.evaluation import RoundEvaluation
from flows.domain.letters import LetterKind
from flows.domain.models import Round
from flows.register import NumberRegister
from flows.settings import Settings

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates_docx"
"""The shipped templates (a source checkout or an editable install)."""


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    planned: PlannedDocument
    number: str
    docx: bytes


@dataclass(frozen=True, slots=True)
class RoundLetters:
    """The numbered plan of a round, ready to render document by document."""

    inputs: Inputs
    planned: tuple[PlannedDocument, ...]
    templates: Mapping[LetterKind, Template]
    paper_mm: tuple[int, int]
    paper_keputusan_mm: tuple[int, int] = (215, 330)
    emblems: Mapping[str, bytes] = field(default_factory=dict)
    """The office's kop pictures by the alt text of the placeholder they replace."""

    def paper_for(self, doc: PlannedDocument) -> tuple[int, int]:
        """The paper of one document: a Keputusan has its own."""
        return self.paper_keputusan_mm if doc.spec.keputusan else self.paper_mm

    def render(self, doc: PlannedDocument) -> RenderedDocument:
        context = doc.spec.build(self.inputs, doc.official)
        number = self.inputs.numbers[doc.key]
        data = self.templates[doc.spec.kind].render(
            as_mapping(context), self.paper_for(doc), self.properties(doc, number),
            self.emblems)
        return RenderedDocument(doc, number, data)

    def properties(self, doc: PlannedDocument, number: str) -> dict[str, str]:
        """What the PDF's metadata says: title, kind, number and NIP, issuing unit."""
        rnd = self.inputs.round
        keywords = f"{number}; NIP:{doc.nip}" if doc.nip else number
        title = f"{doc.spec.title} {number}"
        if doc.official is not None:
            title += f" - {doc.official.official.full_name}"
        return {"title": title, "subject": doc.spec.kind, "keywords": keywords,
                "author": f"{rnd.unit_pengelola} {rnd.pemerintah_daerah}"}

    def render_all(self) -> Iterator[RenderedDocument]:
        for doc in self.planned:
            yield self.render(doc)


def templates_folder(settings: Settings, override: Path | None = None) -> Path:
    return override or settings.letters.templates or DEFAULT_TEMPLATES


def prepare_letters(rnd: Round, evaluation: RoundEvaluation, settings: Settings,
                    register: NumberRegister, templates: Path) -> RoundLetters:
    """Plan every document, allocate its number, and load the templates it needs."""
    planned = tuple(plan_documents(evaluation))
    loaded = {doc.spec.kind: Template.load(templates / doc.spec.template) for doc in planned}
    numbers = assign_numbers(rnd, list(planned), register, settings.numbering)
    kop = settings.kop
    inputs = Inputs(rnd, evaluation, numbers, settings.letters.mengingat,
                    KopKontak(kop.alamat, kop.telepon, kop.laman, kop.pos_el),
                    settings.letters.regional_office(rnd.provinsi),
                    settings.letters.recommendation_in_notice)
    return RoundLetters(inputs, planned, loaded, settings.letters.paper_mm,
                        settings.letters.paper_keputusan_mm, kop.emblems())
