"""The record's tables, grown through named migrations.

sqlite-utils records each migration's name in `_sqlite_migrations` and runs only the ones a
file has not had yet, so a database made by an older version opens unchanged and gains the
newer tables. Never rename or edit a migration here: add a new one.
"""

from __future__ import annotations

import re

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("smallwins")


@migrations()
def create_utterances(db: sqlite_utils.Database) -> None:
    db.table("utterances").create(
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
    db.table("utterances").create_index(["time"])


@migrations()
def create_progress_tables(db: sqlite_utils.Database) -> None:
    """Milestones and goals as rows a therapist can query; replies and settings for the dialog."""
    db.table("milestones").create(
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
    db.table("milestones").create_index(["activity", "unit", "time"])
    db.table("milestones").create_index(["time"])
    db.table("goals").create(
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
            "done_by": int,
        },
        pk="id",
        foreign_keys=[
            ("utterance_id", "utterances", "id"),
            ("parent_id", "goals", "id"),
            ("done_by", "utterances", "id"),
        ],
        not_null={"created", "text", "status"},
        defaults={"status": "active"},
    )
    db.table("goals").create_index(["status"])
    db.table("replies").create({"id": int, "time": str, "kind": str, "text": str}, pk="id")
    db.table("settings").create({"key": str, "value": str}, pk="key")


@migrations()
def add_utterance_keys(db: sqlite_utils.Database) -> None:
    """A unique key per utterance, so replaying the pending journal twice (after a crash
    between commit and emptying it) never stores anything twice."""
    db.table("utterances").add_column("key", str)
    db.table("utterances").create_index(["key"], unique=True)


@migrations()
def create_practice_tables(db: sqlite_utils.Database) -> None:
    """Speech practice: the caregiver's own items, each session and every attempt (what was
    asked, what was heard, the score), and the adaptive level per exercise kind."""
    db.table("practice_items").create(
        {"id": int, "added": str, "kind": str, "level": int, "text": str, "prompt": str,
         "accept": str},
        pk="id",
        not_null={"added", "kind", "level", "text", "prompt"},
        defaults={"accept": "[]"},
    )
    db.table("practice_items").create_index(["kind", "text"], unique=True)
    db.table("practice_sessions").create(
        {"id": int, "started": str, "ended": str, "assigned": int},
        pk="id",
        not_null={"started", "assigned"},
    )
    db.table("practice_attempts").create(
        {"id": int, "session_id": int, "item_id": int, "time": str, "kind": str, "level": int,
         "target": str, "heard": str, "score": float, "passed": int, "try": int,
         "engine": str, "confidence": float},
        pk="id",
        foreign_keys=[("session_id", "practice_sessions", "id"),
                      ("item_id", "practice_items", "id")],
        not_null={"session_id", "time", "kind", "level", "target", "heard", "score", "passed"},
    )
    db.table("practice_attempts").create_index(["time"])
    db.table("practice_attempts").create_index(["session_id"])
    db.table("practice_attempts").create_index(["target", "passed"])
    db.table("practice_levels").create(
        {"kind": str, "level": int, "wins": int, "misses": int, "updated": str},
        pk="kind",
        not_null={"level", "wins", "misses", "updated"},
    )


@migrations()
def index_links(db: sqlite_utils.Database) -> None:
    """Indexes on the columns that link tables, for undo, reports, and Datasette's views."""
    db.table("milestones").create_index(["utterance_id"])
    db.table("goals").create_index(["utterance_id"])
    db.table("goals").create_index(["parent_id"])
    db.table("goals").create_index(["done_by"])


@migrations()
def create_safety_tables(db: sqlite_utils.Database) -> None:
    """Red flags and feelings, each linked to the utterance that raised it: the report's
    "Needs attention" and "How they've been feeling" read them, never the dialog's memory."""
    for table, label in (("alerts", "kind"), ("moods", "mood")):
        db.table(table).create(
            {"id": int, "utterance_id": int, "time": str, label: str, "words": str},
            pk="id",
            foreign_keys=[("utterance_id", "utterances", "id")],
            not_null={"utterance_id", "time", label, "words"},
        )
        db.table(table).create_index(["utterance_id"])
        db.table(table).create_index(["time"])


@migrations()
def create_enrolled_tables(db: sqlite_utils.Database) -> None:
    """Words and phrases enrolled in the patient's own voice: each take kept as feature
    frames (float16 cepstra, `frames` × `dims`), not as audio; `spread` is how far the takes
    are from each other, the yardstick matching is measured against."""
    db.table("enrolled_phrases").create(
        {"id": int, "created": str, "text": str, "spread": float},
        pk="id",
        not_null={"created", "text", "spread"},
    )
    db.table("enrolled_phrases").create_index(["text"], unique=True)
    db.table("enrolled_takes").create(
        {"id": int, "phrase_id": int, "created": str, "frames": int, "dims": int,
         "features": bytes},
        pk="id",
        foreign_keys=[("phrase_id", "enrolled_phrases", "id")],
        not_null={"phrase_id", "created", "frames", "dims", "features"},
    )
    db.table("enrolled_takes").create_index(["phrase_id"])


@migrations()
def respread_enrolled_phrases(db: sqlite_utils.Database) -> None:
    """Dynamic time warping moved from a hand-written version to dtaidistance's, whose
    distances are on another scale (another step pattern): each phrase's spread is measured
    again from its stored takes, or every match ratio against it would be off."""
    # Imported here: the record opens without loading the matcher unless a file needs this.
    from assistant.record.enrolled import takes_by_phrase
    from speech.templates import phrase

    for phrase_id, takes in takes_by_phrase(db).items():
        if len(takes) >= 2:
            db.table("enrolled_phrases").update(phrase_id, {"spread": phrase("", takes).spread})


_NEUTRAL = {"your": "their", "yours": "theirs", "yourself": "themselves", "you": "they",
            "you're": "they're", "you've": "they've", "you'll": "they'll", "you'd": "they'd"}
_SECOND_PERSON = re.compile(r"\b(?:" + "|".join(sorted(_NEUTRAL, key=len, reverse=True))
                            + r")\b(?!')")


@migrations()
def neutral_summaries(db: sqlite_utils.Database) -> None:
    """Summaries and goals were kept as said to the patient ("drank your tea"), so the
    therapist's table and the family note read them that way; they are kept in a neutral
    form now ("drank their tea"), and replies say them to the patient."""
    for table, column in (("milestones", "summary"), ("goals", "text")):
        for row in db.query(f"SELECT id, {column} FROM {table} WHERE {column} LIKE '%you%'"):
            neutral = _SECOND_PERSON.sub(lambda m: _NEUTRAL[m.group()], row[column])
            if neutral != row[column]:
                db.table(table).update(row["id"], {column: neutral})


@migrations()
def keep_enrolled_audio(db: sqlite_utils.Database) -> None:
    """A take's recording, only when the caregiver asks to keep it (`enrol --keep-audio`):
    16-bit little-endian PCM at `rate` Hz. It goes with its take (`enrol --remove`, `forget`)."""
    db.table("enrolled_takes").add_column("audio", bytes)
    db.table("enrolled_takes").add_column("rate", int)


@migrations()
def add_practice_keys(db: sqlite_utils.Database) -> None:
    """A unique key per practice session and attempt, so those kept in the pending journal
    while the database refused them are replayed once, each attempt with its session."""
    for table in ("practice_sessions", "practice_attempts"):
        db.table(table).add_column("key", str)
        db.table(table).create_index(["key"], unique=True)


@migrations()
def add_corrections(db: sqlite_utils.Database) -> None:
    """What the recogniser heard, kept when a caregiver puts an utterance right (`correct`):
    the names it missed become the patient's personal vocabulary (vocabulary.py)."""
    db.table("corrections").create(
        {"id": int, "utterance_id": int, "time": str, "heard": str, "corrected": str},
        pk="id",
        foreign_keys=[("utterance_id", "utterances", "id")],
        not_null={"utterance_id", "time", "heard", "corrected"},
    )
