"""Encouragement grounded in the patient's own record: what a new milestone means against
everything stored before it, in one or two short sentences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from assistant.conversation import goals
from assistant.conversation.numbers_and_dates import amount, day, listing, number, period_span
from assistant.conversation.phrasebook import Phrasebook
from assistant.record import history
from assistant.record.history import Done
from assistant.record.store import Store
from assistant.turn import Progress
from assistant.understand import Milestone

STREAK_WORTH_SAYING = 3


@dataclass(frozen=True)
class Comparison:
    """How one milestone stands against the earlier record of the same activity."""

    kind: Progress
    milestone: Milestone
    previous: Done | None = None
    first: Done | None = None


@dataclass(frozen=True)
class Encouragement:
    text: str
    progress: Progress
    """What it celebrates."""
    offer: str | None = None
    """A yes/no question the reply ends with: "share" or "next_goal"."""
    next_target: Milestone | None = None


_STRENGTH = tuple(Progress)


def compare(store: Store, milestone: Milestone, utterance_id: int, now: datetime) -> Comparison:
    same = history.milestones(store, activity=milestone.activity, before_utterance=utterance_id)
    if not same:
        independent = milestone.assistance == "independent"
        kind = Progress.FIRST_INDEPENDENT if independent else Progress.FIRST_TIME
        return Comparison(kind, milestone)
    if milestone.assistance == "independent" and all(d.assistance != "independent" for d in same):
        return Comparison(Progress.FIRST_INDEPENDENT, milestone)
    counted = [d for d in same if d.unit == milestone.unit and d.value is not None]
    if milestone.value is None or not counted:
        return Comparison(Progress.STEADY, milestone)
    best = max(counted, key=lambda d: d.value or 0)
    if milestone.value > (best.value or 0):
        return Comparison(Progress.PERSONAL_BEST, milestone, best, counted[0])
    start, end, _ = period_span("last_week", now.date())
    last_week = [d for d in counted if start <= d.time.date() < end]
    if last_week:
        top = max(last_week, key=lambda d: d.value or 0)
        if milestone.value > (top.value or 0):
            return Comparison(Progress.BETTER_THAN_LAST_WEEK, milestone, top)
    return Comparison(Progress.STEADY, milestone)


def encourage(
    store: Store, found: tuple[Milestone, ...], utterance_id: int, now: datetime, book: Phrasebook
) -> Encouragement:
    """The reply to milestones just stored: the strongest comparison, plus one extra touch.
    What was done on an earlier day is said back with its day ("Yesterday you walked...")."""
    today = now.date().isoformat()
    earlier = tuple(m for m in found if m.when is not None and m.when != today)
    if earlier:
        said = _another_day(earlier, now, book)
        rest = tuple(m for m in found if m not in earlier)
        if not rest:
            return Encouragement(said, Progress.STEADY)
        cheer = encourage(store, rest, utterance_id, now, book)
        return Encouragement(f"{said} {cheer.text}", cheer.progress, cheer.offer,
                             cheer.next_target)
    comparisons = [compare(store, m, utterance_id, now) for m in found]
    best = min(comparisons, key=lambda c: _STRENGTH.index(c.kind))
    m = best.milestone
    facts = _facts(best, now)
    if best.kind == Progress.STEADY and len(found) > 1:
        facts["summary"] = listing([x.summary for x in found])
    first = book.say(f"milestone.{best.kind}", **facts)
    if best.kind == Progress.FIRST_INDEPENDENT:
        return Encouragement(f"{first} {book.say('also.offer_share')}", best.kind, offer="share")
    ahead = goals.matching(store, m)
    goal = next((g for g in ahead if g.target_value is not None), None)
    if goal is not None and goal.target_value is not None and m.value is not None:
        left = goal.target_value - m.value
        also = book.say("also.goal_progress", amount=amount(m.value, m.unit),
                        target=amount(goal.target_value, goal.unit), left=amount(left, goal.unit))
        return Encouragement(f"{first} {also}", best.kind)
    streak = history.day_streak(store, now.date())
    if streak >= STREAK_WORTH_SAYING and best.kind == Progress.STEADY:
        return Encouragement(f"{first} {book.say('also.streak', days=amount(streak, 'days'))}",
                             best.kind)
    long_ago = best.first is not None and now - best.first.time >= timedelta(days=7)
    if best.kind == Progress.PERSONAL_BEST and best.first and long_ago:
        reflect = book.say("also.reflect", when=day(best.first.time, now.date()),
                           first=amount(best.first.value, best.first.unit))
        return Encouragement(f"{first} {reflect}", best.kind)
    if best.kind == Progress.PERSONAL_BEST and not ahead and m.value is not None:
        target = goals.next_step(m)
        offer = book.say("also.offer_next_goal", next=amount(target.value, target.unit))
        return Encouragement(f"{first} {offer}", best.kind, offer="next_goal",
                             next_target=target)
    return Encouragement(first, best.kind)


def _another_day(earlier: tuple[Milestone, ...], now: datetime, book: Phrasebook) -> str:
    """ "Yesterday you walked 20 steps." for milestones said about days before today."""
    first = earlier[0].when or now.date().isoformat()
    when = day(date.fromisoformat(first), now.date())
    same_day = [m.summary for m in earlier if m.when == first]
    said = book.say("milestone.another_day", when=when, summary=listing(same_day))
    others = tuple(m for m in earlier if m.when != first)
    return f"{said} {_another_day(others, now, book)}" if others else said


def _facts(comparison: Comparison, now: datetime) -> dict[str, str]:
    m, previous = comparison.milestone, comparison.previous
    facts = {"summary": m.summary, "amount": amount(m.value, m.unit)}
    if previous is not None and m.value is not None and previous.value is not None:
        facts["previous"] = amount(previous.value, previous.unit)
        facts["more"] = number(m.value - previous.value)
        facts["when"] = day(previous.time, now.date())
    return facts
