"""Feelings, everyday talk, and requests the device cannot carry out.

Someone recovering from a stroke says how they feel ("i feel useless today"), says hello
and thank you, and asks for things a small speaker cannot do ("call my daughter"). None of
these is news to store as a milestone; each needs its own answer, so each is recognised
here from the phrasings in ``talk.toml``. Pure and fast.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any

from .normalise import Cleaned
from .telegraphic import fragments


class Mood(StrEnum):
    """Which way a feeling leans: a fear or a low mood is ``low``."""

    LOW = "low"
    GOOD = "good"


@dataclass(frozen=True)
class _Talk:
    feeling: re.Pattern[str]
    named: re.Pattern[str]
    """A mood of a person said after their name ("gwyn is ever so low", "Mammy vex today")."""
    bare: re.Pattern[str]
    """A mood said alone, telegraphically ("grumpy today")."""
    low_phrases: re.Pattern[str]
    fear_phrases: re.Pattern[str]
    good_phrases: re.Pattern[str]
    low: frozenset[str]
    fears: frozenset[str]
    social: re.Pattern[str]
    rest_words: int
    topics: re.Pattern[str]
    max_words: int
    requests: dict[str, re.Pattern[str]]


def _words(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_NOT_NAMES = "the|a|an|it|this|that|there|you|they|we|my|his|her|our|your"
_VERBS = "is|was|has|had|seems|seemed|feel|feels|felt|feeling|been"
"""First words that name no person whose mood is told ("my hand has been useless")."""


def _load() -> _Talk:
    text = resources.files(__package__).joinpath("talk.toml").read_text(encoding="utf-8")
    raw: dict[str, Any] = tomllib.loads(text)
    feelings, social = raw["feelings"], raw["social"]
    moods = _words(feelings["low"] + feelings["good"])
    of_people = _words([m for m in feelings["low"] + feelings["good"]
                        if m not in feelings["of_things"]])
    # "sad... today... very sad", "fierce fed up", "affa prood", "kinda blue"
    degree = ("(?:very|so|really|real|a bit|bit|a little|quite|proper|fierce|affa|right|kind of"
              "|sort of|pretty|plumb)")
    return _Talk(
        feeling=re.compile(feelings["frame"] + rf"(?P<mood>{moods})\b"),
        named=re.compile(rf"^(?:poor )?(?!(?:{_NOT_NAMES}) )[a-z]+"
                         rf"(?: (?!{_VERBS}\b)[a-z]+)?(?<!ing) "
                         rf"(?P<verb>(?:is|was|has been|had been|seems|seemed|feel|feels|felt"
                         rf"|feeling|is feeling|has been feeling|been feeling) )?"
                         rf"(?:{degree} |ever so |been |feeling )*(?P<mood>{of_people})\b"),
        # "i frustrated bad today": a mood said after "i" with no verb (Caribbean English)
        bare=re.compile(rf"^(?:(?:ugh|oh|well|honestly|just|i) )*(?:{degree} )?(?P<mood>{moods})"
                        rf"(?: (?:{feelings['bare_after']}|(?:and |or )?(?:{degree} )?{moods}))*$"),
        low_phrases=re.compile(feelings["low_phrases"]),
        fear_phrases=re.compile(feelings["fear_phrases"]),
        good_phrases=re.compile(feelings["good_phrases"]),
        low=frozenset(feelings["low"]),
        fears=frozenset(feelings["fears"]),
        social=re.compile(
            "|".join(f"(?:{social[name]})" for name in ("greeting", "thanks", "small_talk"))
        ),
        rest_words=social["rest_words"],
        topics=re.compile(social["topics"]),
        max_words=social["max_words"],
        requests={name: re.compile(p) for name, p in raw["requests"].items()},
    )


_TALK = _load()
_NOT_MOODS_ALONE = frozenset(("alone", "down", "better", "good", "fine", "well", "stuck", "lost",
                              "calm", "blue"))
"""Words that, alone in a fragment of telegraphic speech, say how it went ("bed... out...
alone"), not a mood."""
_NOT_MOODS_NAMED = _NOT_MOODS_ALONE | {"gutted", "cross", "flat", "low"}
"""Words that, after a name with no verb ("Mammy vex today"), may say something else."""


@dataclass(frozen=True)
class Feeling:
    """How the speaker says they feel; ``fear`` for a fear ("afraid i will fall")."""

    mood: Mood
    fear: bool


def _too_to(text: str, match: re.Match[str]) -> bool:
    """ "too tired to do my exercises" says what could not be done (a setback), not a mood;
    "too scared to go out" is still a fear."""
    mood = match.start("mood")
    return (
        text[max(0, mood - 4) : mood] == "too "
        and text.startswith(" to ", match.end())
        and match.group("mood") not in _TALK.fears
    )


_SOFTENER = " i am afraid"


def _softened(text: str, match: re.Match[str]) -> bool:
    """ "back to square one with the stairs, i am afraid": said after news, "i am afraid"
    softens it; it is no fear."""
    return match.end() == len(text) and text.endswith(_SOFTENER) and text != _SOFTENER[1:]


def feeling_of(cleaned: Cleaned) -> Feeling | None:
    """How the speaker says they feel, or None when they do not say."""
    text = cleaned.plain
    named = _TALK.named.match(text)
    if named and not named.group("verb") and named.group("mood") in _NOT_MOODS_NAMED:
        named = None  # "steps were down", "ma mither gutted an filleted": no mood
    match = _TALK.feeling.search(text) or named or _TALK.bare.match(text)
    if match is None:
        # "Frustrated. I used to run marathons.", "tired... fed up", "I don't know. Just
        # flat.": a mood alone in one of its fragments
        match = next((m for m in map(_TALK.bare.match, fragments(cleaned.tokens))
                      if m and m.group("mood") not in _NOT_MOODS_ALONE), None)
    if match and (_too_to(text, match) or _softened(text, match)):
        match = None
    if match:
        word = match.group("mood")
        low = word in _TALK.low
        mood = Mood.GOOD if low == bool(match.groupdict().get("negated")) else Mood.LOW
        return Feeling(mood, fear=word in _TALK.fears and mood is Mood.LOW)
    if _TALK.fear_phrases.search(text):
        return Feeling(Mood.LOW, fear=True)
    if _TALK.low_phrases.search(text):
        return Feeling(Mood.LOW, fear=False)
    if _TALK.good_phrases.search(text):
        return Feeling(Mood.GOOD, fear=False)
    return None


def is_social(cleaned: Cleaned) -> bool:
    """True for a greeting, thanks or pleasantry with little else ("nice to talk to you")."""
    text = cleaned.light
    rest = _TALK.social.sub(" ", text)
    return rest != text and len(rest.split()) <= _TALK.rest_words


def is_small_talk(cleaned: Cleaned) -> bool:
    """True for a short remark on a small-talk topic ("it is cold today"), or a greeting or
    thanks with a remark of its own ("good morning o, how you dey"); asked only when
    nothing else was heard."""
    text = cleaned.light
    return len(text.split()) <= _TALK.max_words and (
        _TALK.topics.search(text) is not None or _TALK.social.search(text) is not None)


def request_of(cleaned: Cleaned) -> str | None:
    """The kind of thing asked that the device cannot do ("call"), or None."""
    for name, pattern in _TALK.requests.items():
        if pattern.search(cleaned.light):
            return name
    return None
