"""Speech out: pyttsx3 (espeak-ng on Linux) rendered to audio, which the caller plays or saves.

Rendering to a buffer instead of calling `say()` means the first reply is never lost under
PulseAudio, the same audio can go to a speaker or a WAV file, and playback can be timed.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from speech.audio import Audio, AudioFileError, read_wav

DEFAULT_RATE_WPM = 140
"""Slower than espeak's 175: easier to follow after a brain injury, still natural."""


class SpeechOutputError(Exception):
    """Speech could not be synthesised; the reply is printed instead."""


@dataclass(frozen=True)
class VoiceSettings:
    rate_wpm: int = DEFAULT_RATE_WPM
    volume: float = 1.0
    """0–1, as pyttsx3 takes it."""
    voice: str | None = "en-us"
    """A voice id or name, matched case-insensitively as a substring ('en-us', 'English')."""


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
        self._lock = threading.Lock()
        self._folder = tempfile.TemporaryDirectory(prefix="smallwins-tts-")
        self.settings = settings
        self.apply(settings)

    def apply(self, settings: VoiceSettings) -> None:
        from pyttsx3.drivers import _espeak

        self._engine.setProperty("rate", settings.rate_wpm)
        self._engine.setProperty("volume", max(0.0, min(1.0, settings.volume)))
        if settings.voice:
            self._engine.setProperty("voice", self._voice_id(settings.voice))
        # espeak takes settings through its command queue, and pyttsx3 cancels that queue
        # before each utterance: wait until espeak has applied them, or they may be lost.
        _espeak.Synchronize()
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
        path = Path(self._folder.name) / "reply.wav"
        with self._lock:
            path.unlink(missing_ok=True)
            with contextlib.redirect_stdout(io.StringIO()):
                self._engine.save_to_file(text, str(path))
                self._engine.runAndWait()
            try:
                return read_wav(path, rate=22_050)
            except AudioFileError as error:
                raise SpeechOutputError(f"Speech output produced no audio ({error})") from error
