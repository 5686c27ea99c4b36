"""Prefect's sync-or-async functions, typed as what synchronous code gets from them."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def synchronous(result: T | Coroutine[Any, Any, T]) -> T:
    """The value of a Prefect call made outside an event loop.

    Prefect's ``async_dispatch`` (``run_deployment``, ``Flow.to_deployment``,
    ``RunInput.load`` …) is typed as returning the value or a coroutine; called from
    synchronous code it returns the value, which this checks and narrows to.
    """
    if isinstance(result, Coroutine):
        result.close()
        raise TypeError("a Prefect call made from synchronous code returned a coroutine")
    return result
