"""Answers to spoken questions about progress, from the stored record, in one or two sentences."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from assistant.conversation.numbers_and_dates import amount, day, listing, number, period_span
from assistant.conversation.phrasebook import Phrasebook
from assistant.record import history, practice
from assistant.record.history import Done
from assistant.record.store import Store
from assistant.understand import Query


def answer(store: Store, query: Query | None, now: datetime, book: Phrasebook) -> str:
    kind = query.kind if query else "summary"
    period = query.period if query else None
    if kind == "week":
        return week_summary(store, now, book, period)
    start, end, said = period_span(period, now.date())
    done = history.milestones(
        store,
        activity=query.activity if query else None,
        unit=query.unit if query and kind == "total" else None,
        category=query.category if query else None,
        since=_at(start, now),
        until=_at(end, now),
    )
    facts = {"period": said[0].upper() + said[1:], "period_lower": said}
    if kind == "goals":
        return _goals(store, book)
    if kind == "streak":
        days = history.day_streak(store, now.date())
        if not days:
            return book.say("answer.no_streak")
        return book.say("answer.streak", days=number(days))
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
                    entries=f"{entries} {'entry' if entries == 1 else 'entries'}", **facts)


def _best(store: Store, query: Query | None, now: datetime, book: Phrasebook) -> str:
    done = [d for d in history.milestones(
        store, activity=query.activity if query else None, unit=query.unit if query else None,
    ) if d.value is not None]
    if not done:
        return book.say("answer.nothing", period="So far", period_lower="so far")
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
    days = len({d.time.date() for d in done})
    wins = f"{len(done)} {'win' if len(done) == 1 else 'wins'}"
    highlight = _highlight(store, done, now, book)
    return book.say("answer.summary", wins=wins,
                    days=f"{days} {'day' if days == 1 else 'days'}", highlight=highlight, **facts)


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
        return book.say("answer.highlight_best", activity=first.activity.replace("_", " "),
                        amount=amount(top.value, top.unit), first=amount(first.value, first.unit))
    streak = history.day_streak(store, now.date())
    if streak >= 2:
        return book.say("answer.highlight_streak", streak=number(streak))
    return book.say("answer.highlight_plain")


def week_span(period: str | None, today: date) -> tuple[date, date, str]:
    """The days [start, end) "my week" covers and how to say it: the seven days ending today,
    because asked on a Monday the calendar week has hardly begun; the calendar week before
    when "last week" is asked."""
    if period == "last_week":
        return period_span(period, today)
    return today - timedelta(days=6), today + timedelta(days=1), "this past week"


def week_summary(store: Store, now: datetime, book: Phrasebook, period: str | None = None) -> str:
    """The week in a few sentences: wins and days, the biggest gain, goals reached, words said
    clearly for the first time. "How was my week?" and `smallwins report` (its headline and
    --speak) all say this, so the patient, the family and the therapist hear one story."""
    start, end, said = week_span(period, now.date())
    since, until = _at(start, now), _at(end, now)
    done = history.milestones(store, since=since, until=until)
    facts = {"period": said[0].upper() + said[1:], "period_lower": said}
    parts = [_summary(store, done, now, book, facts)] if done else []
    if goals := history.reached_goals(store, since, until):
        count = "a goal" if len(goals) == 1 else f"{len(goals)} goals"
        parts.append(book.say("answer.week_goals", count=count, goals=listing(goals)))
    if words := new_words(store, since, until):
        count = "a new word" if len(words) == 1 else f"{len(words)} new words"
        parts.append(book.say("answer.week_practice", words=count))
    return " ".join(parts) or book.say("answer.nothing", **facts)


def new_words(store: Store, since: datetime, until: datetime) -> list[practice.First]:
    """Practice targets said clearly for the first time ever within [since, until)."""
    return [f for f in practice.firsts(store, since=since) if f.time < until]
