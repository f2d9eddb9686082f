"""The assistant's clock. SMALLWINS_NOW (ISO-8601) pins the start time so multi-day sessions
can be scripted and demonstrated; time then runs on from there as usual."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta

_STARTED = time.monotonic()


class ClockError(ValueError):
    """SMALLWINS_NOW is not a date and time."""


def now() -> datetime:
    pinned = os.environ.get("SMALLWINS_NOW")
    if not pinned:
        return datetime.now().astimezone()
    try:
        start = datetime.fromisoformat(pinned)
    except ValueError as error:
        raise ClockError(
            f"SMALLWINS_NOW={pinned!r} is not an ISO-8601 time such as 2026-11-25T09:30:00."
        ) from error
    return start.astimezone() + timedelta(seconds=time.monotonic() - _STARTED)
