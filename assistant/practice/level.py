"""Adaptive difficulty, one level per exercise kind, decided on whole items, not attempts.

Therapy keeps a patient succeeding most of the time: too easy teaches nothing, repeated
failure discourages. So the level goes up only after UP_AFTER items in a row were said right
on the first try, and down after DOWN_AFTER items in a row ended without success (skipped or
missed on every try). An item passed only after a retry is progress at the right level and
resets both counts. The state is stored per patient (practice_levels), so it carries over
from one day to the next.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from assistant.practice.items import LEVELS

UP_AFTER = 3
DOWN_AFTER = 2


class Outcome(Enum):
    FIRST_TRY = "first_try"
    WITH_RETRY = "with_retry"
    MISSED = "missed"


@dataclass(frozen=True)
class LevelState:
    level: int = LEVELS[0]
    wins: int = 0
    """Items in a row passed on the first try, at this level."""
    misses: int = 0
    """Items in a row that ended without success, at this level."""


def after_item(state: LevelState, outcome: Outcome) -> LevelState:
    """The level state once an item is over; counts restart whenever the level changes."""
    if outcome is Outcome.FIRST_TRY:
        state = replace(state, wins=state.wins + 1, misses=0)
    elif outcome is Outcome.MISSED:
        state = replace(state, wins=0, misses=state.misses + 1)
    else:
        state = replace(state, wins=0, misses=0)
    if state.wins >= UP_AFTER and state.level < LEVELS[-1]:
        return LevelState(state.level + 1)
    if state.misses >= DOWN_AFTER and state.level > LEVELS[0]:
        return LevelState(state.level - 1)
    return state
