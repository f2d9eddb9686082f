"""The commands "share" and "done", and reached_goal on news that reaches a goal."""

from __future__ import annotations

import pytest

from assistant.understand import understand


def command(text: str) -> str | None:
    result = understand(text)
    assert result.milestones == ()
    return result.command if result.intent == "command" else None


@pytest.mark.parametrize(
    "text",
    [
        "share this with my family",
        "Share this with my family.",
        "send that to my daughter",
        "Send that to my daughter, please.",
        "add that to the family note",
        "Add that to the family note.",
        "tell my family",
        "Tell my family!",
        "share it",
        "Share that.",
        "please share that with my son",
        "can you send this to my wife",
        "Could you send this to my husband please?",
        "send it to sarah",
        "forward that to my kids",
        "pass that on to my son",
        "let my wife know",
        "Let the family know.",
        "tell my daughter about it",
        "tell everyone",
        "put that in the family note",
        "show my family",
        "text my daughter",
        "share this with the family",
        "share that with my therapist",
        "sure this with my family",
    ],
)
def test_share(text):
    assert command(text) == "share"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("i told my family", "milestone"),
        ("I told my family about my walk.", "milestone"),
        ("i shared a meal with my family", "other"),
        ("my daughter sent me a card", "other"),
        ("show me my progress", "progress_query"),
        ("i want to tell my family", "goal"),
    ],
)
def test_not_share(text, intent):
    result = understand(text)
    assert (result.intent, result.command) == (intent, None)


@pytest.mark.parametrize(
    "text",
    [
        "i did it",
        "I did it!",
        "i reached my goal",
        "I reached my goal!",
        "i made it",
        "I made it!",
        "goal done",
        "Goal done.",
        "i've done it",
        "I've done it!",
        "ive done it",
        "i have done it",
        "we did it",
        "i finally did it",
        "I finally did it!",
        "yes i did it",
        "guess what i did it",
        "Guess what? I did it!",
        "i hit my goal",
        "I met my target today.",
        "i reached my walking goal",
        "i made it to my goal",
        "um i i did it",
        "i did it i did it",
        "i finally made it",
        "goal reached",
        "i did it by myself",
    ],
)
def test_done(text):
    result = understand(text)
    assert (result.intent, result.command, result.milestones) == ("command", "done", ())
    assert result.reached_goal is True


@pytest.mark.parametrize(
    ("text", "category", "value", "unit", "assistance"),
    [
        ("i did it i walked to the mailbox by myself", "mobility", None, None, "independent"),
        ("i did it, i walked to the mailbox by myself", "mobility", None, None, "independent"),
        ("I did it! I walked to the mailbox by myself.", "mobility", None, None, "independent"),
        ("i reached my goal i walked fifty steps", "mobility", 50, "steps", None),
        ("I reached my goal, I walked 50 steps!", "mobility", 50, "steps", None),
        ("i reached my goal of walking fifty steps", "mobility", 50, "steps", None),
        ("i made it i climbed all twelve stairs", "mobility", 12, "stairs", None),
        ("goal done i buttoned my shirt by myself", "arm_hand", None, None, "independent"),
        ("we did it i stood for five minutes", "mobility", 5, "minutes", None),
    ],
)
def test_done_with_news_is_a_milestone_that_reached_a_goal(text, category, value, unit, assistance):
    result = understand(text)
    assert (result.intent, result.command) == ("milestone", None)
    assert [(m.category, m.value, m.unit, m.assistance) for m in result.milestones] == [
        (category, value, unit, assistance)
    ]
    assert result.reached_goal is True


def test_reaching_a_goal_is_not_an_arm_movement():
    result = understand("i reached my goal i walked fifty steps")
    assert [m.activity for m in result.milestones] == ["walk"]
    assert result.milestones[0].summary == "walked 50 steps"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("i walked twenty steps", "milestone"),
        ("i made it to the kitchen", "milestone"),
        ("I made it up the stairs.", "milestone"),
        ("i reached for the cup", "milestone"),
        ("i didn't do it", "other"),
        ("i did it wrong", "other"),
        ("i thought i did it but i didn't", "other"),
        ("I hope I did it right.", "other"),
        ("i wish i made it", "other"),
        ("did i reach my goal", "progress_query"),
        ("my goal is to walk fifty steps", "goal"),
        ("i beat my record", "other"),
        ("i couldn't lift my arm", "setback"),
    ],
)
def test_no_goal_reached(text, intent):
    result = understand(text)
    assert result.intent == intent
    assert result.reached_goal is False
    assert result.command is None


def test_a_goal_reached_then_a_new_goal():
    result = understand("i did it, next i want to walk to the park")
    assert result.intent == "goal"
    assert result.milestones == ()
    assert result.goal is not None and result.goal.summary == "walk to the park"
    assert result.reached_goal is True


def test_a_goal_reached_with_a_setback_keeps_both():
    result = understand("i did it but my legs gave way on the way back")
    assert (result.intent, result.reached_goal) == ("setback", True)


def test_a_goal_reached_with_a_fall_is_an_alert_that_keeps_the_goal():
    result = understand("i did it but i fell on the way back")
    assert (result.intent, result.reached_goal) == ("alert", True)


def test_commands_stay_out_of_the_json_contract_extras():
    data = understand("I did it!").to_dict()
    assert data == {
        "text": "I did it!", "intent": "command", "milestones": [], "command": "done", "goal": None,
        "alert": None
    }


def test_letting_the_family_see_that_one_is_sharing():
    result = understand("let my daughter see that one")
    assert (result.intent, result.command) == ("command", "share")


def test_a_faint_voice_is_asked_to_speak_up_but_feeling_faint_is_a_red_flag():
    assert understand("you're very faint").command == "louder"
    felt = understand("I feel very faint")
    assert felt.intent == "alert" and felt.alert is not None and felt.alert.kind == "fainting"
