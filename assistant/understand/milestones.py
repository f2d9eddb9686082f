"""Find what the patient did, how much, with what help, and whether it worked.

The approach is general rather than per-sentence: activity patterns from the vocabulary
(verb + object, e.g. "brush ... teeth") mark *mentions*; amounts ("25 steps"), assistance
cues ("with my walker") and sides ("left arm") are found separately and each is attached
to the nearest mention in its clause. Each mention is then judged: a failure ("couldn't
lift my arm", "tried to stand but my legs gave way"), a plan ("tomorrow i want to ...") or
something done.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from .lexicon import base_form, is_first_name, is_past_only, verb_form
from .mention import Limb, Mention, Milestone, Quantity
from .normalise import CLAUSE, SENTENCE, marked_fragments, split_clauses
from .numbers import format_number, parse_number, tidy
from .summary import describe
from .telegraphic import fragment_says
from .vocab import VOCAB
from .when import DAY_WORDS, NEAR_DAYS, Said, days_said, iso_day

_BOUNDARIES = (CLAUSE, SENTENCE)
_DETERMINERS = frozenset(("my", "the", "his", "her", "our", "your", "a", "an", "some"))
_FUNCTION_WORDS = VOCAB.words["function"] - set(VOCAB.unit_forms)
_SUBJECTS = frozenset(("i", "he", "she", "we", "they"))
_BARE_VERBS = VOCAB.words["light_verbs"] | {"managed", "manage", "managing", "got", "get", "made"}
"""Verbs that say nothing of their own before a bare amount ("today i did 40")."""
_BARE_FILLERS = frozenset(
    ("and", "then", "about", "around", "over", "nearly", "almost", "just", "only", "for", "like",
     "roughly", "maybe", "probably")
)
_WHEN_WORDS = DAY_WORDS | {"last", "week", "month", "usually", "normally", "before", "used"}
"""Words that set a bare amount on another day or as the usual ("last week he did 100")."""
_COUNTING_UNITS = frozenset(("steps", "stairs", "times", "laps", "words", "sentences", "blocks"))
"""Units a bare count of an activity can be in ("12 of them"); not durations or distances."""
_NOW = re.compile(
    r"\b(?:now|currently|at the moment|at present|these days|last (?:week|month)"
    r"|a (?:week|month) ago)\b")
"""Where things stand ("i walk 10 steps now"): said before a target, a baseline, not news."""
_REACHED_FOR = frozenset(("to", "manage", "managing", "reach", "hit", "make", "do", "want", "for"))
"""Before a bare target amount ("up to 20", "get up to 20", normalised "manage 20")."""
_WITH_THE_SPEAKER = re.compile(r"\bwith (?:me|us)\b")
_WISHES = frozenset(("wants", "want", "wanted", "expects", "expected", "would", "needs", "hopes"))
_THE_PATIENT = frozenset(("him", "her", "me", "us"))
_KIN_OF_SOMEONE = frozenset(("his", "her", "their"))
_SPEAKER_OR_PATIENT = VOCAB.words["self"] | _THE_PATIENT | {"my"}
"""Words that put the speaker or the patient in a clause (see _about_someone_else)."""
_OF_ALL = re.compile(
    r"\b(?:both|all|each time|every time|both times|both days|all \w+ times)"
    r"(?: (?:with|without|on|using|holding|by))?"
    r"(?: (?:the|my|his|her|a))? $"
)
"""Said just before help, it is help with everything said ("both with the stick")."""
_OF_ALL_AFTER = re.compile(r" (?:both times|both days|each time|every time|both|all of them)\b")
"""Said just after help, the same ("with the walker both times")."""
_HELP_LEADS = frozenset(("with", "using", "holding", "on", "the", "a", "my", "his", "her",
                         "just", "only", "wi", "wid"))
"""Words between a pause and the help said after it ("..., with just the walker")."""
_WITH_IT = re.compile(r"\bwith (?:it|them)\b")
_WITH_SOMEONE = re.compile(
    r"\bwith ([a-z]+)(?= *(?:$|\||today|yesterday|this|again|on (?:monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday)))"
    r"|\b(?:holding|held|hold) (?:on to |onto )?([a-z]+) (?:hand|arm|elbow)\b"
    r"|\bwithout (?:our |my )?([a-z]+)(?= *(?:$|\||today|yesterday|this|again|help))")
"""Where a name may be someone who helped: closing a clause ("walked to the church hall with
john"), or whose hand was held ("holding bobby's hand", the possessive dropped); or who was
not needed ("to the bus stop without our dean")."""
_DENIALS = frozenset(("no", "not", "could", "can", "never", "nope", "cannot", "unable"))
"""The words of a telegraphic fragment that only denies ("no", "couldn't")."""
_SETTINGS = frozenset(("in", "at", "after", "before", "during"))
"""Words that make a session named after them a setting ("in speech therapy")."""
_PLACES = frozenset(("upstairs", "downstairs"))
_STAYING = frozenset(("sleep", "stay", "live", "sit", "lie", "wait", "rest", "nap", "be"))
"""Verbs after which "downstairs" is where one stayed, not a climb ("slept downstairs")."""
_ROUNDS = frozenset(("blocks", "laps"))
"""Units one goes round: "round the block twice" is 2 blocks."""
_TOTAL = re.compile(r"(?:altogether|in all|in total|total|overall)\b")
_LONG_AGO = re.compile(
    r"\b(?:back in the day|in (?:my|his|her) day|before (?:the|my|his|her) stroke|"
    r"in (?:my|his|her) (?:youth|prime|twenties|thirties|forties|fifties))\b")
_THE_TARGET = re.compile(
    r"(?:that is|that will be|this is|that would be) (?:the|my|his|her|our) (?:\w+ )?"
    r"(?:target|goal|aim|plan|dream|next (?:big )?(?:one|1|thing))$"
    r"|^that is the (?:big|main|next) (?:big )?(?:one|1|thing)(?: for (?:me|him|her|us))?"
    r"(?: (?:i am|we are|he is|she is) after)?$"
    r"|^that is (?:all )?what (?:i am|we are|he is|she is) (?:after|going for|aiming (?:for|at)|"
    r"working (?:towards?|on))(?: \w+)*$|^(?:i|we|he|she) would settle for that$"
    r"|\bis (?:my|his|her|our) (?:\w+ )?(?:target|goal|aim)$")
_GOAL_NOUNS = frozenset(("target", "goal", "aim", "plan"))
_WISH_LEADS = frozenset((
    "want to", "i want to", "wanna", "i wanna", "hoping to", "i am hoping to", "i hope to",
    "i would like to", "would like to", "i would love to", "i wish to", "next week", "tomorrow"))
_PLAN_FRAGMENTS = frozenset((
    "want", "i want", "goal", "my goal", "target", "aim", "plan", "hope", "hoping", "try",
    "tomorrow", "next week", "soon", "one day", "someday", "wish", "would like"))
_REORDERED_MOST = 7
"""Words in a fragment whose object may come first: telegraphic fragments are short."""
_NAMED_FIRST = _DETERMINERS | _SUBJECTS | VOCAB.words["proxies"]
"""A fragment opening on who did it is in its usual order ("my sister rang")."""
_REPORTING = frozenset(("said", "says", "thinks", "thought", "reckons", "told"))
"""Verbs of saying before what someone else did ("the physio says she got 18")."""
_AUXILIARIES = frozenset(("has", "have", "had", "is", "was"))
_PEOPLE = VOCAB.words["proxies"] | VOCAB.words["others"]
_ONE_PART = frozenset(p for p in VOCAB.words["body_parts"] if not p.endswith("s")) - {
    "side", "eye", "feet"}
_NOT_TASKS = VOCAB.words["win_not_tasks"]
_BEFORE_VERB = VOCAB.words["win_before_verb"]
_NOT_PLANS = VOCAB.words["win_not_plans"]
_WHOSE = (("my",), ("his",), ("her",), ("the",))
_IN_ONE = (("go",), ("sitting",), ("stretch",), ("session",), ("piece",), ("hit",))
_HEDGES = (("i", "think"), ("i", "reckon"), ("i", "guess"), ("or", "so"))
_ONE_STAIR = frozenset(("the", "bottom", "top", "first", "last", "front", "back", "a"))
_TO_SLEEP = (("to", "bed"), ("to", "sleep"))
"""Going to bed is sleeping (one of ``_NOT_TASKS``), not going somewhere."""
_COMPARED = re.compile(r"(?:more|fewer|less|further|farther|longer)(?: [a-z]+)? than\b")
_PATIENT = _SUBJECTS | VOCAB.words["proxies"] | {"myself"}
"""Subjects a win no activity names may have: the speaker, the patient, a carer's "Mum"."""
_WISH_MODALS = frozenset(("would", "d", "should", "could"))
_FOR_THE_SPEAKER = re.compile(r"\bfor (?:me|us)\b")
_HELP_WORDS = re.compile(r"\b(?:help|helped|helping|assist\w*|support\w*)\b")
_NO_HELPER = re.compile(
    r"\b(?:nobody|noone|no one|without (?:anyone|anybody|someone|somebody|(?:my|his|her|the) \w+))"
    r"(?: had to| needed to| has to| having to| needing to)? $"
)
"""Help denied just before a cue ("with nobody helping me") is doing it alone."""
_PLAYED = re.compile(r"\bplay(?:ed|ing|s)? (?:(?![|])[^ ]+ ){0,5}$")
"""A game played with someone ("played chess with my grandson"): the other player is company,
not help ("did a jigsaw with my granddaughter" is help)."""


@dataclass(frozen=True)
class Found:
    """A milestone (always with its day) as the finder judged it: done, failed (`negative`)
    or planned (`goal`)."""

    milestone: Milestone
    negative: bool
    goal: bool


@dataclass(frozen=True)
class Analysis:
    """Everything milestones.py learnt from one utterance."""

    found: tuple[Found, ...]
    setback_cue: bool
    failed_after: bool = False
    """A setback told after everything done, with nothing said in its favour after it."""


class _Text:
    """Tokens plus the joined string the regexes run on, with offset <-> index maps."""

    def __init__(self, tokens: tuple[str, ...]) -> None:
        self.tokens = tokens
        self.string = " ".join(tokens)
        self.offsets: list[int] = []
        offset = 0
        for token in tokens:
            self.offsets.append(offset)
            offset += len(token) + 1
        self.clause = [0] * len(tokens)
        self.sentence = [0] * len(tokens)

    def index(self, char: int) -> int:
        """The token that contains character ``char``."""
        return bisect_right(self.offsets, char) - 1

    def mark_clauses(self, splits: set[int]) -> None:
        """Number clauses and sentences; ``splits`` are extra clause starts ("... and i ...")."""
        clause = sentence = 0
        for i, token in enumerate(self.tokens):
            if token == SENTENCE:
                sentence += 1
                clause += 1
            elif token == CLAUSE or i in splits:
                clause += 1
            self.clause[i] = clause
            self.sentence[i] = sentence

    def clause_span(self, i: int) -> tuple[int, int]:
        """First and last token index of the clause holding token ``i``."""
        start = end = i
        while start > 0 and self.clause[start - 1] == self.clause[i]:
            start -= 1
        while end + 1 < len(self.tokens) and self.clause[end + 1] == self.clause[i]:
            end += 1
        return start, end

    def words(self, start: int, end: int) -> str:
        """Tokens start..end-1 joined, boundaries dropped."""
        return " ".join(t for t in self.tokens[max(start, 0) : end] if t not in _BOUNDARIES)


def _find_mentions(text: _Text) -> list[Mention]:
    """Activity pattern matches, longest first, without overlaps."""
    candidates: list[tuple[bool, bool, int, int, int, str]] = []
    for i, token in enumerate(text.tokens):
        after_number = i > 0 and parse_number(text.tokens[i - 1]) is not None
        for pattern in VOCAB.anchors.get(token, ()):
            match = pattern.regex.match(text.string, text.offsets[i])
            if match:
                end = text.index(match.end() - 1)
                # "12 step ups on the bottom stair": what a number counts comes first.
                counted = after_number and VOCAB.activities[pattern.activity].count
                candidates.append((pattern.weak, not counted, -(end - i), i, end, pattern.activity))
    candidates = [c for c in candidates if not _counted_unit(text.tokens, c[3], c[4])]
    candidates.sort()
    taken = [False] * len(text.tokens)
    mentions = []
    for weak, _, _, start, end, activity in candidates:
        if any(taken[start : end + 1]):
            continue
        for k in range(start, end + 1):
            taken[k] = True
        mentions.append(Mention(VOCAB.activities[activity], start, end, weak=weak))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _counted_unit(tokens: tuple[str, ...], start: int, end: int) -> bool:
    """ "14 steps up to the flat": a plural unit after a number is what the number counts, not
    the first word of a compound (a compound takes the singular: "10 step-ups")."""
    token = tokens[start]
    return (
        end > start
        and start > 0
        and parse_number(tokens[start - 1]) is not None
        and token.endswith("s")
        and token[:-1] in VOCAB.unit_forms
    )


def _reordered_mentions(text: _Text) -> list[Mention]:
    """ "arm... exercises...", "hair... brushed... myself": in telegraphic speech a pause may
    split an activity's words, and the object may come before its verb, so two neighbouring
    fragments (or two with one between: "cup... tea... me... made") are also read together,
    in order and then the other way round. Only tried when nothing was found the usual way."""
    fragments = []
    start = 0
    for i, token in enumerate((*text.tokens, SENTENCE)):
        if token in _BOUNDARIES:
            if i > start:
                fragments.append((start, i))
            start = i + 1
    pairs = [(a, b) for gap in (1, 2) for a, b in zip(fragments, fragments[gap:], strict=False)]
    # "teeth brushed by myself", "car get in get out": the object first within one fragment.
    pairs += [((s, s + cut), (s + cut, e)) for s, e in fragments for cut in range(1, min(e - s, 3))
              if e - s <= _REORDERED_MOST and text.tokens[s] not in _NAMED_FIRST]
    for (a_start, a_end), (b_start, b_end) in pairs:
        first, second = text.tokens[a_start:a_end], text.tokens[b_start:b_end]
        for joined, junction in ((first + second, len(first)), (second + first, len(second))):
            for mention in _find_mentions(_Text(joined)):
                if mention.start < junction <= mention.end:
                    return [Mention(mention.activity, a_start, b_end - 1, reordered=True)]
    return []


def _clause_splits(text: _Text, mentions: list[Mention], days: list[Said]) -> set[int]:
    """An "and" before a new activity, a new "i" or "my" with its verb, a day ("... and today
    8") or an amount between two days starts a new clause."""
    starts = {m.start for m in mentions} | {d.start for d in days}
    splits = set()
    for i, token in enumerate(text.tokens[:-1]):
        if token == "and" and (
            i + 1 in starts
            or text.tokens[i + 1] in ("i", "we", "then", "also")
            or (parse_number(text.tokens[i + 1]) is not None and _days_around(days, i))
            or (text.tokens[i + 1] == "my"
                and not _BE_OR_HAVE.isdisjoint(text.tokens[i + 2 : i + 5]))
        ):
            splits.add(i + 1)
    return splits


_BE_OR_HAVE = frozenset(("is", "are", "was", "were", "has", "have", "had"))
"""After "and my ...": a clause of its own ("and my hands are worse than his")."""


def _days_around(days: list[Said], i: int) -> bool:
    """ "300m on monday and 40 steps today": a day said on each side of token ``i``, so an
    amount after it belongs to the second day."""
    return any(d.end < i for d in days) and any(d.start > i for d in days)


_MONEY = frozenset(("coins", "coin", "change", "paid", "pay", "paying", "till", "money", "cash",
                    "price", "cost", "bill", "pence", "counted", "shop", "fare", "fares"))
"""Words that make "two pound" money, not a weight ("counted 20p coins up to two pound")."""
_CURRENCIES = frozenset(("dollars", "dollar", "euro", "euros", "quid", "pence", "bucks", "rupees",
                         "rand", "cents"))


def _money_said(text: _Text, i: int) -> bool:
    """A word of money in the sentence of token ``i`` ("counted the coins ... two pound")."""
    return not _MONEY.isdisjoint(
        t for t, s in zip(text.tokens, text.sentence, strict=True) if s == text.sentence[i])


_CAUSATIVES = frozenset(("had", "got", "made", "let", "helped", "watched", "saw"))
"""Verbs before the one who did it ("the physio had Tom walk", "I watched him climb")."""
_ORDINAL = re.compile(r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|top|bottom)$")


def _to_a_step(text: _Text, mention: Mention) -> bool:
    """ "got to the third and came back down": how far up the stairs, not a walk somewhere."""
    return mention.activity.name == "walk" and bool(
        _ORDINAL.match(text.tokens[mention.end + 1] if mention.end + 1 < len(text.tokens) else ""))


def _fetched(text: _Text, mention: Mention) -> bool:
    """ "Then Phil picked me up": collected by car, not picking a thing up."""
    after = text.tokens[mention.start + 1 : mention.start + 2]
    return mention.activity.name == "pick_up" and after in (("me",), ("him",), ("her",), ("us",))


_DONE_TO = frozenset(("lift", "carry", "dress", "wash", "bath", "bathe", "shower", "feed",
                      "hold", "catch", "pull", "shave", "turn"))
"""Verbs of care: with the patient as their object ("lift him") a carer did them."""
_HER_ALONE = frozenset(((), (CLAUSE,), (SENTENCE,), ("up",), ("out",), ("in",), ("into",),
                        ("onto",), ("on",), ("off",)))
"""After "her": she is the object ("lift her up"), not the owner of what follows ("her arm")."""


def _is_someone_else(text: _Text, mention: Mention) -> bool:
    """True for "the nurse walked in": another person is the subject of the clause.

    The head of the subject decides ("Dad's friend" is the friend); a relative speaking of
    the patient ("Dad made his own toast", a carer's words) is the patient, unless they did
    it for the speaker ("my daughter walked the dog for me").
    """
    start, end = text.clause_span(mention.start)
    if text.tokens[max(0, mention.start - 2) : mention.start] in (("with", "me"), ("with", "us")):
        return True  # "she dried the dishes with me standing beside her": the carer stood
    obj = text.tokens[mention.end + 1 : mention.end + 3]
    if (obj[:1] in (("me",), ("him",)) or obj[:1] == ("her",) and obj[1:] in _HER_ALONE) \
            and base_form(text.tokens[mention.start]) in _DONE_TO:
        return True  # "my son had to come and lift me": done to the patient, by a carer
    prefix = tuple(t for t in text.tokens[start : mention.start] if t not in _BOUNDARIES)
    cuts = [k for k, t in enumerate(prefix[:-1]) if t == "and" or t in _REPORTING]
    if cuts and cuts[-1] > 0:
        # "the speech therapist came thursday and mum said forty words", "the speech
        # therapist says she got 18": after a clause of its own (a verb before the "and") or
        # a verb of saying, the subject is the one said after it
        cut = cuts[-1]
        after = prefix[cut + 1]
        if (prefix[cut] in _REPORTING or any(map(_tells_done, prefix[:cut]))) and (
                after in _SUBJECTS or after in VOCAB.words["proxies"] or after in _DETERMINERS):
            prefix = prefix[cut + 1 :]
    if not prefix and start > 0 and text.tokens[start - 1] == "and":
        # "the nurse came to do his bloods and said ...": a verb after "and" with no subject
        # of its own shares the subject of the clause before.
        prefix = text.tokens[text.clause_span(start - 1)[0] : start - 1]
    if mention.start == 1 and text.tokens[1] == "speaking" and text.tokens[2:3] in (
            (), (CLAUSE,), (SENTENCE,)):
        return True  # "Grace speaking. Mummy walked...": who is talking, not a conversation
    if prefix in (("i",), ("i", "just"), ("i", "only")) and _carer_speaking(text.tokens):
        return True  # "he walked round the shop, i just stood by": the carer stood
    if prefix[:1] == ("the",) and prefix[2:] in ((), ("is",), ("was",)) and len(prefix) > 1 and (
            prefix[1] not in _PEOPLE and prefix[1] not in _GOAL_NOUNS
            and text.tokens[mention.start].endswith("ing")):
        return True  # "the kettle's boiling": a thing doing something now
    if not prefix or any(t in VOCAB.words["self"] for t in prefix):
        return False
    if prefix == ("they",) and not {"him", "her"}.isdisjoint(text.tokens[: mention.start]):
        return False  # "his son took him out and they walked 3 blocks": the patient too
    if len(prefix) >= 2 and prefix[-2] in _CAUSATIVES and prefix[-1] not in _DETERMINERS:
        return False  # "the physio had Tom walk 30m": Tom walked
    others, proxies = VOCAB.words["others"], VOCAB.words["proxies"]
    head = None
    kin_of_someone = False
    for k, token in enumerate(prefix[:4]):
        if token in others or token in proxies:
            head = token
            # "her sister walked ten miles": the relative of someone the speaker talks
            # about, not the patient, unless the patient is named after ("his son helped him").
            kin_of_someone = k > 0 and prefix[k - 1] in _KIN_OF_SOMEONE and not any(
                t in _THE_PATIENT for t in prefix[k + 1 :]
            )
        elif head is not None:
            if token in _WISHES and prefix[k + 1 : k + 2] and prefix[k + 1] in _THE_PATIENT:
                # "the physio wants him walking 50 metres": a wish for the patient.
                return False
            # "my wife is making soup": what a relative is doing now is their own doing; not
            # what they are hoping or trying to do ("he is hoping to climb the stairs").
            doing_now = token in ("is", "are") and len(prefix) - k <= 2
            if head in others or doing_now:
                return True
            break
        elif token in VOCAB.words["device_heads"]:
            return True  # "the walker kept catching on the rug": a thing did it
        elif token not in _DETERMINERS and not (
            k and prefix[k - 1] in ("the", "a", "an") and k + 1 < len(prefix)
            and prefix[k + 1] in others
        ):
            break  # but "the district nurse": a word naming which one may come first
    if head in proxies and kin_of_someone:
        return True
    if head in proxies:
        # "he folded the washing for me, no help at all": done for the carer, but by the patient
        clause = " ".join(text.tokens[start : end + 1])
        return (_FOR_THE_SPEAKER.search(clause) is not None
                and VOCAB.regexes["independent"].search(text.string) is None)
    return head in others


def _carer_speaking(tokens: tuple[str, ...]) -> bool:
    """The utterance opens on the patient as someone else ("he walked...", "my mom, she got
    in the car", "Albert did 1.5 km"): its "i" is the carer."""
    first = tokens[: next((k for k, t in enumerate(tokens) if t in _BOUNDARIES), len(tokens))]
    if first[-2:] in (("with", "me"), ("with", "us")):
        first = first[:-2]  # "she did her exercises with me"
    return VOCAB.words["self"].isdisjoint(first) and (
        not VOCAB.words["proxies"].isdisjoint(first[:5]) or bool(first) and _a_name(first[0]))


def _said_by_carer(text: _Text, mention: Mention) -> bool:
    """ "Mum walked ...": the clause's subject is a relative the speaker names, not "i"."""
    start, _ = text.clause_span(mention.start)
    prefix = text.tokens[start : mention.start]
    proxies = VOCAB.words["proxies"]
    return not any(t in VOCAB.words["self"] for t in prefix) and any(
        t in proxies for t in prefix[:4]
    )


def _habitual(text: _Text, mention: Mention) -> bool:
    """ "I used to walk five miles a day": what was done once, as a habit, is no news, nor
    what someone has gone off to do ("he's gone to do the shopping"); nor is
    a taste ("he always loved walking the hills", "i like to swim"), unless it is a wish
    ("i would love to walk"), nor what was done long ago ("before the stroke")."""
    start, _ = text.clause_span(mention.start)
    before = text.tokens[start : mention.start]
    if any(before[n : n + 2] in (("used", "to"), ("gone", "to"), ("off", "to"))
           for n in range(len(before) - 1)):
        return True
    if _LONG_AGO.search(" ".join(text.tokens[: mention.start])):
        return True  # "back in the day he could finish the crossword in twenty minutes"
    if before and before[-1] == "to":
        before = before[:-1]
    if before[-1:] == ("like",) and parse_number(
            text.tokens[mention.start]) is not None and not _SUBJECTS.intersection(before[-2:-1]):
        return False  # "she did like 320 steps": about 320, not a taste
    return (
        bool(before)
        and base_form(before[-1]) in VOCAB.words["attitudes"]
        and not any(t in _WISH_MODALS for t in before[-4:-1])  # "would really like to"
    )


def _phrase_start(text: _Text, mention: Mention) -> int:
    """Where the mention's phrase starts, with the determiners before it ("about the stairs")."""
    k = mention.start
    while k and text.tokens[k - 1] in _DETERMINERS:
        k -= 1
    return k


def _topic(text: _Text, mention: Mention) -> bool:
    """ "nervous about the stairs": the activity is what is talked about, not what was done
    (an amount said of it later was already taken: "... but I did all 12")."""
    k = _phrase_start(text, mention)
    return not mention.from_unit and k > 0 and text.tokens[k - 1] == "about"


def _setting(text: _Text, mention: Mention) -> bool:
    """ "named 10 pictures in speech therapy", "walked 20 steps after hydro": a session named
    after "in", "at", "after" is where or when the news happened, beside what was done; so is
    "downstairs" after a verb of staying ("sleeping on the settee downstairs") or an amount
    ("hoovered for 10 min then another 10 upstairs")."""
    k = _phrase_start(text, mention)
    if mention.start == mention.end and text.tokens[k] in _PLACES:
        start, _ = text.clause_span(k)
        before = text.tokens[k - 1] if k else ""
        return (parse_number(before) is not None or before in VOCAB.unit_forms
                or any(base_form(t) in _STAYING for t in text.tokens[start:k]))
    return (not mention.from_unit and k > 0 and text.tokens[k - 1] in _SETTINGS
            and text.tokens[k - 2 : k - 1] != ("go",))  # "had a go at the wordsearch"


def _is_circumstance(text: _Text, earlier: list[Mention], mention: Mention) -> bool:
    """True for "brushed my teeth standing at the sink" or "stood for 2 minutes doing the
    dishes": a participle (the activity's own word, or the verb before its object) setting
    the scene."""
    return _as_participle(text, mention) and any(m.clause == mention.clause for m in earlier)


def _as_participle(text: _Text, mention: Mention) -> bool:
    """The activity is said as a participle: its own word, or the verb before its object
    ("washing the dishes", "doing the pots")."""
    before = _phrase_start(text, mention)
    words = (text.tokens[mention.start], text.tokens[before - 1] if before else "")
    return any(w.endswith("ing") for w in words)


def _stood_for_a_task(text: _Text, mentions: list[Mention], mention: Mention) -> bool:
    """ "stood at the sink for ten minutes washing the dishes": standing while doing a
    household task (said as a participle) is how it was done; the task is the win, and the
    time stood is its time. Not a wish to stand long enough "to wash up"."""
    return mention.activity.name == "stand" and any(
        m.start > mention.end and m.clause == mention.clause
        and m.activity.category == "daily_living" and _as_participle(text, m) for m in mentions)


_TOWARDS = frozenset(("to", "into", "towards"))


def _destination(text: _Text, mentions: list[Mention], mention: Mention) -> bool:
    """ "six steps to the commode", "the stairs to the basement laundry": where a walk or the
    stairs went, named after "to the" (and a word saying which), is not a second activity."""
    k = mention.start - 1
    if k > 1 and text.tokens[k] not in _DETERMINERS:
        k -= 1  # "to the basement laundry"
    return (k > 0 and text.tokens[k] in _DETERMINERS and text.tokens[k - 1] in _TOWARDS
            and mention.activity.category != "mobility"
            and any(m.start < k and m.clause == mention.clause
                    and m.activity.category == "mobility" for m in mentions))


_NOT_AMOUNT_AFTER = frozenset(("at", "by", "till", "until", "for", "before", "after", "on"))


def _amount_done(text: _Text, i: int) -> bool:
    """ "kneaded the dough for ten minutes", "hung two shirts on the line": the verb at ``i``
    has an amount of its own in its clause (a number with a unit or a thing counted), which
    tells something done even when no word says it was a win; not a clock time ("at half
    ten")."""
    start, end = text.clause_span(i)
    tokens = text.tokens
    for k in range(i + 1, end + 1):
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        if parse_number(tokens[k]) is not None and after not in ("times", "time") and (
                after in VOCAB.unit_forms or len(after) > 1 and after.isalpha()
                and after not in _FUNCTION_WORDS
                and after not in VOCAB.words["not_amounts"]) and not (
                tokens[k - 1] in _NOT_AMOUNT_AFTER and after not in VOCAB.unit_forms):
            return True
    return False


def _named_first(tokens: tuple[str, ...], k: int) -> bool:
    """ "Ammi rolled out 6 rotis herself": the word at ``k`` opens its sentence and is no word
    we know, so it names the patient (a carer speaking, the name in their own language)."""
    word = tokens[k]
    return (k == 0 or tokens[k - 1] == SENTENCE) and word.isalpha() and (
        word not in _FUNCTION_WORDS and word not in _PEOPLE and word not in VOCAB.english
        and verb_form(word) is None)


def _a_name(word: str) -> bool:
    """A first name, and no word of ours ("min", "er" are also names somewhere)."""
    return (is_first_name(word) and word not in VOCAB.english and word not in _FUNCTION_WORDS
            and word not in VOCAB.unit_forms)


def _unnamed_win(text: _Text, kind: str | None = None) -> list[Mention]:
    """A win no activity names ("Mum used the kettle on her own", "cracked an egg one
    handed"): the first verb in the past tense that is a task and whose subject is the patient
    (or unsaid, as in telegraphic speech), when the utterance says it was done alone or was an
    achievement, or the learned model says it is a win of category ``kind``; or a plan for one
    ("Dad wants to drive again": the verb after "to"). What it was is read from the words of
    its clause, within ``kind`` when given."""
    regexes = VOCAB.regexes
    won = kind is not None or any(
        regexes[name].search(text.string) for name in ("win_markers", "independent"))
    planned = regexes["goal_only"].search(text.string) is not None
    # An amount may tell a win, unless anything went wrong or it is played down.
    counted = any(parse_number(t) is not None for t in text.tokens) and not any(
        regexes[name].search(text.string) for name in ("setbacks", "played_down"))
    if not (won or planned or counted):
        return []
    for i, token in enumerate(text.tokens):
        form = verb_form(token)
        if form is None or form.base in _NOT_TASKS or (
                form.base == "go" and text.tokens[i + 1 : i + 3] in _TO_SLEEP):
            continue
        after_to = i > 0 and text.tokens[i - 1] == "to" and form.base == token
        if after_to and planned and token not in _NOT_PLANS:
            k = i - 1
        elif after_to and won and text.tokens[max(0, i - 2)] in ("managed", "manage"):
            k = i = i - 2  # "managed to put his watch on": "put" is its own past, but no news
        elif form.past == token and (won or counted and _amount_done(text, i)):
            k = i
            while k and text.tokens[k - 1] in _BEFORE_VERB:
                k -= 1
            if k and text.tokens[k - 1] not in _BOUNDARIES and text.tokens[k - 1] not in _PATIENT \
                    and not _named_first(text.tokens, k - 1):
                continue
            k = i  # "Mum just used the kettle on her own": done, not planned
        else:
            continue
        return [_win_at(text, i, kind, goal=k < i)]
    if kind is not None:
        # "Did the grip squeezer 15 with the left": a win only "did" tells, with an amount
        did = next((i for i, t in enumerate(text.tokens) if t in _DID and any(
            parse_number(w) is not None
            for w in text.tokens[i + 1 : text.clause_span(i)[1] + 1])), None)
        if did is not None:
            return [_win_at(text, did, kind, goal=False)]
        first = next((i for i, t in enumerate(text.tokens) if verb_form(t) is not None), None)
        resting = first is not None and (base_form(text.tokens[first]) in _STATES
                                         or text.tokens[first + 1 : first + 3] in _TO_SLEEP)
        if not resting and any(t not in _NO_NEWS and parse_number(t) is None
                               for t in text.tokens):
            # the model's word: "socks... on... me", "to get back to the allotment"
            at = next((i for i in range(1, len(text.tokens)) if planned and text.tokens[i - 1]
                       == "to" and verb_form(text.tokens[i]) is not None), 0)
            win = _win_at(text, at, kind, goal=planned)
            if at:
                win.end = _plan_end(text, at)
            else:
                win.reordered = True  # no verb said it: the activity's own words say it
            return [win]
    return []


_STATES = _STAYING | {"live", "need", "have", "see", "watch", "hear", "look", "meet"}
"""Verbs that say how things are or what was seen, not what was done ("I live on my own",
"I saw 10 men at the pub")."""
_NO_WORDS = _FUNCTION_WORDS | _BARE_FILLERS | set(_BOUNDARIES) | {"mi"}
"""Words that name nothing: function words, fillers, pauses, and "mi" (my, I) where the
Caribbean reading left it ("mi mi no")."""
_NO_NEWS = _NO_WORDS | set(VOCAB.unit_forms)
"""Words that tell nothing done: "twenty minutes" alone is no win, whatever the model says."""


def names_nothing(tokens: tuple[str, ...]) -> bool:
    """Only words that name nothing (``_NO_WORDS``): no win for the learned model to hear."""
    return all(t in _NO_WORDS for t in tokens)


_PLAN_ENDS = frozenset(("by", "before", "until", "till", "when", "come", "next", "again", "on",
                        "this", "after", "once", "so", "for", "in", "without", "with", "and",
                        "but", "or", "myself", "himself", "herself", "alone", "independently"))
"""Words after which a plan's words say when or how, not what ("get back to the allotment |
by the autumn")."""


def _plan_end(text: _Text, at: int) -> int:
    """The last word of the plan said from the verb at ``at`` ("get back to the allotment")."""
    end = at
    for k in range(at + 1, text.clause_span(at)[1] + 1):
        if text.tokens[k] in _PLAN_ENDS or parse_number(text.tokens[k]) is not None:
            break
        end = k
    return end


def _win_at(text: _Text, i: int, kind: str | None, goal: bool) -> Mention:
    """The win told by the verb at ``i``: what it was read from the words of its clause,
    within category ``kind`` when given."""
    start, end = text.clause_span(i)
    words = set(text.tokens[start : end + 1])
    named = [n for n, cues in VOCAB.win_kinds.items() if cues & words]
    if kind is not None:
        named = [n for n in named if VOCAB.activities[n].category == kind] or [
            VOCAB.win_of_category[kind]]
    name = next(iter(named), "everyday")
    mention = Mention(VOCAB.activities[name], i, i, goal=goal)
    mention.clause, mention.sentence = text.clause[i], text.sentence[i]
    return mention


def _convert(value: float, unit: str) -> tuple[int | float, str]:
    """Fractional hours to minutes and fractional minutes to seconds; whole values stay."""
    if unit == "hours" and value != int(value):
        value, unit = value * 60, "minutes"
    if unit == "minutes" and value != int(value):
        value, unit = value * 60, "seconds"
    if unit == "meters" and value > 20:
        value = round(value)
    return tidy(value), unit


def _said(value: float, form: str) -> str | None:
    """A converted amount as the patient said it ("half a mile", "2 kilometers"); None when
    the unit was not converted."""
    if form not in VOCAB.said_units:
        return None
    one, many = VOCAB.said_units[form]
    if value == 0.5:
        return f"half a {one}"
    return f"{format_number(value)} {one if value == 1 else many}"


def _slips_counted(text: _Text, q: Quantity) -> bool:
    """ "never stumbled once", "only missed the board twice", "had to rest twice": how often
    something went wrong, or did not, is not the amount of the win."""
    if q.unit != "times" or q.value > 3:
        return False
    start = text.clause_span(q.pos)[0]
    before = text.tokens[start : q.pos]
    # The setback words as said, not `_setback_in`: "only missed" plays a slip down, and it
    # is still the slip that "twice" counts.
    return not VOCAB.words["negators"].isdisjoint(before) or bool(
        VOCAB.regexes["setbacks"].search(" ".join(before))) or _rested(before)


_PAUSES = frozenset(("stop", "rest", "pause", "nick", "stumble", "slip", "trip"))
"""Verbs of a break or slip taken along the way ("stopped twice for a rest", "nicked meself
the once")."""


def _rested(before: tuple[str, ...]) -> bool:
    """True when the words before a count of times say a break or slip was taken ("sat down
    twice" while hoovering), not how often the win was done ("stood up and sat down 3 times")."""
    forms = [base_form(t) for t in before]
    sat_down = ("sit", "down") in zip(forms, before[1:], strict=False)
    return bool(_PAUSES.intersection(forms)) or sat_down and not {"stand", "up"} & set(forms)


def _closes(tokens: tuple[str, ...], j: int) -> bool:
    """True when the clause ends at ``j``, or after a day said there ("2 yesterday and")."""
    if j < len(tokens) and tokens[j] in DAY_WORDS:
        j += 1
        return j == len(tokens) or tokens[j] in (*_BOUNDARIES, "and")
    return j == len(tokens) or tokens[j] in _BOUNDARIES


def _unit_compound(tokens: tuple[str, ...], mention: Mention) -> bool:
    """ "2 word searches": things named by a compound whose first word is a unit, counted."""
    return (mention.activity.category == "cognition" and mention.end > mention.start
            and tokens[mention.start] in VOCAB.unit_forms)


def _find_quantities(text: _Text, mentions: list[Mention]) -> list[tuple[Quantity, Mention | None]]:
    """Amounts with their unit; a count activity right after a number claims it ("10 squats")."""
    tokens = text.tokens
    counts = {
        m.start: m for m in mentions if m.activity.count or _plural_act(tokens, mentions, m)
        or _unit_compound(tokens, m)
    }
    modifiers = VOCAB.words["modifiers"]
    found: list[tuple[Quantity, Mention | None]] = []
    for i, token in enumerate(tokens):
        value = parse_number(token)
        if value is None or _own_limbs(tokens, i) or _age_or_pronoun(tokens, i) or (
            # "ward 4", "bed 12" name a place, but not "the ward 4 times", "round the ward 3 laps".
            i > 0
            and tokens[i - 1] in VOCAB.words["labels"]
            and not (i + 1 < len(tokens) and (tokens[i + 1] in VOCAB.unit_forms
                                              or tokens[i + 1] == "each"))  # "bed twelve each leg"
        ):
            continue
        if _COMPARED.match(" ".join(tokens[i + 1 : i + 4])):
            continue  # "10 more steps than yesterday" is a difference, not what was done
        if value == 1 and tokens[i - 1 : i] == ("in",) and tokens[i + 1 : i + 2] in _IN_ONE:
            continue  # "30 sit to stands in one go": how, not how many
        if tokens[i + 1 : i + 2] in (("peg",), ("hole",)) and tokens[i + 2 : i + 3] in (
                ("test",), ("peg",), ("board",)):
            continue  # "the nine-peg test", "nine hole peg" name a test
        j = i + 1
        while j < len(tokens) and j - i <= 2 and tokens[j] in modifiers:
            j += 1
        following = tokens[j] if j < len(tokens) else ""
        if parse_number(following) is not None:
            continue
        if following in _CURRENCIES or (following in ("pound", "pounds") and _money_said(text, i)):
            continue  # "counted out 4.50 dollars", "two pound" of coins: money, not an amount done
        if tokens[j + 1 : j + 2] == ("ago",):
            continue  # "chatting fine an hour ago": when, not how long
        if _unit_after_pause(tokens, i, j):
            j += 1
            following = tokens[j]
        unit_before = _unit_before(tokens, i)
        if (
            unit_before is not None
            and j not in counts
            and following not in VOCAB.unit_forms
            and (following not in VOCAB.words["not_amounts"]
                 # "Steps today: 1,250 on my watch"
                 or following == "on" and tokens[j + 1 : j + 2] in _WHOSE)
        ):
            unit, factor = VOCAB.unit_forms[unit_before]
            amount, unit = _convert(value * factor, unit)
            k = tokens.index(unit_before, max(0, i - 3), i)
            found.append((Quantity(amount, unit, k, i, said=_said(value, unit_before)), None))
        elif (count := counts.get(j) or (counts.get(j + 1) if _names_kind(following) else None)):
            # "10 squats" are done ten times; "2 crosswords" are two things done (no unit); "a
            # dozen wall push ups", "10 mini squats": one word may say which kind first
            thing = count.activity.category == "cognition"
            found.append((Quantity(value, None if thing else "times", i, count.end,
                                   noun=tokens[count.end] if thing else None), count))
        elif following in VOCAB.unit_forms and not (following == "foot" and value == 1):
            unit, factor = VOCAB.unit_forms[following]
            amount, unit = _convert(value * factor, unit)
            if unit == "times":
                unit = _went_round(text, i) or unit
            found.append((Quantity(amount, unit, i, j, said=_said(value, following)), None))
        elif (following.isalpha() and following not in _FUNCTION_WORDS
              and following not in VOCAB.words["not_counted"]
              and tokens[j + 1 : j + 2] and tokens[j + 1] in VOCAB.unit_forms
              and VOCAB.unit_forms[tokens[j + 1]][0] in _COUNTING_UNITS - {"times"}):
            # "10 English words", "12 concrete steps": a word saying which kind, then the unit
            unit = VOCAB.unit_forms[tokens[j + 1]][0]
            found.append((Quantity(value, unit, i, j + 1, said=_said(value, tokens[j + 1])), None))
        elif tokens[j : j + 2] == ("of", "each"):
            # "ten of each": a count of each of the things named before (see _repeated)
            found.append((Quantity(value, None, i, i, counts_back=True), None))
        elif tokens[j : j + 1] == ("on",) and (on := _activity_on(tokens, mentions, j, found)):
            # "treadmill 20 minutes then 10 on the bike": a bout of the activity named after
            # it, in the unit said before
            found.append((Quantity(value, on[1], i, i), on[0]))
        elif tokens[j : j + 1] in (("on",), ("with",)) and _names_a_side(tokens, j + 1):
            # "taps, 20 on each hand", "fifteen on the weak side": a count of the activity
            # named before, for that side (each side: see _repeated)
            found.append((Quantity(value, None, i, i, counts_back=True), None))
        elif _counts_back(tokens, i, j):
            # "all four of them": a count of the things named before, in the unit named
            # before ("did laps of the hallway, eight of them") or else no unit.
            them = tokens[j : j + 1] == ("of",) or tokens[i - 1] == "all"
            found.append((Quantity(value, _unit_named_before(tokens, i), i, j,
                                   noun="of them" if them else None, counts_back=True), None))
        elif following in ("", *_BOUNDARIES) and (form := _time_said_before(tokens, i)):
            # "the puzzle book for 20 minutes and my hand putty for 10": the time unit said.
            unit, factor = VOCAB.unit_forms[form]
            amount, unit = _convert(value * factor, unit)
            found.append((Quantity(amount, unit, i, j, said=_said(value, form)), None))
        elif _closes(tokens, j) and any(
            m.end == i - 1 or (m.end == i - 2 and tokens[i - 1] in _BOUNDARIES) for m in mentions
        ):
            # "and today i walked 30", "tea towels... folded... six", "crosswords, 2
            # yesterday": a number closing the clause of the verb it follows (its day may
            # follow it), or said as the next fragment.
            found.append((Quantity(value, None, i, j), None))
        elif following in ("", *_BOUNDARIES) and tokens[i - 1] in _DID and any(
                m.end < i for m in mentions) and _WHEN_WORDS.isdisjoint(
                tokens[text.clause_span(i)[0] : i]):
            # "the lip exercises, did them, did twenty": the activity named, then how many
            # (not "and today i did 250": see _day_amounts; nor "last week he did 100")
            found.append((Quantity(value, None, i, j, counts_back=True), None))
        elif i and tokens[i - 1] in ("got", "scored") and (
                following in _FUNCTION_WORDS or following in ("", *_BOUNDARIES)):
            # "I got 20 out of 30 on the memory game", "she got 14 in a minute": a score
            found.append((Quantity(value, None, i, j), None))
        elif _part_moved(tokens, j):
            found.append((Quantity(value, "times", i, j + 1), None))
        elif (
            following.isalpha()
            and following not in VOCAB.words["not_amounts"]
            and following not in VOCAB.words["not_counted"]
            and following not in VOCAB.words["helpers"]
            and following not in _FUNCTION_WORDS
            and (i == 0 or tokens[i - 1] not in VOCAB.words["prepositions"])
        ):
            found.append((Quantity(value, None, i, j, noun=following), None))
    return found


def _activity_on(tokens: tuple[str, ...], mentions: list[Mention], j: int,
                 found: list[tuple[Quantity, Mention | None]]) -> tuple[Mention, str] | None:
    """The activity named just after "on" at ``j`` ("10 on the bike"), and the time or count
    unit of the amount said before in its sentence, when that activity is done in it."""
    mention = next((m for m in mentions if j < m.start <= j + 3), None)
    earlier = [q.unit for q, _ in found if q.unit]
    if mention is None or not earlier or SENTENCE in tokens[found[-1][0].end : j]:
        return None
    unit = earlier[-1]
    return (mention, unit) if unit in mention.activity.units else None


_WHICH_SIDE = frozenset(("weak", "good", "bad", "left", "right", "affected", "strong",
                         "stroke", "weaker", "stronger", "other"))


def _names_a_side(tokens: tuple[str, ...], k: int) -> bool:
    """ "each hand", "the weak side", "my left leg" from ``k``: a side of the body."""
    if tokens[k : k + 2] in _EACH_SIDE:
        return True
    if tokens[k : k + 1] and tokens[k] in _DETERMINERS:
        k += 1
    if tokens[k : k + 1] and tokens[k] in _WHICH_SIDE:
        k += 1
    return tokens[k : k + 1] in _SIDES and tokens[k - 1] in _WHICH_SIDE


def _time_said_before(tokens: tuple[str, ...], i: int) -> str | None:
    """After "for", a bare number takes the time unit of an earlier "for N <unit>" in its
    sentence ("... for 20 minutes and my hand putty for 10")."""
    if i < 4 or tokens[i - 1] != "for":
        return None
    for k in range(i - 2, 1, -1):
        if tokens[k] == SENTENCE:
            return None
        unit = VOCAB.unit_forms.get(tokens[k])
        if unit is not None and VOCAB.units[unit[0]].duration:
            said = tokens[k - 2 : k] if parse_number(tokens[k - 1]) is not None else ()
            return tokens[k] if said[:1] == ("for",) else None
    return None


def _names_kind(token: str) -> bool:
    """A word that may name which kind of a counted exercise ("wall" push ups)."""
    return token.isalpha() and token not in VOCAB.unit_forms and token not in _FUNCTION_WORDS


_AGE_VERBS = frozenset(("is", "was", "am", "turned", "turns", "aged"))


def _age_or_pronoun(tokens: tuple[str, ...], i: int) -> bool:
    """ "she is 91 mind", "aged 80": an age; "the first one since spring", "the weak one":
    "one" stands for the thing named, it counts nothing."""
    before = tokens[max(0, i - 2) : i]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    age = before[-1:] == ("aged",) or (
        before[-1:] and before[-1] in _AGE_VERBS and before[0] in _PATIENT
        and after not in VOCAB.unit_forms and parse_number(after) is None)
    pronoun = tokens[i] == "1" and bool(before) and (
        _ORDINAL.match(before[-1]) is not None  # "the first one"
        or len(before) == 2 and before[0] in _DETERMINERS and before[1].isalpha()
        and before[1] not in VOCAB.unit_forms and after not in VOCAB.unit_forms
        and parse_number(after) is None)  # "the weak one helping"
    return age or pronoun


def _own_limbs(tokens: tuple[str, ...], i: int) -> bool:
    """ "on his own two feet", "with my own two hands": a figure of speech, not an amount."""
    return 0 < i < len(tokens) - 1 and tokens[i - 1] == "own" and (
        tokens[i + 1] in VOCAB.words["body_parts"])


def _part_moved(tokens: tuple[str, ...], j: int) -> bool:
    """ "30 shoulder circles", "twelve finger taps": a count of one body part's movements is
    repetitions of that part's exercise, whatever the movement is called."""
    return (
        j + 1 < len(tokens)
        and tokens[j] in _ONE_PART
        and tokens[j + 1].endswith("s")
        and tokens[j + 1].isalpha()
        and tokens[j + 1] not in VOCAB.words["not_amounts"]
        and tokens[j + 1] not in _FUNCTION_WORDS
    )


_THAT_IS = (("that", "is"), ("which", "is"), ("thats",), ("making",))
"""Words that say the amount after them is the whole ("twice, that's 26 stairs")."""
_ROUGHLY = frozenset(("about", "around", "roughly", "nearly", "almost", "like", "maybe",
                      "over", "just", "probably"))


def _totalled(
    text: _Text, quantities: list[tuple[Quantity, Mention | None]]
) -> list[tuple[Quantity, Mention | None]]:
    """ "eight stairs, then twelve, so twenty in all", "20 each foot, so 40 altogether": a
    total said after its parts replaces them, keeping their unit; so does an amount in a
    unit said to be the whole of the bouts before it ("up and down twice, that's 26
    stairs")."""
    tokens = text.tokens
    for n, (total, owner) in enumerate(quantities):
        if (parts := _parts_after(text, quantities[n + 1 :], total)):
            return _in_place_of(quantities, parts, total, owner)
        k = total.pos
        while k and tokens[k - 1] in _ROUGHLY:
            k -= 1  # "that's about 200 metres"
        if total.unit and any(tokens[max(0, k - len(w)) : k] == w for w in _THAT_IS):
            bouts = [(q, o) for q, o in quantities[:n]
                     if text.sentence[q.pos] == text.sentence[total.pos]
                     and q.unit in (total.unit, "times", "laps")]
            if bouts:
                return _in_place_of(quantities, bouts, total, owner)
        after = " ".join(tokens[total.pos + 1 : total.pos + 4])
        if not _TOTAL.match(after) and not (total.unit and _TOTAL.match(
                " ".join(tokens[total.end + 1 : total.end + 3]))):
            continue
        fits = [(q, o) for q, o in quantities[:n]
                if q.unit is None or total.unit is None or q.unit == total.unit]
        parts = [(q, o) for q, o in fits if text.sentence[q.pos] == text.sentence[total.pos]]
        said = [v for t in tokens[: total.pos] if (v := parse_number(t)) is not None]
        if not parts and sum(said) == total.value and len({q.unit for q, _ in fits} - {None}) == 1:
            parts = fits  # "Pinched it 30 times, rolled it 20. So 50 altogether."
        return _in_place_of(quantities, parts, total, owner)
    return _so_in_all(text, quantities)


def _parts_after(text: _Text, later: list[tuple[Quantity, Mention | None]], total: Quantity
                 ) -> list[tuple[Quantity, Mention | None]]:
    """ "500 steps today all told, 300 in the morning and 200 after dinner", "an hour and a
    half on the bike, forty five in the morning and forty five after tea": the amounts said
    after a total in its sentence, when two or more numbers there add up to it."""
    sentence = text.sentence[total.pos]
    parts = [(q, o) for q, o in later if text.sentence[q.pos] == sentence
             and q.unit in (None, total.unit)]
    return parts if parts and _sum_after(text, total) == total.value else []


_MORE = frozenset(("then", "more", "another", "again", "plus", "extra"))


def _sum_after(text: _Text, q: Quantity) -> float | None:
    """The sum of the numbers said after ``q`` in its sentence, when there are two or more
    and none is said to be more ("then 5 and 5 more")."""
    sentence = text.sentence[q.pos]
    after = [text.tokens[k] for k in range(q.end + 1, len(text.tokens))
             if text.sentence[k] == sentence]
    # one without its unit is as often a pronoun ("all five, um, four, the last one I did")
    said = [v for k, t in enumerate(after) if (v := parse_number(t)) is not None
            and (v != 1 or after[k + 1 : k + 2] and after[k + 1] in VOCAB.unit_forms)]
    more = not _MORE.isdisjoint(after)
    return tidy(sum(said)) if len(said) > 1 and not more else None


def _in_place_of(quantities: list[tuple[Quantity, Mention | None]],
                 parts: list[tuple[Quantity, Mention | None]], total: Quantity,
                 owner: Mention | None) -> list[tuple[Quantity, Mention | None]]:
    """``quantities`` with ``total`` in place of its ``parts``, in their unit and for their
    activity when the total says neither."""
    unit = total.unit or next((q.unit for q, _ in parts if q.unit), None)
    owner = owner or next((o for _, o in parts if o is not None), None)
    kept = [q for q in quantities if q not in parts and q[0] is not total]
    return [*kept, (replace(total, unit=unit, noun=None, counts_back=unit is None), owner)]


def _so_in_all(text: _Text, quantities: list[tuple[Quantity, Mention | None]]
               ) -> list[tuple[Quantity, Mention | None]]:
    """ "ten times, then again ten, then another eight, so 28": a number alone at the end of
    its sentence that is the sum of the numbers said before it there is their total."""
    tokens = text.tokens
    for i in range(1, len(tokens)):
        value = parse_number(tokens[i])
        end = i + 1 + (tokens[i + 1 : i + 2] in (("today",), ("altogether",)))  # "so 100 today"
        if value is None or tokens[i - 1] not in _BOUNDARIES or tokens[end : end + 1] not in (
                (), (CLAUSE,), (SENTENCE,)):
            continue
        said = [v for k in range(i) if text.sentence[k] == text.sentence[i]
                and (v := parse_number(tokens[k])) is not None]
        parts = [(q, o) for q, o in quantities
                 if q.end < i and text.sentence[q.pos] == text.sentence[i]]
        if parts and len(said) > 1 and sum(said) == value:
            return _in_place_of(quantities, parts, Quantity(value, None, i, i), None)
    return quantities


_LATER_IN_THE_DAY = (("after",), ("afterwards",), ("tonight",), ("in", "the", "afternoon"),
                     ("in", "the", "evening"), ("this", "afternoon"), ("this", "evening"),
                     ("this", "arvo"), ("at", "night"))
"""Said after a second bare amount, a later part of the same day ("300 before lunch and 200
after", "four laps this morning and two in the afternoon")."""


_PLACED = frozenset(("in", "at"))
"""Words that set a part of the amount somewhere ("10 words in punjabi and 4 in english")."""


def _in_another_place(tokens: tuple[str, ...], quantities: list[tuple[Quantity, Mention | None]],
                      i: int) -> bool:
    """ "10 words in punjabi and 4 in english", "20 steps in the kitchen and 15 in the hall":
    a bare amount after "and", set somewhere as the amount before it was, is another part of
    it (not a side: "10 seconds on the left and 10 on the right" is each side's hold)."""
    place = tokens[i + 1 : i + 2]
    if (tokens[i - 1 : i] != ("and",) or not place or place[0] not in _PLACED
            or tokens[i + 2 : i + 3] in (("each",), ("both",))):
        return False
    return any(q.end < i and tokens[q.end + 1 : q.end + 2] == place for q, _ in quantities)


def _added(text: _Text, quantities: list[tuple[Quantity, Mention | None]],
           days: list[Said], mentions: list[Mention]) -> list[tuple[Quantity, Mention | None]]:
    """ "10 minutes this morning and then 10 more after lunch", "then another ten", "300 before
    lunch and 200 after": each later bout of the same activity on the same day adds to the
    amount before it (not when two days are said, nor with another activity or body part
    named between them)."""
    tokens = text.tokens
    for i, token in enumerate(tokens):
        value = parse_number(token)
        after = tokens[i + 1 : i + 4]
        more = "more" in after[:2] and "than" not in after  # not "10 more (steps) than"
        # "300 steps before lunch and 200 after"
        later = tokens[i - 1 : i] == ("and",) and any(
            after[: len(part)] == part for part in _LATER_IN_THE_DAY)
        if value is None or not (tokens[i - 1 : i] == ("another",) or more or later
                                 or _in_another_place(tokens, quantities, i)):
            continue
        earlier = [n for n, (q, _) in enumerate(quantities) if q.end < i]
        if not earlier or len({d.days for d in days}) > 1:
            continue
        n = earlier[-1]
        first, owner = quantities[n]
        named = {k for m in mentions for k in range(m.start, m.end + 1)}
        if any(first.end < m.start < i and text.clause[m.start] != text.clause[first.pos]
               for m in mentions) or any(
                tokens[k] in VOCAB.words["body_parts"] and k not in named
                for k in range(first.end + 1, i)):
            # not "arm bike for 10 mins then me leg one for another 10"; but "3 minutes on the
            # arm cycle then 2 more" names no other part
            continue
        same = [k for k, (q, _) in enumerate(quantities) if q.pos == i]
        unit = quantities[same[0]][0].unit if same else None
        if _sum_after(text, first) == first.value:
            continue  # not "500 steps all told, 300 in the morning and 200 after dinner"
        if {first.unit, unit} == {"hours", "minutes"}:
            # "typed for an hour then another 45 mins": one time, in minutes
            minutes = sum(v * 60 if u == "hours" else v
                          for v, u in ((first.value, first.unit), (value, unit)))
            whole = replace(first, value=tidy(minutes), unit="minutes", said=None)
        elif unit in (None, first.unit):
            whole = replace(first, value=tidy(first.value + value), said=None)
        else:
            continue
        quantities = [(whole, owner) if k == n else q for k, q in enumerate(quantities)
                      if k not in same]  # and on: "5 minutes then 5 more then another 3"
    return quantities


_WAYS = {"up": "down", "there": "back", "forwards": "backwards", "forward": "back",
         "out": "back"}
"""The two ways of a bout gone and come back, each with an amount said ("ten up and ten down")."""
_WAY_WORDS = frozenset(_WAYS) | frozenset(_WAYS.values())
_OUT_TO = frozenset((("to",), ("up",), ("down",), ("along",), ("across",)))
"""Words before a place gone to ("20 steps up the hall and 20 back")."""


def _both_ways(text: _Text, quantities: list[tuple[Quantity, Mention | None]]
               ) -> list[tuple[Quantity, Mention | None]]:
    """ "ten up and ten down", "up five, down five", "10 mins forwards, 10 mins backwards",
    "half a mile there and half a mile back": an amount said for each way is the whole of it,
    as a therapist adds it up; with no unit it counts the activity named before ("did the
    stairs, 6 up, 6 down")."""
    tokens = text.tokens

    def way(i: int) -> tuple[float, str, int] | None:
        """The number at ``i`` (or after a way said first), the way, and where the bout ends."""
        first = i < len(tokens) and tokens[i] in _WAY_WORDS
        value = parse_number(tokens[i + first]) if i + first < len(tokens) else None
        if value is None:
            return None
        j = i + first + 1
        j += tokens[j : j + 1] != () and tokens[j] in VOCAB.unit_forms
        if first:
            return value, tokens[i], j - 1
        if tokens[j : j + 1] in _OUT_TO and "and" in tokens[j + 2 : j + 6]:
            # "10 steps to the toilet", "20 steps up the hall": somewhere, then back
            return value, "there", tokens.index("and", j + 2) - 1
        return (value, tokens[j], j) if j < len(tokens) else None

    for i in range(len(tokens)):
        there = way(i)
        if there is None or there[1] not in _WAYS:
            continue
        k = there[2] + 1
        while k < len(tokens) and tokens[k] in (CLAUSE, "and", "then"):
            k += 1
        if tokens[k : k + 1] == ("back",) and k + 1 < len(tokens) and tokens[k + 1] in _WAY_WORDS:
            k += 1  # "up 8 stairs and back down 8"
        back = way(k)
        units = {VOCAB.unit_forms[t][0] for t in tokens[i : back[2] + 1] if t in VOCAB.unit_forms
                 } if back else set()
        if back is None or back[1] != _WAYS[there[1]] or len(units) > 1:
            continue  # not "50 metres to the gate and 30 minutes back"
        return _as_one(quantities, i, back[2], there[0] + back[0])
    return quantities


def _as_one(quantities: list[tuple[Quantity, Mention | None]], start: int, end: int,
            said: float) -> list[tuple[Quantity, Mention | None]]:
    """``quantities`` with the two amounts said from ``start`` to ``end`` made one: the sum
    of both as read, in their unit, or else of the numbers ``said``, counting the activity
    named before."""
    parts = [(q, o) for q, o in quantities if q.end >= start and q.pos <= end]
    unit = next((q.unit for q, _ in parts if q.unit), None)
    value = sum(q.value for q, _ in parts) if len(parts) == 2 and unit else said
    whole = Quantity(tidy(value), unit, start, end, counts_back=unit is None)
    return _in_place_of(quantities, parts, whole, next((o for _, o in parts if o), None))


_DONE_AGAIN = frozenset(("times", "seconds", "minutes", "meters", "feet", "steps", "stairs"))
"""Units of a bout that said "twice" after it is done twice over ("30 seconds three times",
"walked 10 metres twice", "amb 40 ft x2")."""
_LEFT_RIGHT = frozenset(("left", "right"))


def _both_sides(text: _Text, quantities: list[tuple[Quantity, Mention | None]]
                ) -> list[tuple[Quantity, Mention | None]]:
    """ "12 on the left and 12 on the right", "left side ten, right side eight": a count for
    each side, said side by side, is the whole of it (not time held on each side)."""
    tokens = text.tokens

    def side(i: int) -> str | None:
        after = [t for t in tokens[i + 1 : i + 5] if t in _LEFT_RIGHT]
        before = [t for t in tokens[max(0, i - 3) : i] if t in _LEFT_RIGHT]
        said = after[:1] or before[-1:]
        return said[0] if said else None

    numbers = [i for i, t in enumerate(tokens) if parse_number(t) is not None]
    for i, k in zip(numbers, numbers[1:], strict=False):
        first, second = side(i), side(k)
        if (first is None or second is None or first == second
                or text.sentence[i] != text.sentence[k]):
            continue
        if any(q.unit and VOCAB.units[q.unit].duration
               for q, _ in quantities if i <= q.end and q.pos <= k):
            continue
        return _as_one(quantities, i, k, (parse_number(tokens[i]) or 0)
                       + (parse_number(tokens[k]) or 0))
    return quantities


_EACH_TIME = frozenset((("each", "time"), ("every", "time"), ("each", "go"), ("a", "go")))
_REPEATABLE = frozenset(("meters", "feet", "stairs", "steps"))
"""Units of one bout of going somewhere, which twice over is twice as far."""
_SIDES = frozenset((("side",), ("leg",), ("arm",), ("hand",), ("foot",)))
_EACH_SIDE = frozenset(("each", *side) for side in _SIDES)
_GOES = frozenset(("goes", "rounds", "sets", "lots", "turns", "attempts", "tries"))
"""What a number of bouts is counted in ("30 seconds, three goes")."""
_EACH_ONE = frozenset((*_SIDES, *((pair[1],) for pair in _EACH_TIME), ("way",)))


def _bout_of(text: _Text, quantities: list[tuple[Quantity, Mention | None]], q: Quantity,
             r: Quantity) -> bool:
    """ "25 metres, twice", "14 stairs... Um, twice.", "30 seconds, three goes", "x10, twice
    through": ``r`` says how many times the amount ``q`` before it was done."""
    tokens = text.tokens
    said_again = r.noun in _GOES or tokens[r.end + 1 : r.end + 2] in (("through",), ("over",))
    apart = text.sentence[r.pos] - text.sentence[q.pos]
    opens = r.pos == 0 or tokens[r.pos - 1] in _BOUNDARIES  # not "split into two goes"
    alone = _alone(tokens, r.pos, r.end)
    # "twelve reps twice", "thirty seconds three times": the bouts said right after
    right_after = (r.pos == q.end + 1 and r.unit == "times" and q.unit in _DONE_AGAIN
                   and tokens[r.end + 1 : r.end + 2] in ((), (CLAUSE,), (SENTENCE,), ("with",)))
    counted = q.unit in _REPEATABLE or q.unit == "times" or q.counts_back and q.unit is None
    return (r.pos > q.end and (opens or right_after)
            and tokens[q.pos - 1 : q.pos] != ("the",)  # "the two steps"
            and not any(q.end < o.pos < r.pos for o, _ in quantities)
            and (said_again and apart == 0 or right_after
                 or counted and alone and apart in (0, 1)))


def _times_over(q: Quantity, factor: float) -> Quantity:
    """``q`` done ``factor`` times, converted from what was said ("a quarter mile each way" is
    half a mile, 805 meters, not twice 402)."""
    if q.said is None:
        return replace(q, value=tidy(q.value * factor))
    number, form = q.said.split()[0], q.said.split()[-1]
    value = (0.5 if number == "half" else parse_number(number) or 0) * factor
    unit, per = VOCAB.unit_forms[form]
    return replace(q, value=_convert(value * per, unit)[0], said=_said(value, form))


def _repeated(text: _Text, quantities: list[tuple[Quantity, Mention | None]]
              ) -> list[tuple[Quantity, Mention | None]]:
    """ "a quarter mile each way", "25 metres, twice", "did the stairs twice, 9 each time": an
    amount done more than once is the whole of it, as a therapist adds it up."""
    tokens = text.tokens
    found = list(quantities)
    spent: set[int] = set()  # "twice", once it has multiplied the amount of each bout
    goes = [Quantity(value, None, k, k + 1, noun=tokens[k + 1])  # "three goes"
            for k in range(len(tokens) - 1)
            if tokens[k + 1] in _GOES and (value := parse_number(tokens[k])) is not None]
    for n, (q, owner) in enumerate(quantities):
        after = tokens[q.end + 1 : q.end + 3]
        if q.noun == "each" and tokens[q.end + 1 : q.end + 2] in _EACH_ONE:
            # "9 each time", "15 each side": a count of the activity named before
            after = tokens[q.end : q.end + 2]
            q = replace(q, noun=None, end=q.end - 1, counts_back=True)
        each_way = after == ("each", "way") and (  # "4 times each way", "10 minutes each way"
            q.unit in _REPEATABLE or q.unit in ("times", "minutes", "blocks") or q.counts_back)
        each_time = each_way or after in _EACH_TIME
        bouts = [(k, r) for k, r in enumerate([*(r for r, _ in quantities), *goes])
                 if r is not quantities[n][0] and r.value <= 5
                 and (r.unit == "times" or r.noun in _GOES)
                 and (each_time and text.sentence[q.pos] - text.sentence[r.pos] in (0, 1)
                      or _bout_of(text, quantities, q, r))]
        # "15 each side", "20 times each hand", "10 with each leg": a count for each of two
        # sides is both sides' (not time held on each side: "10 seconds each side")
        side = tokens[q.end + 1 : q.end + 4]
        side = side[1:] if side[:1] in (("on",), ("with",), ("for",)) else side
        ends = text.clause_span(q.pos)[1]
        later = tokens[q.end + 1 : ends + 1]
        if (tokens[ends + 2 : ends + 4] in _EACH_SIDE
                and tokens[ends + 4 : ends + 5] in ((), (CLAUSE,), (SENTENCE,))):
            later += tokens[ends + 2 : ends + 4]  # "25 finger taps, each hand"
        each_side = (side[:2] in _EACH_SIDE or any(  # "30 reps of the ankle pumps each leg"
            later[k : k + 2] in _EACH_SIDE and all(parse_number(t) is None for t in later[:k])
            for k in range(len(later)))) and (q.counts_back and q.unit is None or q.unit == "times")
        # "the ooh and ee ones, twenty of each", "ten of each of the three": a count for each
        # of the things named (not when they are not named: "ten of each")
        of_each: float = 1
        if q.noun == "each" and tokens[q.end + 1 : q.end + 2] in ((), (CLAUSE,), (SENTENCE,)):
            q = replace(q, noun=None, end=q.end - 1, counts_back=True)  # "the smile, ten each"
        if tokens[q.end + 1 : q.end + 3] in (("of", "each"), ("each",), ("each", CLAUSE),
                                              ("each", SENTENCE)) and q.unit in (None, "times"):
            named = tokens[q.end + 3 : q.end + 6]
            before = tokens[: q.pos]
            of_each = (parse_number(named[-1]) or 1 if named[:2] == ("of", "the")
                       else 2 if "and" in before[before.index(SENTENCE) + 1 if SENTENCE in before
                                                 else 0 :] else 1)
        # "Letterbox 50m and back": a distance said for one way, gone there and back (not
        # "300 metres, and back today the same": another day)
        rest = tokens[q.end + 1 : q.end + 5]
        rest = rest[1:] if rest[:1] == (CLAUSE,) else rest
        and_back = (q.unit in ("meters", "feet") and rest[:2] == ("and", "back")
                    and rest[2:3] in ((), (CLAUSE,), (SENTENCE,), ("no",), ("with",),
                                      ("without",)))
        factor: float = (2 if each_way or each_side or and_back else 1) * of_each
        if bouts:
            k, bout = bouts[0]
            factor *= bout.value
            spent.add(k)  # (an index past the quantities is one of ``goes``)
        if factor != 1 or q is not quantities[n][0]:
            found[n] = (_times_over(q, factor), owner)
    return [q for k, q in enumerate(found) if k not in spent]


_SAME_AGAIN = re.compile(
    r"\bthe same (?:again|(?:with|on|for) (?:the|my|his|her) (?:other|good|bad|left|right|weak|"
    r"strong|stronger|weaker|affected)\b)")
"""An amount done again ("5 each arm... then the same again", "25 with the weak hand and the
same with the good one")."""


def _same_again(text: _Text, quantities: list[tuple[Quantity, Mention | None]]
                ) -> list[tuple[Quantity, Mention | None]]:
    """The last amount before "the same again" in its sentence, done twice (no number said
    between them)."""
    match = _SAME_AGAIN.search(text.string)
    if match is None:
        return quantities
    at = text.index(match.start())
    if not _WHEN_WORDS.isdisjoint(text.tokens[max(0, at - 2) : at + 6]):
        return quantities  # "and the same again monday": another day (see _day_amounts)
    before = [n for n, (q, _) in enumerate(quantities)
              if q.end < at and text.sentence[q.pos] == text.sentence[at]]
    if not before or any(parse_number(t) is not None
                         for t in text.tokens[quantities[before[-1]][0].end + 1 : at]):
        return quantities
    n = before[-1]
    q, owner = quantities[n]
    return [*quantities[:n], (_times_over(q, 2), owner), *quantities[n + 1 :]]


_TOOK_FILLERS = frozenset(("me", "him", "her", "us", "them", "about", "around", "nearly",
                           "just", "only", "under", "over", "like", "roughly", "less", "than"))


def _timed(text: _Text, quantities: list[tuple[Quantity, Mention | None]]
           ) -> list[tuple[Quantity, Mention | None]]:
    """Marks how long something took ("in under 4 minutes", "in a minute"), which is not
    the amount done when a count is said too; and how often ("a couple of times a day"),
    which is not the amount done when another amount is said ("for two minutes")."""
    def took(q: Quantity) -> bool:
        # "in under 4 minutes", "in like 4 minutes", "all 30 pegs, took me six minutes"
        before = text.tokens[max(0, q.pos - 4) : q.pos]
        said = [k for k, t in enumerate(before) if t in ("in", "within", "took")]
        return bool(said) and set(before[said[-1] + 1 :]) <= _TOOK_FILLERS

    def often(q: Quantity) -> bool:
        after = text.tokens[q.end + 1 : q.end + 3]
        return q.unit == "times" and after[:1] in (("a",), ("per",), ("every",)) and (
            after[1:] in (("day",), ("week",), ("night",)))

    return [(replace(q, took=True), o) if q.unit and VOCAB.units[q.unit].duration and took(q)
            else (replace(q, often=True), o) if often(q)
            else (q, o) for q, o in quantities]


_ROUND_PLACES = frozenset(("garden", "park", "yard", "lawn", "field", "ward", "corridor", "hall",
                           "hallway", "lake", "pond", "track", "green", "square", "house",
                           "room", "kitchen", "supermarket", "library", "building", "estate"))
"""Places gone round, whose times round are laps."""


def _went_round(text: _Text, i: int) -> str | None:
    """ "round the block twice": times round a unit of distance are that unit (2 blocks), and
    times round a place are laps."""
    start, end = text.clause_span(i)
    tokens = text.tokens
    for k in range(start, end):
        if tokens[k] in ("round", "around"):
            noun = next((t for t in tokens[k + 1 : k + 3] if t not in _DETERMINERS), "")
            unit = VOCAB.unit_forms.get(noun, ("", 0.0))[0]
            if unit in _ROUNDS:
                return unit
            if noun in _ROUND_PLACES:
                return "laps"  # "round the garden twice": 13 labels of 18 say laps
    return None


def _unit_after_pause(tokens: tuple[str, ...], i: int, j: int) -> bool:
    """ "bike... 20... minutes": a number alone in its fragment, and a unit opening the next."""
    return (
        j + 1 < len(tokens)
        and tokens[j] in _BOUNDARIES
        and (i == 0 or tokens[i - 1] in _BOUNDARIES)
        and tokens[j + 1] in VOCAB.unit_forms
    )


def _plural_act(tokens: tuple[str, ...], mentions: list[Mention], mention: Mention) -> bool:
    """ "25 squeezes", "10 pinches": an activity's verb said as a plural noun is counted, as
    a count activity is ("10 squats"); not the object of a verb already naming it ("buttoned
    three buttons" counts buttons)."""
    token = tokens[mention.start]
    named_before = any(
        m.activity is mention.activity and m.end < mention.start and m.clause == mention.clause
        for m in mentions
    )
    return (
        not named_before
        and not mention.activity.things
        and mention.start == mention.end
        and token not in VOCAB.unit_forms
        and token.endswith("s")
        and (token[:-1] in VOCAB.anchors or token[:-2] in VOCAB.anchors)
    )


_DID = frozenset(("did", "done", "managed"))
_HOW_DONE = frozenset(("with", "without", "holding", "using"))


_GUESSED = frozenset(("only", "must", "have", "been", "say", "reckon"))
"""Words that guess at a count said after the thing counted ("must have been eight")."""


def _counts_back(tokens: tuple[str, ...], i: int, j: int) -> bool:
    """ "12 of them", "did all 12", or a number alone in its fragment ("squeeze ball...
    30"): it counts the activity already named."""
    if tokens[j : j + 2] in (("of", "them"), ("of", "those"), ("of", "these")):
        return i > 0
    if i > 0 and tokens[i - 1] == "all":
        return j == len(tokens) or tokens[j] in _BOUNDARIES or tokens[j] in _FUNCTION_WORDS
    if (i > 0 and tokens[i - 1] in _DID and tokens[j : j + 1] and tokens[j] in _HOW_DONE
            and DAY_WORDS.isdisjoint(tokens[max(0, i - 4) : i])):
        # "we practised the stairs, he did eight with the stick"; "and today i managed 250
        # with it" is that day's amount (see _day_amounts)
        return True
    k = i - 1
    while k > 0 and (tokens[k] in _ROUGHLY or tokens[k] in _GUESSED):
        k -= 1  # "the house plants, about a dozen", "the spuds, must have been eight or so"
    alone_after = i > 0 and tokens[k] in _BOUNDARIES
    return alone_after and (j == len(tokens) or tokens[j] in _BOUNDARIES
                            or tokens[j : j + 2] in _HEDGES)  # "..., 16 i think"


def _unit_named_before(tokens: tuple[str, ...], i: int) -> str | None:
    """The unit of rounds last named before ``i`` in its sentence with no number of its own
    ("laps of the hallway, 8 of them": laps). Stairs and steps name their activity, which
    counts in them anyway."""
    for k in range(i - 1, 0, -1):
        if tokens[k] == SENTENCE:
            return None
        unit = VOCAB.unit_forms.get(tokens[k], ("", 0.0))[0]
        if unit in _ROUNDS:
            return None if parse_number(tokens[k - 1]) is not None else unit
    return None


def _unit_before(tokens: tuple[str, ...], i: int) -> str | None:
    """ "stairs... 3... rail": in telegraphic speech the unit may come first, alone in its
    fragment before the number, or with the day ("Steps today: 1,250")."""
    k = i - 1
    while k >= 0 and tokens[k] in _BOUNDARIES:
        k -= 1
    if k > 0 and tokens[k] in NEAR_DAYS and tokens[k - 1] in VOCAB.unit_forms:
        k -= 1
    if k < 0 or tokens[k] not in VOCAB.unit_forms:
        return None
    if k and tokens[k - 1] in ("each", "per", "every"):
        return None  # "20 on each foot, so 40": the foot is no unit
    if k and tokens[k] in ("stair", "step") and tokens[k - 1] in _ONE_STAIR:
        return None  # "step ups on the bottom stair, 16": where, not what was counted
    return None if k and parse_number(tokens[k - 1]) is not None else tokens[k]


def _corrected(text: _Text, mentions: list[Mention]) -> list[Mention]:
    """Mentions less those the next one replaces: an activity taken back ("i walked, no
    wait, i stood for 2 minutes"), and a bare verb whose object names the activity
    ("pedalled the arm bike", "did the arm bike")."""
    cues = VOCAB.words["correction_cues"]
    kept = []
    for n, mention in enumerate(mentions):
        following = mentions[n + 1] if n + 1 < len(mentions) else None
        between = text.tokens[mention.end + 1 : following.start] if following else ()
        taken_back = 0 < len(between) <= 6 and any(t in cues for t in between)
        named_by_object = (
            following is not None
            and text.tokens[mention.start] in VOCAB.words["light_verbs"]
            and following.end > following.start
            and len(between) <= 2
            and all(t in _DETERMINERS for t in between)
        )
        if not (taken_back or named_by_object):
            kept.append(mention)
    return kept


def _nearest(text: _Text, mentions: list[Mention], pos: int) -> Mention | None:
    """The mention a feature at ``pos`` belongs to: its clause first, then its sentence."""
    for group in (
        [m for m in mentions if m.clause == text.clause[pos]],
        [m for m in mentions if m.sentence == text.sentence[pos]],
        mentions,
    ):
        before = [m for m in group if m.start <= pos]
        if before:
            return before[-1]
        if group:
            return group[0]
    return None


def _named_after(text: _Text, mentions: list[Mention], quantity: Quantity) -> Mention | None:
    """ "5 minutes of leg exercises": the activity an amount is "of" is what it measures."""
    k = quantity.end + 1
    if text.tokens[k : k + 1] != ("of",):
        return None
    k += 1
    while k < len(text.tokens) and text.tokens[k] in _DETERMINERS:
        k += 1
    return next((m for m in mentions if m.start == k), None)


def _unit_fits(mention: Mention, unit: str | None) -> bool:
    activity = mention.activity
    return unit is None or unit in activity.units or unit in activity.unit_aliases


def _without_headlines(text: _Text, quantities: list[tuple[Quantity, Mention | None]],
                       mentions: list[Mention]) -> list[tuple[Quantity, Mention | None]]:
    """ "a mile. he walked a whole mile on saturday": an amount said first in a sentence of its
    own, then again in a later sentence that tells what was done, is that one amount."""
    told = {m.sentence for m in mentions}

    def headline(n: int, quantity: Quantity, owner: Mention | None) -> bool:
        sentence = text.sentence[quantity.pos]
        return owner is None and sentence not in told and any(
            (later.value, later.unit) == (quantity.value, quantity.unit)
            and text.sentence[later.pos] > sentence and text.sentence[later.pos] in told
            for later, _ in quantities[n + 1 :])

    return [(q, o) for n, (q, o) in enumerate(quantities) if not headline(n, q, o)]


def _add_unit_mentions(
    text: _Text,
    mentions: list[Mention],
    quantities: list[tuple[Quantity, Mention | None]],
    dated: bool,
) -> list[Mention]:
    """ "twelve stairs today": a unit heard with no activity that fits brings its own; a bare
    time brings one only when the utterance is nothing but days and amounts (``dated``)."""
    added = list(mentions)
    for quantity, owner in quantities:
        if owner is not None or quantity.unit is None:
            continue
        unit = VOCAB.units[quantity.unit]
        default = unit.activity or (unit.alone if dated and not mentions else None)
        if default is None and quantity.unit == "times" and not mentions:
            default = _exercise_of_part(text, quantity.pos)
        if default is None:
            continue
        target = _nearest(text, added, quantity.pos)
        if (
            target is None
            or not _unit_fits(target, quantity.unit)
            or (target.clause != text.clause[quantity.pos]
                and not _amount_of_before(text, quantities, quantity, target)
                and not _found_in_it(text, added, quantities, quantity, target))
        ):
            mention = Mention(VOCAB.activities[default], quantity.pos, quantity.end, from_unit=True)
            mention.clause = text.clause[quantity.pos]
            mention.sentence = text.sentence[quantity.pos]
            added.append(mention)
            added.sort(key=lambda m: m.start)
    return added


def _found_in_it(text: _Text, mentions: list[Mention],
                 quantities: list[tuple[Quantity, Mention | None]], quantity: Quantity,
                 target: Mention) -> bool:
    """ "did the word search in the paper, found 12 words": an amount in a clause of the
    same sentence that names no activity of its own, in a unit the activity before counts
    in, is what that activity came to."""
    clause = text.clause[quantity.pos]
    return (
        target.start < quantity.pos
        and target.sentence == text.sentence[quantity.pos]
        and quantity.unit in target.activity.units
        and not any(m.clause == clause for m in mentions)
        and not any(text.clause[q.pos] == target.clause for q, _ in quantities)
    )


def _amount_of_before(text: _Text, quantities: list[tuple[Quantity, Mention | None]],
                      quantity: Quantity, target: Mention) -> bool:
    """ "Walked to the bus stop. 300 metres.": an amount said as a fragment of its own is the
    amount of the activity before it, when that activity has none of its own."""
    start = quantity.pos
    while start and text.tokens[start - 1] in _BARE_FILLERS:  # "..., about 10 sentences"
        start -= 1
    return _alone(text.tokens, start, quantity.end) and target.start < quantity.pos and not any(
        q.unit and text.clause[q.pos] == target.clause for q, _ in quantities)


def _alone(tokens: tuple[str, ...], start: int, end: int) -> bool:
    """Tokens start..end (inclusive) are a fragment of their own, between boundaries."""
    return (start == 0 or tokens[start - 1] in _BOUNDARIES) and (
        end + 1 >= len(tokens) or tokens[end + 1] in _BOUNDARIES)


def _exercise_of_part(text: _Text, pos: int) -> str | None:
    """ "my arm was stiff but i still managed 10 reps", "12 reps each arm": repetitions with no
    activity named are the exercise of the nearest body part named, as "<part> exercises"
    reads."""
    tokens = text.tokens
    for k in sorted(range(len(tokens)), key=lambda k: (abs(k - pos), k)):
        token = tokens[k]
        if token in VOCAB.words["body_parts"]:
            for mention in _find_mentions(_Text((token, "exercises"))):
                return mention.activity.name
    return None


def _only_days_and_amounts(
    text: _Text, days: list[Said], quantities: list[tuple[Quantity, Mention | None]]
) -> bool:
    """ "Last Friday twelve minutes, today 6.": days and amounts with nothing else said (a
    number, a boundary or a filler between them), so no other activity is meant."""
    used = set(_BOUNDARIES) | _BARE_FILLERS
    covered = {k for day in days for k in range(day.start, day.end + 1)}
    covered |= {k for q, _ in quantities for k in range(q.pos, q.end + 1)}
    return bool(days) and all(
        k in covered or token in used or parse_number(token) is not None
        for k, token in enumerate(text.tokens)
    )


def _helped(text: _Text, mentions: list[Mention], said: re.Match[str]) -> list[Mention]:
    """The mentions the help ``said`` belongs to: the nearest, or every one when it is said of
    them all ("800m yesterday and 1km today, both with the stick", "with the walker both
    times"); help said after a pause at the end ("300 metres Monday and today 400 metres,
    with walker") is every bout of that activity said before it."""
    at = said.start()
    if (_OF_ALL.search(text.string, max(0, at - 24), at)
            or _OF_ALL_AFTER.match(text.string, said.end())):
        return mentions
    k = text.index(at)
    target = _nearest(text, mentions, k)
    if target is None:
        return []
    before = [t for t in text.tokens[max(0, k - 4) : k] if t not in _HELP_LEADS]
    if before[-1:] and before[-1] in _BOUNDARIES and not any(m.start > k for m in mentions):
        return [m for m in mentions if m.activity is target.activity and m.start < k]
    return [target]


def _attach_assistance(text: _Text, mentions: list[Mention]) -> None:
    if not mentions:
        return  # most questions, commands and small talk: no activity to help with
    regexes = VOCAB.regexes
    string = text.string
    for kind in ("independent", "helped"):
        for match in regexes[kind].finditer(string):
            for helped in _helped(text, mentions, match):
                if kind == "helped" and (
                    (helped.activity.partner and not _HELP_WORDS.search(match.group()))
                    or _NO_HELPER.search(string, max(0, match.start() - 30), match.start())
                    or (_PLAYED.search(string, max(0, match.start() - 40), match.start())
                        and not _HELP_WORDS.search(match.group()))
                ):
                    continue
                helped.assistance.add("independent" if kind == "independent" else "helper")
    for match in _WITH_THE_SPEAKER.finditer(string):
        # "Mum walked to the shop with me": the carer speaking was the help.
        target = _nearest(text, mentions, text.index(match.start()))
        if target is not None and (_said_by_carer(text, target) or _carer_speaking(text.tokens)):
            target.assistance.add("helper")
    for match in _WITH_SOMEONE.finditer(string):
        # "walked to the shop with dave": someone named went along; "without our dean": not
        target = _nearest(text, mentions, text.index(match.start()))
        if target is not None and _a_name(match[1] or match[2] or match[3]):
            target.assistance.add("independent" if match[3] else "helper")
    for match in _devices_used(string):
        at = text.index(match.start())
        for helped in _helped(text, mentions, match):
            if helped.activity.category == "daily_living" and helped.start <= at <= helped.end:
                continue  # "pushed the trolley round the shop": what the task is done with
            helped.assistance.add("device")
            helped.devices.append(match.group())
    for match in _WITH_IT.finditer(string):
        # "15 metres with the zimmer and today 25 metres with it": the device said before
        at = text.index(match.start())
        target = _nearest(text, mentions, at)
        earlier = [m for m in mentions if m.devices and m.start < at and m is not target]
        if target is not None and earlier and not target.assistance:
            target.assistance.add("device")
            target.devices.append(earlier[-1].devices[-1])
    for match in regexes["sides"].finditer(string):
        target = _nearest(text, mentions, text.index(match.start()))
        if target is not None:
            target.limbs.append(Limb(match["side"], match["part"], match["by"]))


def _goal_amount_mentions(text: _Text, mentions: list[Mention]) -> list[Mention]:
    """ "get my 10 minutes on the bike up to 20", "I walk 10 steps now, I want to get up to
    20": a bare amount reached for in a clause that sets a goal is a target in the unit of
    the activity of its clause, or else of the one named before it; that activity said as
    where things stand now is the baseline, not news."""
    goal_before = VOCAB.regexes["goal_before"]
    heard = {k for m in mentions for q in m.quantities for k in range(q.pos, q.end + 1)}
    kept = list(mentions)
    for i, token in enumerate(text.tokens):
        value = parse_number(token)
        if value is None or i in heard or not i or text.tokens[i - 1] not in _REACHED_FOR:
            continue
        start, end = text.clause_span(i)
        here = [m for m in kept if m.clause == text.clause[i] and m.start < i]
        earlier = [m for m in kept if m.end < start]
        if not (here or earlier) or not goal_before.search(text.words(start, i)):
            continue
        base = (here or earlier)[-1]
        _, unit, _ = _best_quantity(base)
        if here:
            base.quantities.append(Quantity(value, unit, i, i))
            continue
        target = Mention(base.activity, i, i, from_unit=True, clause=text.clause[i])
        target.sentence = text.sentence[i]
        target.quantities.append(Quantity(value, unit, i, i))
        base_start, base_end = text.clause_span(base.start)
        if _NOW.search(text.words(base_start, base_end + 1)):
            kept.remove(base)
        kept.append(target)
    return sorted(kept, key=lambda m: m.start)


def _amounts_done_after(text: _Text, mentions: list[Mention]) -> list[Mention]:
    """ "I was worried about the stairs but I did all 12": an amount in a later clause where
    nothing goes wrong is done, though the clause naming the activity is a setback."""
    if not any(text.clause[q.pos] != m.clause for m in mentions for q in m.quantities):
        return mentions
    _judge(text, mentions)
    kept = list(mentions)
    for mention in mentions:
        for quantity in list(mention.quantities) if mention.negative else ():
            clause = text.clause[quantity.pos]
            start, end = text.clause_span(quantity.pos)
            if clause == mention.clause or (
                _negated(text, start, end + 1) or _setback_in(text.words(start, end + 1))
            ):
                continue
            mention.quantities.remove(quantity)
            end = min(quantity.end, len(text.tokens) - 1)
            done = Mention(mention.activity, quantity.pos, end, from_unit=True)
            done.clause, done.sentence = clause, text.sentence[quantity.pos]
            done.quantities.append(quantity)
            kept.append(done)
    return sorted(kept, key=lambda m: m.start)


def _negated(text: _Text, start: int, end: int) -> bool:
    """A negator in tokens start..end-1 that is not "can't believe", "didn't need" etc."""
    exceptions = VOCAB.regexes["negation_exceptions"]
    for k in range(start, end):
        if text.tokens[k] in VOCAB.words["negators"]:
            following = " ".join(text.tokens[k + 1 : k + 4])
            if not exceptions.match(following):
                return True
    return False


def _setback_in(string: str) -> bool:
    """A setback word in ``string`` that is not cancelled ("without falling", "no pain")."""
    cancel = VOCAB.regexes["setback_cancel"]
    for match in VOCAB.regexes["setbacks"].finditer(string):
        if not cancel.search(string[: match.start()]):
            return True
    return False


def _denied_next(text: _Text, mention: Mention) -> bool:
    """ "walked... no... legs too heavy", "no walk. Too tired. Couldn't.": in telegraphic
    speech a fragment that only denies takes back the activity said before it (a reason may
    come between), and so does one that says it would not go when the activity was only
    named ("arm exercise. arm wouldn't lift.")."""
    tokens = text.tokens
    k = mention.end + 1
    if k >= len(tokens) or tokens[k] not in _BOUNDARIES:
        return False
    start, _ = text.clause_span(mention.start)
    named_only = not any(_tells_done(t) for t in tokens[start : mention.end + 1])
    for first, last in _fragment_spans(tokens, k + 1)[:3]:
        fragment = tokens[first:last]
        if set(fragment) <= VOCAB.words["attempts"] | _SUBJECTS:
            continue  # "walk... tried... couldn't"
        if set(fragment) <= _DENIALS or (named_only and _negated(text, first, last)
                                         and not VOCAB.regexes["setbacks"].search(
                                             " ".join(fragment))):
            return True  # but "didn't forget a thing" denies a slip, not the activity
        if not _setback_in(" ".join(fragment)):
            return False  # only a reason may come between ("too tired")
    return False


_PLANS = frozenset(("planned", "intended", "meant", "wanted", "hoped"))


def _attempt(tokens: tuple[str, ...], k: int) -> bool:
    """ "tried to walk", "wanted to": an attempt, though not "planned the shopping list"
    (the planning is the win)."""
    return tokens[k] in VOCAB.words["attempts"] and (
        tokens[k] not in _PLANS or tokens[k + 1 : k + 2] == ("to",))


def _denied_before(text: _Text, mention: Mention) -> bool:
    """ "Anne. Could not. Do the stairs. Today.": a fragment that only denies takes back the
    activity said in the fragment after it."""
    start, _ = text.clause_span(mention.start)
    while start < mention.start and text.tokens[start] in _BOUNDARIES:
        start += 1
    if start < 2 or text.tokens[start - 1] not in _BOUNDARIES:
        return False
    first = start - 1
    while first and text.tokens[first - 1] not in _BOUNDARIES:
        first -= 1
    fragment = set(text.tokens[first : start - 1])
    # "no" alone corrects what follows ("I climbed, no, I walked"); it does not deny it
    return fragment <= _DENIALS and not fragment.isdisjoint(("not", "never", "cannot", "unable"))


def _fragment_spans(tokens: tuple[str, ...], start: int) -> list[tuple[int, int]]:
    """(first, after last) token index of each fragment from ``start`` on."""
    spans: list[tuple[int, int]] = []
    first = start
    for k in range(start, len(tokens) + 1):
        if k == len(tokens) or tokens[k] in _BOUNDARIES:
            if k > first:
                spans.append((first, k))
            first = k + 1
    return spans


def _tells_done(token: str) -> bool:
    """A verb form that says something was done ("walked", "did", "is")."""
    form = verb_form(token)
    return form is not None and (form.past == token or form.finite)


def _said_as_plan(tokens: tuple[str, ...]) -> bool:
    """The whole utterance is a plan: "tomorrow... the stairs... twelve" (a fragment saying
    so), "100 yards with the cane, that's the target", "want to... um... cook sunday dinner"
    (a wish said as its own first fragment)."""
    if CLAUSE not in tokens and SENTENCE not in tokens:
        return False
    clauses = split_clauses(tokens)
    return (
        " ".join(clauses[0]) in _WISH_LEADS
        or (len(clauses[0]) <= 2 and clauses[0][-1] in _GOAL_NOUNS)  # "Target. 2 minutes..."
        or _THE_TARGET.search(" ".join(clauses[-1])) is not None
        or fragment_says(tokens, _PLAN_FRAGMENTS)
    )


def _judge(text: _Text, mentions: list[Mention]) -> None:
    """Mark each mention as a failure, a plan, or (by default) done."""
    regexes = VOCAB.regexes
    planned = _said_as_plan(text.tokens)
    attempt = False
    for n, mention in enumerate(mentions):
        clause_start, clause_end = text.clause_span(mention.start)
        previous = mentions[n - 1] if n else None
        scope = clause_start
        if previous is not None and previous.clause == mention.clause:
            scope = max(scope, previous.end + 1)
        # "tried to speak on the phone": what was tried goes on to the next activity said in
        # the same clause.
        attempt = (attempt and previous is not None and previous.clause == mention.clause) or any(
            _attempt(text.tokens, k) for k in range(scope, mention.start))
        # Clause by clause: "without the rail, had to give up" is no "without" before giving up.
        later = split_clauses(text.tokens[mention.end + 1 :])
        despite = [
            k
            for k in range(clause_start, mention.start)
            if text.tokens[k] in VOCAB.words["despite"]
        ]
        setback_from = despite[-1] + 1 if despite else clause_start
        mention.negative = (
            _negated(text, scope, mention.end + 1)
            # "no walk today", but "no lifting from me" is help not given
            or (text.tokens[mention.start - 1 : mention.start] == ("no",)
                and text.tokens[mention.end + 1 : mention.end + 2] != ("from",))
            or _denied_next(text, mention)
            or _denied_before(text, mention)
            # "managed 45 seconds of the reading passage before I stumbled": a win, to a limit
            or _setback_in(text.words(setback_from, next(
                (k for k in range(mention.start + 1, clause_end + 1) if text.tokens[k] == "before"),
                clause_end + 1)))
            or (
                attempt
                and (any(_setback_in(" ".join(part)) for part in later)
                     or _negated(text, mention.end + 1, len(text.tokens)))
            )
        )
        goal_scope = next(
            i for i in range(mention.start + 1) if text.sentence[i] == mention.sentence
        )
        if previous is not None and previous.sentence == mention.sentence and not previous.goal:
            goal_scope = max(goal_scope, previous.end + 1)
        anchor = text.tokens[mention.start]
        if is_past_only(anchor):
            continue
        mention.goal = (
            mention.goal  # a plan no activity names ("getting back to work is my goal")
            or planned
            or regexes["goal_before"].search(text.words(goal_scope, mention.start)) is not None
            or regexes["goal_after"].search(text.words(mention.end + 1, clause_end + 1)) is not None
        )


_PART_OF = (
    # (the part's activity, words it may start with or None for any, the task's activities,
    # whether the part's amount is the task's)
    ("say", frozenset(("find", "found", "finding", "finds")), frozenset(("puzzle",)), True),
    ("stand", frozenset(("stand", "stood", "standing", "stands", "was", "were", "been")),
     frozenset(("housework", "cook", "eat", "groom", "bathe", "dress")), False),
    ("grip", frozenset(("hold", "held", "holding", "holds")),
     frozenset(("write", "hand_skills", "eat", "cook", "housework", "groom", "open", "pick_up",
                "converse")), False),
    ("button", frozenset(("zip", "zipped", "zipping", "zips", "zipper")), frozenset(("dress",)),
     False),
    ("money", None, frozenset(("housework", "get_about", "everyday")), False),
    ("fingers", None, frozenset(("arm_exercise",)), True),
    ("remember", None, frozenset(("housework", "cook")), False),
    ("read", None, frozenset(("remember",)), True),
    ("read", frozenset(("read",)), frozenset(("write",)), False),
    ("say", frozenset(("spelled", "spelt", "spell", "spelling")), frozenset(("write",)), False),
    ("write", frozenset(("write", "wrote", "writing", "written", "writes")),
     frozenset(("remember", "organise")), True),
    ("converse", frozenset(("tell", "told", "telling", "tells")),
     frozenset(("remember", "puzzle", "organise", "math", "read")), False),
    ("converse", frozenset(("on", "phone", "telephone", "answer", "answered")),
     frozenset(("say", "read")), False),
    ("organise", frozenset(("book", "booked", "booking", "books")), frozenset(("converse",)),
     False),
    ("eat", frozenset(("ate", "eat", "eating", "eats", "eaten")), frozenset(("cook",)), False),
)
"""Activities that are a part of another said in the same sentence, not a second win ("did
the word search, found 12 words", "stood at the sink and washed up", "held a pen and signed
my name", "put his coat on and did the zip up", "bought a paper, paid and everything",
"remembered it was bin day and told me", "said hello on the phone", "read a chapter and could
tell Jean what happened": reading to understand, "rang the surgery and booked an appointment",
"buttered her toast and ate it")."""


_WRITTEN = (("it",), ("them",), ("what",), ("down",))
"""Writing what was planned or remembered ("wrote it on the fridge board", "seven dinners
written down"), not something else ("wrote my name")."""


_READ_BACK = (("it",), ("them",), ("all",), ("back",), ("every",))
"""Reading what was written ("you can read it", "we could read all of it"): it is legible."""


def _part_of(text: _Text, part: Mention, task: Mention) -> bool:
    """``part`` is done as part of ``task``: with no amount of its own, unless its amount is
    the task's (words found in a puzzle); not "stood up", which is a transfer."""
    return part is not task and (part.sentence == task.sentence or (
        # "Read a chapter of my book. Could remember what happened in it."
        part.activity.name == "read" and task.sentence == part.sentence + 1) or (
        # "Pegged out the washing. Stood 10 minutes doing it."
        part.activity.name == "stand" and abs(task.sentence - part.sentence) == 1) or (
        # "Put on my own coat. Zip and all."
        part.sentence == task.sentence + 1 and _verbless(text, part))) and (
        text.tokens[part.end + 1 : part.end + 2] != ("up",)) and (
        part.activity.name != "write" or text.tokens[part.start + 1 : part.start + 2] in _WRITTEN
    ) and (
        task.activity.name != "write" or part.activity.name != "read"
        or text.tokens[part.start + 1 : part.start + 2] in _READ_BACK
    ) and any(
        part.activity.name == name
        and (starts is None or text.tokens[part.start] in starts)
        and task.activity.name in tasks
        and (takes_amount or not part.quantities or (
            # "washed up all the pots, stood at the sink about 20 minutes": how long the
            # task took (not "stood at the sink for 5 minutes to wash up")
            name == "stand" and part.start > task.start))
        for name, starts, tasks, takes_amount in _PART_OF
    )


def _without_parts(text: _Text, mentions: list[Mention]) -> list[Mention]:
    """Mentions less those done as part of another task said with them, with no amount of
    their own: the part's help and limbs go to the task. A plan is left as said."""
    if len(mentions) < 2:
        return mentions
    kept = list(mentions)
    for part in mentions:
        task = next((t for t in kept if _part_of(text, part, t) and not t.goal and not part.goal
                     and t.negative == part.negative), None)
        if task is None or part not in kept:
            continue
        _absorb(task, part)
        kept.remove(part)
    return kept


def _merge(mentions: list[Mention], day: Callable[[Mention], int],
           restated: Callable[[Mention], bool]) -> list[Mention]:
    """One milestone for "gripped the ball and squeezed it", not two; but two for the same
    activity on two days ("walked to church on sunday and on monday walked to the shops").
    A later sentence may say it again ("Buttoned his shirt. All six buttons."): `restated`."""
    merged: list[Mention] = []
    for mention in mentions:
        last = merged[-1] if merged else None
        if (
            last is not None
            and (last.activity.name == mention.activity.name
                 # "a mile on the exercise bike. Well, the screen said 1 mile."
                 or (mention.from_unit and restated(mention) and _same_amount(last, mention)))
            and ((last.negative, last.goal) == (mention.negative, mention.goal)
                 # "I want to walk a mile. A whole mile.": the target said again
                 or (last.goal and restated(mention) and _same_amount(last, mention)))
            and day(last) == day(mention)
            and (not (last.quantities and mention.quantities) or _same_amount(last, mention))
            and (last.sentence == mention.sentence or restated(mention)
                 or not (last.quantities or mention.quantities))
        ):
            last.end = max(last.end, mention.end)
            _absorb(last, mention)
            continue
        merged.append(mention)
    return merged


def _absorb(into: Mention, other: Mention) -> None:
    """``into`` stands for ``other`` too: it takes its amounts, help, devices and limbs."""
    into.quantities += other.quantities
    into.assistance |= other.assistance
    into.devices += other.devices
    into.limbs += other.limbs


def _verbless(text: _Text, mention: Mention) -> bool:
    """Beside its own word, the mention's sentence tells nothing done: only a thing or an
    amount ("All six buttons.")."""
    return not any(
        _tells_done(t) for k, (t, s) in enumerate(zip(text.tokens, text.sentence, strict=True))
        if s == mention.sentence and not mention.start <= k <= mention.end
    )


def _one_of_a_kind(mentions: list[Mention], day: Callable[[Mention], int]) -> list[Mention]:
    """ "sat up on the edge of the bed and stood up", "the word, read... I read aloud eight
    sentences": steps of one effort of a kind on one day, at most one of them with an amount,
    are one win, the one with the amount. Measured on our labelled sets, written by people
    who had not read this code: so they were labelled for getting about (18 of 19), speech
    (20 of 21), thinking (9 of 9) and hands (14 of 17); two household tasks stay two (11
    of 14: "showered and made my own lunch")."""
    kept: list[Mention] = []
    for mention in mentions:
        kind = mention.activity.category
        same = next((n for n, k in enumerate(kept) if k.activity.category == kind
                     and kind not in _TASKS_APART and day(k) == day(mention)
                     and (k.negative, k.goal) == (mention.negative, mention.goal)
                     and not (k.quantities and mention.quantities)), None)
        if same is None:
            kept.append(mention)
            continue
        base, other = ((mention, kept[same]) if mention.quantities else (kept[same], mention))
        if base.from_unit and not other.from_unit:
            # "managed the stairs, that's twenty two steps": the activity named, its amount
            base, other = other, base
        _absorb(base, other)
        kept[same] = base
    return kept


_TASKS_APART = frozenset(("daily_living",))
"""Categories whose tasks said together stay apart ("bathed the baby and hoovered")."""


def _same_amount(one: Mention, other: Mention) -> bool:
    """ "Walked a mile yesterday. A whole mile!", "walked 200 steps on the treadmill. Two
    hundred!", "round the park twice, two laps": the amount said again (a bare number, or
    "times", is the one said with its unit)."""
    said = {(q.value, q.unit) for q in one.quantities}
    again = {(q.value, q.unit) for q in other.quantities}
    if said == again:
        return True
    loose = ({(v, u) for v, u in said if u not in (None, "times")},
             {(v, u) for v, u in again if u not in (None, "times")})
    values = ({v for v, _ in said}, {v for v, _ in again})
    return values[0] == values[1] and len(values[0]) == 1 and len(loose[0] | loose[1]) <= 1


_SAYING = frozenset(("say", "recite", "name", "list", "count"))
"""Verbs whose things counted are words said ("said the names of all twelve disciples")."""


def _words_said(text: _Text, mention: Mention) -> str | None:
    """ "words" when ``mention`` is saying things aloud, whose count is a count of words."""
    saying = mention.activity.category == "speech" and (
        base_form(text.tokens[mention.start]) in _SAYING)
    return "words" if saying else None


_SEQUENCES = ((("days", "of", "the", "week"), 7), (("months", "of", "the", "year"), 12),
              (("the", "months"), 12))
"""Series said by heart in speech therapy, and how many words each is."""


def _sequence_said(text: _Text, mention: Mention) -> int | None:
    """ "said the days of the week and the months without stopping": the words of each series
    said by heart in the mention's sentence (19), when no amount is said."""
    if _words_said(text, mention) is None:
        return None
    words = tuple(t for k, t in enumerate(text.tokens) if text.sentence[k] == mention.sentence)
    used: set[int] = set()
    total = 0
    for series, size in _SEQUENCES:  # longest first: "the months of the year" is one
        for k in range(len(words) - len(series) + 1):
            span = set(range(k, k + len(series)))
            if words[k : k + len(series)] == series and not span & used:
                used |= span
                total += size
    return total or None


_THINGS_COUNTED = frozenset(("daily_living", "cognition", "arm_hand"))
"""Categories whose bare count is of things done ("potatoes... peeled... six"), not of a unit
left unsaid ("bike... 20")."""


def _named_unit(text: _Text, mention: Mention) -> str | None:
    """The unit the activity's own words name ("side steps"), which a count said after them
    is in ("side steps along the counter, 10 each way")."""
    form = VOCAB.unit_forms.get(text.tokens[mention.end])
    return form[0] if form and form[0] in _COUNTING_UNITS - {"times"} else None


def _best_quantity(mention: Mention, noun_unit: str | None = None, named_unit: str | None = None
                   ) -> tuple[int | float | None, str | None, Quantity | None]:
    """The amount done, its unit and the quantity it came from; a count of things is in
    ``noun_unit`` when the activity counts none of its own, and a count said after the
    activity in the unit its words name (``named_unit``)."""
    activity = mention.activity

    def unit_of(q: Quantity) -> str | None:
        if q.counts_back and q.unit:
            return activity.unit_aliases.get(q.unit, q.unit)
        if q.counts_back and named_unit:
            return activity.unit_aliases.get(named_unit, named_unit)
        if q.counts_back:
            counted = activity.units[0] in _COUNTING_UNITS and not (
                q.noun and activity.units[0] == "times" and not activity.count)
            return activity.units[0] if counted else None
        if q.unit is None:
            # "named 15 animals", and "he named ten": the things named are counted
            return activity.noun_unit or noun_unit
        return activity.unit_aliases.get(q.unit, q.unit)

    # A count that the activity does not count in ("bike... 20") says nothing sure; nor does
    # an amount said again bare ("Ten metres without his stick! Ten!").
    heard = [q for q in mention.quantities if (not q.counts_back or unit_of(q) or q.noun
                                               or activity.category in _THINGS_COUNTED)
             and not (q.unit is None and q.noun is None and any(
                 o.unit and o.value == q.value for o in mention.quantities))]
    if not heard:
        return None, None, None
    heard = [q for q in heard if not (q.took or q.often)] or heard
    # A goal's target is its last amount ("get my 10 minutes on the bike up to 20").
    order = -1 if mention.goal else 1
    best = min(heard, key=lambda q: (activity.unit_rank(unit_of(q)), order * q.pos))
    return best.value, unit_of(best), best


def _assistance(mention: Mention) -> str | None:
    """The most help heard wins: a helper over a device over doing it alone."""
    for level in ("helper", "device", "independent"):
        if level in mention.assistance:
            return level
    return None


def _side(mention: Mention) -> str | None:
    sides = {limb.side for limb in mention.limbs}
    if "both" in sides or {"left", "right"} <= sides:
        return "both"
    return next(iter(sides)) if sides else None


_DAY_TAILS = frozenset(("teatime", "lunchtime", "dinnertime", "suppertime", "bedtime",
                        "morning", "afternoon", "evening", "night", "that", "it", "was"))
"""Words that may follow a day said on its own after the news ("Yesterday teatime.")."""


def _day_of(text: _Text, days: list[Said], mention: Mention) -> int:
    """Days back for a mention: a day named in its clause, else the last one named before
    it, else one named later in its sentence ("i walked ... on sunday"); else today."""
    for day in days:
        if text.clause[day.start] == mention.clause:
            return day.days
    before = [d for d in days if d.start < mention.start]
    if before:
        return before[-1].days
    later = [d for d in days if text.sentence[d.start] == mention.sentence]
    if later:
        return later[0].days
    # "stairs... 5... cane... yesterday": a day said last, on its own, dates what came before;
    # "car... got in... Sunday... wife helped": so does the one day said as a fragment of its own.
    last = days[-1] if days else None
    if last is None:
        return 0
    end = last.end
    while end + 1 < len(text.tokens) and text.tokens[end + 1] in _DAY_TAILS:
        end += 1  # "Yesterday teatime.", "Yesterday that was."
    said_last = end == len(text.tokens) - 1
    alone = len(days) == 1 and _alone(text.tokens, last.start, end)
    return last.days if said_last or alone else 0


def _day_amount(tokens: tuple[str, ...], day: Said) -> tuple[float, str | None, bool] | None:
    """The bare amount said right beside a day, with its unit if one is said: after it
    ("today 8", "today 8 minutes", "today i did 40") or before it ("and 400 m today"); and
    whether it is said to be more of the same ("another 20 today", "30 again this evening")."""
    k = day.end + 1
    if tokens[k : k + 1] in ((CLAUSE,), (SENTENCE,)) and tokens[k + 1 : k + 2] and parse_number(
            tokens[k + 1]):
        k += 1  # "and today, um, ten", "Today? 9!": a pause between the day and its amount
    if tokens[k : k + 2] in (("it", "was"), ("it", "is")) and _SPANS.isdisjoint(
            tokens[day.start : day.end + 1]):  # "and today it was 10", not "last week it was 9"
        k += 2
    if tokens[k : k + 1] and tokens[k] in _SUBJECTS:
        k += 1
    if tokens[k : k + 1] and tokens[k] in _AUXILIARIES:  # "today he has done 260"
        k += 1
    if tokens[k : k + 1] and tokens[k] in _BARE_VERBS:
        k += 1
        if tokens[k : k + 1] == ("to",) or tokens[k : k + 2] == ("up", "to"):
            k += 1 + (tokens[k] == "up")  # "and today i got to 450", "got up to 12"
    if tokens[k : k + 1] == ("another",):  # "and today another twenty"
        k += 1
    if tokens[k : k + 1] and (tokens[k] in _ABOUT or tokens[k] == "for"):
        k += 1  # "and today nearly 2000", "and on tuesday for 12"
    after = parse_number(tokens[k]) if k < len(tokens) else None
    if after is not None:
        rest = tokens[k + 1 : k + 3] + (SENTENCE, SENTENCE)
        unit = rest[0] if rest[0] in VOCAB.unit_forms else None
        ends = rest[1] if unit else rest[0]
        return (after, unit, False) if ends in _AMOUNT_ENDS else None
    k = day.start - 1
    if k > 0 and tokens[k] == "on":
        k -= 1
    if k > 2 and tokens[k] == "own" and tokens[k - 2] == "on":
        k -= 3  # "and 12 on my own today"
    elif k > 1 and tokens[k] in _ON_ONES_OWN:
        k -= 1 + (tokens[k - 1] == "by")  # "and 12 alone on friday", "15 by myself today"
    again = k > 0 and tokens[k] == "again"
    k -= again
    unit = tokens[k] if k >= 0 and tokens[k] in VOCAB.unit_forms else None
    if unit is not None:
        k -= 1
    before = parse_number(tokens[k]) if k >= 0 else None
    if k > 1 and tokens[k - 1] == "again":  # "and again ten minutes tonight"
        k -= 1
        again = True
    if k > 1 and tokens[k - 1] == "another":  # "and another 20 today"
        k -= 1
        again = True
    if k > 1 and tokens[k - 1] in _ABOUT:  # "and about 2800 on monday"
        k -= 1
    if before is None or k < 1 or tokens[k - 1] not in _BOUNDARIES + ("and",) and (
            tokens[k - 1] not in DAY_WORDS):  # "ten stairs yesterday twelve today"
        return None
    return before, unit, again


_SPANS = frozenset(("week", "month", "year", "time"))
"""Days said as a span, whose amount is a comparison ("last week it was nine")."""
_AMOUNT_ENDS = frozenset((*_BOUNDARIES, "and", "with", "all", "holding", "using", "again", "too",
                          "on", "by", "without", "alone", "unaided", "independently", "both"))
"""Words that may follow a bare amount said beside a day ("today he did 10 with the rail"),
where a noun would make it something else ("today 40 squats")."""
_ON_ONES_OWN = frozenset(("alone", "unaided", "independently", "myself", "himself", "herself"))
"""Help said between an amount and its day ("and 12 alone on friday")."""
_ABOUT = _BARE_FILLERS - {"and", "then", "for"}
"""How near the amount is ("nearly 2000")."""


_DID_IT = frozenset((("did", "it"), ("did", "them"), ("did", "that"), ("did", "the"),
                     ("done", "it"), ("managed", "it")))
"""The same thing done again, said without naming it ("did it", "did the same")."""


_PATHS = frozenset(("to", "all", "round", "around", "over", "along", "across", "as", "up",
                    "down", "into", "out"))
"""Words that start the way gone, said after a second day with the verb left out."""


def _again_on(tokens: tuple[str, ...], day: Said, days: list[Said]) -> bool:
    """ "got into the car on monday and again yesterday", "both yesterday and today", "and on
    sunday too": the same again, on another day."""
    k = day.start
    if k and tokens[k - 1] in _BOUNDARIES:
        k -= 1  # "... yesterday. and today"
    if k and tokens[k - 1] == "again":
        k -= 1
    if tokens[max(0, k - 2) : k] == ("the", "same"):  # "and the same again monday"
        k -= 2
    after = tokens[day.end + 1 : day.end + 2]
    ends = not after or after[0] in (*_BOUNDARIES, "too", "also", "as")
    before = tokens[k - 1] if k else ""
    done = tokens[day.end + 1 : day.end + 5]
    if done[:1] and done[0] in _SUBJECTS:
        done = done[1:]
    if before in ("and", "then") and (done[:2] in _DID_IT or done[:2] == ("the", "same")):
        return True  # "... and yesterday she did it with just the stick", "the same again"
    return ends and before == "and" and (
        tokens[day.start - 1] == "again" or after[:1] in (("too",), ("also",), ("as",))
        or any(other.end in (k - 2, k - 3) for other in days if other is not day))


def _way_on(text: _Text, day: Said) -> bool:
    """ "walked over to the neighbours at the weekend and yesterday to the end of the street":
    only the way gone said after another day, its verb left out."""
    tokens = text.tokens
    after = tokens[day.end + 1 : day.end + 2]
    _, end = text.clause_span(day.end)
    return (tokens[day.start - 1 : day.start] == ("and",) and after[:1] != ()
            and after[0] in _PATHS
            and not any(map(is_past_only, tokens[day.end + 1 : end + 1])))


def _both_days(tokens: tuple[str, ...], day: Said, days: list[Said]) -> bool:
    """ "on monday and tuesday she walked to the shop", "saturday and sunday both did 20
    minutes": ``day`` said beside another with "and", and no amount of its own (unless
    "both" is said); with one win only (see _day_amounts)."""
    paired = [other for other in days if other is not day and (
        other.end == day.start - 2 and tokens[day.start - 1] == "and"
        or other.start == day.end + 2 and tokens[day.end + 1 : day.end + 2] == ("and",))]
    return bool(paired) and ("both" in tokens or all(
        _day_amount(tokens, d) is None for d in (day, *paired)))


def _day_amounts(text: _Text, days: list[Said], found: list[Found], today: date) -> list[Found]:
    """ "on sunday i did 6 stairs and today 8", "300m on monday and 400m today": a bare amount
    beside another day is the same activity again, on that day; so is "and again today", and
    one win said of two days ("on monday and tuesday she walked"), listed day by day. Returns
    ``found`` with these added."""
    extra = []
    for day in days:
        _, end = text.clause_span(day.start)
        # the help said with that day, if any, after it or since the "and" before it ("and 15
        # on my own today")
        said_from = next((k + 1 for k in range(day.start - 1, max(-1, day.start - 6), -1)
                          if text.tokens[k] in (*_BOUNDARIES, "and")), day.end + 1)
        help_words = text.words(said_from, end + 1)
        done = [f for f in found if not f.negative and not f.goal]
        if len(done) == 1 and _both_days(text.tokens, day, days):
            when = iso_day(today, day.days)
            if done[0].milestone.when != when:
                found = [f for f in found if f is not done[0]]  # listed again, day by day
                that_day = replace(done[0], milestone=replace(done[0].milestone, when=when))
                said_first = any(d.start > day.start and iso_day(today, d.days)
                                 == done[0].milestone.when for d in days)
                extra += [that_day, done[0]] if said_first else [done[0], that_day]
            continue
        if _again_on(text.tokens, day, days) or (
                done and done[-1].milestone.value is None and _way_on(text, day)):
            when = iso_day(today, day.days)
            if done and done[-1].milestone.when != when:
                again = replace(done[-1].milestone, when=when,
                                assistance=_help_said(help_words) or done[-1].milestone.assistance)
                extra.append(replace(done[-1], milestone=again))
            continue
        amount = _day_amount(text.tokens, day)
        if amount is None:
            continue
        value, form, repeated = amount
        earlier = [f for f in found if (f.milestone.unit or f.milestone.value is not None)
                   and not f.negative and not f.goal]  # "2 puzzles yesterday and 3 today"
        if not earlier or (earlier[-1].milestone.when == iso_day(today, day.days) and (
                not repeated or earlier[-1].milestone.value != tidy(value))):
            continue  # the same day: said again, or "another 12 this evening" already added
        last = earlier[-1].milestone
        if form is not None:
            unit, factor = VOCAB.unit_forms[form]
            value, unit = _convert(value * factor, unit)
            if unit != last.unit:
                continue
        if not repeated and any(f.milestone.when == iso_day(today, day.days)
                                and f.milestone.value == tidy(value) for f in earlier):
            continue  # "yesterday 10 words and today 15 words": each day's amount already read
        summary = last.summary.replace(str(last.value), str(tidy(value)), 1)
        again = replace(last, value=tidy(value), when=iso_day(today, day.days), summary=summary,
                        assistance=_help_said(help_words) or last.assistance)
        extra.append(replace(earlier[-1], milestone=again))
    return found + extra


def _help_said(string: str) -> str | None:
    """The help said in ``string`` alone ("with just the stick", "on her own"): a helper, a
    device (not one done without), or none needed; None when none is said."""
    regexes = VOCAB.regexes
    if regexes["helped"].search(string):
        return "helper"
    if next(_devices_used(string), None) is not None:
        return "device"
    return "independent" if regexes["independent"].search(string) else None


def _devices_used(string: str) -> Iterator[re.Match[str]]:
    """Each device heard in ``string`` that is not one done without or a place ("without
    the stick", "from the wheelchair to the bed")."""
    regexes = VOCAB.regexes
    for kind in ("devices", "device_phrases"):
        for match in regexes[kind].finditer(string):
            if not regexes["device_places"].search(
                    string[max(0, match.start() - 40) : match.start()]):
                yield match


UNSAID = "none"
"""The learned assistance model's label for an amount of help nobody said."""


def analyse(tokens: tuple[str, ...], today: date, win: str | None = None,
            helped: str | None = None) -> Analysis:
    """Activities in a cleaned utterance, each judged done, failed or planned, with the
    day each happened (against ``today``); ``win`` is the category of a win the learned
    model hears where no activity is named, ``helped`` the help it hears for the one win
    done (UNSAID: none), not for what failed or is planned."""
    text = _Text(tokens)
    days = days_said(tokens, today)
    # "March 2nd" names a day: its words are neither an activity nor an amount.
    in_days = {k for day in days for k in range(day.start, day.end + 1)}
    # "the walking poles" names a device: its words are no activity.
    in_devices = {k for match in VOCAB.regexes["devices"].finditer(text.string)
                  for k in range(text.index(match.start()), text.index(match.end() - 1) + 1)}
    mentions = [m for m in _find_mentions(text)
                if m.start not in in_days and not (in_devices and {m.start, m.end} <= in_devices)]
    mentions = _corrected(text, mentions) or _reordered_mentions(text)
    text.mark_clauses(_clause_splits(text, mentions, days))
    for mention in mentions:
        mention.clause = text.clause[mention.start]
        mention.sentence = text.sentence[mention.start]
    mentions = [m for m in mentions if not (_to_a_step(text, m) or _fetched(text, m))]
    strong_clauses = {m.clause for m in mentions if not m.weak}
    mentions = [m for m in mentions if not (m.weak and m.clause in strong_clauses)]
    mentions = [m for m in mentions if not _stood_for_a_task(text, mentions, m)]
    mentions = [m for n, m in enumerate(mentions) if not _is_circumstance(text, mentions[:n], m)]
    mentions = [m for m in mentions if len(mentions) == 1 or not _setting(text, m)]
    quantities = _timed(text, _totalled(text, _same_again(text, _repeated(text, _added(
        text, _both_sides(text, _both_ways(text, [q for q in _find_quantities(text, mentions)
                                                  if q[0].pos not in in_days
                                                  and not _slips_counted(text, q[0])])),
        days, mentions)))))
    quantities = _without_headlines(text, quantities, mentions)
    # "4 laps on the ward and the nurse walked with him": the nurse's walk is not the patient's,
    # so it cannot take the laps; they stay a win of their own
    mentions = _add_unit_mentions(
        text, [m for m in mentions if not _is_someone_else(text, m)], quantities,
        dated=_only_days_and_amounts(text, days, quantities)
    )
    mentions = [m for m in mentions if not _destination(text, mentions, m)]
    mentions = [
        m for m in mentions or _unnamed_win(text, win)
        if not (_is_someone_else(text, m) or _habitual(text, m))
    ]
    quantities = [(q, o) for q, o in quantities if o is None or o in mentions]
    for quantity, owner in quantities:
        target = owner or _named_after(text, mentions, quantity) or _nearest(
            text, mentions, quantity.pos
        )
        if target is not None:
            target.quantities.append(quantity)
    mentions = _goal_amount_mentions(text, mentions)
    mentions = _amounts_done_after(text, mentions)
    _attach_assistance(text, mentions)
    _judge(text, mentions)
    mentions = _without_parts(text, [m for m in mentions if not _topic(text, m)])
    found: list[Found] = []
    day_of = partial(_day_of, text, days)
    for mention in _one_of_a_kind(_merge(mentions, day_of,
                                         lambda m: m.from_unit or _verbless(text, m)), day_of):
        value, unit, best = _best_quantity(mention, _words_said(text, mention),
                                           _named_unit(text, mention))
        if value is None and (said := _sequence_said(text, mention)):
            value, unit = said, "words"
        if best is not None and unit is None and best.noun is None:
            # "tuesday i walked 25 steps and today i walked 30": the same again, in its unit.
            unit = next((f.milestone.unit for f in found
                         if f.milestone.activity == mention.activity.name), None)
        level = (_assistance(mention) if helped is None or mention.negative or mention.goal
                 else None if helped == UNSAID else helped)
        found.append(
            Found(
                Milestone(
                    category=mention.activity.category,
                    activity=mention.activity.name,
                    value=value,
                    unit=unit,
                    assistance=level,
                    side=_side(mention),
                    summary=describe(text.tokens, mention, best, value, unit, level),
                    when=iso_day(today, _day_of(text, days, mention)),
                ),
                negative=mention.negative,
                goal=mention.goal,
            )
        )
    found = _day_amounts(text, days, found, today)
    clauses = _clause_words(text)
    return Analysis(found=tuple(found), setback_cue=_setback_said(text, clauses),
                    failed_after=_failed_after(clauses, mentions))


def _clause_words(text: _Text) -> dict[int, list[str]]:
    """The words of each clause, by clause number."""
    clauses: dict[int, list[str]] = {}
    for k, token in enumerate(text.tokens):
        if token not in _BOUNDARIES:
            clauses.setdefault(text.clause[k], []).append(token)
    return clauses


_BEFORE_NOW = frozenset(("before", "previously", "once", "used", "last", "which"))
"""Words opening a clause about how it used to be ("Before I cannot.", "..., which she
could not do last week")."""


def _failed_after(clauses: dict[int, list[str]], mentions: list[Mention]) -> bool:
    """ "Tried to cut up my dinner and it went all over the floor", "The stairs beat me. Got
    to the third one and froze.": giving up, told in a clause after every activity done, says
    how the activity went (unless a "but" or "still" is said; see ``understand``)."""
    done = [m.clause for m in mentions if not m.negative and not m.goal]
    if not done:
        return False
    gave_up = VOCAB.regexes["gave_up"]
    return any(c > max(done) and gave_up.search(" ".join(words)) and not _about_someone_else(words)
               and words[0] not in _BEFORE_NOW
               for c, words in clauses.items())


def _setback_said(text: _Text, clauses: dict[int, list[str]]) -> bool:
    """A setback word in a clause about the patient: not one whose subject is someone else
    with no word of the speaker's in it ("the carer forgot to come"), nor, when a carer
    tells of the patient, one of the carer's own ("and my hands are worse than his")."""
    carer = _carer_speaking(text.tokens)
    return any(
        _setback_in(" ".join(words))
        for words in clauses.values()
        if not _about_someone_else(words) and not (carer and _carers_own(words))
    )


def without_carers_own(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """When a carer tells of the patient, ``tokens`` less each clause of the carer's own
    ("Albert did 1.5 km, I could barely keep up"): how the carer fared is not the patient's
    setback."""
    if not _carer_speaking(tokens):
        return tokens
    kept: list[str] = []
    for mark, clause in marked_fragments(tokens):
        if not _carers_own(clause):
            kept += [mark, *clause] if mark and kept else clause
    return tuple(kept)


def _carers_own(words: list[str]) -> bool:
    """A clause whose subject is the speaker, with the patient not in it."""
    start = words[1:] if words[:1] == ["and"] else words
    return start[:1] in (["i"], ["my"]) and _PATIENT_NAMED.isdisjoint(words)


_PATIENT_NAMED = frozenset(("he", "she", "him", "her"))


def _about_someone_else(words: list[str]) -> bool:
    """ "the carer forgot to come": the clause opens with another person (not a relative, who
    may be the patient) and names neither the speaker nor the patient."""
    head = next((w for w in words if w not in _DETERMINERS), None)
    if head in VOCAB.words["others"] and not _REPORTING.isdisjoint(words):
        # "the physio said his balance is worse": what was said is about the patient.
        return False
    return head in VOCAB.words["others"] and _SPEAKER_OR_PATIENT.isdisjoint(words)
