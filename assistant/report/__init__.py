"""The progress report: one self-contained HTML page for the therapist (every domain, goals,
streaks, setbacks, the patient's own words) or, with `family`, a note holding only what the
patient chose to share. Kept apart from the dialog so matplotlib loads only for a report."""

from __future__ import annotations

from datetime import date, datetime

from assistant.record.store import Store
from assistant.report.facts import gather
from assistant.report.page import render

__all__ = ["gather", "html"]


def html(store: Store, now: datetime, since: date | None = None, family: bool = False) -> str:
    """The report page as of `now`, from `since` (default: the last four weeks)."""
    return render(gather(store, now, since, family))
