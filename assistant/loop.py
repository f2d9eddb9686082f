"""The turn loop: words heard → a turn taken (understood, committed, answered) → reply spoken.

Each turn runs in this order: understand, commit, show, speak. The reply is never spoken
before the patient's words are safely on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from assistant.clock import now
from assistant.practice.session import Part
from assistant.understand import Understanding
from speech.asr.base import Recognizer, Transcript, Word, transcribe
from speech.asr.verify import Support
from speech.audio import Audio
from speech.tts import VoiceSettings
from speech.vad import Endpointer, Utterance, utterances


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
    words: tuple[Word, ...] = ()
    """Recognised words with timings and confidences (none for typed lines)."""
    support: tuple[Support, ...] = ()
    """How well the audio supports each text listened for (Whisper, in practice)."""


@dataclass(frozen=True)
class Turn:
    id: int
    time: datetime
    heard: Heard
    understanding: Understanding
    reply: str
    voice: VoiceSettings
    """How to speak the reply (the patient may have asked for slower or louder)."""
    parts: tuple[Part, ...] = ()
    """The reply in pieces when some are paced differently (a practice word said slowly)."""

    def spoken(self) -> list[tuple[str, VoiceSettings]]:
        """What to say, piece by piece, and how."""
        return [(p.text, p.voice(self.voice)) for p in self.parts or (Part(self.reply),)]

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
    hints: Callable[[str], list[str] | None] = lambda engine: None,
) -> Iterator[Heard]:
    """Endpoint a stream and recognise each utterance; stretches with no words are skipped.
    `hints(engine)` gives the words to listen for at that moment (a practice target).

    Recognition starts speculatively at each tentative end, while the closing pause still
    runs, so the transcript is usually ready when the pause completes; the words heard are
    the same as if recognition had waited (see `_Speculation`).
    """
    started = clock()
    speculation = _Speculation(recognizer, hints)
    try:
        for utterance in utterances(blocks, endpointer, tentative=True):
            if not utterance.final:
                speculation.start(utterance)
                continue
            transcript = speculation.transcript(utterance)
            if transcript.text.strip():
                yield Heard(
                    transcript.text.strip(),
                    source,
                    started + timedelta(seconds=utterance.start_s),
                    transcript.engine,
                    transcript.confidence,
                    round(utterance.audio.duration_s, 3),
                    transcript.words,
                    transcript.extra.get("support", ()),
                )
    finally:
        speculation.close()


class _Speculation:
    """Recognition of a tentative utterance in one worker thread, used for the final utterance
    only when that has the same start, the same samples and the same hints, so the transcript
    cannot differ from recognising after the pause. Otherwise (speech resumed, the hints
    changed, or the stream ended early) the guess is dropped and the final utterance is
    recognised as it is."""

    def __init__(
        self, recognizer: Recognizer, hints: Callable[[str], list[str] | None]
    ) -> None:
        self._recognizer = recognizer
        self._hints = hints
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speculate")
        self._guess: tuple[Utterance, list[str] | None, Future[Transcript]] | None = None

    def start(self, tentative: Utterance) -> None:
        self._drop()
        words = self._hints(self._recognizer.name)
        job = self._worker.submit(recognise, self._recognizer, tentative.audio, words)
        self._guess = (tentative, words, job)

    def transcript(self, final: Utterance) -> Transcript:
        words = self._hints(self._recognizer.name)
        if self._guess is not None:
            tentative, guessed_with, job = self._guess
            if (
                tentative.start_s == final.start_s
                and guessed_with == words
                and np.array_equal(tentative.audio.samples, final.audio.samples)
            ):
                self._guess = None
                return job.result()
            self._drop()
        return recognise(self._recognizer, final.audio, words)

    def close(self) -> None:
        self._drop()
        self._worker.shutdown(wait=False, cancel_futures=True)

    def _drop(self) -> None:
        """Forget the guess; one not yet started never runs (a running one cannot be stopped,
        and only finishes in the background)."""
        if self._guess is not None:
            self._guess[2].cancel()
            self._guess = None


def recognise(recognizer: Recognizer, audio: Audio, words: list[str] | None) -> Transcript:
    """Recognise with `words`; when that hears nothing, once more without.

    Whisper under hints sometimes returns nothing for a correct short name ("Margaret"), and
    what was really said is worth storing and scoring.
    """
    transcript = transcribe(recognizer, audio, words)
    if words and not transcript.text.strip():
        return transcribe(recognizer, audio)
    return transcript


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
        for text, voice in turn.spoken():
            speak(text, voice)
        count += 1
    return count
