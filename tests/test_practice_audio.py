"""Answers spoken by espeak-ng, recognised for real with each engine's word hints, scored."""

from __future__ import annotations

import pytest

from assistant.conversation.hearing import hear_audio, recognise
from assistant.practice.items import parse_list
from assistant.practice.runner import practise
from assistant.practice.session import PracticeSession
from assistant.record.store import Store
from speech.audio import chunks, read_wav
from speech.vad import Endpointer

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("target", "said", "passed"),
    [
        ("butterfly", "butterfly", True),
        ("Margaret", "Margaret", True),  # hinted Whisper hears nothing; the free pass does
        ("one two three four five", "one two three four five", True),
        ("good morning", "good evening", False),
        ("my name is Ann", "my name is Margaret", False),
        ("toothbrush", "hairbrush", False),
        ("knife", "spoon", False),
    ],
)
def test_whisper_with_hints_scores_right_and_wrong_answers(whisper, speak, tmp_path, target,
                                                           said, passed):
    session = PracticeSession(Store(tmp_path / "wins.db"), parse_list(target))
    heard = recognise(whisper, read_wav(speak(said)), session.words("whisper"))
    feedback = session.answer(heard.text, heard.confidence, heard.engine, heard.words)
    assert feedback.attempt.score.passed is passed, heard.text


def recorded_session(whisper, recording, items: str, folder) -> tuple[list, list[tuple]]:
    """A practice session over one recording, as `practice --audio` runs it: the replies,
    and each attempt's (target, passed)."""
    session = PracticeSession(Store(folder / "wins.db"), parse_list(items))
    replies: list = []
    answers = hear_audio(chunks(read_wav(recording)), whisper, Endpointer(), "recording",
                         hints=session.words)
    practise(session, answers, lambda feedback, answer: None, replies.append)
    attempts = [r.attempt.to_json() for r in replies if r.attempt]
    return replies, [(a["target"], a["passed"]) for a in attempts]


def test_a_recorded_session_runs_through_endpointing(whisper, spoken_session, tmp_path):
    recording = spoken_session(["butterfly", "good evening", "slowly", "good morning"])
    replies, attempts = recorded_session(whisper, recording, "butterfly; good morning", tmp_path)
    assert attempts == [("butterfly", True), ("good morning", False), ("good morning", True)]
    assert any(part.slow for part in replies[3].parts)  # "slowly" was a command, not an answer
    assert replies[-1].done


def test_vosk_grammar_mode_with_the_korean_model(korean_vosk, speak, tmp_path):
    items = parse_list("안녕하세요; 물 주세요; 병원")
    session = PracticeSession(Store(tmp_path / "wins.db"), items)
    outcomes = []
    for said in ("안녕하세요", "안녕하세요", "물 주세요", "병원"):
        heard = recognise(korean_vosk, read_wav(speak(said, voice="ko")), session.words("vosk"))
        feedback = session.answer(heard.text, heard.confidence, heard.engine, heard.words)
        outcomes.append((feedback.attempt.item.target, feedback.attempt.score.passed))
        assert heard.engine == "vosk" and heard.words, heard
    assert outcomes == [("안녕하세요", True), ("물 주세요", False), ("물 주세요", True),
                        ("병원", True)]



def test_numbers_are_verified_as_whisper_writes_them(whisper, spoken_session, tmp_path):
    """Whisper writes "25" and "40": read against the audio, "twenty five" spelt out is far
    less likely than that, and a right answer failed."""
    recording = spoken_session(["twenty five", "forty"])
    _, attempts = recorded_session(whisper, recording, "twenty five; forty", tmp_path)
    assert attempts == [("twenty five", True), ("forty", True)]
