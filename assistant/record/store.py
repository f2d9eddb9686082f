"""The patient's record, in SQLite through sqlite-utils.

Every utterance is committed before the assistant answers, so nothing said is lost to a crash.
The file is owner-only (0600) and in WAL mode, so a reader (a report, Datasette) never blocks
the loop. The schema grows through named migrations, so an old database opens in a new version.
When the database cannot be written, an utterance (or a practice attempt, a `Write`) goes to
the pending journal (journal.py) and is written with the next successful transaction.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn, cast

import sqlite_utils
from sqlite_utils.db import Table

from assistant.record.journal import Journal, Row, journal_path
from assistant.record.schema import migrations
from assistant.understand import Milestone, Understanding

log = logging.getLogger(__name__)

Entries = dict[str, list[Row]]
"""What one turn records from its utterance besides the utterance itself: rows per table
(milestones, alerts, moods; each row gets the utterance's id and time), and the goals it
finishes. A turn commits them with its utterance, and the pending journal keeps them with it,
so a replay stores exactly the same."""
FINISHED_GOALS = "finished_goals"
"""The entry that marks goals done by the utterance, rather than rows to insert."""


def turn_entries(
    milestones: Sequence[Milestone] = (),
    alert: tuple[str, str] | None = None,
    mood: tuple[str, str] | None = None,
    finished_goals: Sequence[int] = (),
) -> Entries:
    """A turn's entries: its milestones, a red flag (kind, words), a feeling (mood, words) and
    the goals it finishes (ids)."""
    entries: Entries = {}
    if finished_goals:
        entries[FINISHED_GOALS] = [{"goal_id": goal_id} for goal_id in finished_goals]
    if milestones:
        entries["milestones"] = [m.to_dict() for m in milestones]
    if alert is not None:
        entries["alerts"] = [{"kind": str(alert[0]), "words": alert[1]}]
    if mood is not None:
        entries["moods"] = [{"mood": str(mood[0]), "words": mood[1]}]
    return entries


@dataclass(frozen=True)
class Insert:
    """A row to add to `table`. Its unique "key" makes a replay add it once; `links` point
    at other rows by their keys (column → (table, key)), resolved to ids when it is written,
    so a row can point at one that is itself still waiting in the journal."""

    table: str
    row: Row
    links: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Update:
    """Columns to set on the row of `table` with this key."""

    table: str
    key: str
    values: Row


@dataclass(frozen=True)
class Upsert:
    """A row replacing the one of `table` with the same primary key `pk` (a practice level).
    Replayed twice after a crash, it sets the row back to what it held then, until the next
    write of that row."""

    table: str
    row: Row
    pk: str


Write = Insert | Update | Upsert
"""A write that can wait in the pending journal when the database refuses it (`Store.save`)."""
_WRITES: dict[str, type[Insert] | type[Update] | type[Upsert]] = {
    "insert": Insert, "update": Update, "upsert": Upsert}


class StoreError(Exception):
    """The database cannot be opened or written; the message says why in plain words."""


class KeptForLater(StoreError):
    """The database refused an utterance, but it is kept in the pending journal (or, if even
    that failed, in memory) and goes in with the next successful write. Say the message.
    `first` is whether this is the first refusal since the database last took a write."""

    def __init__(self, message: str, first: bool) -> None:
        super().__init__(message)
        self.first = first


class Store:
    def __init__(self, path: Path | None) -> None:
        """Open (creating it owner-only) the database at `path`; None keeps it in memory.
        A file that exists but cannot be written now (no room for SQLite's side files) is
        opened for reading: the assistant goes on, its words go to the journal."""
        self.path = path
        self._refused: str | None = None
        """Why the file could only be opened for reading; each write tries it afresh."""
        try:
            self.db = _open(path)
        except (sqlite3.Error, OSError) as error:
            if path is None or not path.exists() or not _refusal(error):
                raise StoreError(_explain(path, error)) from error
            self._refused = _explain(path, error)
            try:
                self.db = sqlite_utils.Database(sqlite3.connect(
                    f"file:{path}?immutable=1", uri=True, check_same_thread=False))
            except sqlite3.Error:
                raise StoreError(self._refused) from error
            log.warning("database opened for reading only: %s", self._refused)
        self.journal = Journal(journal_path(path)) if path else None
        self._keeping = False
        if self.journal and self.journal.pending():
            try:
                with self.writing():
                    pass
            except StoreError as error:
                log.warning("pending utterances stay in the journal for now: %s", error)

    def add_utterance(
        self,
        *,
        time: datetime,
        text: str,
        source: str,
        engine: str | None,
        confidence: float | None,
        duration_s: float | None,
        intent: str,
        understanding: dict[str, Any],
        entries: Entries | None = None,
    ) -> int:
        """Commit one utterance, with what the turn records from it, and return its id. If
        the database refuses it, both are kept for later and KeptForLater says so: the caller
        tells the patient and goes on."""
        row: Row = {
            "time": iso(time),
            "text": text,
            "source": source,
            "engine": engine,
            "confidence": confidence,
            "duration_s": duration_s,
            "intent": intent,
            "understanding": json.dumps(understanding, ensure_ascii=False),
            "key": uuid.uuid4().hex,
        }
        try:
            with self.writing() as db:
                utterance_id = insert_row(db, "utterances", row)
                write_entries(db, utterance_id, iso(time), entries or {})
        except StoreError as error:
            self._keep({**row, "entries": entries or {}}, error)
        log.info("utterance %d saved (%s, %s)", utterance_id, source, intent)
        log.debug("utterance %d text: %s", utterance_id, text)  # words only at debug level
        return utterance_id

    def save(self, write: Write) -> int | None:
        """Write now, returning an inserted row's id (None for an update or upsert). If the
        database refuses, the write is kept for later like an utterance, and KeptForLater
        says so: practice goes on through a lock as a conversation does."""
        try:
            with self.writing() as db:
                return apply(db, write)
        except StoreError as error:
            self._keep({"write": _name(write), **asdict(write)}, error)

    def _keep(self, row: Row, error: StoreError) -> NoReturn:
        """Put a row the database refused into the journal, and word what happened."""
        if self.journal is None:
            raise error
        first, self._keeping = not self._keeping, True
        try:
            self.journal.append(row)
        except OSError as failure:
            log.error("journal %s cannot be written either: %s", self.journal.path, failure)
            raise KeptForLater(
                f"{error} I'm holding what you said in memory until there is room; please "
                "don't switch me off." if first else "I'm holding that in memory too.", first
            ) from error
        log.warning("database refused a write (%s); kept in %s", error, self.journal.path)
        raise KeptForLater(
            f"{error} I've kept what you said safe and will save it as soon as I can."
            if first else "I still can't save to the database, but I've kept that safe too.",
            first,
        ) from error

    def add_entries(self, utterance_id: int, time: datetime, entries: Entries) -> None:
        """Record what an utterance committed earlier turned out to say (a confirmed "yes")."""
        with self.writing() as db:
            write_entries(db, utterance_id, iso(time), entries)

    def add_goal(
        self,
        *,
        utterance_id: int | None,
        time: datetime,
        text: str,
        target: Milestone | None,
        parent_id: int | None = None,
    ) -> int:
        row = {
            "utterance_id": utterance_id,
            "parent_id": parent_id,
            "created": iso(time),
            "text": text,
            "category": target.category if target else None,
            "activity": target.activity if target else None,
            "target_value": target.value if target else None,
            "unit": target.unit if target else None,
            "assistance": target.assistance if target else None,
            "status": "active",
        }
        with self.writing() as db:
            return insert_row(db, "goals", row)

    def add_alert(self, utterance_id: int, time: datetime, kind: str, words: str) -> int:
        """Store a red flag (an AlertKind's value) and the words that raised it."""
        with self.writing() as db:
            return insert_row(db, "alerts", {"utterance_id": utterance_id, "time": iso(time),
                                             "kind": str(kind), "words": words})

    def add_mood(self, utterance_id: int, time: datetime, mood: str, words: str) -> int:
        """Store a feeling the patient told ("low" or "good") and the words that told it."""
        with self.writing() as db:
            return insert_row(db, "moods", {"utterance_id": utterance_id, "time": iso(time),
                                            "mood": str(mood), "words": words})

    def remove_utterance(self, utterance_id: int) -> None:
        """Undo: the utterance and everything recorded from it go, in one transaction."""
        with self.writing() as db:
            made = db.table("goals").rows_where("utterance_id = ?", [utterance_id])
            goals = [r["id"] for r in made]
            for goal_id in goals:
                db.execute("DELETE FROM goals WHERE parent_id = ?", [goal_id])
            db.execute("DELETE FROM goals WHERE utterance_id = ?", [utterance_id])
            db.execute(
                "UPDATE goals SET status = 'active', done_time = NULL, done_by = NULL "
                "WHERE done_by = ?",
                [utterance_id],
            )
            for table in ("milestones", "alerts", "moods", "corrections"):
                db.execute(f"DELETE FROM {table} WHERE utterance_id = ?", [utterance_id])
            db.execute("DELETE FROM utterances WHERE id = ?", [utterance_id])

    def correct(self, utterance_id: int, at: datetime, understanding: Understanding) -> str:
        """A caregiver puts right what the recogniser heard: the utterance holds the right
        words and what they mean, and its milestones are made again from them (shared with
        the family if the old ones were). What was first heard is kept in `corrections`.
        Red flags, feelings and goals recorded from it stay: a correction never erases a
        warning sign. Returns what was first heard; LookupError if there is no such utterance."""
        with self.writing() as db:
            row = db.execute("SELECT time, text FROM utterances WHERE id = ?",
                             [utterance_id]).fetchone()
            if row is None:
                raise LookupError(f"There is no utterance number {utterance_id}.")
            said_at, words = row
            first = db.execute("SELECT heard FROM corrections WHERE utterance_id = ? "
                               "ORDER BY id LIMIT 1", [utterance_id]).fetchone()
            heard = first[0] if first else words
            shared = db.execute("SELECT coalesce(max(shared), 0) FROM milestones "
                                "WHERE utterance_id = ?", [utterance_id]).fetchone()[0]
            db.execute("UPDATE utterances SET text = ?, intent = ?, understanding = ? "
                       "WHERE id = ?", [understanding.text, understanding.intent,
                                        json.dumps(understanding.to_dict(), ensure_ascii=False),
                                        utterance_id])
            db.execute("DELETE FROM milestones WHERE utterance_id = ?", [utterance_id])
            if understanding.intent in ("milestone", "alert"):
                write_entries(db, utterance_id, said_at, turn_entries(understanding.milestones))
            db.execute("UPDATE milestones SET shared = ? WHERE utterance_id = ?",
                       [shared, utterance_id])
            insert_row(db, "corrections", {"utterance_id": utterance_id, "time": iso(at),
                                           "heard": heard, "corrected": understanding.text})
        return str(heard)

    def forget(self, since: datetime | None) -> dict[str, int]:
        """Delete what was recorded from `since` on (None: everything), and return how many
        rows went from each table. Settings stay. secure_delete overwrites the freed pages and
        the WAL is emptied after, so the words are not left behind in the files either.

        With `since`, a table joins in by having a `time`, `created` or `started` column, or a
        foreign key to a deleted row; pending journal rows are written first, then forgotten.
        """
        counts: dict[str, int] = {}
        with self.writing() as db:
            tables = [t for t in db.tables if t.name not in _KEPT_TABLES]
            for table in tables:
                column = next((c for c in _TIME_COLUMNS if c in table.columns_dict), None)
                if since is None:
                    where, args = "", []
                elif column:
                    where, args = f" WHERE datetime([{column}]) >= datetime(?)", [iso(since)]
                else:
                    continue
                counts[table.name] = db.execute(f"DELETE FROM [{table.name}]{where}", args).rowcount
            while orphans := _delete_orphans(db, tables):  # a deleted goal's steps, and so on
                for name, count in orphans.items():
                    counts[name] = counts.get(name, 0) + count
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.info("forgot %s", counts)
        return counts

    def share(self, utterance_id: int) -> None:
        """Mark what was recorded from an utterance for the family note."""
        with self.writing() as db:
            db.execute("UPDATE milestones SET shared = 1 WHERE utterance_id = ?", [utterance_id])

    def add_reply(self, time: datetime, kind: str, text: str) -> None:
        with self.writing() as db:
            db.table("replies").insert({"time": iso(time), "kind": kind, "text": text})

    def setting(self, key: str) -> str | None:
        rows = list(self.db.table("settings").rows_where("key = ?", [key]))
        return rows[0]["value"] if rows else None

    def set_setting(self, key: str, value: str) -> None:
        with self.writing() as db:
            db.table("settings").upsert({"key": key, "value": value}, pk="key")

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite_utils.Database]:
        """The one write transaction of the record: every write, practice's too, goes through
        it. It commits or rolls back as a whole; SQLite trouble becomes a plain StoreError.

        Utterances waiting in the journal go in first, in the same transaction, so they keep
        their order and leave the journal only once committed (duplicates are ignored by key).
        """
        if self._refused:
            self._reopen()
        draining: contextlib.AbstractContextManager[list[Row]] = (
            self.journal.draining() if self.journal else contextlib.nullcontext([]))
        try:
            with draining as kept, self.db.conn:
                _replay(self.db, kept)
                yield self.db
        except (sqlite3.Error, OSError) as error:
            raise StoreError(_explain(self.path, error)) from error
        if kept:
            log.info("%d kept utterances written from the journal", len(kept))
        self._keeping = False

    def _reopen(self) -> None:
        """Open the file for writing again, or say why it still refuses."""
        try:
            writable = _open(self.path)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(_explain(self.path, error)) from error
        self.db.close()
        self.db, self._refused = writable, None

    def probe_write(self) -> None:
        """Prove the file can be written right now (not locked, not read-only), leaving no trace."""
        connection = self.db.conn
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM utterances WHERE id = -1")
        except sqlite3.Error as error:
            raise StoreError(_explain(self.path, error)) from error
        finally:
            if connection.in_transaction:
                connection.rollback()

    def utterances(self) -> list[dict[str, Any]]:
        return list(self.db.table("utterances").rows_where(order_by="id"))

    def close(self) -> None:
        self.db.close()


_KEPT_TABLES = {"_sqlite_migrations", "settings", "sqlite_sequence", "sqlite_stat1"}
_TIME_COLUMNS = ("time", "created", "started")


def _delete_orphans(db: sqlite_utils.Database, tables: list[Table]) -> dict[str, int]:
    """Rows whose foreign key points at a row that no longer exists."""
    deleted = {}
    for table in tables:
        for key in table.foreign_keys:
            count = db.execute(
                f"DELETE FROM [{table.name}] WHERE [{key.column}] IS NOT NULL AND [{key.column}] "
                f"NOT IN (SELECT [{key.other_column}] FROM [{key.other_table}])"
            ).rowcount
            if count:
                deleted[table.name] = count
    return deleted


def write_entries(db: sqlite_utils.Database, utterance_id: int, time: str,
                  entries: Entries) -> None:
    """The one way a turn's entries are written: live, confirmed, or replayed from the journal.
    A goal finished by the turn is finished only if still active, so a replay never moves the
    time a goal was reached."""
    for table, rows in entries.items():
        if table == FINISHED_GOALS:
            for row in rows:
                db.execute("UPDATE goals SET status = 'done', done_time = ?, done_by = ? "
                           "WHERE id = ? AND status = 'active'",
                           [time, utterance_id, row["goal_id"]])
            continue
        db.table(table).insert_all(
            [{**_dated(r, time), "utterance_id": utterance_id} for r in rows])


def _dated(row: Row, time: str) -> Row:
    """A row at the utterance's time, or, for a milestone said about another day ("yesterday
    I walked"), at that day and the utterance's time of day: every read by time (totals,
    "what did I do yesterday", the report's charts) then counts it on the day it happened,
    while the utterance keeps when it was said."""
    row = dict(row)
    day = row.pop("when", None)
    return {**row, "time": f"{day}{time[10:]}" if day else time}


def apply(db: sqlite_utils.Database, write: Write) -> int | None:
    """The one way a `Write` is written, live or replayed from the journal. An insert whose
    key is already stored was committed before a crash emptied the journal: its id is
    returned and nothing is added twice."""
    if isinstance(write, Update):
        assignments = ", ".join(f"[{column}] = ?" for column in write.values)
        db.execute(f"UPDATE [{write.table}] SET {assignments} WHERE key = ?",
                   [*write.values.values(), write.key])
        return None
    if isinstance(write, Upsert):
        db.table(write.table).upsert(write.row, pk=write.pk)
        return None
    stored = _id_of(db, write.table, write.row["key"])
    if stored is not None:
        return stored
    links = {column: _id_of(db, table, key) for column, (table, key) in write.links.items()}
    if None in links.values():  # deleted by hand: skipped, or it would block every write
        log.error("%s row %s points at a row no longer stored; not written", write.table,
                  write.row["key"])
        return None
    return insert_row(db, write.table, {**write.row, **links})


def _id_of(db: sqlite_utils.Database, table: str, key: str) -> int | None:
    found = db.execute(f"SELECT id FROM [{table}] WHERE key = ?", [key]).fetchone()
    return cast(int, found[0]) if found else None


def _name(write: Write) -> str:
    return next(name for name, kind in _WRITES.items() if isinstance(write, kind))


def _replay(db: sqlite_utils.Database, kept: list[Row]) -> None:
    """Journal rows in their order: each `Write` as it would have been written, and each
    utterance with its entries, as its turn would have stored them. An utterance whose key
    is already stored was committed before a crash emptied the journal: it and its entries
    are skipped, so nothing is stored twice."""
    for kept_row in kept:
        row = dict(kept_row)
        if "write" in row:
            apply(db, _WRITES[row.pop("write")](**row))
            continue
        entries = row.pop("entries", None) or {}
        if row.get("key") and db.execute(
                "SELECT 1 FROM utterances WHERE key = ?", [row["key"]]).fetchone():
            continue
        write_entries(db, insert_row(db, "utterances", row), row["time"], entries)


def insert_row(db: sqlite_utils.Database, table: str, row: Row) -> int:
    """Insert one row into `table` and return its id."""
    return cast(int, db.table(table).insert(row).last_pk)


def iso(time: datetime) -> str:
    """How every time is stored: local ISO 8601 to the second, which sorts as text."""
    return time.isoformat(timespec="seconds")


def _open(path: Path | None) -> sqlite_utils.Database:
    if path is None:
        db = sqlite_utils.Database(memory=True)
    else:
        db = sqlite_utils.Database(_private_file(path))
        db.execute("PRAGMA busy_timeout = 5000")
        db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")  # a commit survives power loss
    db.execute("PRAGMA secure_delete = ON")  # deleted words are overwritten
    migrations.apply(db)
    return db


def _no_room(path: Path | None) -> bool:
    """SQLite says only "disk I/O error" when it cannot even make its side files."""
    try:
        return path is not None and shutil.disk_usage(path.parent).free < 1 << 16
    except OSError:
        return False


def _refusal(error: Exception) -> bool:
    """A file that is there but cannot be written right now (as opposed to a damaged one)."""
    text = str(error)
    return "disk" in text or "readonly" in text or isinstance(error, PermissionError)


def _private_file(path: Path) -> Path:
    """Create the file owner-only if it is missing. An existing file is left as it is: one that
    cannot be written still opens, for reading, and its writes go to the journal."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    return path


def _explain(path: Path | None, error: Exception) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"The database {path} is busy (another program has it locked). Try again shortly."
    if "readonly" in text or isinstance(error, PermissionError):
        return f"The database {path} cannot be written (read-only or no permission)."
    if "disk" in text and "full" in text or "disk I/O error" in text and _no_room(path):
        return f"The disk holding {path} is full. Free some space."
    if "disk I/O error" in text:
        return f"The database {path} cannot be written (the file is read-only or the disk failed)."
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a Small Wins database or is damaged ({text})."
    return f"The database {path} could not be used ({text})."
