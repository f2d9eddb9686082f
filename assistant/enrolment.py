"""Enrolling a word or phrase in the patient's own voice: three to five takes, checked for
consistency, made into a template (speech/templates.py) for the record to keep.

The caregiver drives it (`smallwins enrol`); the patient only says the phrase when asked.
What it says is in enrolment.toml, which a therapist can edit.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from speech.audio import Audio
from speech.templates import SAMENESS, Phrase, features, odd_takes, phrase

DEFAULT_PHRASES = ("yes", "no", "stop", "repeat", "slower", "help", "delete that")
"""Enrolled by `smallwins enrol` with no phrase: the commands a patient needs most."""
FEWEST_TAKES, MOST_TAKES = 3, 5
RETRIES = 2
"""How many times takes unlike the rest are asked for again before giving up."""


class EnrolError(Exception):
    """Takes that cannot make a template; the message says which and why, in plain words."""


@cache
def sentences() -> dict[str, str]:
    return tomllib.loads(resources.files("assistant").joinpath("enrolment.toml").read_text())


def say(key: str, **facts: object) -> str:
    return sentences()[key].format(**facts)


def from_recordings(text: str, takes: Sequence[tuple[Path, Audio]]) -> Phrase:
    """A phrase from takes recorded earlier, one per file; EnrolError if there are too few or
    too many, one holds no speech, or one is unlike the rest."""
    if not FEWEST_TAKES <= len(takes) <= MOST_TAKES:
        raise EnrolError(say("take_count", takes=len(takes)))
    frames = []
    for path, audio in takes:
        found = features(audio)
        if not len(found):
            raise EnrolError(say("no_speech_file", file=path))
        frames.append(found)
    odd = odd_takes(frames)
    if odd:
        raise EnrolError(say("unlike_file", file=takes[odd[0]][0], phrase=text))
    made = phrase(text, frames)
    if made.spread <= SAMENESS:
        raise EnrolError(say("same_file", phrase=text))
    return made


@dataclass(frozen=True)
class Enrolled:
    """A phrase enrolled by voice, and the recordings of the takes it was made from (kept in
    the record only when the caregiver asks)."""

    phrase: Phrase
    audio: tuple[Audio, ...]


def by_voice(text: str, count: int, hear: Callable[[], Audio | None],
             tell: Callable[[str], None]) -> Enrolled | None:
    """Ask for `count` takes of `text` through `tell` (spoken and printed) and `hear` (the
    next utterance, None when the source has ended). Takes unlike the rest are asked for
    again, RETRIES times at most; None if they stay inconsistent or the speech runs out."""
    frames: list[np.ndarray] = []
    recorded: list[Audio] = []
    retries = RETRIES
    asked = False  # the sentence just said already asks for the next take
    while True:
        while len(frames) < count:
            if not asked:
                tell(say("prompt_again" if frames else "prompt", phrase=text))
            asked = False
            take = _next_take(text, hear, tell)
            if take is None:
                return None
            frames.append(take[0])
            recorded.append(take[1])
        odd = odd_takes(frames)
        if not odd:
            tell(say("enrolled", phrase=text))
            return Enrolled(phrase(text, frames), tuple(recorded))
        if not retries:
            tell(say("still_unlike", phrase=text))
            return None
        retries -= 1
        frames = [f for i, f in enumerate(frames) if i not in odd]
        recorded = [a for i, a in enumerate(recorded) if i not in odd]
        tell(say("unlike", phrase=text))
        asked = True


def _next_take(text: str, hear: Callable[[], Audio | None],
               tell: Callable[[str], None]) -> tuple[np.ndarray, Audio] | None:
    """The features and audio of the next utterance with speech in it (asking again after
    silence)."""
    for _ in range(3):
        audio = hear()
        if audio is None:
            return None
        found = features(audio)
        if len(found):
            return found, audio
        tell(say("nothing_heard", phrase=text))
    return None
