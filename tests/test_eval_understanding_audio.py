"""Understanding through speech as a command: the spoken updates are recognised once and kept,
then every later run re-scores the kept transcripts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "eval_understanding_audio.py"


@pytest.mark.slow
def test_recognises_once_then_rescores_the_kept_transcripts(tmp_path):
    cache = tmp_path / "heard.json"
    command = [sys.executable, str(SCRIPT), "--count", "4", "--cache", str(cache)]
    first = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    kept = json.loads(cache.read_text())
    assert len(kept) == 8 and all(isinstance(text, str) for text in kept.values())
    assert "recognised" in first.stderr
    rows = [line.split() for line in first.stdout.splitlines()[1:] if not line.startswith(" ")]
    assert {(row[0], row[1]) for row in rows} == {
        (half, voice) for half in ("tuned", "held_out") for voice in ("text", "espeak-ng", "piper")}
    for row in rows:
        assert int(row[2]) == 2 and all(0.0 <= float(figure) <= 1.0 for figure in row[3:7])
    second = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    assert "recognised" not in second.stderr and second.stdout == first.stdout
