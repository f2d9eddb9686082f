"""Issue 14: the day a milestone happened, carers, Whisper's glued units, clock times,
telegraphic speech and comparisons, through ``understand`` with a pinned today."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.understand import understand

WEDNESDAY = date(2026, 3, 4)


def found(text: str) -> list[tuple[object, ...]]:
    result = understand(text, WEDNESDAY)
    return [(m.activity, m.value, m.unit, m.assistance, m.when) for m in result.milestones]


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("I walked twenty steps", "2026-03-04"),
        ("yesterday I walked twenty steps", "2026-03-03"),
        ("I walked twenty steps last night", "2026-03-03"),
        ("the day before yesterday I walked twenty steps", "2026-03-02"),
        ("last Tuesday I walked twenty steps", "2026-03-03"),
        ("on Sunday I walked twenty steps", "2026-03-01"),
        ("last Wednesday I walked twenty steps", "2026-02-25"),
        ("three days ago I walked twenty steps", "2026-03-01"),
        ("a week ago I walked twenty steps", "2026-02-25"),
        ("on the 2nd I walked twenty steps", "2026-03-02"),
        ("on the 28th I walked twenty steps", "2026-02-28"),
    ],
)
def test_the_day_said_is_resolved_against_today(said, day):
    assert [m[-1] for m in found(said)] == [day]


def test_two_days_in_one_sentence_are_two_milestones():
    assert found("On Sunday I did six stairs and today eight") == [
        ("climb_stairs", 6, "stairs", None, "2026-03-01"),
        ("climb_stairs", 8, "stairs", None, "2026-03-04"),
    ]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Dad made his own toast today", ("cook", None, None)),
        ("my husband managed the stairs with the rail", ("climb_stairs", None, None)),
        ("I pushed my wheelchair across the room", ("walk", None, None)),
        ("Walked 50m.", ("walk", 50, "meters")),
        ("Walked 3km.", ("walk", 3000, "meters")),
        ("Stood for 90 secs.", ("stand", 90, "seconds")),
        ("stairs... three... rail", ("climb_stairs", 3, "stairs")),
        ("I used the arm cycle for ten minutes", ("arm_exercise", 10, "minutes")),
        ("I walked, no wait, I stood for two minutes at the sink", ("stand", 2, "minutes")),
        ("I couldn't walk far but I managed five steps", ("walk", 5, "steps")),
    ],
)
def test_what_was_done_in_many_voices(said, expected):
    assert [m[:3] for m in found(said)] == [expected]


def test_a_clock_time_is_not_an_amount():
    assert found("the physio came at ten o'clock and I walked") == [
        ("walk", None, None, None, "2026-03-04")
    ]


@pytest.mark.parametrize(
    "said",
    [
        "I only walked three steps today. Worse than yesterday.",
        "barely ten steps today, much less than usual",
    ],
)
def test_a_comparison_for_the_worse_is_a_setback(said):
    result = understand(said, WEDNESDAY)
    assert (result.intent, result.milestones) == ("setback", ())
    assert result.setback is not None and result.setback.activity == "walk"


def test_a_comparison_for_the_better_stays_a_milestone():
    assert understand("I walked 40 steps, more than yesterday", WEDNESDAY).intent == "milestone"


def test_a_goal_has_a_target_and_no_milestones():
    result = understand("my goal is to walk fifty steps with my stick", WEDNESDAY)
    assert (result.intent, result.milestones) == ("goal", ())
    assert result.to_dict()["goal"] == {
        "category": "mobility", "activity": "walk", "value": 50, "unit": "steps",
        "assistance": "device", "side": None, "summary": "walk 50 steps with a stick",
    }


def test_undo_said_another_way():
    result = understand("scrap what I just told you", WEDNESDAY)
    assert (result.intent, result.command) == ("command", "undo")
