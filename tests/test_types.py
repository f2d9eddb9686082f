"""These packages pass mypy --strict. Modules they import are checked for the types they give,
not for their own errors (--follow-imports=silent). Third-party packages without type
information are set up in pyproject.toml's [tool.mypy]."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

STRICT = ["assistant", "speech"]


@pytest.mark.slow  # about 8 seconds
def test_mypy_strict_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
         "--cache-dir", os.devnull, *STRICT],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
