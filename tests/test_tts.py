"""Speech out through pyttsx3 and espeak-ng, rendered to audio."""

from __future__ import annotations

import pytest

from speech.tts import SpeechOutputError, Synthesizer, VoiceSettings


@pytest.fixture(scope="module")
def synth():
    return Synthesizer()


def test_reply_is_audible_speech(synth):
    audio = synth.synthesize("That is four more steps than Monday.")
    assert audio.rate == 22_050
    assert 1.0 < audio.duration_s < 6.0
    assert audio.rms() > 500


def test_slower_rate_takes_longer(synth):
    text = "You walked to the kitchen by yourself."
    synth.apply(VoiceSettings(rate_wpm=180))
    fast = synth.synthesize(text).duration_s
    synth.apply(VoiceSettings(rate_wpm=100))
    slow = synth.synthesize(text).duration_s
    synth.apply(VoiceSettings())
    assert slow > fast * 1.4


def test_lower_volume_is_quieter(synth):
    text = "Well done."
    synth.apply(VoiceSettings(volume=0.3))
    quiet = synth.synthesize(text).rms()
    synth.apply(VoiceSettings(volume=1.0))
    loud = synth.synthesize(text).rms()
    assert quiet < loud * 0.6


def test_unknown_voice_is_a_plain_error():
    with pytest.raises(SpeechOutputError, match="no voice called 'martian'"):
        Synthesizer(VoiceSettings(voice="martian"))
