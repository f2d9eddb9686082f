"""Whisper base's second reading of an update with a domain prompt (`domain_prompt`), for
real: espeak-ng updates it must now be understood from, and real human speech and a command
it must leave as they were heard without the prompt."""

from __future__ import annotations

import re

import moonshine_voice
import pytest

from assistant.understand import understand
from speech.asr.base import transcribe
from speech.audio import read_wav

pytestmark = pytest.mark.slow
ASSETS = moonshine_voice.__file__.rsplit("/", 1)[0] + "/assets"


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower())


@pytest.mark.parametrize(
    ("sentence", "category", "value", "unit"),
    [
        # Heard unprompted as "I'd rank from a cup ..." and "... for a load of 20 ml.".
        ("i drank from a cup with my left hand", "daily_living", None, None),
        ("i talked on the phone to my sister for a good twenty minutes", "speech", 20, "minutes"),
    ],
)
def test_an_update_is_understood_through_the_domain_reading(
    whisper, speak, sentence, category, value, unit
):
    heard = transcribe(whisper, read_wav(speak(sentence))).text
    found = [(m.category, m.value, m.unit) for m in understand(heard).milestones]
    assert (category, value, unit) in found, heard


@pytest.mark.parametrize("source", ["human", "command"])
def test_speech_that_is_no_update_keeps_its_own_words(whisper, speak, monkeypatch, source):
    audio = read_wav(
        f"{ASSETS}/beckett.wav" if source == "human" else speak("that's not what I said")
    )
    prompted = transcribe(whisper, audio).text
    monkeypatch.setattr(whisper, "domain_prompt", None)
    plain = transcribe(whisper, audio).text
    assert _words(prompted) == _words(plain), (prompted, plain)
