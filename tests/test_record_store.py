"""The SQLite record: private, durable, migrating, and clear about lock and permission trouble."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime

import pytest
import sqlite_utils

from assistant.record.schema import migrations
from assistant.record.store import Store, StoreError

WHEN = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def add(store, text="I walked ten steps"):
    return store.add_utterance(
        time=WHEN, text=text, source="typed", engine=None, confidence=None, duration_s=None,
        intent="milestone", understanding={"intent": "milestone"},
    )


def test_new_database_is_private_and_in_wal_mode(tmp_path):
    path = tmp_path / "deep" / "folder" / "wins.db"
    store = Store(path)
    add(store)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_committed_rows_are_visible_to_another_connection(tmp_path):
    store = Store(tmp_path / "wins.db")
    first = add(store, "I stood up five times")
    second = add(store, "I read a page")
    other = sqlite3.connect(tmp_path / "wins.db")
    rows = other.execute("SELECT id, time, text FROM utterances ORDER BY id").fetchall()
    assert rows == [
        (first, "2026-11-25T09:30:00+00:00", "I stood up five times"),
        (second, "2026-11-25T09:30:00+00:00", "I read a page"),
    ]


def test_reopening_keeps_data_and_runs_no_migration_twice(tmp_path):
    add(Store(tmp_path / "wins.db"))
    store = Store(tmp_path / "wins.db")
    assert [u["text"] for u in store.utterances()] == ["I walked ten steps"]
    applied = [name for (name,) in store.db.execute("SELECT name FROM _sqlite_migrations")]
    assert migrations.pending(store.db) == []
    assert len(applied) == len(set(applied)) > 2


def test_an_old_database_opens_in_the_new_version(tmp_path):
    old = sqlite_utils.Database(tmp_path / "wins.db")
    migrations.apply(old, stop_before="create_progress_tables")
    old["utterances"].insert({"time": "2026-01-05T10:00:00+00:00", "text": "I stood up",
                              "source": "typed", "intent": "milestone"})
    assert not old["milestones"].exists()
    old.close()
    store = Store(tmp_path / "wins.db")
    assert migrations.pending(store.db) == []
    assert [u["text"] for u in store.utterances()] == ["I stood up"]
    assert store.db["milestones"].exists() and store.db["goals"].exists()


def test_locked_database_is_explained(tmp_path):
    store = Store(tmp_path / "wins.db")
    store.db.execute("PRAGMA busy_timeout = 50")
    blocker = sqlite3.connect(tmp_path / "wins.db")
    blocker.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError, match="busy"):
        add(store, "I read a page")
    with pytest.raises(StoreError, match="busy"):
        store.probe_write()
    blocker.rollback()
    add(store)
    assert [u["text"] for u in store.utterances()] == ["I read a page", "I walked ten steps"]


def test_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list: milk, bread\n" * 100)
    with pytest.raises(StoreError, match="not a Small Wins database"):
        Store(path)


def test_summaries_kept_as_said_to_the_patient_become_neutral(tmp_path):
    """A file from before the neutral form has "drank your tea"; opening it keeps the
    patient's words and rewrites only the second person."""
    old = sqlite_utils.Database(tmp_path / "wins.db")
    migrations.apply(old, stop_before="neutral_summaries")
    said = old["utterances"].insert({"time": "2026-01-05T10:00:00+00:00", "source": "typed",
                                     "text": "I drank my tea by myself", "intent": "milestone"})
    old["milestones"].insert({"utterance_id": said.last_pk, "time": "2026-01-05T10:00:00+00:00",
                              "category": "daily_living", "activity": "drink",
                              "summary": "drank your tea independently"})
    old["goals"].insert({"created": "2026-01-05T10:00:00+00:00", "status": "active",
                         "text": "hold your grandson by yourself"})
    old.close()
    store = Store(tmp_path / "wins.db")
    assert migrations.pending(store.db) == []
    assert [r["summary"] for r in store.db["milestones"].rows] == ["drank their tea independently"]
    assert [r["text"] for r in store.db["goals"].rows] == ["hold their grandson by themselves"]
    assert [r["text"] for r in store.db["utterances"].rows] == ["I drank my tea by myself"]
