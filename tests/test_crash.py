"""Crash safety: the real assistant, killed with SIGKILL at random moments and restarted,
never loses or duplicates an utterance it reported as saved, and its database stays sound.

"Reported" means printed as a JSON turn with its id: the loop prints a turn only after the
utterance is committed, and speaks only after printing. An utterance being taken when the
kill lands may or may not have been committed; it may be in the database, but at most once.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from live import LiveAssistant

pytestmark = pytest.mark.slow

TEMPLATES = [
    "I walked {n} steps with my walker",
    "I stood up from the chair {n} times",
    "I read {n} pages out loud",
    "I lifted my left arm {n} times",
    "I brushed my hair for {n} minutes",
]


@dataclass
class Tally:
    kills: int = 0
    """Kills that found the assistant running (not those after it had finished a recording)."""
    reported: dict[int, str] = field(default_factory=dict)
    """id → text of every turn the assistant printed."""
    checks: int = 0
    integrity_failures: list[str] = field(default_factory=list)

    def check(self, db: Path) -> None:
        """PRAGMA integrity_check, as the next start would find the file."""
        self.checks += 1
        if (result := _integrity(db)) != "ok":
            self.integrity_failures.append(result)

    def summary(self, db: Path) -> tuple[str, list[str], list[str]]:
        texts = [row[1] for row in _rows(db)]
        stored = Counter(texts)
        lost = [t for t in self.reported.values() if stored[t] == 0]
        duplicated = [t for t, n in stored.items() if n > 1]
        in_flight = len(set(texts) - set(self.reported.values()))
        line = (
            f"crash test: {self.kills} kills, {len(self.reported)} utterances reported saved, "
            f"{len(texts)} stored ({in_flight} more saved just before a kill, unreported), "
            f"{len(lost)} lost, {len(duplicated)} duplicated, "
            f"integrity_check ok {self.checks - len(self.integrity_failures)}/{self.checks}"
        )
        print(line)
        return line, lost, duplicated


def _rows(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT id, text FROM utterances ORDER BY id").fetchall()


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def _kill_and_check(assistant: LiveAssistant, db: Path, tally: Tally) -> None:
    if assistant.process.poll() is None:
        tally.kills += 1
    assistant.kill()
    for turn in assistant.turns():
        assert turn["id"] is not None, turn
        tally.reported[turn["id"]] = turn["heard"]
    if db.exists():
        tally.check(db)


def _assert_clean(tally: Tally, db: Path, stored_text_of: dict[int, str]) -> None:
    line, lost, duplicated = tally.summary(db)
    assert not tally.integrity_failures, line
    assert not lost, f"{line}: lost {lost}"
    assert not duplicated, f"{line}: duplicated {duplicated}"
    for turn_id, text in tally.reported.items():
        assert stored_text_of[turn_id] == text, f"{line}: turn {turn_id} stored differently"


def test_typed_session_survives_thirty_kills(tmp_path):
    """30 SIGKILLs at random moments: a third while it starts (opening the database), the
    rest mid-conversation, with lines arriving faster than replies are made, so kills land
    in commits, prints and speech."""
    db, replies = tmp_path / "wins.db", tmp_path / "replies.wav"
    rng = random.Random(7)
    counter = itertools.count(1)
    tally = Tally()
    for cycle in range(30):
        # espeak-ng: its replies render in milliseconds, so each short life holds many turns
        # (Piper's take 0.2 s or more each; the kills are what is tested here, not the voice).
        assistant = LiveAssistant("run", "--text", "--json", "--db", str(db),
                                  "--reply-wav", str(replies), "--voice", "espeak")
        starting = cycle % 3 == 0
        deadline = time.monotonic() + (rng.uniform(0.1, 1.2) if starting else 60)
        while time.monotonic() < deadline:
            try:
                assistant.say(rng.choice(TEMPLATES).format(n=next(counter)))
            except BrokenPipeError:
                pytest.fail("the assistant stopped by itself:\n" + "\n".join(assistant.err))
            if not starting and assistant.out:  # it is answering: kill it within a second
                starting, deadline = True, time.monotonic() + rng.uniform(0.0, 1.0)
            time.sleep(rng.uniform(0.005, 0.06))
        _kill_and_check(assistant, db, tally)

    last = "I walked one more step after all that"
    after = LiveAssistant("run", "--text", "--json", "--db", str(db))
    after.say(last)
    assert after.end_input() == 0, after.err
    tally.reported[after.turns()[0]["id"]] = last
    tally.check(db)
    _assert_clean(tally, db, dict(_rows(db)))
    assert tally.kills == 30 and len(tally.reported) > 100, "too few turns to mean anything"


def test_spoken_recording_survives_kills(tmp_path, spoken_session):
    """A long scripted recording, played in pieces as a microphone would deliver it (each
    piece heard once); killed at random moments while loading or while taking turns."""
    rng = random.Random(11)
    pieces = []
    numbers = iter(range(3, 200, 4))
    for index in range(6):
        # Eight updates a piece, so the assistant is still taking turns when the kill lands
        # even when recognition is fast.
        texts = [rng.choice(TEMPLATES).format(n=next(numbers)) for _ in range(8)]
        pieces.append(spoken_session(texts, gap_s=1.0).rename(tmp_path / f"piece{index}.wav"))
    db = tmp_path / "wins.db"
    tally = Tally()
    for index, piece in enumerate(pieces):
        assistant = LiveAssistant("run", "--audio", str(piece), "--json", "--db", str(db),
                                  "--reply-wav", str(tmp_path / "replies.wav"), "--pause", "0.8")
        if index % 3 == 0:
            time.sleep(rng.uniform(0.3, 2.0))  # while it starts and loads the recogniser
        else:
            assistant.turn(1)  # while it takes turns, however long loading took
            time.sleep(rng.uniform(0.0, 0.6))
        _kill_and_check(assistant, db, tally)
    _assert_clean(tally, db, dict(_rows(db)))
    assert tally.kills >= 4 and tally.reported, "the kills missed the running assistant"
