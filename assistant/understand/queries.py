"""What a progress question asks for, so the reply can look up the right records.

"how many steps did i walk this week" is a ``total`` of walking in steps over this week;
"what did i do on monday" is the ``recent`` log of the last Monday. The kinds, periods and
category words are in the vocabulary; activities and units are found with the same
patterns as milestones, so a question and a report about the same thing agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .milestones import analyse
from .normalise import Cleaned
from .vocab import VOCAB

_WEEKS = frozenset(("this_week", "last_week"))
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAYS = frozenset(("today", "yesterday", *_WEEKDAYS))


@dataclass(frozen=True)
class Query:
    """A progress question.

    ``kind`` is one of summary, week, total, best, recent, goals, streak. ``activity``,
    ``category`` and ``unit`` (contract names, as in milestones) are set only when the
    question names them. ``period`` is today, yesterday, this_week, last_week, this_month,
    last_month, all, a weekday ("monday": the most recent one), or None when not said.
    """

    kind: str
    activity: str | None
    category: str | None
    unit: str | None
    period: str | None


def _period(text: str) -> str | None:
    return next((name for name, regex in VOCAB.query_periods.items() if regex.search(text)), None)


def _kind(text: str, period: str | None) -> str:
    for kind, regex in VOCAB.query_kinds.items():
        if regex.search(text):
            return kind
    regexes = VOCAB.regexes
    if regexes["query_trend"].search(text):
        return "summary"
    if period in _WEEKS:
        return "week"
    if period in _DAYS or (period is None and regexes["query_listing"].search(text)):
        return "recent"
    return "summary"


def _unit(words: list[str]) -> str | None:
    """The first unit named; a unit word after "my" is a thing ("my feet"), not a measure."""
    ignore = VOCAB.words["query_unit_ignore"]
    for i, word in enumerate(words):
        if word in VOCAB.unit_forms and word not in ignore and (i == 0 or words[i - 1] != "my"):
            return VOCAB.unit_forms[word][0]
    return None


def query_of(cleaned: Cleaned) -> Query:
    """The structured form of a progress question (``is_progress_query`` already said yes)."""
    # Kinds and periods are read from the lightly cleaned text, where "so far" is still a
    # phrase and not a clause boundary before "far".
    text = cleaned.light
    period = _period(text)
    # The lead-in is not the subject ("read me my milestones" is not reading aloud), nor is
    # reaching a goal an arm movement ("did i reach my goal").
    plain = cleaned.plain
    lead = VOCAB.regexes["query_start"].match(plain)
    subject = VOCAB.regexes["query_not_subject"].sub("", plain[lead.end() if lead else 0 :])
    words = subject.split()
    unit = _unit(words)
    found = analyse(tuple(words), date.today()).found  # the activity asked about; days unused
    activity = VOCAB.activities[found[0].milestone.activity] if found else None
    if activity is None and unit is not None and (owner := VOCAB.units[unit].activity) is not None:
        activity = VOCAB.activities[owner]
    if activity is not None and unit is not None:
        unit = activity.unit_aliases.get(unit, unit)
    category = activity.category if activity else None
    if category is None:
        named = VOCAB.regexes["query_categories"].search(text)
        category = named.lastgroup if named else None
    return Query(
        kind=_kind(text, period),
        activity=activity.name if activity else None,
        category=category,
        unit=unit,
        period=period,
    )
