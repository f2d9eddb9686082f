"""Bad input never crashes the loop: junk bytes, invalid UTF-8 and huge lines through the real
`extract` and `run --text`; random bytes, damaged WAVs and odd formats through the WAV reader
and the spoken loop. Each gets a plain answer or message, and the loop goes on.

(`understand()` itself is fuzzed in test_understand_robustness.py; here it is the programs.)
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, sox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speech.audio import Audio, AudioFileError, chunks, read_wav, write_wav
from speech.vad import Endpointer

junk_line = st.binary(max_size=120).map(lambda b: b.replace(b"\n", b" "))
"""Any bytes but a newline: control characters, NUL, invalid UTF-8, stray surrogates."""


def program(*args: str | Path, data: bytes, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *map(str, args)], input=data,
                          capture_output=True, cwd=ROOT, timeout=timeout)


def said(lines: list[bytes]) -> list[str]:
    """The lines as the assistant reads them: undecodable bytes replaced, blanks skipped."""
    decoded = [line.decode("utf-8", errors="replace").strip() for line in lines]
    return [line for line in decoded if line]


@pytest.mark.slow
@settings(max_examples=12, deadline=None)
@given(st.lists(junk_line, min_size=1, max_size=8))
def test_extract_answers_every_line_of_junk(lines):
    result = program("extract", "--json", data=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(lines)
    assert all(a["intent"] for a in answers)


@pytest.mark.slow
@settings(max_examples=6, deadline=None)
@given(st.lists(junk_line, min_size=1, max_size=6))
def test_typed_loop_answers_and_saves_every_line_of_junk(lines):
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "wins.db"
        result = program("run", "--text", "--json", "--db", db,
                         "--reply-wav", Path(folder) / "replies.wav",
                         data=b"\n".join(lines) + b"\n")
        assert result.returncode == 0, result.stderr
        turns = [json.loads(line) for line in result.stdout.splitlines()]
        assert [t["heard"] for t in turns] == said(lines)
        assert all(t["reply"] for t in turns)
        with sqlite3.connect(db) as connection:
            stored = [r[0] for r in connection.execute("SELECT text FROM utterances ORDER BY id")]
        assert stored == said(lines)


@pytest.mark.slow
@pytest.mark.parametrize("huge", [
    b"I walked ten steps and " * 5000,
    bytes(range(32, 127)) * 2000 + "\u2603\u2fff".encode() * 10000,
], ids=["words", "symbols"])
def test_huge_line_is_saved_whole_and_answered_briefly(tmp_path, huge):
    result = program("run", "--text", "--json", "--db", tmp_path / "wins.db",
                     "--reply-wav", tmp_path / "replies.wav", data=huge + b"\nI stood up\n",
                     timeout=60)
    assert result.returncode == 0, result.stderr
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert first["heard"] == huge.decode().strip()
    assert len(first["reply"]) < 400
    assert second["heard"] == "I stood up"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_wav_reader_on_random_bytes_gives_audio_or_one_plain_line(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recording.wav"
        path.write_bytes(data)
        _read_or_explain(path)


@pytest.fixture(scope="module")
def real_wav(tmp_path_factory) -> bytes:
    from conftest import render_speech

    return render_speech("I walked", tmp_path_factory.mktemp("wav") / "walked.wav").read_bytes()


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 20_000), flips=st.lists(st.tuples(st.integers(0, 80),
                                                             st.integers(0, 255)), max_size=4))
def test_wav_reader_on_damaged_recordings(real_wav, cut, flips):
    """A real recording cut short anywhere, with bytes of its header overwritten."""
    data = bytearray(real_wav[:cut])
    for position, value in flips:
        if position < len(data):
            data[position] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.wav"
        path.write_bytes(bytes(data))
        _read_or_explain(path)


def _read_or_explain(path: Path) -> None:
    try:
        audio = read_wav(path)
    except AudioFileError as error:
        message = str(error)
        assert message.startswith(str(path)) and "\n" not in message
        return
    assert audio.rate == 16_000 and audio.samples.dtype == np.int16 and audio.samples.ndim == 1


@settings(max_examples=10, deadline=None)
@given(
    st.lists(st.integers(-32768, 32767), min_size=0, max_size=48_000).map(
        lambda s: Audio(np.array(s, dtype=np.int16))),
    st.floats(0.01, 0.5),
)
@pytest.mark.slow
def test_spoken_loop_survives_any_samples(whisper, audio, block_s):
    """Noise, clicks and full-scale garbage, in blocks of any size, through endpointing and
    the real recogniser: whatever comes out is text, never an exception."""
    from assistant.conversation.hearing import hear_audio

    for heard in hear_audio(chunks(audio, block_s), whisper, Endpointer(0.5), "recording"):
        assert isinstance(heard.text, str) and heard.text


CONVERSIONS = {
    "stereo-44k.wav": (["-c", "2", "-r", "44100"], []),
    "8-bit-48k.wav": (["-b", "8", "-r", "48000"], []),
    "clipped.wav": (["-r", "16000"], ["gain", "30"]),  # far past full scale, flattened
    "speech.flac": ([], []),
}


def _recordings(speech: Path, folder: Path) -> dict[str, Path]:
    made = {}
    for name, (options, effects) in CONVERSIONS.items():
        made[name] = folder / name
        sox(speech, *options, made[name], *effects)
    made["silent.wav"] = folder / "silent.wav"
    write_wav(made["silent.wav"], Audio(np.zeros(48_000, dtype=np.int16)))
    made["empty.wav"] = folder / "empty.wav"
    made["empty.wav"].write_bytes(b"")
    made["notes.wav"] = folder / "notes.wav"
    made["notes.wav"].write_text("I walked ten steps\n")
    return made


@pytest.mark.slow
def test_run_on_every_kind_of_recording_answers_or_explains(tmp_path, speak):
    """`run --audio` on each: speech is heard whatever the format, silence is said to be
    silence, and a file that is not a recording gets one plain sentence, no traceback."""
    outcomes = {}
    for name, path in _recordings(speak("I walked ten steps with my walker"), tmp_path).items():
        result = program("run", "--audio", path, "--json", "--db", tmp_path / f"{name}.db",
                         "--reply-wav", tmp_path / f"{name}-replies.wav", data=b"")
        stderr = result.stderr.decode()
        assert "Traceback" not in stderr, stderr
        heard = [json.loads(line)["heard"].lower() for line in result.stdout.splitlines()]
        outcomes[name] = (result.returncode, heard, stderr)
    for name in CONVERSIONS:
        code, heard, stderr = outcomes[name]
        assert code == 0 and any("walk" in h for h in heard), (name, heard, stderr)
    assert outcomes["silent.wav"][:2] == (0, []) and "no speech" in outcomes["silent.wav"][2]
    assert outcomes["empty.wav"][0] == 1 and "empty" in outcomes["empty.wav"][2]
    assert outcomes["notes.wav"][0] == 1 and "not a readable WAV" in outcomes["notes.wav"][2]
