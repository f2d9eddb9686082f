"""Speech out: pyttsx3 (espeak-ng on Linux) rendered to audio, which the caller plays or saves;
the settings every voice takes. espeak-ng is the fallback and the voice for languages the
Piper voice (speech.piper_voice) does not speak; speech.voices picks one.

Rendering to a buffer instead of calling `say()` means the first reply is never lost under
PulseAudio, the same audio can go to a speaker or a WAV file, and playback can be timed.
A reply can also be rendered one sentence at a time (`pieces`), so that playing can start
before the whole reply is rendered.
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from speech.audio import Audio

DEFAULT_RATE_WPM = 140
"""Slower than espeak's 175: easier to follow after a brain injury, still natural."""
CLEAR_PACE = 0.85
"""Alerts and other things that must be understood the first time: this much of the rate."""
PIPER = "piper"
"""The `voice` setting for the Piper voice (the default)."""
ESPEAK = "espeak"
"""The `voice` setting for espeak-ng's US English; any other name is an espeak-ng voice."""
ESPEAK_RATE = 22_050
"""Sample rate (Hz) of espeak-ng's own voices."""
_ESPEAK = threading.Lock()
"""espeak-ng is one engine per process: one rendering at a time, whichever Synthesizer asks."""
MAX_CHARS = 5_000
"""The longest text rendered, about six minutes of speech: espeak-ng crashes the whole process
on far longer input (seen from about 20,000 characters), and no reply is that long."""
_RENDER_TIMEOUT_S = 10.0
"""A reply renders in milliseconds; this only stops runaway text (or a broken espeak) from
holding up the loop."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
"""Between sentences: after . ! or ? and a space (so "2.5" stays whole)."""


class SpeechOutputError(Exception):
    """Speech could not be synthesised; the reply is printed instead."""


@dataclass(frozen=True)
class VoiceSettings:
    rate_wpm: int = DEFAULT_RATE_WPM
    volume: float = 1.0
    """0–1, as pyttsx3 takes it."""
    voice: str | None = PIPER
    """'piper', 'espeak', or an espeak-ng voice id or name, matched case-insensitively as a
    substring ('en-us', 'ko', 'English')."""
    model: Path | None = None
    """A Piper voice file (.onnx, with its .onnx.json next to it); None: the shipped voice."""


def clearly(settings: VoiceSettings) -> VoiceSettings:
    """`settings` at a clear, slightly slower rate, for what must be understood at once."""
    return replace(settings, rate_wpm=round(settings.rate_wpm * CLEAR_PACE))


class Synthesizer:
    """One pyttsx3 engine per process, kept loaded; renders text to 22.05 kHz mono audio."""

    def __init__(self, settings: VoiceSettings = VoiceSettings()) -> None:
        try:
            import pyttsx3

            self._engine = pyttsx3.init("espeak")
        except (ImportError, RuntimeError, OSError) as error:
            raise SpeechOutputError(
                f"Speech output is not available ({error}). Install it with "
                "`sudo apt-get install espeak-ng`."
            ) from error
        self.settings = settings
        self.apply(settings)

    def apply(self, settings: VoiceSettings) -> None:
        """Set espeak's rate, volume and voice at once, through pyttsx3's espeak driver
        (the engine's own setProperty would wait in pyttsx3's queue for `runAndWait`)."""
        from pyttsx3.drivers.espeak import EspeakDriver

        wanted = "en-us" if settings.voice in (PIPER, ESPEAK) else settings.voice
        voice_id = self._voice_id(wanted) if wanted else None
        with _ESPEAK:
            EspeakDriver.setProperty("rate", settings.rate_wpm)
            EspeakDriver.setProperty("volume", max(0.0, min(1.0, settings.volume)))
            EspeakDriver.setProperty("voice", voice_id)
        self.settings = settings

    def voices(self) -> list[tuple[str, str]]:
        return [(v.id, v.name) for v in self._engine.getProperty("voices")]

    def _voice_id(self, wanted: str) -> str:
        wanted_lower = wanted.lower()
        ids = self.voices()
        for exact in (True, False):
            for voice_id, name in ids:
                candidates = (voice_id.lower().split("/")[-1], name.lower())
                if any(c == wanted_lower if exact else wanted_lower in c for c in candidates):
                    return voice_id
        raise SpeechOutputError(
            f"There is no voice called '{wanted}'. Try one of: "
            + ", ".join(sorted({v.split('/')[-1] for v, _ in ids})[:20])
        )

    def synthesize(self, text: str) -> Audio:
        """`text` as one sound. espeak renders on its own thread into a callback, as pyttsx3
        set it up; the end is waited for here on espeak's end-of-message event, because
        pyttsx3's `runAndWait` polls with a 10 ms sleep (and espeak's Synchronize with 20 ms)
        and `save_to_file` goes through a WAV file, which together took most of the time."""
        from pyttsx3.drivers import _espeak

        check_length(text)
        parts: list[bytes] = []
        done = threading.Event()

        def collect(samples: Any, count: int, events: Any) -> int:
            if count > 0:
                parts.append(ctypes.string_at(samples, count * 2))
            index = 0
            while events[index].type != _espeak.EVENT_LIST_TERMINATED:
                if events[index].type == _espeak.EVENT_MSG_TERMINATED:
                    done.set()
                index += 1
            return 0  # go on

        with _ESPEAK:
            _espeak.SetSynthCallback(collect)
            status = _espeak.Synth(
                text.encode("utf-8"), flags=_espeak.ENDPAUSE | _espeak.CHARS_UTF8
            )
            finished = status == 0 and done.wait(_RENDER_TIMEOUT_S)
            if not finished:
                _espeak.Cancel()  # or the rest would be handed to the next rendering
        if not finished or not parts:
            raise SpeechOutputError(f"Speech output produced no audio (espeak status {status})")
        return Audio.from_bytes(b"".join(parts), ESPEAK_RATE)

    def pieces(self, text: str) -> Iterator[Audio]:
        """`text` rendered one sentence at a time, each only when asked for: the first
        sentence can be playing while the next is rendered."""
        check_length(text)
        for sentence in _SENTENCE_END.split(text.strip()):
            yield self.synthesize(sentence)


def check_length(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise SpeechOutputError(f"the text is too long to speak ({len(text):,} characters)")
