"""Recognised speech understood again with a misheard amount put right by its sound.

Whisper writes a word it knows better than the one said, and in an amount that is often the
unit after a number ("45 men" for "45 min") or the number before a unit ("wrote free words").
When what was heard gives no milestone, or one without an amount and its unit, each word in
one of those two places that sounds very like a unit or a number (speech.phonemes) is tried
in its place, nearest first, and the first reading with more amounts read with their unit is
the one understood. Only recognised speech is read this way,
never typed text; the transcript is stored as heard, the understanding keeps the reading used.

Tried and not kept (README, "Speed"): activity words anywhere ("I got rest" for "I got
dressed") mended two clips and made up milestones from plain talk ("turn the lights off" read
as "turn the writes off"); units up to 0.34 or 0.42 away read "six sitters" (sit-to-stands) as
"six meters" and a typed "five items" as "five times".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import cache

from assistant.understand import Understanding, understand
from assistant.understand.vocab import VOCAB
from speech.phonemes import Phonemes, near_words, phonemes

NEAR = 0.25
"""How far (speech.phonemes.distance) a heard word may sound from the unit or number put in
its place."""
_WORD = re.compile(r"[A-Za-z]+")
_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
                 r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|couple")
_AFTER_NUMBER = re.compile(rf"(?:\d|\b(?:{_NUMBER_WORDS}))[\s-]*$", re.IGNORECASE)
_NUMBER_WORD = re.compile(rf"(?:{_NUMBER_WORDS})$")
_COUNTED = sorted((w for w, (unit, _) in VOCAB.unit_forms.items() if unit != "times"),
                  key=len, reverse=True)
"""Units a number may be misheard before; not "time", "go" or "round" ("in my free time")."""
_BEFORE_UNIT = re.compile(r"[\s-]+(?:" + "|".join(_COUNTED) + r")\b", re.IGNORECASE)
_TRIED = frozenset({"milestone", "other"})
"""Intents worth a second reading: a command, question, feeling or alarm is left as heard."""

Sounds = Callable[[Iterable[str]], dict[str, Phonemes]]


def understand_heard(text: str, today: date | None = None, sounds: Sounds = phonemes
                     ) -> Understanding:
    """`text` as the recogniser heard it, understood; if that finds no milestone, or an
    amount without its unit, the nearest-sounding repair that does find one."""
    heard = understand(text, today)
    if heard.intent not in _TRIED or not _lacking(heard):
        return heard
    for repaired in _repairs(text, sounds):
        reading = understand(repaired, today)
        if reading.intent == "milestone" and _fuller(reading, heard):
            return reading
    return heard


def _lacking(u: Understanding) -> bool:
    """No milestone, or one without an amount or its unit."""
    return not u.milestones or any(m.value is None or m.unit is None for m in u.milestones)


def _fuller(reading: Understanding, heard: Understanding) -> bool:
    """More amounts read with their unit than were heard: a repair must complete an amount
    that was said, which a word that merely sounds like an activity seldom does by chance
    ("turn the lights off" is not "turn the writes off")."""
    return _with_unit(reading) > _with_unit(heard)


def _with_unit(u: Understanding) -> int:
    return sum(m.value is not None and m.unit is not None for m in u.milestones)


def _repairs(text: str, sounds: Sounds) -> Iterator[str]:
    """`text` with one word replaced by one that sounds like it, nearest first: a unit right
    after a number, or a number right before a unit."""
    slots = [(m, kind) for m in _WORD.finditer(text) if (kind := _slot(text, m)) is not None]
    if not slots:
        return
    said = sounds({m.group().lower() for m, _ in slots} | _units() | _numbers())
    found: list[tuple[float, int, str]] = []
    for index, (match, kind) in enumerate(slots):
        word = match.group().lower()
        if word in said:
            among = {w: said[w] for w in kind if w in said}
            found += [(gap, index, other) for gap, other in near_words(said[word], among, NEAR)]
    for _gap, index, other in sorted(found):
        match = slots[index][0]
        yield text[: match.start()] + other + text[match.end():]


def _slot(text: str, match: re.Match[str]) -> frozenset[str] | None:
    """What the word at `match` may stand for: a unit after a number, a number before a unit
    (a word the understanding layer already knows is taken as heard)."""
    word = match.group().lower()
    if len(word) < 2 or _NUMBER_WORD.match(word):
        return None
    if _AFTER_NUMBER.search(text[: match.start()]) and word not in VOCAB.english:
        return _units()
    if _BEFORE_UNIT.match(text, match.end()) and word not in VOCAB.words["function"]:
        return _numbers()
    return None


@cache
def _units() -> frozenset[str]:
    """Unit words said in full ("min", not "hrs", whose letters espeak-ng would spell)."""
    return frozenset(w for w in VOCAB.unit_forms if len(w) >= 3 and re.search("[aeiouy]", w))


@cache
def _numbers() -> frozenset[str]:
    """Number words a count is said with ("three", not "hundred", said after another)."""
    return frozenset(w for w in _NUMBER_WORDS.split("|")
                     if w.isalpha() and w not in ("hundred", "dozen", "couple")) | frozenset(
        ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))
