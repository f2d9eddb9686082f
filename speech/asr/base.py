"""The contract every recogniser keeps: open a stream, feed audio, finish with a Transcript.

Order of calls on a stream: feed (any number of times, returning partial text) then finish once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypedDict

from speech.audio import Audio, chunks

if TYPE_CHECKING:
    from speech.asr.verify import Support


class ModelError(Exception):
    """A recognition model is missing or unusable; the message names the fix."""


@dataclass(frozen=True)
class Word:
    """One recognised word; times in seconds from the start of the utterance, confidence 0–1."""

    text: str
    start_s: float
    end_s: float
    confidence: float | None


class TranscriptExtra(TypedDict, total=False):
    """What an engine tells beyond the words; each key only from the engines that have it."""

    support: tuple[Support, ...]
    """Whisper: how well the audio supports each text listened for."""


@dataclass(frozen=True)
class Transcript:
    text: str
    engine: str
    words: tuple[Word, ...] = ()
    confidence: float | None = None
    """Mean word confidence, or None when the engine gives none."""
    duration_s: float = 0.0
    """Length of the audio that was recognised."""
    elapsed_s: float = 0.0
    """Wall-clock time recognition took, for real-time-factor figures."""
    extra: TranscriptExtra = field(default_factory=TranscriptExtra)


class RecognitionStream(Protocol):
    def feed(self, audio: Audio) -> str:
        """Add 16 kHz audio; return the partial text so far ('' if the engine has none)."""
        ...

    def finish(self) -> Transcript: ...


class Recognizer(Protocol):
    name: str

    def stream(
        self, words: Sequence[str] | None = None, vocabulary: Sequence[str] = ()
    ) -> RecognitionStream:
        """Start an utterance; `words`, when given, limits or biases recognition to that list.
        `vocabulary` holds the patient's own names and places, which an engine that can may
        lean toward (never a limit: anything else can still be said)."""
        ...


def transcribe(
    recognizer: Recognizer,
    audio: Audio,
    words: Sequence[str] | None = None,
    vocabulary: Sequence[str] = (),
) -> Transcript:
    """Recognise a whole utterance by streaming it in device-sized blocks."""
    stream = recognizer.stream(words, vocabulary)
    for block in chunks(audio, 0.25):
        stream.feed(block)
    return stream.finish()


def loops(text: str) -> bool:
    """The text ends by repeating two or more different words ("it was a season, it was a
    season"). Whisper does this on audio cut off mid-sentence, so after it a pause may still
    be the patient finding the next word. (A restart earlier on, "I walked, I walked to the
    door", ends a sentence; and one word said again and again is how people answer: "no no
    no no".)"""
    words = "".join(c if c.isalnum() or c == "'" else " " for c in text.lower()).split()
    return any(
        words[-2 * size : -size] == words[-size:] and len(set(words[-size:])) > 1
        for size in range(2, len(words) // 2 + 1)
    )


def mean_confidence(words: Sequence[Word]) -> float | None:
    scores = [w.confidence for w in words if w.confidence is not None]
    return sum(scores) / len(scores) if scores else None
