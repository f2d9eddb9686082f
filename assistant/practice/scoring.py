"""Scoring an attempt against its target, word by word, forgiving the recogniser's spelling
but not a wrong word.

Whisper writes "Good morning." or "1, 2, 3", Vosk writes "good morning" or "one two three";
a name comes back as "Anne" for "Ann", a word as "tooth brush". None of that is the patient's
doing, so both sides are normalised the same way (case, punctuation, contractions, numbers as
digits via the extractor's helpers), homophones and spelling variants are merged
(`words.toml`), and split or joined words are re-joined before aligning.

The decision is strict where it matters clinically: every word of the target must be heard,
in order, except "a", "an" and "the", which recognisers drop and add at will. Small extra
words ("it's a knife", "um", a repeated word, a false start) and one other word ("good
morning everyone") are fine; more than that is something else said: Whisper, hinted with
the target, was seen to write "hair brush toothbrush" for "hairbrush". A word that is close
but not right ("butterfy") earns half credit in the score, so the score shows progress, but
it fails.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz.distance import Indel

# The extractor's contraction rules: private there, reused here rather than copied.
from assistant.understand.normalise import _expand_contractions
from assistant.understand.numbers import spoken_to_digits
from speech.asr.base import Word
from speech.asr.verify import Support

ARTICLES = frozenset({"a", "an", "the"})
ARTICLE_WEIGHT = 0.25
NEAR_MISS = 0.75
MAX_EXTRA = 1
"""Other words allowed besides the target and small words, before an answer fails."""
"""Letter similarity (0–1) from which a wrong word counts as a near miss (half credit)."""
SUPPORTED = -5.0
"""Log-probability from which every word piece of an answer counts as said (see verified).
The two figures were tuned on tests/data/practice_audio.jsonl said by espeak-ng and Piper
at 140 and 100 words a minute (192 answers: 0.958 right, no wrong answer passed; any floor
from -4.5 to -5.5 did as well); practice_audio_heldout.jsonl was kept out of the tuning."""
BEHIND = 3.0
"""How much likelier (log) the recogniser's own text may be than the answer, for a pass."""
CONFIDENCE_FLOORS = {"vosk": 0.5}
"""Per engine: a matched word heard with less confidence than this counts as unsure.

Vosk in grammar mode forces every sound onto the listed words, so its word posterior is the
only sign that a word was guessed (forced words were seen at 0.48–0.51, clear ones at 0.6–1.0).
Whisper is left out on purpose: with decoding hints its word probabilities collapse to about 0
even for words said perfectly ("butterfly", "bread", "scissors" all 0.0), so they say nothing.
"""

_WORD = re.compile(r"\w+")
_SPELLING_RULES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=\w{3})our$", "or"),  # colour, favour, neighbour
        (r"(?<=[^aeiouy\W])re$", "er"),  # centre, theatre, fibre
        (r"(?<=\w{3})is(e|ed|es|ing)$", r"iz\1"),  # organise, realised
        (r"(?<=\w{2})ys(e|ed|es|ing)$", r"yz\1"),  # analyse
    )
)


@dataclass(frozen=True)
class WordScore:
    """One target word: what was heard in its place and how much credit it earned."""

    word: str
    heard: str | None
    credit: float
    """1 heard clearly, 0.5 a near miss or heard without confidence, 0 missed."""
    needed: bool
    """False for articles, which never fail an answer."""

    @property
    def ok(self) -> bool:
        return self.credit >= 1


@dataclass(frozen=True)
class Score:
    target: str
    """The answer scored against: the item's target or one of its accepted alternatives."""
    heard: str
    words: tuple[WordScore, ...]
    value: float
    """0–1: the share of the target heard, articles weighing a quarter of a word."""
    passed: bool

    @property
    def missed(self) -> list[str]:
        """Target words not heard clearly, as written in the target, for the feedback."""
        return [w.word for w in self.words if w.needed and not w.ok]

    @property
    def near(self) -> list[str]:
        return [w.word for w in self.words if w.needed and 0 < w.credit < 1]


def score(
    answers: Sequence[str],
    heard: str,
    *,
    engine: str | None = None,
    words: Sequence[Word] = (),
    confidence: float | None = None,
    support: Sequence[Support] = (),
) -> Score:
    """Score `heard` against each right answer (the target first) and keep the best.

    `words` are the recogniser's words with their confidences; without them the utterance's
    mean `confidence` stands for every word. Either only counts for engines in
    CONFIDENCE_FLOORS. `support`, when the recogniser read the answers against the audio
    (Whisper), decides instead of the text: see `verified` (entries for other texts, such
    as commands, are left out).
    """
    floor = CONFIDENCE_FLOORS.get(engine or "")
    confident = _confidences(words, confidence) if floor is not None else {}
    scores = [_score_one(answer, heard, confident, floor) for answer in answers]
    best = max(scores, key=lambda s: (s.passed, s.value))
    wanted = {answer.lower() for answer in answers}
    mine = [s for s in support if s.text.lower() in wanted]
    return verified(best, mine) if mine else best


def verified(by_text: Score, support: Sequence[Support]) -> Score:
    """The decision from how well the audio supports an answer, the text's words kept for the
    feedback (which word was missed).

    An answer passes when every word piece of it is likely given the audio (SUPPORTED) and
    what the recogniser wrote is not much likelier (BEHIND). The text alone never passes an
    answer: with the target as a hint, Whisper was seen to write it whatever was said
    ("Good evening morning"). A word counts as heard when its pieces are likely, which names
    the missed word even when the recogniser misspelt the others ("God evening").
    `heard` stays what the recogniser wrote.

    Reading a word cannot tell it from a longer word it begins ("umbrella" is every bit as
    likely when "umbrellas" was said), so a longer word written in its place fails; nor a
    number from another (Whisper writes "25" and "29" as one piece each, nearly as likely
    as each other), so a different number written where the target has one fails.
    """
    best = max(support, key=lambda s: (supported(s), s.worst))
    passed = not _longer_word(by_text) and not _other_number(by_text) and supported(best)
    by_word = [1.0 if log >= SUPPORTED else 0.0 for log in best.word_worst]
    if passed:
        credit = [1.0] * len(by_text.words)
    elif len(by_word) == len(by_text.words) and min(by_word) == 0:
        credit = by_word  # the words the audio does not support
    else:  # the text scorer split or joined words, or the audio supports a longer reading
        credit = [min(w.credit, 0.5) for w in by_text.words]
    words = tuple(
        WordScore(w.word, w.heard, c, w.needed) for w, c in zip(by_text.words, credit, strict=True)
    )
    weights = [1.0 if w.needed else ARTICLE_WEIGHT for w in words]
    value = sum(w.credit * weight for w, weight in zip(words, weights, strict=True))
    return Score(by_text.target, by_text.heard, words, round(value / sum(weights), 3), passed)


def tokens(text: str) -> list[str]:
    """Lowercase word tokens with contractions spelt out and numbers as digits."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _WORD.findall(spoken_to_digits(_expand_contractions(text)))


def canonical(token: str) -> str:
    """One spelling for every way of writing the same word (see words.toml)."""
    key = _spelling_key(token)
    return _table()[1].get(key, key)


def _spelling_key(token: str) -> str:
    for pattern, replacement in _SPELLING_RULES:
        token = pattern.sub(replacement, token)
    return token


@cache
def _table() -> tuple[frozenset[str], dict[str, str]]:
    """(small words, spelling → the group's first spelling), from words.toml."""
    table = tomllib.loads(resources.files("assistant.practice").joinpath("words.toml").read_text())
    heads: dict[str, str] = {}
    for group in table["same"]:
        keys = [_spelling_key(word) for word in group]
        heads.update((key, keys[0]) for key in keys)
    small = (_spelling_key(word) for word in table["small"])
    return frozenset(heads.get(key, key) for key in small), heads


def _confidences(words: Sequence[Word], confidence: float | None) -> dict[str, float]:
    """Lowest confidence per canonical token; '' holds the fallback for tokens not found."""
    found: dict[str, float] = {"": 1.0 if confidence is None else confidence}
    for word in words:
        if word.confidence is None:
            continue
        for token in tokens(word.text):
            key = canonical(token)
            found[key] = min(found.get(key, 1.0), word.confidence)
    return found


def _score_one(
    answer: str, heard: str, confident: dict[str, float], floor: float | None
) -> Score:
    written = _written_forms(answer)
    raw_target = tokens(answer)
    target = [canonical(t) for t in raw_target]
    said = [canonical(t) for t in _rejoin(raw_target, tokens(heard))]
    matched: dict[int, int] = {}
    for block in Indel.opcodes(target, said):
        if block.tag == "equal":
            for offset in range(block.src_end - block.src_start):
                matched[block.src_start + offset] = block.dest_start + offset
    results = []
    near: set[int] = set()
    for index, token in enumerate(target):
        needed = token not in ARTICLES
        heard_token: str | None
        if index in matched:
            heard_token = said[matched[index]]
            sure = floor is None or confident.get(heard_token, confident[""]) >= floor
            credit = 1.0 if sure else 0.5
        else:
            position, credit = _near_miss(token, _gap(index, matched, len(said)), said)
            heard_token = None if position is None else said[position]
            if position is not None:
                near.add(position)
        results.append(WordScore(written.get(token, token), heard_token, credit, needed))
    used = set(matched.values()) | near
    extra = _other_words([t for j, t in enumerate(said) if j not in used], target)
    over = max(0, extra - MAX_EXTRA)
    weights = [1.0 if w.needed else ARTICLE_WEIGHT for w in results]
    total = sum(weights) + over
    value = sum(w.credit * weight for w, weight in zip(results, weights, strict=True))
    needed_words = [w for w in results if w.needed]
    return Score(
        target=answer,
        heard=heard,
        words=tuple(results),
        value=round(value / total, 3) if total else 0.0,
        passed=bool(needed_words) and all(w.ok for w in needed_words) and not over,
    )


def supported(support: Support) -> bool:
    """The audio supports the text: every piece likely, and no other reading much likelier."""
    return support.worst >= SUPPORTED and support.behind <= BEHIND


def _longer_word(by_text: Score) -> bool:
    """The recogniser wrote a target word with an ending added ("umbrellas" for "umbrella")."""
    return any(
        w.heard and not w.ok and w.heard.startswith(canonical(w.word.lower()))
        for w in by_text.words
        if w.needed
    )


def _other_number(by_text: Score) -> bool:
    """The recogniser wrote a number that the target, which has one, does not have."""
    wanted = {t for t in tokens(by_text.target) if t.isdigit()}
    return bool(wanted) and bool({t for t in tokens(by_text.heard) if t.isdigit()} - wanted)


def _other_words(unmatched: list[str], target: list[str]) -> int:
    """Extra words that are neither small, a repeat or a false start of a target word."""
    small = _table()[0]
    return sum(
        1
        for token in unmatched
        if token not in small
        and len(token) > 2
        and not any(word.startswith(token) for word in target)
    )


def _gap(index: int, matched: dict[int, int], length: int) -> range:
    """Heard positions between the matches on either side of target word `index`."""
    before = [matched[i] for i in matched if i < index]
    after = [matched[i] for i in matched if i > index]
    return range(max(before) + 1 if before else 0, min(after) if after else length)


def _near_miss(token: str, gap: range, said: list[str]) -> tuple[int | None, float]:
    """The heard position in `gap` closest to `token` if it is a near miss, and its credit."""
    best = max(gap, key=lambda j: Indel.normalized_similarity(token, said[j]), default=None)
    if best is not None and Indel.normalized_similarity(token, said[best]) >= NEAR_MISS:
        return best, 0.5
    return None, 0.0


def _rejoin(target: list[str], said: list[str]) -> list[str]:
    """Undo the recogniser splitting or joining words: "tooth brush" → "toothbrush",
    "goodmorning" → "good morning", "12345" → "1 2 3 4 5"."""
    wanted = set(target)
    runs = {
        "".join(target[i:j]): target[i:j]
        for i in range(len(target))
        for j in range(i + 2, len(target) + 1)
    }
    out: list[str] = []
    j = 0
    while j < len(said):
        token = said[j]
        if token in wanted:
            out.append(token)
            j += 1
            continue
        if token in runs:
            out.extend(runs[token])
            j += 1
            continue
        glued = next(
            (k for k in range(2, 5) if "".join(said[j : j + k]) in wanted and j + k <= len(said)),
            None,
        )
        out.append("".join(said[j : j + glued]) if glued else token)
        j += glued or 1
    return out


def _written_forms(answer: str) -> dict[str, str]:
    """Canonical token → the word as the target writes it ("1" → "one", "ann" → "Ann")."""
    forms: dict[str, str] = {}
    for word in answer.split():
        parts = tokens(word)
        if len(parts) == 1:
            forms.setdefault(canonical(parts[0]), word.strip(".,;:!?\"'()"))
    return forms
