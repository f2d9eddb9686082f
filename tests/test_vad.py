"""Endpointing on real synthesised speech: pauses between updates split them, a short pause
inside a halting sentence does not."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import sox

from speech.audio import Audio, chunks, read_wav, silence
from speech.vad import Endpointer, utterances


def split(path, **options):
    return list(utterances(chunks(read_wav(path), 0.1), Endpointer(**options)))


def test_three_updates_separated_by_pauses(spoken_session):
    session = spoken_session(
        ["I walked twenty steps", "I buttoned my shirt", "I read a page aloud"], gap_s=2.0
    )
    found = split(session)
    assert len(found) == 3
    starts = [u.start_s for u in found]
    assert starts == sorted(starts)
    for utterance in found:
        assert 0.8 < utterance.audio.duration_s < 3.5
        assert utterance.detected_s == pytest.approx(utterance.speech_end_s + 1.2, abs=0.05)


def test_halting_speech_stays_one_utterance(tmp_path, speak):
    """A 0.8 s search for a word must not cut the sentence in two at the default pause."""
    trim = ["silence", "1", "0.02", "1%", "reverse", "silence", "1", "0.02", "1%", "reverse"]
    first, second = tmp_path / "first.wav", tmp_path / "second.wav"
    sox(speak("I walked to the", wpm=110), first, *trim, "pad", "0.3", "0.8")
    sox(speak("kitchen", wpm=110), second, *trim, "pad", "0", "0.5")
    halting = tmp_path / "halting.wav"
    sox(first, second, halting)

    assert len(split(halting)) == 1
    assert len(split(halting, pause_s=0.5)) == 2


def test_silence_and_faint_noise_are_not_speech():
    rng = np.random.default_rng(7)
    noise = Audio((rng.normal(0, 30, 16000 * 5)).astype(np.int16))
    endpointer = Endpointer()
    assert list(utterances(chunks(silence(5.0), 0.1), endpointer)) == []
    assert list(utterances(chunks(noise, 0.1), Endpointer())) == []


def test_speech_at_end_of_stream_is_flushed(speak):
    audio = read_wav(speak("I brushed my teeth"))
    found = list(utterances(chunks(audio, 0.1), Endpointer()))
    assert len(found) == 1


def test_block_size_does_not_change_the_result(spoken_session):
    session = read_wav(spoken_session(["I stood up", "I sat down"], gap_s=1.5))
    by_size = {
        size: [round(u.start_s, 2) for u in utterances(chunks(session, size), Endpointer())]
        for size in (0.01, 0.1, 0.5)
    }
    assert by_size[0.01] == by_size[0.1] == by_size[0.5]
    assert len(by_size[0.1]) == 2


def test_a_hold_keeps_listening_through_a_long_pause(spoken_session):
    """Asked at the normal pause, a hold extends it up to max_pause_s: a 2.5 s pause inside
    stays one utterance ending after the whole speech; without a hold it splits, as before."""
    audio = read_wav(spoken_session(["I walked to the", "kitchen"], gap_s=2.5))
    asked = []

    def hold(utterance):
        asked.append(utterance)
        return len(asked) == 1

    held = list(utterances(chunks(audio, 0.1), Endpointer(max_pause_s=4.0), hold=hold))
    assert len(held) == 1 and len(asked) == 2
    assert asked[0].audio.duration_s < held[0].audio.duration_s
    assert held[0].detected_s == pytest.approx(held[0].speech_end_s + 1.2, abs=0.05)
    assert len(list(utterances(chunks(audio, 0.1), Endpointer(max_pause_s=4.0)))) == 2
    assert len(list(utterances(chunks(audio, 0.1), Endpointer(), hold=hold))) == 2


def test_a_held_pause_ends_at_the_longest_pause_with_the_tentative_samples(spoken_session):
    audio = read_wav(spoken_session(["I lifted my"], gap_s=5.0))
    found = list(utterances(chunks(audio, 0.1), Endpointer(max_pause_s=3.0), tentative=True,
                            hold=lambda utterance: True))
    tentative, final = found
    assert not tentative.final and final.final
    assert final.detected_s == pytest.approx(final.speech_end_s + 3.0, abs=0.05)
    assert np.array_equal(tentative.audio.samples, final.audio.samples)


@pytest.mark.parametrize("noise", [0, 300], ids=["quiet room", "noise 20 dB below speech"])
def test_the_pause_is_counted_from_the_end_of_speech(speak, noise):
    """The detector calls 90–120 ms after the last word speech; that is pause already, so the
    reply is not held back by it. Never the other way: the patient gets the whole pause."""
    spoken = read_wav(speak("I walked to the kitchen and back"))
    loud = np.flatnonzero(np.abs(spoken.samples.astype(np.int32)) > 300)
    end_s = (loud[-1] + 1) / spoken.rate
    audio = np.concatenate([spoken.samples, silence(2.0).samples]).astype(np.float64)
    audio += np.random.default_rng(3).normal(0, noise, len(audio))
    (found,) = utterances(chunks(Audio(audio.astype(np.int16)), 0.03), Endpointer(pause_s=1.2))
    after_speech = found.detected_s - end_s
    assert 1.2 - 0.03 <= after_speech <= 1.2 + (0.08 if not noise else 0.2)
    assert found.audio.duration_s >= end_s - found.start_s
