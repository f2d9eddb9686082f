"""Scoring an attempt: forgiving about how a recogniser spells, strict about a wrong word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.practice.items import builtin_items, make_item
from assistant.practice.scoring import score
from speech.asr.base import Word
from speech.asr.verify import Support


@pytest.mark.parametrize(
    ("target", "heard"),
    [
        ("butterfly", "Butterfly."),
        ("good morning", "Goodmorning!"),
        ("toothbrush", "tooth brush"),
        ("my name is Ann", "My name is Anne."),
        ("one two three four five six seven eight nine ten", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10."),
        ("one two three four five", "12345"),
        ("I'm fine thank you", "I am fine, thank you."),
        ("Oak Street", "Oak St."),
        ("colour", "color"),
        ("a coffee please", "Coffee, please."),
        ("knife", "It's a knife."),
        ("butterfly", "Um, b- butterfly."),
        ("umbrella", "umbrella umbrella"),
        ("good morning", "Good morning everyone."),
        ("물 주세요", "물 주세요"),
    ],
)
def test_recogniser_spelling_is_forgiven(target, heard):
    result = score([target], heard)
    assert result.passed, result
    assert result.missed == []


@pytest.mark.parametrize(
    ("target", "heard", "missed"),
    [
        ("good morning", "Good evening.", ["morning"]),
        ("my name is Ann", "My name is Margaret.", ["Ann"]),
        ("one two three four five six seven eight nine ten", "1, 2, 3, 4, 5, 6, 8, 9, 10.",
         ["seven"]),
        ("The dog ran across the park to find his ball.",
         "The dog ran across the park to find his bowl.", ["ball"]),
        ("cup", "cap", ["cup"]),
        ("coffee", "toffee", ["coffee"]),
        ("물 주세요", "사과 주세요", ["물"]),
        ("butterfly", "", ["butterfly"]),
    ],
)
def test_a_wrong_or_missing_word_fails_and_is_named(target, heard, missed):
    result = score([target], heard)
    assert not result.passed
    assert result.missed == missed
    assert 0 <= result.value < 1


def test_near_miss_earns_half_credit_but_fails():
    result = score(["butterfly"], "butterfy")
    assert not result.passed
    assert result.value == 0.5
    assert result.near == ["butterfly"]


def test_articles_count_little_and_never_fail():
    dropped = score(["a glass of water"], "glass of water")
    assert dropped.passed
    assert 0.9 < dropped.value < 1


def test_several_other_words_are_something_else_said():
    """Whisper, hinted with "toothbrush", wrote this for "hairbrush"."""
    result = score(["toothbrush"], "hair brush toothbrush")
    assert not result.passed
    assert result.value < 1


def test_accepted_alternatives_count_as_right():
    result = score(["telephone", "phone"], "The phone.")
    assert result.passed
    assert result.target == "phone"


def test_vosk_confidence_below_the_floor_makes_a_word_unsure():
    words = [Word("물", 0.0, 0.4, 0.3), Word("주세요", 0.4, 0.9, 1.0)]
    unsure = score(["물 주세요"], "물 주세요", engine="vosk", words=words)
    assert not unsure.passed
    assert unsure.missed == ["물"]
    assert score(["물 주세요"], "물 주세요", engine="vosk", confidence=0.9).passed


def test_whisper_confidence_is_not_used_because_hints_flatten_it():
    words = [Word("butterfly", 0.0, 0.5, 0.0)]
    assert score(["butterfly"], "butterfly", engine="whisper", words=words).passed


@pytest.mark.parametrize("item", builtin_items(), ids=lambda i: i.target)
def test_every_builtin_answer_passes_as_a_recogniser_would_write_it(item):
    for answer in item.answers:
        assert score(item.answers, answer).passed
        assert score(item.answers, answer.upper() + "!").passed


@given(st.text(max_size=80), st.text(max_size=80))
def test_any_text_scores_between_0_and_1(target, heard):
    result = score([target], heard)
    assert 0 <= result.value <= 1
    assert isinstance(result.passed, bool)


def test_a_number_is_verified_in_digits_but_another_number_written_fails():
    """"25" reads nearly as likely against "twenty nine" as "29" does (one piece each), so
    the audio's support passes it; what Whisper wrote names the other number."""
    answers = make_item("twenty five").answers
    assert answers == ("twenty five", "25")
    likely = (Support("25", (-0.4,), (-0.4,)),)
    assert score(answers, "25", support=likely).passed
    assert not score(answers, "29", support=likely).passed
    assert not score(answers, "twenty-nine", support=likely).passed
