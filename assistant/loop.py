"""The turn loop: words heard → understood → committed to the store → reply spoken.

Each turn runs in this order: understand, commit, show, speak. The reply is never spoken
before the patient's words are safely on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from assistant.clock import now
from assistant.respond import reply_to
from assistant.store import Store
from assistant.understand import Understanding, understand
from speech.asr.base import Recognizer, transcribe
from speech.audio import Audio
from speech.vad import Endpointer, utterances


@dataclass(frozen=True)
class Heard:
    """What reached the assistant, from a microphone, a recording or the keyboard."""

    text: str
    source: str
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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time.isoformat(timespec="seconds"),
            "heard": self.heard.text,
            "intent": self.understanding.intent,
            "reply": self.reply,
        }


def hear_audio(
    blocks: Iterable[Audio], recognizer: Recognizer, endpointer: Endpointer, source: str
) -> Iterator[Heard]:
    """Endpoint a stream and recognise each utterance; stretches with no words are skipped."""
    for utterance in utterances(blocks, endpointer):
        transcript = transcribe(recognizer, utterance.audio)
        if transcript.text.strip():
            yield Heard(
                transcript.text.strip(),
                source,
                transcript.engine,
                transcript.confidence,
                round(utterance.audio.duration_s, 3),
            )


def hear_typed(lines: Iterable[str]) -> Iterator[Heard]:
    for line in lines:
        if line.strip():
            yield Heard(line.strip(), "typed")


class Assistant:
    def __init__(self, store: Store, clock: Callable[[], datetime] = now) -> None:
        self.store = store
        self.clock = clock

    def take(self, heard: Heard) -> Turn:
        """Understand and commit one utterance, and decide the reply (not yet spoken)."""
        understanding = understand(heard.text)
        time = self.clock()
        turn_id = self.store.add_utterance(
            time=time,
            text=heard.text,
            source=heard.source,
            engine=heard.engine,
            confidence=heard.confidence,
            duration_s=heard.duration_s,
            intent=understanding.intent,
            understanding=understanding.to_dict(),
        )
        return Turn(turn_id, time, heard, understanding, reply_to(understanding))


def converse(
    heard: Iterable[Heard],
    assistant: Assistant,
    show: Callable[[Turn], None],
    speak: Callable[[str], None],
) -> int:
    """Run turns until the input ends; returns how many turns were taken."""
    count = 0
    for item in heard:
        turn = assistant.take(item)
        show(turn)
        speak(turn.reply)
        count += 1
    return count
