"""Goals set by voice: stored, broken into smaller steps the way therapists grade them,
tracked from milestones, and finished when reached."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime

from rapidfuzz import fuzz

from assistant.conversation.numbers_and_dates import amount
from assistant.record import history
from assistant.record.history import Goal
from assistant.record.store import Store
from assistant.understand import Milestone, Understanding
from assistant.understand.lexicon import base_form

SAME_GOAL_SIMILARITY = 75
"""How alike (0–100) a milestone's words and a goal's must be to count as that goal done."""

ASSISTANCE_LADDER = (("helper", "with someone beside you"), ("device", "with your walker or cane"),
                     ("independent", "on your own"))
"""Therapists fade help step by step: from a person, to a device, to none."""
DISTANCE_LADDER = ("part of the way", "most of the way, with a rest", "all the way")
INDEPENDENCE = {"helper": 1, "device": 2, "independent": 3}
"""A goal's level of help is met by the same level or less help."""
_HOW_WORDS = (" independently", " with a helper", " by yourself",
              *(f" {words}" for _, words in ASSISTANCE_LADDER), *(f" {w}" for w in DISTANCE_LADDER))


def create(store: Store, utterance_id: int | None, time: datetime,
           understanding: Understanding) -> Goal:
    target = understanding.goal
    text = target.summary if target else understanding.text.strip().rstrip(".")
    goal_id = store.add_goal(utterance_id=utterance_id, time=time, text=text, target=target)
    return history.goal(store, goal_id)


def create_target(store: Store, time: datetime, target: Milestone) -> Goal:
    goal_id = store.add_goal(utterance_id=None, time=time, text=target.summary, target=target)
    return history.goal(store, goal_id)


def matching(store: Store, milestone: Milestone) -> list[Goal]:
    """Active goals a milestone counts toward (same activity, same unit if counted), smallest
    target first, so progress is measured against the next rung of the ladder."""
    found = [
        g for g in history.active_goals(store)
        if g.activity == milestone.activity and (g.target_value is None or g.unit == milestone.unit)
    ]
    return sorted(found, key=lambda g: (g.target_value is None, g.target_value or 0, g.id))


def reached(goal: Goal, milestone: Milestone) -> bool:
    if INDEPENDENCE.get(milestone.assistance or "", 0) < INDEPENDENCE.get(goal.assistance or "", 0):
        return False
    if goal.target_value is not None:
        return milestone.value is not None and milestone.value >= goal.target_value
    return fuzz.token_set_ratio(_bare(goal.text), _bare(milestone.summary)) >= SAME_GOAL_SIMILARITY


def next_step(milestone: Milestone) -> Milestone:
    """A small next target: about a fifth more than today, rounded to a friendly number."""
    value = milestone.value or 0
    target = math.ceil(value * 1.2 / 5) * 5 if value >= 20 else value + max(1, round(value * 0.2))
    verb = base_form(milestone.summary.split(" ", 1)[0])
    return replace(milestone, value=target, summary=f"{verb} {amount(target, milestone.unit)}")


def plan(store: Store, goal: Goal, time: datetime) -> list[str]:
    """Three graded sub-goals, stored under the goal; returns their wording."""
    base = _bare(goal.text)
    rungs: list[tuple[str, float | int | None, str | None]]
    if goal.target_value is not None:
        done = history.milestones(store, activity=goal.activity, unit=goal.unit)
        best = max((d.value or 0 for d in done), default=0)
        start = best if best < goal.target_value else 0
        values = [round(start + (goal.target_value - start) * k / 3) for k in (1, 2, 3)]
        whole = amount(goal.target_value, goal.unit)
        rungs = [(base.replace(whole, amount(v, goal.unit)), v, goal.assistance) for v in values]
    elif goal.assistance == "independent":
        rungs = [(f"{base} {words}", None, help_) for help_, words in ASSISTANCE_LADDER]
    else:
        rungs = [(f"{base} {words}", None, goal.assistance) for words in DISTANCE_LADDER]
    for text, value, assistance in rungs:
        target = Milestone(goal.category or "", goal.activity or "", value, goal.unit,
                           assistance, None, text) if goal.activity else None
        store.add_goal(utterance_id=None, time=time, text=text, target=target, parent_id=goal.id)
    return [text for text, _, _ in rungs]


def _bare(text: str) -> str:
    """A goal's words without how much help was used, for wording sub-goals and comparing."""
    for words in _HOW_WORDS:
        text = text.replace(words, "")
    return text
