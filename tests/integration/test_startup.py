"""flows/startup.py: the first letter in a batch of its own; the Prefect server's database
set-up skipped only for a database this Prefect version already brought up to date."""

from __future__ import annotations

import sqlite3

from flows import startup


def test_the_first_letter_goes_alone_and_nothing_is_lost():
    assert startup.first_alone([[1, 2, 3], [4, 5]]) == [[1], [2, 3], [4, 5]]
    assert startup.first_alone([[1], [2, 3]]) == [[1], [2, 3]]
    assert startup.first_alone([]) == []


def _database(home, revision):
    with sqlite3.connect(home / "prefect.db") as db:
        db.execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num TEXT)")
        db.execute("DELETE FROM alembic_version")
        db.execute("INSERT INTO alembic_version VALUES (?)", (revision,))


def test_the_database_set_up_is_skipped_only_when_known_up_to_date(tmp_path, monkeypatch):
    for name in ("PREFECT_API_DATABASE_CONNECTION_URL", "PREFECT_SERVER_DATABASE_CONNECTION_URL",
                 "PREFECT_API_DATABASE_MIGRATE_ON_START", "PREFECT_API_BLOCKS_REGISTER_ON_START",
                 "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    assert startup.warm_database_env() == {}  # no database yet: Prefect migrates it
    _database(tmp_path, "aaa")
    assert startup.warm_database_env() == {}  # never seen up to date by a server
    startup.remember_warm_database()
    assert startup.warm_database_env()["PREFECT_API_DATABASE_MIGRATE_ON_START"] == "false"
    _database(tmp_path, "bbb")  # another Prefect version migrated it since
    assert startup.warm_database_env() == {}
    startup.remember_warm_database()
    monkeypatch.setenv("PREFECT_API_DATABASE_MIGRATE_ON_START", "true")  # the user's value wins
    assert "PREFECT_API_DATABASE_MIGRATE_ON_START" not in startup.warm_database_env()
    monkeypatch.setenv("PREFECT_API_DATABASE_CONNECTION_URL", "postgresql+asyncpg://x/y")
    assert startup.warm_database_env() == {}  # another database: nothing assumed
