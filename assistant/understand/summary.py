"""Short spoken phrases for milestones: "walked 25 steps with a helper".

A summary has no subject, so the reply layer can say "You walked 25 steps with a helper!".
It is built from the words the patient used where they form a verb phrase ("buttoned my
shirt" becomes "buttoned your shirt"), else from the activity's `does` phrase in the
vocabulary; milestones are in the past tense, and goals and setbacks in the base form
("walk 50 steps", "lift your arm"), which reads right after "you want to" or "it was hard to".
"""

from __future__ import annotations

from .lexicon import base_form, is_verb, past_tense
from .mention import Limb, Mention, Quantity
from .normalise import CLAUSE, SENTENCE
from .numbers import format_number, parse_number
from .vocab import VOCAB

_WORDS = VOCAB.summary_words
_NOT_OBJECTS = VOCAB.words["not_objects"]
_DETERMINERS = VOCAB.words["determiners"]
_VERB_CONTEXT = VOCAB.words["verb_context"]
_PLACE_PREPOSITIONS = VOCAB.words["place_prepositions"]
_MAX_SPAN = 7
_FUNCTION_WORDS = VOCAB.words["function"] - set(VOCAB.unit_forms)


def _quantity_phrase(value: int | float, unit: str | None, quantity: Quantity) -> str:
    if quantity.said and value == quantity.value:
        return quantity.said
    number = format_number(value)
    if unit is None:
        return f"{number} {quantity.noun}" if quantity.noun else number
    if unit == "times":
        return "once" if value == 1 else "twice" if value == 2 else f"{number} times"
    word = VOCAB.units[unit].one if value == 1 else unit
    return f"for {number} {word}" if VOCAB.units[unit].duration else f"{number} {word}"


def _with_amount(words: list[str], amount: str) -> list[str]:
    """The amount after the verb phrase, or in place of its object when that object is the
    unit itself: "climbed the stairs" and "3 stairs" make "climbed 3 stairs", "said new words"
    and "5 words" make "said 5 new words"."""
    *number, noun = amount.split()
    if len(words) < 2 or not number or words[-1] != noun:
        return [*words, amount]
    # "did my stairs" (said back "did their stairs", and "their" is no determiner of the
    # vocabulary) and "12 stairs" make "did 12 stairs"
    modifiers = [w for w in words[1:-1] if w not in _DETERMINERS and w != "their"]
    return [words[0], *number, *modifiers, noun]


def _assistance_phrase(level: str | None, mention: Mention) -> str:
    if level == "independent":
        return "independently"
    if level == "helper":
        return "with a helper"
    if level == "device":
        device = mention.devices[0] if mention.devices else ""
        said = device.split()
        if said and said[0] in ("sitting", "with", "hand", "hands"):
            device = said[-1]  # "sitting on the stool": a stool
        if not device or device.split()[0] in (
            "hold",
            "holding",
            "using",
            "lean",
            "leaning",
            "leaned",
        ):
            return "holding on for support"
        if device.endswith("s") and not device.endswith(("ss", "brace")):
            return f"with {device}"
        return f"with {'an' if device[:1] in 'aeiou' else 'a'} {device}"
    return ""


def _limb_phrase(limbs: list[Limb], words: list[str]) -> str:
    """The side the patient did it with ("with their left hand"), which matters to a
    therapist after a stroke, unless the words already say it ("lifted their left arm")."""
    if not limbs or any(limb.side in words for limb in limbs) or {
            "left", "right"} <= {limb.side for limb in limbs}:
        return ""  # said already, or done with each side
    limb = limbs[0]
    whose = "" if limb.side == "both" else "their "
    return f"{limb.by or 'with'} {whose}{limb.side} {limb.part}"


def _object_words(tokens: tuple[str, ...], k: int) -> list[str]:
    """The thing acted on, starting at token ``k``: "my left arm", "a cup of coffee", "pasta"."""
    if k >= len(tokens):
        return []
    if tokens[k] not in _DETERMINERS:
        return [tokens[k]] if _is_noun_like(tokens[k]) else []
    words = [tokens[k]]
    k += 1
    while k < len(tokens) and len(words) < 4 and _is_noun_like(tokens[k], after_determiner=True):
        if len(words) > 1 and tokens[k].endswith("ing"):
            break
        words.append(tokens[k])
        k += 1
    if (
        k + 1 < len(tokens)
        and tokens[k] == "of"
        and _is_noun_like(tokens[k + 1], after_determiner=True)
    ):
        words += tokens[k : k + 2]
    return words if len(words) > 1 else []


def _owned(words: list[str]) -> list[str]:
    """ "my daughter name" back to "my daughter's name": cleaning drops every 's; and "me"
    said for "my" ("cut me own toenails") back to "my"."""
    words = [
        f"{word}'s"
        if 0 < i < len(words) - 1
        and words[i - 1] in _DETERMINERS
        and word in VOCAB.words["owners"]
        and _is_noun_like(words[i + 1], after_determiner=True)
        else word
        for i, word in enumerate(words)
    ]
    return ["my" if word == "me" and _owns(words[i + 1 :]) else word
            for i, word in enumerate(words)]


def _owns(following: list[str]) -> bool:
    """Whether "me" before `following` is "my", as many Englishes say it ("put me socks on",
    "with me left hand"): before "own", a body part, or a noun that is no bare verb; "helped
    me walk", "gave me a hand" keep "me" as the one helped."""
    side = following[:1] in (["left"], ["right"], ["good"], ["bad"])
    head = following[1:2] if side else following[:1]
    if not head:
        return False
    word = head[0]
    return word == "own" or word in VOCAB.words["body_parts"] or (
        _is_noun_like(word) and word not in _WHERE_TO
        and not (is_verb(word) and base_form(word) == word))


_WHERE_TO = frozenset(("upstairs", "downstairs", "outside", "inside", "indoors", "outdoors",
                       "across", "around", "along", "through", "over", "home"))
"""Where someone was taken, not what they own ("carried me upstairs")."""


def _is_noun_like(token: str, after_determiner: bool = False) -> bool:
    """A content word; after "my"/"the" even activity and unit words are objects ("the stairs")."""
    if not token.isalpha() or token in _FUNCTION_WORDS or token in _NOT_OBJECTS:
        return False
    return after_determiner or (token not in VOCAB.unit_forms and token not in VOCAB.anchors)


_NOUN_FIRST = VOCAB.words["body_parts"] | {"tongue", "lip", "lips"} | VOCAB.words["noun_heads"]
"""Nouns that start an activity's name though they are verbs too ("arm raises", "cone weave")."""


def _used_as_verb(tokens: tuple[str, ...], i: int) -> bool:
    """Whether the anchor at ``i`` is a verb here ("i walk") rather than a noun ("a puzzle")."""
    token = tokens[i]
    if not is_verb(token) or token in _NOUN_FIRST:
        return False  # "arm raises", "cone weave": a part of the body or a drill, not "armed"
    if token.endswith(("ed", "ing")) or i == 0 or past_tense(token) == token:
        return True
    return tokens[i - 1] in _VERB_CONTEXT or tokens[i - 1] in (CLAUSE, SENTENCE)


def describe(
    tokens: tuple[str, ...],
    mention: Mention,
    quantity: Quantity | None,
    value: int | float | None,
    unit: str | None,
    level: str | None,
) -> str:
    """A short phrase without a subject: "walked 25 steps with a helper"."""
    inflect = base_form if mention.goal or mention.negative else past_tense
    covered = range(mention.start, mention.end + 1)
    counted = quantity is not None and quantity.end == mention.end and (
        mention.activity.count or quantity.noun is not None and quantity.pos < mention.start)
    # "did 2 crosswords": the things counted are what the activity is named by
    if counted and quantity is not None:
        # the amount as added up ("twelve reps twice": "did 24 reps"), not as first said
        words = ["do", format_number(quantity.value),
                 *(t for t in tokens[mention.start : mention.end + 1] if parse_number(t) is None)]
    elif (
        mention.from_unit
        or mention.reordered
        or mention.end - mention.start >= _MAX_SPAN
        or not _used_as_verb(tokens, mention.start)
    ):
        words = mention.activity.does.split()
        covered = range(0)
    else:
        # A mention merged across a pause ("walked, 20 steps") spans a boundary.
        words = [t for t in tokens[mention.start : mention.end + 1] if t not in (CLAUSE, SENTENCE)]
        following = mention.end + 1
        if len(words) > 1 and words[-1] in _DETERMINERS:
            words.pop()
            following -= 1
        if len(words) > 1 and words[-1] in _PLACE_PREPOSITIONS and mention.activity.place:
            words.pop()
            following -= 1
        if mention.activity.place:
            if following < len(tokens) and tokens[following] in _PLACE_PREPOSITIONS:
                place = _object_words(tokens, following + 1)
                if place and place[0] in _DETERMINERS:
                    words += [tokens[following], *place]
        elif (
            len(words) == 1
            or words[-1] in _PLACE_PREPOSITIONS
            or words[-1] in ("of", "for", "on", "off")
        ):
            words += _object_words(tokens, following)
    words = [inflect(words[0])] + [_WORDS.get(w, w) for w in _owned(words[1:])]
    if quantity is not None and value is not None and quantity.pos not in covered and not counted:
        words = _with_amount(words, _quantity_phrase(value, unit, quantity))
    words.append(_limb_phrase(mention.limbs, words))
    words.append(_assistance_phrase(level, mention))
    return " ".join(w for w in words if w)
