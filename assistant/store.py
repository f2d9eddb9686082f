"""The patient's record, in SQLite through sqlite-utils.

Every utterance is committed before the assistant answers, so nothing said is lost to a crash.
The file is owner-only (0600) and in WAL mode, so a reader (a report, Datasette) never blocks
the loop. The schema grows through named migrations, so an old database opens in a new version.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from assistant.understand import Milestone

migrations = Migrations("smallwins")


@migrations()
def create_utterances(db: sqlite_utils.Database) -> None:
    db["utterances"].create(
        {
            "id": int,
            "time": str,
            "text": str,
            "source": str,
            "engine": str,
            "confidence": float,
            "duration_s": float,
            "intent": str,
            "understanding": str,
        },
        pk="id",
        not_null={"time", "text", "source"},
    )
    db["utterances"].create_index(["time"])


@migrations()
def create_progress_tables(db: sqlite_utils.Database) -> None:
    """Milestones and goals as rows a therapist can query; replies and settings for the dialog."""
    db["milestones"].create(
        {
            "id": int,
            "utterance_id": int,
            "time": str,
            "category": str,
            "activity": str,
            "value": float,
            "unit": str,
            "assistance": str,
            "side": str,
            "summary": str,
            "shared": int,
        },
        pk="id",
        foreign_keys=[("utterance_id", "utterances", "id")],
        defaults={"shared": 0},
        not_null={"utterance_id", "time", "category", "activity", "summary"},
    )
    db["milestones"].create_index(["activity", "unit", "time"])
    db["milestones"].create_index(["time"])
    db["goals"].create(
        {
            "id": int,
            "utterance_id": int,
            "parent_id": int,
            "created": str,
            "text": str,
            "category": str,
            "activity": str,
            "target_value": float,
            "unit": str,
            "assistance": str,
            "status": str,
            "done_time": str,
        },
        pk="id",
        foreign_keys=[("utterance_id", "utterances", "id"), ("parent_id", "goals", "id")],
        not_null={"created", "text", "status"},
        defaults={"status": "active"},
    )
    db["goals"].create_index(["status"])
    db["replies"].create({"id": int, "time": str, "kind": str, "text": str}, pk="id")
    db["settings"].create({"key": str, "value": str}, pk="key")


class StoreError(Exception):
    """The database cannot be opened or written; the message says why in plain words."""


class Store:
    def __init__(self, path: Path | None) -> None:
        """Open (creating it owner-only) the database at `path`; None keeps it in memory."""
        try:
            if path is None:
                self.db = sqlite_utils.Database(memory=True)
            else:
                self.db = sqlite_utils.Database(_private_file(path))
                self.db.execute("PRAGMA busy_timeout = 5000")
                self.db.enable_wal()
            migrations.apply(self.db)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(_explain(path, error)) from error
        self.path = path

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
    ) -> int:
        """Commit one utterance and return its id; nothing is kept in memory only."""
        row = {
            "time": _iso(time),
            "text": text,
            "source": source,
            "engine": engine,
            "confidence": confidence,
            "duration_s": duration_s,
            "intent": intent,
            "understanding": json.dumps(understanding, ensure_ascii=False),
        }
        with self._writing() as db:
            return db["utterances"].insert(row).last_pk

    def add_milestones(
        self, utterance_id: int, time: datetime, milestones: Sequence[Milestone]
    ) -> None:
        rows = [
            {"utterance_id": utterance_id, "time": _iso(time), **m.to_dict()} for m in milestones
        ]
        with self._writing() as db:
            db["milestones"].insert_all(rows)

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
            "created": _iso(time),
            "text": text,
            "category": target.category if target else None,
            "activity": target.activity if target else None,
            "target_value": target.value if target else None,
            "unit": target.unit if target else None,
            "assistance": target.assistance if target else None,
            "status": "active",
        }
        with self._writing() as db:
            return db["goals"].insert(row).last_pk

    def finish_goal(self, goal_id: int, time: datetime) -> None:
        with self._writing() as db:
            db["goals"].update(goal_id, {"status": "done", "done_time": _iso(time)})

    def remove_utterance(self, utterance_id: int) -> None:
        """Undo: the utterance and everything recorded from it go, in one transaction."""
        with self._writing() as db:
            goals = [r["id"] for r in db["goals"].rows_where("utterance_id = ?", [utterance_id])]
            for goal_id in goals:
                db.execute("DELETE FROM goals WHERE parent_id = ?", [goal_id])
            db.execute("DELETE FROM goals WHERE utterance_id = ?", [utterance_id])
            db.execute("DELETE FROM milestones WHERE utterance_id = ?", [utterance_id])
            db.execute("DELETE FROM utterances WHERE id = ?", [utterance_id])

    def share(self, utterance_id: int) -> None:
        """Mark what was recorded from an utterance for the family note."""
        with self._writing() as db:
            db.execute("UPDATE milestones SET shared = 1 WHERE utterance_id = ?", [utterance_id])

    def add_reply(self, time: datetime, kind: str, text: str) -> None:
        with self._writing() as db:
            db["replies"].insert({"time": _iso(time), "kind": kind, "text": text})

    def setting(self, key: str) -> str | None:
        rows = list(self.db["settings"].rows_where("key = ?", [key]))
        return rows[0]["value"] if rows else None

    def set_setting(self, key: str, value: str) -> None:
        with self._writing() as db:
            db["settings"].upsert({"key": key, "value": value}, pk="key")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite_utils.Database]:
        """One committed transaction; SQLite trouble becomes a plain StoreError."""
        try:
            with self.db.conn:
                yield self.db
        except sqlite3.Error as error:
            raise StoreError(_explain(self.path, error)) from error

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
        return list(self.db["utterances"].rows_where(order_by="id"))

    def close(self) -> None:
        self.db.close()


def _iso(time: datetime) -> str:
    return time.isoformat(timespec="seconds")


def _private_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    return path


def _explain(path: Path | None, error: Exception) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"The database {path} is busy (another program has it locked). Try again shortly."
    if "readonly" in text or isinstance(error, PermissionError):
        return f"The database {path} cannot be written (read-only or no permission)."
    if "disk" in text and "full" in text:
        return f"The disk holding {path} is full. Free some space."
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a Small Wins database or is damaged ({text})."
    return f"The database {path} could not be used ({text})."
