"""The numbering register and the round lock on PostgreSQL, for several machines.

Numbers are gap-free without sequences (``nextval`` is not rolled back): the series row is
locked (``SELECT … FOR UPDATE``) in the same transaction that raises its counter and records
the allocation, so concurrent allocators of one series wait for each other, a rollback undoes
the increment, and a rerun finds its key's number after the lock (a fresh snapshot under
READ COMMITTED). The round lock is a session advisory lock: PostgreSQL releases it when the
holder's connection ends, so a dead machine's lock goes with its session (TCP keepalives make
the server notice a vanished host).
"""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flows.domain.numbering import Series
from flows.register_api import Allocation, RegisterError, display, now

LOCK_TIMEOUT = "60s"
KEEPALIVES: dict[str, Any] = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10,
              "keepalives_count": 3}
"""A vanished host's session (and its round lock) dies within about a minute."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS series (
    kode_klasifikasi TEXT NOT NULL,
    unit TEXT NOT NULL,
    tahun INTEGER NOT NULL,
    last_urut INTEGER NOT NULL,
    PRIMARY KEY (kode_klasifikasi, unit, tahun)
);
CREATE TABLE IF NOT EXISTS allocation (
    kode_putaran TEXT NOT NULL,
    kind TEXT NOT NULL,
    nip TEXT NOT NULL,
    nomor TEXT NOT NULL UNIQUE,
    kode_klasifikasi TEXT,
    unit TEXT,
    tahun INTEGER,
    urut INTEGER,
    source TEXT NOT NULL CHECK (source IN ('register', 'workbook')),
    at TEXT NOT NULL,
    PRIMARY KEY (kode_putaran, kind, nip),
    UNIQUE (kode_klasifikasi, unit, tahun, urut)
);
CREATE TABLE IF NOT EXISTS history (
    id BIGSERIAL PRIMARY KEY,
    kode_putaran TEXT NOT NULL,
    kind TEXT NOT NULL,
    nip TEXT NOT NULL,
    nomor TEXT NOT NULL,
    event TEXT NOT NULL,
    at TEXT NOT NULL
);
"""
SCHEMA_LOCK = 0x6E61736B6168  # "naskah": serializes the CREATE TABLEs of concurrent first uses


def application_name() -> str:
    """Who holds a connection, as pg_stat_activity shows it (and the busy message)."""
    return f"naskah {socket.gethostname()} PID {os.getpid()}"[:63]


def connect(url: str, autocommit: bool = False) -> Any:
    """A connection with keepalives and naskah's name; RegisterError if it cannot be made."""
    import psycopg

    try:
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=20,
                               application_name=application_name(), **KEEPALIVES)
    except psycopg.Error as exc:
        raise RegisterError(f"Register nomor {display(url)} tidak dapat dihubungi: "
                            f"{_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class PgRegister:
    """A PostgreSQL numbering register; safe across processes and machines."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self._lock = threading.Lock()
        self._db: Any = None
        try:
            with self._transaction() as db:
                db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                db.execute(SCHEMA)
        except psycopg.Error as exc:
            raise RegisterError(f"Register nomor {display(url)} tidak dapat dibuka: "
                                f"{_first_line(exc)}") from None

    def allocate(self, key: tuple[str, str, str], series: Series,
                 render: Callable[[int], str]) -> Allocation:
        """The number of ``key``: the one it already has, or the next of ``series``."""
        s = (series.kode_klasifikasi, series.register_unit, series.tahun)
        with self._transaction() as db:
            db.execute("INSERT INTO series VALUES (%s, %s, %s, 0) ON CONFLICT DO NOTHING", s)
            db.execute("SELECT last_urut FROM series WHERE kode_klasifikasi = %s AND unit = %s "
                       "AND tahun = %s FOR UPDATE", s)
            # After the lock: a concurrent allocator of this key has committed or rolled back.
            row = db.execute("SELECT nomor, urut FROM allocation WHERE kode_putaran = %s AND "
                             "kind = %s AND nip = %s", key).fetchone()
            if row is not None:
                return Allocation(row[0], row[1], new=False)
            (urut,) = db.execute(
                "UPDATE series SET last_urut = last_urut + 1 WHERE kode_klasifikasi = %s AND "
                "unit = %s AND tahun = %s RETURNING last_urut", s).fetchone()
            nomor = render(urut)
            self._insert(db, key, nomor, series, urut, "register")
            return Allocation(nomor, urut, new=True)

    def record_given(self, key: tuple[str, str, str], nomor: str) -> Allocation:
        """Record a number typed in the workbook (see ``Register.record_given``)."""
        with self._transaction() as db:
            # One writer of workbook numbers at a time, so two keys never take one number.
            db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK + 1,))
            other = db.execute("SELECT kode_putaran, kind, nip FROM allocation WHERE "
                               "nomor = %s", (nomor,)).fetchone()
            if other is not None and tuple(other) != key:
                raise RegisterError(
                    f'Nomor "{nomor}" sudah dipakai untuk {other[1]} putaran {other[0]}'
                    + (f" (NIP {other[2]})" if other[2] else "") + "; nomor tidak boleh ganda.")
            row = db.execute("SELECT nomor FROM allocation WHERE kode_putaran = %s AND "
                             "kind = %s AND nip = %s", key).fetchone()
            if row is not None and row[0] == nomor:
                return Allocation(nomor, None, new=False)
            if row is not None:
                db.execute("DELETE FROM allocation WHERE kode_putaran = %s AND kind = %s AND "
                           "nip = %s", key)
                _history(db, key, row[0], "diganti nomor dari workbook")
            self._insert(db, key, nomor, None, None, "workbook")
            return Allocation(nomor, None, new=True)

    def numbers(self, kode_putaran: str) -> dict[tuple[str, str], str]:
        """Every number of a round by (kind, nip)."""
        with self._transaction() as db:
            rows = db.execute("SELECT kind, nip, nomor FROM allocation WHERE "
                              "kode_putaran = %s", (kode_putaran,)).fetchall()
        return {(kind, nip): nomor for kind, nip, nomor in rows}

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    @staticmethod
    def _insert(db: Any, key: tuple[str, str, str], nomor: str, series: Series | None,
                urut: int | None, source: str) -> None:
        import psycopg

        try:
            with db.transaction():  # a savepoint: the message below, not an aborted transaction
                db.execute(
                    "INSERT INTO allocation VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (*key, nomor, series and series.kode_klasifikasi,
                     series and series.register_unit, series and series.tahun, urut, source,
                     _now()))
        except psycopg.errors.UniqueViolation:
            raise RegisterError(f'Nomor "{nomor}" sudah ada di register; pola penomoran '
                                "menghasilkan nomor yang sama untuk dua naskah.") from None
        _history(db, key, nomor, "dialokasikan" if source == "register" else "dari workbook")

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """One transaction on this register's connection (one at a time per instance)."""
        import psycopg

        with self._lock:
            try:
                if self._db is None or self._db.closed:
                    self._db = connect(self.url)
                    self._db.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
                    self._db.commit()
                db = self._db
                with db.transaction():
                    yield db
            except psycopg.OperationalError as exc:
                if self._db is not None:
                    self._db.close()
                    self._db = None
                raise RegisterError(f"Register nomor {display(self.url)} tidak dapat dipakai: "
                                    f"{_first_line(exc)}") from None


def _history(db: Any, key: tuple[str, str, str], nomor: str, event: str) -> None:
    db.execute("INSERT INTO history (kode_putaran, kind, nip, nomor, event, at) "
               "VALUES (%s, %s, %s, %s, %s, %s)", (*key, nomor, event, _now()))


def _now() -> str:
    return now()


# --- the round lock ------------------------------------------------------------------------

def lock_key(kode_putaran: str) -> int:
    """The advisory lock's 64-bit key of a round (no collisions in practice, unlike hashtext)."""
    digest = hashlib.sha256(f"naskah-putaran:{kode_putaran}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def advisory_round_lock(url: str, kode_putaran: str, wait_s: float = 0) -> Iterator[None]:
    """Hold the round's advisory lock on its own session for the duration (pauses included).

    RoundBusy when another session (on any machine) holds it, after trying for ``wait_s``
    seconds. The lock goes with the session: when this process dies, or its host vanishes
    (keepalives), PostgreSQL frees it.
    """
    import time

    from flows.errors import RoundBusy

    key = lock_key(kode_putaran)
    db = connect(url, autocommit=True)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            (got,) = db.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            if got or time.monotonic() >= deadline:
                break
            time.sleep(2)
        if not got:
            holder = _holder(db, key) or "mesin lain"
            raise RoundBusy(f"Putaran {kode_putaran} sedang diproses ({holder}). Tunggu sampai "
                            "selesai, lalu jalankan lagi.")
        yield
    finally:
        db.close()  # ends the session: the lock is released with it


def _holder(db: Any, key: int) -> str | None:
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    row = db.execute(
        "SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a "
        "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s "
        "AND l.objid = %s AND l.objsubid = 1",
        (unsigned >> 32, unsigned & 0xFFFFFFFF)).fetchone()
    if row is None:
        return None
    name, since = row
    return f"{name}, mulai {since.astimezone():%d/%m/%Y %H:%M}"


# --- moving an office's SQLite register to PostgreSQL --------------------------------------

def export_sqlite(source: Path, url: str) -> dict[str, int]:
    """Copy every series, allocation and history row of a SQLite register into an empty
    PostgreSQL register, numbers unchanged; one transaction (all or nothing).

    Refused (RegisterError) when the target already holds an allocation: two registers are
    never merged, since a number could then be given twice.
    """
    if not source.is_file():
        raise RegisterError(f"Register SQLite {source} tidak ditemukan.")
    try:
        lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            series = lite.execute("SELECT kode_klasifikasi, unit, tahun, last_urut "
                                  "FROM series").fetchall()
            allocations = lite.execute(
                "SELECT kode_putaran, kind, nip, nomor, kode_klasifikasi, unit, tahun, urut, "
                "source, at FROM allocation").fetchall()
            history = lite.execute("SELECT kode_putaran, kind, nip, nomor, event, at FROM "
                                   "history ORDER BY id").fetchall()
        finally:
            lite.close()
    except sqlite3.Error as exc:
        raise RegisterError(f"Register SQLite {source} tidak dapat dibaca: {exc}") from None
    target = PgRegister(url)
    try:
        with target._transaction() as db:
            db.execute("LOCK TABLE series, allocation, history IN EXCLUSIVE MODE")
            (count,) = db.execute("SELECT count(*) FROM allocation").fetchone()
            if count:
                raise RegisterError(f"Register {display(url)} sudah berisi {count} nomor; "
                                    "ekspor hanya ke register yang masih kosong.")
            with db.cursor() as cur:
                cur.executemany("INSERT INTO series VALUES (%s, %s, %s, %s) ON CONFLICT "
                                "(kode_klasifikasi, unit, tahun) DO UPDATE SET last_urut = "
                                "GREATEST(series.last_urut, EXCLUDED.last_urut)", series)
                cur.executemany("INSERT INTO allocation VALUES (%s, %s, %s, %s, %s, %s, %s, "
                                "%s, %s, %s)", allocations)
                cur.executemany("INSERT INTO history (kode_putaran, kind, nip, nomor, event, "
                                "at) VALUES (%s, %s, %s, %s, %s, %s)", history)
    finally:
        target.close()
    return {"series": len(series), "allocation": len(allocations), "history": len(history)}
