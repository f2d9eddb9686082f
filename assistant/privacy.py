"""Forgetting on request: the patient or caregiver can have their words deleted, all of them
or everything from a day on, from the command line or by voice.

Deletion is real: the store overwrites freed pages and empties its WAL, and utterances still
waiting in the pending journal are deleted with the rest. The voice path asks first, and
only a clear "yes" deletes (the dialog owns that exchange; these are its words).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.store import Store

CONFIRM_ALL = "Delete everything? Say yes to confirm."


def confirm_since(since: datetime) -> str:
    """The question asked before forgetting from a day on, e.g. "since Monday 2 March"."""
    return f"Delete everything since {since:%A} {since.day} {since:%B}? Say yes to confirm."


@dataclass(frozen=True)
class Counts:
    """Rows deleted per table, e.g. {"utterances": 3, "milestones": 2, "replies": 3}."""

    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())

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
    if n != 1:
        return f"{n} {table}"
    return f"1 {table[:-3]}y" if table.endswith("ies") else f"1 {table.removesuffix('s')}"
