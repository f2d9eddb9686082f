"""Alerts and moods in the record: written through the one transaction, read back as typed
rows with the utterance's words, added to an existing database, undone and forgotten with it."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta

import pytest
import sqlite_utils

from assistant.record import history
from assistant.record.forget import forget
from assistant.record.schema import migrations
from assistant.record.store import Store
from assistant.understand import AlertKind, Mood

MONDAY = datetime(2026, 11, 23, 9, 30)


def say(store: Store, text: str, when: datetime, intent: str) -> int:
    return store.add_utterance(time=when, text=text, source="typed", engine=None,
                               confidence=None, duration_s=None, intent=intent,
                               understanding={"intent": intent})


def test_alerts_and_moods_are_stored_and_read_back(tmp_path):
    store = Store(tmp_path / "wins.db")
    fell = say(store, "I walked to the door and then I fell in the hall", MONDAY, "alert")
    low = say(store, "I feel useless today", MONDAY + timedelta(hours=2), "feeling")
    alert_id = store.add_alert(fell, MONDAY, AlertKind.FALL, "I fell in the hall")
    mood_id = store.add_mood(low, MONDAY + timedelta(hours=2), Mood.LOW, "I feel useless")
    with sqlite3.connect(tmp_path / "wins.db") as other:
        assert other.execute("SELECT id, utterance_id, time, kind, words FROM alerts").fetchall() \
            == [(alert_id, fell, "2026-11-23T09:30:00", "fall", "I fell in the hall")]
        assert other.execute("SELECT id, utterance_id, time, mood, words FROM moods").fetchall() \
            == [(mood_id, low, "2026-11-23T11:30:00", "low", "I feel useless")]
    [alert] = history.alerts(store)
    assert (alert.kind, alert.words, alert.time, alert.utterance_id) == (
        "fall", "I fell in the hall", MONDAY, fell)
    assert alert.said == "I walked to the door and then I fell in the hall"
    [mood] = history.moods(store)
    assert (mood.mood, mood.words, mood.said) == ("low", "I feel useless", "I feel useless today")
    assert history.alerts(store, since=MONDAY + timedelta(seconds=1)) == []
    assert history.moods(store, since=MONDAY + timedelta(hours=1)) == [mood]
    assert history.moods(store, until=MONDAY + timedelta(hours=2)) == []


def test_an_existing_database_gains_the_tables_and_keeps_its_rows(tmp_path):
    old = sqlite_utils.Database(tmp_path / "wins.db")
    migrations.apply(old, stop_before="create_safety_tables")  # main's schema before this
    old["utterances"].insert({"time": "2026-01-05T10:00:00", "text": "I stood up",
                              "source": "typed", "intent": "milestone"})
    assert not old["alerts"].exists() and not old["moods"].exists()
    old.close()
    store = Store(tmp_path / "wins.db")
    assert migrations.pending(store.db) == []
    assert [u["text"] for u in store.utterances()] == ["I stood up"]
    assert history.alerts(store) == [] and history.moods(store) == []
    applied = [n for (n,) in store.db.execute("SELECT name FROM _sqlite_migrations")]
    assert "create_safety_tables" in applied and len(applied) == len(set(applied))


def test_undo_and_forget_take_them_too(tmp_path):
    store = Store(tmp_path / "wins.db")
    first = say(store, "I'm depressed", MONDAY, "feeling")
    store.add_mood(first, MONDAY, "low", "I'm depressed")
    second = say(store, "I have chest pain", MONDAY + timedelta(days=1), "alert")
    store.add_alert(second, MONDAY + timedelta(days=1), "chest_pain", "chest pain")
    store.remove_utterance(second)
    assert history.alerts(store) == [] and len(history.moods(store)) == 1
    third = say(store, "I have chest pain", MONDAY + timedelta(days=2), "alert")
    store.add_alert(third, MONDAY + timedelta(days=2), "chest_pain", "chest pain")
    counts = forget(store, MONDAY + timedelta(days=1)).rows
    assert counts["alerts"] == 1 and counts["moods"] == 0
    assert len(history.moods(store)) == 1
    counts = forget(store, None).rows
    assert counts["moods"] == 1
    with sqlite3.connect(tmp_path / "wins.db") as other:
        assert other.execute("SELECT count(*) FROM alerts").fetchone() == (0,)
        assert other.execute("SELECT count(*) FROM moods").fetchone() == (0,)


def two_alerts(path) -> list[tuple]:
    """A fall on Monday and chest pain on Wednesday, as (id, utterance_id, time, kind, words,
    text) by plain SQL."""
    store = Store(path)
    for day, text, kind, words in ((0, "I fell in the hall and can't get up", "fall", "fell"),
                                   (2, "I have chest pain", "chest_pain", "chest pain")):
        when = MONDAY + timedelta(days=day)
        store.add_alert(say(store, text, when, "alert"), when, kind, words)
    store.close()
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT a.id, a.utterance_id, a.time, a.kind, a.words, u.text FROM alerts a "
            "JOIN utterances u ON u.id = a.utterance_id ORDER BY a.time").fetchall()


@pytest.mark.slow
def test_alerts_command_lists_them(cli, tmp_path):
    db = tmp_path / "wins.db"
    stored = two_alerts(db)
    result = cli("alerts", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    listed = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(a["id"], a["utterance_id"], a["time"], a["kind"], a["words"], a["said"])
            for a in listed] == stored
    plain = cli("alerts", "--db", db, "--since", "2026-11-24")
    assert plain.returncode == 0, plain.stderr
    [line] = plain.stdout.splitlines()
    assert line.startswith("2026-11-25 09:30") and "chest_pain" in line
    assert line.endswith(stored[1][5])
    assert cli("alerts", "--db", tmp_path / "new.db").stdout == ""


@pytest.mark.slow
def test_forget_command_deletes_alerts_and_moods(cli, tmp_path):
    db = tmp_path / "wins.db"
    two_alerts(db)
    store = Store(db)
    store.add_mood(say(store, "I feel useless", MONDAY, "feeling"), MONDAY, "low", "useless")
    store.close()
    result = cli("forget", "--db", db, "--since", "2026-11-24", "--yes")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT kind FROM alerts").fetchall() == [("fall",)]
        assert connection.execute("SELECT count(*) FROM moods").fetchone() == (1,)
    assert cli("forget", "--db", db, "--all", "--yes").returncode == 0
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM alerts").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM moods").fetchone() == (0,)


@pytest.mark.slow
def test_an_alert_said_in_a_run_is_stored(cli, tmp_path):
    db = tmp_path / "wins.db"
    result = cli("run", "--text", "--json", "--db", db,
                 input="I walked ten steps\nI fell in the bathroom and I can't get up\n",
                 env={"SMALLWINS_NOW": "2026-03-02T09:15:00+00:00"})
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT a.kind, u.text FROM alerts a JOIN utterances u ON u.id = a.utterance_id"
        ).fetchall()
    assert rows == [("fall", "I fell in the bathroom and I can't get up")]
