"""What the report shows, read from the stored record: what needs attention, the week's figures,
a daily series per domain, goals with their progress, streaks, setbacks, feelings and the
patient's own words.

Everything is gathered here as plain values before any drawing or HTML, so the numbers on the
page can be checked against the database, and the page and the spoken summary agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from assistant.conversation.answers import new_words, week_summary
from assistant.conversation.goals import INDEPENDENCE
from assistant.conversation.numbers_and_dates import amount, number, period_span
from assistant.conversation.phrasebook import Phrasebook
from assistant.record import history, practice
from assistant.record.history import Entry
from assistant.record.store import Store
from assistant.report.attention import Attention, Feelings, attention, feelings

DEFAULT_DAYS = 28
"""Without --since the report covers four weeks: a typical gap between therapy visits."""
RECENT_ENTRIES = 20


@dataclass(frozen=True)
class Measure:
    """A counted unit charted as a daily total, one chart per activity counted in it (arm
    lifts and sit-to-stands are different exercises, not one sum)."""

    unit: str
    title: str
    """With {activity}: "Arm lift: repetitions each day"."""
    noun: str


MEASURES = (
    Measure("steps", "{activity}: steps each day", "steps"),
    Measure("stairs", "{activity}: stairs each day", "stairs"),
    Measure("times", "{activity}: repetitions each day", "repetitions"),
    Measure("minutes", "{activity}: minutes each day", "minutes"),
)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    noun: str
    """What the numbers count, for the axis."""
    kind: str
    """bars (a total per day), line (a level per day) or running (a running total)."""
    points: tuple[tuple[date, float], ...]
    caption: str
    """The chart's main numbers in words, for readers who skip charts and for print."""


@dataclass(frozen=True)
class KeyNumber:
    """One big number at the top of the page."""

    key: str
    value: int
    label: str


@dataclass(frozen=True)
class GoalLine:
    text: str
    step: bool
    """A smaller step toward the goal above it."""
    done: date | None
    progress: str
    """"24 of 30 steps" for a counted goal not yet reached; '' otherwise."""
    percent: int


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int
    longest_start: date | None
    practice: int


@dataclass(frozen=True)
class Report:
    made: datetime
    start: date
    end: date
    """The last day covered (today)."""
    family: bool
    headline: str
    figures: tuple[KeyNumber, ...]
    charts: tuple[Chart, ...]
    goals: tuple[GoalLine, ...]
    streaks: Streaks | None
    setbacks: tuple[Entry, ...]
    entries: tuple[Entry, ...]
    practised: bool
    """Whether any speech practice is recorded, so the page can say so instead of a chart."""
    attention: Attention
    """Red flags and runs of low mood in the period: the page opens with them."""
    feelings: Feelings | None
    """Low and good days with the patient's words; None if no feeling was told (or family)."""


def gather(store: Store, now: datetime, since: date | None = None, family: bool = False
           ) -> Report:
    """The report's facts from `since` (default: four weeks ago, or the first entry if later)
    to today. A family report
    holds only the entries the patient chose to share and nothing else."""
    today = now.date()
    start = since or _default_start(store, today)
    first, until = _at(start, now), _at(today + timedelta(days=1), now)
    needs = attention(store, first, until)
    if family:
        shared = _entries(store, first, until, shared_only=True, limit=None)
        return Report(made=now, start=start, end=today, family=True,
                      headline=_family_headline(len(shared), start), figures=(), charts=(),
                      goals=(), streaks=None, setbacks=(), entries=shared, practised=False,
                      attention=needs, feelings=None)
    practised = practice.practised(store)
    charts = [c for m in MEASURES for c in _measure_charts(store, m, first, until)]
    if practised:
        charts += [c for c in (_score_chart(store, first, until),
                               _mastered_chart(store, start, today)) if c]
    return Report(
        made=now, start=start, end=today, family=False,
        headline=week_summary(store, now, Phrasebook((), seed=0)),
        figures=_figures(store, now, practised),
        charts=tuple(charts),
        goals=_goals(store, first),
        streaks=_streaks(store, first, today),
        setbacks=tuple(e for e in _entries(store, first, until, limit=None)
                       if e.intent == "setback"),
        entries=_entries(store, first, until),
        practised=practised,
        attention=needs,
        feelings=feelings(store, first, until, start, today),
    )


def _default_start(store: Store, today: date) -> date:
    """Four weeks back, or the first day anything was recorded when that is later, so a new
    patient's charts are not mostly empty."""
    first = history.first_day(store)
    start = today - timedelta(days=DEFAULT_DAYS - 1)
    return min(max(start, first), today) if first else start


def _at(day: date, now: datetime) -> datetime:
    return datetime.combine(day, time.min, tzinfo=now.tzinfo)


def long_date(day: date | datetime) -> str:
    """"Monday 2 March", as the replies say dates."""
    return f"{day:%A} {day.day} {day:%B}"


def _figures(store: Store, now: datetime, practised: bool) -> tuple[KeyNumber, ...]:
    """The week's big numbers; new words only once there is speech practice to count."""
    start, end, _ = period_span(None, now.date())
    since, until = _at(start, now), _at(end, now)
    done = history.milestones(store, since=since, until=until)
    numbers = (
        ("wins", len(done), "win", "wins"),
        ("days", len({d.time.date() for d in done}), "day with a win", "days with a win"),
        ("streak", history.day_streak(store, now.date()), "day in a row, up to today",
         "days in a row, up to today"),
        ("goals-reached", len(history.reached_goals(store, since, until)), "goal reached",
         "goals reached"),
        ("new-words", len(new_words(store, since, until)), "new word said clearly",
         "new words said clearly"),
    )
    return tuple(KeyNumber(key, n, one if n == 1 else many) for key, n, one, many in numbers
                 if practised or key != "new-words")


def _family_headline(count: int, start: date) -> str:
    if not count:
        return ("Nothing has been shared yet. When the patient says \u201cshare this with my "
                "family\u201d, it appears here.")
    wins = "1 win" if count == 1 else f"{count} wins"
    return f"{wins} shared with the family since {long_date(start)}."


def _measure_charts(store: Store, measure: Measure, since: datetime, until: datetime
                    ) -> list[Chart]:
    """A chart of daily totals for each activity counted in `measure`'s unit."""
    by_activity: dict[str, dict[date, float]] = {}
    for done in history.milestones(store, unit=measure.unit, since=since, until=until):
        totals = by_activity.setdefault(done.activity, {})
        totals[done.time.date()] = totals.get(done.time.date(), 0.0) + (done.value or 0)
    return [_measure_chart(measure, activity, totals)
            for activity, totals in sorted(by_activity.items())]


def _measure_chart(measure: Measure, activity: str, totals: dict[date, float]) -> Chart:
    best = max(totals, key=lambda d: (totals[d], d))
    caption = (f"{number(sum(totals.values()))} {measure.noun} in all, on {len(totals)} "
               f"{'day' if len(totals) == 1 else 'days'}. Best day: "
               f"{number(totals[best])} {measure.noun}, on {long_date(best)}.")
    points = tuple((d, totals[d]) for d in sorted(totals))
    title = measure.title.format(activity=activity.replace("_", " ").capitalize())
    return Chart(f"{measure.unit}-{activity}", title, measure.noun, "bars", points, caption)


def _score_chart(store: Store, since: datetime, until: datetime) -> Chart | None:
    """The average practice score (0–100 %) per day: how clearly the targets were said."""
    rows = practice.day_scores(store, since, until)
    if not rows:
        return None
    points = tuple((r.day, round(r.score * 100)) for r in rows)
    attempts, passed = sum(r.attempts for r in rows), sum(r.passed for r in rows)
    (first_day, first), (last_day, last) = points[0], points[-1]
    caption = (f"{amount(attempts, 'practice attempts')} on {amount(len(rows), 'days')}, "
               f"{passed} said clearly. Average score "
               f"{first}% on {long_date(first_day)}, {last}% on {long_date(last_day)}.")
    return Chart("practice-score", "Speech practice: average score each day", "score",
                 "line", points, caption)


def _mastered_chart(store: Store, start: date, end: date) -> Chart | None:
    """Words mastered, meaning said clearly for the first time ever, as a running total."""
    days = Counter(first.time.date() for first in practice.firsts(store))
    if not days:
        return None
    before = sum(n for d, n in days.items() if d < start)
    points = [(start, float(before))] if before else []
    total = before
    for day in sorted(d for d in days if start <= d <= end):
        total += days[day]
        points.append((day, float(total)))
    caption = (f"{amount(total, 'words')} mastered in all, {number(total - before)} of them since "
               f"{long_date(start)}. Mastered means said clearly for the first time.")
    return Chart("words-mastered", "Speech practice: words mastered", "words", "running",
                 tuple(points), caption)


def _goals(store: Store, since: datetime) -> tuple[GoalLine, ...]:
    """Goals still open, and those reached in the period, each with its smaller steps."""
    done_at = history.done_times(store)
    lines = []
    for goal in history.goals(store):
        done = done_at.get(goal.id)
        if done is not None and done < since:
            continue
        progress, percent = "", 100 if done else 0
        if done is None and goal.target_value and goal.activity:
            needed = INDEPENDENCE.get(goal.assistance or "", 0)  # as goals.reached counts it
            best = max((d.value or 0 for d in history.milestones(
                store, activity=goal.activity, unit=goal.unit)
                if INDEPENDENCE.get(d.assistance or "", 0) >= needed), default=0)
            percent = min(100, round(100 * best / goal.target_value))
            progress = f"{number(best)} of {number(goal.target_value)} {goal.unit}"
        lines.append(GoalLine(goal.text, goal.parent_id is not None,
                              done.date() if done else None, progress, percent))
    return tuple(lines)


def _streaks(store: Store, since: datetime, today: date) -> Streaks:
    """The run of days with a win up to today, the longest run in the period, and practice's."""
    days = sorted({d.time.date() for d in history.milestones(store, since=since)})
    longest, longest_start = 0, None
    run_start: date | None = None
    previous: date | None = None
    for day in days:
        if run_start is None or previous is None or day - previous != timedelta(days=1):
            run_start = day
        length = (day - run_start).days + 1
        if length > longest:
            longest, longest_start = length, run_start
        previous = day
    return Streaks(history.day_streak(store, today), longest, longest_start,
                   practice.streak(store, today))


def _entries(store: Store, since: datetime, until: datetime, shared_only: bool = False,
             limit: int | None = RECENT_ENTRIES) -> tuple[Entry, ...]:
    """What the patient said that recorded something, newest first, with what was recorded."""
    return tuple(history.entries(store, since, until, shared_only, limit))
