"""The patient's record, in SQLite through sqlite-utils.

Every utterance is committed before the assistant answers, so nothing said is lost to a crash.
The file is owner-only (0600) and in WAL mode, so a reader (a report, Datasette) never blocks
the loop. The schema grows through named migrations, so an old database opens in a new version.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

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
            "time": time.isoformat(timespec="seconds"),
            "text": text,
            "source": source,
            "engine": engine,
            "confidence": confidence,
            "duration_s": duration_s,
            "intent": intent,
            "understanding": json.dumps(understanding, ensure_ascii=False),
        }
        try:
            with self.db.conn:
                return self.db["utterances"].insert(row).last_pk
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
