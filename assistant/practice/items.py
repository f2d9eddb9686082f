"""Practice items: the built-in sets (one TOML file per exercise kind, in `sets/`), the
caregiver's personal items, and a therapist's homework list.

Sets are data so a speech-language therapist can change them without touching code. Each item
has a level (1 easy – 3 hard) because the session adapts the difficulty per kind.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from assistant.understand.numbers import spoken_to_digits

KINDS = ("repetition", "naming", "automatic", "functional", "reading")
"""Exercise kinds, in the order a mixed session visits them."""
LEVELS = (1, 2, 3)

_DEFAULT_PROMPT = "Say after me: {target}."
_SEPARATORS = re.compile(r"[;\n]")


class ItemsError(ValueError):
    """A practice list or file cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Item:
    """One thing to say. `prompt` is the spoken cue; `accept` lists other right answers."""

    kind: str
    level: int
    target: str
    prompt: str
    accept: tuple[str, ...] = ()
    personal: bool = False
    """Added by the caregiver: the patient's own names and places, offered first."""

    @property
    def answers(self) -> tuple[str, ...]:
        """The target and its alternatives, each also with its numbers in digits as Whisper
        writes them ("twenty five" and "25"): read against the audio, the spelt-out form is
        far less likely than the digits Whisper would write, and a right answer failed."""
        said = (self.target, *self.accept)
        digits = [d for a in said if (d := spoken_to_digits(a.lower())) != a.lower()]
        return tuple(dict.fromkeys([*said, *digits]))


def make_item(
    target: str,
    kind: str = "repetition",
    level: int | None = None,
    prompt: str | None = None,
    accept: Iterable[str] = (),
    personal: bool = False,
) -> Item:
    """An item with the kind's default cue and a level guessed from length when not given."""
    target = " ".join(target.split())
    if not target:
        raise ItemsError("A practice item needs some words to say.")
    if kind not in KINDS:
        raise ItemsError(f"Unknown exercise kind '{kind}'; choose one of {', '.join(KINDS)}.")
    if level is not None and level not in LEVELS:
        raise ItemsError(f"Level {level} does not exist; levels go from 1 to {LEVELS[-1]}.")
    template = prompt or _kind_prompt(kind)
    return Item(
        kind=kind,
        level=level or guess_level(target),
        target=target,
        prompt=template.format(target=target) if "{target}" in template else template,
        accept=tuple(a.strip() for a in accept if a.strip()),
        personal=personal,
    )


def guess_level(target: str) -> int:
    """Longer answers are harder to produce: one short word is level 1, a sentence level 3."""
    words = target.split()
    if len(words) == 1:
        return 1 if len(words[0]) <= 6 else 2
    return 2 if len(words) <= 4 else 3


@cache
def builtin_items() -> tuple[Item, ...]:
    """Every item of the packaged sets, in file order."""
    folder = resources.files("assistant.practice").joinpath("sets")
    found: list[Item] = []
    for kind in KINDS:
        found.extend(_from_table(tomllib.loads(folder.joinpath(f"{kind}.toml").read_text())))
    return tuple(found)


@cache
def _kind_prompt(kind: str) -> str:
    folder = resources.files("assistant.practice").joinpath("sets")
    prompt: str = tomllib.loads(folder.joinpath(f"{kind}.toml").read_text()).get(
        "prompt", _DEFAULT_PROMPT
    )
    return prompt


def parse_list(text: str) -> list[Item]:
    """A homework list, "butterfly; good morning; my name is Ann", as repetition items."""
    items = [make_item(part) for part in _SEPARATORS.split(text) if part.strip()]
    if not items:
        raise ItemsError("The practice list is empty; separate items with ';'.")
    return items


def read_file(path: Path, personal: bool = False) -> list[Item]:
    """A .toml file in the sets' format (kind, prompt, items) or a text file, one item a line."""
    if not path.is_file():
        raise ItemsError(f"{path}: no such file.")
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".toml":
            return _from_table(tomllib.loads(text), personal)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise ItemsError(f"{path}: not a readable practice file ({error}).") from error
    lines = [line.split("#", 1)[0] for line in text.splitlines()]
    items = [make_item(line, personal=personal) for line in lines if line.strip()]
    if not items:
        raise ItemsError(f"{path}: there are no items in it.")
    return items


def _from_table(table: dict[str, Any], personal: bool = False) -> list[Item]:
    kind = table.get("kind", "repetition")
    default = table.get("prompt")
    return [
        make_item(
            entry["target"],
            kind=entry.get("kind", kind),
            level=entry.get("level"),
            prompt=entry.get("prompt", default),
            accept=entry.get("accept", ()),
            personal=personal,
        )
        for entry in table["items"]
    ]


def answer_words(items: Sequence[Item]) -> list[str]:
    """Every distinct word of the items' answers, lowercased, in order of first appearance."""
    words: dict[str, None] = {}
    for item in items:
        for answer in item.answers:
            words.update((w, None) for w in re.findall(r"[\w']+", answer.lower()))
    return list(words)
