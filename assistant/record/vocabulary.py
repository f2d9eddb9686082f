"""The patient's personal vocabulary, read from the record: the names and places (family,
street, therapist) in the practice items the caregiver added, for the recogniser to lean
toward (speech/asr/whisper_engine.py decides when that helps).

Only the names are taken, not every word of an item: a caregiver's "Good morning, Siobhan"
should bias recognition toward "Siobhan", not toward "good". A name is a run of words the
caregiver wrote with a capital ("Dr Okonkwo", "Penrhyn Road"), unless every word of the run
is an everyday word of the built-in practice sets ("Good"). Entries cannot be corrected
anywhere yet, so corrected entries give no words until they can.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from assistant.practice.items import answer_words, builtin_items
from assistant.record.store import Store

_WORD = re.compile(r"[\w'-]+")


def personal_words(store: Store) -> tuple[str, ...]:
    """The names and places in the caregiver's practice items (their words and the other
    answers they accept, "Maggie" for "Margaret"), each once, oldest first."""
    texts: list[str] = []
    for text, accept in store.db.execute("SELECT text, accept FROM practice_items ORDER BY id"):
        texts += [text, *json.loads(accept or "[]")]
    return names(texts)


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
