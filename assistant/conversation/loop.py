"""The turn loop: words heard → a turn taken (understood, committed, answered) → reply spoken.

Each turn runs in this order: understand, commit, show, speak. The reply is never spoken
before the patient's words are safely on disk. Conversation and practice both run on
`take_turns`; they differ only in what taking a turn means.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from assistant.turn import Heard, Turn
from speech.tts import VoiceSettings

R = TypeVar("R")


def take_turns(
    heard: Iterable[Heard],
    take: Callable[[Heard], R | None],
    answer: Callable[[R], None],
    until: Callable[[R], bool] = lambda reply: False,
) -> int:
    """The one turn loop: each utterance is taken (committed, its reply decided), then its
    reply given, until the input ends or `until` the reply; returns how many turns were
    taken. `take` returns None for an utterance that makes no turn."""
    count = 0
    for item in heard:
        reply = take(item)
        if reply is None:
            continue
        answer(reply)
        count += 1
        if until(reply):
            break
    return count


def converse(
    heard: Iterable[Heard],
    take: Callable[[Heard], Turn | None],
    show: Callable[[Turn], None],
    speak: Callable[[str, VoiceSettings], None],
) -> int:
    """Run conversation turns until the input ends; returns how many turns were taken."""

    def answer(turn: Turn) -> None:
        show(turn)
        for text, voice in turn.spoken():
            speak(text, voice)

    return take_turns(heard, take, answer)
