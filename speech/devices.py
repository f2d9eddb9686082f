"""Microphone and speaker: the one place that talks to PortAudio (through sounddevice).

Everything that can go wrong with a sound device — no library, no device, a name that
matches nothing, a microphone unplugged mid-sentence — comes out of here as an
`AudioDeviceError` whose message a patient or caregiver can act on. PortAudio's own
errors never escape; the technical text is kept on `.detail` for logs.

sounddevice is imported lazily: importing it fails with OSError when libportaudio2 is
missing, and the rest of the assistant (files, text mode) must keep working then.
"""

from __future__ import annotations

import collections
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType, TracebackType
from typing import Any, Literal, cast

import numpy as np
import soxr

from speech.audio import SPEECH_RATE, Audio, resample

log = logging.getLogger(__name__)

Kind = Literal["input", "output"]


class AudioDeviceError(Exception):
    """A sound device problem, worded for a patient or caregiver and naming the fix."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail
        """The technical reason (PortAudio's words), for logs, not for the user."""


class NoMicrophone(AudioDeviceError):
    """There is no usable microphone (none found, none matching, or it stopped)."""


class NoSpeaker(AudioDeviceError):
    """There is no usable speaker (none found, none matching, or it failed)."""


_NO_DEVICE = {
    "input": "I can't find a microphone. Check that it is plugged in and switched on.",
    "output": "I can't find a speaker or headphones. Check that they are plugged in "
    "and switched on, and that the sound is not muted.",
}
_WORD = {"input": "microphone", "output": "speaker"}


def _missing(kind: Kind, message: str, detail: str = "") -> AudioDeviceError:
    return (NoMicrophone if kind == "input" else NoSpeaker)(message, detail)


def _sounddevice() -> ModuleType:
    """Import sounddevice, turning a missing PortAudio library into plain words."""
    try:
        import sounddevice
    except (OSError, ImportError) as error:
        raise AudioDeviceError(
            "The sound system is not installed on this computer, so I can't use the "
            "microphone or speaker. Ask whoever set up this computer to install "
            "libportaudio2 (for example: sudo apt-get install libportaudio2).",
            str(error),
        ) from error
    return cast(ModuleType, sounddevice)  # untyped: no stubs or py.typed


@dataclass(frozen=True)
class Device:
    """One PortAudio device as the assistant shows it in settings and messages."""

    index: int
    name: str
    inputs: int
    outputs: int
    default_rate: float
    default_input: bool
    default_output: bool

    def channels(self, kind: Kind) -> int:
        return self.inputs if kind == "input" else self.outputs


def _default_index(sd: ModuleType, kind: Kind) -> int | None:
    try:
        return int(sd.query_devices(kind=kind)["index"])
    except (sd.PortAudioError, ValueError, KeyError, TypeError):
        return None  # "Error querying device -1": the system has no default


def list_devices() -> list[Device]:
    """All devices PortAudio sees ([] when there are none).

    Raises AudioDeviceError only when the PortAudio library itself is missing.
    """
    sd = _sounddevice()
    try:
        found = list(sd.query_devices())
    except sd.PortAudioError:
        return []
    default_in = _default_index(sd, "input")
    default_out = _default_index(sd, "output")
    return [
        Device(
            index=int(info["index"]),
            name=str(info["name"]),
            inputs=int(info["max_input_channels"]),
            outputs=int(info["max_output_channels"]),
            default_rate=float(info["default_samplerate"]),
            default_input=int(info["index"]) == default_in,
            default_output=int(info["index"]) == default_out,
        )
        for info in found
    ]


def _names(devices: list[Device]) -> str:
    return ", ".join(f'"{d.name}" (number {d.index})' for d in devices)


def pick_device(spec: str | int | None, kind: Kind) -> int | None:
    """Resolve a user's device setting to a PortAudio index.

    `spec` is an index (int or digits), a case-insensitive part of the name ("pulse"),
    or None for the system default (None is returned; if the system has no default but
    a device exists, the first one is used). Raises NoMicrophone/NoSpeaker when there is
    no such device; the message lists the ones there are, so the setting can be fixed.
    """
    candidates = [d for d in list_devices() if d.channels(kind) > 0]
    if not candidates:
        raise _missing(kind, _NO_DEVICE[kind], "PortAudio lists no device of this kind")
    if spec is None or (isinstance(spec, str) and not spec.strip()):
        if any(d.default_input if kind == "input" else d.default_output for d in candidates):
            return None
        return candidates[0].index
    word = _WORD[kind]
    if isinstance(spec, int) or spec.strip().isdigit():
        index = int(spec)
        for device in candidates:
            if device.index == index:
                return index
        wanted = f"number {index}"
    else:
        needle = spec.strip().casefold()
        exact = [d for d in candidates if d.name.casefold() == needle]
        partial = [d for d in candidates if needle in d.name.casefold()]
        if exact or partial:
            return (exact or partial)[0].index
        wanted = f'called "{spec.strip()}"'
    raise _missing(
        kind,
        f"I can't find the {word} {wanted}. The {word}s I can see are: "
        f"{_names(candidates)}. Check the {word} setting, or leave it empty to use the "
        "usual one.",
        f"no {kind} device matches {spec!r}",
    )


def _opening_error(kind: Kind, error: Exception) -> AudioDeviceError:
    text = str(error)
    if "querying device" in text or "Invalid device" in text or "No such device" in text:
        return _missing(kind, _NO_DEVICE[kind], text)
    word = _WORD[kind]
    return _missing(
        kind,
        f"The {word} is there but I couldn't start it. It may be in use by another "
        f"program: close other programs that use sound, or unplug the {word} and plug "
        "it back in, then try again.",
        text,
    )


MICROPHONE_BLOCK_S = 0.03
"""How much sound the microphone hands over at a time: one 30 ms VAD frame, so the endpointer
sees each frame as it is spoken (100 ms blocks added up to 100 ms to every reply). The slack a
loaded machine needs comes from PortAudio's buffer (`_BUFFER_S`), not from the block."""


class Microphone:
    """Live 16 kHz mono int16 sound from a microphone, as a context manager.

    The PortAudio callback only copies bytes onto a queue (as in the Vosk examples), so
    slow recognition never makes the audio thread drop sound; `chunks()` yields from it.
    If the device runs at another rate, blocks are resampled here.
    """

    def __init__(
        self,
        device: str | int | None = None,
        rate: int = SPEECH_RATE,
        block_s: float = MICROPHONE_BLOCK_S,
        timeout_s: float = 3.0,
    ) -> None:
        self.device = device
        self.rate = rate
        self.block_s = block_s
        self.timeout_s = timeout_s
        self.overflows = 0
        """How many times the device had sound we did not collect in time (for logs)."""
        self._stream: Any = None
        self._queue: queue.Queue[bytes] = queue.Queue()
        self._resampler: soxr.ResampleStream | None = None
        self._ended = threading.Event()

    def open(self) -> Microphone:
        """Start recording (idempotent). Raises NoMicrophone / AudioDeviceError."""
        if self._stream is not None:
            return self
        sd = _sounddevice()
        index = pick_device(self.device, "input")
        device_rate = self._device_rate(sd, index)
        self._queue = queue.Queue()
        self._ended.clear()
        self._resampler = (
            None
            if device_rate == self.rate
            else soxr.ResampleStream(device_rate, self.rate, 1, dtype="int16")
        )
        try:
            stream = sd.RawInputStream(
                device=index,
                samplerate=device_rate,
                channels=1,
                dtype="int16",
                blocksize=max(1, round(self.block_s * device_rate)),
                latency=_BUFFER_S,
                callback=self._callback,
                finished_callback=self._ended.set,
            )
        except (sd.PortAudioError, ValueError) as error:
            raise _opening_error("input", error) from error
        try:
            stream.start()
        except sd.PortAudioError as error:
            _abort(stream)
            raise _opening_error("input", error) from error
        self._stream = stream
        return self

    def _device_rate(self, sd: ModuleType, index: int | None) -> int:
        """Our rate if the device takes it, else the device's own (we resample)."""
        try:
            sd.check_input_settings(device=index, samplerate=self.rate, channels=1, dtype="int16")
            return self.rate
        except (sd.PortAudioError, ValueError):
            pass
        try:
            return int(sd.query_devices(index, "input")["default_samplerate"])
        except (sd.PortAudioError, ValueError) as error:
            raise _opening_error("input", error) from error

    def _callback(self, indata: Any, frames: int, time: Any, status: Any) -> None:
        if status.input_overflow:
            self.overflows += 1
        self._queue.put(bytes(indata))

    def chunks(self, timeout_s: float | None = None) -> Iterator[Audio]:
        """Yield blocks of about `block_s` as they arrive, until close().

        Raises NoMicrophone if the stream stops or nothing arrives for `timeout_s`
        (default: the one given to __init__) — the microphone was unplugged or died.
        """
        self.open()
        wait = self.timeout_s if timeout_s is None else timeout_s
        poll = min(0.2, wait)
        silent_for = 0.0
        while self._stream is not None:
            try:
                data = self._queue.get(timeout=poll)
            except queue.Empty:
                if self._stream is None:
                    return
                silent_for += poll
                if self._ended.is_set() or not self._stream.active or silent_for >= wait:
                    self.close()
                    raise NoMicrophone(
                        "The microphone stopped sending sound. It may have been unplugged "
                        "or switched off: check it, then try again.",
                        f"no audio for {silent_for:.1f} s (stream active: "
                        f"{not self._ended.is_set()})",
                    ) from None
                continue
            silent_for = 0.0
            samples = np.frombuffer(data, dtype="<i2").astype(np.int16)
            if self._resampler is not None:
                samples = self._resampler.resample_chunk(samples)
                if not len(samples):
                    continue
            yield Audio(samples, self.rate)

    def close(self) -> None:
        """Stop recording at once. abort(), not stop(): stop() waits for a last block
        that a dead device never delivers, and would hang."""
        stream, self._stream = self._stream, None
        if stream is not None:
            _abort(stream)

    def __enter__(self) -> Microphone:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def keep_listening(
    microphone: Microphone,
    on_lost: Callable[[NoMicrophone], None],
    on_back: Callable[[], None],
    bridge: Audio | None = None,
    retry_s: float = 2.0,
) -> Iterator[Audio]:
    """Sound from `microphone` for as long as the program runs, through the microphone
    being unplugged, switched off, or missing from the start.

    When it stops, `bridge` (silence as long as the endpointing pause) comes first, so the
    sentence in progress still ends and is saved; then `on_lost` is called, once per outage.
    The microphone is tried again every `retry_s` with PortAudio's device list refreshed,
    and `on_back` is called when sound arrives again. Ends only if the microphone is closed.
    """
    lost = False
    while True:
        try:
            for block in microphone.chunks():
                if lost:
                    lost = False
                    log.info("microphone back")
                    on_back()
                yield block
            return
        except NoMicrophone as error:
            microphone.close()
            missing = error
        if not lost:
            lost = True
            log.warning("microphone lost: %s", missing.detail or missing)
            if bridge is not None:
                yield bridge
            on_lost(missing)
        time.sleep(retry_s)
        rescan()


def rescan() -> None:
    """Refresh PortAudio's device list, which it reads only once at start: without this, a
    microphone plugged in later is never seen. Only call it with no stream open."""
    sd = _sounddevice()
    sd._terminate()
    sd._initialize()


def _abort(stream: Any) -> None:
    try:
        stream.abort(ignore_errors=True)
    finally:
        stream.close(ignore_errors=True)


_TAIL_S = 0.1
"""Silence after each sound, so the end is not lost when the stream is closed."""
_BUFFER_S = 0.3
"""Output buffer asked of PortAudio. Its "high" latency is 35 ms on the ALSA-to-PulseAudio
path, which underran many times a second on an idle 2-core machine, each time dropping
speech (and the first ~0.1 s of every reply, which a lead-in of silence used to cover).
A primed buffer is full before playing starts, so its size delays nothing. The microphone
asks for the same: there, it is room for sound while Python is busy, and delays nothing
either (each block is handed over as soon as it is recorded)."""


class Speaker:
    """Plays Audio on a speaker, blocking until it has been heard.

    The device is looked up on each play(), so a speaker plugged in after start-up is
    found (once PortAudio sees it).
    """

    def __init__(self, device: str | int | None = None) -> None:
        self.device = device

    def play(self, audio: Audio) -> None:
        """Play `audio` to the end. Raises NoSpeaker / AudioDeviceError in plain words."""
        self.play_stream([audio])

    def play_stream(self, pieces: Iterable[Audio]) -> None:
        """Play the pieces back to back as one sound, starting as soon as the first exists:
        the stream opens on the first piece, and each next one is taken (rendered, for a
        reply rendered sentence by sentence) while the ones before it play. Blocks until
        everything has been heard."""
        sd = _sounddevice()
        index = pick_device(self.device, "output")  # before rendering: no speaker, no work
        remaining = iter(pieces)
        first = next((p for p in remaining if len(p.samples)), None)
        if first is None:
            return
        rate, channels = self._settings(sd, index, first.rate)
        feed = _Feed()
        feed.add(_at_rate(first, rate))
        done = threading.Event()
        heard_by = [0.0]  # stream time when the last sample leaves the speaker

        def callback(outdata: Any, count: int, time: Any, status: Any) -> None:
            if feed.fill(outdata, count):
                heard_by[0] = time.outputBufferDacTime + count / rate
                raise sd.CallbackStop

        try:
            stream = sd.OutputStream(
                device=index,
                samplerate=rate,
                channels=channels,
                dtype="int16",
                latency=_BUFFER_S,
                prime_output_buffers_using_stream_callback=True,
                callback=callback,
                finished_callback=done.set,
            )
        except (sd.PortAudioError, ValueError) as error:
            raise _opening_error("output", error) from error
        try:
            stream.start()
            for piece in remaining:
                feed.add(_at_rate(piece, rate))
            feed.add(np.zeros(round(_TAIL_S * rate), dtype=np.int16))
            feed.finish()
            # Generous margin for device latency; never wait forever on a stuck device.
            if not done.wait(feed.left() / rate + 5.0):
                raise NoSpeaker(
                    "The speaker stopped playing. It may have been unplugged or switched "
                    "off: check it, then try again.",
                    "playback did not finish in time",
                )
            _wait_until_heard(stream, heard_by[0])
        except sd.PortAudioError as error:
            raise _opening_error("output", error) from error
        finally:
            if done.is_set():
                stream.close(ignore_errors=True)
            else:
                _abort(stream)

    @staticmethod
    def _settings(sd: ModuleType, index: int | None, rate: int) -> tuple[int, int]:
        """(rate, channels) the device accepts: ours if possible, else its default rate
        and/or stereo (mono is copied to both sides)."""
        try:
            info = sd.query_devices(index, "output")
        except (sd.PortAudioError, ValueError) as error:
            raise _opening_error("output", error) from error
        max_channels = max(1, int(info["max_output_channels"]))
        for try_rate in (rate, int(info["default_samplerate"])):
            for channels in sorted({1, min(2, max_channels)}):
                try:
                    sd.check_output_settings(
                        device=index, samplerate=try_rate, channels=channels, dtype="int16"
                    )
                except (sd.PortAudioError, ValueError):
                    continue
                return try_rate, channels
        raise NoSpeaker(
            "The speaker can't play this sound. Try another speaker or headphones.",
            f"no supported settings near {rate} Hz",
        )


def _at_rate(audio: Audio, rate: int) -> np.ndarray:
    return (audio if audio.rate == rate else resample(audio, rate)).samples.astype(np.int16)


def _wait_until_heard(stream: Any, heard_by: float) -> None:
    """PortAudio reports a stream finished once its last buffer is handed to the device,
    which still holds up to a buffer of sound: closing then would cut off the last words."""
    left = heard_by - stream.time if heard_by else stream.latency
    time.sleep(min(max(left, 0.0), _BUFFER_S + 0.2))


class _Feed:
    """Samples waiting to be played, added by the rendering thread and taken by PortAudio's
    callback. Until `finish()`, running out means the next piece is still being made:
    silence is played meanwhile rather than stopping."""

    def __init__(self) -> None:
        self._parts: collections.deque[np.ndarray] = collections.deque()
        self._lock = threading.Lock()
        self._finished = False

    def add(self, samples: np.ndarray) -> None:
        with self._lock:
            self._parts.append(samples)

    def finish(self) -> None:
        with self._lock:
            self._finished = True

    def left(self) -> int:
        with self._lock:
            return sum(len(part) for part in self._parts)

    def fill(self, outdata: Any, count: int) -> bool:
        """Write `count` frames into `outdata`; True when everything has been played."""
        written = 0
        with self._lock:
            while written < count and self._parts:
                part = self._parts[0]
                take = min(count - written, len(part))
                outdata[written : written + take] = part[:take].reshape(-1, 1)
                if take == len(part):
                    self._parts.popleft()
                else:
                    self._parts[0] = part[take:]
                written += take
            ended = self._finished and not self._parts
        outdata[written:] = 0
        return ended
