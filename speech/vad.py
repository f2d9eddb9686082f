"""Endpointing: cut a stream of audio into utterances at pauses.

People recovering from a stroke often pause mid-sentence while they find a word, so the pause
that ends an utterance is long (1.2 s by default) and configurable. Voice activity comes from
WebRTC's detector, which is small, fast and well tested on 10–30 ms frames of 16 kHz speech.

That long pause is dead time for the patient waiting for an answer, so the endpointer also
reports a *tentative* end as soon as the pause has lasted the padding kept after speech: from
then on, the utterance's audio is exactly what it will be if the pause completes, and a
recogniser can start on it while the rest of the pause runs (see assistant.loop.hear_audio).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import webrtcvad

from speech.audio import SPEECH_RATE, Audio

DEFAULT_PAUSE_S = 1.2


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech; times are seconds from the start of the stream."""

    audio: Audio
    start_s: float
    speech_end_s: float
    """When the last voiced frame ended."""
    detected_s: float
    """When the endpointer decided the utterance was over (speech_end_s + the pause)."""
    final: bool = True
    """False for a tentative end (`Endpointer.events`): the pause has begun but may not last."""


class Endpointer:
    """Feed audio in any block size; get back each utterance once its closing pause has passed."""

    def __init__(
        self,
        pause_s: float = DEFAULT_PAUSE_S,
        aggressiveness: int = 2,
        frame_ms: int = 30,
        min_speech_s: float = 0.25,
        max_utterance_s: float = 30.0,
        padding_s: float = 0.3,
    ) -> None:
        self._vad = webrtcvad.Vad(aggressiveness)
        self._frame = SPEECH_RATE * frame_ms // 1000
        self._frame_s = frame_ms / 1000
        self._pause_frames = max(1, round(pause_s / self._frame_s))
        self._min_voiced = max(1, round(min_speech_s / self._frame_s))
        self._max_frames = round(max_utterance_s / self._frame_s)
        self._padding = max(1, round(padding_s / self._frame_s))
        self._onset = deque(maxlen=8)
        self._pending = np.zeros(0, dtype=np.int16)
        self._frames_seen = 0
        self._speech: list[np.ndarray] = []
        self._start_frame = 0
        self._voiced = 0
        self._silent_run = 0

    def feed(self, audio: Audio) -> list[Utterance]:
        """Take the next block of 16 kHz audio; return the utterances it completed."""
        return [utterance for utterance in self.events(audio) if utterance.final]

    def events(self, audio: Audio) -> list[Utterance]:
        """Like `feed`, but also return a tentative utterance (`final=False`) each time a pause
        inside speech reaches the padding length. If the pause goes on to end the utterance,
        the final utterance has the same start and the very same samples; if speech resumes,
        the tentative one is simply superseded."""
        samples = np.concatenate([self._pending, audio.samples])
        whole = len(samples) // self._frame * self._frame
        self._pending = samples[whole:]
        done = []
        for start in range(0, whole, self._frame):
            utterance = self._step(samples[start : start + self._frame])
            if utterance:
                done.append(utterance)
        return done

    def flush(self) -> Utterance | None:
        """End of stream: return speech still in progress, if there was enough of it."""
        return self._close(self._frames_seen) if self._speech else None

    def _step(self, frame: np.ndarray) -> Utterance | None:
        voiced = self._vad.is_speech(frame.tobytes(), SPEECH_RATE)
        self._frames_seen += 1
        if not self._speech:
            self._onset.append((frame, voiced))
            if sum(v for _, v in self._onset) >= 4:
                self._speech = [f for f, _ in self._onset]
                self._start_frame = self._frames_seen - len(self._onset)
                self._voiced = sum(v for _, v in self._onset)
                self._silent_run = 0
                self._onset.clear()
            return None
        self._speech.append(frame)
        if voiced:
            self._voiced += 1
            self._silent_run = 0
        else:
            self._silent_run += 1
        if self._silent_run >= self._pause_frames or len(self._speech) >= self._max_frames:
            return self._close(self._frames_seen)
        if self._silent_run == self._padding and self._voiced >= self._min_voiced:
            return self._tentative()
        return None

    def _tentative(self) -> Utterance:
        """The utterance as `_close` would cut it now: all frames, as the silence so far is
        exactly the padding that `_close` keeps."""
        return Utterance(
            audio=Audio(np.concatenate(self._speech)),
            start_s=self._start_frame * self._frame_s,
            speech_end_s=(self._start_frame + len(self._speech) - self._silent_run)
            * self._frame_s,
            detected_s=self._frames_seen * self._frame_s,
            final=False,
        )

    def _close(self, detected_frame: int) -> Utterance | None:
        keep = len(self._speech) - max(0, self._silent_run - self._padding)
        samples = np.concatenate(self._speech[:keep])
        speech_end = self._start_frame + len(self._speech) - self._silent_run
        enough = self._voiced >= self._min_voiced
        start = self._start_frame
        self._speech, self._voiced, self._silent_run = [], 0, 0
        if not enough:
            return None
        return Utterance(
            audio=Audio(samples),
            start_s=start * self._frame_s,
            speech_end_s=speech_end * self._frame_s,
            detected_s=detected_frame * self._frame_s,
        )


def utterances(
    stream: Iterable[Audio], endpointer: Endpointer, tentative: bool = False
) -> Iterator[Utterance]:
    """Split a whole stream (a file, a microphone) into utterances, flushing at its end;
    with `tentative`, tentative ends come too (see `Endpointer.events`)."""
    take = endpointer.events if tentative else endpointer.feed
    for block in stream:
        yield from take(block)
    last = endpointer.flush()
    if last:
        yield last
