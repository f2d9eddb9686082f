#!/usr/bin/env python3
"""Score the understanding layer through speech: labelled updates spoken, recognised, understood.

    python scripts/eval_understanding_audio.py [--count N] [--cache FILE] [--show-misses]

Takes every Nth labelled milestone update from the older labelled sets (none of them blind),
speaks each with espeak-ng and with the Piper voice,
recognises it with Whisper base as a session does, and scores what was heard with
eval_understanding's figures, beside the same updates as text. The sample is split before
anything is measured: even draws are the tuned half (their misses may be printed), odd draws
the held-out half (only its figures are ever printed).

A miss through speech is "misheard" unless every word was recognised right (word error 0
after normalisation); then the extractor failed on recogniser text, which is ours to fix.
Recognition is the slow part (about a second a clip on two cores), so transcripts are kept
in --cache, keyed by voice, recogniser and text: re-scoring after a change to the extractor
then takes seconds. Piper samples its voice, so a clip rendered again differs a little.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "scripts"):
    sys.path.insert(0, str(folder))

import eval_understanding  # noqa: E402
from bench import understanding_scores, wer  # noqa: E402

VOICES = ("espeak-ng", "piper")
HALVES = ("tuned", "held_out")
DEFAULT_CACHE = Path.home() / ".cache" / "smallwins" / "understanding-audio.json"


def spoken_updates(count: int) -> list[dict[str, Any]]:
    """`count` labelled milestone updates spread evenly over the older sets (DEFAULT_FILES,
    as bench.py draws them), so the sample stays the same as sets are added."""
    cases = [
        case
        for path in eval_understanding.DEFAULT_FILES
        for case in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if case["intent"] == "milestone" and case["milestones"]
    ]
    step = len(cases) / count
    return [cases[int(index * step)] for index in range(count)]


def heard_texts(cases: list[dict[str, Any]], voice: str, cache: Path) -> list[str]:
    """What Whisper base wrote for each case spoken by `voice`, from `cache` where it has it."""
    from speech.asr.base import transcribe
    from speech.asr.select import load_recognizer
    from speech.audio import resample
    from speech.tts import ESPEAK, PIPER, VoiceSettings
    from speech.voices import load_voice

    kept: dict[str, str] = json.loads(cache.read_text()) if cache.exists() else {}
    keys = [f"{voice}|whisper-base|{case['text']}" for case in cases]
    missing = [(key, case["text"]) for key, case in zip(keys, cases, strict=True)
               if key not in kept]
    if missing:
        recognizer = load_recognizer("whisper-base")
        speaker, fallback = load_voice(VoiceSettings(voice=PIPER if voice == "piper" else ESPEAK))
        if fallback:
            raise RuntimeError(f"the {voice} voice did not load: {fallback}")
        for done, (key, text) in enumerate(missing, 1):
            audio = resample(speaker.synthesize(text), 16_000)
            kept[key] = transcribe(recognizer, audio).text
            if done % 25 == 0 or done == len(missing):
                print(f"  {voice}: {done} of {len(missing)} recognised", file=sys.stderr)
                cache.parent.mkdir(parents=True, exist_ok=True)
                cache.write_text(json.dumps(kept, indent=0, ensure_ascii=False))
    return [kept[key] for key in keys]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="updates spoken (both halves)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--show-misses", action="store_true",
                        help="print the tuned half's misses through speech (never the held-out)")
    args = parser.parse_args(argv)
    cases = spoken_updates(args.count)
    halves = {"tuned": cases[::2], "held_out": cases[1::2]}
    print(f"{'half':<9} {'voice':<10} {'clips':>5} {'WER':>6} {'intent':>7} {'F1':>6} "
          f"{'qty':>6}   misses (heard right)")
    for voice in VOICES:
        heard = dict(zip((c["text"] for c in cases), heard_texts(cases, voice, args.cache),
                         strict=False))
        for half, chosen in halves.items():
            texts = [heard[c["text"]] for c in chosen]
            if voice == VOICES[0]:
                text = understanding_scores(chosen, [c["text"] for c in chosen])
                print(f"{half:<9} {'text':<10} {len(chosen):>5} {0:>6.3f} {text['intent']:>7.3f} "
                      f"{text['f1']:>6.3f} {text['quantity']:>6.3f}")
            scores = understanding_scores(chosen, texts)
            misses = [(c, h) for c, h in zip(chosen, texts, strict=True)
                      if understanding_scores([c], [h])["f1"] < 1]
            right = [(c, h) for c, h in misses if wer([c["text"]], [h]) == 0]
            print(f"{half:<9} {voice:<10} {len(chosen):>5} "
                  f"{wer([c['text'] for c in chosen], texts):>6.3f} {scores['intent']:>7.3f} "
                  f"{scores['f1']:>6.3f} {scores['quantity']:>6.3f}   {len(misses)} ({len(right)})")
            if args.show_misses and half == "tuned":
                for case, text in misses:
                    print(f"    said {case['text']!r}\n    heard {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
