"""The wake phrase at the start of an utterance, as recognisers actually write it.

The microphone is always open, so the dialog acts only on utterances that start with the
wake phrase ("hey coach, i walked ten steps"). Recognisers spell it many ways: Whisper
writes "Hey, Coach.", Vosk writes "hey coach" or mishears it as "a coach" or "hay coach".
A false wake (a radio line, a sentence about a coach) makes the assistant interrupt the
room, which matters as much as a missed one, so the match is deliberately narrow:

  * only the first words count, each compared with its phrase word: short words ("hey")
    must be heard exactly or as a listed sound-alike, longer ones ("coach") may be a near
    miss of about the same length (rapidfuzz ratio), which keeps out "coaches";
  * at least half the words must be heard exactly, so "a couch" is not "hey coach";
  * a phrase heard only approximately (or a one-word phrase), followed straight on by
    words that continue a sentence about it ("a coach came to see me", "a coach trip"),
    is not a call. Whisper puts a comma or stop after a call, which settles it the other
    way;
  * a phrase run together or split by the recogniser ("heycoach", "hey co ach") counts
    when its letters are exactly the phrase's.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .lexicon import is_finite_verb
from .vocab import VOCAB

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CALL_PUNCTUATION = re.compile(r"[,.!?;:]")
# Phrase words at least this long may be heard as a near miss ("couch" for "coach").
_FUZZY_MIN_CHARS = 4
_FUZZY_CUTOFF = 80.0
_TRIM = " \t\r\n,.;:!?-–—…\"'“”‘’"


def _words(text: str) -> list[tuple[str, int, int]]:
    """Lowercase words without apostrophes, with where each starts and ends in ``text``."""
    return [
        (m.group().lower().replace("'", "").replace("’", ""), m.start(), m.end())
        for m in _WORD.finditer(text)
    ]


def _heard_as(heard: str, wanted: str) -> str | None:
    """ "exact", "near" (a sound-alike or near miss) or None."""
    if heard == wanted:
        return "exact"
    if heard in VOCAB.wake_alike.get(wanted, ()):
        return "near"
    if (
        len(wanted) >= _FUZZY_MIN_CHARS
        and abs(len(heard) - len(wanted)) <= 1
        and fuzz.ratio(heard, wanted) >= _FUZZY_CUTOFF
    ):
        return "near"
    return None


def _continues(text: str, heard: list[tuple[str, int, int]], n: int) -> bool:
    """True when the words after the phrase go on as a sentence about it, not to it."""
    if len(heard) <= n or _CALL_PUNCTUATION.search(text, heard[n - 1][2], heard[n][1]):
        return False
    following = heard[n][0]
    return following in VOCAB.words["wake_continues"] or is_finite_verb(following)


def _phrase_end(text: str, heard: list[tuple[str, int, int]], wanted: list[str]) -> int | None:
    """Where the wake phrase ends in ``text`` when ``heard`` starts with it, else None."""
    n = len(wanted)
    matches = [_heard_as(h[0], w) for h, w in zip(heard, wanted, strict=False)]
    if len(matches) == n and None not in matches:
        exact = matches.count("exact")
        # A multi-word phrase heard exactly is a call; one word ("coach") may be a subject.
        if exact * 2 >= n and ((exact == n > 1) or not _continues(text, heard, n)):
            return heard[n - 1][2]
    whole = "".join(wanted)
    for k in (n - 1, n + 1):
        if 1 <= k <= len(heard) and "".join(h[0] for h in heard[:k]) == whole:
            return heard[k - 1][2]
    return None


def strip_wake(text: str, phrase: str) -> str | None:
    """The rest of ``text`` after the wake ``phrase`` it starts with, or None without it.

    "Hey coach, I walked 20 steps." gives "I walked 20 steps." (the rest keeps its case
    and punctuation for ``understand``); "hey coach" alone gives ""; a phrase said twice
    is stripped twice. Leading fillers ("um hey coach") are skipped.
    """
    wanted = [word for word, _, _ in _words(phrase)]
    if not wanted:
        raise ValueError(f"wake phrase has no words: {phrase!r}")
    rest: str | None = None
    while True:
        heard = _words(text)
        end = None
        for start, (word, _, _) in enumerate(heard):
            end = _phrase_end(text, heard[start:], wanted)
            if end is not None or word not in VOCAB.words["fillers"]:
                break
        if end is None:
            return rest
        text = rest = text[end:].lstrip(_TRIM)
