"""A "dysarthric" test speaker, and the splits that enrolment is measured on.

espeak-ng speech made slow, flat, slurred and breathy with sox, repeatably (`sox -R`):
- slow: espeak-ng's rate, then sox `tempo` stretching it further;
- flat: espeak-ng's pitch range narrowed to almost nothing (SSML `prosody range`);
- slurred: a low-pass that takes away most consonant energy, and a short reverb that smears
  one sound into the next;
- breathy: pink noise mixed in under the voice.
General recognisers mostly fail on it (Whisper base: see tests/test_enrol.py), as they do on
real dysarthric speech; a speaker-dependent matcher has to carry it.

The splits (fixed before any matching code was written, and never tuned on):
- ENROL: 3 takes of each phrase, at the speaker's usual rates and pitches;
- TUNE: 5 fresh renderings per phrase at other rates and pitches, plus unenrolled phrases;
  the rejection threshold is chosen on this split;
- HELD_OUT: 5 more fresh renderings per phrase at still other rates and pitches, and other
  unenrolled phrases; scored once, reported apart.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

COMMANDS = ("yes", "no", "stop", "repeat", "slower", "help", "delete that")


@dataclass(frozen=True)
class Take:
    """One rendering: espeak-ng words per minute, its base pitch (0–99), sox tempo, noise, and
    the low-pass cut-off in Hz (lower: more slurred)."""

    wpm: int
    pitch: int
    tempo: float
    noise: float = 0.06
    lowpass: int = 700


ENROL = (Take(105, 38, 0.75), Take(115, 42, 0.7), Take(100, 35, 0.8))
TUNE = (Take(95, 30, 0.75), Take(120, 45, 0.72), Take(110, 40, 0.65), Take(100, 48, 0.78),
        Take(125, 33, 0.7, 0.08))
HELD_OUT = (Take(90, 36, 0.7), Take(130, 44, 0.75), Take(108, 28, 0.68),
            Take(118, 50, 0.8, 0.08), Take(98, 41, 0.62))

UNENROLLED_TUNE = ("hello there", "thank you", "good morning", "I walked to the kitchen",
                   "what time is it", "go away", "louder", "my arm hurts", "again",
                   "yesterday")
UNENROLLED_HELD_OUT = ("goodbye", "faster", "I feel tired", "not now", "okay",
                       "how am I doing", "please", "say that again", "water", "maybe")


def render(text: str, path: Path, take: Take) -> Path:
    """Speak `text` as the test speaker into a 16 kHz mono WAV at `path`."""
    with tempfile.TemporaryDirectory() as scratch:
        clear = Path(scratch) / "clear.wav"
        voiced = Path(scratch) / "voiced.wav"
        noise = Path(scratch) / "noise.wav"
        ssml = f'<speak><prosody range="x-low">{text}</prosody></speak>'
        subprocess.run(["espeak-ng", "-v", "en-us", "-m", "-s", str(take.wpm),
                        "-p", str(take.pitch), "-w", str(clear), ssml], check=True)
        _sox(clear, "-r", "16000", "-c", "1", voiced, "tempo", "-s", str(take.tempo),
             "lowpass", str(take.lowpass), "reverb", "40", "50", "30", "norm", "-3",
             "pad", "0.3", "0.3")
        seconds = _duration(voiced)
        _sox("-n", "-r", "16000", "-c", "1", noise, "synth", f"{seconds:.3f}", "pinknoise")
        _sox("-m", "-v", "1", voiced, "-v", str(take.noise), noise, path)
    return path


def _sox(*args: str | Path) -> None:
    subprocess.run(["sox", "-R", *map(str, args)], check=True, capture_output=True)


def _duration(path: Path) -> float:
    out = subprocess.run(["soxi", "-D", str(path)], check=True, capture_output=True, text=True)
    return float(out.stdout)


@dataclass(frozen=True)
class Case:
    """A rendering to recognise: what was said, and whether that phrase is enrolled."""

    text: str
    path: Path
    enrolled: bool


def enrolment(folder: Path) -> dict[str, list[Path]]:
    """The enrolment takes of every command, rendered into `folder`."""
    return {c: [render(c, folder / f"enrol-{c}-{n}.wav", take) for n, take in enumerate(ENROL)]
            for c in COMMANDS}


def cases(folder: Path, held_out: bool) -> list[Case]:
    """The tuning or held-out split, rendered into `folder`."""
    takes, unenrolled = (HELD_OUT, UNENROLLED_HELD_OUT) if held_out else (TUNE, UNENROLLED_TUNE)
    name = "held" if held_out else "tune"
    out = [Case(c, render(c, folder / f"{name}-{c}-{n}.wav", take), True)
           for c in COMMANDS for n, take in enumerate(takes)]
    out += [Case(text, render(text, folder / f"{name}-other-{n}.wav", takes[n % len(takes)]),
                 False) for n, text in enumerate(unenrolled)]
    return out


@dataclass(frozen=True)
class Figures:
    """Shares of a split: enrolled renderings taken for the right phrase, for a wrong one, and
    unenrolled renderings taken for any phrase."""

    correct: float
    wrong: float
    false_match: float
    enrolled: int
    unenrolled: int


def figures(heard: Sequence[tuple[Case, str | None]]) -> Figures:
    """Score (case, phrase matched or None) pairs."""
    enrolled = [(c, m) for c, m in heard if c.enrolled]
    others = [(c, m) for c, m in heard if not c.enrolled]
    return Figures(
        correct=sum(m == c.text for c, m in enrolled) / len(enrolled),
        wrong=sum(m is not None and m != c.text for c, m in enrolled) / len(enrolled),
        false_match=sum(m is not None for _, m in others) / len(others),
        enrolled=len(enrolled),
        unenrolled=len(others),
    )
