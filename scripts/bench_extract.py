#!/usr/bin/env python3
"""Throughput of ``understand`` on one core, against a plain tokenising pass.

    python scripts/bench_extract.py [--seconds 2] [--check]

Runs every labelled utterance in tests/data/understanding_*.jsonl through the extractor,
repeatedly, and through a reference pass over the same texts (``str.lower().split()`` plus
a ``\\w+`` regex findall). Prints utterances per second for both and their ratio, so the
figure can be compared across machines of different speed, and the 50th and 95th
percentile of the time one utterance takes. With --check, exits 1 when the extractor is
below 1,000 utterances per second or its 95th percentile is 5 ms or more (issue 14: accuracy
on real patients' words matters more than the old 5,000/s).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.understand import understand  # noqa: E402

TARGET = 1000.0
P95_MS = 5.0
_WORD = re.compile(r"\w+")


def load_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "data").glob("understanding_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return texts


def reference(text: str) -> int:
    """The cheapest sensible look at an utterance: split it and find its words."""
    return len(text.lower().split()) + len(_WORD.findall(text))


def rate(work: Callable[[str], object], texts: Sequence[str], seconds: float) -> float:
    """Best utterances per second over rounds of the whole list, for about ``seconds``."""
    best = 0.0
    deadline = time.perf_counter() + seconds
    while True:
        start = time.perf_counter()
        for text in texts:
            work(text)
        elapsed = time.perf_counter() - start
        best = max(best, len(texts) / elapsed)
        if time.perf_counter() > deadline:
            return best


def percentile_ms(work: Callable[[str], object], texts: Sequence[str], rounds: int = 3) -> dict:
    """The 50th and 95th percentile of one call's time, in milliseconds, over ``rounds``."""
    times = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            work(text)
            times.append(time.perf_counter() - start)
    times.sort()
    return {p: times[min(len(times) - 1, len(times) * p // 100)] * 1000 for p in (50, 95)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    parser.add_argument(
        "--check",
        action="store_true",
        help=f"exit 1 below {TARGET:.0f} utterances/s or at p95 {P95_MS:.0f} ms or more",
    )
    args = parser.parse_args(argv)
    texts = load_texts()
    for text in texts:
        understand(text)
    extractor = rate(understand, texts, args.seconds)
    baseline = rate(reference, texts, args.seconds)
    print(f"utterances: {len(texts)} distinct, mean {sum(map(len, texts)) / len(texts):.0f} chars")
    print(f"reference (split + regex):  {baseline:12,.0f} utterances/s")
    print(f"understand():               {extractor:12,.0f} utterances/s")
    each = percentile_ms(understand, texts)
    print(f"understand() per utterance: p50 {each[50]:.2f} ms, p95 {each[95]:.2f} ms")
    print(f"ratio: understand takes {baseline / extractor:.0f}x the reference time per utterance")
    met = extractor >= TARGET and each[95] < P95_MS
    print(f"target {TARGET:,.0f}/s and p95 < {P95_MS:.0f} ms: {'met' if met else 'NOT met'}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
