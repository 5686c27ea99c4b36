"""Dates in every form the workbook contract allows, and nothing else."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.domain.dates import MONTHS, add_months, parse_date
from flows.domain.values import ValueProblem


@pytest.mark.parametrize(("value", "expected"), [
    (datetime(2024, 11, 11, 0, 0), date(2024, 11, 11)),
    (date(2024, 11, 11), date(2024, 11, 11)),
    (45607, date(2024, 11, 11)),
    (45607.75, date(2024, 11, 11)),
    ("11/11/2024", date(2024, 11, 11)),
    ("1/2/2024", date(2024, 2, 1)),
    ("11-11-2024", date(2024, 11, 11)),
    ("11 November 2024", date(2024, 11, 11)),
    ("11 november 2024", date(2024, 11, 11)),
    (" 3  Agustus   2025 ", date(2025, 8, 3)),
    ("3 Nopember 2020", date(2020, 11, 3)),
    ("3 Pebruari 2020", date(2020, 2, 3)),
    ("17 Agt 2025", date(2025, 8, 17)),
    ("2024-11-11", date(2024, 11, 11)),
])
def test_accepted_forms(value, expected):
    assert parse_date(value) == expected


def test_serial_numbers_follow_the_1904_system_when_the_workbook_does():
    assert parse_date(44145, date1904=True) == date(2024, 11, 11)


@pytest.mark.parametrize(("value", "words"), [
    ("31/02/2024", "tidak ada di kalender"),
    ("11/13/2024", "tidak ada di kalender"),
    ("11 Novembre 2024", "nama bulan"),
    ("kemarin", "bukan tanggal"),
    ("11/11/24", "bukan tanggal"),
    ("11/11-2024", "bukan tanggal"),
    ("2024", "bukan tanggal"),
    (2024, "rentang wajar"),
    (True, "bukan tanggal"),
    (0, "nomor seri"),
    (-5, "nomor seri"),
    (float("nan"), "nomor seri"),
    (date(1900, 1, 1), "rentang wajar"),
])
def test_rejected_values_say_why(value, words):
    with pytest.raises(ValueProblem) as caught:
        parse_date(value)
    assert words in caught.value.reason
    assert "11 November 2024" in (caught.value.expected or "")


in_range = st.dates(date(1950, 1, 1), date(2100, 12, 31))


@given(in_range)
def test_every_text_form_of_a_date_reads_back(d):
    forms = [
        f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}", f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        f"{d.day} {MONTHS[d.month - 1].upper()} {d.year}",
    ]
    for form in forms:
        assert parse_date(form) == d, form


@given(in_range)
def test_excel_serial_numbers_read_back(d):
    serial = (d - date(1899, 12, 30)).days
    assert parse_date(serial) == d
    assert parse_date(float(serial) + 0.5) == d
    assert parse_date(datetime(d.year, d.month, d.day, 13, 45)) == d


@given(st.dates(date(1950, 1, 1), date(2090, 12, 31)), st.integers(0, 120))
def test_add_months_never_overshoots_and_keeps_the_day_when_it_can(start, months):
    moved = add_months(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day <= start.day
    if moved.day < start.day:  # clamped: the last day of a shorter month
        assert (moved + timedelta(days=1)).day == 1
