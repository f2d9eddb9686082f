"""The turn loop: words heard → a turn taken (understood, committed, answered) → reply spoken.

Each turn runs in this order: understand, commit, show, speak. The reply is never spoken
before the patient's words are safely on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.turn import Heard, Turn
from speech.tts import VoiceSettings


def converse(
    heard: Iterable[Heard],
    take: Callable[[Heard], Turn | None],
    show: Callable[[Turn], None],
    speak: Callable[[str, VoiceSettings], None],
) -> int:
    """Run turns until the input ends; returns how many turns were taken."""
    count = 0
    for item in heard:
        turn = take(item)
        if turn is None:
            continue
        show(turn)
        for text, voice in turn.spoken():
            speak(text, voice)
        count += 1
    return count
