"""What the milestone finder marks in an utterance (the activities it mentions, the amounts
it hears) and what it makes of them (a Milestone). The finder (milestones.py), the phrase
builder (summary.py) and the package's `understand` all use them, so they live here rather
than in any one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .vocab import Activity


@dataclass(frozen=True)
class Milestone:
    """One thing done (or, for a goal, to be done); ``when`` is the ISO date it happened
    (None for a goal's target, which has not happened)."""

    category: str
    activity: str
    value: int | float | None
    unit: str | None
    assistance: str | None
    side: str | None
    summary: str
    when: str | None = None

    def to_dict(self) -> dict[str, Any]:
        fields = {
            "category": self.category,
            "activity": self.activity,
            "value": self.value,
            "unit": self.unit,
            "assistance": self.assistance,
            "side": self.side,
            "summary": self.summary,
        }
        return fields if self.when is None else {**fields, "when": self.when}


@dataclass(frozen=True)
class Quantity:
    """An amount heard in the utterance, already in a canonical unit."""

    value: int | float
    unit: str | None
    pos: int
    end: int
    noun: str | None = None
    said: str | None = None
    """The amount in the patient's own unit when it was converted ("half a mile", kept in
    meters), so that it is said back the way they said it."""
    counts_back: bool = False
    """A number that counts the activity named before it ("the stairs, all 14 of them",
    "squeeze ball... 30"): its unit is what the activity counts in."""
    took: bool = False
    """How long it took ("all 25 pegs in under 4 minutes"): when a count is said too, the count
    is the amount done."""
    often: bool = False
    """How often ("for two minutes, a couple of times a day"): when another amount is said, that
    one is the amount done; alone it is the target ("the stairs twice a day")."""


@dataclass(frozen=True)
class Limb:
    """A side named with its body part ("with my left hand"): after a stroke, which side did
    it matters to the therapist."""

    side: str
    part: str
    by: str | None = None
    """The word that linked it to the activity ("with", "on"), if one did."""


@dataclass
class Mention:
    """One activity the utterance talks about."""

    activity: Activity
    start: int
    end: int
    weak: bool = False
    from_unit: bool = False
    reordered: bool = False
    """Read with its fragments the other way round ("hair... brushed"): its words are not
    in the order a summary can quote."""
    clause: int = 0
    sentence: int = 0
    quantities: list[Quantity] = field(default_factory=list)
    assistance: set[str] = field(default_factory=set)
    devices: list[str] = field(default_factory=list)
    limbs: list[Limb] = field(default_factory=list)
    negative: bool = False
    goal: bool = False
