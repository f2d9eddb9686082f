"""Is a sentence finished? Decides whether a pause is the end of the patient's turn.

People with aphasia pause for seconds while finding a word ("i walked… um… to the…
kitchen"). When the words so far stop where no sentence can end, on a filler, a
conjunction, an article, "to", a preposition, or a verb still waiting for its object or
amount, the assistant keeps listening instead of answering half a sentence.

The verb rule leans on the recogniser's punctuation. Whisper ends a sentence said with a
falling voice with a full stop ("I walked.", "Ever tried.") and one broken off with "..." or
nothing; a bare past-tense verb is held only without that full stop. Vosk has no punctuation,
so there every past-tense verb at the end is held, except the few that end finished updates in
the labelled data (`unfinished.toml`). In the labelled utterances (tests/data), 18 of 585
past-tense verb forms end one, most in questions ("how many steps have i walked") or commands
("i'm done"), so a past-tense verb at the end nearly always has more to come; even with no
punctuation at all, 3 of the 797 (finished) utterances are held, one a lone "Mmm.". Holding a
finished sentence costs a wait of at most --max-pause; answering an unfinished one splits it
in two.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from .lexicon import verb_form
from .vocab import VOCAB

_WORD = re.compile(r"[a-z0-9']+")
_CLOSED = re.compile(r"(?<!\.)[.!?]$")
"""A full stop, "!" or "?" (not the "..." of a voice trailing off)."""
_BROKEN_OFF = re.compile(r"[-\u2014\u2013]$")
"""A word cut short ("Bel-")."""


def unfinished(text: str) -> bool:
    """True when `text` (a transcript) stops where a sentence cannot end."""
    stripped = text.strip()
    words = _WORD.findall(stripped.lower().replace("\u2019", "'"))
    if not words:
        return False
    if _BROKEN_OFF.search(stripped):
        return True
    if trails_off(words[-1]):
        return True
    table = _words()
    return (
        _waiting_verb(words[-1], table)
        and not _CLOSED.search(stripped)
        and words[0] not in table["question_words"]
    )


_NEEDS_MORE = ("conjunctions", "determiners", "prepositions")


def trails_off(word: str) -> bool:
    """True for a word nothing can end on: a filler, conjunction, determiner or preposition
    ("the thing with the...")."""
    table = _words()
    return word in VOCAB.words["fillers"] or any(word in table[k] for k in _NEEDS_MORE)


def _waiting_verb(word: str, table: dict[str, frozenset[str]]) -> bool:
    if word in table["auxiliaries"]:
        return True
    form = verb_form(word)
    return bool(form and form.base and form.past_only and form.base not in table["finished_verbs"])


@cache
def _words() -> dict[str, frozenset[str]]:
    raw = tomllib.loads(
        resources.files(__package__).joinpath("unfinished.toml").read_text(encoding="utf-8")
    )
    return {key: frozenset(values) for key, values in raw.items()}
