"""Regional elections: when replacing officials needs the Minister of Home Affairs' approval.

UU 10/2016 Ps. 71 ayat (2): from the KPU's penetapan pasangan calon to the end of the term;
Ps. 162 ayat (3): within 6 months of the new kepala daerah's inauguration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flows.domain.dates import add_months


@dataclass(frozen=True, slots=True)
class ElectionWindow:
    """One simultaneous election: the span in which a move needs the Minister's approval."""

    nama: str
    """``Pemilihan Kepala Daerah Serentak Tahun 2024``: as the letters name it."""
    penetapan_paslon: date
    pelantikan: date
    months_after: int = 6
    dasar: str = ""
    """The law that requires the approval, named in full (office setting)."""

    @property
    def end(self) -> date:
        """The last day inside the window (counted inclusively: the safer reading)."""
        return add_months(self.pelantikan, self.months_after)

    def contains(self, on: date) -> bool:
        return self.penetapan_paslon <= on <= self.end


def window_for(windows: tuple[ElectionWindow, ...], *dates: date) -> ElectionWindow | None:
    """The first window containing any of ``dates``, or None."""
    return next((w for w in windows if any(w.contains(d) for d in dates)), None)


def same_election(window: ElectionWindow, penetapan: date | None, pelantikan: date | None) -> bool:
    """Whether round dates belong to this window's election (within about a year of it)."""
    near = 400
    return ((penetapan is not None and abs((penetapan - window.penetapan_paslon).days) <= near)
            or (pelantikan is not None and abs((pelantikan - window.pelantikan).days) <= near))


def resolve_windows(office: tuple[ElectionWindow, ...], penetapan: date | None,
                    pelantikan: date | None, *, months_after: int = 6,
                    dasar: str = "") -> tuple[ElectionWindow, ...] | None:
    """The office's windows with the round's own dates put into the matching election.

    None when the round gives one date only and no office window is of the same election
    (the other date cannot be known).
    """
    if penetapan is None and pelantikan is None:
        return office
    windows = list(office)
    for i, w in enumerate(windows):
        if same_election(w, penetapan, pelantikan):
            windows[i] = ElectionWindow(w.nama, penetapan or w.penetapan_paslon,
                                        pelantikan or w.pelantikan, w.months_after, w.dasar)
            return tuple(windows)
    if penetapan is None or pelantikan is None:
        return None
    name = f"Pemilihan Kepala Daerah Tahun {penetapan.year}"
    return (*windows, ElectionWindow(name, penetapan, pelantikan, months_after, dasar))
