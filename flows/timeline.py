"""When the first seconds of a run went where: named moments of one process, in wall-clock
(epoch) seconds, for the run's metrics file (``naskah benchmark``, the cold-start test).

Only the first occurrence of a name is kept; marking costs a lock and a clock read.
"""

from __future__ import annotations

import threading
import time


class Timeline:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._marks: dict[str, float] = {}

    def mark(self, name: str) -> None:
        now = time.time()
        with self._lock:
            self._marks.setdefault(name, now)

    def snapshot(self) -> dict[str, float]:
        with self._lock:
            return dict(self._marks)


TIMELINE = Timeline()
"""The process-wide timeline."""

