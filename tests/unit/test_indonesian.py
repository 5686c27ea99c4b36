"""Indonesian formatting, checked against num2words and Babel as independent oracles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

from flows.domain import indonesian as fmt


@pytest.mark.parametrize(("n", "words"), [
    (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"),
    (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"), (100, "seratus"),
    (111, "seratus sebelas"), (200, "dua ratus"), (1000, "seribu"), (1011, "seribu sebelas"),
    (2024, "dua ribu dua puluh empat"), (2025, "dua ribu dua puluh lima"),
    (11000, "sebelas ribu"), (100000, "seratus ribu"), (1_000_000, "satu juta"),
    (1_001_000, "satu juta seribu"),
])
def test_terbilang(n, words):
    assert fmt.terbilang(n) == words


@given(st.integers(0, 999_999))
def test_terbilang_agrees_with_num2words_below_a_million(n):
    assert fmt.terbilang(n) == num2words(n, lang="id")


@given(st.integers(1_000_000, 10**13))
def test_terbilang_above_a_million_differs_only_in_seribu(n):
    # num2words writes 1.001.000 as "satu juta satu ribu"; Indonesian usage is "seribu".
    ours = fmt.terbilang(n)
    theirs = num2words(n, lang="id")
    assert ours.replace("seribu", "satu ribu") == theirs.replace("seribu", "satu ribu")


@given(st.dates(date(1950, 1, 1), date(2100, 12, 31)))
def test_dates_and_day_names_agree_with_babel(d):
    assert fmt.tanggal(d) == format_date(d, "d MMMM y", locale="id")
    assert fmt.hari(d) == format_date(d, "EEEE", locale="id")
    assert fmt.hari_tanggal(d) == format_date(d, "EEEE, d MMMM y", locale="id")


def test_date_forms_of_the_berita_acara():
    d = date(2024, 11, 11)
    assert (fmt.hari(d), fmt.terbilang(d.day), fmt.bulan(d), fmt.terbilang(d.year),
            fmt.tanggal_angka(d)) == ("Senin", "sebelas", "November",
                                      "dua ribu dua puluh empat", "11-11-2024")
    assert fmt.tanggal(date(2025, 8, 3)) == "3 Agustus 2025"


@pytest.mark.parametrize(("value", "text"), [
    ("82.5", "82,50"), ("82.505", "82,51"), ("100", "100,00"), ("1234.5", "1.234,50"),
    ("0", "0,00"),
])
def test_decimal_comma(value, text):
    assert fmt.desimal(D(value)) == text


def test_plain_numbers_and_counts():
    assert fmt.bilangan(D("40")) == "40"
    assert fmt.bilangan(D("12.50")) == "12,5"
    assert fmt.jumlah(5) == "5 (lima)"
    assert fmt.jumlah(12) == "12 (dua belas)"


@pytest.mark.parametrize(("n", "roman"), [(1, "I"), (4, "IV"), (9, "IX"), (11, "XI"),
                                          (12, "XII"), (2024, "MMXXIV")])
def test_roman_months(n, roman):
    assert fmt.romawi(n) == roman
