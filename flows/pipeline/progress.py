"""Documents done per round, shared by the worker threads and whoever shows progress."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


@dataclass
class RoundProgress:
    name: str
    total: int
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    first_done_at: float | None = None
    """``time.monotonic()`` when the first document was finished, once one was."""

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        rate = self.rate
        return (self.total - self.done) / rate if rate > 0 else None


class Progress:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rounds: dict[str, RoundProgress] = {}

    def start(self, name: str, total: int) -> None:
        with self._lock:
            self._rounds[name] = RoundProgress(name, total)

    def advance(self, name: str, count: int = 1) -> None:
        with self._lock:
            progress = self._rounds.get(name)
            if progress is None:
                return
            progress.done = min(progress.total, progress.done + count)
            if progress.first_done_at is None and count:
                progress.first_done_at = time.monotonic()

    def snapshot(self) -> list[RoundProgress]:
        with self._lock:
            return [RoundProgress(p.name, p.total, p.done, p.started, p.first_done_at)
                    for p in self._rounds.values()]

    def first_done_at(self) -> float | None:
        """When any round first finished a document."""
        times = [p.first_done_at for p in self.snapshot() if p.first_done_at is not None]
        return min(times) if times else None


PROGRESS = Progress()
"""The process-wide progress board."""
