"""Every read of the patient's record, answered from SQLite as typed rows.

Everything the replies say about the past ("4 more than your best", "3 days in a row") comes
from here, so it is always the stored record talking, never something kept in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from assistant.record.store import Store, iso
from assistant.understand import Milestone

RECORD_INTENTS = ("milestone", "setback", "goal")


@dataclass(frozen=True, kw_only=True)
class Done(Milestone):
    """A stored milestone: the Milestone understanding found, and where the record keeps it
    (its day is `time`'s, which is also its `when`)."""

    id: int
    utterance_id: int
    time: datetime


@dataclass(frozen=True)
class Entry:
    """An utterance that recorded something, with what it recorded, for the report."""

    time: datetime
    words: str
    """What the patient said, as recognised."""
    recorded: str
    """The summaries of its milestones, joined by "; " (empty for a goal or a setback)."""
    intent: str
    shared: bool


@dataclass(frozen=True)
class Said:
    """One utterance as the assistant keeps it, for the caregiver to check and put right."""

    id: int
    time: datetime
    words: str
    intent: str
    recorded: str
    """The summaries of its milestones, joined by "; "."""
    heard: str | None
    """What the recogniser first heard, if a caregiver has corrected it since."""


@dataclass(frozen=True)
class Goal:
    id: int
    parent_id: int | None
    text: str
    category: str | None
    activity: str | None
    target_value: float | int | None
    unit: str | None
    assistance: str | None
    status: str
    created: datetime


@dataclass(frozen=True)
class AlertEntry:
    """A stored red flag, with the whole utterance that raised it."""

    id: int
    utterance_id: int
    time: datetime
    kind: str
    """An AlertKind's value, e.g. "fall"."""
    words: str
    """The words that raised it."""
    said: str
    """Everything the patient said in that utterance, as recognised."""


@dataclass(frozen=True)
class MoodEntry:
    """A stored feeling, with the whole utterance that told it."""

    id: int
    utterance_id: int
    time: datetime
    mood: str
    """A Mood's value: "low" or "good"."""
    words: str
    said: str


def _number(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _done(row: dict[str, Any]) -> Done:
    return Done(
        id=row["id"],
        utterance_id=row["utterance_id"],
        time=datetime.fromisoformat(row["time"]),
        category=row["category"],
        activity=row["activity"],
        value=_number(row["value"]),
        unit=row["unit"],
        assistance=row["assistance"],
        side=row["side"],
        summary=row["summary"],
        when=row["time"][:10],
    )


def _goal(row: dict[str, Any]) -> Goal:
    return Goal(
        id=row["id"],
        parent_id=row["parent_id"],
        text=row["text"],
        category=row["category"],
        activity=row["activity"],
        target_value=_number(row["target_value"]),
        unit=row["unit"],
        assistance=row["assistance"],
        status=row["status"],
        created=datetime.fromisoformat(row["created"]),
    )


def milestones(
    store: Store,
    *,
    activity: str | None = None,
    unit: str | None = None,
    category: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_utterance: int | None = None,
) -> list[Done]:
    """Stored milestones in time order, filtered by whatever is given (`until` is exclusive;
    `before_utterance` keeps what was said before that utterance, even within one second)."""
    where: list[str] = []
    args: list[object] = []
    for column, value in (("activity", activity), ("unit", unit), ("category", category)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if before_utterance is not None:
        where.append("utterance_id < ?")
        args.append(before_utterance)
    within, bounds = _between("time", since, until)
    where += within
    args += bounds
    rows = store.db.table("milestones").rows_where(" AND ".join(where) or None, args,
                                                   order_by="time, id")
    return [_done(r) for r in rows]


def active_goals(store: Store) -> list[Goal]:
    return goals(store, include_done=False)


def goals(store: Store, include_done: bool = True) -> list[Goal]:
    """Goals in the order they were set, each followed by its smaller steps."""
    where = None if include_done else "status = 'active'"
    rows = store.db.table("goals").rows_where(where, order_by="coalesce(parent_id, id), id")
    return [_goal(r) for r in rows]


def goal(store: Store, goal_id: int) -> Goal:
    return _goal(store.db.table("goals").get(goal_id))


def day_streak(store: Store, today: date) -> int:
    """Consecutive days on which something was achieved, ending today, or yesterday while
    today has nothing yet: a run is alive until today ends."""
    days = {
        datetime.fromisoformat(r["time"]).date()
        for r in store.db.query("SELECT time FROM milestones WHERE time >= ?",
                                [(today - timedelta(days=400)).isoformat()])
    }
    end = today if today in days else today - timedelta(days=1)
    streak = 0
    while end - timedelta(days=streak) in days:
        streak += 1
    return streak


def first_day(store: Store) -> date | None:
    """The day of the first thing recorded: an utterance or a practice attempt."""
    rows = store.db.execute(
        "SELECT min(t) FROM (SELECT min(time) AS t FROM utterances "
        "UNION ALL SELECT min(time) FROM practice_attempts)").fetchone()
    return datetime.fromisoformat(rows[0]).date() if rows and rows[0] else None


def last_record(store: Store) -> dict[str, Any] | None:
    """The most recent utterance that recorded something (what 'undo' takes back)."""
    placeholders = ", ".join("?" for _ in RECORD_INTENTS)
    rows = list(store.db.query(
        f"SELECT * FROM utterances WHERE intent IN ({placeholders}) ORDER BY id DESC LIMIT 1",
        RECORD_INTENTS,
    ))
    return rows[0] if rows else None


def said_before(store: Store, utterance_id: int) -> dict[str, Any] | None:
    """The utterance just before this one: what "delete that" refers to."""
    rows = list(store.db.query(
        "SELECT * FROM utterances WHERE id < ? ORDER BY id DESC LIMIT 1", [utterance_id]))
    return rows[0] if rows else None


def utterance(store: Store, utterance_id: int) -> dict[str, Any]:
    """The stored row of an utterance; LookupError if there is none."""
    rows = list(store.db.query("SELECT * FROM utterances WHERE id = ?", [utterance_id]))
    if not rows:
        raise LookupError(f"There is no utterance number {utterance_id}.")
    return rows[0]


def recorded_from(store: Store, utterance_id: int) -> list[Done]:
    rows = store.db.table("milestones").rows_where("utterance_id = ?", [utterance_id])
    return [_done(r) for r in rows]


def recent_replies(store: Store, count: int = 20) -> list[str]:
    rows = store.db.query("SELECT text FROM replies ORDER BY id DESC LIMIT ?", [count])
    return [r["text"] for r in rows]


def done_times(store: Store) -> dict[int, datetime]:
    """When each finished goal or smaller step was done, by goal id."""
    rows = store.db.execute("SELECT id, done_time FROM goals WHERE done_time IS NOT NULL")
    return {goal_id: datetime.fromisoformat(when) for goal_id, when in rows}


def reached_goals(store: Store, since: datetime, until: datetime, steps: bool = False
                  ) -> list[str]:
    """The wording of each goal (or, with `steps`, each smaller step toward one) finished in
    [since, until), once each: a step is not a goal."""
    rows = store.db.query(
        "SELECT text FROM goals WHERE status = 'done' AND done_time >= ? AND done_time < ? "
        f"AND parent_id IS {'NOT ' if steps else ''}NULL ORDER BY done_time, id",
        [iso(since), iso(until)],
    )
    return list(dict.fromkeys(r["text"] for r in rows))


def entries(store: Store, since: datetime, until: datetime, shared_only: bool = False,
            limit: int | None = None) -> list[Entry]:
    """What the patient said that recorded something in [since, until), newest first, with
    what was recorded; only what they chose to share if `shared_only`."""
    placeholders = ", ".join("?" for _ in RECORD_INTENTS)
    rows = store.db.execute(
        "SELECT u.time, u.text, u.intent, group_concat(m.summary, '; '), "
        "coalesce(max(m.shared), 0) FROM utterances u "
        "LEFT JOIN milestones m ON m.utterance_id = u.id "
        f"WHERE u.intent IN ({placeholders}) AND u.time >= ? AND u.time < ? "
        f"GROUP BY u.id {'HAVING max(m.shared) = 1' if shared_only else ''} "
        "ORDER BY u.time DESC, u.id DESC LIMIT ?",
        [*RECORD_INTENTS, iso(since), iso(until), -1 if limit is None else limit],
    ).fetchall()
    return [
        Entry(datetime.fromisoformat(when), words, recorded or "", intent, bool(shared))
        for when, words, intent, recorded, shared in rows
    ]


def heard(store: Store, last: int, since: datetime | None = None) -> list[Said]:
    """The `last` utterances (from `since` on), oldest first, with what each recorded and
    what was first heard where a caregiver corrected it."""
    rows = store.db.execute(
        "SELECT * FROM (SELECT u.id, u.time, u.text, u.intent, "
        "(SELECT group_concat(m.summary, '; ') FROM milestones m WHERE m.utterance_id = u.id), "
        "(SELECT c.heard FROM corrections c WHERE c.utterance_id = u.id ORDER BY c.id LIMIT 1) "
        "FROM utterances u WHERE u.time >= ? ORDER BY u.id DESC LIMIT ?) ORDER BY id",
        [iso(since) if since else "", last],
    ).fetchall()
    return [Said(id, datetime.fromisoformat(when), words, intent, recorded or "", first)
            for id, when, words, intent, recorded, first in rows]


def corrections(store: Store) -> list[tuple[str, str]]:
    """(what was heard, what was said) for every correction a caregiver made, oldest first."""
    return [(heard, corrected) for heard, corrected in store.db.execute(
        "SELECT heard, corrected FROM corrections ORDER BY id")]


def utterance_count(store: Store) -> int:
    return store.db.table("utterances").count


def alerts(store: Store, since: datetime | None = None,
           until: datetime | None = None) -> list[AlertEntry]:
    """Stored red flags in time order, from `since` up to `until` (exclusive)."""
    return [AlertEntry(id, utterance_id, datetime.fromisoformat(when), kind, words, said)
            for id, utterance_id, when, kind, words, said
            in _linked(store, "alerts", "kind", since, until)]


def moods(store: Store, since: datetime | None = None,
          until: datetime | None = None) -> list[MoodEntry]:
    """Stored feelings in time order, from `since` up to `until` (exclusive)."""
    return [MoodEntry(id, utterance_id, datetime.fromisoformat(when), mood, words, said)
            for id, utterance_id, when, mood, words, said
            in _linked(store, "moods", "mood", since, until)]


def _linked(store: Store, table: str, label: str, since: datetime | None,
            until: datetime | None) -> list[tuple[Any, ...]]:
    """id, utterance_id, time, label, words and the utterance's text of `table`'s rows."""
    where, args = _between("t.time", since, until)
    return store.db.execute(
        f"SELECT t.id, t.utterance_id, t.time, t.{label}, t.words, coalesce(u.text, '') "
        f"FROM {table} t LEFT JOIN utterances u ON u.id = t.utterance_id "
        f"WHERE {' AND '.join(where) or '1'} ORDER BY t.time, t.id",
        args,
    ).fetchall()


def _between(column: str, since: datetime | None, until: datetime | None
             ) -> tuple[list[str], list[object]]:
    """SQL conditions (and their arguments) keeping `column` in [since, until)."""
    where: list[str] = []
    args: list[object] = []
    if since is not None:
        where.append(f"{column} >= ?")
        args.append(iso(since))
    if until is not None:
        where.append(f"{column} < ?")
        args.append(iso(until))
    return where, args
