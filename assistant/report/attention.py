"""What needs the clinician's attention, and how the patient has been feeling, read from the
stored red flags and moods for the report.

A run of low days is only flagged, never named as depression: low mood told on LOW_DAYS or
more days within WINDOW_DAYS is a reason for the therapist to ask, as post-stroke depression
is common and treatable, but the record is what the patient happened to say to a device.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from assistant.record import history
from assistant.record.history import MoodEntry
from assistant.record.store import Store
from assistant.understand import AlertKind, Mood

LOW_DAYS = 3
WINDOW_DAYS = 7

ALERT_NAMES: dict[str, str] = {
    AlertKind.STROKE_SIGN: "possible sign of a stroke",
    AlertKind.CHEST_PAIN: "chest pain",
    AlertKind.BREATHING: "trouble breathing",
    AlertKind.CHOKING: "choking",
    AlertKind.SEIZURE: "seizure",
    AlertKind.FAINTING: "fainting or collapse",
    AlertKind.BLEEDING: "bleeding",
    AlertKind.OVERDOSE: "too much medicine",
    AlertKind.SELF_HARM: "thoughts of self-harm or of dying",
    AlertKind.FALL: "a fall",
    AlertKind.URGENT_HELP: "asked for urgent help",
}
"""Each red flag's kind in plain words, as the report names it."""


@dataclass(frozen=True)
class AlertLine:
    time: datetime
    kind: str
    """The stored AlertKind value, e.g. "chest_pain"."""
    name: str
    """The kind in plain words, e.g. "chest pain"."""
    words: str
    """The words that raised it."""
    said: str
    """Everything the patient said then."""


@dataclass(frozen=True)
class LowStretch:
    """Low mood told on each of `days`, with at least LOW_DAYS of them within WINDOW_DAYS."""

    days: tuple[date, ...]


@dataclass(frozen=True)
class Attention:
    alerts: tuple[AlertLine, ...]
    low_stretches: tuple[LowStretch, ...]

    def __bool__(self) -> bool:
        return bool(self.alerts or self.low_stretches)


@dataclass(frozen=True)
class MoodDay:
    day: date
    moods: tuple[str, ...]
    """The moods told that day, low before good; empty if none was."""


@dataclass(frozen=True)
class Feelings:
    days: tuple[MoodDay, ...]
    """Every day of the period, for the calendar strip."""
    entries: tuple[MoodEntry, ...]
    """Each feeling told, oldest first, with the patient's words."""


def attention(store: Store, since: datetime, until: datetime) -> Attention:
    """Every red flag in [since, until), and any run of low days in it."""
    alerts = tuple(
        AlertLine(a.time, a.kind, ALERT_NAMES.get(a.kind, a.kind.replace("_", " ")), a.words,
                  a.said)
        for a in history.alerts(store, since, until)
    )
    low = [m.time.date() for m in history.moods(store, since, until) if m.mood == Mood.LOW]
    return Attention(alerts, low_stretches(low))


def feelings(store: Store, since: datetime, until: datetime, start: date, end: date
             ) -> Feelings | None:
    """Each day's moods from `start` to `end` and the words told; None if none was told."""
    entries = tuple(history.moods(store, since, until))
    if not entries:
        return None
    told: dict[date, set[str]] = {}
    for entry in entries:
        told.setdefault(entry.time.date(), set()).add(entry.mood)
    days = (start + timedelta(days=n) for n in range((end - start).days + 1))
    return Feelings(
        tuple(MoodDay(d, tuple(m for m in (Mood.LOW, Mood.GOOD) if m in told.get(d, ())))
              for d in days),
        entries,
    )


def low_stretches(low_days: Iterable[date]) -> tuple[LowStretch, ...]:
    """The days of each run where LOW_DAYS or more low days fall within WINDOW_DAYS; runs
    whose windows overlap are one."""
    days = sorted(set(low_days))
    runs: list[list[date]] = []
    for i, first in enumerate(days):
        window = [d for d in days[i:] if (d - first).days < WINDOW_DAYS]
        if len(window) < LOW_DAYS:
            continue
        if runs and window[0] <= runs[-1][-1]:
            runs[-1] = sorted(set(runs[-1]) | set(window))
        else:
            runs.append(window)
    return tuple(LowStretch(tuple(run)) for run in runs)
