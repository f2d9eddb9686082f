"""Exports for a clinician round-trip: every CSV cell and JSON value is the stored value of the
scripted month's database. And the database itself stays readable with standard SQLite tools:
clear tables, foreign keys that hold, indexes on what is looked up."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from test_report import END, script_month

from assistant.record.export import TABLES, rows, write_json
from assistant.record.store import Store


@pytest.fixture(scope="module")
def month_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "wins.db"
    script_month(path).store.close()
    return path


def stored(path) -> dict[str, list[dict]]:
    """Each exported table read with nothing but the standard library, read-only."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        return {name: [dict(r) for r in connection.execute(f"SELECT * FROM {name} ORDER BY id")]
                for name in TABLES}


def at_end() -> dict[str, str]:
    return {"SMALLWINS_NOW": END.isoformat(), "TZ": "UTC"}


@pytest.mark.slow
def test_csv_export_matches_the_database(month_db, cli, tmp_path):
    folder = tmp_path / "for-the-clinic"
    result = cli("export", "--db", month_db, "--format", "csv", "--out", folder, env=at_end())
    assert result.returncode == 0, result.stderr
    database = stored(month_db)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    for name, table_rows in database.items():
        path = folder / f"{name}.csv"
        assert path.stat().st_mode & 0o077 == 0, "owner-only, like the database"
        with path.open(encoding="utf-8-sig", newline="") as file:
            exported = list(csv.DictReader(file))
        assert exported == [{k: "" if v is None else str(v) for k, v in row.items()}
                            for row in table_rows], name
        assert len(exported) > 0, name


@pytest.mark.slow
def test_json_export_matches_the_database(month_db, cli, tmp_path):
    result = cli("export", "--db", month_db, "--format", "json", env=at_end())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == stored(month_db)
    out = tmp_path / "records.json"
    result = cli("export", "--db", month_db, "--format", "json", "--out", out, env=at_end())
    assert result.returncode == 0 and f"Wrote {out}." in result.stdout
    assert json.loads(out.read_text(encoding="utf-8")) == stored(month_db)


def test_export_without_practice_table(tmp_path):
    store = Store(tmp_path / "old.db")
    store.db["practice_attempts"].drop()  # as in a database from before practice existed
    buffer = io.StringIO()
    write_json(store, buffer)
    assert json.loads(buffer.getvalue()) == {"utterances": [], "milestones": [], "goals": [],
                                             "alerts": [], "moods": []}
    assert set(rows(store)) == {"utterances", "milestones", "goals", "alerts", "moods"}


@pytest.mark.slow
def test_unwritable_export_is_one_sentence(month_db, cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = cli("export", "--db", month_db, "--out", blocker / "folder")
    assert result.returncode == 1
    assert result.stderr.startswith("Small Wins: I can't write")
    assert "Traceback" not in result.stderr


def test_database_is_plain_sqlite_with_keys_and_indexes(month_db):
    with sqlite3.connect(f"file:{month_db}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        keys = {(table, row[2], row[3])
                for table in ("milestones", "goals", "practice_attempts", "alerts", "moods")
                for row in connection.execute(f"PRAGMA foreign_key_list({table})")}
        indexed = {(table, row[2]) for table in TABLES
                   for index in connection.execute(f"PRAGMA index_list({table})")
                   for row in connection.execute(f"PRAGMA index_info({index[1]})")
                   if row[0] == 0}
    assert {("milestones", "utterances", "utterance_id"), ("goals", "goals", "parent_id"),
            ("goals", "utterances", "utterance_id"),
            ("practice_attempts", "practice_sessions", "session_id"),
            ("alerts", "utterances", "utterance_id"),
            ("moods", "utterances", "utterance_id")} <= keys
    assert {("utterances", "time"), ("milestones", "time"), ("goals", "status"),
            ("practice_attempts", "time"), ("alerts", "utterance_id"), ("alerts", "time"),
            ("moods", "utterance_id"), ("moods", "time")} <= indexed
