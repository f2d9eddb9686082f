"""The turn loop: words heard → a turn taken (understood, committed, answered) → reply spoken.

Each turn runs in this order: understand, commit, show, speak. The reply is never spoken
before the patient's words are safely on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from assistant.clock import now
from assistant.understand import Understanding
from speech.asr.base import Recognizer, transcribe
from speech.audio import Audio
from speech.tts import VoiceSettings
from speech.vad import Endpointer, utterances


@dataclass(frozen=True)
class Heard:
    """What reached the assistant, from a microphone, a recording or the keyboard."""

    text: str
    source: str
    at: datetime
    """When it was said: the clock for typed lines, stream start + offset for audio."""
    engine: str | None = None
    confidence: float | None = None
    duration_s: float | None = None


@dataclass(frozen=True)
class Turn:
    id: int
    time: datetime
    heard: Heard
    understanding: Understanding
    reply: str
    voice: VoiceSettings
    """How to speak the reply (the patient may have asked for slower or louder)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time.isoformat(timespec="seconds"),
            "heard": self.heard.text,
            "intent": self.understanding.intent,
            "reply": self.reply,
        }


def hear_audio(
    blocks: Iterable[Audio],
    recognizer: Recognizer,
    endpointer: Endpointer,
    source: str,
    clock: Callable[[], datetime] = now,
) -> Iterator[Heard]:
    """Endpoint a stream and recognise each utterance; stretches with no words are skipped."""
    started = clock()
    for utterance in utterances(blocks, endpointer):
        transcript = transcribe(recognizer, utterance.audio)
        if transcript.text.strip():
            yield Heard(
                transcript.text.strip(),
                source,
                started + timedelta(seconds=utterance.start_s),
                transcript.engine,
                transcript.confidence,
                round(utterance.audio.duration_s, 3),
            )


def hear_typed(lines: Iterable[str], clock: Callable[[], datetime] = now) -> Iterator[Heard]:
    for line in lines:
        if line.strip():
            yield Heard(line.strip(), "typed", clock())


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
        speak(turn.reply, turn.voice)
        count += 1
    return count
