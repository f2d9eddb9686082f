"""Exports for a clinician's records: utterances, milestones, goals, practice attempts, alerts
and moods, row for row as stored, with the database's own column names.

CSV is a folder with one file per table (opens directly in a spreadsheet, no unzipping);
an empty cell is a missing value. Files are UTF-8 with a byte-order mark so Excel shows the
patient's words correctly. JSON is one object holding a list of rows per table. Like the
database, every file is created owner-only: it holds the patient's words.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any, TextIO

from assistant.record.store import Store

TABLES = ("utterances", "milestones", "goals", "practice_attempts", "alerts", "moods")
CSV_ENCODING = "utf-8-sig"


def rows(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of each exported table in id order; a table this database lacks is left out."""
    return {
        name: list(store.db[name].rows_where(order_by="id"))
        for name in TABLES
        if store.db[name].exists()
    }


def write_json(store: Store, out: TextIO) -> None:
    json.dump(rows(store), out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_csv(store: Store, folder: Path) -> list[Path]:
    """One `<table>.csv` per table in `folder` (created if needed); returns the files."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for name, table_rows in rows(store).items():
        path = folder / f"{name}.csv"
        with open_private(path, encoding=CSV_ENCODING, newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(store.db[name].columns_dict))
            writer.writeheader()
            writer.writerows(table_rows)
        written.append(path)
    return written


def open_private(path: Path, encoding: str = "utf-8", newline: str | None = None) -> TextIO:
    """Open `path` for writing text, created owner-only (0600) like the database."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return open(descriptor, "w", encoding=encoding, newline=newline)  # noqa: SIM115 - returned
