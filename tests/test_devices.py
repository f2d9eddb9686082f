"""Real microphone/speaker tests against a private PulseAudio server (see virtual_audio.py),
plus the no-sound-card case this machine really is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import virtual_audio as _virtual
from virtual_audio import VirtualAudio

from speech.audio import Audio, join, read_wav, resample, silence
from speech.devices import (
    AudioDeviceError,
    Device,
    Microphone,
    NoMicrophone,
    NoSpeaker,
    Speaker,
    list_devices,
    pick_device,
)

virtual_audio = _virtual.virtual_audio  # the fixture, also usable once conftest imports it
ROOT = Path(__file__).resolve().parents[1]
TECHNICAL = ("PortAudio", "querying device", "Traceback", "paInvalid", "-1")


def espeak(text: str, rate: int = 16_000) -> Audio:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "speech.wav"
        subprocess.run(["espeak-ng", "-w", str(path), text], check=True)
        return read_wav(path, rate)


def best_alignment(recorded: np.ndarray, reference: np.ndarray) -> tuple[int, float]:
    """(lag of `reference` inside `recorded`, normalised correlation at that lag)."""
    rec = recorded.astype(np.float64)
    ref = reference.astype(np.float64)
    size = 1 << int(np.ceil(np.log2(len(rec) + len(ref))))
    corr = np.fft.irfft(np.fft.rfft(rec, size) * np.conj(np.fft.rfft(ref, size)), size)
    lag = int(np.argmax(corr[: len(rec) - len(ref) + 1]))
    window = rec[lag : lag + len(ref)]
    score = float(np.dot(window, ref) / (np.linalg.norm(window) * np.linalg.norm(ref) + 1e-9))
    return lag, score


def active_seconds(audio: Audio, threshold: float = 300.0) -> float:
    """How long the sound is audible: 10 ms frames louder than `threshold` RMS."""
    frame = audio.rate // 100
    count = len(audio.samples) // frame
    frames = audio.samples[: count * frame].astype(np.float64).reshape(count, frame)
    return float(np.sum(np.sqrt(np.mean(frames**2, axis=1)) > threshold)) / 100


def run_clean(code: str, extra_env: dict[str, str] | None = None) -> dict:
    """Run `code` in a fresh Python with no PulseAudio reachable; it prints JSON."""
    with tempfile.TemporaryDirectory() as runtime:
        Path(runtime).chmod(0o700)
        client_conf = Path(runtime) / "client.conf"
        client_conf.write_text("autospawn = no\n")  # never start a stray daemon
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": runtime,
            "XDG_RUNTIME_DIR": runtime,
            "PULSE_CLIENTCONFIG": str(client_conf),
            "PYTHONPATH": str(ROOT),
            "LANG": "C.UTF-8",
            **(extra_env or {}),
        }
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def has_sound_card() -> bool:
    snd = Path("/dev/snd")
    return snd.is_dir() and any(p.name.startswith("pcmC") for p in snd.iterdir())


# -- no sound card, no PulseAudio ------------------------------------------------------


@pytest.mark.skipif(has_sound_card(), reason="this machine has a real sound card")
def test_no_devices_gives_plain_words():
    result = run_clean(
        """
        import json
        from speech.devices import (
            Microphone, NoMicrophone, NoSpeaker, Speaker, list_devices, pick_device)
        from speech.audio import silence
        out = {"inputs": [d.name for d in list_devices() if d.inputs]}
        for name, action in [
            ("pick_in", lambda: pick_device(None, "input")),
            ("pick_out", lambda: pick_device(None, "output")),
            ("mic", lambda: next(Microphone().chunks())),
            ("mic_with", lambda: Microphone("pulse").__enter__()),
            ("speaker", lambda: Speaker().play(silence(0.1))),
        ]:
            try:
                action()
                out[name] = None
            except (NoMicrophone, NoSpeaker) as error:
                out[name] = [type(error).__name__, str(error)]
        print(json.dumps(out))
        """
    )
    assert result["inputs"] == []
    for name in ("pick_in", "mic", "mic_with"):
        kind, message = result[name]
        assert kind == "NoMicrophone"
        assert "can't find a microphone" in message
        assert "plugged in" in message
        assert not any(word in message for word in TECHNICAL), message
    for name in ("pick_out", "speaker"):
        kind, message = result[name]
        assert kind == "NoSpeaker"
        assert "speaker" in message and "plugged in" in message
        assert not any(word in message for word in TECHNICAL), message


def test_missing_portaudio_library_names_the_package():
    # sys.modules[...] = None makes the import fail the way a missing dependency does.
    result = run_clean(
        """
        import json, sys
        sys.modules["sounddevice"] = None
        from speech.devices import AudioDeviceError, list_devices
        try:
            list_devices()
            print(json.dumps(None))
        except AudioDeviceError as error:
            print(json.dumps([type(error).__name__, str(error), error.detail]))
        """
    )
    kind, message, detail = result
    assert kind == "AudioDeviceError"
    assert "libportaudio2" in message
    assert detail  # technical reason kept for the log


# -- virtual PulseAudio microphone and speaker -----------------------------------------


@pytest.mark.slow
def test_virtual_audio_lists_pulse_and_cleans_up():
    with VirtualAudio() as va:
        pid = va.pid
        names = subprocess.run(
            [sys.executable, "-c", "import sounddevice as sd; print(sd.query_devices())"],
            env={**os.environ, **va.env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "pulse" in names
        private_dir = va.dir
    assert pid is not None and not Path(f"/proc/{pid}").exists()
    assert private_dir is not None and not private_dir.exists()


@pytest.mark.slow
def test_list_devices_includes_pulse(virtual_audio):
    devices = list_devices()
    assert all(isinstance(d, Device) for d in devices)
    pulse = [d for d in devices if d.name == "pulse"]
    assert pulse and pulse[0].inputs > 0 and pulse[0].outputs > 0
    assert any(d.default_input for d in devices)
    assert any(d.default_output for d in devices)


@pytest.mark.slow
def test_pick_device_by_name_and_index(virtual_audio):
    pulse = next(d for d in list_devices() if d.name == "pulse")
    assert pick_device("PULSE", "input") == pulse.index
    assert pick_device(" pul", "output") == pulse.index
    assert pick_device(pulse.index, "output") == pulse.index
    assert pick_device(str(pulse.index), "input") == pulse.index
    assert pick_device(None, "input") is None  # the system default exists

    with pytest.raises(NoMicrophone) as missing:
        pick_device("usb headset", "input")
    message = str(missing.value)
    assert '"usb headset"' in message and '"pulse"' in message
    assert not any(word in message for word in TECHNICAL), message

    with pytest.raises(NoSpeaker) as missing_speaker:
        pick_device(999, "output")
    assert "number 999" in str(missing_speaker.value)
    assert '"pulse"' in str(missing_speaker.value)


@pytest.mark.slow
def test_microphone_records_what_is_spoken(virtual_audio):
    spoken = espeak("I walked twelve steps today")
    recorded: list[Audio] = []
    with Microphone(device="pulse", block_s=0.1) as mic:
        virtual_audio.feed(spoken)
        after = 0
        for block in mic.chunks():
            assert block.rate == 16_000 and block.samples.dtype == np.int16
            recorded.append(block)
            if virtual_audio.wait_fed(0):
                after += 1
                if after >= 15:  # 1.5 s more for the tail in the pipeline
                    break
    samples = np.concatenate([b.samples for b in recorded])
    assert len(recorded) > 10
    assert 0.08 * 16_000 <= np.median([len(b.samples) for b in recorded]) <= 0.12 * 16_000
    lag, score = best_alignment(samples, spoken.samples)
    assert score > 0.95, (lag, score)
    aligned = Audio(samples[lag : lag + len(spoken.samples)])
    assert aligned.rms() == pytest.approx(spoken.rms(), rel=0.05)
    # Outside the utterance only the writer's silence was recorded.
    rest = np.concatenate([samples[:lag], samples[lag + len(spoken.samples) :]])
    assert Audio(rest).rms() < 0.02 * spoken.rms()


@pytest.mark.slow
def test_microphone_at_another_rate(virtual_audio):
    # 8 kHz from a 16 kHz source: PulseAudio converts, blocks are labelled with our rate.
    spoken = espeak("three")
    with Microphone(device="pulse", rate=8_000) as mic:
        virtual_audio.feed(spoken)
        blocks = []
        for block in mic.chunks():
            blocks.append(block)
            if virtual_audio.wait_fed(0) and len(blocks) > 20:
                break
    assert all(b.rate == 8_000 for b in blocks)
    total = np.concatenate([b.samples for b in blocks])
    assert Audio(total, 8_000).rms() > 0.1 * spoken.rms()


@pytest.mark.slow
def test_dead_microphone_raises_and_close_does_not_hang(virtual_audio):
    with Microphone(device="pulse", timeout_s=1.0) as mic:
        chunks = mic.chunks()
        next(chunks)  # it works...
        virtual_audio.silence_microphone()  # ...then nothing more arrives
        started = time.monotonic()
        with pytest.raises(NoMicrophone) as dead:
            for _ in chunks:
                pass
        assert time.monotonic() - started < 5
    message = str(dead.value)
    assert "stopped" in message and "unplugged" in message
    assert not any(word in message for word in TECHNICAL), message
    virtual_audio.silence_microphone(False)


@pytest.mark.slow
def test_close_while_recording_returns_quickly(virtual_audio):
    mic = Microphone(device="pulse").open()
    next(mic.chunks())
    virtual_audio.silence_microphone()  # the case where stop() would hang
    started = time.monotonic()
    mic.close()
    mic.close()  # idempotent
    assert time.monotonic() - started < 2
    virtual_audio.silence_microphone(False)


@pytest.mark.slow
@pytest.mark.parametrize("rate", [16_000, 22_050])
def test_speaker_plays_to_the_end(virtual_audio, rate):
    spoken = espeak("Well done, that is a small win", rate)
    virtual_audio.start_capture()
    started = time.monotonic()
    Speaker("pulse").play(spoken)
    elapsed = time.monotonic() - started
    virtual_audio.catch_up(0.3)
    captured = virtual_audio.stop_capture()
    assert elapsed >= spoken.duration_s  # blocked until heard, not just handed over
    reference = resample(spoken, 16_000)  # as the 16 kHz capture sees it
    assert active_seconds(captured) == pytest.approx(active_seconds(reference), abs=0.1)
    lag, score = best_alignment(captured.samples, reference.samples)
    assert score > 0.9, (lag, score)
    start = int(np.argmax(np.abs(reference.samples) > 500))
    first_word = reference.samples[start : start + reference.rate // 4]
    lag, score = best_alignment(captured.samples, first_word)
    assert score > 0.9, ("the first word was cut", lag, score)


@pytest.mark.slow
def test_speaker_default_device_and_empty_audio(virtual_audio):
    virtual_audio.start_capture()
    Speaker().play(silence(0))  # nothing to do
    Speaker().play(espeak("yes"))
    time.sleep(0.3)
    assert active_seconds(virtual_audio.stop_capture()) > 0.1


@pytest.mark.slow
def test_speaker_with_unknown_name_lists_devices(virtual_audio):
    with pytest.raises(NoSpeaker) as missing:
        Speaker("bluetooth").play(espeak("hello"))
    assert '"pulse"' in str(missing.value)
    assert isinstance(missing.value, AudioDeviceError)


@pytest.mark.slow
def test_speaker_plays_a_stream_while_the_next_piece_is_made(virtual_audio):
    """The second piece is only made 1.5 s after the first was handed over (as a slow
    voice would): the first is already playing by then, and both are heard, in order."""
    first = espeak("Well done, you walked to the kitchen by yourself.", 22_050)
    second = espeak("That is a small win.", 22_050)

    def pieces():
        yield first
        time.sleep(1.5)
        yield second

    virtual_audio.start_capture()
    started = time.monotonic()
    Speaker("pulse").play_stream(pieces())
    elapsed = time.monotonic() - started
    time.sleep(0.3)
    captured = virtual_audio.stop_capture()
    # Played while the second piece was being made: well under making, then playing, both.
    assert elapsed < 1.5 + first.duration_s + second.duration_s - 0.6, elapsed
    assert elapsed >= first.duration_s + second.duration_s * 0.9
    reference = resample(join([first, second]), 16_000)
    assert active_seconds(captured) == pytest.approx(active_seconds(reference), abs=0.15)
    for piece in (first, second):
        _, score = best_alignment(captured.samples, resample(piece, 16_000).samples)
        assert score > 0.8
    assert best_alignment(captured.samples, resample(first, 16_000).samples)[0] < \
        best_alignment(captured.samples, resample(second, 16_000).samples)[0]
