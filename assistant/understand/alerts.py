"""Red flags: words that may mean the person needs help now (a stroke, a fall, despair).

A red flag is raised whatever else the utterance says ("I stood up five times, then the
room started spinning"), so this runs on its own over the cleaned tokens. The signs and the
words that take a sign back live in ``safety.toml``; the mechanisms live here:

  * tokens and the words of ``safety.toml`` are both read as lemmas (``lexicon.base_form``,
    plural -s), so "fell", "falls" and "fallen" are the one word "fall";
  * signs are matched inside a clause; fragments of telegraphic speech ("hip… fell…
    hurts") are read as one clause;
  * context takes a sign back: a negator before it ("no falls", "never felt dizzy"), the
    sign settling after it ("my headache went away", but not a face, limb, speech or sight
    sign that came and went: a transient ischaemic attack), long ago ("three years ago"),
    recovery said in passing ("still stiff"), a phrase being practised or quoted, a worry
    or what-if ("I worry about falling"), television or books, someone else ("my friend
    fell"), a near miss ("I nearly fell"), a little of something that is only an emergency
    when it is a lot ("a bit faint when I stood up", "bled a little");
  * weakness, slurring, dizziness and confusion are part of recovery, so they count only
    when something says they are sudden or new.

Pure and fast: one regex pass per kind over a short string.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from .lexicon import base_form
from .normalise import CLAUSE, SENTENCE, Cleaned, clean
from .numbers import parse_number

_GAP = r"(?: [^\s|]\S*){0,4}?"
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
# Fragments this short, one after another, are telegraphic speech: read them as one clause.
_FRAGMENT = 3
# How far back a negator reaches over skippable words ("have not had any chest pain").
_NEGATION_REACH = 5
_JOINS = frozenset(("and", "but", "then", "or"))
_BACK_REFERENCES = frozenset(("it", "that", "this", "they", "which", "all", "everything"))
"""What a clause after "but" says is over when it means the sign said before it."""
_SUBJECTS = frozenset(("i", "he", "she", "they", "we", "you", "it", "his", "her", "my", "their",
                       "your", "our"))
# How close before a sign a practice cue must be ("had me say ...").
_QUOTE_REACH = 3
# How many tokens after a body part an "it" may still stand for it.
_REFERENT_REACH = 8
# A bystander ("the cat") is not the one it happened to when the speaker is in the clause too.
_SELF = frozenset({"i", "we"})


class AlertKind(StrEnum):
    """What kind of help may be needed (the names are the JSON contract)."""

    STROKE_SIGN = "stroke_sign"
    CHEST_PAIN = "chest_pain"
    BREATHING = "breathing"
    CHOKING = "choking"
    SEIZURE = "seizure"
    FAINTING = "fainting"
    BLEEDING = "bleeding"
    OVERDOSE = "overdose"
    SELF_HARM = "self_harm"
    FALL = "fall"
    URGENT_HELP = "urgent_help"


@dataclass(frozen=True)
class Alert:
    """A red flag: its kind, the words that raised it, and every kind heard, most urgent first."""

    kind: AlertKind
    words: str
    kinds: tuple[AlertKind, ...]

    def to_dict(self) -> dict[str, str]:
        return {"kind": str(self.kind), "words": self.words}


@dataclass(frozen=True)
class _Kind:
    kind: AlertKind
    firsts: frozenset[str]
    """Lemmas a sign of this kind can start with: without one, the regexes are skipped."""
    signs: re.Pattern[str] | None
    needs_onset: re.Pattern[str] | None
    light: tuple[re.Pattern[str], ...]
    not_next: tuple[str, ...]
    not_prev: tuple[str, ...]
    transient: frozenset[str]
    """Lemmas of signs that still count when they came and went (a TIA)."""
    together: tuple[frozenset[str], ...]
    """Groups of lemmas (limbs, face, speech...): signs of two groups need no onset."""
    with_injury: re.Pattern[str] | None
    """Signs that count only with an injury said in the utterance too (a trip)."""


@dataclass(frozen=True)
class _Rules:
    kinds: tuple[_Kind, ...]
    phrases: dict[str, re.Pattern[str]]
    negators: frozenset[str]
    skippable: frozenset[str]
    settles: frozenset[AlertKind]
    chronic_kinds: frozenset[AlertKind]
    mild_kinds: frozenset[AlertKind]
    injury: re.Pattern[str] | None
    unhurt: re.Pattern[str]
    referents: frozenset[str]
    """Lemmas of the body parts a later "it" stands for."""
    things: tuple[str, ...]
    """Names of things a sign's words can end in ("eye drops"): then they are no sign."""
    sessions: tuple[str, ...]
    """Sessions a sign's words can start with ("speech therapy went badly"): no sign."""
    onset_alone: re.Pattern[str]
    """A clause that only says a sign came on ("suddenly", "all of a sudden")."""
    onset_next: re.Pattern[str]
    """The start of the clause after a sign's, saying it came on ("went weak")."""


@cache
def _lemma(token: str) -> str:
    """The word a token is a form of: the bare verb, or the singular of a plural."""
    base = base_form(token)
    if base != token:
        return base
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def _choice(term: str, lists: dict[str, list[str]]) -> str:
    options: list[str] = []
    for option in term.split("|"):
        options += lists[option[1:]] if option.startswith("@") else [option]
    phrases = {" ".join(re.escape(_lemma(w)) for w in option.split("_")) for option in options}
    return "(?:" + "|".join(sorted(phrases, key=len, reverse=True)) + ")"


def _sign(text: str, lists: dict[str, list[str]]) -> str:
    parts: list[str] = []
    gap = False
    for term in text.split():
        if term == "...":
            gap = True
            continue
        parts.append((_GAP + " " if gap else " " if parts else "") + _choice(term, lists))
        gap = False
    return "".join(parts)


def _firsts(signs: list[str], lists: dict[str, list[str]]) -> frozenset[str]:
    words: set[str] = set()
    for sign in signs:
        for option in sign.split()[0].split("|"):
            options = lists[option[1:]] if option.startswith("@") else [option]
            words.update(_lemma(o.split("_")[0]) for o in options)
    return frozenset(words)


def _alternation(signs: list[str], lists: dict[str, list[str]]) -> re.Pattern[str] | None:
    if not signs:
        return None
    body = "|".join(f"(?:{_sign(s, lists)})" for s in signs)
    return re.compile(rf"(?<![^ ])(?:{body})(?![^ ])")


def _phrases(words: list[str]) -> re.Pattern[str]:
    """Context words, matched as said (not as lemmas: "left" is not "leave" here). After
    "than" they are what the sign is compared with ("quieter than his usual"), not its
    context."""
    body = "|".join(re.escape(w.replace("_", " ")) for w in sorted(words, key=len, reverse=True))
    compared = "".join(f"(?<!than {w})" for w in ("", "his ", "her ", "my ", "their ", "your "))
    return re.compile(rf"(?<![^ ]){compared}(?:{body})(?![^ ])")


def _spaced(words: list[str]) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") for w in words)


def _lemmas(terms: list[str], lists: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(_lemma(word) for term in terms
                     for word in (lists[term[1:]] if term.startswith("@") else [term]))


def _load() -> _Rules:
    text = resources.files(__package__).joinpath("safety.toml").read_text(encoding="utf-8")
    raw: dict[str, Any] = tomllib.loads(text)
    lists = raw["lists"]
    kinds = []
    for name in raw["order"]:
        spec = raw["kinds"][name]
        kinds.append(
            _Kind(
                kind=AlertKind(name),
                firsts=_firsts(spec.get("signs", []) + spec.get("needs_onset", []), lists),
                signs=_alternation(spec.get("signs", []), lists),
                needs_onset=_alternation(spec.get("needs_onset", []), lists),
                light=tuple(re.compile(p) for p in spec.get("light", [])),
                not_next=_spaced(spec.get("not_next", [])),
                not_prev=_spaced(spec.get("not_prev", [])),
                transient=_lemmas(spec.get("transient", []), lists),
                together=tuple(_lemmas(group, lists) for group in spec.get("together", [])),
                with_injury=_alternation(spec.get("with_injury", []), lists),
            )
        )
    context = raw["context"]
    phrases = {
        name: _phrases(context[name])
        for name in (
            "resolved", "lasted", "past", "quote", "worry", "near", "media", "bystanders",
            "chronic", "sudden", "mild", "let_fall",
        )
    }
    phrases["onset"] = _phrases(raw["kinds"]["stroke_sign"]["onset"])
    return _Rules(
        kinds=tuple(kinds),
        phrases=phrases,
        negators=frozenset(context["negators"]),
        skippable=frozenset(context["skippable"]),
        settles=frozenset(AlertKind(k) for k in context["settles"]),
        chronic_kinds=frozenset(AlertKind(k) for k in context["chronic_kinds"]),
        mild_kinds=frozenset(AlertKind(k) for k in context["mild_kinds"]),
        injury=_alternation(raw["kinds"]["fall"]["injury"], lists),
        unhurt=_phrases(raw["kinds"]["fall"]["unhurt"]),
        referents=_lemmas(context["referents"], lists),
        things=_spaced(context["things"]),
        sessions=_spaced(context["sessions"]),
        onset_alone=re.compile(raw["kinds"]["stroke_sign"]["onset_alone"]),
        onset_next=re.compile(raw["kinds"]["stroke_sign"]["onset_next"]),
    )


_RULES = _load()


def _offsets(words: list[str]) -> list[int]:
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    return starts


class _View:
    """Tokens of one utterance: their lemmas in one string to match signs in, and the words
    as said in another to read the context in (context words are listed as said)."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        lemmas = [_lemma(t) for t in tokens]
        self.text = " ".join(lemmas)
        self.starts = _offsets(lemmas)
        self.said = " ".join(tokens)
        self.said_starts = _offsets(tokens)

    def index(self, char: int) -> int:
        return bisect_right(self.starts, char) - 1

    def char(self, index: int) -> int:
        return self.starts[index] if index < len(self.starts) else len(self.text) + 1

    def said_char(self, index: int) -> int:
        return self.said_starts[index] if index < len(self.said_starts) else len(self.said) + 1

    def bounds(self, start: int, end: int, marks: tuple[str, ...]) -> tuple[int, int]:
        """The first and past-last token of the stretch around [start, end) between marks."""
        low = start
        while low > 0 and self.tokens[low - 1] not in marks:
            low -= 1
        high = end
        while high < len(self.tokens) and self.tokens[high] not in marks:
            high += 1
        return low, high

    def has(self, name: str, low: int, high: int) -> bool:
        if low >= high:
            return False
        span = self.said[self.said_char(low) : self.said_char(high) - 1]
        return _RULES.phrases[name].search(span) is not None

    def ends_with(self, phrases: tuple[str, ...], low: int, high: int) -> bool:
        words = " " + " ".join(self.tokens[low:high])
        return any(words.endswith(" " + p) for p in phrases)

    def starts_with(self, phrases: tuple[str, ...], low: int, high: int) -> bool:
        words = " ".join(self.tokens[low:high]) + " "
        return any(words.startswith(p + " ") for p in phrases)


_GOES_ON = frozenset(("out", "of", "in", "on", "to", "with", "at", "from", "into", "down", "up"))
"""Words that open the rest of a phrase cut by a pause, not a new clause."""


def _merge_fragments(tokens: tuple[str, ...]) -> list[str]:
    """Drop boundaries between short fragments ("hip || fell || hurts" -> "hip fell hurts")."""
    pieces: list[list[str]] = [[]]
    for token in tokens:
        if token in (CLAUSE, SENTENCE):
            pieces.append([token])
            pieces.append([])
        else:
            pieces[-1].append(token)
    words = [p for p in pieces if p and p[0] not in (CLAUSE, SENTENCE)]
    if len(words) < 2:
        return list(tokens)
    out: list[str] = []
    previous: list[str] | None = None
    for piece in pieces:
        if piece and piece[0] in (CLAUSE, SENTENCE):
            out.append(piece[0])
            continue
        short = previous is not None and len(previous) <= _FRAGMENT and len(piece) <= _FRAGMENT
        # "can't see... out of my right eye": a pause before the words that finish a phrase
        goes_on = previous is not None and bool(piece) and piece[0] in _GOES_ON
        if (short or goes_on) and out and out[-1] in (CLAUSE, SENTENCE):
            out.pop()
        out.extend(piece)
        previous = piece
    return out


def _resolve_it(tokens: list[str]) -> list[str]:
    """Each "it" as the body part named just before it ("her face... it's gone funny" ->
    "her face || face has gone funny"), so a sign said across two clauses, or across the
    pauses of halting speech (which end sentences), reads as one."""
    out: list[str] = []
    referent, named_at = "", -_REFERENT_REACH
    for at, token in enumerate(tokens):
        if token == "it" and at - named_at <= _REFERENT_REACH:
            token = referent
        elif _lemma(token) in _RULES.referents:
            referent, named_at = token, at
        out.append(token)
    return out


def _view(cleaned: Cleaned) -> _View:
    return _View(_resolve_it(_merge_fragments(cleaned.tokens)))


def _negated(view: _View, start: int, low: int) -> bool:
    i = start - 1
    while i >= low and start - i <= _NEGATION_REACH:
        token = view.tokens[i]
        if token in _RULES.negators:
            return True
        if token not in _RULES.skippable:
            return False
        i -= 1
    return False


def _settled(view: _View, start: int, end: int, high: int) -> bool:
    """True when the sign is said to be over after it ("went away"; not "won't go away").
    After an "and" or "but", what is over must be the sign ("but it has gone", "but the
    pain went away"), not something else ("and the dog has gone out", "and his arm has
    gone")."""
    regex = _RULES.phrases["resolved"]
    sign = {_lemma(t) for t in view.tokens[start:end]} | _BACK_REFERENCES
    for match in regex.finditer(view.said, view.said_char(end), view.said_char(high) - 1):
        at = bisect_right(view.said_starts, match.start()) - 1
        if _RULES.negators & set(view.tokens[max(end, at - 2) : at]):
            continue
        joins = [i for i in range(end, at) if view.tokens[i] in _JOINS]
        if joins and not sign & {_lemma(t) for t in view.tokens[joins[-1] + 1 : at]}:
            continue
        return True
    return False


def _came_and_went(kind: _Kind, view: _View, start: int, end: int, low: int,
                   sentence: tuple[int, int]) -> bool:
    """A focal sign that passed, said to have come on or to have lasted a while: a transient
    ischaemic attack, an emergency even though it is over ("my arm went numb for a few
    minutes but it's fine now"). "The numbness in my hand has gone" is recovery."""
    if not kind.transient & {_lemma(t) for t in view.tokens[start:end]}:
        return False
    return view.has("onset", low, min(sentence[1], end + 1)) or view.has("lasted", *sentence)


def _after_join(view: _View, low: int, start: int) -> int:
    """Where the words before a sign start, past the last "and" or "but" that opens a clause
    of its own ("and she", "but his"): a quote or a worry ends there ("can't work out how to
    use her spoon and she's slurring"), not before a shared subject ("afraid of falling and
    hitting my head")."""
    joins = [i for i in range(low, start - 1)
             if view.tokens[i] in _JOINS and view.tokens[i + 1] in _SUBJECTS]
    return joins[-1] + 1 if joins else low


_REPORTED = frozenset(("she", "he", "her", "his", "him", "my", "they", "their", "that", "mi",
                       "we", "our"))
"""After "say", the start of what somebody reports ("Mammy say she chest hurting bad"),
not a phrase being practised ("had me say help me please")."""


def _quoting(view: _View, low: int, start: int) -> bool:
    """A word being practised or quoted comes between ``low`` and the sign at ``start``."""
    return any(view.has("quote", k, k + 1) and view.tokens[k + 1] not in _REPORTED
               for k in range(low, start))


_NOT_A_THING = frozenset(("and", "then", "i", "he", "she", "we", "they", "me", "him", "her",
                          "up", "ended", "was", "is", "am", "got", "went", "be", "myself",
                          "himself", "herself"))


def _let_fall(view: _View, low: int, start: int) -> bool:
    """ "dropped my keys on the floor": a thing let fall just before the sign at ``start``,
    nothing between but the thing (not "dropped my stick and ended up on the floor")."""
    for k in range(start - 1, low - 1, -1):
        if view.has("let_fall", k, k + 1):
            return _NOT_A_THING.isdisjoint(view.tokens[k + 1 : start])
    return False


_CHANGED = frozenset(("go", "turn", "become"))
"""A sign said as a change ("my arm went numb ... and it's still numb"): new, and lasting."""


def _amount_next(view: _View, end: int) -> bool:
    """ "went numb about ten minutes ago": "about" an amount says when, not what about."""
    return view.tokens[end : end + 1] == ["about"] and end + 1 < len(view.tokens) and (
        parse_number(view.tokens[end + 1]) is not None or view.tokens[end + 1] in ("a", "an"))


def _taken_back(kind: _Kind, view: _View, start: int, end: int, quoted: frozenset[str]) -> bool:
    low, high = view.bounds(start, end, (CLAUSE, SENTENCE))
    sentence = view.bounds(start, end, (SENTENCE,))
    near = max(low, start - 2), min(high, end + 2)
    words = view.tokens[start:end]
    return (
        view.starts_with(kind.not_next, end, high) and not _amount_next(view, end)
        or view.ends_with(kind.not_prev, low, start)
        or view.ends_with(_RULES.things, start, end)
        or view.starts_with(_RULES.sessions, start, end)
        or _negated(view, start, low)
        or view.has("near", max(low, start - 2), start)
        or _quoting(view, _after_join(view, max(low, start - _QUOTE_REACH), start), start)
        or (bool(quoted) and all(w in quoted for w in words))
        or view.has("worry", _after_join(view, low, start), start)
        or (view.has("bystanders", low, start) and not _SELF & set(view.tokens[low:start]))
        or (words[:1] in (["on"], ["onto"]) and _let_fall(view, max(low, start - 4), start))
        or view.has("media", low, high)
        or view.has("past", low, high)
        or (kind.kind in _RULES.settles and _settled(view, start, end, sentence[1])
            and not _came_and_went(kind, view, start, end, low, sentence))
        or (kind.kind in _RULES.chronic_kinds and view.has("chronic", *sentence)
            and not view.has("sudden", *sentence) and _CHANGED.isdisjoint(map(_lemma, words)))
        or (kind.kind in _RULES.mild_kinds and view.has("mild", *near))
    )


def _standing(kind: _Kind, regex: re.Pattern[str], view: _View, quoted: frozenset[str]
              ) -> Iterator[tuple[int, int]]:
    """The token spans of the signs that their context does not take back."""
    position = 0
    while (match := regex.search(view.text, position)) is not None:
        start, end = view.index(match.start()), view.index(match.end() - 1) + 1
        if not _taken_back(kind, view, start, end, quoted):
            yield start, end
        position = view.char(start + 1)


def _found(kind: _Kind, regex: re.Pattern[str], view: _View, quoted: frozenset[str],
           onset: bool) -> str | None:
    for start, end in _standing(kind, regex, view, quoted):
        low, high = view.bounds(start, end, (CLAUSE, SENTENCE))
        if not onset or view.has("onset", low, high) or _onset_beside(view, low, high):
            return " ".join(view.tokens[start:end])
    return None


def is_onset(said: str) -> bool:
    """True for a clause that only says when a sign began ("he was chatting fine an hour
    ago"): no news of its own."""
    return _RULES.onset_alone.match(said) is not None


def _onset_beside(view: _View, low: int, high: int) -> bool:
    """ "Suddenly, my arm is numb", "the right side's tingling, all of a sudden": the onset
    said as a clause of its own just before or after the sign's clause; or the clause after
    it, with no subject of its own, says the limb went weak ("my leg gave out, went weak")."""
    beside = []
    if low >= 2:
        beside.append(view.bounds(low - 2, low - 1, (CLAUSE, SENTENCE)))
    if high + 1 < len(view.tokens):
        after = view.bounds(high + 1, high + 2, (CLAUSE, SENTENCE))
        if _RULES.onset_next.match(" ".join(view.tokens[after[0]:after[1]])):
            return True
        beside.append(after)
    return any(is_onset(" ".join(_as_said(view.tokens[a:b]))) for a, b in beside)


def _as_said(tokens: list[str]) -> list[str]:
    """A clause with "it" back where ``_resolve_it`` put the body part ("my arm is numb, it
    came on suddenly"), to be read as said."""
    return ["it" if _lemma(t) in _RULES.referents else t for t in tokens]


def _together(kind: _Kind, view: _View, quoted: frozenset[str]) -> str | None:
    """Signs of two or more groups (an arm and speech), said without an onset: their words."""
    if kind.needs_onset is None or not kind.together:
        return None
    spans: list[str] = []
    groups: set[int] = set()
    for start, end in _standing(kind, kind.needs_onset, view, quoted):
        lemmas = {_lemma(t) for t in view.tokens[start:end]}
        named = {n for n, group in enumerate(kind.together) if group & lemmas}
        if named - groups:
            spans.append(" ".join(view.tokens[start:end]))
            groups |= named
    return " and ".join(spans) if len(groups) > 1 else None


def _quoted_words(text: str) -> frozenset[str]:
    words: set[str] = set()
    for piece in _QUOTED.findall(text):
        cleaned = clean(piece)
        if cleaned is not None:
            words.update(cleaned.plain.split())
    return frozenset(words)


def _heard(kind: _Kind, view: _View, light: str, quoted: frozenset[str]) -> str | None:
    """The words that raise a red flag of this kind, or None."""
    if kind.signs is not None:
        words = _found(kind, kind.signs, view, quoted, onset=False)
        if words is not None:
            return words
    if kind.needs_onset is not None:
        words = _found(kind, kind.needs_onset, view, quoted, onset=True) or _together(
            kind, view, quoted)
        if words is not None:
            return words
    if kind.with_injury is not None:
        words = _found(kind, kind.with_injury, view, quoted, onset=False)
        if words is not None and _injured(view, quoted):
            return words
    for pattern in kind.light:
        match = pattern.search(light)
        if match:
            start = light.count(" ", 0, match.start())
            said = _View(light.split())
            if not _taken_back(kind, said, start, start + len(match.group().split()), quoted):
                return match.group()
    return None


def _injured(view: _View, quoted: frozenset[str]) -> bool:
    """An injury after a fall is said: a blow to the head, pain, not getting up."""
    if _RULES.injury is None:
        return False
    return _found(_kind(AlertKind.FALL), _RULES.injury, view, quoted, False) is not None


def injury_of(cleaned: Cleaned) -> bool | None:
    """After a fall: True when an injury is said ("I hit my head", "my hip hurts", "I can't
    get up"), False for a plain "not hurt", None when neither is said."""
    view = _view(cleaned)
    if _injured(view, frozenset()):
        return True
    if _RULES.unhurt.search(view.said):
        return False
    return None


def red_flags(text: str, cleaned: Cleaned) -> tuple[Alert | None, str | None]:
    """The red flag in an utterance (``text`` as heard, ``cleaned`` its tokens), or None; and,
    when there is none, the words of a caution, or None: a stroke sign said with nothing that
    makes it sudden ("his speech is slurred", "my arm feels heavy"), part of recovery for
    most and the start of a stroke for some. Not an alert, but the reply says what to do if
    it is new. One reading of the utterance serves both."""
    view = _view(cleaned)
    lemmas = frozenset(view.text.split())
    quoted = _quoted_words(text) if '"' in text or "“" in text else frozenset()
    heard: list[tuple[AlertKind, str]] = []
    for kind in _RULES.kinds:
        if kind.light or kind.firsts & lemmas:
            words = _heard(kind, view, cleaned.light, quoted)
            if words is not None:
                heard.append((kind.kind, words))
    if heard:
        return Alert(kind=heard[0][0], words=heard[0][1], kinds=tuple(k for k, _ in heard)), None
    return None, _caution(view, lemmas)


def _caution(view: _View, lemmas: frozenset[str]) -> str | None:
    stroke = _kind(AlertKind.STROKE_SIGN)
    if stroke.needs_onset is None or not stroke.firsts & lemmas:
        return None
    spans = _standing(stroke, stroke.needs_onset, view, frozenset())
    return next((" ".join(view.tokens[start:end]) for start, end in spans), None)


def _kind(kind: AlertKind) -> _Kind:
    return next(k for k in _RULES.kinds if k.kind is kind)
