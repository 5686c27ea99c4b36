"""The letters of a round: one module per kind, each with its template and context.

Every :class:`LetterKind` is declared by ``SPEC`` in the module of the same name here (and built
by ``scripts/template_builder/<kind>.py``); the registry is read from those declarations, in
the enum's order, which is the order a round produces them.
"""

from __future__ import annotations

from importlib import import_module

from flows.documents.base import DocumentSpec
from flows.domain.letters import LetterKind


def declaration(kind: LetterKind) -> DocumentSpec:
    """The ``SPEC`` of the kind's own module, ``flows/documents/<kind>.py``."""
    name = f"{__name__}.{kind.value}"
    try:
        module = import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        raise ImportError(f"LetterKind.{kind.name} has no declaration: write SPEC in "
                          f"flows/documents/{kind.value}.py") from None
    spec: DocumentSpec = module.SPEC
    return spec


REGISTRY: dict[LetterKind, DocumentSpec] = {kind: declaration(kind) for kind in LetterKind}
"""Every document kind, in the order a round produces them."""
