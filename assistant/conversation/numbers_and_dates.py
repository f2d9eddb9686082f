"""Numbers and dates the way a person says them, for replies that are heard, not read."""

from __future__ import annotations

from datetime import date, datetime, timedelta

_SINGULAR = {
    "steps": "step", "minutes": "minute", "seconds": "second", "hours": "hour",
    "meters": "meter", "feet": "foot", "stairs": "stair", "laps": "lap", "blocks": "block",
    "words": "word", "sentences": "sentence", "pounds": "pound", "kilograms": "kilogram",
    "wins": "win", "days": "day", "goals": "goal", "new words": "new word",
    "practice attempts": "practice attempt", "phrases": "phrase", "attempts": "attempt",
    "entries": "entry",
}


def number(value: float | int) -> str:
    """25 → "25", 2.5 → "2.5"; espeak reads digits naturally, so words are not needed."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def amount(value: float | int | None, unit: str | None) -> str:
    """"25 steps", "1 step", "10 times", "once"; '' when nothing was counted."""
    if value is None:
        return ""
    if unit == "times":
        return "once" if value == 1 else "twice" if value == 2 else f"{number(value)} times"
    if unit is None:
        return number(value)
    word = _SINGULAR.get(unit, unit) if value == 1 else unit
    return f"{number(value)} {word}"


def day(when: datetime | date, today: date) -> str:
    """"today", "yesterday", "on Monday" within the week, else "on 3 November"."""
    when_date = when.date() if isinstance(when, datetime) else when
    gap = (today - when_date).days
    if gap == 0:
        return "today"
    if gap == 1:
        return "yesterday"
    if 1 < gap < 7:
        return f"on {when_date:%A}"
    return f"on {when_date.day} {when_date:%B}"


def listing(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def period_span(period: str | None, today: date) -> tuple[date, date, str]:
    """The days [start, end) a spoken period covers, and how to say it. A week is seven days
    ending today (asked on a Monday, the calendar week has hardly begun), "last week" the
    seven days before those: one meaning for every answer, the report and encouragement."""
    month = today.replace(day=1)
    if period == "today":
        return today, today + timedelta(days=1), "today"
    if period == "yesterday":
        return today - timedelta(days=1), today, "yesterday"
    if period == "last_week":
        return today - timedelta(days=13), today - timedelta(days=6), "last week"
    if period == "this_month":
        return month, today + timedelta(days=1), "this month"
    if period == "last_month":
        previous = (month - timedelta(days=1)).replace(day=1)
        return previous, month, "last month"
    if period == "all":
        return date(1970, 1, 1), today + timedelta(days=1), "so far"
    if period in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS.index(period)) % 7
        when = today - timedelta(days=back)
        return when, when + timedelta(days=1), day(when, today)
    return today - timedelta(days=6), today + timedelta(days=1), "this past week"
