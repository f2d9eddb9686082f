"""A unit misheard right after a number is put right by its sound, for recognised speech only:
real espeak-ng pronunciations, real Whisper on espeak-ng speech, the CLI on a real database."""

from __future__ import annotations

import json
import sqlite3

import pytest

from assistant.conversation.soundslike import understand_heard
from assistant.understand import understand
from speech.phonemes import distance, near_words, phonemes

HEARD_MEN = "my father stood for thirty min without any help two days ago"
"""espeak-ng at 110 words a minute; Whisper base writes "30 men" for "thirty min"."""


def amounts(u):
    return [(m.value, m.unit) for m in u.milestones]


def test_pronunciations_near_and_far():
    said = phonemes(["men", "min", "minutes", "steps", "boiler"])
    assert distance(said["men"], said["min"]) < 0.25
    assert distance(said["men"], said["steps"]) > 0.5
    assert [w for _, w in near_words(said["men"], said, 0.25)] == ["men", "min"]
    assert near_words(said["boiler"], {w: said[w] for w in ("min", "steps")}, 0.25) == []


def test_a_unit_heard_as_another_word_is_read_as_the_unit():
    heard = "Walked for 45 men with the dog."
    assert amounts(understand(heard)) == [(45, None)]
    repaired = understand_heard(heard)
    assert amounts(repaired) == [(45, "minutes")]
    assert "min" in repaired.text.split()


def test_a_number_heard_as_another_word_is_read_as_the_number():
    heard = "Yesterday Dad, you know, wrote free words all by himself."
    assert amounts(understand(heard)) == [(None, None)]
    assert amounts(understand_heard(heard)) == [(3, "words")]


@pytest.mark.parametrize("heard", [
    "Two men came to fix the boiler.",       # a count of people, no milestone
    "I read in my free time",                # "free time" is no count of times
    "I saw 10 men at the pub yesterday.",
    "can you say that again",                # a command is never re-read
    "I walked 20 steps with my walker",      # already whole
])
def test_plain_talk_and_whole_updates_are_understood_as_heard(heard):
    assert understand_heard(heard) == understand(heard)


@pytest.mark.slow  # Whisper base on three clips, through the CLI
def test_speech_is_repaired_when_asked_and_typed_text_never(cli, tmp_path, speak):
    db = tmp_path / "wins.db"
    clip = speak(HEARD_MEN, wpm=110)
    repaired = cli("run", "--audio", clip, "--db", db, "--json", "--repair-by-sound")
    assert repaired.returncode == 0, repaired.stderr
    heard = json.loads(repaired.stdout.splitlines()[0])["heard"]
    assert "men" in heard.lower().split(), heard  # what Whisper wrote is stored as heard
    assert cli("run", "--audio", clip, "--db", db).returncode == 0  # off by default
    typed = cli("run", "--text", "--db", db, "--repair-by-sound", input=heard + "\n")
    assert typed.returncode == 0, typed.stderr
    negative = cli("run", "--audio", speak("Two men came to fix the boiler."), "--db", db,
                   "--json", "--repair-by-sound")
    assert json.loads(negative.stdout.splitlines()[0])["intent"] != "milestone"
    rows = sqlite3.connect(db).execute(
        "SELECT u.source, u.text, m.value, m.unit FROM utterances u "
        "LEFT JOIN milestones m ON m.utterance_id = u.id ORDER BY u.id").fetchall()
    assert rows == [("recording", heard, 30.0, "minutes"), ("recording", heard, 30.0, None),
                    ("typed", heard, 30.0, None), ("recording", rows[3][1], None, None)]
