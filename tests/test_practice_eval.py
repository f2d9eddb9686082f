"""The scorer's pass/fail decision stays accurate on the labelled attempts, and the
evaluation script works as a command."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter

import pytest
from conftest import ROOT

SCRIPT = ROOT / "scripts" / "eval_scoring.py"
LABELLED = ROOT / "tests" / "data" / "practice_attempts.jsonl"


def load_eval():
    spec = importlib.util.spec_from_file_location("eval_scoring", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labelled_set_covers_every_case_and_is_well_formed():
    cases = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    assert all({"target", "heard", "passed", "case"} <= set(c) for c in cases)
    counts = Counter(c["case"] for c in cases)
    assert set(counts) == {"correct", "one_wrong", "silence", "different"}
    assert min(counts.values()) >= 50 and len(cases) >= 250


def test_pass_fail_accuracy_meets_the_target():
    module = load_eval()
    right, total, misses = module.evaluate(module.load(LABELLED), module._written)
    assert module.accuracy(right, total) >= 0.95, misses
    for case in ("one_wrong", "silence", "different"):
        assert right[case] / total[case] >= 0.95, (case, misses)


def test_outcomes_keep_right_answers_failed_apart_from_wrong_answers_passed():
    module = load_eval()
    cases = [{"target": "cup", "heard": "cup", "passed": True, "case": "correct"},
             {"target": "cup", "heard": "cap", "passed": True, "case": "correct"},
             {"target": "cup", "heard": "cup", "passed": False, "case": "one_wrong"},
             {"target": "cup", "heard": "", "passed": False, "case": "silence"}]
    right, total, _ = module.evaluate(cases, module._written)
    assert module.outcomes(right, total) == {"right": 2, "right_failed": 1, "wrong": 2,
                                             "wrong_passed": 1}


@pytest.mark.slow
def test_script_prints_the_figures_and_misses(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout
    assert "pass/fail accuracy" in result.stdout and "misses" in result.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"target": "cup", "heard": "cup", "passed": False,
                               "case": "one_wrong"}) + "\n")
    failing = subprocess.run([sys.executable, str(SCRIPT), str(bad), "--check"],
                             capture_output=True, text=True)
    assert failing.returncode == 1 and "BELOW TARGET" in failing.stdout
