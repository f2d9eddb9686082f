"""The wake phrase as recognisers write it; false wakes matter as much as misses."""

from __future__ import annotations

import pytest

from assistant.understand import strip_wake, understand

PHRASE = "hey coach"


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("hey coach", ""),
        ("Hey coach", ""),
        ("Hey, Coach.", ""),
        ("Hey coach!", ""),
        ("HEY COACH", ""),
        ("hey, coach", ""),
        ("Hey—coach.", ""),
        ("  hey coach  ", ""),
        ("hey coach i walked", "i walked"),
        ("hey coach i walked twenty steps", "i walked twenty steps"),
        ("Hey coach, I walked 20 steps.", "I walked 20 steps."),
        ("Hey Coach! How am I doing?", "How am I doing?"),
        ("Hey, Coach, say that again.", "say that again."),
        ("hey coach stop", "stop"),
        ("hey coach how many steps did i walk this week", "how many steps did i walk this week"),
        ("hay coach", ""),
        ("hay coach i walked", "i walked"),
        ("a coach", ""),
        ("a coach i walked ten steps", "i walked ten steps"),
        ("a coach how am i doing", "how am i doing"),
        ("a coach say that again", "say that again"),
        ("A coach, I walked.", "I walked."),
        ("eh coach i walked", "i walked"),
        ("hi coach", ""),
        ("Hi Coach, I stood up by myself.", "I stood up by myself."),
        ("hey couch i walked", "i walked"),
        ("hey coch", ""),
        ("heycoach i walked", "i walked"),
        ("Hey-coach, I walked.", "I walked."),
        ("hey co ach i walked", "i walked"),
        ("um hey coach i walked", "i walked"),
        ("Uh, hey coach, I walked.", "I walked."),
        ("hey coach hey coach i walked", "i walked"),
        ("hey coach, hey coach", ""),
    ],
)
def test_wakes(text, rest):
    assert strip_wake(text, PHRASE) == rest


@pytest.mark.parametrize(
    "text",
    [
        "i heard the coach on the radio",
        "I heard the coach on the radio.",
        "the coach was late",
        "The coach was late today.",
        "they coach football on saturdays",
        "coach",
        "coach says we won",
        "hey",
        "Hey!",
        "hey there",
        "hey how are you",
        "hey you",
        "a couch",
        "a couch is comfy",
        "hay couch",
        "hey coaches",
        "hey coached",
        "hey coat",
        "a coach came to see me today",
        "A coach came to see me today.",
        "a coach is coming at noon",
        "a coach trip to the seaside",
        "a coach from the gym visited",
        "a coach and a nurse came",
        "a coach told me to rest",
        "i hey coach",
        "so hey coach",
        "my coach said hey",
        "i walked with my coach",
        "the hey coach show is on",
        "hockey coach",
        "he coaches the team",
        "",
        "   ",
        "...",
    ],
)
def test_does_not_wake(text):
    assert strip_wake(text, PHRASE) is None


def test_a_near_miss_must_not_be_the_only_match():
    assert strip_wake("hey couch", PHRASE) == ""
    assert strip_wake("a coach", PHRASE) == ""
    assert strip_wake("a couch", PHRASE) is None


def test_the_phrase_is_configurable():
    assert strip_wake("Okay small wins, I walked.", "okay small wins") == "I walked."
    assert strip_wake("ok small wins i walked", "okay small wins") == "i walked"
    assert strip_wake("okay small winds i walked", "okay small wins") == "i walked"
    assert strip_wake("okay small wins", "Okay, Small Wins") == ""
    assert strip_wake("small wins are good", "okay small wins") is None
    assert strip_wake("ok smell winds i walked", "okay small wins") is None


def test_a_one_word_phrase_is_not_the_subject_of_a_sentence():
    assert strip_wake("Coach, I walked.", "coach") == "I walked."
    assert strip_wake("coach i walked", "coach") == "i walked"
    assert strip_wake("coach came to see me", "coach") is None
    assert strip_wake("couch i walked", "coach") is None


def test_an_empty_phrase_is_a_mistake():
    with pytest.raises(ValueError):
        strip_wake("hey coach", " , ")


def test_the_rest_is_understood_as_it_would_be_alone():
    rest = strip_wake("Hey coach, I walked 25 steps in the hallway with my therapist.", PHRASE)
    assert rest is not None
    alone = understand("I walked 25 steps in the hallway with my therapist.")
    assert understand(rest).milestones == alone.milestones
