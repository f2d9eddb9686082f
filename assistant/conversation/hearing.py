"""Where utterances come from (a recording, lines typed or piped in, or the microphone), and
how audio becomes what was heard: endpointed, recognised, speculatively during the pause.

The source is opened first, so that what depends on it (the wake phrase is only needed on a
live microphone) is settled before anything is heard.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from assistant.clock import now
from assistant.turn import Heard
from assistant.understand.completeness import unfinished
from speech.asr.base import Recognizer, Transcript, loops, transcribe
from speech.asr.select import load_recognizer
from speech.audio import Audio, chunks, read_wav, silence
from speech.devices import Microphone, NoMicrophone, keep_listening
from speech.templates import Match, Phrase, best_match, features
from speech.vad import Endpointer, Utterance, utterances

ENROLLED = "enrolled"
"""The engine of an utterance heard as a phrase the patient enrolled (speech/templates.py)."""


@dataclass(frozen=True)
class Source:
    """A recording, an opened microphone, or (neither) typed lines."""

    recording: Path | None = None
    microphone: Microphone | None = None

    @property
    def live(self) -> bool:
        """Speech from the room, where a radio or a visitor may be heard too."""
        return self.microphone is not None


def open_source(
    audio: Path | None, typed: bool, mic: str | None, tell: Callable[[str], None]
) -> Source:
    """The recording if given, typed lines if asked for, else the microphone; with no
    microphone, typed lines (said so), unless nobody can type (then the microphone is waited
    for)."""
    if typed:
        return Source()
    if audio:
        return Source(recording=audio)
    microphone = Microphone(mic)
    try:
        microphone.open()
    except NoMicrophone as error:
        if not _nobody_typing():
            tell(f"{error} I'll read what you type instead; press Enter after each line.")
            return Source()
    return Source(microphone=microphone)


def listen(
    source: Source,
    pause: float,
    max_pause: float,
    engine: str,
    model: Path | None,
    tell: Callable[[str], None],
    hints: Callable[[str], list[str] | None] = lambda engine: None,
    enrolled: Sequence[Phrase] = (),
    vocabulary: Sequence[str] = (),
) -> Iterator[Heard]:
    """The utterances from `source`. `hints(engine)` gives the words to listen for at each
    moment (a practice target); `enrolled` are the phrases the patient enrolled in their own
    voice; `vocabulary` their own names and places, for the recogniser to lean toward."""
    if source.recording:
        recording = read_wav(source.recording)
        recognizer = load_recognizer(engine, model)
        heard = hear_audio(chunks(recording), recognizer,
                           Endpointer(pause, max_pause_s=max_pause), "recording", hints=hints,
                           enrolled=enrolled, vocabulary=vocabulary)
        return _or_nothing_heard(heard, source.recording, tell)
    if source.microphone is None:
        return hear_typed(typed_lines())
    recognizer = load_recognizer(engine, model)
    blocks = keep_listening(
        source.microphone,
        lambda error: tell(f"{error} I'll carry on as soon as it works again."),
        lambda: tell("I can hear you again."),
        bridge=silence(max(pause, max_pause) + 0.3),
    )
    endpointer = Endpointer(pause, max_pause_s=max_pause)
    return hear_audio(blocks, recognizer, endpointer, "microphone", hints=hints,
                      enrolled=enrolled, vocabulary=vocabulary)


def hear_audio(
    blocks: Iterable[Audio],
    recognizer: Recognizer,
    endpointer: Endpointer,
    source: str,
    clock: Callable[[], datetime] = now,
    hints: Callable[[str], list[str] | None] = lambda engine: None,
    enrolled: Sequence[Phrase] = (),
    vocabulary: Sequence[str] = (),
) -> Iterator[Heard]:
    """Endpoint a stream and recognise each utterance; stretches with no words are skipped.
    `hints(engine)` gives the words to listen for at that moment (a practice target);
    `vocabulary` (the patient's names and places) is offered to the recogniser with every
    utterance, and the recogniser decides where it helps.
    An utterance confidently matched to a phrase in `enrolled` is heard as that phrase,
    whatever the recogniser wrote: the patient's own "yes" beats a general model's guess.

    Recognition starts speculatively at each tentative end, while the closing pause still
    runs, so the transcript is usually ready when the pause completes; the words heard are
    the same as if recognition had waited (see `_Speculation`). That transcript also decides
    whether the words so far are unfinished, so the endpointer keeps listening (up to its
    longest pause) with no extra recognition for a finished sentence.
    """
    started = clock()
    speculation = _Speculation(recognizer, hints, vocabulary)
    matched = _EnrolledMatch(enrolled)
    try:
        for utterance in utterances(
            blocks, endpointer, tentative=True,
            hold=lambda ending: (_may_go_on(speculation.transcript(ending).text)
                                 and matched(ending.audio) is None),
        ):
            if not utterance.final:
                speculation.start(utterance)
                continue
            transcript = speculation.transcript(utterance)
            match = matched(utterance.audio)
            if match:
                yield Heard(match.text, source, started + timedelta(seconds=utterance.start_s),
                            ENROLLED, match.confidence, round(utterance.audio.duration_s, 3))
            elif transcript.text.strip():
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


def _may_go_on(text: str) -> bool:
    """The words so far stop where a sentence cannot end, or the recogniser looped on audio
    cut off mid-sentence: either way the pause may be the patient finding the next word.
    (A low score for the last word was tried too: it held 3 of 8 finished held-out clauses.)"""
    return unfinished(text) or loops(text)


class _EnrolledMatch:
    """The enrolled phrase an utterance is confidently taken for. An utterance that is one is
    complete whatever the recogniser wrote for it ("and" for a slurred "yes"). The answer is
    kept for the same samples: the pause's hold and the final utterance usually ask about the
    same audio, and the final one is asked after the pause, when the reply is awaited."""

    def __init__(self, enrolled: Sequence[Phrase]) -> None:
        self._enrolled = enrolled
        self._last: tuple[np.ndarray, Match | None] | None = None

    def __call__(self, audio: Audio) -> Match | None:
        if not self._enrolled:
            return None
        if self._last is not None and np.array_equal(self._last[0], audio.samples):
            return self._last[1]
        match = best_match(features(audio), self._enrolled)
        self._last = (audio.samples, match)
        return match


class _Speculation:
    """Recognition of a tentative utterance in one worker thread, used for the final utterance
    only when that has the same start, the same samples and the same hints, so the transcript
    cannot differ from recognising after the pause. Otherwise (speech resumed, the hints
    changed, or the stream ended early) the guess is dropped and the final utterance is
    recognised as it is. The transcript is kept until the next tentative end, so asking
    twice for one utterance (is it finished? then its words) recognises it once."""

    def __init__(
        self, recognizer: Recognizer, hints: Callable[[str], list[str] | None],
        vocabulary: Sequence[str] = (),
    ) -> None:
        self._recognizer = recognizer
        self._hints = hints
        self._vocabulary = vocabulary
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speculate")
        self._guess: tuple[Utterance, list[str] | None, Future[Transcript]] | None = None

    def start(self, tentative: Utterance) -> None:
        self._drop()
        words = self._hints(self._recognizer.name)
        job = self._worker.submit(recognise, self._recognizer, tentative.audio, words,
                                  self._vocabulary)
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
                return job.result()
            self._drop()
        done: Future[Transcript] = Future()
        done.set_result(recognise(self._recognizer, final.audio, words, self._vocabulary))
        self._guess = (final, words, done)
        return done.result()

    def close(self) -> None:
        self._drop()
        self._worker.shutdown(wait=False, cancel_futures=True)

    def _drop(self) -> None:
        """Forget the guess; one not yet started never runs (a running one cannot be stopped,
        and only finishes in the background)."""
        if self._guess is not None:
            self._guess[2].cancel()
            self._guess = None


def recognise(
    recognizer: Recognizer, audio: Audio, words: list[str] | None, vocabulary: Sequence[str] = ()
) -> Transcript:
    """Recognise with `words` (and the patient's `vocabulary`); when that hears nothing, once
    more without the words.

    Whisper under hints sometimes returns nothing for a correct short name ("Margaret"), and
    what was really said is worth storing and scoring.
    """
    transcript = transcribe(recognizer, audio, words, vocabulary)
    if words and not transcript.text.strip():
        return transcribe(recognizer, audio, vocabulary=vocabulary)
    return transcript


def hear_typed(lines: Iterable[str], clock: Callable[[], datetime] = now) -> Iterator[Heard]:
    for line in lines:
        if line.strip():
            yield Heard(line.strip(), "typed", clock())


def typed_lines() -> Iterator[str]:
    """Lines of standard input. Undecodable bytes are replaced, never fatal: junk input gets
    an answer like any other."""
    for raw in sys.stdin.buffer:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def _nobody_typing() -> bool:
    """Standard input is /dev/null, as under systemd: with no microphone there is no keyboard
    to fall back on, so the microphone is waited for instead."""
    try:
        return os.path.samestat(os.fstat(sys.stdin.fileno()), os.stat(os.devnull))
    except (OSError, ValueError, AttributeError):  # no standard input at all
        return True


def _or_nothing_heard(heard: Iterator[Heard], audio: Path, tell: Callable[[str], None]
                      ) -> Iterator[Heard]:
    """A recording with no speech in it (silence, noise) gets a sentence, not a silent exit."""
    anything = False
    for item in heard:
        anything = True
        yield item
    if not anything:
        tell(f"I heard no speech in {audio}.")
