"""Progress questions carry a Query: what kind of answer, about what, over which period."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.understand import Query, Understanding, understand


def query(text: str) -> Query:
    result = understand(text)
    assert result.intent == "progress_query", result
    assert result.milestones == () and result.command is None
    assert result.query is not None
    return result.query


def both(vosk: str, whisper: str, *expected: object) -> list[tuple[str, tuple[object, ...]]]:
    """The same question as Vosk writes it and as Whisper writes it."""
    return [(vosk, expected), (whisper, expected)]


def cases(*groups: list[tuple[str, tuple[object, ...]]]) -> list[tuple[str, tuple[object, ...]]]:
    return [case for group in groups for case in group]


KINDS = cases(
    both("how am i doing", "How am I doing?", "summary"),
    both("am i getting better", "Am I getting better?", "summary"),
    both("how's my progress", "How's my progress?", "summary"),
    both("hows my progress", "How is my progress?", "summary"),
    both("show me my progress", "Show me my progress.", "summary"),
    both("tell me how i'm getting on", "Tell me how I'm getting on.", "summary"),
    both("how much progress have i made", "How much progress have I made?", "summary"),
    both("am i improving", "Am I improving?", "summary"),
    both("how far have i come", "How far have I come?", "summary"),
    both("how was my week", "How was my week?", "week"),
    both("what did i do this week", "What did I do this week?", "week"),
    both("how did my week go", "How did my week go?", "week"),
    both("how did i do last week", "How did I do last week?", "week"),
    both("how am i doing this week", "How am I doing this week?", "week"),
    both("how many steps did i walk this week", "How many steps did I walk this week?", "total"),
    both("how far did i walk today", "How far did I walk today?", "total"),
    both(
        "how many times did i stand up yesterday",
        "How many times did I stand up yesterday?",
        "total",
    ),
    both("how long did i practise", "How long did I practice?", "total"),
    both("how often did i walk this week", "How often did I walk this week?", "total"),
    both("what's my total for the stairs", "What's my total for the stairs?", "total"),
    both("what's my best", "What's my best?", "best"),
    both("what's my record for walking", "What's my record for walking?", "best"),
    both("what's the most steps i've walked", "What's the most steps I've walked?", "best"),
    both("what's my longest walk", "What's my longest walk?", "best"),
    both("did i beat my record", "Did I beat my record?", "best"),
    both("how many steps is my record", "How many steps is my record?", "best"),
    both("what did i do yesterday", "What did I do yesterday?", "recent"),
    both("what did i do on monday", "What did I do on Monday?", "recent"),
    both("what have i done today", "What have I done today?", "recent"),
    both("remind me what i did on friday", "Remind me what I did on Friday.", "recent"),
    both("when did i last walk to the mailbox", "When did I last walk to the mailbox?", "recent"),
    both("read me my milestones", "Read me my milestones.", "recent"),
    both("did i walk yesterday", "Did I walk yesterday?", "recent"),
    both("what are my goals", "What are my goals?", "goals"),
    both("how close am i to my goal", "How close am I to my goal?", "goals"),
    both("did i reach my goal", "Did I reach my goal?", "goals"),
    both("how many steps until my goal", "How many steps until my goal?", "goals"),
    both(
        "how many days in a row have i practised",
        "How many days in a row have I practiced?",
        "streak",
    ),
    both("what's my streak", "What's my streak?", "streak"),
    both("have i walked every day this week", "Have I walked every day this week?", "streak"),
)


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_kind(text, expected):
    assert query(text).kind == expected[0]


SUBJECTS = cases(
    both(
        "how many steps did i walk this week",
        "How many steps did I walk this week?",
        "walk",
        "mobility",
        "steps",
    ),
    both("how far did i walk today", "How far did I walk today?", "walk", "mobility", None),
    both(
        "how many times did i stand up yesterday",
        "How many times did I stand up yesterday?",
        "stand",
        "mobility",
        "times",
    ),
    both(
        "how many stairs did i climb",
        "How many stairs did I climb?",
        "climb_stairs",
        "mobility",
        "stairs",
    ),
    both(
        "how many steps did i climb",
        "How many steps did I climb?",
        "climb_stairs",
        "mobility",
        "stairs",
    ),
    both(
        "what's my record for the stairs",
        "What's my record for the stairs?",
        "climb_stairs",
        "mobility",
        "stairs",
    ),
    both("what's my record for walking", "What's my record for walking?", "walk", "mobility", None),
    both("how many steps have i done", "How many steps have I done?", "walk", "mobility", "steps"),
    both(
        "how many words did i say today",
        "How many words did I say today?",
        "say",
        "speech",
        "words",
    ),
    both(
        "how many miles did i walk this month",
        "How many miles did I walk this month?",
        "walk",
        "mobility",
        "meters",
    ),
    both(
        "how many minutes did i ride the bike",
        "How many minutes did I ride the bike?",
        "cycle",
        "mobility",
        "minutes",
    ),
    both(
        "how many laps did i do yesterday",
        "How many laps did I do yesterday?",
        "walk",
        "mobility",
        "laps",
    ),
    both("how is my speech coming along", "How is my speech coming along?", None, "speech", None),
    both("is my memory getting better", "Is my memory getting better?", None, "cognition", None),
    both("how are my hands doing", "How are my hands doing?", None, "arm_hand", None),
    both(
        "did i get dressed by myself yesterday",
        "Did I get dressed by myself yesterday?",
        "dress",
        "daily_living",
        None,
    ),
    both("how am i doing", "How am I doing?", None, None, None),
    both("how long did i practise", "How long did I practice?", None, None, None),
    both("read me my milestones", "Read me my milestones.", None, None, None),
    both("did i reach my goal", "Did I reach my goal?", None, None, None),
    both("how long was i on my feet today", "How long was I on my feet today?", None, None, None),
    both("what's my best time", "What's my best time?", None, None, None),
)


@pytest.mark.parametrize(("text", "expected"), SUBJECTS)
def test_activity_category_and_unit(text, expected):
    found = query(text)
    assert (found.activity, found.category, found.unit) == expected


PERIODS = cases(
    both("how many steps did i walk today", "How many steps did I walk today?", "today"),
    both("what did i do this morning", "What did I do this morning?", "today"),
    both("how was my day", "How was my day?", "today"),
    both("how many steps so far today", "How many steps so far today?", "today"),
    both("what did i do yesterday", "What did I do yesterday?", "yesterday"),
    both("did i walk last night", "Did I walk last night?", "yesterday"),
    both("how was my week", "How was my week?", "this_week"),
    both("how many steps this week", "How many steps this week?", "this_week"),
    both(
        "what have i done in the last seven days",
        "What have I done in the last 7 days?",
        "this_week",
    ),
    both("how did i do last week", "How did I do last week?", "last_week"),
    both("how was last week", "How was last week?", "last_week"),
    both("what have i achieved this month", "What have I achieved this month?", "this_month"),
    both("am i doing better than last month", "Am I doing better than last month?", "last_month"),
    both("what's the most steps i've ever done", "What's the most steps I've ever done?", "all"),
    both("what's my best walk so far", "What's my best walk so far?", "all"),
    both("how many steps have i taken in total", "How many steps have I taken in total?", "all"),
    both("how am i doing overall", "How am I doing overall?", "all"),
    both("what did i do on monday", "What did I do on Monday?", "monday"),
    both("what did i do last tuesday", "What did I do last Tuesday?", "tuesday"),
    both("how far did i walk on sunday", "How far did I walk on Sunday?", "sunday"),
    both("how am i doing", "How am I doing?", None),
    both("what are my goals", "What are my goals?", None),
    both("what's the most steps i've walked", "What's the most steps I've walked?", None),
    both("how long did i stand for last time", "How long did I stand for last time?", None),
)


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_period(text, expected):
    assert query(text).period == expected[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "how many steps did i walk this week",
            Query("total", "walk", "mobility", "steps", "this_week"),
        ),
        (
            "How many times did I stand up yesterday?",
            Query("total", "stand", "mobility", "times", "yesterday"),
        ),
        ("what's my record for walking", Query("best", "walk", "mobility", None, None)),
        ("What did I do on Monday?", Query("recent", None, None, None, "monday")),
        ("how many days in a row have i practised", Query("streak", None, None, None, None)),
        ("Can you tell me how my week went?", Query("week", None, None, None, "this_week")),
        (
            "um how many stairs did i uh climb last week",
            Query("total", "climb_stairs", "mobility", "stairs", "last_week"),
        ),
    ],
)
def test_whole_query(text, expected):
    assert query(text) == expected


def test_query_is_a_frozen_dataclass_outside_the_json_contract():
    result = understand("How many steps did I walk this week?")
    assert isinstance(result.query, Query)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.query.kind = "best"  # type: ignore[misc]
    assert list(result.to_dict()) == ["text", "intent", "milestones", "command", "goal", "alert"]


@pytest.mark.parametrize(
    "text",
    [
        "i walked twenty steps",
        "my goal is to walk fifty steps",
        "i couldn't lift my arm today",
        "say that again",
        "let's practise",
        "how was the weather",
        "what time is it",
    ],
)
def test_only_progress_questions_have_a_query(text):
    assert understand(text).query is None


def test_existing_constructors_still_work():
    plain = Understanding("hello", "other", (), None)
    assert (plain.query, plain.setback, plain.reached_goal) == (None, None, False)
