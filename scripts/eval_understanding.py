#!/usr/bin/env python3
"""Score the understanding layer against labelled utterances.

    python scripts/eval_understanding.py [FILE.jsonl ...] [--check]

Each line of a file is {"text", "intent", "milestones": [{"category", "value", "unit",
"assistance", "when"}], "command", "goal"}, and progress questions may add "query": {"kind",
"activity", "category", "unit", "period"}. ``when`` is the ISO date the milestone happened,
resolved against the clock pinned here (TODAY, a Wednesday); ``goal`` is a goal's target
{"category", "activity", "value", "unit", "assistance"}. With no FILE, the many-voices
splits (voices_train and voices_dev, tuned on; test, held out and written first, but read by
later sessions), the older sets (train, unseen, blind) and the fresh splits (held out:
written by hand in other people's voices before the code changes of 2026-11-30; fresh2 and
fresh3 by writers who saw neither the code nor the other sets; fresh2's misses were read
after its blind scoring, so it is seen now) are scored, each on its own, then a table of
them side by side with each split's role. Prints intent accuracy, milestone
precision/recall/F1 (a milestone matches when category, value and unit agree), quantity
accuracy (gold milestones that state an amount, matched by category, with the same value and
unit), assistance accuracy (every gold milestone, matched by category, with the same
assistance), command accuracy, query kind accuracy (labelled questions whose kind is right),
query accuracy (all five fields right), when accuracy (gold milestones with a date, matched
by category, on the same date) and goal target accuracy (labelled goals whose target has the
same category, value, unit and assistance), then every miss.

Exit code is 0 unless --check is given and a figure is below its target.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.understand import Query, Understanding, understand  # noqa: E402

DEFAULT_FILES = tuple(
    ROOT / "tests" / "data" / f"understanding_{name}.jsonl"
    for name in ("voices_train", "voices_dev", "test", "train", "unseen", "blind")
)
FRESH_FILES = tuple(ROOT / "tests" / "data" / f"understanding_{name}.jsonl"
                    for name in ("voices_dev3", "voices_dev4", "fresh", "fresh2", "fresh3",
                                 "fresh4", "fresh5", "voices_dev5", "fresh6",
                                 "voices_dev6", "fresh7", "voices_dev7",
                                 "voices_dev8", "voices_dev9", "fresh8", "voices_dev10",
                                 "fresh9", "voices_dev12", "fresh10", "voices_dev11",
                                 "voices_dev13", "voices_dev14", "voices_dev15",
                                 "voices_dev16", "fresh11", "fresh12", "voices_dev17",
                                 "voices_dev19", "voices_dev18", "voices_dev20", "voices_dev21",
                                 "voices_dev22", "fresh13", "fresh14", "voices_dev23",
                                 "voices_dev24", "voices_dev25", "voices_dev26", "voices_dev27",
                                 "voices_dev28", "voices_dev29", "voices_dev30", "fresh15",
                                 "fresh16", "voices_dev31", "voices_dev32", "voices_dev33",
                                 "voices_dev34", "voices_dev35", "voices_dev36", "fresh17",
                                 "fresh18", "fresh19", "fresh20", "voices_dev37",
                                 "voices_dev38", "voices_dev39", "voices_dev40", "fresh21",
                                 "fresh22", "voices_dev41", "voices_dev42", "voices_dev43",
                                 "voices_dev44", "fresh23", "fresh24", "voices_dev45",
                                 "voices_dev46", "voices_dev47", "voices_dev48", "fresh25",
                                 "fresh26", "fresh27", "voices_dev49", "voices_dev50",
                                 "voices_dev51", "voices_dev52", "fresh28", "fresh29",
                                 "fresh30", "fresh31", "fresh32", "fresh33",
                                 "voices_dev53", "voices_dev54", "voices_dev55", "fresh34",
                                 "fresh35", "voices_dev56", "voices_dev57", "voices_dev58",
                                 "fresh36", "fresh37", "fresh38", "voices_dev59",
                                 "voices_dev60", "voices_dev61", "fresh39", "fresh40",
                                 "voices_dev62", "voices_dev63"))
"""Sets written later: scored by default but kept out of DEFAULT_FILES, which bench.py
samples for speech (so its clips stay the same)."""
SCORED_FILES = (*DEFAULT_FILES, *FRESH_FILES)
BLIND = "held out, blind"
SEEN = "held out, seen"
ROLES = {"test": SEEN, "fresh": BLIND, "fresh2": SEEN, "fresh3": SEEN, "fresh4": SEEN,
         "fresh5": SEEN,
         "fresh6": SEEN, "fresh7": SEEN, "fresh8": BLIND,
         "fresh9": SEEN, "fresh10": SEEN, "fresh11": SEEN, "fresh12": SEEN,
         "fresh13": SEEN, "fresh14": SEEN, "fresh15": BLIND, "fresh16": BLIND,
         "fresh17": BLIND, "fresh18": BLIND, "fresh19": BLIND, "fresh20": BLIND,
         "fresh21": BLIND, "fresh22": BLIND, "fresh23": BLIND, "fresh24": BLIND,
         "fresh25": BLIND, "fresh26": BLIND, "fresh27": BLIND,
         "fresh28": BLIND, "fresh29": BLIND, "fresh30": BLIND,
         "fresh31": BLIND, "fresh32": BLIND, "fresh33": BLIND, "fresh34": BLIND,
         "fresh35": BLIND, "fresh36": BLIND, "fresh37": BLIND, "fresh38": BLIND,
         "fresh39": BLIND, "fresh40": BLIND}
"""Each split's role in the output; a split not named here was tuned on."""
TODAY = date(2026, 3, 4)
TARGETS = {
    "intent": 0.95,
    "f1": 0.95,
    "quantity": 0.95,
    "assistance": 0.90,
    "query_kind": 0.90,
    "when": 0.95,
    "goal": 0.90,
}
GOAL_FIELDS = ("category", "value", "unit", "assistance")
QUERY_FIELDS = ("kind", "activity", "category", "unit", "period")


@dataclass
class Report:
    """Counts for one labelled file and the utterances that went wrong."""

    utterances: int = 0
    intent_right: int = 0
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    quantities: int = 0
    quantity_right: int = 0
    assisted: int = 0
    assistance_right: int = 0
    commands: int = 0
    command_right: int = 0
    queries: int = 0
    query_kind_right: int = 0
    query_right: int = 0
    dated: int = 0
    when_right: int = 0
    goals: int = 0
    goal_right: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(right: int, total: int) -> float:
        return right / total if total else 1.0

    @property
    def figures(self) -> dict[str, float]:
        precision = self.ratio(self.matched, self.predicted)
        recall = self.ratio(self.matched, self.gold)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "intent": self.ratio(self.intent_right, self.utterances),
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "quantity": self.ratio(self.quantity_right, self.quantities),
            "assistance": self.ratio(self.assistance_right, self.assisted),
            "command": self.ratio(self.command_right, self.commands),
            "query_kind": self.ratio(self.query_kind_right, self.queries),
            "query": self.ratio(self.query_right, self.queries),
            "when": self.ratio(self.when_right, self.dated),
            "goal": self.ratio(self.goal_right, self.goals),
        }


_IN_SECONDS = {"hours": 3600, "minutes": 60}


def _key(milestone: dict[str, Any]) -> tuple[str, Any, Any]:
    """What a milestone must match: its category and amount ("2 hours" is "120 minutes", and
    "2.5 minutes" is "150 seconds")."""
    value, unit = milestone.get("value"), milestone.get("unit")
    if unit in _IN_SECONDS and value is not None:
        value, unit = value * _IN_SECONDS[unit], "seconds"
    return milestone["category"], None if value is None else float(value), unit


def _align(gold: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """For each gold milestone, the predicted one of the same category (exact match first)."""
    free = list(range(len(got)))
    pairs: list[dict[str, Any] | None] = []
    for want in gold:
        same = [i for i in free if got[i]["category"] == want["category"]]
        exact = [i for i in same if _key(got[i]) == _key(want)]
        choice = (exact or same or [None])[0]
        if choice is not None:
            free.remove(choice)
        pairs.append(None if choice is None else got[choice])
    return pairs


def _short(milestones: list[dict[str, Any]]) -> str:
    return (
        "; ".join(
            f"{m['category']} {m.get('value')} {m.get('unit')} {m.get('assistance')}"
            for m in milestones
        )
        or "-"
    )


def _query_problems(gold: dict[str, Any], got: Query | None) -> list[str]:
    """The fields of a labelled question that came out wrong ("kind best -> total")."""
    have = {name: getattr(got, name) if got else None for name in QUERY_FIELDS}
    return [
        f"query {name} {gold.get(name)} -> {have[name]}"
        for name in QUERY_FIELDS
        if gold.get(name) != have[name]
    ]


def _understand(text: str) -> Understanding:
    """The extractor on the pinned clock (or on its own, for an extractor without dates)."""
    try:
        return understand(text, today=TODAY)
    except TypeError:
        return understand(text)


def _goal_target(result: dict[str, Any]) -> dict[str, Any] | None:
    """The goal's target: "goal", or, in the contract before issue 14, its first milestone."""
    if "goal" in result:
        return result["goal"]
    if result["intent"] == "goal" and result["milestones"]:
        return result["milestones"][0]
    return None


def _same_target(want: dict[str, Any], have: dict[str, Any] | None) -> bool:
    if have is None:
        return False
    amount = {"value": 1, "unit": 2}  # "one hour" is "60 minutes", as for milestones
    return all(
        (_key(want)[amount[name]] if name in amount else want.get(name))
        == (_key(have)[amount[name]] if name in amount else have.get(name))
        for name in GOAL_FIELDS
    )


def evaluate(path: Path) -> Report:
    """Run the extractor over every labelled line of ``path``."""
    report = Report()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        understanding = _understand(case["text"])
        result = understanding.to_dict()
        gold, got = case["milestones"], result["milestones"]
        report.utterances += 1
        problems = []
        if result["intent"] == case["intent"]:
            report.intent_right += 1
        else:
            problems.append(f"intent {case['intent']} -> {result['intent']}")
        if case["intent"] == "command":
            report.commands += 1
            if result["command"] == case.get("command"):
                report.command_right += 1
            else:
                problems.append(f"command {case.get('command')} -> {result['command']}")
        if "query" in case:
            report.queries += 1
            wrong = _query_problems(case["query"], understanding.query)
            report.query_kind_right += not any(w.startswith("query kind") for w in wrong)
            report.query_right += not wrong
            problems += wrong
        matched = sum((Counter(map(_key, gold)) & Counter(map(_key, got))).values())
        report.gold += len(gold)
        report.predicted += len(got)
        report.matched += matched
        if matched != len(gold) or matched != len(got):
            problems.append(f"milestones [{_short(gold)}] -> [{_short(got)}]")
        for want, have in zip(gold, _align(gold, got), strict=True):
            if want.get("value") is not None:
                report.quantities += 1
                if have is not None and _key(have) == _key(want):
                    report.quantity_right += 1
            report.assisted += 1
            if have is not None and have.get("assistance") == want.get("assistance"):
                report.assistance_right += 1
            elif have is not None and _key(have) == _key(want):
                problems.append(f"assistance {want.get('assistance')} -> {have.get('assistance')}")
            if "when" in want:
                report.dated += 1
                if have is not None and have.get("when") == want["when"]:
                    report.when_right += 1
                else:
                    problems.append(f"when {want['when']} -> {have and have.get('when')}")
        if case.get("goal"):
            report.goals += 1
            target = _goal_target(result)
            if _same_target(case["goal"], target):
                report.goal_right += 1
            else:
                got_target = _short([target] if target else [])
                problems.append(f"goal [{_short([case['goal']])}] -> [{got_target}]")
        if problems:
            report.misses.append(f"  line {number}: {case['text']!r}: " + " | ".join(problems))
    return report


def role(path: Path) -> str:
    """Whether the extractor was tuned on this split or it was held out."""
    return ROLES.get(path.stem.removeprefix("understanding_"), "tuned")


def print_report(path: Path, report: Report, show_blind: bool = False) -> None:
    figures = report.figures
    rows = (
        ("intent accuracy", "intent", f"{report.intent_right}/{report.utterances}"),
        ("milestone precision", "precision", f"{report.matched}/{report.predicted}"),
        ("milestone recall", "recall", f"{report.matched}/{report.gold}"),
        ("milestone F1", "f1", ""),
        ("quantity accuracy", "quantity", f"{report.quantity_right}/{report.quantities}"),
        ("assistance accuracy", "assistance", f"{report.assistance_right}/{report.assisted}"),
        ("command accuracy", "command", f"{report.command_right}/{report.commands}"),
        ("query kind accuracy", "query_kind", f"{report.query_kind_right}/{report.queries}"),
        ("query accuracy", "query", f"{report.query_right}/{report.queries}"),
        ("when accuracy", "when", f"{report.when_right}/{report.dated}"),
        ("goal target accuracy", "goal", f"{report.goal_right}/{report.goals}"),
    )
    print(
        f"== {path.name} [{role(path)}] ({report.utterances} utterances, {report.gold} milestones)"
    )
    for label, name, counts in rows:
        print(f"{label:<21} {figures[name]:.3f}" + (f"  ({counts})" if counts else ""))
    if role(path) == BLIND and not show_blind:
        print(f"misses ({len(report.misses)}): not shown for a blind split (--show-blind-misses)")
        return
    print(f"misses ({len(report.misses)}):")
    for miss in report.misses:
        print(miss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="labelled .jsonl files")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is below target")
    parser.add_argument("--show-blind-misses", action="store_true",
                        help="print the blind split's misses too (then it is blind no more)")
    for name, target in TARGETS.items():
        parser.add_argument(
            f"--{name}", type=float, default=target, help=f"target (default {target})"
        )
    args = parser.parse_args(argv)
    failed = False
    table = []
    for path in args.files or SCORED_FILES:
        report = evaluate(path)
        print_report(path, report, args.show_blind_misses)
        table.append((path, report))
        for name in TARGETS:
            if report.figures[name] < getattr(args, name):
                failed = True
                if args.check:
                    print(
                        f"BELOW TARGET: {name} {report.figures[name]:.3f} < {getattr(args, name)}"
                    )
    print_table(table)
    return 1 if args.check and failed else 0


def print_table(table: list[tuple[Path, Report]]) -> None:
    """Every file's headline figures side by side."""
    names = ("intent", "f1", "quantity", "assistance", "when", "goal")
    print(f"\n{'file':<34} {'role':<16} {'n':>5} " + " ".join(f"{n:>10}" for n in names))
    for path, report in table:
        figures = report.figures
        print(
            f"{path.name:<34} {role(path):<16} {report.utterances:>5} "
            + " ".join(f"{figures[n]:>10.3f}" for n in names)
        )


if __name__ == "__main__":
    sys.exit(main())
