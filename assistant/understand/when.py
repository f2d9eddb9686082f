"""When something happened: a small grammar of spoken days over cleaned tokens.

"yesterday", "last night", "the day before yesterday", "on Sunday", "last Tuesday", "on
Wednesday last week", "two days ago", "three days back", "a fortnight ago", "at the weekend",
"on the 2nd", "March 2nd", "the 3rd of March", "this morning"... Each is resolved against the
day the caller says is today (the assistant's clock), so the extractor stays a pure function.
A day of the week means its most recent past occurrence ("on Sunday" said on a Wednesday is
three days back); "last" before today's own name means a week back, and "the weekend" is its
Saturday. Clock times ("at ten") are not days and are ignored here, and so is a day something
is compared with ("neater than last week").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .numbers import parse_number

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TODAY_WORDS = frozenset(("today", "tonight"))
_PARTS_OF_DAY = frozenset(("morning", "afternoon", "evening", "night"))
WEEKDAYS = frozenset(_WEEKDAYS)
NEAR_DAYS = _TODAY_WORDS | {"yesterday"}
"""Today, tonight and yesterday: the days said without naming one."""
DAY_WORDS = WEEKDAYS | NEAR_DAYS | _PARTS_OF_DAY
"""Words that name a day or a part of one, for rules that only need to know one is said."""
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_ATTEMPT_WORDS = frozenset(
    ("try", "attempt", "go", "time", "round", "lap", "floor", "step", "stair", "set")
)
_SPANS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14}
_AGO = frozenset(("ago", "back"))
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_NAMED_BY_DAY = frozenset(
    ("paper", "papers", "service", "school", "club")
)
"""A weekday before these names a thing ("the Sunday paper"), not the day it happened ("Sunday
dinner" is eaten on Sunday: 8 labels of 10 say so)."""
_COMPARED = frozenset(("than", "since", "as", "like"))
"""A day after these is what something is compared with ("neater than last week"), not when."""
_WEEKEND_BEFORE = frozenset(("at", "over", "on", "last"))


@dataclass(frozen=True)
class Said:
    """A day named in the utterance: tokens ``start``..``end`` (inclusive), ``days`` back."""

    start: int
    end: int
    days: int


def _ordinal(token: str) -> int | None:
    """2 for "2nd", "2", 21 for "21st"; None for anything else."""
    if token.endswith(_ORDINAL_SUFFIXES) and token[:-2].isdigit():
        token = token[:-2]
    return int(token) if token.isdigit() and 1 <= int(token) <= 31 else None


def _suffixed(token: str) -> int | None:
    """2 for "2nd" but not for a bare "2": after a month name that could be a verb ("march
    10 steps"), only an ordinal said as one is a date."""
    return _ordinal(token) if token.endswith(_ORDINAL_SUFFIXES) else None


def _dated(tokens: tuple[str, ...], i: int, today: date) -> Said | None:
    """ "march 2nd", "march the 2nd", "the 3rd of march", "3rd of march", "on 2 march": a day
    of a named month, its latest occurrence on or before today."""
    start = i
    if tokens[i] in _MONTHS:
        k = i + 2 if tokens[i + 1 : i + 2] == ("the",) else i + 1
        day = _suffixed(tokens[k]) if k < len(tokens) else None
        month, end = tokens[i], k
    else:
        if tokens[i] == "the":
            i += 1
        day = _ordinal(tokens[i]) if i < len(tokens) else None
        k = i + 2 if tokens[i + 1 : i + 2] == ("of",) else i + 1
        month, end = (tokens[k], k) if k < len(tokens) else ("", k)
        if day is not None and k == i + 1 and _suffixed(tokens[i]) is None:
            day = day if start and tokens[start - 1] == "on" else None
    if day is None or month not in _MONTHS:
        return None
    for year in (today.year, today.year - 1):
        try:
            then = date(year, _MONTHS.index(month) + 1, day)
        except ValueError:
            return None
        if then <= today:
            return Said(start, end, (today - then).days)
    return None


def _month_day(day: int, today: date) -> int | None:
    """Days back to the latest ``day`` of a month on or before today."""
    year, month = today.year, today.month
    for _ in range(2):
        try:
            then = date(year, month, day)
        except ValueError:
            then = None
        if then is not None and then <= today:
            return (today - then).days
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _weekday(tokens: tuple[str, ...], i: int, start: int, today: date) -> Said:
    """The weekday at token ``i`` (its phrase starting at ``start``): its latest past
    occurrence, or last week's when "last week" follows ("on wednesday last week"), with a
    part of the day after it ("monday morning")."""
    day = _WEEKDAYS.index(tokens[i])
    back = (today.weekday() - day) % 7
    end = i
    if tokens[i + 1 : i + 3] == ("last", "week"):
        back, end = today.weekday() - day + 7, i + 2
    elif tokens[i + 1 : i + 2] and tokens[i + 1] in _PARTS_OF_DAY:
        end = i + 1
    if back == 0 and tokens[start] == "last":
        back = 7
    return Said(start, end, back)


def _at(tokens: tuple[str, ...], i: int, today: date) -> Said | None:
    """The day named starting at token ``i``, if one is."""
    if i and tokens[i - 1] in _COMPARED:
        return None
    token = tokens[i]
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    after = tokens[i + 2] if i + 2 < len(tokens) else ""
    if (token, following, after) == ("the", "day", "before") and tokens[i + 3 : i + 4] == (
        "yesterday",
    ):
        return Said(i, i + 3, 2)
    if token == "day" and following == "before" and after == "yesterday":
        return Said(i, i + 2, 2)
    if token == "yesterday":
        end = i + 1 if following in _PARTS_OF_DAY else i
        return Said(i, end, 1)
    if token in _TODAY_WORDS:
        return Said(i, i, 0)
    if token == "this" and following in _PARTS_OF_DAY:
        return Said(i, i + 1, 0)
    if token == "last" and following == "night":
        return Said(i, i + 1, 1)
    if token in ("in", "during") and (following, after) == ("the", "night"):
        return Said(i, i + 2, 1)  # "twice in the night": the night just gone
    if token in ("last", "on", "this") and following in _WEEKDAYS:
        return _weekday(tokens, i + 1, i, today)
    if token in _WEEKDAYS and (i == 0 or tokens[i - 1] not in ("last", "on", "this", "next")):
        if following in ("next", "coming") or following in _NAMED_BY_DAY:
            return None
        return _weekday(tokens, i, i, today)
    if token == "last" and following == "week":
        return Said(i, i + 1, 7)
    if token == "the" and following == "weekend" and i and tokens[i - 1] in _WEEKEND_BEFORE:
        # "at the weekend": the latest Saturday before today.
        return Said(i - 1, i + 1, (today.weekday() - 5) % 7 or 7)
    if token == "last" and following == "weekend":
        return Said(i, i + 1, (today.weekday() - 5) % 7 or 7)
    if (token, following, after) == ("a", "couple", "of") and tokens[i + 4 : i + 5] in (
        ("ago",),
        ("back",),
    ):
        span = _SPANS.get(tokens[i + 3])
        return None if span is None else Said(i, i + 4, 2 * span)
    amount = 1 if token in ("a", "an", "one") else parse_number(token)
    if amount is not None and following in _SPANS and after in _AGO and amount == int(amount):
        return Said(i, i + 2, int(amount) * _SPANS[following])
    if token in _MONTHS or token == "the" or _ordinal(token) is not None:
        dated = _dated(tokens, i, today)
        if dated is not None:
            return dated
    if token == "on" and following == "the":
        day = _ordinal(after)
        # "on the 2nd try", "on the third go": an attempt, not a day of the month.
        if day is not None and not _ATTEMPT_WORDS.intersection(tokens[i + 3 : i + 4]):
            gone = _month_day(day, today)
            return None if gone is None else Said(i, i + 2, gone)
    return None


def days_said(tokens: tuple[str, ...], today: date) -> list[Said]:
    """Every day named in ``tokens``, in order, none overlapping."""
    found: list[Said] = []
    i = 0
    while i < len(tokens):
        said = _at(tokens, i, today)
        if said is None:
            i += 1
            continue
        run = _run_of_days(tokens, said)
        if run is not None:
            i = run + 1
            continue
        found.append(said)
        i = said.end + 1
    return found


_RUN = frozenset(("to", "through", "till", "until"))


def _run_of_days(tokens: tuple[str, ...], said: Said) -> int | None:
    """ "Monday to Sunday", "monday through to sunday": the days of the week said in a row
    (or every day of a week), not the day it happened; where the run ends."""
    k = said.end + 1
    if tokens[k : k + 2] == ("through", "to"):
        k += 1
    if (tokens[said.start] in WEEKDAYS and tokens[k : k + 1] != () and tokens[k] in _RUN
            and tokens[k + 1 : k + 2] != () and tokens[k + 1] in WEEKDAYS):
        return k + 1
    return None


def iso_day(today: date, days_back: int) -> str:
    """The ISO date ``days_back`` before ``today``."""
    return (today - timedelta(days=days_back)).isoformat()
