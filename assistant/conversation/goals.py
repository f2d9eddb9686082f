"""Goals set by voice: stored, broken into smaller steps the way therapists grade them,
tracked from milestones, and finished when reached."""

from __future__ import annotations

import math
import re
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


_LEAD_IN = re.compile(
    r"^(?:(?:so|well|and|okay|ok|um|uh)\W+)*(?:(?:my|the|one|a)\s+(?:\w+\s+)?goal\s+(?:is|would be|"
    r"will be)\s+(?:to\s+)?|i(?:'d| would)?\s+(?:really\s+)?(?:want|like|love|hope|wish|plan|aim|"
    r"need|mean)\s+to\s+|i'?m\s+(?:going|trying|hoping|aiming|working)\s+(?:to|toward|towards)\s+"
    r"|i\s+will\s+|i'll\s+)(?:be\s+able\s+to\s+)?(?:get\s+back\s+to\s+)?", re.I)
"""How a goal is introduced ("I want to be able to…"), not part of the goal itself."""
_PERSON = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
           "i'm": "you're", "i've": "you've", "i'll": "you'll", "i'd": "you'd", "am": "are"}
"""The patient's words said back to them."""


def goal_words(said: str) -> str:
    """A goal said without a recognised activity, worded to be said back: "I want to be able
    to hold my grandson" → "hold your grandson"."""
    text = _LEAD_IN.sub("", " ".join(said.split()).rstrip(".!?"))
    return " ".join(_PERSON.get(w.lower(), w) for w in text.split()) or said


def create(store: Store, utterance_id: int | None, time: datetime,
           understanding: Understanding) -> Goal:
    target = understanding.milestones[0] if understanding.milestones else None
    text = target.summary if target else goal_words(understanding.text)
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


def finished_by(store: Store, milestones: tuple[Milestone, ...], said_done: bool) -> list[Goal]:
    """The goals a turn finishes: every active goal one of its milestones reaches, or, when
    the patient says "I did it" and none is reached, the goal being worked on; a goal's open
    steps go with it. Decided before the turn is committed, so a turn kept in the journal
    finishes the same goals when it is replayed."""
    active = history.active_goals(store)
    done = {g.id: g for m in milestones for g in matching(store, m) if reached(g, m)}
    if said_done and not done and active:
        goal = worked_on(active)
        done[goal.id] = goal
    for step in active:
        if step.parent_id in done:
            done.setdefault(step.id, step)
    return list(done.values())


def worked_on(active: list[Goal]) -> Goal:
    """The goal most recently worked on: the next open step of the latest goal first."""
    return max(active, key=lambda g: (g.parent_id is not None, g.parent_id or 0, -g.id))


def celebrated(done: list[Goal]) -> Goal:
    """Of the goals a turn finished, the one to name: the latest whole goal before a step."""
    return min(done, key=lambda g: (g.parent_id is not None, -g.id))


def last_reached(store: Store) -> tuple[Goal, datetime] | None:
    """The goal (not a step) reached most recently, and when."""
    when = history.done_times(store)
    reached_ = [(g, when[g.id]) for g in history.goals(store)
                if g.parent_id is None and g.id in when]
    return max(reached_, key=lambda pair: (pair[1], pair[0].id), default=None)


def after(goal: Goal) -> Milestone | None:
    """A next target once a counted goal is reached (a little more of the same); None when
    the goal has no number, where only the patient can say what comes next."""
    if goal.target_value is None or not goal.activity:
        return None
    return next_step(Milestone(goal.category or "", goal.activity, goal.target_value,
                               goal.unit, goal.assistance, None, goal.text))


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
