"""`naskah web` with a work pool (jalan.kolam_kerja) checks that the pool's deployment exists
on the shared Prefect server, with the server's API auth string like every other request."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from flows.errors import EngineError
from flows.web import server


class _Answer:
    def __enter__(self) -> _Answer:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def test_the_pool_deployment_check_sends_the_api_auth_string(monkeypatch):
    sent: list[urllib.request.Request] = []

    def urlopen(request, timeout=None):  # type: ignore[no-untyped-def]
        assert isinstance(request, urllib.request.Request), "sent without its headers"
        sent.append(request)
        if request.get_header("Authorization") is None:
            raise urllib.error.HTTPError(request.full_url, 401, "Unauthorized", {}, None)
        return _Answer()

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    monkeypatch.setenv("PREFECT_API_URL", "http://server-naskah:4200/api")
    monkeypatch.setenv("PREFECT_API_AUTH_STRING", "naskah:rahasia")
    server._wait_for_deployment(None, "naskah")
    assert sent[0].full_url.endswith("/deployments/name/putaran-web/naskah")
    assert sent[0].get_header("Authorization") == "Basic bmFza2FoOnJhaGFzaWE="


def test_a_missing_pool_deployment_is_said_in_indonesian(monkeypatch):
    def urlopen(request, timeout=None):  # type: ignore[no-untyped-def]
        raise urllib.error.HTTPError(getattr(request, "full_url", str(request)), 404,
                                     "Not Found", {}, None)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    monkeypatch.setenv("PREFECT_API_URL", "http://server-naskah:4200/api")
    with pytest.raises(EngineError, match="naskah deploy --pool naskah"):
        server._wait_for_deployment(None, "naskah")
