"""Shared fixtures: every test runs with the shipped rules, whatever the machine has."""

from __future__ import annotations

import pytest

from flows.domain.ruleset import RuleSet
from flows.settings import ENV_VAR, default_rules


@pytest.fixture(autouse=True)
def _no_office_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No NASKAH_SETTINGS from the developer's shell leaks into a test."""
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return default_rules()
