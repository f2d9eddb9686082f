"""Forgetting on request: the patient or caregiver can have their words deleted, all of them
or everything from a day on, from the command line or by voice.

Deletion is real: the store overwrites freed pages and empties its WAL, and utterances still
waiting in the pending journal are deleted with the rest. The voice path (the dialog) asks
first, and only a clear "yes" deletes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.record.store import Store


@dataclass(frozen=True)
class Counts:
    """Rows deleted per table, e.g. {"utterances": 3, "milestones": 2, "replies": 3}."""

    rows: dict[str, int]

    def __str__(self) -> str:
        """One sentence to print or say, e.g. "Deleted 3 utterances and 1 reply."."""
        parts = [_count(n, table) for table, n in self.rows.items() if n]
        if not parts:
            return "There was nothing to delete."
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"Deleted {listed}."


def forget(store: Store, since: datetime | None) -> Counts:
    """Delete everything recorded from `since` on, or everything when it is None.
    Settings (voice, speaking rate) are kept: they are preferences, not the record."""
    return Counts(store.forget(since))


def _count(n: int, table: str) -> str:
    """3 practice_attempts → "3 practice attempts"; 1 replies → "1 reply"."""
    words = table.replace("_", " ")
    if n != 1:
        return f"{n} {words}"
    return f"1 {words[:-3]}y" if words.endswith("ies") else f"1 {words.removesuffix('s')}"
