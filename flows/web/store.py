"""The desk's SQLite database: accounts, sessions, failed logins, rounds, letter views and
the audit log. One short connection per call; WAL, so pages read while a run writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from flows.web.policy import Role

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY, full_name TEXT NOT NULL, password_hash TEXT NOT NULL,
    roles TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, csrf TEXT NOT NULL,
    created_at REAL NOT NULL, seen_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS login_failures (at REAL NOT NULL, username TEXT NOT NULL,
    address TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT, upload TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL, kode_putaran TEXT NOT NULL, nama_putaran TEXT NOT NULL,
    state TEXT NOT NULL, flow_run_id TEXT, message TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
    round_id INTEGER NOT NULL, upload TEXT NOT NULL, file_name TEXT NOT NULL,
    created_by TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS views (
    round_id INTEGER NOT NULL, flow_run_id TEXT NOT NULL, username TEXT NOT NULL,
    document INTEGER NOT NULL, PRIMARY KEY (round_id, flow_run_id, username, document));
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, username TEXT NOT NULL,
    action TEXT NOT NULL, round_id INTEGER, detail TEXT NOT NULL DEFAULT '');
"""

_DAY_S = 24 * 3600
_HASHER = PasswordHasher()  # argon2id with the library's current parameters
_DUMMY_HASH = _HASHER.hash("naskah-dummy-password")


def now_text() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class User:
    username: str
    full_name: str
    roles: frozenset[Role]
    active: bool


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    csrf: str


@dataclass(frozen=True, slots=True)
class RoundRow:
    id: int
    upload: str
    file_name: str
    kode_putaran: str
    nama_putaran: str
    state: str
    flow_run_id: str | None
    message: str
    created_by: str
    created_at: str


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One workbook uploaded for a round (the first, then each correction)."""

    number: int
    file_name: str
    created_by: str
    created_at: str


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: str
    username: str
    action: str
    round_id: int | None
    detail: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
        finally:
            db.close()

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    # --- accounts ------------------------------------------------------------------------
    def add_user(self, username: str, full_name: str, password: str,
                 roles: frozenset[Role]) -> None:
        """ValueError (Indonesian) if the account exists."""
        with self._db() as db:
            if db.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
                raise ValueError(f"Akun {username} sudah ada.")
            db.execute("INSERT INTO users VALUES (?, ?, ?, ?, 1, ?)",
                       (username, full_name, _HASHER.hash(password),
                        ",".join(sorted(roles)), now_text()))

    def set_password(self, username: str, password: str) -> None:
        with self._db() as db:
            db.execute("UPDATE users SET password_hash = ? WHERE username = ?",
                       (_HASHER.hash(password), username))
            db.execute("DELETE FROM sessions WHERE username = ?", (username,))

    def set_active(self, username: str, active: bool) -> None:
        with self._db() as db:
            db.execute("UPDATE users SET active = ? WHERE username = ?", (int(active), username))
            if not active:
                db.execute("DELETE FROM sessions WHERE username = ?", (username,))

    def users(self) -> list[User]:
        with self._db() as db:
            return [_user(r) for r in db.execute("SELECT * FROM users ORDER BY username")]

    def user(self, username: str) -> User | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        return _user(row) if row else None

    def check_password(self, username: str, password: str) -> User | None:
        """The active user with this password, or None (in about the same time either way)."""
        with self._db() as db:
            row = db.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        stored = row["password_hash"] if row else _DUMMY_HASH
        try:
            _HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or not row["active"]:
            return None
        if _HASHER.check_needs_rehash(stored):
            self.set_password(username, password)
        return _user(row)

    # --- failed logins -------------------------------------------------------------------
    def record_failure(self, username: str, address: str) -> None:
        with self._db() as db:
            db.execute("INSERT INTO login_failures VALUES (?, ?, ?)",
                       (time.time(), username.lower(), address))

    def recent_failures(self, username: str, address: str, window_s: int) -> int:
        """Failed logins in the window for this account or from this address, whichever
        is more."""
        since = time.time() - window_s
        with self._db() as db:
            db.execute("DELETE FROM login_failures WHERE at < ?", (since,))
            by_user = db.execute("SELECT COUNT(*) FROM login_failures WHERE username = ?",
                                 (username.lower(),)).fetchone()[0]
            by_address = db.execute("SELECT COUNT(*) FROM login_failures WHERE address = ?",
                                    (address,)).fetchone()[0]
        return max(by_user, by_address)

    def begin_attempt(self, username: str, address: str, limit: int, pause_s: int) -> float:
        """Reserve one login attempt for this account, atomically: 0 when it may go on (it
        counts as a failure until ``clear_failures``), else the seconds to wait. After
        ``limit`` failures the account waits ``pause_s``, doubling with each further failure
        (at most a day). Only the account is throttled: failures for one name never hold
        back another account, whatever address they come from."""
        now = time.time()
        name = username.lower()
        with self._db() as db:
            db.execute("DELETE FROM login_failures WHERE at < ?", (now - _DAY_S,))
            times = [row[0] for row in db.execute(
                "SELECT at FROM login_failures WHERE username = ? ORDER BY at", (name,))]
            if len(times) >= limit:
                wait = min(pause_s * 2 ** min(len(times) - limit, 16), _DAY_S)
                remaining = times[-1] + wait - now
                if remaining > 0:
                    return remaining
            db.execute("INSERT INTO login_failures VALUES (?, ?, ?)", (now, name, address))
        return 0.0

    def clear_failures(self, username: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM login_failures WHERE username = ?", (username.lower(),))

    # --- sessions ------------------------------------------------------------------------
    def new_session(self, username: str) -> str:
        """A fresh session; returns the token for the cookie (only its hash is stored)."""
        token = secrets.token_urlsafe(32)
        with self._db() as db:
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                       (_token_hash(token), username, secrets.token_urlsafe(32), time.time(),
                        time.time()))
        return token

    def session(self, token: str, idle_s: int) -> Session | None:
        """The live session of this token (its idle time restarts), or None."""
        key = _token_hash(token)
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE seen_at < ?", (time.time() - idle_s,))
            row = db.execute("SELECT s.csrf, u.* FROM sessions s JOIN users u "
                             "ON u.username = s.username WHERE s.token_hash = ?",
                             (key,)).fetchone()
            if row is None or not row["active"]:
                return None
            db.execute("UPDATE sessions SET seen_at = ? WHERE token_hash = ?", (time.time(), key))
        return Session(_user(row), row["csrf"])

    def end_session(self, token: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))

    # --- rounds --------------------------------------------------------------------------
    def add_round(self, upload: str, file_name: str, kode: str, nama: str, by: str) -> int:
        with self._db() as db:
            at = now_text()
            cursor = db.execute(
                "INSERT INTO rounds (upload, file_name, kode_putaran, nama_putaran, state, "
                "created_by, created_at) VALUES (?, ?, ?, ?, 'siap', ?, ?)",
                (upload, file_name, kode, nama, by, at))
            round_id = int(cursor.lastrowid or 0)
            db.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?)",
                       (round_id, upload, file_name, by, at))
            return round_id

    def add_version(self, round_id: int, upload: str, file_name: str, nama: str,
                    by: str) -> int:
        """A new workbook for an existing round: the round runs it from now on (ready to
        start again); the earlier uploads stay in its history. The new version's number."""
        with self._db() as db:
            db.execute("UPDATE rounds SET upload = ?, file_name = ?, nama_putaran = ?, "
                       "state = 'siap', message = '' WHERE id = ?",
                       (upload, file_name, nama, round_id))
            db.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?)",
                       (round_id, upload, file_name, by, now_text()))
            (count,) = db.execute("SELECT COUNT(*) FROM versions WHERE round_id = ?",
                                  (round_id,)).fetchone()
            return int(count)

    def versions(self, round_id: int) -> list[VersionRow]:
        """The round's uploads, newest first."""
        with self._db() as db:
            rows = db.execute("SELECT file_name, created_by, created_at FROM versions "
                              "WHERE round_id = ? ORDER BY rowid", (round_id,)).fetchall()
        found = [VersionRow(n, r["file_name"], r["created_by"], r["created_at"])
                 for n, r in enumerate(rows, start=1)]
        return found[::-1]

    def round_of(self, kode: str) -> RoundRow | None:
        """The desk's round with this kode_putaran (one round, one place)."""
        with self._db() as db:
            row = db.execute("SELECT * FROM rounds WHERE kode_putaran = ? ORDER BY id DESC "
                             "LIMIT 1", (kode,)).fetchone()
        return RoundRow(**dict(row)) if row else None

    def round(self, round_id: int) -> RoundRow | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM rounds WHERE id = ?", (round_id,)).fetchone()
        return RoundRow(**dict(row)) if row else None

    def rounds(self) -> list[RoundRow]:
        with self._db() as db:
            rows = db.execute("SELECT * FROM rounds ORDER BY id DESC")
            return [RoundRow(**dict(r)) for r in rows]

    def update_round(self, round_id: int, *, state: str, message: str = "",
                     flow_run_id: str | None = None) -> None:
        with self._db() as db:
            if flow_run_id is not None:
                db.execute("UPDATE rounds SET flow_run_id = ? WHERE id = ?",
                           (flow_run_id, round_id))
            db.execute("UPDATE rounds SET state = ?, message = ? WHERE id = ?",
                       (state, message, round_id))

    # --- letters opened by approvers -----------------------------------------------------
    def record_view(self, round_id: int, flow_run_id: str, username: str, document: int) -> None:
        with self._db() as db:
            db.execute("INSERT OR IGNORE INTO views VALUES (?, ?, ?, ?)",
                       (round_id, flow_run_id, username, document))

    def viewed(self, round_id: int, flow_run_id: str, username: str) -> set[int]:
        with self._db() as db:
            rows = db.execute("SELECT document FROM views WHERE round_id = ? AND flow_run_id = ? "
                              "AND username = ?", (round_id, flow_run_id, username))
            return {r[0] for r in rows}

    # --- audit log -----------------------------------------------------------------------
    def log(self, username: str, action: str, round_id: int | None = None,
            detail: str = "") -> None:
        with self._db() as db:
            db.execute("INSERT INTO audit (at, username, action, round_id, detail) "
                       "VALUES (?, ?, ?, ?, ?)", (now_text(), username, action, round_id, detail))

    def audit(self, round_id: int | None = None, limit: int = 200) -> list[AuditRow]:
        query = "SELECT at, username, action, round_id, detail FROM audit"
        args: tuple[object, ...] = ()
        if round_id is not None:
            query += " WHERE round_id = ?"
            args = (round_id,)
        with self._db() as db:
            rows = db.execute(query + " ORDER BY id DESC LIMIT ?", (*args, limit))
            return [AuditRow(**dict(r)) for r in rows]


def _user(row: sqlite3.Row) -> User:
    return User(row["username"], row["full_name"],
                frozenset(Role(r) for r in row["roles"].split(",") if r), bool(row["active"]))
