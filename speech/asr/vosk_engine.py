"""Vosk (Kaldi) recognition: true streaming with partial results, word confidences and grammars.

Models are only ever loaded from a local folder: `vosk.Model(lang=...)` would go online.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NotRequired, TypedDict

import vosk

from speech.asr.base import ModelError, Transcript, Word, mean_confidence
from speech.asr.vosk_model import is_vosk_model
from speech.audio import SPEECH_RATE, Audio

vosk.SetLogLevel(-1)


class _VoskWord(TypedDict):
    word: str
    start: float
    end: float
    conf: NotRequired[float]


class _VoskSegment(TypedDict, total=False):
    """One segment of Vosk's JSON result (`Result`, `FinalResult`)."""

    text: str
    result: list[_VoskWord]




class VoskRecognizer:
    name = "vosk"

    def __init__(self, model_dir: Path) -> None:
        if not is_vosk_model(model_dir):
            raise ModelError(
                f"{model_dir} is not a Vosk model folder "
                "(it needs am/final.mdl, conf/model.conf and graph/). "
                "Run `smallwins models fetch` or pass --model with the unzipped model folder."
            )
        try:
            self._model = vosk.Model(str(model_dir))
        except Exception as error:  # vosk raises a bare Exception for any load failure
            raise ModelError(
                f"The Vosk model in {model_dir} could not be loaded ({error}); it may be "
                "damaged. Delete it and run `smallwins models fetch` again."
            ) from error
        self.model_dir = model_dir

    def stream(
        self, words: Sequence[str] | None = None, vocabulary: Sequence[str] = ()
    ) -> VoskStream:
        """`vocabulary` is not used: Vosk can only lean toward words through a grammar, and a
        grammar of names would force every other word onto them."""
        if words:
            grammar = json.dumps(list(words), ensure_ascii=False)
            recognizer = vosk.KaldiRecognizer(self._model, SPEECH_RATE, grammar)
        else:
            recognizer = vosk.KaldiRecognizer(self._model, SPEECH_RATE)
        recognizer.SetWords(True)
        return VoskStream(recognizer)


class VoskStream:
    """Vosk closes segments itself at short pauses; the segments are joined into one utterance."""

    def __init__(self, recognizer: vosk.KaldiRecognizer) -> None:
        self._recognizer = recognizer
        self._segments: list[_VoskSegment] = []
        self._samples = 0
        self._elapsed = 0.0

    def feed(self, audio: Audio) -> str:
        started = time.perf_counter()
        self._samples += len(audio.samples)
        if self._recognizer.AcceptWaveform(audio.to_bytes()):
            self._segments.append(json.loads(self._recognizer.Result()))
            partial = ""
        else:
            partial = json.loads(self._recognizer.PartialResult()).get("partial", "")
        self._elapsed += time.perf_counter() - started
        return " ".join(filter(None, [*(s.get("text", "") for s in self._segments), partial]))

    def finish(self) -> Transcript:
        started = time.perf_counter()
        self._segments.append(json.loads(self._recognizer.FinalResult()))
        self._elapsed += time.perf_counter() - started
        words = tuple(
            Word(w["word"], w["start"], w["end"], w.get("conf"))
            for segment in self._segments
            for w in segment.get("result", [])
        )
        return Transcript(
            text=" ".join(w.text for w in words),
            engine="vosk",
            words=words,
            confidence=mean_confidence(words),
            duration_s=self._samples / SPEECH_RATE,
            elapsed_s=self._elapsed,
        )
