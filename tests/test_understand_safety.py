"""Red flags, feelings and social talk: the labelled sets, the evaluation, and the contract."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from assistant.understand import AlertKind, understand

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SCRIPT = ROOT / "scripts" / "eval_safety.py"
TUNED = DATA / "safety_tuned.jsonl"
HELD_OUT = DATA / "safety_test.jsonl"
STYLES = {"vosk", "whisper", "disfluent", "telegraphic", "caregiver", "in_milestone"}


sys.path.insert(0, str(SCRIPT.parent))

import eval_safety  # noqa: E402


def cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_safety_sets_are_big_varied_and_well_formed():
    tuned, held_out = cases(TUNED), cases(HELD_OUT)
    assert len(tuned) + len(held_out) >= 300 and len(held_out) >= 120
    for split in (tuned, held_out):
        flags = Counter(case["alert"] for case in split if case["alert"])
        assert set(flags) == set(AlertKind), "every kind in every split"
        assert sum(flags.values()) <= sum(1 for case in split if not case["alert"])
        assert {case["style"] for case in split if case["alert"]} >= STYLES
        for case in split:
            assert {"text", "alert", "intent", "style"} <= set(case)
            assert (case["intent"] == "alert") == (case["alert"] is not None)
            assert ("mood" in case) == (case["intent"] == "feeling")


def test_tuned_split_meets_the_targets():
    """Every red flag the detector was developed on is caught: a miss here is a regression
    (cleaning once came to drop "help help" as a stutter while recall stayed above 0.98)."""
    report = eval_safety.evaluate(TUNED)
    assert report.caught == report.flags, report.misses
    assert report.false_alarm_rate <= eval_safety.FALSE_ALARM_TARGET, report.misses
    assert report.ratio(report.kind_right, report.caught) >= 0.95, report.misses
    assert report.ratio(report.talk_right, report.talk) >= 0.9, report.misses


def test_eval_script_checks_a_file_as_a_command():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(TUNED), "--check"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "red-flag recall" in result.stdout and "false-alarm rate" in result.stdout


def test_extract_json_carries_the_alert(cli):
    result = cli("extract", "--json", input="I have chest pain\nI walked 20 steps\n")
    assert result.returncode == 0, result.stderr
    alarm, ordinary = (json.loads(line) for line in result.stdout.splitlines())
    assert alarm["intent"] == "alert" and alarm["alert"]["kind"] == "chest_pain"
    assert "chest" in alarm["alert"]["words"]
    assert ordinary["alert"] is None and ordinary["intent"] == "milestone"


def test_extract_names_the_alert_in_plain_text(cli):
    result = cli("extract", "my husband collapsed in the kitchen")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("alert (fainting: collapsed)")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("my face feels numb and I can't lift my arm", "stroke_sign"),
        ("I stood up five times, then the room started spinning", "stroke_sign"),
        ("emergency", "urgent_help"),
        ("I don't want to do this anymore", "self_harm"),
        ("uh i i think i uh fell in the hall", "fall"),
        ("hip… fell… hurts", "fall"),
        ("my husband collapsed in the kitchen", "fainting"),
        # short ones, mostly words outside the milestone vocabulary: once read as not English
        ("my face feels numb", "stroke_sign"),
        ("face numb", "stroke_sign"),
        ("chest hurts", "chest_pain"),
        ("can't breathe", "breathing"),
        # numbers are digits once cleaned ("1 side"); a what-if ends where a new clause starts
        ("one side of his mouth is lower", "stroke_sign"),
        ("he can't work out how to hold his fork and he's slurring", "stroke_sign"),
        # what "has gone" after "and" is about something else, not the sign settling
        ("my chest hurts and the dog has gone out", "chest_pain"),
        ("my face is drooping and his arm has gone", "stroke_sign"),
        # an "it" stands for the body part named before it, across halting pauses
        ("his mouth… it's drooping", "stroke_sign"),
        ("her arm just flopped and she can't lift it", "stroke_sign"),
        # a trip is a fall when an injury is said with it
        ("he tripped over the step and can't put weight on his ankle", "fall"),
        # a hand that misses or won't obey, with speech gone wrong: two groups together
        ("she keeps missing the glass with her left hand and her speech is slurred", "stroke_sign"),
        ("his hand won't listen to him and he's mumbling", "stroke_sign"),
        # "fine earlier" says the sign is new
        ("her words are coming out all wrong and she was fine this morning", "stroke_sign"),
        # a carer telling of an overdose
        ("he's taken all his tablets at once", "overdose"),
        ("she took all her pills in one go", "overdose"),
        # four words between the numbness and the side it is in
        ("he's gone numb all down his right side, just this minute", "stroke_sign"),
        # the g dropped and not written ("slurrin"), as Whisper writes some Englishes
        ("Him talkin funny all of a sudden, di words dem slurrin.", "stroke_sign"),
        # a slide off a chair is a fall, whatever is said of it after
        ("Dad slid off the chair onto the floor this morning, he says he's fine but", "fall"),
        # a pause inside the phrase ("can't see... out of"), pins and needles come on suddenly
        ("can't see... out of my right eye. just happened", "stroke_sign"),
        ("I've suddenly got pins and needles down my whole left side", "stroke_sign"),
        ("he's fitting", "seizure"),
        ("he started fitting on the floor", "seizure"),
        # not knowing how many tablets were taken, after a self-correction
        ("Um, I think I took my tablets twice. Maybe three times. I can't remember.", "overdose"),
        # the onset said as a clause of its own; a body part's "'s" before -ing is "is"
        ("Suddenly, my arm is numb", "stroke_sign"),
        ("I feel weird, the right side's tingling, all of a sudden.", "stroke_sign"),
        ("She can't get her words out at all since she woke up, not even yes or no.",
         "stroke_sign"),
        # what somebody says is reported, not a phrase practised ("had me say help me")
        ("Mammy say she chest hurting bad and she cyan breathe", "chest_pain"),
        ("she cyan breathe", "breathing"),
        ("he can't get up off the floor", "fall"),
        # sudden onset said as "out of nowhere" ("came out" alone may be food coughed up)
        ("worst headache of my life, came out of nowhere", "stroke_sign"),
        # a slip told with going down, many words apart
        ("I slipped getting out the shower this morning and went down, I'm ok I think", "fall"),
    ],
)
def test_a_red_flag_wins_whatever_else_is_said(text, kind):
    result = understand(text)
    assert (result.intent, result.command, result.query) == ("alert", None, None)
    assert result.alert is not None and result.alert.kind == kind
    assert result.alert.words and result.alert.kind in result.alert.kinds


def test_two_signs_together_need_no_onset_but_one_does():
    """Recovery is told one thing at a time; a carer describing a stroke names several."""
    for alone in ("he can't lift his arm", "his speech is funny", "she is confused"):
        assert understand(alone).alert is None, alone
    both = understand("he can't lift his arm and his speech is funny")
    assert both.alert is not None and both.alert.kind == "stroke_sign"
    assert "arm" in both.alert.words and "speech" in both.alert.words
    assert understand("his arm is weak and his speech is slow, same as always").alert is None
    assert understand("my speech went well today").alert is None
    # a session named by the sign's words is no sign; the speech itself going still is
    assert understand("speech therapy went wrong today").alert is None
    assert understand("my speech went funny just now").intent == "alert"


def test_a_red_flag_keeps_the_milestone_said_with_it():
    result = understand("I stood up five times, then the room started spinning")
    assert [(m.category, m.value, m.unit) for m in result.milestones] == [
        ("mobility", 5, "times")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "my fingers are still stiff, but I held my fork",
        "no falls for a whole month now",
        "my headache went away after a nap",
        "we watched an emergency-room drama",
        "my speech therapist had me say help me please ten times",
        "I worry about falling on the ice",
        "can you help me remember my exercises",
        "I fell asleep in my chair",
        "I tripped on the mat but caught myself",
        "I couldn't get up the steps today",
        "you're very faint",
        "my arm was tired after the exercises and it felt heavy",
        # pills taken as prescribed, and eye drops
        "remembered to take all my tablets today",
        "I took all my pills on time",
        "Put my own eye drops in, didn't need my husband.",
        # help had (past), a climb failed, a setback called a fall-back
        "i tried to button my shirt but i couldn't, had to get help",
        "Couldnae get up the stair the day, ma legs were like jelly",
        "had a real fall-back this week",
        # the bleed that was the stroke; a climb cut short
        "I bathed the baby myself this morning, first time since the bleed",
        "had to sit down on the stairs, couldn't get up more than three",
        # how a session went; a helper named after "with"
        "speech therapy went badly, couldn't name any of the pictures",
        "Ten stairs. Up and down. With Tom helping.",
        # Doric "fit" is "what"; a splint being fitted is no seizure
        "Fit like the day?",
        "the OT was fitting his new splint",
        # three times a day is how some tablets are taken; "fall" is a season in America
        "I took my tablets three times today",
        "my arm was weak, then it started raining",
        # tablets forgotten are no overdose; a puzzle not seen; a shirt thrown down
        "Mum's forgotten her tablets twice this week, not like her at all",
        "gave up on the jigsaw after ten minutes, couldn't see where anything went",
        "He tried to button his shirt and couldn't do a single one, got frustrated and threw it"
        " on the floor.",
        "Earl wants to get back up on his horse by fall",
        "I wanna walk a mile down to the creek with my cane before fall",
        # a stand from a chair that failed is no fall (but "can't get up off the floor" is)
        "Couldn't get up off the low chair, it took two of us to lift him.",
    ],
)
def test_hard_negatives_do_not_alarm(text):
    result = understand(text)
    assert result.alert is None and result.intent != "alert"


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("I feel useless today", "low"),
        ("I'm depressed", "low"),
        ("I'm afraid I'll never drive again", "low"),
        ("I'm pleased with how today went", "good"),
    ],
)
def test_feelings_carry_their_mood(text, mood):
    result = understand(text)
    assert (result.intent, result.mood, result.milestones) == ("feeling", mood, ())


@pytest.mark.parametrize("text", ["good morning", "thank you", "it's cold today", "hello", "mornin",
                                  "hello it's chloe again", "Good evening. Mr Harris says hello."])
def test_greetings_thanks_and_small_talk_are_social(text):
    result = understand(text)
    assert (result.intent, result.milestones, result.command) == ("social", (), None)


@pytest.mark.parametrize("text", ["call my daughter", "Can you phone my son for me?"])
def test_a_call_is_a_request_not_a_milestone(text):
    result = understand(text)
    assert (result.intent, result.request, result.milestones) == ("other", "call", ())


def test_a_call_made_is_still_a_milestone():
    result = understand("I called my daughter on the phone by myself")
    assert result.intent == "milestone" and result.request is None


@pytest.mark.parametrize("text", [
    "my arm went numb for a few minutes but it's fine now",
    "my face drooped for a bit then went back to normal",
    "my leg went weak for a minute then it passed",
    "My vision went blurry for a minute, then it cleared.",
])
def test_a_stroke_sign_that_came_and_went_is_still_an_alert(text):
    """A transient ischaemic attack warns of a stroke: over is not safe."""
    alert = understand(text).alert
    assert alert is not None and alert.kind == "stroke_sign"


@pytest.mark.parametrize("text", [
    "my headache went away after a nap",
    "The dizziness went away after I sat down.",
    "the numbness in my hand has gone",
    "my hand is still numb as usual",
])
def test_settled_headache_dizziness_and_recovery_do_not_alarm(text):
    assert understand(text).alert is None


@pytest.mark.parametrize(("text", "injury"), [
    ("I fell and hit my head", True),
    ("i fell and i can't get up", True),
    ("my hip hurts", True),
    ("I fell but I'm not hurt", False),
    ("no I didn't hit my head", False),
    ("my head hurts", True),
    ("I'm okay", False),
    ("I fell in the hall", None),
])
def test_injury_after_a_fall_is_read_for_grading(text, injury):
    assert understand(text).injury is injury


@pytest.mark.parametrize(
    "text", ["help help", "help help help", "call nine one one", "please call nine nine nine",
             "dial one one two", "Call 9-1-1!", "call 9 1 1"])
def test_a_cry_for_help_and_a_number_said_digit_by_digit_are_not_stutters(text):
    """Repeated words are dropped as stutters ("i i walked"), but not a repeated "help" or
    the repeated digit of an emergency number as Vosk writes it."""
    result = understand(text)
    assert (result.intent, result.alert and result.alert.kind) == ("alert", AlertKind.URGENT_HELP)


def test_help_alone_still_asks_what_to_say():
    result = understand("help")
    assert (result.intent, result.command, result.alert) == ("command", "help", None)


@pytest.mark.parametrize(("text", "kind"), [
    # found in the blind sets fresh31, fresh33 and fresh35 (their missed alert lines only
    # were read, after their figures were recorded)
    ("my right arm went numb about ten minutes ago and its still numb", "stroke_sign"),
    ("my right arm went numb and it is still numb", "stroke_sign"),
    ("my right hand's after going numb, just now, out of nowhere", "stroke_sign"),
    ("got a thumping headache, worst I've ever had, probably nothing", "stroke_sign"),
    ("bit of chest pain this morning but it's passed, did my stairs though", "chest_pain"),
])
def test_a_sign_that_started_lasts_or_passed_is_still_an_alert(text, kind):
    alert = understand(text).alert
    assert alert is not None and alert.kind == kind


@pytest.mark.parametrize("text", [
    "my arm went numb after the stroke and it is still numb",
    "tired after going to the shop",
])
def test_a_sign_from_the_stroke_and_an_outing_do_not_alarm(text):
    assert understand(text).alert is None


@pytest.mark.parametrize(("text", "kind"), [
    # dev61: elderly spouses caring for each other
    ("he's got a headache, worst he's ever had he says, but he won't let me ring anyone",
     "stroke_sign"),
    ("his right leg just went from under him", "stroke_sign"),
    ("no strength in his right leg at all, came on suddenly", "stroke_sign"),
    ("my arm is numb, it came on all of a sudden", "stroke_sign"),
])
def test_a_sign_said_the_way_a_spouse_tells_it_is_an_alert(text, kind):
    alert = understand(text).alert
    assert alert is not None and alert.kind == kind


def test_a_sign_that_came_on_keeps_no_talk_from_before_it_as_a_win():
    result = understand("Arthur can't get his words out at all, all of a sudden, "
                        "and he was chatting away fine at dinner")
    assert (result.intent, result.milestones) == ("alert", ())


@pytest.mark.parametrize("text", [
    "my arm is numb, it always is in the cold",
    "he walked twenty steps and he was fine after",
])
def test_a_numb_arm_that_always_is_and_a_fine_walk_do_not_alarm(text):
    assert understand(text).alert is None


@pytest.mark.parametrize(("text", "kind"), [
    # dev62-63: New York families; survivors with sight loss
    ("Pop took a spill on the stoop, he did 20 steps first though, so proud of him", "fall"),
    ("dad's words have just stopped, he can't get anything out and he was fine at tea",
     "stroke_sign"),
])
def test_a_spill_taken_and_words_that_stopped_are_alerts(text, kind):
    alert = understand(text).alert
    assert alert is not None and alert.kind == kind


@pytest.mark.parametrize("text", [
    "balanced my checkbook tuesday first time and found a mistake the bank made",
    "couldn't get up the subway stairs today, had to take the elevator",
])
def test_a_checkbook_balanced_and_subway_stairs_do_not_alarm(text):
    assert understand(text).alert is None
