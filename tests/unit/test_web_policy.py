"""The desk's pure rules: roles, the approver's sample, passwords."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.web.policy import (
    Action,
    Role,
    may,
    parse_roles,
    password_problem,
    review_sample,
)


def test_only_approvers_and_admins_may_approve_and_only_operators_and_admins_upload():
    assert may({Role.PENYETUJU}, Action.APPROVE) and not may({Role.OPERATOR}, Action.APPROVE)
    assert not may({Role.AUDITOR}, Action.APPROVE)
    assert may({Role.OPERATOR}, Action.UPLOAD) and not may({Role.PENYETUJU}, Action.UPLOAD)
    assert may({Role.AUDITOR}, Action.VERIFY) and not may({Role.OPERATOR}, Action.VERIFY)
    assert all(may({role}, Action.READ) for role in Role)
    assert all(may({Role.ADMIN}, action) for action in Action)
    assert not may(set(), Action.READ)


def test_roles_are_parsed_from_a_comma_list_with_clear_errors():
    assert parse_roles("operator, Penyetuju") == {Role.OPERATOR, Role.PENYETUJU}
    with pytest.raises(ValueError, match="tidak dikenal"):
        parse_roles("operator,bupati")
    with pytest.raises(ValueError, match="Paling sedikit"):
        parse_roles(" , ")


kinds = st.lists(st.sampled_from(["sk_tim", "berita_acara", "undangan", "pemberitahuan_hasil"]),
                 min_size=1, max_size=60)


@given(kinds, st.integers(1, 4), st.text(max_size=10))
def test_the_sample_has_each_kind_up_to_the_count_and_is_repeatable(found, per_kind, seed):
    sample = review_sample(found, per_kind, seed)
    assert sample == review_sample(found, per_kind, seed) == sorted(set(sample))
    for kind in set(found):
        chosen = [i for i in sample if found[i] == kind]
        assert len(chosen) == min(per_kind, found.count(kind))


@pytest.mark.parametrize(("password", "problem"), [
    ("pendek", "paling sedikit"), ("ani-rahasia-2024", "nama akun"),
    ("aaaaaaaaaaaa", "mudah ditebak"), ("kopi-tubruk-pagi-9", None),
])
def test_password_rules(password, problem):
    found = password_problem(password, "ani")
    assert (found is None) if problem is None else (problem in found)
