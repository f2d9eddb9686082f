"""A setback names what went badly, so the reply can put it beside what went well before."""

from __future__ import annotations

import pytest

from assistant.understand import Milestone, understand


def setback(text: str) -> Milestone | None:
    result = understand(text)
    assert result.intent == "setback", result
    assert result.milestones == (), "the contract keeps setbacks without milestones"
    return result.setback


@pytest.mark.parametrize(
    ("text", "category", "activity", "summary"),
    [
        ("i couldn't lift my arm today", "arm_hand", "lift", "lift their arm"),
        ("I couldn't lift my arm today.", "arm_hand", "lift", "lift their arm"),
        ("i couldnt lift my arm today", "arm_hand", "lift", "lift their arm"),
        ("I tried to stand but my legs gave way.", "mobility", "stand", "stand"),
        ("i tried to stand but my legs gave way", "mobility", "stand", "stand"),
        ("walking was harder today", "mobility", "walk", "walk"),
        ("Walking was harder today.", "mobility", "walk", "walk"),
        ("i could not walk today", "mobility", "walk", "walk"),
        ("i couldn't button my coat this morning", "arm_hand", "button", "button their coat"),
        ("I couldn't button my coat this morning.", "arm_hand", "button", "button their coat"),
        ("I can't say my name anymore.", "speech", "say", "say their name"),
        (
            "i couldnt remember my phone number",
            "cognition",
            "remember",
            "remember their phone number",
        ),
        ("my leg gave way on the stairs", "mobility", "climb_stairs", "climb the stairs"),
        ("My leg gave way on the stairs.", "mobility", "climb_stairs", "climb the stairs"),
        ("i wasnt able to stand up", "mobility", "stand", "stand"),
        ("I wasn't able to button my shirt.", "arm_hand", "button", "button their shirt"),
        ("my arm hurts too much to lift it", "arm_hand", "lift", "lift"),
    ],
)
def test_what_went_badly(text, category, activity, summary):
    found = setback(text)
    assert found is not None
    assert (found.category, found.activity, found.summary) == (category, activity, summary)


def test_a_failed_amount_is_kept():
    found = setback("I couldn't walk 20 steps today.")
    assert found is not None
    assert (found.activity, found.value, found.unit, found.summary) == (
        "walk",
        20,
        "steps",
        "walk 20 steps",
    )


def test_a_failed_side_and_help_are_kept():
    found = setback("i couldn't lift my left arm even with my therapist helping")
    assert found is not None
    assert (found.activity, found.side, found.assistance) == ("lift", "left", "helper")


@pytest.mark.parametrize(
    "text",
    [
        "i stumbled in the bathroom",
        "I lost my footing this morning.",
        "i had a bad day",
        "Today was a rough day.",
        "i forgot my appointment",
    ],
)
def test_a_setback_without_an_activity_has_none(text):
    assert setback(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "i walked twenty steps",
        "I walked 20 steps without falling.",
        "my goal is to walk fifty steps",
        "how am i doing",
        "i walked twenty steps but i couldn't do the stairs",
    ],
)
def test_only_setbacks_have_one(text):
    assert understand(text).setback is None


def test_setback_is_outside_the_json_contract():
    data = understand("i couldn't lift my arm today").to_dict()
    assert data == {
        "text": "i couldn't lift my arm today",
        "intent": "setback",
        "milestones": [],
        "goal": None,
        "command": None,
        "alert": None,
    }


@pytest.mark.parametrize(
    "text",
    ["He walked 30 steps instead of his usual 50",
     "we walked to the park but had to turn back halfway"],
)
def test_less_than_usual_or_turning_back_is_a_setback(text):
    """Told with an amount or a walk, but the news is that it went worse than usual."""
    result = understand(text)
    assert (result.intent, result.milestones) == ("setback", ())
    assert result.setback is not None and result.setback.category == "mobility"
