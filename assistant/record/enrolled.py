"""Phrases enrolled in the patient's own voice, in the record: each take as feature frames
(speech/templates.py), and its recording only when the caregiver asks to keep it. `forget`
deletes them with everything else (they have a `created` time, and takes follow their
phrase)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np
import sqlite_utils

from assistant.record.store import Store, insert_row, iso
from speech.audio import Audio
from speech.templates import Phrase


def save(store: Store, phrase: Phrase, time: datetime, audio: Sequence[Audio] = ()) -> None:
    """Store a phrase and its takes, replacing any phrase enrolled before with the same words.
    `audio`, given only when the caregiver asked to keep the recordings, holds one recording
    per take, in the takes' order."""
    recordings: list[Audio | None] = [*audio] or [None] * len(phrase.takes)
    with store.writing() as db:
        _delete(db, phrase.text)
        phrase_id = insert_row(db, "enrolled_phrases",
                               {"created": iso(time), "text": phrase.text,
                                "spread": phrase.spread})
        db.table("enrolled_takes").insert_all(
            {"phrase_id": phrase_id, "created": iso(time), "frames": take.shape[0],
             "dims": take.shape[1], "features": take.astype("<f2").tobytes(),
             "audio": recording.to_bytes() if recording else None,
             "rate": recording.rate if recording else None}
            for take, recording in zip(phrase.takes, recordings, strict=True))


def phrases(store: Store) -> list[Phrase]:
    """Every enrolled phrase with its takes, in the order they were enrolled."""
    takes = takes_by_phrase(store.db)
    return [Phrase(row["text"], tuple(takes.get(row["id"], ())), row["spread"])
            for row in store.db.query("SELECT id, text, spread FROM enrolled_phrases ORDER BY id")]


def recordings_kept(store: Store) -> dict[str, int]:
    """How many takes of each enrolled phrase have their recording kept, by phrase."""
    return {row["text"]: row["kept"] for row in store.db.query(
        "SELECT p.text, count(t.audio) AS kept FROM enrolled_phrases p "
        "JOIN enrolled_takes t ON t.phrase_id = p.id GROUP BY p.id")}


def takes_by_phrase(db: sqlite_utils.Database) -> dict[int, list[np.ndarray]]:
    """Every stored take as feature frames, by phrase id, in the order they were taken."""
    takes: dict[int, list[np.ndarray]] = {}
    for row in db.query(
            "SELECT phrase_id, frames, dims, features FROM enrolled_takes ORDER BY id"):
        frames = np.frombuffer(row["features"], "<f2").astype(np.float32)
        takes.setdefault(row["phrase_id"], []).append(frames.reshape(row["frames"], row["dims"]))
    return takes


def remove(store: Store, text: str) -> bool:
    """Delete a phrase and its takes; False if no phrase has these words."""
    with store.writing() as db:
        return _delete(db, text)


def _delete(db: sqlite_utils.Database, text: str) -> bool:
    ids = [r["id"] for r in db.query(
        "SELECT id FROM enrolled_phrases WHERE lower(text) = lower(?)", [text])]
    for phrase_id in ids:
        db.execute("DELETE FROM enrolled_takes WHERE phrase_id = ?", [phrase_id])
        db.execute("DELETE FROM enrolled_phrases WHERE id = ?", [phrase_id])
    return bool(ids)
