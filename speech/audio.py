"""Audio as the rest of the pipeline sees it: mono 16-bit PCM with its sample rate attached.

Recognisers and the endpointer want 16 kHz mono; files and devices come in every format,
so everything is converted once, here, at the edge (libsndfile to read, libsoxr to resample).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile
import soxr

SPEECH_RATE = 16_000
"""Sample rate (Hz) that endpointing and recognition work at."""


class AudioFileError(Exception):
    """A file could not be read as audio; the message says which file and why, in plain words."""


@dataclass(frozen=True)
class Audio:
    """A stretch of mono sound: `samples` are int16 PCM values, `rate` is in Hz."""

    samples: np.ndarray
    rate: int = SPEECH_RATE

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.rate

    def to_bytes(self) -> bytes:
        """Little-endian 16-bit PCM, as Vosk and sound devices take it."""
        return self.samples.astype("<i2").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, rate: int = SPEECH_RATE) -> Audio:
        return cls(np.frombuffer(data, dtype="<i2").astype(np.int16), rate)

    def rms(self) -> float:
        """Root-mean-square level in PCM units (0 for silence), for checks and meters."""
        if not len(self.samples):
            return 0.0
        return float(np.sqrt(np.mean(self.samples.astype(np.float64) ** 2)))


def silence(seconds: float, rate: int = SPEECH_RATE) -> Audio:
    return Audio(np.zeros(round(seconds * rate), dtype=np.int16), rate)


def join(parts: Iterable[Audio], gap_s: float = 0.0) -> Audio:
    """Concatenate audio of one rate, with `gap_s` of silence between parts."""
    parts = list(parts)
    if not parts:
        return silence(0)
    rate = parts[0].rate
    gap = silence(gap_s, rate).samples
    pieces: list[np.ndarray] = []
    for index, part in enumerate(parts):
        if part.rate != rate:
            part = resample(part, rate)
        if index:
            pieces.append(gap)
        pieces.append(part.samples)
    return Audio(np.concatenate(pieces), rate)


def resample(audio: Audio, rate: int) -> Audio:
    if audio.rate == rate:
        return audio
    converted = soxr.resample(audio.samples, audio.rate, rate)
    return Audio(converted.astype(np.int16), rate)


def from_float(samples: np.ndarray, rate: int) -> Audio:
    """Convert float samples in [-1, 1] (any number of channels in columns) to mono int16."""
    if samples.ndim == 2:
        samples = samples.mean(axis=1)
    pcm = np.clip(np.round(samples * 32767.0), -32768, 32767).astype(np.int16)
    return Audio(pcm, rate)


def read_wav(path: Path | str, rate: int = SPEECH_RATE) -> Audio:
    """Read any common WAV (8/16/24/32-bit, mono or stereo, any rate) as mono PCM at `rate`."""
    path = Path(path)
    if not path.is_file():
        raise AudioFileError(f"{path}: no such file.")
    if path.stat().st_size == 0:
        raise AudioFileError(f"{path}: the file is empty.")
    try:
        with soundfile.SoundFile(path) as file:
            samples = file.read(dtype="float32", always_2d=True)
            source_rate = file.samplerate
    except (soundfile.LibsndfileError, RuntimeError, TypeError) as error:
        raise AudioFileError(
            f"{path}: not a readable WAV file ({_plain(error)})."
        ) from error
    if not len(samples):
        raise AudioFileError(f"{path}: the recording is empty.")
    return resample(from_float(samples, source_rate), rate)


def write_wav(path: Path | str, audio: Audio) -> None:
    soundfile.write(Path(path), audio.samples, audio.rate, subtype="PCM_16", format="WAV")


def chunks(audio: Audio, seconds: float = 0.1) -> Iterator[Audio]:
    """Cut audio into pieces of `seconds`, the way a sound device delivers it."""
    size = max(1, round(seconds * audio.rate))
    for start in range(0, len(audio.samples), size):
        yield Audio(audio.samples[start : start + size], audio.rate)


def _plain(error: Exception) -> str:
    text = str(error).strip().rstrip(".")
    return text.split(": ", 1)[-1] if text.startswith("Error opening") else text
