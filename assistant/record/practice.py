"""Practice in the patient's SQLite record: the caregiver's items, sessions, every attempt,
the adaptive levels, and the questions the encouragement and reports ask of them.

Everything said about practice ("3 days in a row", "'butterfly' for the first time") is read
back from these tables, never from memory, so it survives restarts and a therapist can query
the same rows. Each write is the store's one transaction, which also writes in whatever
the pending journal holds. A session's own writes (its start and end, attempts, levels) are
`Write`s: when the database refuses them they wait in the journal, KeptForLater says so, and
the session goes on. Sessions and attempts carry a unique key, by which an attempt finds its
session even while both are still waiting.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlite_utils

from assistant.practice.items import KINDS, Item, make_item
from assistant.practice.level import LevelState
from assistant.record.store import Insert, Store, Update, Upsert, iso


@dataclass(frozen=True)
class First:
    """A target said clearly (passed) for the first time."""

    target: str
    time: datetime


@dataclass(frozen=True)
class Day:
    day: date
    attempts: int
    passed: int


@dataclass(frozen=True)
class DayScore:
    """One day of practice: the average score (0–1), attempts, and how many passed."""

    day: date
    score: float
    attempts: int
    passed: int


def add_items(store: Store, items: Iterable[Item], time: datetime) -> list[Item]:
    """Add the caregiver's items (replacing one with the same kind and words); returns them."""
    added = list(items)
    rows: list[dict[str, Any]] = [
        {
            "added": iso(time),
            "kind": item.kind,
            "level": item.level,
            "text": item.target,
            "prompt": item.prompt,
            "accept": json.dumps(item.accept, ensure_ascii=False),
        }
        for item in added
    ]
    with store.writing() as db:
        for row in rows:
            existing = _item_id(db, row["kind"], row["text"])
            if existing is None:
                db.table("practice_items").insert(row)
            else:
                db.table("practice_items").update(existing, row)
    return added


def remove_items(store: Store, text: str) -> int:
    """Remove the caregiver's items with these words (any kind); attempts are kept."""
    with store.writing() as db:
        items = db.table("practice_items").rows_where("lower(text) = lower(?)", [text])
        ids = [r["id"] for r in items]
        for item_id in ids:
            db.execute("UPDATE practice_attempts SET item_id = NULL WHERE item_id = ?", [item_id])
            db.execute("DELETE FROM practice_items WHERE id = ?", [item_id])
    return len(ids)


def personal_items(store: Store) -> list[Item]:
    return [
        make_item(
            row["text"],
            kind=row["kind"],
            level=row["level"],
            prompt=row["prompt"],
            accept=json.loads(row["accept"] or "[]"),
            personal=True,
        )
        for row in store.db.table("practice_items").rows_where(order_by="id")
    ]


def start_session(store: Store, key: str, time: datetime, assigned: bool) -> int | None:
    """Store a session under `key`; its id, or KeptForLater while it waits in the journal."""
    return store.save(Insert("practice_sessions",
                             {"key": key, "started": iso(time), "assigned": int(assigned)}))


def end_session(store: Store, key: str, time: datetime) -> None:
    store.save(Update("practice_sessions", key, {"ended": iso(time)}))


def add_attempt(
    store: Store,
    *,
    session_key: str,
    item: Item,
    time: datetime,
    heard: str,
    score: float,
    passed: bool,
    try_number: int,
    engine: str,
    confidence: float | None,
) -> int | None:
    """Store an attempt in its session; its id, or KeptForLater while it waits."""
    row = {
        "key": uuid.uuid4().hex,
        "time": iso(time),
        "kind": item.kind,
        "level": item.level,
        "target": item.target,
        "heard": heard,
        "score": score,
        "passed": int(passed),
        "try": try_number,
        "engine": engine,
        "confidence": confidence,
        "item_id": _item_id(store.db, item.kind, item.target) if item.personal else None,
    }
    return store.save(Insert("practice_attempts", row,
                             {"session_id": ("practice_sessions", session_key)}))


def _item_id(db: sqlite_utils.Database, kind: str, text: str) -> int | None:
    rows = list(db.table("practice_items").rows_where("kind = ? AND text = ?", [kind, text]))
    return rows[0]["id"] if rows else None


def level_states(store: Store) -> dict[str, LevelState]:
    """The stored level of every kind; kinds never practised start at level 1."""
    stored = {
        row["kind"]: LevelState(row["level"], row["wins"], row["misses"])
        for row in store.db.table("practice_levels").rows
    }
    return {kind: stored.get(kind, LevelState()) for kind in KINDS}


def save_level(store: Store, kind: str, state: LevelState, time: datetime) -> None:
    row = {"kind": kind, "level": state.level, "wins": state.wins, "misses": state.misses,
           "updated": iso(time)}
    store.save(Upsert("practice_levels", row, pk="kind"))


def last_practised(store: Store) -> dict[str, str]:
    """Lowercased target → time of its latest attempt, to rotate items across sessions."""
    rows = store.db.execute(
        "SELECT lower(target), max(time) FROM practice_attempts GROUP BY lower(target)"
    ).fetchall()
    return dict(rows)


def history(store: Store, target: str, before_id: int | None) -> tuple[bool, bool]:
    """Whether `target` was ever (passed, failed) in attempts before `before_id` (None: in
    every stored attempt, as one still waiting in the journal comes after them all)."""
    passed, failed = store.db.execute(
        "SELECT coalesce(max(passed), 0), coalesce(min(passed), 1) = 0 FROM practice_attempts "
        "WHERE lower(target) = lower(?) AND (? IS NULL OR id < ?)",
        [target, before_id, before_id],
    ).fetchone()
    return bool(passed), bool(failed)


def firsts(
    store: Store, since: date | datetime | None = None, session_key: str | None = None
) -> list[First]:
    """Targets said clearly for the first time ever: all of them, those from a moment or the
    start of a day on, or those stored of one session."""
    if since is None:
        bound = None
    else:
        bound = iso(since) if isinstance(since, datetime) else since.isoformat()
    rows = store.db.execute(
        "SELECT a.target, a.time FROM practice_attempts a WHERE a.passed "
        "AND (? IS NULL OR a.time >= ?) AND (? IS NULL OR a.session_id = "
        "(SELECT id FROM practice_sessions WHERE key = ?)) "
        "AND NOT EXISTS (SELECT 1 FROM practice_attempts b WHERE b.passed "
        "AND lower(b.target) = lower(a.target) AND b.id < a.id) ORDER BY a.id",
        [bound, bound, session_key, session_key],
    ).fetchall()
    return [First(target, datetime.fromisoformat(time)) for target, time in rows]


def streak(store: Store, today: date) -> int:
    """Days in a row, up to today, with at least one attempt (0 if none today)."""
    days = {
        date.fromisoformat(day)
        for (day,) in store.db.execute("SELECT DISTINCT substr(time, 1, 10) FROM practice_attempts")
    }
    count = 0
    while today - timedelta(days=count) in days:
        count += 1
    return count


def days(store: Store, since: date) -> list[Day]:
    """Attempts and passes per day from `since`, oldest first, for the therapist's report."""
    rows = store.db.execute(
        "SELECT substr(time, 1, 10) AS day, count(*), sum(passed) FROM practice_attempts "
        "WHERE substr(time, 1, 10) >= ? GROUP BY day ORDER BY day",
        [since.isoformat()],
    ).fetchall()
    return [Day(date.fromisoformat(day), attempts, passed) for day, attempts, passed in rows]


def practised(store: Store) -> bool:
    """Whether any practice attempt is recorded at all."""
    return store.db.execute("SELECT 1 FROM practice_attempts LIMIT 1").fetchone() is not None


def day_scores(store: Store, since: datetime, until: datetime) -> list[DayScore]:
    """The average score, attempts and passes per day in [since, until), oldest first."""
    rows = store.db.execute(
        "SELECT substr(time, 1, 10), avg(score), count(*), sum(passed) FROM practice_attempts "
        "WHERE time >= ? AND time < ? GROUP BY 1 ORDER BY 1",
        [iso(since), iso(until)],
    ).fetchall()
    return [DayScore(date.fromisoformat(day), avg, count, passed)
            for day, avg, count, passed in rows]
