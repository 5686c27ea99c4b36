"""Shared fixtures: every test runs with the shipped rules, whatever the machine has."""

from __future__ import annotations

import os

import pytest

from flows.domain.ruleset import RuleSet
from flows.settings import ENV_VAR, default_rules

os.environ["NASKAH_SERVER_LATAR_MENIT"] = "0"
"""Every `naskah run` of the tests (and their subprocesses) starts a private Prefect server
and stops it, whatever the developer's shell says: a background server would outlive the
test's temporary Prefect home. The tests of the background server set their own value
(tests/e2e/test_first_letter.py, tests/integration/test_background_server.py)."""


@pytest.fixture(autouse=True)
def _no_office_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No NASKAH_SETTINGS from the developer's shell leaks into a test."""
    monkeypatch.delenv(ENV_VAR, raising=False)


PROCESS_WIDE = ("PREFECT_API_URL", "PREFECT_API_AUTH_STRING", "NASKAH_URL_PUBLIK")
"""Variables naskah sets in its own process (the embedded server's address and credentials,
the desk's address): a test that starts one in-process must not leave them to later tests,
whose subprocesses would talk to a server that is gone."""


@pytest.fixture(autouse=True)
def _process_wide_variables_restored():
    import os

    saved = {name: os.environ.get(name) for name in PROCESS_WIDE}
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="module")
def harness():  # type: ignore[no-untyped-def]
    """Prefect's test server for the in-process flow runs of one test module."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return default_rules()


def require_program(name: str) -> None:
    """Skip without ``name`` on a developer's machine; fail in CI, where it must be installed."""
    import os
    import shutil

    if shutil.which(name) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; scripts/install.sh --dev installs it")
        pytest.skip(f"{name} is not installed (run scripts/install.sh --dev)")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output (review the diff)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def postgres():  # type: ignore[no-untyped-def]
    """A throwaway PostgreSQL cluster for the whole session (tests/postgres.py)."""
    from tests.postgres import Cluster, require

    require()
    with Cluster() as cluster:
        yield cluster
    assert not cluster.server_pids(), "PostgreSQL processes left behind"


@pytest.fixture
def pg_url(postgres, request: pytest.FixtureRequest) -> str:  # type: ignore[no-untyped-def]
    """A fresh database of the session cluster, for one test."""
    import re

    name = re.sub(r"[^a-z0-9_]", "_", request.node.name.lower())[:50]
    return postgres.create_database(name)
