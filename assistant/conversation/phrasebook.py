"""Reply sentences from `replies.toml`, an editable data file, chosen so that the patient
does not hear the same sentence twice within their last 20 replies."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources


@cache
def table() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(resources.files("assistant").joinpath("replies.toml").read_text())


_SENTENCE_START = re.compile(r"(^|[.!?] )([a-z])")


def sentences(text: str) -> str:
    """Each sentence begins with a capital, whatever fact starts it ("today you walked"), so a
    fact is passed as it is said mid-sentence and the template decides where it goes."""
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


class Phrasebook:
    def __init__(self, recent: Sequence[str], seed: int) -> None:
        """`recent` are the last replies spoken; `seed` varies the choice from turn to turn."""
        self._recent = recent
        self._seed = seed

    def say(self, key: str, **facts: object) -> str:
        """One sentence for `key` ("section.name"), with the patient's facts filled in."""
        section, name = key.split(".")
        options = [sentences(template.format(**facts)) for template in table()[section][name]]
        fresh = [o for o in options if not any(o in reply for reply in self._recent)]
        pool = fresh or options
        return pool[self._seed % len(pool)]
