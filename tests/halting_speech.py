"""Halting speech for tests and the benchmark: sentences with a word-finding pause inside.

Each case is one sentence with 2 s or 3 s of silence inserted at a word boundary. In an
*unfinished* cut the words before the silence cannot end a sentence ("it was the …",
"i walked to the, um …"); in a *control* the silence follows a finished clause, where the
assistant should answer after its normal pause as before.

Two sources:
- real human speech, the `moonshine-voice` wheel's recordings: six sentences of
  two_cities.wav (a clear reader) cut at the word boundaries of its transcript, and
  beckett.wav's short sentences as controls;
- espeak-ng spoken updates from the labelled understanding data, each half rendered apart.

The held-out part (two_cities sentences 5–6, espeak updates from understanding_unseen.jsonl)
was fixed before the code it measures was written and is never tuned on.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import moonshine_voice
import numpy as np

from assistant.conversation.hearing import hear_audio
from assistant.understand.numbers import spoken_to_digits
from speech.asr.base import Recognizer
from speech.audio import SPEECH_RATE, Audio, chunks, join, read_wav, silence
from speech.vad import Endpointer

ASSETS = Path(moonshine_voice.__file__).parent / "assets"
DATA = Path(__file__).parent / "data"
LEAD_S = 0.5
TAIL_S = 5.0
"""Silence after the sentence: longer than any --max-pause tried, so every end is heard."""


@dataclass(frozen=True)
class HaltingCase:
    name: str
    first: str
    """The words before the inserted silence."""
    rest: str
    """The words after it."""
    unfinished: bool
    gap_s: float
    source: str
    """"human" or "espeak"."""
    held_out: bool
    audio: Audio
    first_end_s: float
    """Where the speech before the silence ends in `audio`."""
    speech_end_s: float
    """Where the whole sentence's speech ends in `audio`."""

    @property
    def whole(self) -> str:
        return f"{self.first} {self.rest}"


# two_cities.wav: (sentence start, end, [(cut time, words before, words after, unfinished)]).
# Times are the word boundaries of the clip's transcript: Whisper's word timings, 50–80 ms
# earlier after a short word (its timings run late there), then the quietest 10 ms within
# 60 ms. Checked by transcribing each first half alone.
TWO_CITIES = [
    (0.55, 4.9, [
        (1.57, "it was", "the best of times, it was the worst of times", True),
        (3.46, "it was the best of times, it was the", "worst of times", True),
        (2.26, "it was the best of", "times, it was the worst of times", True),
        (3.02, "it was the best of times,", "it was the worst of times", False),
    ]),
    (4.9, 8.65, [
        (5.35, "it was", "the age of wisdom, it was the age of foolishness", True),
        (7.04, "it was the age of wisdom, it was the", "age of foolishness", True),
        (5.76, "it was the age of", "wisdom, it was the age of foolishness", True),
        (6.51, "it was the age of wisdom,", "it was the age of foolishness", False),
    ]),
    (8.65, 13.15, [
        (9.15, "it was", "the epoch of belief, it was the epoch of incredulity", True),
        (11.26, "it was the epoch of belief, it was the", "epoch of incredulity", True),
        (9.82, "it was the epoch of", "belief, it was the epoch of incredulity", True),
        (10.59, "it was the epoch of belief,", "it was the epoch of incredulity", False),
    ]),
    (13.15, 17.1, [
        (13.85, "it was", "the season of light, it was the season of darkness", True),
        (15.62, "it was the season of light, it was the", "season of darkness", True),
        (14.34, "it was the season of", "light, it was the season of darkness", True),
        (14.98, "it was the season of light,", "it was the season of darkness", False),
    ]),
    (17.1, 20.8, [
        (17.95, "it was", "the spring of hope, it was the winter of despair", True),
        (19.44, "it was the spring of hope, it was the", "winter of despair", True),
        (18.40, "it was the spring of", "hope, it was the winter of despair", True),
        (18.96, "it was the spring of hope,", "it was the winter of despair", False),
    ]),
    (20.8, 24.9, [
        (21.55, "we had", "everything before us, we had nothing before us", True),
        (23.36, "we had everything before us, we had nothing", "before us", False),
        (22.24, "we had everything before", "us, we had nothing before us", True),
        (22.79, "we had everything before us,", "we had nothing before us", False),
    ]),
]
HELD_OUT_SENTENCES = (4, 5)
BECKETT = [  # (cut time, words before, words after): every cut follows a finished sentence
    (1.66, "ever tried.", "ever failed."),
    (4.53, "no matter.", "try again."),
    (7.84, "fail again.", "fail better."),
]
CUT_WORDS = ("and", "the", "my", "a", "to", "with", "for", "of", "her", "his")
FILLER = "um"


def human_cases() -> list[HaltingCase]:
    cities = read_wav(ASSETS / "two_cities.wav")
    cases = []
    for index, (start, end, cuts) in enumerate(TWO_CITIES):
        for number, (cut, first, rest, unfinished) in enumerate(cuts):
            gap = 3.0 if number % 2 else 2.0
            cases.append(_cut(cities, start, cut, end, first, rest, unfinished, gap,
                              f"two_cities{index + 1}.{number + 1}", "human",
                              index in HELD_OUT_SENTENCES))
    beckett = read_wav(ASSETS / "beckett.wav")
    bounds = [(0.0, 3.1), (3.2, 6.3), (6.5, 9.4)]
    for number, ((cut, first, rest), (start, end)) in enumerate(zip(BECKETT, bounds, strict=True)):
        cases.append(_cut(beckett, start, cut, end, first, rest, False, 2.0 + number % 2,
                          f"beckett{number + 1}", "human", False))
    return cases


def _cut(clip: Audio, start: float, cut: float, end: float, first: str, rest: str,
         unfinished: bool, gap_s: float, name: str, source: str, held_out: bool) -> HaltingCase:
    at = _quietest(clip, cut)
    before = _span(clip, start, at)
    after = _span(clip, at, end)
    audio = join([silence(LEAD_S), before, silence(gap_s), after, silence(TAIL_S)])
    first_end = LEAD_S + _voice_end(before)
    speech_end = LEAD_S + before.duration_s + gap_s + _voice_end(after)
    return HaltingCase(name, first, rest, unfinished, gap_s, source, held_out, audio,
                       round(first_end, 3), round(speech_end, 3))


def _span(clip: Audio, start: float, end: float) -> Audio:
    return Audio(clip.samples[round(start * SPEECH_RATE) : round(end * SPEECH_RATE)])


def _quietest(clip: Audio, near: float, reach_s: float = 0.06) -> float:
    """The quietest 10 ms within `reach_s` of `near`: the cut falls between words."""
    step = SPEECH_RATE // 100
    starts = range(round((near - reach_s) * SPEECH_RATE), round((near + reach_s) * SPEECH_RATE),
                   step // 2)
    energy = [np.abs(clip.samples[s : s + step].astype(np.int32)).sum() for s in starts]
    return (starts[int(np.argmin(energy))] + step // 2) / SPEECH_RATE


def _voice_end(audio: Audio, level: int = 300) -> float:
    loud = np.flatnonzero(np.abs(audio.samples.astype(np.int32)) > level)
    return (loud[-1] + 1) / audio.rate if len(loud) else 0.0


def espeak_cases(per_file: int = 12) -> list[HaltingCase]:
    """Spoken updates cut after a word that needs more (every other one with "um" too), and
    as many controls: one finished update, the silence, then the next update."""
    cases = []
    with tempfile.TemporaryDirectory(prefix="halting-") as temp:
        renders = _Renderer(Path(temp))
        for file, held_out in (("understanding_train.jsonl", False),
                               ("understanding_unseen.jsonl", True)):
            updates = list(_updates(DATA / file))
            cuts = [(u, c) for u in updates if (c := _cut_at(u))][:per_file]
            for number, (text, at) in enumerate(cuts):
                words = text.split()
                first = " ".join(words[: at + 1]) + (f", {FILLER}" if number % 2 else "")
                rest = " ".join(words[at + 1 :])
                cases.append(_spoken(renders, first, rest, True, 2.0 + number % 3 // 2,
                                     f"{file.split('_')[1][:-6]}{number + 1}", held_out))
            finished = [u for u in updates if not _cut_at(u)][:per_file]
            finished = finished[: len(finished) // 2 * 2]
            for number in range(0, len(finished), 2):
                cases.append(_spoken(renders, finished[number], finished[number + 1], False,
                                     2.0 + number % 4 // 2,
                                     f"{file.split('_')[1][:-6]}-control{number // 2 + 1}",
                                     held_out))
    return cases


def _updates(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["intent"] == "milestone" and case["milestones"] and case["text"].islower():
            yield case["text"]


def _cut_at(text: str) -> int | None:
    """Where to cut: the first word of CUT_WORDS after the second word, not the last word."""
    words = text.split()
    return next((i for i in range(2, len(words) - 2) if words[i] in CUT_WORDS), None)


class _Renderer:
    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._count = 0

    def __call__(self, text: str) -> Audio:
        self._count += 1
        path = self._folder / f"part{self._count}.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(path), text], check=True)
        return read_wav(path)


def _spoken(render: _Renderer, first: str, rest: str, unfinished: bool, gap_s: float,
            name: str, held_out: bool) -> HaltingCase:
    before, after = render(first), render(rest)
    audio = join([silence(LEAD_S), before, silence(gap_s), after, silence(TAIL_S)])
    return HaltingCase(name, first, rest, unfinished, gap_s, "espeak", held_out, audio,
                       round(LEAD_S + _voice_end(before), 3),
                       round(LEAD_S + before.duration_s + gap_s + _voice_end(after), 3))


def all_cases() -> list[HaltingCase]:
    return human_cases() + espeak_cases()


@dataclass(frozen=True)
class Outcome:
    case: HaltingCase
    turns: tuple[str, ...]

    @property
    def right(self) -> bool:
        """Unfinished: one turn holding both halves. Control: the finished clause is a turn
        of its own, answered after the normal pause (a held one would merge with the rest,
        as the silence is shorter than --max-pause)."""
        if self.case.unfinished:
            return len(self.turns) == 1 and all(
                _covers(self.turns[0], part) for part in (self.case.first, self.case.rest)
            )
        return len(self.turns) == 2 and _covers(self.turns[0], self.case.first)


def hear(case: HaltingCase, recognizer: Recognizer, pause_s: float,
         max_pause_s: float | None) -> Outcome:
    """The case through the real hearing loop (endpointing, speculative recognition, hold)."""
    endpointer = Endpointer(pause_s, max_pause_s=max_pause_s)
    heard = hear_audio(chunks(case.audio), recognizer, endpointer, "recording")
    return Outcome(case, tuple(h.text for h in heard))


def _covers(heard: str, part: str) -> bool:
    """At least half the words of `part` are in `heard` (numbers as digits)."""
    said, wanted = _words(heard), _words(part)
    return sum(word in said for word in wanted) * 2 >= len(wanted)


def _words(text: str) -> list[str]:
    plain = "".join(c if c.isalnum() or c == "'" else " " for c in text.lower())
    return spoken_to_digits(plain).split()
