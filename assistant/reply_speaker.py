"""Speaking replies without ever stopping the conversation.

If speech cannot be made or played (no speaker, a broken voice), the reply has been printed
already; the caregiver is told once why there is no sound, and the loop goes on. If the
Piper voice cannot load, the espeak-ng voice speaks instead, and says so once.
"""

from __future__ import annotations

from collections.abc import Callable

from speech.devices import AudioDeviceError
from speech.output import AudioOut, StreamingOut
from speech.tts import SpeechOutputError, VoiceSettings
from speech.voices import FALLBACK_NOTICE, Voice, load_voice


class ReplySpeaker:
    def __init__(
        self, settings: VoiceSettings, out: AudioOut | None, warn: Callable[[str], None],
        *, load: bool = True,
    ) -> None:
        """`load=False` leaves loading the voice to `load()`: a caller that loads a
        recogniser first keeps the two models' loading peaks from adding up."""
        self._warn = warn
        self._warned = False
        self._out = out
        self._settings = settings
        self._synth: Voice | None = None
        self._loaded = False
        self._told: list[str] = []
        if load:
            self.load()

    def load(self) -> None:
        """Load the voice (once), and say what was told before it could speak."""
        if self._loaded:
            return
        self._loaded = True
        try:
            self._synth, fallback = load_voice(self._settings)
        except SpeechOutputError as error:
            self._warn_once(str(error))
            return
        if fallback:
            self._warn(f"{FALLBACK_NOTICE} ({fallback})")
            self.say(FALLBACK_NOTICE)
        for message in self._told:
            self.say(message)
        self._told.clear()

    def say(self, text: str, settings: VoiceSettings | None = None) -> None:
        """Speak `text`, with new `settings` if the patient asked for slower or louder.
        An output that can stream gets it a sentence at a time, so the first sentence is
        heard before the rest is rendered."""
        if self._synth is None or self._out is None:
            return
        try:
            if settings is not None and settings != self._synth.settings:
                self._synth.apply(settings)
            if isinstance(self._out, StreamingOut):
                self._out.play_stream(self._synth.pieces(text))
            else:
                self._out.play(self._synth.synthesize(text))
        except (SpeechOutputError, AudioDeviceError, OSError) as error:
            self._warn_once(f"I can't speak right now ({error}); replies are printed instead.")

    def tell(self, message: str, settings: VoiceSettings | None = None) -> None:
        """A problem the patient should hear about: printed, then spoken (once the voice
        has loaded)."""
        self._warn(message)
        if self._loaded:
            self.say(message, settings)
        else:
            self._told.append(message)

    def _warn_once(self, message: str) -> None:
        if not self._warned:
            self._warn(message)
            self._warned = True
