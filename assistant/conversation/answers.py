"""Answers to spoken questions about progress, from the stored record, in one or two sentences."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from assistant.conversation.numbers_and_dates import amount, day, listing, period_span
from assistant.conversation.phrasebook import Phrasebook
from assistant.record import history, practice
from assistant.record.history import Done
from assistant.record.store import Store
from assistant.understand import Query


def answer(store: Store, query: Query | None, now: datetime, book: Phrasebook) -> str:
    """One answer; a week's ("how was my week?") is told by the dialog, which offers more."""
    kind = query.kind if query else "summary"
    period = query.period if query else None
    start, end, said = period_span(period, now.date())
    done = history.milestones(
        store,
        activity=query.activity if query else None,
        unit=query.unit if query and kind == "total" else None,
        category=query.category if query else None,
        since=_at(start, now),
        until=_at(end, now),
    )
    facts = {"period": said}
    if kind == "goals":
        return _goals(store, book)
    if kind == "streak":
        days = history.day_streak(store, now.date())
        if not days:
            return book.say("answer.no_streak")
        return book.say("answer.streak", days=amount(days, "days"))
    if kind == "best":
        return _best(store, query, now, book)
    if not done:
        return book.say("answer.nothing", **facts)
    if kind == "recent":
        return book.say("answer.recent", summaries=listing([d.summary for d in done[-4:]]), **facts)
    if kind == "total":
        return _total(done, book, facts)
    return _summary(store, done, now, book, facts)


def _at(day_: date, now: datetime) -> datetime:
    return datetime.combine(day_, time.min, tzinfo=now.tzinfo)


def _total(done: list[Done], book: Phrasebook, facts: dict[str, str]) -> str:
    counted = [d for d in done if d.value is not None and d.unit]
    if not counted:
        return book.say("answer.count", times=amount(len(done), "times"), **facts)
    unit = Counter(d.unit for d in counted).most_common(1)[0][0]
    total = sum(d.value or 0 for d in counted if d.unit == unit)
    entries = sum(1 for d in counted if d.unit == unit)
    return book.say("answer.total", amount=amount(total, unit),
                    entries=amount(entries, "entries"), **facts)


def _best(store: Store, query: Query | None, now: datetime, book: Phrasebook) -> str:
    done = [d for d in history.milestones(
        store, activity=query.activity if query else None, unit=query.unit if query else None,
    ) if d.value is not None]
    if not done:
        return book.say("answer.nothing", period="so far")
    unit = Counter(d.unit for d in done).most_common(1)[0][0]
    top = max((d for d in done if d.unit == unit), key=lambda d: d.value or 0)
    return book.say("answer.best", amount=amount(top.value, top.unit),
                    when=day(top.time, now.date()))


def _goals(store: Store, book: Phrasebook) -> str:
    active = [g for g in history.active_goals(store) if g.parent_id is None]
    if not active:
        return book.say("goal.none_active")
    return book.say("answer.goals", goals=listing([g.text for g in active]))


def _summary(store: Store, done: list[Done], now: datetime, book: Phrasebook,
             facts: dict[str, str]) -> str:
    summary = book.say("answer.summary", wins=amount(len(done), "wins"),
                       days=amount(len({d.time.date() for d in done}), "days"), **facts)
    return f"{summary} {_highlight(store, done, now, book)}"


def _highlight(store: Store, done: list[Done], now: datetime, book: Phrasebook) -> str:
    """The biggest gain since the start in an activity practised in the period."""
    gains = []
    for activity, unit in {(d.activity, d.unit) for d in done if d.value is not None and d.unit}:
        record = [d for d in history.milestones(store, activity=activity, unit=unit) if d.value]
        first, top = record[0], max(record, key=lambda d: d.value or 0)
        if (top.value or 0) > (first.value or 0):
            gains.append(((top.value or 0) / (first.value or 1), first, top))
    if gains:
        _, first, top = max(gains, key=lambda g: g[0])
        return book.say("answer.highlight_best", summary=top.summary,
                        first=amount(first.value, first.unit))
    streak = history.day_streak(store, now.date())
    if streak >= 2:
        return book.say("answer.highlight_streak", streak=amount(streak, "days"))
    return book.say("answer.highlight_plain")


@dataclass(frozen=True)
class Week:
    """The week told in two parts: `short` (about 30 words, said first) and `details` (said
    when the patient wants more; empty when there is nothing more to say)."""

    short: str
    details: str

    @property
    def whole(self) -> str:
        return f"{self.short} {self.details}".strip()


def week_story(store: Store, now: datetime, book: Phrasebook, period: str | None = None) -> Week:
    """The week: wins and days and the goals reached first (or, with no goal reached, the
    biggest gain); then the rest: the gain, steps toward goals, words said clearly for the
    first time. A goal's smaller step is not a goal: steps are told apart."""
    start, end, said = period_span(period, now.date())
    since, until = _at(start, now), _at(end, now)
    done = history.milestones(store, since=since, until=until)
    facts = {"period": said}
    short = [book.say("answer.summary", wins=amount(len(done), "wins"),
                      days=amount(len({d.time.date() for d in done}), "days"), **facts)
             ] if done else []
    more = [_highlight(store, done, now, book)] if done else []
    if goals := history.reached_goals(store, since, until):
        count = "your goal" if len(goals) == 1 else amount(len(goals), "goals")
        short.append(book.say("answer.week_goals", count=count, goals=listing(goals)))
    else:
        short += more[:1]
        more = more[1:]
    if steps := history.reached_goals(store, since, until, steps=True):
        more.append(book.say("answer.week_steps", steps=amount(len(steps), "steps")))
    if words := new_words(store, since, until):
        more.append(book.say("answer.week_practice", words=amount(len(words), "new words"),
                             said=listing([f.target for f in words])))
    if not short:
        return Week(book.say("answer.nothing", **facts), " ".join(more))
    return Week(" ".join(short), " ".join(more))


def week_summary(store: Store, now: datetime, book: Phrasebook, period: str | None = None) -> str:
    """The whole week, as `smallwins report` prints and speaks it: the same story "how was my
    week?" tells, so the patient, the family and the therapist hear one story."""
    return week_story(store, now, book, period).whole


def new_words(store: Store, since: datetime, until: datetime) -> list[practice.First]:
    """Practice targets said clearly for the first time ever within [since, until)."""
    return [f for f in practice.firsts(store, since=since) if f.time < until]
