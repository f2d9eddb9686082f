"""WAV reading in every common format, and plain errors for everything else."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import sox

from speech.audio import SPEECH_RATE, Audio, AudioFileError, chunks, join, read_wav, write_wav


@pytest.fixture
def sentence(speak):
    return speak("I stood up from the chair five times")


@pytest.mark.parametrize(
    ("bits", "channels", "rate"),
    [(8, 1, 8000), (16, 1, 16000), (16, 2, 44100), (24, 1, 48000), (24, 2, 22050), (16, 1, 11025)],
)
def test_reads_common_formats_as_16k_mono(tmp_path, sentence, bits, channels, rate):
    original = read_wav(sentence)
    converted = tmp_path / f"{bits}-{channels}-{rate}.wav"
    sox(sentence, "-b", str(bits), "-c", str(channels), "-r", str(rate), converted)

    audio = read_wav(converted)

    assert audio.rate == SPEECH_RATE
    assert audio.samples.dtype == np.int16
    assert audio.samples.ndim == 1
    assert audio.duration_s == pytest.approx(original.duration_s, abs=0.02)
    assert audio.rms() == pytest.approx(original.rms(), rel=0.15)


def test_write_then_read_keeps_samples(tmp_path):
    samples = (np.sin(np.arange(16000) / 5) * 8000).astype(np.int16)
    write_wav(tmp_path / "tone.wav", Audio(samples))
    assert np.array_equal(read_wav(tmp_path / "tone.wav").samples, samples)


def test_chunks_and_join_round_trip():
    audio = Audio(np.arange(16000, dtype=np.int16))
    pieces = list(chunks(audio, 0.1))
    assert len(pieces) == 10
    assert np.array_equal(join(pieces).samples, audio.samples)
    assert join(pieces[:2], gap_s=0.5).duration_s == pytest.approx(0.7)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"this is a text file, not a recording\n", "not a readable WAV"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "not a readable WAV"),
    ],
)
def test_bad_files_get_one_plain_line(tmp_path, content, expected):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioFileError) as caught:
        read_wav(path)
    message = str(caught.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message


def test_truncated_wav_still_reads_what_is_there(tmp_path, sentence):
    whole = sentence.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole[: len(whole) // 2])
    assert read_wav(cut).duration_s == pytest.approx(read_wav(sentence).duration_s / 2, rel=0.1)


def test_header_only_wav_is_empty(tmp_path, sentence):
    header_only = tmp_path / "header.wav"
    sox(sentence, header_only, "trim", "0", "0")
    with pytest.raises(AudioFileError, match="empty"):
        read_wav(header_only)


def test_missing_file(tmp_path):
    with pytest.raises(AudioFileError, match="no such file"):
        read_wav(tmp_path / "nowhere.wav")
