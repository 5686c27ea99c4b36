"""flows.dispatched.synchronous: a Prefect sync-or-async call narrowed to its value."""

from __future__ import annotations

import warnings

import pytest

from flows.dispatched import synchronous


def test_a_value_passes_through_unchanged():
    value = object()
    assert synchronous(value) is value
    assert synchronous(None) is None


def test_a_coroutine_is_refused_and_closed():
    async def deployment() -> str:
        return "never"

    coroutine = deployment()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "coroutine ... was never awaited" would be a warning
        with pytest.raises(TypeError, match="coroutine"):
            synchronous(coroutine)
    assert coroutine.cr_frame is None  # closed, not left pending
