"""What every numbering register is (the ``NumberRegister`` Protocol), its results and its
errors, and where one lives: shared by the SQLite register (flows.register) and the PostgreSQL
one (flows.register_pg), so neither imports the other's module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from flows.domain.numbering import Series
from flows.errors import EngineError


class RegisterError(EngineError):
    """The register cannot be used, or a number would be given twice."""


@dataclass(frozen=True, slots=True)
class Allocation:
    nomor: str
    urut: int | None
    """None for a number given in the workbook."""
    new: bool
    """False when this key already had this number (a rerun)."""


class NumberRegister(Protocol):
    """What the letters need of a register (SQLite or PostgreSQL)."""

    def allocate(self, key: tuple[str, str, str], series: Series,
                 render: Callable[[int], str]) -> Allocation: ...

    def record_given(self, key: tuple[str, str, str], nomor: str) -> Allocation: ...

    def numbers(self, kode_putaran: str) -> dict[tuple[str, str], str]: ...


URL_PREFIXES = ("postgresql://", "postgres://")


def is_url(location: Path | str) -> bool:
    """True for a PostgreSQL register (a URL), False for a SQLite file."""
    return isinstance(location, str) and location.startswith(URL_PREFIXES)


def display(location: Path | str) -> str:
    """The location for a message: a URL without its password."""
    if not is_url(location):
        return str(location)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(str(location))
    if parts.password is None:
        return str(location)
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def now() -> str:
    """The time a register records, in UTC."""
    return datetime.now(UTC).isoformat(timespec="seconds")
