"""The practice session turn by turn, on typed answers and a real SQLite file: feedback,
spoken commands, stored attempts, adaptive levels remembered across sessions, streaks."""

from __future__ import annotations

import json
import re
import sqlite3
import tomllib
from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest

from assistant.practice.items import make_item, parse_list
from assistant.practice.level import DOWN_AFTER, UP_AFTER
from assistant.practice.session import PracticeSession
from assistant.record import practice as records
from assistant.record.journal import journal_path
from assistant.record.store import Store

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start=MONDAY):
        self.time = start

    def __call__(self):
        self.time += timedelta(seconds=5)
        return self.time


@pytest.fixture
def db(tmp_path):
    return tmp_path / "wins.db"


def homework(db, text="butterfly; good morning; my name is Ann", clock=None):
    return PracticeSession(Store(db), parse_list(text), clock=clock or Clock())


def test_a_homework_session_from_greeting_to_closing(db):
    session = homework(db)
    opening = session.opening()
    assert "Let's practise" in opening.text and opening.text.endswith("Say after me: butterfly.")
    words = session.words("whisper")
    assert words[0] == "butterfly" and {"stop", "skip"} <= set(words)  # the target first
    assert "yes" not in words  # only after "shall I say it slowly?"

    first = session.answer("Butterfly.", engine="whisper")
    assert first.attempt.score.passed and not first.done
    assert "first time" in first.text and "'butterfly'" in first.text
    assert first.text.endswith("Say after me: good morning.")

    miss = session.answer("Good evening.", engine="whisper")
    assert not miss.attempt.score.passed
    assert "'morning'" in miss.text and "slowly" in miss.text and "skip" in miss.text

    slow = session.answer("yes please")
    assert slow.attempt is None
    assert [p.slow for p in slow.runs()] == [False, True, False]
    assert slow.runs()[1].text.lower() == "good, morning.", "modelled word by word, a sentence"

    retry = session.answer("Good morning!", engine="whisper")
    assert retry.attempt.score.passed and retry.attempt.try_number == 2

    last = session.answer("My name is Anne.", engine="whisper")
    assert last.done and session.done and session.words("whisper") is None
    assert re.search(r"\b3 words and phrases\b.*\ball of them\b", last.text), last.text

    rows = sqlite3.connect(db).execute(
        "SELECT target, heard, score, passed, try, engine, session_id FROM practice_attempts"
    ).fetchall()
    assert rows == [
        ("butterfly", "Butterfly.", 1.0, 1, 1, "whisper", session.session_id),
        ("good morning", "Good evening.", 0.5, 0, 1, "whisper", session.session_id),
        ("good morning", "Good morning!", 1.0, 1, 2, "whisper", session.session_id),
        ("my name is Ann", "My name is Anne.", 1.0, 1, 1, "whisper", session.session_id),
    ]


def test_stored_attempts_have_time_kind_level_and_confidence(db):
    session = homework(db, "good morning")
    session.answer("good morning", confidence=0.8, engine="vosk")
    (row,) = sqlite3.connect(db).execute(
        "SELECT time, kind, level, target, heard, score, passed, engine, confidence "
        "FROM practice_attempts").fetchall()
    assert row == ("2026-03-02T09:00:10+00:00", "repetition", 2, "good morning",
                   "good morning", 1.0, 1, "vosk", 0.8)


def test_three_misses_move_on_kindly_and_a_second_miss_models_slowly(db):
    session = homework(db, "butterfly; cup")
    first = session.answer("caterpillar")
    assert "Listen again: butterfly" in first.text or "It goes: butterfly" in first.text
    second = session.answer("butter")
    assert any(p.slow and p.text.lower().rstrip(".") == "butterfly" for p in second.parts)
    third = session.answer("buttercup")
    assert "another day" in third.text or "It will come" in third.text
    assert third.text.endswith("Say after me: cup.")


def test_commands_inside_a_session(db):
    session = homework(db, "good morning; cup; tea")
    assert session.answer("Say it again.").text == "Say after me: good morning."
    assert session.answer("slowly please").runs()[1].slow
    hint = session.answer("I don't know")
    assert "good morning" in hint.text and hint.attempt is None
    skipped = session.answer("skip")
    assert skipped.text.endswith("Say after me: cup.")
    stopped = session.answer("let's stop")
    assert stopped.done and re.search(r"\b1 phrase\b", stopped.text), "1 phrase, not 1"
    assert "0 of them" not in stopped.text
    assert sqlite3.connect(db).execute("SELECT count(*) FROM practice_attempts").fetchone() == (0,)
    assert sqlite3.connect(db).execute("SELECT ended FROM practice_sessions").fetchone()[0]


def test_yes_and_no_only_answer_the_offer(db):
    session = homework(db, "yes please; no thank you")
    assert session.answer("yes").attempt is not None  # an attempt at "yes please"
    declined = session.answer("no")
    assert declined.attempt is None and "another go" in declined.text


def test_silence_is_a_gentle_repeat_of_the_cue(db):
    session = homework(db, "butterfly")
    quiet = session.answer("")
    assert quiet.text == "Take your time. Whenever you're ready. Say after me: butterfly."
    assert quiet.attempt.score.value == 0


def test_feedback_never_shames():
    said = tomllib.loads(resources.files("assistant.practice").joinpath("talk.toml").read_text())
    said = said["say"]
    words = " ".join(line for lines in said.values() for line in lines).lower()
    for unkind in ("wrong", "bad", "incorrect", "fail", "mistake", "poor", "error"):
        assert unkind not in words


def test_level_goes_up_after_consistent_success_and_is_remembered(db):
    clock = Clock()
    session = PracticeSession(Store(db), kinds=["repetition"], count=UP_AFTER + 1, clock=clock)
    assert session.item.level == 1
    for _ in range(UP_AFTER):
        feedback = session.answer(session.item.target)
    assert "a little harder" in feedback.text
    assert session.item.level == 2
    session.answer("stop")
    again = PracticeSession(Store(db), kinds=["repetition"], clock=clock)
    assert again.item.level == 2
    assert records.level_states(Store(db))["repetition"].level == 2


def test_level_goes_down_after_repeated_misses(db):
    session = PracticeSession(Store(db), kinds=["naming"], level=3, clock=Clock())
    assert session.item.level == 3
    for _ in range(DOWN_AFTER - 1):
        session.answer("skip")
    feedback = session.answer("skip")
    assert "easier ones" in feedback.text
    assert session.item.level == 2


def test_homework_does_not_move_the_level(db):
    session = homework(db, "cup; tea; bed; door")
    for word in ("cup", "tea", "bed", "door"):
        session.answer(word)
    assert records.level_states(Store(db))["repetition"].level == 1


def test_sets_rotate_kinds_and_offer_personal_items_first(db):
    store = Store(db)
    records.add_items(store, [make_item("Margaret", level=1, personal=True)], MONDAY)
    session = PracticeSession(store, count=5, clock=Clock())
    seen = []
    while not session.done:
        seen.append((session.item.kind, session.item.target))
        session.answer("something else")
        session.answer("skip")
    assert [kind for kind, _ in seen] == ["repetition", "naming", "automatic", "functional",
                                         "reading"]
    assert seen[0] == ("repetition", "Margaret")
    second = PracticeSession(Store(db), count=1, kinds=["repetition"], clock=Clock())
    assert second.item.target != "Margaret"  # the least recently practised comes first


def test_streak_and_first_successes_feed_the_closing(db):
    clock = Clock()
    for day in range(3):
        clock.time = MONDAY + timedelta(days=day)
        session = homework(db, "butterfly; cup", clock=clock)
        session.answer("nothing like it" if day < 2 else "butterfly")
        closing = session.answer("stop")
    assert "3 days of practice in a row" in closing.text
    assert "For the first time, you said 'butterfly' clearly" in closing.text
    assert records.streak(Store(db), (MONDAY + timedelta(days=2)).date()) == 3
    assert [f.target for f in records.firsts(Store(db), since=MONDAY.date())] == ["butterfly"]


def test_words_for_vosk_are_a_grammar_with_foils_commands_and_unk(db):
    session = homework(db, "물 주세요; 안녕하세요")
    words = session.words("vosk")
    assert words[:2] == ["물", "주세요"]
    assert "안녕하세요" in words and "skip" in words and words[-1] == "[unk]"


def test_a_near_miss_is_called_nearly(db):
    session = homework(db, "butterfly")
    feedback = session.answer("butterfy")
    assert "'butterfly'" in feedback.text
    assert "Nearly" in feedback.text or "close" in feedback.text


def kept_in_journal(db):
    return [json.loads(line) for line in journal_path(db).read_text().splitlines()]


def test_attempts_made_while_another_program_holds_the_file_wait_in_the_journal(db):
    """The session goes on through a lock, says once that it is keeping the attempts, and
    the next write after the lock stores them, in order and in their session."""
    store = Store(db)
    store.db.execute("PRAGMA busy_timeout = 100")
    session = PracticeSession(store, parse_list("butterfly; good morning; cup"), clock=Clock())
    assert str(db) not in session.opening().text
    assert session.answer("Butterfly.", engine="whisper").attempt.id is not None
    other_program = sqlite3.connect(db)
    other_program.execute("BEGIN EXCLUSIVE")
    miss = session.answer("Good evening.", engine="whisper")
    assert miss.attempt.id is None and str(db) in miss.parts[0].text  # the plain reason
    assert "'morning'" in miss.text, "the feedback on the attempt still follows"
    retry = session.answer("Good morning.", engine="whisper")
    assert retry.attempt.id is None and retry.attempt.score.passed
    assert str(db) not in retry.text, "said once, not after every attempt"
    assert [row["row"]["heard"] for row in kept_in_journal(db)] == ["Good evening.",
                                                                   "Good morning."]
    other_program.rollback()
    other_program.close()

    last = session.answer("cup", engine="whisper")
    assert last.done and last.attempt.id is not None
    rows = sqlite3.connect(db).execute(
        "SELECT heard, try, session_id FROM practice_attempts ORDER BY id").fetchall()
    assert rows == [("Butterfly.", 1, session.session_id), ("Good evening.", 1, session.session_id),
                    ("Good morning.", 2, session.session_id), ("cup", 1, session.session_id)]
    assert journal_path(db).stat().st_size == 0


def test_a_session_started_while_locked_is_stored_whole_and_a_second_replay_adds_nothing(db):
    Store(db).close()
    other_program = sqlite3.connect(db)
    other_program.execute("BEGIN EXCLUSIVE")
    store = Store(db)
    store.db.execute("PRAGMA busy_timeout = 100")
    session = PracticeSession(store, parse_list("cup; good morning"), clock=Clock())
    assert session.session_id is None and str(db) in session.opening().parts[0].text
    session.answer("cup", engine="whisper")
    closing = session.answer("stop")
    assert closing.done and str(db) not in closing.text
    kept = journal_path(db).read_text()
    assert [row["table"] for row in kept_in_journal(db)] == [
        "practice_sessions", "practice_attempts", "practice_sessions"]  # start, cup, end
    other_program.rollback()
    other_program.close()

    reopened = Store(db)  # opening replays the journal
    sessions = reopened.db.execute("SELECT id, ended FROM practice_sessions").fetchall()
    assert len(sessions) == 1 and sessions[0][1] is not None
    assert reopened.db.execute("SELECT target, session_id FROM practice_attempts").fetchall() == [
        ("cup", sessions[0][0])]
    assert [f.target for f in records.firsts(reopened, session_key=session.session_key)] == ["cup"]
    journal_path(db).write_text(kept)  # as if a crash came between the commit and emptying it
    again = Store(db)
    assert again.db.execute("SELECT count(*) FROM practice_sessions").fetchone()[0] == 1
    assert again.db.execute("SELECT count(*) FROM practice_attempts").fetchone()[0] == 1
