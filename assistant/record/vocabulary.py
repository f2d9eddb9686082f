"""The patient's personal vocabulary, read from the record: the names and places (family,
street, therapist) in the practice items the caregiver added and in the corrections they made
of what the assistant misheard, for the recogniser to lean toward
(speech/asr/whisper_engine.py decides when that helps).

Only the names are taken, not every word of an item: a caregiver's "Good morning, Siobhan"
should bias recognition toward "Siobhan", not toward "good". A name is a run of words the
caregiver wrote with a capital ("Dr Okonkwo", "Penrhyn Road"), unless every word of the run
is an everyday word of the built-in practice sets ("Good"). From a correction, only the
words the recogniser missed count: "Walked with Siobhan" for "walked with shove on" gives
"Siobhan", not the sentence's capital "Walked".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from assistant.practice.items import answer_words, builtin_items
from assistant.record import history
from assistant.record.store import Store

_WORD = re.compile(r"[\w'-]+")


def personal_words(store: Store) -> tuple[str, ...]:
    """The names and places in the caregiver's practice items (their words and the other
    answers they accept, "Maggie" for "Margaret") and in their corrections, each once, oldest
    first."""
    texts: list[str] = []
    for text, accept in store.db.execute("SELECT text, accept FROM practice_items ORDER BY id"):
        texts += [text, *json.loads(accept or "[]")]
    return names([*texts, *(missed(h, c) for h, c in history.corrections(store))])


def missed(heard: str, corrected: str) -> str:
    """The corrected words the recogniser did not hear, in order; a heard word between them
    splits them ("Siobhan, Dr Okonkwo" for "with Siobhan and Dr Okonkwo" heard as "with
    shove on and doctor come")."""
    heard_words = {word.lower() for word in _WORD.findall(heard)}
    kept = [word if word.lower() not in heard_words else "," for word in _WORD.findall(corrected)]
    return " ".join(kept)


def names(texts: Iterable[str]) -> tuple[str, ...]:
    """The runs of capitalised words in `texts` that are not all everyday words, each once
    (compared without case), in order of first appearance."""
    everyday = set(answer_words(builtin_items()))
    found: dict[str, str] = {}
    for text in texts:
        for run in _capitalised_runs(text):
            if any(word.lower() not in everyday for word in run):
                found.setdefault(" ".join(run).lower(), " ".join(run))
    return tuple(found.values())


def _capitalised_runs(text: str) -> list[list[str]]:
    """Runs of neighbouring words that start with a capital letter ("I" is not a name); a
    comma, full stop or other punctuation between words ends a run."""
    runs: list[list[str]] = []
    for piece in re.split(r"[^\w\s'-]", text):
        run: list[str] = []
        for word in _WORD.findall(piece):
            if word[0].isupper() and word != "I":
                run.append(word)
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
    return runs
