#!/usr/bin/env python3
"""Score red flags, feelings and social talk against the labelled safety sets.

    python scripts/eval_safety.py [FILE.jsonl ...] [--check]

Each line of a file is {"text", "alert": kind or null, "intent", "style"}, and a feeling
adds "mood" ("low" or "good"). With no FILE, tests/data/safety_tuned.jsonl (the sentences
the detector was developed on), tests/data/safety_test.jsonl (held out, scored once at the
end) and six later sets, mostly carers' words, each written before a round of changes
(safety_fresh, _blind, _blind2 to _blind5; README, "Red flags") are scored, each on
its own. Prints red-flag recall (labelled red flags that raise an alert), the false-alarm
rate (utterances with no red flag that raise one), recall with the if-new line counted (a
missed stroke sign whose reply still says to call if it is new) and how often that line is
said with no red flag, kind accuracy (raised alerts of the labelled kind), feeling and
social intent accuracy, mood accuracy, recall per recogniser style, then every miss and
false alarm.

Exit code is 0 unless --check is given and recall or false alarms miss their target.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.understand import understand  # noqa: E402

DATA = ROOT / "tests" / "data"
DEFAULT_FILES = tuple(DATA / f"safety_{name}.jsonl"
                      for name in ("tuned", "test", "fresh", "blind", "blind2", "blind3",
                                   "blind4", "blind5"))
RECALL_TARGET = 0.98
FALSE_ALARM_TARGET = 0.03


@dataclass
class Report:
    """Counts for one labelled file and what went wrong."""

    flags: int = 0
    caught: int = 0
    cautioned: int = 0
    """Red flags missed as alerts whose reply still says to call if it is new."""
    ordinary_cautioned: int = 0
    kind_right: int = 0
    ordinary: int = 0
    false_alarms: int = 0
    talk: int = 0
    talk_right: int = 0
    moods: int = 0
    mood_right: int = 0
    styles: Counter[str] = field(default_factory=Counter)
    styles_caught: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(right: int, total: int) -> float:
        return right / total if total else 1.0

    @property
    def recall(self) -> float:
        return self.ratio(self.caught, self.flags)

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.ordinary if self.ordinary else 0.0


def evaluate(path: Path) -> Report:
    """Run understanding over every labelled line of ``path``."""
    report = Report()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        got = understand(case["text"])
        where = f"  line {number} [{case['style']}] {case['text']!r}:"
        if case["alert"]:
            report.flags += 1
            report.styles[case["style"]] += 1
            if got.alert is None:
                report.cautioned += got.caution is not None
                said = " (if-new line)" if got.caution is not None else ""
                report.misses.append(f"{where} MISSED {case['alert']} (intent {got.intent}){said}")
            else:
                report.caught += 1
                report.styles_caught[case["style"]] += 1
                if got.alert.kind == case["alert"]:
                    report.kind_right += 1
                else:
                    report.misses.append(f"{where} kind {case['alert']} -> {got.alert.kind}")
        else:
            report.ordinary += 1
            report.ordinary_cautioned += got.alert is None and got.caution is not None
            if got.alert is not None:
                report.false_alarms += 1
                report.misses.append(
                    f"{where} FALSE ALARM {got.alert.kind} on {got.alert.words!r}"
                )
        if case["intent"] in ("feeling", "social"):
            report.talk += 1
            if got.intent == case["intent"]:
                report.talk_right += 1
            else:
                report.misses.append(f"{where} intent {case['intent']} -> {got.intent}")
        if "mood" in case:
            report.moods += 1
            if got.mood == case["mood"]:
                report.mood_right += 1
            else:
                report.misses.append(f"{where} mood {case['mood']} -> {got.mood}")
    return report


def print_report(path: Path, report: Report) -> None:
    print(f"== {path.name} ({report.flags} red flags, {report.ordinary} without)")
    print(f"red-flag recall        {report.recall:.3f}  ({report.caught}/{report.flags})")
    print(
        f"false-alarm rate       {report.false_alarm_rate:.3f}"
        f"  ({report.false_alarms}/{report.ordinary})"
    )
    covered = report.caught + report.cautioned
    print(f"  with the if-new line {report.ratio(covered, report.flags):.3f}  ({covered}/"
          f"{report.flags}; said also to {report.ordinary_cautioned}/{report.ordinary} without)")
    kinds = report.ratio(report.kind_right, report.caught)
    print(f"kind accuracy          {kinds:.3f}  ({report.kind_right}/{report.caught})")
    talk = report.ratio(report.talk_right, report.talk)
    print(f"feeling/social intent  {talk:.3f}  ({report.talk_right}/{report.talk})")
    mood = report.ratio(report.mood_right, report.moods)
    print(f"mood                   {mood:.3f}  ({report.mood_right}/{report.moods})")
    for style in sorted(report.styles):
        caught, total = report.styles_caught[style], report.styles[style]
        print(f"  recall, {style:<13} {report.ratio(caught, total):.3f}  ({caught}/{total})")
    print(f"misses ({len(report.misses)}):")
    for miss in report.misses:
        print(miss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="labelled .jsonl files")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    failed = False
    for path in args.files or DEFAULT_FILES:
        report = evaluate(path)
        print_report(path, report)
        if report.recall < RECALL_TARGET or report.false_alarm_rate > FALSE_ALARM_TARGET:
            failed = True
            print(f"BELOW TARGET: recall >= {RECALL_TARGET}, false alarms <= {FALSE_ALARM_TARGET}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
