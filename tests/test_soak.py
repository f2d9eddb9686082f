"""The soak script itself works: a short soak through the real loop reports its figures and
no errors. (The 1,000-utterance run is `python scripts/soak.py`; it takes about ten minutes.
Memory is judged there: the first few dozen turns fill caches, so a short run cannot.)"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_short_soak_has_no_errors_and_reports_memory():
    result = subprocess.run(
        [sys.executable, "scripts/soak.py", "--utterances", "16", "--warm-up", "4",
         "--max-growth-mb", "200"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert re.match(r"soak: 16 utterances, 16 turns, 16 stored, 0 errors; rss after loading "
                    r"[\d.]+ MB, after 4 turns [\d.]+ MB, at end [\d.]+ MB "
                    r"\(growth [+-][\d.]+ MB\)", summary), summary
