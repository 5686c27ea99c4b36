"""Final score, category, ranking and time in post."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from flows.domain.dates import add_months
from flows.domain.models import Category, Thresholds, Weight

CENT = Decimal("0.01")


def final_score(scores: Mapping[str, Decimal], weights: Iterable[Weight]) -> Decimal:
    """Σ(weight × score) / 100, rounded half-up to 2 decimals."""
    total = sum((w.percent * scores[w.component] for w in weights), Decimal(0))
    return (total / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def category(score: Decimal, thresholds: Thresholds) -> Category:
    """Baik at or above batas_baik, Cukup at or above batas_cukup, else Kurang."""
    if score >= thresholds.baik:
        return Category.BAIK
    if score >= thresholds.cukup:
        return Category.CUKUP
    return Category.KURANG


def competition_ranks(scores: Sequence[Decimal]) -> list[int]:
    """Ranks for scores in input order, highest first, ties sharing a rank (1, 2, 2, 4)."""
    return [1 + sum(1 for other in scores if other > score) for score in scores]


def ranks_by_group(scores: Sequence[Decimal], groups: Sequence[object]) -> list[int]:
    """Competition ranks computed separately within each group (same order as input)."""
    ranks = [0] * len(scores)
    for group in dict.fromkeys(groups):
        members = [i for i, g in enumerate(groups) if g == group]
        for i, rank in zip(members, competition_ranks([scores[i] for i in members]), strict=True):
            ranks[i] = rank
    return ranks


@dataclass(frozen=True, slots=True, order=True)
class Tenure:
    """Whole years and months in post."""

    total_months: int

    @property
    def years(self) -> int:
        return self.total_months // 12

    @property
    def months(self) -> int:
        return self.total_months % 12

    def at_least_years(self, years: int) -> bool:
        return self.total_months >= years * 12

    def __str__(self) -> str:
        if self.years == 0:
            return f"{self.months} bulan"
        if self.months == 0:
            return f"{self.years} tahun"
        return f"{self.years} tahun {self.months} bulan"


def tenure(start: date, at: date) -> Tenure:
    """Whole months from ``start`` to ``at``: the largest n with start + n months ≤ at.

    A start on the 31st or on 29 February counts its monthly anniversary on the last day of
    shorter months. ``at`` before ``start`` is a ValueError: the caller checks the order.
    """
    if at < start:
        raise ValueError("tenure end before start")
    months = (at.year - start.year) * 12 + at.month - start.month
    if add_months(start, months) > at:
        months -= 1
    return Tenure(months)
