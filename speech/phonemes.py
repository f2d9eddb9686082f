"""How words sound, as espeak-ng pronounces them, and how far apart two pronunciations are.

A recogniser that mishears a word usually writes one that sounds like it ("15 men" for
"15 min", "got rest" for "got dressed"); comparing pronunciations, not spellings, finds the
word that was probably said. espeak-ng is already the fallback voice, so no new dependency.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

Phonemes = tuple[str, ...]

_MARKS = re.compile(r"[',;%=_|!#-]")
"""Stress, syllable and tie marks in espeak-ng's phoneme mnemonics: not sounds."""
_PHONEME = re.compile(r"tS|dZ|[aeiouAEIOUV03@][:@IUL23]*|[A-Za-z]")
_VOWEL_START = frozenset("aeiouAEIOUV03@")
_NEAR = [frozenset(pair) for pair in (
    ("p", "b"), ("t", "d"), ("k", "g"), ("f", "v"), ("T", "D"), ("s", "z"), ("S", "Z"),
    ("tS", "dZ"), ("m", "n"), ("n", "N"), ("l", "r"), ("T", "f"), ("D", "v"),
)]
"""Consonants told apart by one feature (voicing, place of a nasal): half a substitution."""
_CACHE: dict[str, Phonemes] = {}
_CODES: dict[str, str] = {}
_TIMEOUT_S = 5.0
_BATCH = 50
"""Words per espeak-ng run: in one long input it sometimes breaks a clause in two."""


def phonemes(words: Iterable[str]) -> dict[str, Phonemes]:
    """Each of `words` (letters only, lowercase) as espeak-ng would say it; words it cannot
    say (espeak-ng missing or failing) are left out, so a caller simply finds no match."""
    wanted = {w for w in words if w.isalpha()}
    missing = sorted(wanted - _CACHE.keys())
    for start in range(0, len(missing), _BATCH):
        _CACHE.update(_spoken(missing[start:start + _BATCH]))
    return {w: _CACHE[w] for w in wanted if w in _CACHE}


def _spoken(words: list[str]) -> dict[str, Phonemes]:
    """One espeak-ng run for all `words`: a comma after each puts each on its own line."""
    try:
        done = subprocess.run(
            ["espeak-ng", "-q", "-x", "-v", "en-us"], input=", ".join(words),
            capture_output=True, text=True, timeout=_TIMEOUT_S, check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if len(lines) != len(words):
        return {} if len(words) == 1 else {k: v for w in words for k, v in _spoken([w]).items()}
    return {word: tuple(_PHONEME.findall(_MARKS.sub("", line))) for word, line in
            zip(words, lines, strict=True)}


def near_words(sound: Phonemes, among: Mapping[str, Phonemes], within: float
               ) -> list[tuple[float, str]]:
    """The words of `among` whose pronunciation is at most `within` from `sound`, nearest
    first. A plain edit distance (every change costing one, so at most twice `distance`)
    picks the few worth weighing, in compiled code."""
    codes = {word: _code(s) for word, s in among.items()}
    rough = process.extract(_code(sound), codes, scorer=Levenshtein.normalized_distance,
                            score_cutoff=min(1.0, 2 * within), limit=None)
    return sorted((gap, word) for _, _, word in rough
                  if (gap := distance(sound, among[word])) <= within)


def _code(sound: Phonemes) -> str:
    """One character per phoneme, for rapidfuzz."""
    return "".join(_CODES.setdefault(p, chr(0xE000 + len(_CODES))) for p in sound)


def distance(a: Phonemes, b: Phonemes) -> float:
    """Edit distance between two pronunciations, over the longer one's length (0 the same,
    1 nothing shared): a vowel for another vowel, or a consonant for its voiced or nasal
    twin, costs half."""
    if not a or not b:
        return 1.0
    previous = [float(j) for j in range(len(b) + 1)]
    for i, x in enumerate(a, 1):
        current = [float(i)]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + _substitution(x, y)))
        previous = current
    return previous[-1] / max(len(a), len(b))


def _substitution(x: str, y: str) -> float:
    if x == y:
        return 0.0
    both_vowels = x[0] in _VOWEL_START and y[0] in _VOWEL_START
    return 0.5 if both_vowels or frozenset((x, y)) in _NEAR else 1.0
