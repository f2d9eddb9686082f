"""English word forms, as lemminflect gives them, kept small.

lemminflect (an English lemmatiser that ships its tables) answers every question here, but its
tables take about 60 MB once loaded, a quarter of the home device's memory budget. So
``lexicon.json.gz`` keeps only the answers the assistant asks for: the inflections of every
word in ``vocabulary.toml``, and for every English verb form its bare verb, simple past and
tense; and the first names gender-guesser knows that are no English word.
``scripts/build_lexicon.py`` writes it from lemminflect and gender-guesser, and a test checks
that it still matches. A word it does not hold (one a therapist has just added to the
vocabulary) is asked of lemminflect itself, and so is every word if the file is missing: that
costs memory, not answers.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import tomllib
from dataclasses import astuple, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

TABLE = "lexicon.json.gz"


@dataclass(frozen=True)
class VerbForm:
    """What the extractor needs to know about one verb form ("stood")."""

    base: str
    """The bare verb ("stand"); empty for a form that is only an auxiliary."""
    past: str
    """The simple past of `base`; empty when there is none."""
    past_only: bool
    """Only ever past tense ("walked", "stood"; not "read" or "put")."""
    finite: bool
    """Needs a subject ("came", "is", "takes"; not "take" or "read")."""


@cache
def inflections(word: str) -> frozenset[str]:
    """Every inflected form of ``word`` (and of its lemmas), the word itself included."""
    if " " in word or "-" in word or not word.isalpha():
        head, _, last = word.rpartition(" ")
        forms = {word}
        if head and last.isalpha():
            forms |= {f"{head} {form}" for form in inflections(last)}
        return frozenset(forms)
    table = _table()
    known = table["inflections"].get(word) if table else None
    found = frozenset(known) if known is not None else frozenset(word_inflections(word))
    return found | _regular_forms(word)


def _regular_forms(word: str) -> frozenset[str]:
    """``word`` inflected by rule: a verb lemminflect knows only as a noun ("hoover" ->
    "hoovered"), or whose regular past it does not give ("knit" -> "knitted")."""
    if word.endswith("e"):
        return frozenset((word + "s", word + "d", word[:-1] + "ing"))
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return frozenset((word[:-1] + "ies", word[:-1] + "ied", word + "ing"))
    forms = {word + "s", word + "ed", word + "ing"}
    if re.fullmatch(r"[a-z]*[^aeiou][aeiou][^aeiouwxy]", word):  # "knit" -> "knitted"
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return frozenset(forms)


@cache
def verb_form(word: str) -> VerbForm | None:
    """``word`` as a verb form; None when it cannot be one."""
    table = _table()
    if table is None:
        return ask_verb_form(word)
    known = table["verbs"].get(word)
    return VerbForm(*known) if known else None


def is_verb(word: str) -> bool:
    """True when ``word`` can be a verb form ("walked", "read"; not "crossword")."""
    form = verb_form(word)
    return bool(form and form.base)


def base_form(word: str) -> str:
    """The bare verb of a verb form ("walked" -> "walk"); other words unchanged."""
    form = verb_form(word)
    return form.base if form and form.base else word


def past_tense(word: str) -> str:
    """The simple past of a verb form ("walk", "walking" -> "walked"); other words unchanged."""
    form = verb_form(word)
    return form.past if form and form.past else word


def is_past_only(word: str) -> bool:
    form = verb_form(word)
    return bool(form and form.past_only)


def with_g(word: str) -> str | None:
    """The word a spelling with its final g dropped stands for ("slurrin" -> "slurring",
    "mornin" -> "morning"), or None: a word of its own ("basin", "robin") or no such word."""
    table = _table()
    if table is None:
        return ask_with_g(word)
    found: str | None = table["dropped_g"].get(word)
    return found


def is_first_name(word: str) -> bool:
    """A first name that is no English word ("dave", "siobhan"; not "mark" or "will"), from
    gender-guesser's list of names in many countries."""
    table = _table()
    return word in (table["names"] if table else ask_first_names())


def is_finite_verb(word: str) -> bool:
    form = verb_form(word)
    return bool(form and form.finite)


@cache
def _table() -> dict[str, dict[str, Any]] | None:
    try:
        with resources.files(__package__).joinpath(TABLE).open("rb") as raw:
            table: dict[str, dict[str, Any]] = json.loads(gzip.decompress(raw.read()))
            return table
    except FileNotFoundError:
        log.warning("%s is missing: asking lemminflect instead (about 60 MB more)", TABLE)
        return None


# -- asking lemminflect (building the table, and for words it does not hold) ---------------


def word_inflections(word: str) -> set[str]:
    from lemminflect import getAllInflections, getAllLemmas

    forms, lemmas = {word}, {word}
    for found in getAllLemmas(word).values():
        lemmas.update(found)
    for lemma in lemmas:
        for found in getAllInflections(lemma).values():
            forms.update(found)
    return forms


def ask_verb_form(word: str) -> VerbForm | None:
    from lemminflect import getAllLemmas, getInflection

    lemmas = getAllLemmas(word)
    verbs = lemmas.get("VERB", ())
    finite = any(
        word != lemma and word in (*getInflection(lemma, "VBD"), *getInflection(lemma, "VBZ"))
        for lemma in (*verbs, *lemmas.get("AUX", ()))
    )
    if not verbs:
        return VerbForm("", "", False, finite) if finite or "AUX" in lemmas else None
    base = verbs[0]
    pasts = getInflection(base, tag="VBD")
    past_only = word != base and word in {*pasts, *getInflection(base, tag="VBN")}
    return VerbForm(base, pasts[0] if pasts else "", past_only, finite)


def build_table(vocabulary_text: str) -> dict[str, dict[str, Any]]:
    """The table, from lemminflect: every word of the vocabulary, every verb form it knows, and
    every "-ing" word it knows written with the g dropped, where that is no word of its own."""
    known_words = _known_words()
    verbs = {}
    for word in sorted(known_words):
        form = ask_verb_form(word)
        if form:
            verbs[word] = list(astuple(form))
    words = sorted(vocabulary_words(vocabulary_text))
    return {
        "inflections": {word: sorted(word_inflections(word)) for word in words},
        "verbs": verbs,
        "dropped_g": {word[:-1]: word for word in sorted(known_words)
                      if word.endswith("ing") and len(word) > 4 and word[:-1] not in known_words},
        "names": ask_first_names(),
    }


@cache
def _known_words() -> frozenset[str]:
    """Every word form lemminflect knows (a noun, verb, adjective or adverb)."""
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    return frozenset({*lemmatizer._getLemmaDict(), *lemmatizer._getOverridesDict()})


@cache
def ask_first_names() -> dict[str, str]:
    """Every first name gender-guesser knows that lemminflect knows as no word, with its gender."""
    from gender_guesser.detector import Detector

    detector = Detector(case_sensitive=False)
    known = _known_words()
    return {name: detector.get_gender(name) for name in sorted(detector.names)
            if name.isascii() and name.isalpha() and len(name) > 1 and name not in known}


def ask_with_g(word: str) -> str | None:
    known = _known_words()
    return word + "g" if len(word) > 3 and word + "g" in known and word not in known else None


def vocabulary_words(text: str) -> set[str]:
    """Every lowercase word written anywhere in the vocabulary file's values."""
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            words.update(re.findall(r"[a-z]+", value.lower()))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(tomllib.loads(text))
    return words


def write_table(table: dict[str, dict[str, Any]], path: Path) -> None:
    data = json.dumps(table, sort_keys=True, separators=(",", ":")).encode()
    path.write_bytes(gzip.compress(data, mtime=0))
