"""A private PulseAudio server with a virtual microphone and speaker, for device tests.

The test machines have no sound card, so real device code can only be exercised against
PulseAudio: a pipe source (`fifomic`) that plays whatever we write into a fifo, and a null
sink (`nullspk`) whose monitor we record with `parec`. Each `VirtualAudio` runs its own
daemon in a private XDG_RUNTIME_DIR and kills it by pid on close, so tests never touch a
user's sound setup and leave no stray processes.

Import the fixture with `from virtual_audio import virtual_audio` (pytest puts `tests/` on
sys.path because it has no `__init__.py`).
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import numpy as np
import pytest

from speech.audio import SPEECH_RATE, Audio

SINK = "nullspk"
SOURCE = "fifomic"
BLOCK_S = 0.1
_START_TIMEOUT_S = 15.0


class VirtualAudioError(RuntimeError):
    """The private PulseAudio server could not be started or stopped."""


def pulseaudio_available() -> bool:
    return shutil.which("pulseaudio") is not None


class VirtualAudio:
    """A running private PulseAudio daemon with `fifomic` (default source) and `nullspk`
    (default sink). Use as a context manager; `close()` is idempotent."""

    def __init__(self, rate: int = SPEECH_RATE) -> None:
        self.rate = rate
        self.dir: Path | None = None
        self.fifo: Path | None = None
        self.socket: Path | None = None
        self.log: Path | None = None
        self._daemon: subprocess.Popen[bytes] | None = None
        self._fd: int | None = None
        self._lock = threading.Condition()
        self._pending = np.zeros(0, dtype=np.int16)
        self._queued = 0  # samples ever passed to feed()
        self._written = 0  # of those, samples written into the fifo
        self._silent = False  # True: write nothing at all (a "dead" microphone)
        self._stop = threading.Event()
        self._writer: threading.Thread | None = None
        self._parec: subprocess.Popen[bytes] | None = None
        self._keepalive: subprocess.Popen[bytes] | None = None
        self._captured = bytearray()
        self._reader: threading.Thread | None = None
        self._ready = (0.0, 0)
        """When the recording started to run, and how many bytes it held then."""

    # -- lifecycle -----------------------------------------------------------------

    def start(self) -> VirtualAudio:
        if not pulseaudio_available():
            raise VirtualAudioError("the pulseaudio program is not installed")
        self.dir = Path(tempfile.mkdtemp(prefix="smallwins-pulse-"))
        self.dir.chmod(0o700)
        self.fifo = self.dir / "mic.fifo"  # module-pipe-source creates it
        self.socket = self.dir / "pulse" / "native"
        self.socket.parent.mkdir(mode=0o700)
        self.log = self.dir / "pulseaudio.log"
        script = self.dir / "startup.pa"
        # Native protocol last: once its socket exists, everything before it is loaded.
        script.write_text(
            ".fail\n"
            f"load-module module-null-sink sink_name={SINK}"
            " sink_properties=device.description=Virtual_speaker\n"
            f"load-module module-pipe-source source_name={SOURCE} file={self.fifo}"
            f" format=s16le rate={self.rate} channels=1"
            " source_properties=device.description=Virtual_microphone\n"
            f"set-default-sink {SINK}\n"
            f"set-default-source {SOURCE}\n"
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}\n"
        )
        daemon_env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(self.dir),
            "HOME": str(self.dir),  # keeps the daemon's state files out of the real home
            "XDG_CONFIG_HOME": str(self.dir / "config"),
        }
        daemon_env.pop("PULSE_SERVER", None)
        with self.log.open("wb") as log:
            self._daemon = subprocess.Popen(
                [
                    "pulseaudio",
                    "--daemonize=no",
                    "--system=false",
                    "--exit-idle-time=-1",
                    "--realtime=false",
                    "--high-priority=false",
                    "--use-pid-file=false",
                    "--log-target=stderr",
                    "-n",
                    "-F",
                    str(script),
                ],
                env=daemon_env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_ready()
            self._fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
            self._writer = threading.Thread(target=self._write_loop, name="fifomic", daemon=True)
            self._writer.start()
            self._keep_speaker_running()
        except BaseException:
            self.close()
            raise
        return self

    def _wait_ready(self) -> None:
        assert self._daemon is not None and self.socket is not None
        deadline = time.monotonic() + _START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._daemon.poll() is not None:
                raise VirtualAudioError(f"pulseaudio exited at start:\n{self._log_text()}")
            if self.socket.exists():
                with socket.socket(socket.AF_UNIX) as probe:
                    try:
                        probe.connect(str(self.socket))
                    except OSError:
                        pass
                    else:
                        return
            time.sleep(0.05)
        raise VirtualAudioError(f"pulseaudio did not start in time:\n{self._log_text()}")

    def _keep_speaker_running(self) -> None:
        """Play silence into `nullspk` for the daemon's whole life.

        An idle null sink's monitor records nothing, and a recorder that joins it late
        loses the start of the next sound. A freshly started null sink also renders its
        first 2 s in one block, so the silence stream is followed by a suspend/resume
        that restarts the sink at the stream's low latency. Mixing in zeros changes
        nothing that is played.
        """
        env = {**os.environ, **self.env}
        with open("/dev/zero", "rb") as zeros:
            self._keepalive = subprocess.Popen(
                ["pacat", "--playback", f"--device={SINK}", "--raw", "--latency-msec=50"],
                env=env,
                stdin=zeros,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + _START_TIMEOUT_S
        while True:
            inputs = subprocess.run(
                ["pactl", "list", "short", "sink-inputs"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if inputs.strip():
                break
            if time.monotonic() > deadline or self._keepalive.poll() is not None:
                raise VirtualAudioError("could not play silence into the null sink")
            time.sleep(0.02)
        for state in ("1", "0"):
            subprocess.run(["pactl", "suspend-sink", SINK, state], env=env, check=True)

    def _log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace") if self.log else ""
        except OSError:
            return ""

    def close(self) -> None:
        """Stop capture, the fifo writer and the daemon (by pid); remove the private dir."""
        with contextlib.suppress(Exception):
            self.stop_capture()
        keepalive, self._keepalive = self._keepalive, None
        if keepalive is not None:
            _stop_process(keepalive)
        self._stop.set()
        if self._writer is not None:
            self._writer.join(timeout=5)
            self._writer = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._daemon is not None:
            if self._daemon.poll() is None:
                self._daemon.send_signal(signal.SIGTERM)
                try:
                    self._daemon.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._daemon.kill()
                    self._daemon.wait(timeout=5)
            self._daemon = None
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> VirtualAudio:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        return self._daemon.pid if self._daemon is not None else None

    @property
    def env(self) -> dict[str, str]:
        """Variables a process needs to use this server (merge into os.environ for subprocesses)."""
        assert self.dir is not None and self.socket is not None, "VirtualAudio is not started"
        return {"XDG_RUNTIME_DIR": str(self.dir), "PULSE_SERVER": f"unix:{self.socket}"}

    @contextlib.contextmanager
    def in_this_process(self) -> Iterator[None]:
        """Point this process's sounddevice at the server, and back afterwards.

        PortAudio enumerates devices once at initialisation, so it is re-initialised after
        the environment changes (no streams may be open across the switch).
        """
        import sounddevice

        saved = {key: os.environ.get(key) for key in self.env}
        os.environ.update(self.env)
        _reinitialise(sounddevice)
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            _reinitialise(sounddevice)

    # -- virtual microphone ----------------------------------------------------------

    def feed(self, audio: Audio) -> None:
        """Queue `audio` to be "spoken" into the microphone at real-time pace."""
        if audio.rate != self.rate:
            from speech.audio import resample

            audio = resample(audio, self.rate)
        with self._lock:
            self._pending = np.concatenate([self._pending, audio.samples.astype(np.int16)])
            self._queued += len(audio.samples)

    def wait_fed(self, timeout: float | None = None) -> bool:
        """Block until everything fed so far is in the fifo; False if `timeout` ran out."""
        with self._lock:
            return self._lock.wait_for(lambda: self._written >= self._queued, timeout)

    def silence_microphone(self, silent: bool = True) -> None:
        """Stop writing anything (not even silence): the source goes quiet like a dead mic."""
        with self._lock:
            self._silent = silent

    def _write_loop(self) -> None:
        block = round(BLOCK_S * self.rate)
        next_time = time.monotonic()
        while not self._stop.is_set():
            with self._lock:
                silent = self._silent
                if not silent and len(self._pending):
                    data, self._pending = self._pending[:block], self._pending[block:]
                    fed = len(data)
                else:
                    data, fed = np.zeros(block, dtype=np.int16), 0
            if silent:
                time.sleep(BLOCK_S)
                next_time = time.monotonic()
                continue
            if not self._write_all(data.astype("<i2").tobytes()):
                return
            if fed:
                with self._lock:
                    self._written += fed
                    self._lock.notify_all()
            next_time += len(data) / self.rate
            delay = next_time - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)
            elif delay < -1.0:  # fell far behind (machine stalled): don't burst
                next_time = time.monotonic()

    def _write_all(self, data: bytes) -> bool:
        view = memoryview(data)
        while view and not self._stop.is_set():
            fd = self._fd
            if fd is None:
                return False
            try:
                view = view[os.write(fd, view) :]
            except BlockingIOError:
                select.select([], [fd], [], BLOCK_S)
            except OSError:  # daemon gone
                return False
        return not self._stop.is_set()

    # -- virtual speaker -------------------------------------------------------------

    def start_capture(self) -> None:
        """Start recording everything played to `nullspk` (16 kHz mono); returns once
        the recording is running, so nothing played afterwards is missed."""
        if self._parec is not None:
            raise VirtualAudioError("capture already running")
        env = {**os.environ, **self.env}
        pcm = [f"--rate={self.rate}", "--channels=1", "--format=s16le", "--raw"]
        self._captured = bytearray()
        self._parec = subprocess.Popen(
            ["parec", f"--device={SINK}.monitor", *pcm, "--latency-msec=20"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._reader = threading.Thread(
            target=self._read_loop, args=(self._parec.stdout,), name="parec", daemon=True
        )
        self._reader.start()
        deadline = time.monotonic() + _START_TIMEOUT_S
        while len(self._captured) < self.rate // 10:  # 50 ms of 16-bit samples
            if time.monotonic() > deadline or self._parec.poll() is not None:
                self.stop_capture()
                raise VirtualAudioError("parec did not start recording the null sink")
            time.sleep(0.01)
        self._ready = (time.monotonic(), len(self._captured))

    def catch_up(self, extra_s: float = 0.3, timeout_s: float = 10.0) -> None:
        """Wait until the recording covers everything played until now and `extra_s` more.

        A fixed sleep is not enough on a loaded machine: parec and its reader thread fall
        behind the sink's clock, so the end of what was played can still be in flight. The
        null sink runs in real time, so the recording must hold as many samples as time passed.
        """
        ready_at, ready_bytes = self._ready
        wanted = ready_bytes + 2 * round((time.monotonic() - ready_at + extra_s) * self.rate)
        deadline = time.monotonic() + extra_s + timeout_s
        while len(self._captured) < wanted and time.monotonic() < deadline:
            time.sleep(0.02)

    def _read_loop(self, stream: IO[bytes]) -> None:
        while chunk := stream.read1(4096):
            self._captured += chunk

    def stop_capture(self) -> Audio:
        """Stop recording and return what the speaker played since start_capture()."""
        if self._parec is None:
            raise VirtualAudioError("capture is not running")
        parec, self._parec = self._parec, None
        _stop_process(parec)
        if self._reader is not None:
            self._reader.join(timeout=5)
            self._reader = None
        if parec.stdout is not None:
            parec.stdout.close()
        data = bytes(self._captured)
        return Audio.from_bytes(data[: len(data) // 2 * 2], self.rate)


def _stop_process(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _reinitialise(sounddevice: object) -> None:
    sounddevice._terminate()  # type: ignore[attr-defined]
    sounddevice._initialize()  # type: ignore[attr-defined]


@pytest.fixture
def virtual_audio() -> Iterator[VirtualAudio]:
    """A started VirtualAudio, with this process's sounddevice pointed at it.

    Skips only when the pulseaudio program is absent (CI installs it).
    """
    if not pulseaudio_available():
        pytest.skip("pulseaudio is not installed (apt-get install pulseaudio pulseaudio-utils)")
    audio = VirtualAudio()
    try:
        audio.start()
        with audio.in_this_process():
            yield audio
    finally:
        audio.close()
