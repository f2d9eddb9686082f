"""Words and phrases enrolled in the patient's own voice, matched by dynamic time warping.

A general recogniser fails on slurred (dysarthric) speech, but one speaker says "yes" much
the same way each time. So, as in template-based isolated-word recognisers and
query-by-example spoken term detection, each enrolled take is kept as a sequence of feature
frames, and a new utterance is compared with every take by dynamic time warping (DTW), which
absorbs slower or faster speech. The warping is dtaidistance's (its C implementation).

Features: Whisper's log-mel spectrogram (faster-whisper's STFT and mel filters), trimmed to
the voiced part, turned into 13 cepstral coefficients (MFCCs) with the mean taken off (so a
different microphone or level changes little), three 10 ms frames pooled into one.

Rejection: a phrase's distance to the utterance is divided by how far its own takes are from
each other (`Phrase.spread`), so one threshold suits a speaker who is consistent and one who
is not; a match is taken only when that ratio is below `ACCEPT_RATIO` and clearly better than
the next phrase (`MARGIN`). Both were chosen on the tuning split of tests/dysarthric_speech.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from dtaidistance import dtw_ndim
from faster_whisper.feature_extractor import FeatureExtractor

from speech.audio import SPEECH_RATE, Audio, resample

CEPSTRA = 13
POOL = 3
"""10 ms log-mel frames averaged per feature frame: 30 ms frames, a ninth of the DTW work."""
VOICED_SHARE = 0.3
"""Frames whose mean log-mel level is below this share of the way from the background (the
20th percentile of frames that are not digital silence) to the loudest frame are trimmed from
the ends as silence or breath."""
LEAST_CONTRAST = 0.15
"""Audio whose loudest frame is less than this above the background (about 6 dB in Whisper's
log-mel units) holds no speech to match."""
MAX_LENGTH_RATIO = 2.5
"""A take more than this much longer or shorter than the utterance cannot be the same phrase
said by the same person; it is not compared (this also keeps matching fast)."""
SAMENESS = 1e-4
"""The least spread a phrase has: takes this close are one recording given more than once."""
CANDIDATES = 8
"""Phrases kept by the linear first pass for warping (of 50 enrolled: about 2 ms of processor
time per utterance at the median instead of about 3.5 with every take warped)."""
STRETCHED = 16
"""Frames each take is stretched to for the first pass."""
ACCEPT_RATIO = 2.2
"""Chosen on the tuning split: its enrolled renderings came within 1.82 of their phrase, its
unenrolled phrases no nearer than 2.78; 2.2 sits a little to the enrolled side, as a wrong
match costs more than falling back to the recogniser."""
MARGIN = 0.8
"""The best phrase's ratio must be below MARGIN times the next phrase's (tuning split: 0.53
at most for enrolled renderings)."""


@dataclass(frozen=True)
class Phrase:
    """An enrolled phrase: its takes as feature frames (frames × CEPSTRA, float32 each), and
    `spread`, the mean DTW distance between its takes (how differently the patient says it)."""

    text: str
    takes: tuple[np.ndarray, ...]
    spread: float


@dataclass(frozen=True)
class Match:
    """The enrolled phrase an utterance was taken for; `ratio` is its distance over the
    phrase's spread (below 1: closer than the takes are to each other)."""

    text: str
    ratio: float

    @property
    def confidence(self) -> float:
        """1 for an utterance as close as the takes are to each other, falling to 0.5 at the
        threshold: every accepted match counts as confident (it wins over the recogniser)."""
        return float(np.clip(1.0 - 0.5 * (self.ratio - 1.0) / (ACCEPT_RATIO - 1.0), 0.5, 1.0))


def features(audio: Audio) -> np.ndarray:
    """The feature frames of a stretch of speech (frames × CEPSTRA, float32); empty when
    there is no voiced sound in it."""
    if audio.rate != SPEECH_RATE:
        audio = resample(audio, SPEECH_RATE)
    samples = audio.samples.astype(np.float32) / 32768.0
    log_mel = _log_mel(samples)
    level = log_mel.mean(axis=0)
    sounding = level[level > log_mel.min() + 1e-3]  # not digital silence (a padded file)
    peak = level.max()
    background = np.percentile(sounding, 20) if len(sounding) else peak
    voiced = np.flatnonzero(level >= background + VOICED_SHARE * (peak - background))
    if len(voiced) < POOL or peak - background < LEAST_CONTRAST:
        return np.zeros((0, CEPSTRA), np.float32)
    log_mel = log_mel[:, voiced[0]: voiced[-1] + 1]
    usable = log_mel.shape[1] // POOL * POOL
    pooled = log_mel[:, :usable].reshape(log_mel.shape[0], -1, POOL).mean(axis=2)
    cepstra = pooled.T @ _dct(log_mel.shape[0]).T  # frames × CEPSTRA (see _log_mel)
    cepstra -= cepstra.mean(axis=0, keepdims=True)
    return np.ascontiguousarray(cepstra, dtype=np.float32)


def phrase(text: str, takes: Sequence[np.ndarray]) -> Phrase:
    """A phrase from its takes' features (at least two, to know their spread)."""
    if len(takes) < 2:
        raise ValueError("a phrase needs at least two takes")
    spread = [distances(takes[i], [*takes[:i], *takes[i + 1:]]).mean() for i in range(len(takes))]
    return Phrase(text, tuple(takes), max(float(np.mean(spread)), SAMENESS))


def odd_takes(takes: Sequence[np.ndarray]) -> list[int]:
    """Indexes of takes unlike the rest, for enrolment to ask again: a take is odd when the
    phrase made of the other takes would not accept it as a match."""
    if len(takes) < 3:
        return []
    odd = []
    for i, take in enumerate(takes):
        rest = phrase("", [*takes[:i], *takes[i + 1:]])
        if distances(take, rest.takes).min() / rest.spread >= ACCEPT_RATIO:
            odd.append(i)
    return odd


def best_match(utterance: np.ndarray, phrases: Sequence[Phrase]) -> Match | None:
    """The enrolled phrase the utterance is confidently taken for, or None (unenrolled speech,
    or too close a call between two phrases)."""
    if not len(utterance) or not phrases:
        return None
    phrases = _likeliest(utterance, phrases)
    if not phrases:
        return None
    takes = [take for p in phrases for take in p.takes]
    owner = np.repeat(np.arange(len(phrases)), [len(p.takes) for p in phrases])
    nearest = np.full(len(phrases), np.inf)
    np.minimum.at(nearest, owner, distances(utterance, takes))
    ratios = nearest / np.array([p.spread for p in phrases])
    order = np.argsort(ratios)
    ratio = float(ratios[order[0]])
    runner_up = float(ratios[order[1]]) if len(order) > 1 else np.inf
    if ratio < ACCEPT_RATIO and ratio < MARGIN * runner_up:
        return Match(phrases[order[0]].text, ratio)
    return None


def _likeliest(utterance: np.ndarray, phrases: Sequence[Phrase]) -> Sequence[Phrase]:
    """The phrases worth warping: those with a take of a near length, and of those the
    CANDIDATES nearest when each take and the utterance are stretched linearly to the same
    few frames (a cheap first pass; warping is the costly part)."""
    n = len(utterance)
    near = [p for p in phrases if any(_near(len(t), n) for t in p.takes)]
    if len(near) <= CANDIDATES:
        return near
    takes = [t for p in near for t in p.takes]
    owner = np.repeat(np.arange(len(near)), [len(p.takes) for p in near])
    stretched = np.stack([t[np.linspace(0, len(t) - 1, STRETCHED).round().astype(int)]
                          for t in takes])
    target = utterance[np.linspace(0, n - 1, STRETCHED).round().astype(int)]
    apart = np.linalg.norm((stretched - target).reshape(len(takes), -1), axis=1)
    nearest = np.full(len(near), np.inf)
    np.minimum.at(nearest, owner, apart)
    ranked = np.argsort(nearest / np.array([p.spread for p in near]))
    return [near[i] for i in ranked[:CANDIDATES]]


def _near(length: int, n: int) -> bool:
    """Whether a take of `length` frames may be the same phrase as `n` frames said."""
    return 0 < length <= n * MAX_LENGTH_RATIO and n <= length * MAX_LENGTH_RATIO


def distances(query: np.ndarray, takes: Sequence[np.ndarray]) -> np.ndarray:
    """The DTW distance from `query` to each take: the Euclidean frame distances summed along
    the best path (dtaidistance's C implementation), over n + m frames so that takes of
    different lengths compare; infinite for a take of too different a length."""
    n = len(query)
    out = np.full(len(takes), np.inf)
    if not n:
        return out
    frames = np.ascontiguousarray(query, dtype=np.double)
    for k, take in enumerate(takes):
        if _near(len(take), n):
            # distance_fast runs the C library only, and raises if it is missing.
            total = dtw_ndim.distance_fast(frames, np.ascontiguousarray(take, dtype=np.double),
                                           inner_dist="euclidean", use_pruning=False)
            out[k] = total / (n + len(take))
    return out


def _log_mel(samples: np.ndarray) -> np.ndarray:
    """Whisper's log-mel spectrogram (80 bands × 10 ms frames), as faster-whisper's
    FeatureExtractor makes it from its own STFT and mel filters, with the one product
    transposed: in the extractor's layout OpenBLAS took 40 ms on a busy 2-core machine,
    transposed 0.07 ms, for the same numbers."""
    extractor = _extractor()
    window = np.hanning(extractor.n_fft + 1)[:-1].astype(np.float32)
    spectrum = extractor.stft(samples, extractor.n_fft, extractor.hop_length, window=window,
                              return_complex=True)
    power = (np.abs(spectrum[..., :-1]) ** 2).astype(np.float32)
    mel = (power.T @ extractor.mel_filters.T).T
    log_spec = np.log10(np.clip(mel, 1e-10, None))
    scaled: np.ndarray = (np.maximum(log_spec, log_spec.max() - 8.0) + 4.0) / 4.0
    return scaled


@lru_cache(maxsize=1)
def _extractor() -> FeatureExtractor:
    return FeatureExtractor(feature_size=80)


@lru_cache(maxsize=4)
def _dct(bands: int) -> np.ndarray:
    """The orthonormal DCT-II rows that turn log-mel bands into the first CEPSTRA cepstra."""
    k = np.arange(CEPSTRA)[:, None]
    b = np.arange(bands)[None, :]
    basis = np.cos(np.pi * k * (2 * b + 1) / (2 * bands)) * np.sqrt(2.0 / bands)
    basis[0] /= np.sqrt(2.0)
    rows: np.ndarray = basis.astype(np.float32)
    return rows
