"""Which voice speaks: Piper by default, espeak-ng when asked for, for another language, or
when the Piper voice cannot load, so the patient always hears something."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Protocol

from speech.audio import Audio
from speech.tts import ESPEAK, PIPER, SpeechOutputError, Synthesizer, VoiceSettings

FALLBACK_NOTICE = ("My clear voice could not be loaded, so I am using my simpler backup voice. "
                   "Reinstalling Small Wins brings the clear voice back.")
"""Said (and printed, with the reason) when espeak-ng stands in for the Piper voice."""


class Voice(Protocol):
    settings: VoiceSettings

    def apply(self, settings: VoiceSettings) -> None: ...

    def synthesize(self, text: str) -> Audio: ...

    def pieces(self, text: str) -> Iterator[Audio]: ...


def load_voice(settings: VoiceSettings) -> tuple[Voice, str | None]:
    """The voice `settings` ask for, loaded once, and why it could not load if the espeak-ng
    voice stands in (None if it did load). Raises SpeechOutputError only if no voice at all
    can speak."""
    if settings.voice != PIPER:
        return Synthesizer(settings), None
    from speech.piper_voice import PiperSynthesizer

    try:
        return PiperSynthesizer(settings, settings.model), None
    except SpeechOutputError as error:
        return Synthesizer(replace(settings, voice=ESPEAK)), str(error)
