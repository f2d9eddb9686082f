"""Where the assistant keeps its files: one private folder per user, overridable per run."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The user's private data folder (mode 0700), e.g. ~/.local/share/smallwins."""
    folder = platformdirs.user_data_path("smallwins")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def database_path(explicit: Path | None = None) -> Path:
    """--db, then SMALLWINS_DB, then the data folder."""
    if explicit:
        return explicit
    if os.environ.get("SMALLWINS_DB"):
        return Path(os.environ["SMALLWINS_DB"])
    return data_dir() / "smallwins.db"
