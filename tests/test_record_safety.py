"""Alerts and moods in the record: written through the one transaction, read back as typed
rows with the utterance's words, added to an existing database, undone and forgotten with it."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

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
