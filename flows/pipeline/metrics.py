"""Where a run's time goes, stage by stage: busy seconds and letters of render, convert and
sign (summed over the worker threads), for `naskah benchmark` and the run's metrics file."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class StageTotals:
    letters: int = 0
    busy_s: float = 0.0
    first_start: float | None = None
    last_end: float | None = None
    first_end: float | None = None
    """When the stage's first batch ended (the first letters through it)."""


class StageClock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stages: dict[str, StageTotals] = {}

    @contextmanager
    def measure(self, stage: str, letters: int) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            ended = time.monotonic()
            with self._lock:
                totals = self._stages.setdefault(stage, StageTotals())
                totals.letters += letters
                totals.busy_s += ended - started
                totals.first_start = min(totals.first_start or started, started)
                totals.last_end = max(totals.last_end or ended, ended)
                totals.first_end = min(totals.first_end or ended, ended)

    def snapshot(self) -> dict[str, StageTotals]:
        with self._lock:
            return {k: StageTotals(v.letters, v.busy_s, v.first_start, v.last_end, v.first_end)
                    for k, v in self._stages.items()}


CLOCK = StageClock()
"""The process-wide stage clock."""
