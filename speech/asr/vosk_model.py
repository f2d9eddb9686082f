"""What a Vosk model folder looks like, checked without importing Vosk itself (22 MB and a
tenth of a second that a Whisper user should not pay at start-up)."""

from __future__ import annotations

from pathlib import Path

MODEL_MARKERS = ("am/final.mdl", "conf/model.conf", "graph")
"""Files every Vosk model folder has: enough to tell a model from a stray or half-copied folder."""


def is_vosk_model(folder: Path) -> bool:
    return folder.is_dir() and all((folder / marker).exists() for marker in MODEL_MARKERS)
