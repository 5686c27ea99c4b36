"""The adapters a run works with, built once from the settings and handed to the steps: the
converter (LibreOffice and its cap on processes), the signers (and their cache), the progress
board and the stage clock.

A bulk run builds one Resources for all its rounds (``shared``), so the cap on LibreOffice
processes holds over every round of the run, also one that starts late.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from flows.pdf.libreoffice import LibreOffice
from flows.pdf.signers import Signers
from flows.pipeline.metrics import CLOCK, StageClock
from flows.pipeline.progress import PROGRESS, Progress
from flows.settings import Settings


class Converter(Protocol):
    """Word to PDF/A, several files by one process (LibreOffice; a fake in tests)."""

    def convert(self, sources: Sequence[Path], outdir: Path, timeout_s: float) -> list[Path]:
        """The PDFs of ``sources`` in ``outdir`` (same stems); ConversionError on failure."""
        ...


@dataclass(frozen=True)
class Resources:
    converter: Converter
    signers: Signers
    progress: Progress
    """What the CLI's progress bar and the Prefect progress artifacts show."""
    clock: StageClock
    """Where the time goes (naskah benchmark)."""
    progress_artifacts: dict[str, Any] = field(default_factory=dict)
    """The Prefect progress artifact of each round's current phase (the UI and naskah web)."""


def build(settings: Settings) -> Resources:
    """A run's resources from the office's settings. (The progress board and the stage clock
    are the process's own: the CLI's progress bar and the benchmark read them.)"""
    return Resources(LibreOffice(settings.run.converters), Signers(settings.signing),
                     PROGRESS, CLOCK)


_SHARED: contextvars.ContextVar[Resources | None] = contextvars.ContextVar(
    "naskah_resources", default=None)


@contextmanager
def shared(resources: Resources) -> Iterator[Resources]:
    """Every round started within (in this context, or a copy of it) uses ``resources``."""
    token = _SHARED.set(resources)
    try:
        yield resources
    finally:
        _SHARED.reset(token)


def for_round(settings: Settings) -> Resources:
    """The bulk run's resources when the round is one of a bulk run; else its own."""
    return _SHARED.get() or build(settings)
