"""Final score, category, ranking and tenure: the arithmetic of rules.md."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.domain.dates import add_months
from flows.domain.models import Category, Thresholds, Weight
from flows.domain.scoring import (
    Tenure,
    category,
    competition_ranks,
    final_score,
    ranks_by_group,
    tenure,
)

DEFAULT = Thresholds(D(80), D(68))


def test_final_score_is_the_weighted_mean_rounded_half_up():
    weights = [Weight("nilai_a", D(40)), Weight("nilai_b", D(30)),
               Weight("nilai_c", D(20)), Weight("nilai_d", D(10))]
    scores = {"nilai_a": D(85), "nilai_b": D("72.5"), "nilai_c": D(90), "nilai_d": D(77)}
    # 34 + 21.75 + 18 + 7.7 = 81.45
    assert final_score(scores, weights) == D("81.45")


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("80.005", "80.005", "80.01"),   # half-up, not banker's rounding (which gives 80.00)
    ("80.015", "80.015", "80.02"),
    ("80.0049", "80.0049", "80.00"),
    ("0", "0", "0.00"),
    ("100", "100", "100.00"),
])
def test_rounding_is_half_up_to_two_decimals(a, b, expected):
    weights = [Weight("nilai_a", D(50)), Weight("nilai_b", D(50))]
    assert str(final_score({"nilai_a": D(a), "nilai_b": D(b)}, weights)) == expected


def test_scores_that_are_floats_in_excel_do_not_drift():
    # 0.1 + 0.2 in binary floating point is 0.30000000000000004
    weights = [Weight("nilai_a", D("33.3")), Weight("nilai_b", D("66.7"))]
    scores = {"nilai_a": D(repr(72.1)), "nilai_b": D(repr(80.3))}
    assert final_score(scores, weights) == D("77.57")


@pytest.mark.parametrize(("score", "expected"), [
    ("100", Category.BAIK), ("80.00", Category.BAIK), ("79.99", Category.CUKUP),
    ("68.00", Category.CUKUP), ("67.99", Category.KURANG), ("0", Category.KURANG),
])
def test_category_boundaries(score, expected):
    assert category(D(score), DEFAULT) is expected


def test_category_follows_the_round_thresholds():
    strict = Thresholds(D(85), D(70))
    assert category(D("84.99"), strict) is Category.CUKUP
    assert category(D("69.99"), strict) is Category.KURANG


@pytest.mark.parametrize(("scores", "ranks"), [
    ([], []),
    (["90"], [1]),
    (["90", "85", "85", "80"], [1, 2, 2, 4]),
    (["80", "85", "90", "85"], [4, 2, 1, 2]),
    (["70", "70", "70"], [1, 1, 1]),
    (["85.01", "85.00", "85.01"], [1, 3, 1]),
])
def test_competition_ranking_shares_ranks_on_ties(scores, ranks):
    assert competition_ranks([D(s) for s in scores]) == ranks


def test_ranks_by_group_rank_each_post_on_its_own():
    scores = [D(80), D(90), D(85), D(70), D(85)]
    groups = ["A", "B", "A", "B", "A"]
    assert ranks_by_group(scores, groups) == [3, 1, 1, 2, 1]


@pytest.mark.parametrize(("start", "at", "months", "text"), [
    (date(2019, 11, 11), date(2024, 11, 11), 60, "5 tahun"),
    (date(2019, 11, 12), date(2024, 11, 11), 59, "4 tahun 11 bulan"),
    (date(2022, 11, 11), date(2024, 11, 11), 24, "2 tahun"),
    (date(2022, 11, 12), date(2024, 11, 11), 23, "1 tahun 11 bulan"),
    (date(2020, 4, 1), date(2024, 11, 11), 55, "4 tahun 7 bulan"),
    (date(2024, 11, 11), date(2024, 11, 11), 0, "0 bulan"),
    (date(2024, 1, 31), date(2024, 2, 29), 1, "1 bulan"),
    (date(2024, 1, 31), date(2024, 2, 28), 0, "0 bulan"),
    (date(2020, 2, 29), date(2025, 2, 28), 60, "5 tahun"),
])
def test_tenure_counts_whole_months(start, at, months, text):
    result = tenure(start, at)
    assert result == Tenure(months)
    assert str(result) == text


def test_tenure_refuses_an_end_before_the_start():
    with pytest.raises(ValueError):
        tenure(date(2024, 1, 2), date(2024, 1, 1))


@given(st.dates(date(1960, 1, 1), date(2090, 1, 1)), st.integers(0, 20_000))
def test_tenure_is_the_largest_whole_number_of_months(start, days):
    at = date.fromordinal(start.toordinal() + days)
    months = tenure(start, at).total_months
    assert add_months(start, months) <= at < add_months(start, months + 1)
