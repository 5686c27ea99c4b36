"""flows/startup.py: the first letter in a batch of its own; the Prefect server's database
set-up skipped only for a database this Prefect version already brought up to date."""

from __future__ import annotations

import json
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


def test_the_server_starts_first_only_for_a_workbook_no_round_folder_knows(tmp_path):
    from flows.outputs.files import sha256_file

    workbook = tmp_path / "putaran.xlsx"
    workbook.write_bytes(b"isi workbook")
    out = tmp_path / "outputs"
    assert startup.surely_work([workbook], out)  # no outputs yet
    (out / "R-1").mkdir(parents=True)
    digest = sha256_file(workbook)
    (out / "R-1" / "manifest.json").write_text(json.dumps({"workbook": {"sha256": digest}}))
    assert not startup.surely_work([workbook], out)  # maybe nothing to do: check first
    other = tmp_path / "lain.xlsx"
    other.write_bytes(b"workbook lain")
    assert startup.surely_work([workbook, other], out)
    assert not startup.surely_work([tmp_path / "tidak-ada.xlsx"], out)
