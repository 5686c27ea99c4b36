"""Legal bases by date: a Keputusan cites only the instruments in force on its date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """One ``Mengingat`` entry and the span in which it may be cited."""

    teks: str
    berlaku_sejak: date | None = None
    """None: always (an entry written before dates were kept)."""
    dicabut_sejak: date | None = None
    """The day it was revoked or replaced; it is no longer cited from that day."""

    def in_force(self, on: date) -> bool:
        started = self.berlaku_sejak is None or self.berlaku_sejak <= on
        return started and (self.dicabut_sejak is None or on < self.dicabut_sejak)


def in_force(bases: tuple[LegalBasis, ...], on: date) -> tuple[str, ...]:
    """The texts of the bases in force on ``on``, in the office's order."""
    return tuple(b.teks for b in bases if b.in_force(on))
