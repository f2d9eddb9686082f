"""Telegraphic speech, as aphasia often leaves it: "steps... yesterday... how many".

A few words between pauses, each fragment a piece of one thought; word order and the little
words are gone. Whether an utterance is said this way, and whether one of its fragments says
what kind of thing it is (a question, a plan, a verdict), is read here for every layer.
"""

from __future__ import annotations

from .normalise import CLAUSE, SENTENCE, split_clauses

_MOST_WORDS = 3
"""A fragment of telegraphic speech has at most this many words."""


def fragments(tokens: tuple[str, ...]) -> list[str]:
    """The fragments between pauses, each as its words joined."""
    return [" ".join(part) for part in split_clauses(tokens)]


def is_telegraphic(tokens: tuple[str, ...], least: int = 3) -> bool:
    """At least ``least`` fragments, none longer than a few words."""
    if tokens.count(CLAUSE) + tokens.count(SENTENCE) < least - 1:
        return False  # most utterances: too few pauses to count, no lists built
    parts = split_clauses(tokens)
    return len(parts) >= least and all(len(part) <= _MOST_WORDS for part in parts)


def fragment_says(tokens: tuple[str, ...], phrases: frozenset[str], least: int = 3) -> bool:
    """Telegraphic, with a fragment that is one of ``phrases`` ("tomorrow", "how many")."""
    return is_telegraphic(tokens, least) and not phrases.isdisjoint(fragments(tokens))
