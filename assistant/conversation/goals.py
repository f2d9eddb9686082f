"""Goals set by voice: stored, broken into smaller steps the way therapists grade them,
tracked from milestones, and finished when reached."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import replace
from datetime import datetime
from functools import cache
from importlib import resources

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
HANDS_LADDER = (("helper", "with someone helping"), ("helper", "with someone nearby, just in case"),
                ("independent", "on your own"))
"""The same fading for tasks done with the hands, where no walking aid comes in: physical
help, then someone watching, then none."""
DISTANCE_LADDER = ("part of the way", "most of the way, with a rest", "all the way")
INDEPENDENCE = {"helper": 1, "device": 2, "independent": 3}
"""A goal's level of help is met by the same level or less help."""
MOBILITY = "mobility"
SMALLEST_STEP = {"steps": 5, "stairs": 2, "meters": 10, "feet": 20, "minutes": 1, "seconds": 10,
                 "laps": 1, "blocks": 1, "times": 1, "words": 1, "sentences": 1}
"""The least a step of a plan should add, besides a tenth of the goal: smaller steps are
no easier to tell apart than the goal itself."""
_HOW_WORDS = (" independently", " with a helper", " by themselves",
              *(f" {words}" for _, words in (*ASSISTANCE_LADDER, *HANDS_LADDER)),
              *(f" {w}" for w in DISTANCE_LADDER))


@cache
def _subtasks() -> dict[str, list[str]]:
    text = resources.files("assistant.conversation").joinpath("plans.toml").read_text()
    return dict(tomllib.loads(text)["subtasks"])


_LEAD_IN = re.compile(
    r"^(?:(?:so|well|and|okay|ok|um|uh)\W+)*(?:(?:my|the|one|a)\s+(?:\w+\s+)?goal\s+(?:is|would be|"
    r"will be)\s+(?:to\s+)?|i(?:'d| would)?\s+(?:really\s+)?(?:want|like|love|hope|wish|plan|aim|"
    r"need|mean)\s+to\s+|i'?m\s+(?:going|trying|hoping|aiming|working)\s+(?:to|toward|towards)\s+"
    r"|i\s+will\s+|i'll\s+)(?:be\s+able\s+to\s+)?(?:get\s+back\s+to\s+)?", re.I)
"""How a goal is introduced ("I want to be able to…"), not part of the goal itself."""
_PERSON = {"i": "they", "me": "them", "my": "their", "mine": "theirs", "myself": "themselves",
           "i'm": "they're", "i've": "they've", "i'll": "they'll", "i'd": "they'd", "am": "are"}
"""The patient's words kept in a neutral form, as summaries are."""


def goal_words(said: str) -> str:
    """A goal said without a recognised activity, kept as a summary is: "I want to be able
    to hold my grandson" → "hold their grandson"."""
    text = _LEAD_IN.sub("", " ".join(said.split()).rstrip(".!?"))
    return " ".join(_PERSON.get(w.lower(), w) for w in text.split()) or said


def create(store: Store, utterance_id: int | None, time: datetime,
           understanding: Understanding) -> Goal:
    target = understanding.goal
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
    """Graded smaller steps, stored under the goal; returns their wording: just the goal's when
    it is already close (nothing stored), nothing when no sensible breakdown exists (then the
    patient is asked for a first small step)."""
    rungs = _graded(store, goal)
    for text, value, assistance in rungs if len(rungs) > 1 else ():
        add_step(store, goal, time, text, value, assistance)
    return [text for text, _, _ in rungs]


def add_step(store: Store, goal: Goal, time: datetime, text: str,
             value: float | int | None = None, assistance: str | None = None) -> None:
    """One smaller step under `goal`, tracked like it (same activity) when it has one."""
    target = Milestone(goal.category or "", goal.activity or "", value, goal.unit,
                       assistance, None, text) if goal.activity else None
    store.add_goal(utterance_id=None, time=time, text=text, target=target, parent_id=goal.id)


Rung = tuple[str, float | int | None, str | None]


def _graded(store: Store, goal: Goal) -> list[Rung]:
    """The way a therapist grades a task: by amount (or duration) in steps far enough apart
    to feel different; by help faded, from a person to a device to none; by distance for
    getting somewhere; by sub-task for a goal whose parts are known (plans.toml)."""
    base = _bare(goal.text)
    if goal.target_value is not None:
        return [(base.replace(amount(goal.target_value, goal.unit), amount(v, goal.unit)), v,
                 goal.assistance) for v in _amounts(store, goal)]
    mobility = goal.category == MOBILITY
    if goal.activity and goal.assistance == "independent":
        ladder = ASSISTANCE_LADDER if mobility else HANDS_LADDER
        return [(f"{base} {words}", None, help_) for help_, words in ladder]
    if goal.activity and mobility:
        return [(f"{base} {words}", None, goal.assistance) for words in DISTANCE_LADDER]
    verb, _, rest = base.partition(" ")
    known = _subtasks().get(verb.lower())
    if known:
        return [(step.format(rest=rest or "it").strip(), None, None) for step in known]
    return []


def _amounts(store: Store, goal: Goal) -> list[float | int]:
    """Up to three amounts from the best so far to the goal, each at least a tenth of the goal
    (and SMALLEST_STEP) above the one before, rounded to numbers people say; just the goal
    when the best is already that close."""
    target = goal.target_value or 0
    done = history.milestones(store, activity=goal.activity, unit=goal.unit)
    best = max((d.value or 0 for d in done), default=0)
    start = best if best < target else 0
    least = max(target / 10, SMALLEST_STEP.get(goal.unit or "", 1))
    count = min(3, int((target - start) // least))
    values: list[float | int] = []
    for k in range(1, count + 1):
        value = _friendly(start + (target - start) * k / count, least)
        if value > (values[-1] if values else start) and value < target:
            values.append(value)
    return [*values, target]


def _friendly(value: float, least: float) -> int:
    """A number a therapist would say: to the nearest 5 once steps are 5 or more apart."""
    return int(round(value / 5) * 5) if least >= 5 and value >= 20 else round(value)


def _bare(text: str) -> str:
    """A goal's words without how much help was used, for wording sub-goals and comparing."""
    for words in _HOW_WORDS:
        text = text.replace(words, "")
    return text
