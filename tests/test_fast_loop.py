"""The fast paths of the loop change when things happen, never what is heard or said:
recognition started at a tentative end gives the same utterances and transcripts as
recognition after the pause, and a reply rendered a sentence at a time is the same speech."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
from conftest import sox

from assistant.conversation.hearing import hear_audio
from assistant.reply_speaker import ReplySpeaker
from speech.asr.base import Transcript, transcribe
from speech.audio import Audio, chunks, read_wav
from speech.output import StreamingOut
from speech.tts import SpeechOutputError, Synthesizer, VoiceSettings
from speech.vad import Endpointer, utterances

pytestmark = pytest.mark.slow

START = datetime(2026, 3, 2, 9, 0).astimezone()


@pytest.fixture
def halting(tmp_path, speak):
    """An update with a 0.6 s search for a word: longer than the tentative end (0.3 s),
    shorter than the pause (1.2 s), so speech resumes after a tentative end."""
    trim = ["silence", "1", "0.02", "1%", "reverse", "silence", "1", "0.02", "1%", "reverse"]
    first, second = tmp_path / "first.wav", tmp_path / "second.wav"
    sox(speak("I walked to the", wpm=110), first, *trim, "pad", "0.3", "0.6")
    sox(speak("kitchen with my cane", wpm=110), second, *trim, "pad", "0", "2.0")
    path = tmp_path / "halting.wav"
    sox(first, second, "-r", "16000", path)
    return path


@pytest.fixture
def session(spoken_session, halting, tmp_path):
    """Two plain updates and the halting one, as one recording."""
    plain = spoken_session(["I took twelve steps with my walker", "I buttoned my shirt"])
    path = tmp_path / "all.wav"
    sox(plain, halting, path)
    return read_wav(path)


def test_tentative_end_carries_the_final_samples(session):
    events = list(utterances(chunks(session, 0.1), Endpointer(), tentative=True))
    finals = [u for u in events if u.final]
    assert [u.start_s for u in finals] == [
        u.start_s for u in utterances(chunks(session, 0.1), Endpointer())
    ]
    assert len(finals) == 3
    for index, final in enumerate(events):
        if not final.final:
            continue
        tentative = events[index - 1]
        assert not tentative.final and tentative.start_s == final.start_s
        assert np.array_equal(tentative.audio.samples, final.audio.samples)
        assert tentative.speech_end_s == final.speech_end_s
        assert tentative.detected_s < final.detected_s


def test_speech_resuming_supersedes_a_tentative_end(halting):
    events = list(utterances(chunks(read_wav(halting), 0.1), Endpointer(), tentative=True))
    final = events[-1]
    assert final.final and sum(u.final for u in events) == 1
    superseded = [u for u in events if not u.final and len(u.audio.samples) < len(
        final.audio.samples)]
    assert superseded, "the search for a word should have looked like an end for a moment"


class Recorded:
    """The real recogniser, keeping the length of every stretch of audio it recognised."""

    def __init__(self, recognizer):
        self.name = recognizer.name
        self._recognizer = recognizer
        self.lengths: list[int] = []

    def stream(self, words=None, vocabulary=()):
        inner, lengths = self._recognizer.stream(words, vocabulary), self.lengths
        lengths.append(0)

        class Stream:
            def feed(self, audio):
                lengths[-1] += len(audio.samples)
                return inner.feed(audio)

            def finish(self):
                return inner.finish()

        return Stream()


def test_speculative_loop_hears_exactly_what_the_plain_loop_heard(session, whisper):
    found = list(utterances(chunks(session, 0.1), Endpointer()))
    plain = [
        (transcribe(whisper, u.audio).text.strip(), pytest.approx(u.start_s),
         round(u.audio.duration_s, 3))
        for u in found
    ]
    recorded = Recorded(whisper)
    heard = list(hear_audio(chunks(session, 0.1), recorded, Endpointer(), "test", lambda: START))

    assert [(h.text, (h.at - START).total_seconds(), h.duration_s) for h in heard] == plain
    assert "kitchen" in heard[-1].text.lower()
    for utterance in found:  # each recognised once: the guess was used, not redone
        assert recorded.lengths.count(len(utterance.audio.samples)) == 1


class Streamed:
    """An output that can stream, keeping the pieces of each reply."""

    def __init__(self):
        self.replies: list[list[Audio]] = []

    def play(self, audio):
        self.replies.append([audio])

    def play_stream(self, pieces):
        self.replies.append(list(pieces))


@pytest.fixture(scope="module")
def synth():
    return Synthesizer()


def test_a_reply_renders_sentence_by_sentence_as_the_same_speech(synth):
    reply = "Well done. You walked 2.5 miles with your cane! Shall I tell your family?"
    whole = synth.synthesize(reply)
    pieces = list(synth.pieces(reply))
    assert len(pieces) == 3
    assert all(p.rate == whole.rate and p.rms() > 300 for p in pieces)
    assert sum(p.duration_s for p in pieces) == pytest.approx(whole.duration_s, rel=0.05)


def test_later_sentences_render_only_when_asked_for(synth, monkeypatch):
    rendered = []
    real = synth.synthesize
    monkeypatch.setattr(synth, "synthesize", lambda text: rendered.append(text) or real(text))
    pieces = synth.pieces("First sentence. Second sentence.")
    next(pieces)
    assert rendered == ["First sentence."]
    next(pieces)
    assert rendered == ["First sentence.", "Second sentence."]


def test_reply_voice_streams_only_to_an_output_that_can(synth):
    streamed = Streamed()
    assert isinstance(streamed, StreamingOut)
    ReplySpeaker(VoiceSettings(), streamed, pytest.fail).say("Good work. That's a first.")
    assert [len(r) for r in streamed.replies] == [2]

    class Plain:
        def __init__(self):
            self.played: list[Audio] = []

        def play(self, audio):
            self.played.append(audio)

    plain = Plain()
    assert not isinstance(plain, StreamingOut)
    ReplySpeaker(VoiceSettings(), plain, pytest.fail).say("Good work. That's a first.")
    assert len(plain.played) == 1
    total = sum(p.duration_s for p in streamed.replies[0])
    assert plain.played[0].duration_s == pytest.approx(total, rel=0.05)



class Echo:
    """A recogniser that 'hears' the hint words it was given, to see which ones were used."""

    name = "echo"

    def __init__(self):
        self.given: list[tuple[str, ...]] = []

    def stream(self, words=None, vocabulary=()):
        given = self.given
        given.append(tuple(words or ()))

        class Stream:
            def feed(self, audio):
                return ""

            def finish(self):
                return Transcript(" ".join(words or ["nothing"]), "echo")

        return Stream()


def test_a_guess_made_with_other_hints_is_not_used(speak):
    """Hints can change between the tentative end and the end (a new practice word)."""
    audio = read_wav(speak("I took twelve steps"))
    moments = iter([["steps"], ["cup"], ["cup"]])
    echo = Echo()
    heard = list(hear_audio(chunks(audio, 0.1), echo, Endpointer(), "test", lambda: START,
                            hints=lambda engine: next(moments)))
    assert [h.text for h in heard] == ["cup"]
    assert echo.given[-1] == ("cup",)


def test_text_too_long_to_speak_is_refused_not_a_crash(synth):
    """espeak-ng takes the whole process down on text this long."""
    with pytest.raises(SpeechOutputError, match="too long to speak"):
        synth.synthesize("I walked ten steps and " * 1000)
    with pytest.raises(SpeechOutputError, match="too long to speak"):
        next(synth.pieces("I walked ten steps. " * 1000))
    assert synth.synthesize("Well done.").duration_s > 0.5
