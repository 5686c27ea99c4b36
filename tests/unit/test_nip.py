"""NIP parsing: 18 digits encoding birth date, TMT CPNS, sex and serial."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.domain.nip import nip_problems, parse_nip
from flows.domain.values import ValueProblem


def test_a_nip_typed_with_spaces_is_read_as_its_digits():
    nip = parse_nip("19700101 199503 1 001")
    assert nip.digits == "197001011995031001"
    assert nip.birth_date == date(1970, 1, 1)
    assert (nip.cpns_year, nip.cpns_month) == (1995, 3)
    assert nip.sex == "pria"
    assert nip.serial == "001"


def test_display_groups_the_digits_8_6_1_3():
    assert parse_nip("196804111993032009").display() == "19680411 199303 2 009"


@pytest.mark.parametrize(("raw", "words"), [
    ("19700101199503100", ["18 digit", "ditemukan 17"]),
    ("1970010119950310011", ["ditemukan 19"]),
    ("19700101-199503-1-001", ["angka saja"]),
    ("1970O1011995031001", ["angka saja"]),
    ("19701301 199503 1 001", ["digit 1–8", "tanggal lahir"]),
    ("19700230 199503 1 001", ["tanggal lahir"]),
    ("19700101 199513 1 001", ["digit 13–14", "bulan TMT CPNS"]),
    ("19700101 199500 1 001", ["bulan TMT CPNS"]),
    ("19700101 199503 3 001", ["digit 15", "1 (pria) atau 2 (wanita)"]),
    ("19700101 199503 1 000", ["nomor urut", "000"]),
    ("19700601 198805 1 001", ["kurang dari 18 tahun"]),
])
def test_each_structural_fault_is_named(raw, words):
    problems = nip_problems(raw)
    assert problems, raw
    text = " ".join(p.reason for p in problems)
    for word in words:
        assert word in text
    with pytest.raises(ValueProblem):
        parse_nip(raw)


def test_every_fault_of_one_nip_is_reported_not_only_the_first():
    reasons = [p.reason for p in nip_problems("19701340 199513 3 000")]
    assert len(reasons) == 4


def test_cpns_exactly_eighteen_years_after_the_birth_month_is_accepted():
    assert nip_problems("19700615 198806 1 001") == []
    assert nip_problems("19700615 198805 1 001") != []


nips = st.builds(
    lambda birth, years, month, sex, serial: (
        f"{birth:%Y%m%d}{birth.year + years:04d}{month:02d}{sex}{serial:03d}"),
    st.dates(date(1950, 1, 1), date(2005, 12, 31)),
    st.integers(19, 40), st.integers(1, 12), st.sampled_from([1, 2]), st.integers(1, 999),
)


@given(nips)
def test_any_well_formed_nip_parses_and_displays_back(digits):
    nip = parse_nip(digits)
    assert nip.digits == digits
    assert nip.display().replace(" ", "") == digits
    assert parse_nip(nip.display()) == nip


@given(nips, st.lists(st.integers(0, 18), max_size=6))
def test_spaces_anywhere_do_not_matter(digits, positions):
    spaced = digits
    for pos in sorted(positions, reverse=True):
        spaced = spaced[:pos] + " " + spaced[pos:]
    assert parse_nip(spaced).digits == digits


@given(st.text(alphabet="0123456789", min_size=1, max_size=30).filter(lambda s: len(s) != 18))
def test_any_other_length_is_rejected_with_the_count(digits):
    problems = nip_problems(digits)
    assert len(problems) == 1
    assert f"ditemukan {len(digits)}" in problems[0].reason
