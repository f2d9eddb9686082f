"""The conversation over days, in-process on a real SQLite file: encouragement from history,
goals, setbacks, questions, confirmation, undo, voice commands and the wake phrase."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from assistant.conversation.dialog import Dialog, DialogSettings, remembered_voice_settings
from assistant.record import history
from assistant.record.store import Store
from assistant.turn import Heard, Progress, ReplyKind
from speech.tts import VoiceSettings

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Patient:
    """Talks to a Dialog as the patient would, with the clock under the test's control."""

    def __init__(self, path, **settings):
        self.store = Store(path)
        self.dialog = Dialog(self.store, DialogSettings(**settings), VoiceSettings())
        self.now = MONDAY
        self.turn = None

    def says(self, text, confidence=None, after=timedelta(seconds=5)):
        self.now += after
        self.turn = self.dialog.take(Heard(text, "typed", self.now, confidence=confidence))
        return self.turn.reply if self.turn else None

    def next_day(self, days=1):
        self.now = self.now.replace(hour=9) + timedelta(days=days)

    def values(self, activity="walk"):
        return [d.value for d in history.milestones(self.store, activity=activity)]


@pytest.fixture
def patient(tmp_path):
    return Patient(tmp_path / "wins.db")


def test_first_time_then_personal_best_then_last_week(patient):
    patient.says("I walked 12 steps with my walker")
    assert (patient.turn.kind, patient.turn.progress) == (ReplyKind.ENCOURAGE, Progress.FIRST_TIME)
    patient.next_day()
    best = patient.says("I walked 20 steps with my walker")
    assert patient.turn.progress == Progress.PERSONAL_BEST and "20 steps" in best
    patient.next_day(7)
    patient.says("I walked 15 steps")
    patient.next_day(1)
    week = patient.says("I walked 18 steps")
    assert patient.values() == [12, 20, 15, 18]
    assert "18 steps" in week


def test_first_time_on_your_own_offers_to_share(patient):
    patient.says("I got dressed with my wife helping me")
    patient.next_day()
    reply = patient.says("I got dressed by myself")
    assert patient.turn.progress == Progress.FIRST_INDEPENDENT
    assert "family" in reply.lower()
    assert "family" in patient.says("yes").lower()
    shared = patient.store.db.execute("SELECT shared FROM milestones ORDER BY id").fetchall()
    assert shared == [(0,), (1,)]


def test_goal_created_planned_tracked_and_reached(patient):
    patient.says("I walked 12 steps")
    reply = patient.says("My goal is to walk 30 steps")
    assert "30 steps" in reply and "smaller steps" in reply
    plan = patient.says("yes")
    assert re.search(r"18 steps.*25 steps.*30 steps", plan), plan
    assert [g.text for g in history.goals(patient.store)] == [
        "walk 30 steps", "walk 18 steps", "walk 25 steps", "walk 30 steps"]
    patient.next_day()
    progress = patient.says("I walked 16 steps")
    assert patient.turn.kind == ReplyKind.ENCOURAGE and "18 steps" in progress
    patient.next_day()
    reached = patient.says("I walked 31 steps")
    assert patient.turn.kind == ReplyKind.GOAL_REACHED and "walk 30 steps" in reached
    assert history.active_goals(patient.store) == []


def test_setback_gets_perspective_from_the_record(patient):
    patient.says("I lifted my arm five times")
    patient.next_day(2)
    reply = patient.says("I couldn't lift my arm today")
    assert "lifted your arm 5 times" in reply
    assert "on monday" in reply.lower()
    assert "well done" not in reply.lower()


def test_progress_questions_use_the_stored_numbers(patient):
    patient.says("I walked 12 steps")
    patient.next_day()
    patient.says("I walked 20 steps")
    patient.says("I buttoned my shirt by myself")
    assert "32 steps" in patient.says("How many steps did I walk this week?")
    yesterday = patient.says("what did I do yesterday")
    assert "12 steps" in yesterday and "20" not in yesterday
    assert "20 steps" in patient.says("what's my best walk")
    assert "3 wins" in patient.says("how am I doing")


def test_undo_removes_the_last_entry_and_says_what(patient):
    patient.says("I walked 12 steps")
    patient.says("I walked 500 steps")
    reply = patient.says("delete that")
    assert "500 steps" in reply
    assert patient.values() == [12]
    assert [r["text"] for r in patient.store.utterances()][-1] == "delete that"


def test_low_confidence_is_confirmed_before_it_counts(patient):
    question = patient.says("I walked 50 steps", confidence=0.3)
    assert question.startswith(("Did you say", "Just to check"))
    assert "50 steps" in question
    assert patient.values() == []
    patient.says("no")
    assert patient.values() == []
    assert "50 steps" not in " ".join(r["text"] for r in patient.store.utterances())
    patient.says("I walked 15 steps", confidence=0.3)
    patient.says("yes")
    assert patient.values() == [15]


def test_voice_commands_change_and_remember_the_voice(patient, tmp_path):
    before = patient.dialog.voice
    patient.says("slow down please")
    patient.says("speak up")
    assert patient.dialog.voice.rate_wpm == before.rate_wpm - 20
    again = remembered_voice_settings(Store(tmp_path / "wins.db"), None, None, "en-us")
    assert again.rate_wpm == before.rate_wpm - 20
    given = remembered_voice_settings(Store(tmp_path / "wins.db"), 160, None, "en-us")
    assert given.rate_wpm == 160
    last = patient.says("I walked 10 steps")
    assert patient.says("say that again") == last
    assert patient.says("what can I say") and patient.turn.kind == ReplyKind.HELP


def test_wake_phrase_guards_entries_outside_the_window(tmp_path):
    patient = Patient(tmp_path / "wins.db", wake_phrase="hey coach", window_s=30)
    assert patient.says("the weather today will be rainy and cold") is None
    assert patient.says("hey coach I walked ten steps") is not None
    assert patient.says("I also buttoned my shirt", after=timedelta(seconds=10)) is not None
    assert patient.says("I walked a mile", after=timedelta(minutes=5)) is None
    assert patient.says("hey coach") is not None
    assert len(patient.store.utterances()) == 3


def test_the_same_sentence_is_not_repeated_soon(patient):
    replies = [patient.says("I walked to the kitchen") for _ in range(4)]
    assert len(set(replies)) == 4


def test_undo_reopens_a_goal_the_entry_had_finished(patient):
    patient.says("my goal is to walk 30 steps")
    patient.says("no")
    patient.says("I walked 500 steps")
    assert history.active_goals(patient.store) == []
    patient.says("that's wrong")
    assert [g.text for g in history.active_goals(patient.store)] == ["walk 30 steps"]


def test_personal_best_offers_a_friendly_next_goal(patient):
    patient.says("I walked 20 steps")
    patient.next_day()
    reply = patient.says("I walked 24 steps")
    assert "30 steps" in reply
    patient.says("yes")
    assert [g.text for g in history.active_goals(patient.store)] == ["walk 30 steps"]


def test_goal_without_a_number_is_reached_by_saying_so(patient):
    patient.says("My goal is to walk to the mailbox by myself")
    plan = patient.says("yes please")
    assert "beside you" in plan and "on your own" in plan
    patient.next_day()
    reached = patient.says("I walked to the mailbox by myself")
    assert "goal" in reached.lower()
    left = [g.text for g in history.active_goals(patient.store)]
    assert "walk to the mailbox independently" not in left


def test_i_did_it_finishes_the_goal_being_worked_on(patient):
    patient.says("My goal is to walk to the mailbox by myself")
    patient.says("no")
    reply = patient.says("I did it! I walked all the way to the mailbox on my own")
    assert "goal" in reply.lower() and "mailbox" in reply
    assert history.active_goals(patient.store) == []
    assert patient.values() != []


def test_forgetting_everything_by_voice_needs_a_spoken_yes(patient):
    patient.says("I walked 12 steps")
    assert "yes to confirm" in patient.says("delete everything")
    patient.says("no")
    assert patient.values() == [12]
    patient.says("forget everything you know about me")
    assert "deleted" in patient.says("yes").lower()
    assert patient.values() == []
    assert all("12 steps" not in u["text"] for u in patient.store.utterances())


def test_lets_practise_runs_a_session_inside_the_conversation(patient):
    opening = patient.says("let's practise")
    assert "practise" in opening.lower()
    patient.says("banana bread")
    slow = patient.dialog.take(Heard("slowly", "typed", patient.now + timedelta(seconds=5)))
    assert any(p.slow for p in slow.parts), "the target is modelled slowly"
    spoken = zip(slow.parts, slow.spoken(), strict=True)
    paces = {part.slow: voice.rate_wpm for part, (_, voice) in spoken}
    assert paces[True] < paces[False] == slow.voice.rate_wpm
    patient.says("stop")
    attempts = patient.store.db.execute("SELECT heard FROM practice_attempts").fetchall()
    assert attempts == [("banana bread",)]
    assert patient.values() == []
    assert "10 steps" in patient.says("I walked 10 steps"), "back to the usual conversation"


def test_the_record_keeps_a_neutral_summary_that_replies_say_to_the_patient(patient):
    """The therapist's table and the family note read "drank their tea"; the patient hears
    "your tea". Goals and their smaller steps are kept the same way."""
    said = patient.says("I drank my tea by myself")
    [done] = history.milestones(patient.store)
    assert done.summary.split() == ["drank", "their", "tea", "independently"]
    assert re.search(r"\byour tea\b", said) and not re.search(r"\btheir\b", said)
    patient.says("I want to be able to hold my grandson")
    plan = patient.says("yes")
    kept = [g.text for g in history.goals(patient.store)]
    assert kept and all("their grandson" in text for text in kept)
    assert not any(re.search(r"\byou(r|rs|rself)?\b", text) for text in kept)
    assert re.search(r"\byour grandson\b", plan) and not re.search(r"\btheir\b", plan)


def test_the_side_is_said_back_and_kept(patient):
    said = patient.says("I brushed my teeth with my left hand")
    [done] = history.milestones(patient.store)
    assert "their left hand" in done.summary
    assert "your left hand" in said
