"""A practice session run through the turn loop on typed answers and a real SQLite file:
greeting first, each answer shown then spoken, the closing once, and no answer read after
the session ends."""

from __future__ import annotations

from datetime import UTC, datetime

from assistant.practice.items import parse_list
from assistant.practice.runner import practise
from assistant.practice.session import PracticeSession
from assistant.record.store import Store
from assistant.turn import Heard

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def typed(*texts):
    return [Heard(text, "typed", AT) for text in texts]


def run(tmp_path, items, answers):
    session = PracticeSession(Store(tmp_path / "wins.db"), parse_list(items))
    given = []
    practise(session, answers, lambda feedback, answer: given.append(("show", feedback, answer)),
             lambda feedback: given.append(("speak", feedback, None)))
    return session, given


def test_each_answer_is_shown_then_spoken_and_the_input_ending_closes_the_session(tmp_path):
    session, given = run(tmp_path, "cup; good morning", typed("cup"))
    assert [step for step, _, _ in given] == ["show", "speak"] * 3
    opening, answered, closing = given[0][1], given[2][1], given[4][1]
    assert opening.attempt is None and given[0][2] is None
    assert answered.attempt.score.passed and given[2][2].text == "cup"
    assert closing.done and given[4][2] is None and session.done
    assert given[1][1] is opening and given[3][1] is answered and given[5][1] is closing


def test_the_session_ending_stops_reading_answers(tmp_path):
    read = []

    def answers():
        for heard in typed("cup", "stop", "never read"):
            read.append(heard.text)
            yield heard

    session, given = run(tmp_path, "cup; good morning", answers())
    assert read == ["cup", "stop"]
    assert session.done and sum(feedback.done for step, feedback, _ in given if step == "show") == 1
