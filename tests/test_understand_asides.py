"""Understanding beyond our own phrasings (issue 14, second intent round): commands said with
an aside, questions about someone else, advice asked, tastes and verdicts that are not news,
a subject shared across "and", and the words around devices and relatives."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.understand import understand

TODAY = date(2026, 3, 4)


def meaning(text: str) -> tuple[str, str | None]:
    result = understand(text, TODAY)
    return result.intent, result.command


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("louder, she's hard of hearing", "louder"),
        ("slower please he can't follow you", "slower"),
        ("no i don't", "no"),
        ("yes it did", "yes"),
        ("no, delete it", "undo"),
        ("that wasn't me, that was my husband, delete it", "undo"),
        ("oops wrong one undo", "undo"),
        ("you're mumbling, speak up", "louder"),
        ("hold up, delete that", "undo"),
        ("Wrong. Delete.", "undo"),
        ("come again love", "repeat"),
        ("Could you speak more slowly for my mum?", "slower"),
        ("i'm done for now thank you", "stop"),
        ("right, that's all for now", "stop"),
        ("uh huh", "yes"),
        ("mm hmm", "yes"),
        ("can you crank it up a little", "louder"),
        ("let's call it a day", "stop"),
    ],
)
def test_a_command_said_another_way(text, command):
    assert meaning(text) == ("command", command)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # The asides together are news: a telegraphic report with a helper.
        ("words, twenty, help", "milestone"),
        ("words five help", "milestone"),
        # Too common to be a command beside other words.
        ("what time is my appointment", "other"),
        ("sorry i am late", "other"),
        # The aside before a command must be a whole clause (it is not "share").
        ("I used my phone to text my son", None),
        # A goal reached is news, not an aside to "yes".
        ("yes i did it", "command"),
        ("i had to stop", "setback"),
        ("i didn't do it", "other"),
    ],
)
def test_not_a_command_with_an_aside(text, intent):
    """``intent`` None: anything but a command."""
    result = understand(text, TODAY)
    if text == "yes i did it":
        assert (result.intent, result.command) == ("command", "done")
        return
    assert result.command is None, text
    assert result.intent == intent if intent else result.intent != "command"


@pytest.mark.parametrize(
    ("text", "kind", "activity", "period"),
    [
        ("how far did she walk on monday", "total", "walk", "monday"),
        ("How's he been doing this week?", "week", None, "this_week"),
        ("is he getting any stronger", "summary", None, None),
        ("how did mum get on today", "recent", None, "today"),
        ("when did he last climb the stairs", "recent", "climb_stairs", None),
        ("how much have i improved since i came home", "summary", None, "all"),
    ],
)
def test_progress_questions_about_someone_else(text, kind, activity, period):
    result = understand(text, TODAY)
    assert result.intent == "progress_query" and result.query is not None
    assert (result.query.kind, result.query.activity, result.query.period) == (
        kind,
        activity,
        period,
    )


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("do you think I should try the stairs", "other"),
        ("is it ok to walk if my knee is sore", "other"),
        ("what exercises should i be doing for my hand", "other"),
        ("he always loved walking the hills", "other"),
        ("i like to swim in the mornings", "other"),
        ("i would love to walk to the shops", "goal"),
        ("i'm so happy with how my walking is going", "feeling"),
        ("the nurse came to do his bloods and said his blood pressure is fine", "other"),
        ("her sister walked ten miles for charity", "other"),
        ("the man next door climbs the stairs two at a time", "other"),
        ("the walk was a disaster", "setback"),
        ("only 10 minutes on the bike, well down on last week", "setback"),
        ("can she do a bit of practice with you", "practice"),
        ("i'd like to say 20 words by the summer", "goal"),
    ],
)
def test_what_is_not_news_and_what_is(text, intent):
    result = understand(text, TODAY)
    assert result.intent == intent, text
    if intent != "milestone":
        assert result.milestones == ()


def test_a_verdict_followed_by_a_win_is_a_win():
    result = understand("it was a struggle but I got to the end of the corridor", TODAY)
    assert result.intent == "milestone"
    assert [m.category for m in result.milestones] == ["mobility"]


def test_a_verb_after_and_keeps_the_patient_as_subject():
    result = understand("i walked ten steps and climbed three stairs", TODAY)
    assert [(m.value, m.unit) for m in result.milestones] == [(10, "steps"), (3, "stairs")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("walked 200 metres with my sticks", 200, "meters"),
        ("walked the whole length of the corridor with just one stick", None, None),
    ],
)
def test_devices_in_the_plural_and_counted(text, value, unit):
    (milestone,) = understand(text, TODAY).milestones
    assert (milestone.value, milestone.unit, milestone.assistance) == (value, unit, "device")


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("honestly you are way too loud", "quieter"),
        ("you keep mumbling", "louder"),
        ("you are rushing me", "slower"),
        ("you have misheard that", "undo"),
    ],
)
def test_a_short_request_named_by_its_cue_word(text, command):
    assert meaning(text) == ("command", command)


@pytest.mark.parametrize(
    "text",
    ["quick question", "nothing wrong", "a quiet day", "you were a great help", "no help today"],
)
def test_a_cue_word_is_not_always_a_request(text):
    assert understand(text, TODAY).command is None, text
