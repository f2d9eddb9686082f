"""What the practice coach says and the spoken commands it understands, both from talk.toml.

Commands are whole utterances ("say it slowly", "skip"), compared after the same normalising
as answers, so "let's stop" and "let us stop" are one command and a sentence that merely
contains "stop" is not.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from assistant.conversation.phrasebook import sentences
from assistant.practice.scoring import canonical, tokens

COMMANDS = ("stop", "skip", "slowly", "again", "hint")
"""Commands understood at any time; "yes" and "no" only answer the offer to hear it slowly."""
_COURTESY = frozenset({"please", "okay", "um", "uh", "oh", "well"})


@cache
def _table() -> dict[str, dict[str, list[str]]]:
    text = resources.files("assistant.practice").joinpath("talk.toml").read_text()
    return tomllib.loads(text)


def line(key: str, turn: int, **facts: object) -> str:
    """One sentence for `key`; `turn` rotates through the alternatives so replies vary."""
    options = _table()["say"][key]
    return sentences(options[turn % len(options)].format(**facts))


@cache
def _phrases(name: str) -> frozenset[tuple[str, ...]]:
    return frozenset(_key(phrase) for phrase in _table()["hear"][name])


def _key(text: str) -> tuple[str, ...]:
    """Canonical words, without a "please" or "um" at either end when something is left."""
    words = [canonical(t) for t in tokens(text)]
    while len(words) > 1 and words[-1] in _COURTESY:
        words.pop()
    while len(words) > 1 and words[0] in _COURTESY:
        words.pop(0)
    return tuple(words)


def command(text: str, offered: bool = False) -> str | None:
    """The command an utterance is, if it is one; `offered` after "hear it slowly?"."""
    key = _key(text)
    names = COMMANDS + (("yes", "no") if offered else ())
    return next((name for name in names if key in _phrases(name)), None)


def spoken_commands(offered: bool = False) -> tuple[str, ...]:
    """One way of saying each command (the first in talk.toml), for Whisper to read against
    an answer that is not the target; "yes" and "no" only after "hear it slowly?"."""
    names = COMMANDS + (("yes", "no") if offered else ())
    return tuple(_table()["hear"][name][0] for name in names)


@cache
def command_words() -> tuple[str, ...]:
    """Every word of every command, for a Vosk grammar (so "stop" can still be heard)."""
    found: dict[str, None] = {}
    for name in (*COMMANDS, "yes", "no"):
        for phrase in _table()["hear"][name]:
            found.update((w, None) for w in phrase.lower().split())
    return tuple(found)
