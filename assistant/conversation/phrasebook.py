"""Reply sentences from `replies.toml`, an editable data file, chosen so that the patient
hears each of a reply's alternatives before any comes back: of a key's sentences, the one
not said for longest in the last 20 replies (with other numbers in it or not) is said."""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources

_SENTENCE_START = re.compile(r"(^|[.!?] )([a-z])")
_TO_THE_PATIENT = {"their": "your", "theirs": "yours", "themselves": "yourself", "they": "you",
                   "them": "you", "they're": "you're", "they've": "you've", "they'll": "you'll",
                   "they'd": "you'd"}
_NEUTRAL_WORD = re.compile(r"\b(?:" + "|".join(_TO_THE_PATIENT) + r")\b(?!')")
ADDRESSED_FACTS = frozenset(("summary", "summaries", "previous", "goal", "goals", "step"))
"""Facts that are stored summaries and goals, kept in a neutral form ("drank their tea"):
a reply says them to the patient."""


@cache
def table() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(resources.files("assistant").joinpath("replies.toml").read_text())


def sentences(text: str) -> str:
    """Each sentence begins with a capital, whatever fact starts it ("today you walked"), so a
    fact is passed as it is said mid-sentence and the template decides where it goes."""
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def addressed(neutral: str) -> str:
    """A stored summary said to the patient: "drank their tea" -> "drank your tea"."""
    return _NEUTRAL_WORD.sub(lambda m: _TO_THE_PATIENT[m.group()], neutral)


@cache
def pattern(template: str) -> re.Pattern[str]:
    """What any rendering of `template` looks like, whatever facts fill it, as whole
    sentences ("Any time." is not the end of "Talk to me any time.")."""
    parts = [re.escape(literal) + (".+?" if name is not None else "")
             for literal, name, _, _ in string.Formatter().parse(template)]
    return re.compile(r"(?:^|(?<=[.!?:] ))" + "".join(parts), re.IGNORECASE)


class Phrasebook:
    def __init__(self, recent: Sequence[str], seed: int) -> None:
        """`recent` are the last replies spoken, newest first; `seed` varies the choice
        among sentences equally fresh."""
        self._recent = recent
        self._seed = seed

    def say(self, key: str, **facts: object) -> str:
        """One sentence for `key` ("section.name"), with the patient's facts filled in."""
        section, name = key.split(".")
        templates = table()[section][name]
        ages = [self._age(t) for t in templates]
        oldest = max(ages)
        fresh = [t for t, age in zip(templates, ages, strict=True) if age == oldest]
        said = {name: addressed(fact) if name in ADDRESSED_FACTS and isinstance(fact, str)
                else fact for name, fact in facts.items()}
        return sentences(fresh[self._seed % len(fresh)].format(**said))

    def _age(self, template: str) -> int:
        """How many replies ago `template` was last said; more than any when not recently."""
        found = pattern(template)
        return next((n for n, reply in enumerate(self._recent) if found.search(reply)),
                    len(self._recent) + 1)
