#!/usr/bin/env python3
"""A trial: practice verification decided by a learned combination of the signals the scorer
already computes, measured against today's rule (worst piece >= SUPPORTED, behind <= BEHIND).

    python scripts/learned_verification.py dump SPLIT... [--out DIR]   # one recorded run
    python scripts/learned_verification.py fit [--out DIR]             # fit on tuned + heldout
    python scripts/learned_verification.py score SPLIT... [--out DIR] [-v]

SPLIT is tuned, heldout, fresh, fresh2 or fresh3 (tests/data/practice_audio[_SPLIT].jsonl).
`dump` renders every answer with each voice and rate of eval_scoring.VOICES, recognises it as
a session does, and caches what the scorer sees (Whisper's text, every support entry) with
today's decision, so fits never re-run Whisper. `fit` is an L2 logistic regression (Newton
steps, numpy) on the tuned and heldout splits only; its threshold is set just above every
wrong answer there, so none passes on what it was fitted on. `score` prints right answers
failed and wrong answers passed, today's rule and the learned one, per voice and rate.

Features per answer read against the audio: the worst piece, the mean piece, `behind`, how
Whisper's free text sounds like the answer (espeak-ng phonemes, 1 = the same) and the free
text's own log-probability. The longer-word and other-number rules stay hard rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import eval_scoring as ev  # noqa: E402

from assistant.practice import scoring as sc  # noqa: E402
from assistant.practice.items import make_item  # noqa: E402
from speech.asr.verify import Support  # noqa: E402
from speech.phonemes import distance, phonemes  # noqa: E402

NAMES = ("worst", "mean", "behind", "sound", "own")
TRAIN = ("tuned", "heldout")
OUT = Path("/tmp/learned_verification")


def split_path(split: str) -> Path:
    return ev.DATA / f"practice_audio{'' if split == 'tuned' else '_' + split}.jsonl"


def dump(splits: list[str], out: Path) -> None:
    from speech.asr.select import load_recognizer

    recognizer = load_recognizer("whisper", None)
    out.mkdir(parents=True, exist_ok=True)
    for split in splits:
        cases = ev.load(split_path(split))
        with (out / f"{split}.jsonl").open("w") as file:
            for voice, rate in ev.VOICES:
                heard = ev.audio_heard(cases, "whisper", None, voice, rate, recognizer=recognizer)
                for case in cases:
                    text, support = heard(case)
                    answers = make_item(case["target"], accept=case.get("accept", ())).answers
                    old = sc.score(answers, text, support=support)
                    file.write(json.dumps({
                        "voice": voice, "rate": rate, **case, "heard": text,
                        "answers": list(answers), "old_passed": old.passed,
                        "support": [{"text": s.text, "log_probs": s.log_probs,
                                     "word_worst": s.word_worst, "behind": s.behind}
                                    for s in support]}) + "\n")
            print(split, "done", flush=True)


def _sound(text: str) -> tuple[str, ...]:
    words = [t for t in sc.tokens(text) if t.isalpha()]
    found = phonemes(words)
    return tuple(p for w in words for p in found.get(w, ()))


def features(row: dict[str, Any]) -> tuple[list[dict[str, float]], bool] | None:
    """Per answer read against the audio, the features; and whether a hard rule fails it.
    None when nothing was read (silence, a split answer): today's text decision stands."""
    wanted = {a.lower() for a in row["answers"]}
    heard = row["heard"]
    found = []
    for entry in row["support"]:
        if entry["text"].lower() not in wanted:
            continue
        s = Support(entry["text"], tuple(entry["log_probs"]), tuple(entry["word_worst"]),
                    entry["behind"])
        found.append({
            "worst": max(s.worst, -20.0), "mean": max(s.mean, -20.0),
            "behind": min(max(s.behind, -10.0), 20.0),
            "sound": 1 - distance(_sound(s.text), _sound(heard)) if heard.strip() else 0.0,
            "own": max(sum(s.log_probs) + s.behind, -30.0)})
    if not found:
        return None
    by_text = max((sc._score_one(a, heard, {}, None) for a in row["answers"]),
                  key=lambda s: (s.passed, s.value))
    return found, sc._longer_word(by_text) or sc._other_number(by_text)


def load_rows(split: str, out: Path) -> list[tuple[dict[str, Any], Any]]:
    rows = [json.loads(line) for line in (out / f"{split}.jsonl").read_text().splitlines()]
    return [(row, features(row)) for row in rows]


def _today(f: dict[str, float]) -> tuple[bool, float]:
    return f["worst"] >= sc.SUPPORTED and f["behind"] <= sc.BEHIND, f["worst"]


def fit(out: Path) -> dict[str, Any]:
    xs, ys = [], []
    rows = [r for split in TRAIN for r in load_rows(split, out)]
    for row, found in rows:
        if found is None or found[1]:
            continue
        if row["passed"]:  # the answer today's rule would have picked
            xs.append([max(found[0], key=_today)[n] for n in NAMES])
            ys.append(1.0)
        else:  # every answer of a wrong attempt must stay below
            xs += [[f[n] for n in NAMES] for f in found[0]]
            ys += [0.0] * len(found[0])
    a, y = np.array(xs), np.array(ys)
    mu, sd = a.mean(0), a.std(0) + 1e-9
    z = np.hstack([np.ones((len(a), 1)), (a - mu) / sd])
    w = np.zeros(z.shape[1])
    ridge = np.diag(np.r_[0.0, np.ones(len(NAMES))])
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        w -= np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + ridge, z.T @ (p - y) + ridge @ w)
    coef = w[1:] / sd
    model = {"names": list(NAMES), "bias": float(w[0] - coef @ mu), "coef": coef.tolist()}
    model["threshold"] = max(
        _logit(model, found[0]) for row, found in rows
        if found is not None and not found[1] and not row["passed"]) + 1e-6
    (out / "model.json").write_text(json.dumps(model, indent=1))
    return model


def _logit(model: dict[str, Any], found: list[dict[str, float]]) -> float:
    return max(model["bias"] + sum(c * f[n] for c, n in zip(model["coef"], model["names"],
                                                              strict=True)) for f in found)


def score(splits: list[str], out: Path, verbose: bool) -> None:
    model = json.loads((out / "model.json").read_text())
    for split in splits:
        counts: Counter = Counter()
        for row, found in load_rows(split, out):
            new = row["old_passed"] if found is None else (
                not found[1] and _logit(model, found[0]) >= model["threshold"])
            voice = f"{row['voice']} {row['rate']}"
            kind = "right" if row["passed"] else "wrong"
            counts[voice, kind] += 1
            for name, decided in (("old", row["old_passed"]), ("new", new)):
                counts[voice, name, kind] += decided != row["passed"]
            if verbose and new != row["passed"]:
                print(f"   {voice} {row['target']!r} said {row['said']!r} heard "
                      f"{row['heard']!r} -> {'pass' if new else 'fail'} (today: "
                      f"{'pass' if row['old_passed'] else 'fail'})")
        voices = sorted({v for v, *_ in counts}, key=lambda v: (v[0] != "e", -int(v.split()[1])))
        for label in (*voices, "all"):
            keys = voices if label == "all" else [label]
            n = {k: sum(counts[v, k] for v in keys) for k in ("right", "wrong")}
            err = {(m, k): sum(counts[v, m, k] for v in keys) for m in ("old", "new")
                   for k in ("right", "wrong")}
            print(f"{split:8} {label:11} " + "   ".join(
                f"{m}: {1 - (err[m, 'right'] + err[m, 'wrong']) / (n['right'] + n['wrong']):.3f} "
                f"right failed {err[m, 'right']}/{n['right']}, wrong passed "
                f"{err[m, 'wrong']}/{n['wrong']}" for m in ("old", "new")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("dump", "fit", "score"))
    parser.add_argument("splits", nargs="*")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("-v", action="store_true", help="score: print every miss")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.splits, args.out)
    elif args.command == "fit":
        print(json.dumps(fit(args.out), indent=1))
    else:
        score(args.splits, args.out, args.v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
