"""Endpointing: cut a stream of audio into utterances at pauses.

People recovering from a stroke often pause mid-sentence while they find a word, so the pause
that ends an utterance is long (1.2 s by default) and configurable. Voice activity comes from
WebRTC's detector, which is small, fast and well tested on 10–30 ms frames of 16 kHz speech.

That long pause is dead time for the patient waiting for an answer, so the endpointer also
reports a *tentative* end as soon as the pause has lasted the padding kept after speech: from
then on, the utterance's audio is exactly what it will be if the pause completes, and a
recogniser can start on it while the rest of the pause runs (see
assistant.conversation.hearing.hear_audio).

WebRTC's detector keeps calling the first 90–120 ms after the last word "speech" (its
hangover). The pause is counted from the end of the speech itself: when the detector first says
silence, trailing frames it called speech but that are far quieter than the utterance's speech
(`QUIET_DB` below its median) count as pause already. In noise they are not that quiet, and the
pause is counted from the detector's decision as before.

A word-finding pause can be longer than that pause ("i walked to the… kitchen"). When the pause
completes, a caller's `Hold` may judge the words so far unfinished, and the endpointer then
keeps listening up to `max_pause_s` of silence: speech resuming continues the same utterance.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import webrtcvad

from speech.audio import SPEECH_RATE, Audio

DEFAULT_PAUSE_S = 1.2
DEFAULT_MAX_PAUSE_S = 4.0
"""The longest word-finding pause inside an unfinished sentence (people with aphasia: 2–4 s)."""
QUIET_DB = 20.0
"""A frame this far below the utterance's median speech level is not speech, whatever the
detector says (room noise is 30 dB or more below a voice a metre away)."""
MAX_HANGOVER_S = 0.15
"""At most this much of the detector's trailing speech is counted as pause."""


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


Hold = Callable[[Utterance], bool]
"""Asked when the normal pause completes, with the utterance as it would end there: True
keeps listening for the rest of an unfinished sentence, up to the longest pause."""


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
        max_pause_s: float | None = None,
    ) -> None:
        """`max_pause_s`: the longest silence inside an utterance a `Hold` may ask for (none by
        default: every pause of `pause_s` ends the utterance)."""
        self._vad = webrtcvad.Vad(aggressiveness)
        self._frame = SPEECH_RATE * frame_ms // 1000
        self._frame_s = frame_ms / 1000
        self._pause_frames = max(1, round(pause_s / self._frame_s))
        self._max_pause_frames = max(self._pause_frames, round((max_pause_s or 0) / self._frame_s))
        self._min_voiced = max(1, round(min_speech_s / self._frame_s))
        self._max_frames = round(max_utterance_s / self._frame_s)
        self._padding = max(1, round(padding_s / self._frame_s))
        self._max_hangover = round(MAX_HANGOVER_S / self._frame_s)
        self._onset: deque[tuple[np.ndarray, bool]] = deque(maxlen=8)
        self._pending = np.zeros(0, dtype=np.int16)
        self._frames_seen = 0
        self._speech: list[np.ndarray] = []
        self._levels: list[float] = []
        """The energy of each voiced frame of the utterance so far."""
        self._start_frame = 0
        self._voiced = 0
        self._silent_run = 0
        self._held = False

    def feed(self, audio: Audio) -> list[Utterance]:
        """Take the next block of 16 kHz audio; return the utterances it completed."""
        return [utterance for utterance in self.events(audio) if utterance.final]

    def events(self, audio: Audio, hold: Hold | None = None) -> list[Utterance]:
        """Like `feed`, but also return a tentative utterance (`final=False`) each time a pause
        inside speech reaches the padding length. If the pause goes on to end the utterance,
        the final utterance has the same start and the very same samples; if speech resumes,
        the tentative one is simply superseded. `hold` may extend a pause (see `Hold`); the
        utterance it is shown has the same samples too."""
        samples = np.concatenate([self._pending, audio.samples])
        whole = len(samples) // self._frame * self._frame
        self._pending = samples[whole:]
        done = []
        for start in range(0, whole, self._frame):
            utterance = self._step(samples[start : start + self._frame], hold)
            if utterance:
                done.append(utterance)
        return done

    def flush(self) -> Utterance | None:
        """End of stream: return speech still in progress, if there was enough of it."""
        return self._close() if self._speech else None

    def _step(self, frame: np.ndarray, hold: Hold | None = None) -> Utterance | None:
        voiced = self._vad.is_speech(frame.tobytes(), SPEECH_RATE)
        self._frames_seen += 1
        if not self._speech:
            self._onset.append((frame, voiced))
            if sum(v for _, v in self._onset) >= 4:
                self._speech = [f for f, _ in self._onset]
                self._levels = [_energy(f) for f, v in self._onset if v]
                self._start_frame = self._frames_seen - len(self._onset)
                self._voiced = sum(v for _, v in self._onset)
                self._silent_run = 0
                self._onset.clear()
            return None
        self._speech.append(frame)
        if voiced:
            self._voiced += 1
            self._levels.append(_energy(frame))
            self._silent_run, self._held = 0, False
        elif self._silent_run == 0:
            self._silent_run = 1 + self._hangover()
        else:
            self._silent_run += 1
        if len(self._speech) >= self._max_frames:
            return self._close()
        if self._silent_run == self._pause_frames:
            self._held = self._may_hold(hold)
        if self._silent_run >= self._pause_frames and (
            not self._held or self._silent_run >= self._max_pause_frames
        ):
            return self._close()
        if self._silent_run == self._padding and self._voiced >= self._min_voiced:
            return self._now(final=False)
        return None

    def _hangover(self) -> int:
        """How many of the frames just before this first silent one were the detector's
        hangover: voiced by its say, but `QUIET_DB` below the utterance's median level."""
        quiet = float(np.median(self._levels)) / 10 ** (QUIET_DB / 10) if self._levels else 0.0
        count = 0
        for level in reversed(self._levels[-self._max_hangover :]):
            if level >= quiet:
                break
            count += 1
        return count

    def _may_hold(self, hold: Hold | None) -> bool:
        return (
            hold is not None
            and self._max_pause_frames > self._pause_frames
            and self._voiced >= self._min_voiced
            and hold(self._now(final=True))
        )

    def _now(self, final: bool) -> Utterance:
        """The utterance as it ends now: its frames up to the padding kept after speech, so a
        tentative end (silence = the padding) has the very samples of the final one."""
        keep = len(self._speech) - max(0, self._silent_run - self._padding)
        return Utterance(
            audio=Audio(np.concatenate(self._speech[:keep])),
            start_s=self._start_frame * self._frame_s,
            speech_end_s=(self._start_frame + len(self._speech) - self._silent_run)
            * self._frame_s,
            detected_s=self._frames_seen * self._frame_s,
            final=final,
        )

    def _close(self) -> Utterance | None:
        utterance = self._now(final=True) if self._voiced >= self._min_voiced else None
        self._speech, self._voiced, self._silent_run, self._held = [], 0, 0, False
        self._levels = []
        return utterance


def _energy(frame: np.ndarray) -> float:
    """Mean square of a frame (a power: ratios of it in dB are 10·log10)."""
    return float(np.mean(frame.astype(np.float64) ** 2))


def utterances(
    stream: Iterable[Audio],
    endpointer: Endpointer,
    tentative: bool = False,
    hold: Hold | None = None,
) -> Iterator[Utterance]:
    """Split a whole stream (a file, a microphone) into utterances, flushing at its end;
    with `tentative`, tentative ends come too, and `hold` may extend pauses (see
    `Endpointer.events`)."""
    for block in stream:
        found = endpointer.events(block, hold)
        yield from (u for u in found if tentative or u.final)
    last = endpointer.flush()
    if last:
        yield last
