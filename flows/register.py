"""The numbering register: hands out each agenda number exactly once.

A number is allocated once per (kode_putaran, kind, nip) — ``nip`` is empty for the round's own
documents — inside one transaction, so reruns get the same number, a crash never loses or
repeats one, and concurrent processes never share one. Numbers are never reused.

Two implementations of ``NumberRegister``: ``Register`` (a SQLite file, one machine, the
default) and ``flows.register_pg.PgRegister`` (PostgreSQL, several machines), chosen by
``open_register`` from ``[penomoran] register``: a path or a ``postgresql://`` URL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flows.domain.numbering import Series
from flows.register_api import Allocation, NumberRegister, RegisterError, is_url, now
from flows.register_api import display as display  # importable from here too

BUSY_TIMEOUT_S = 60
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
    nomor TEXT NOT NULL,
    kode_klasifikasi TEXT,
    unit TEXT,
    tahun INTEGER,
    urut INTEGER,
    source TEXT NOT NULL CHECK (source IN ('register', 'workbook')),
    at TEXT NOT NULL,
    PRIMARY KEY (kode_putaran, kind, nip),
    UNIQUE (kode_klasifikasi, unit, tahun, urut)
);
CREATE UNIQUE INDEX IF NOT EXISTS allocation_nomor ON allocation (nomor);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY,
    kode_putaran TEXT NOT NULL,
    kind TEXT NOT NULL,
    nip TEXT NOT NULL,
    nomor TEXT NOT NULL,
    event TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


def open_register(location: Path | str) -> NumberRegister:
    """The register at ``location``: a SQLite file path, or a ``postgresql://`` URL."""
    if is_url(location):
        from flows.register_pg import PgRegister

        return PgRegister(str(location))
    return Register(Path(location))


@contextmanager
def opened_register(location: Path | str) -> Iterator[NumberRegister]:
    """The register at ``location`` (see ``open_register``), closed when the block ends,
    however it ends: a PostgreSQL register's connection is not left to the garbage
    collector (SQLite's are per transaction already)."""
    register = open_register(location)
    try:
        yield register
    finally:
        close = getattr(register, "close", None)
        if close is not None:
            close()


class Register:
    """A SQLite numbering register; safe across processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            if path.is_file() and path.stat().st_size == 0:
                # SQLite would take an empty file for a new register and number from 1 again.
                raise RegisterError(_damaged(path, "kosong (0 byte)"))
            path.parent.mkdir(parents=True, exist_ok=True)
            db = self._connect()
            try:
                db.executescript(SCHEMA)
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise RegisterError(f"Register nomor {path} sedang dipakai proses lain terlalu "
                                    "lama; tunggu sebentar lalu jalankan ulang.") from None
            raise RegisterError(_damaged(path, "rusak (bukan basis data register yang utuh)")
                                ) from None
        except OSError as exc:
            raise RegisterError(f"Register nomor {path} tidak dapat dibuka "
                                f"({exc.strerror or type(exc).__name__}). Periksa folder dan "
                                "izinnya, lalu jalankan ulang.") from None

    def allocate(self, key: tuple[str, str, str], series: Series,
                 render: Callable[[int], str]) -> Allocation:
        """The number of ``key``: the one it already has, or the next of ``series``.

        ``render(urut)`` writes the number from its sequence value.
        """
        with self._transaction() as db:
            row = db.execute("SELECT nomor, urut FROM allocation WHERE kode_putaran = ? AND "
                             "kind = ? AND nip = ?", key).fetchone()
            if row is not None:
                return Allocation(row[0], row[1], new=False)
            db.execute("INSERT OR IGNORE INTO series VALUES (?, ?, ?, 0)",
                       (series.kode_klasifikasi, series.register_unit, series.tahun))
            (urut,) = db.execute(
                "UPDATE series SET last_urut = last_urut + 1 WHERE kode_klasifikasi = ? AND "
                "unit = ? AND tahun = ? RETURNING last_urut",
                (series.kode_klasifikasi, series.register_unit, series.tahun)).fetchone()
            nomor = render(urut)
            self._insert(db, key, nomor, series, urut, "register")
            return Allocation(nomor, urut, new=True)

    def record_given(self, key: tuple[str, str, str], nomor: str) -> Allocation:
        """Record a number typed in the workbook for ``key``.

        A different number recorded earlier for the same key stays consumed (never reused);
        the change is kept in the history. A number already used by another key is refused.
        """
        with self._transaction() as db:
            other = db.execute("SELECT kode_putaran, kind, nip FROM allocation WHERE nomor = ?",
                               (nomor,)).fetchone()
            if other is not None and tuple(other) != key:
                raise RegisterError(
                    f'Nomor "{nomor}" sudah dipakai untuk {other[1]} putaran {other[0]}'
                    + (f" (NIP {other[2]})" if other[2] else "") + "; nomor tidak boleh ganda.")
            row = db.execute("SELECT nomor FROM allocation WHERE kode_putaran = ? AND kind = ? "
                             "AND nip = ?", key).fetchone()
            if row is not None and row[0] == nomor:
                return Allocation(nomor, None, new=False)
            if row is not None:
                db.execute("DELETE FROM allocation WHERE kode_putaran = ? AND kind = ? AND "
                           "nip = ?", key)
                self._history(db, key, row[0], "diganti nomor dari workbook")
            self._insert(db, key, nomor, None, None, "workbook")
            return Allocation(nomor, None, new=True)

    def numbers(self, kode_putaran: str) -> dict[tuple[str, str], str]:
        """Every number of a round by (kind, nip)."""
        db = self._connect()
        try:
            rows = db.execute("SELECT kind, nip, nomor FROM allocation WHERE kode_putaran = ?",
                              (kode_putaran,)).fetchall()
        finally:
            db.close()
        return {(kind, nip): nomor for kind, nip, nomor in rows}

    def _insert(self, db: sqlite3.Connection, key: tuple[str, str, str], nomor: str,
                series: Series | None, urut: int | None, source: str) -> None:
        try:
            db.execute(
                "INSERT INTO allocation VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*key, nomor, series and series.kode_klasifikasi, series and series.register_unit,
                 series and series.tahun, urut, source, _now()))
        except sqlite3.IntegrityError as exc:
            raise RegisterError(f'Nomor "{nomor}" sudah ada di register; pola penomoran '
                                "menghasilkan nomor yang sama untuk dua naskah.") from exc
        self._history(db, key, nomor, "dialokasikan" if source == "register" else "dari workbook")

    @staticmethod
    def _history(db: sqlite3.Connection, key: tuple[str, str, str], nomor: str,
                 event: str) -> None:
        db.execute("INSERT INTO history (kode_putaran, kind, nip, nomor, event, at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", (*key, nomor, event, _now()))

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        return db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            db = self._connect()
        except sqlite3.Error as exc:
            raise RegisterError(f"Register nomor {self.path} tidak dapat dibuka: {exc}") from exc
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            raise RegisterError(f"Register nomor {self.path} sedang dipakai terlalu lama atau "
                                f"rusak: {exc}") from exc
        except sqlite3.DatabaseError:
            raise RegisterError(_damaged(self.path, "rusak (bukan basis data register yang "
                                                    "utuh)")) from None
        finally:
            db.close()


def _damaged(path: Path, what: str) -> str:
    return (f"Register nomor {path} {what}. Jangan membuat register baru: nomor surat akan "
            f"mulai lagi dari 1 dan bisa ganda. Pulihkan register dari cadangan terakhir (salin "
            f"berkas cadangan ke {path}), lalu jalankan ulang. Bila tidak ada cadangan, hubungi "
            "admin sebelum menjalankan putaran apa pun.")


def _now() -> str:
    return now()
