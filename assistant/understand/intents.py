"""Utterances that talk to the assistant rather than report: commands, practice, questions.

These are checked before looking for milestones because they can contain activity words
("how many steps did i walk this week" is a question, not 0 steps walked).
"""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz, process

from .completeness import trails_off
from .lexicon import is_past_only
from .milestones import analyse
from .normalise import CLAUSE, Cleaned, clean, dedupe, split_clauses, tidy_boundaries
from .numbers import parse_number
from .talk import feeling_of, is_social
from .telegraphic import fragment_says, fragments, is_telegraphic
from .vocab import VOCAB

# Fuzzy matching only for short utterances, where a misheard word is the likely reason a
# command did not match exactly; longer ones are reports.
_FUZZY_MAX_WORDS = 6
_FUZZY_MIN_CHARS = 6
_FUZZY_CUTOFF = 88.0
# Commands are short; anything longer is a report that may merely contain "stop" or "help".
_COMMAND_MAX_WORDS = 14
# A request named by its cue word alone is short; at most this long it need not say "you".
_CUED_MAX_WORDS = 8
_CUED_ALWAYS_WORDS = 3
# The longest command phrase, in words ("what sort of things can you do").
_COMMAND_WORDS = 8
# An aside said with a command ("she is hard of hearing") is a short clause.
_ASIDE_MAX_WORDS = 8
# Days do not matter when asking whether an aside holds news.
_ANY_DAY = date(2000, 1, 3)
# Answers: said before a command they lead into ("no, delete it"), never after one.
_ANSWERS = frozenset(("yes", "no"))
_ANSWER_FRAGMENTS = frozenset(("yes", "no", "yes yes", "no no", "yeah", "nope"))
_QUERY_FRAGMENTS = frozenset((
    "how", "how many", "how much", "how far", "how long", "what i did", "is it",
    "improving", "any better", "how is it", "how am i"))
_PRACTICE_FRAGMENTS = frozenset(("practice", "practise", "speech practice", "word practice"))
_DONE_WORDS = frozenset(("did", "done", "finished", "managed", "practised", "practiced"))


def _politeness_stages(text: str) -> list[str]:
    """The text as "could you ... please" wrapping is dropped, word group by word group, each
    stage kept at least one word long: "i am done for now thank you" passes through "i am
    done for now" before "now" goes too."""
    leading = VOCAB.regexes["leading_politeness"]
    trailing = VOCAB.regexes["trailing_politeness"]
    stages = [text]
    while True:
        before = text
        match = leading.match(text)
        # "wait small": what follows a leading word may itself be only politeness
        if match and match.end() < len(text) and not trailing.match(f" {text[match.end():]}"):
            text = text[match.end() :]
            stages.append(text)
        match = trailing.search(text)
        if match and match.start() > 0:
            text = text[: match.start()]
            stages.append(text)
        if text == before:
            return stages


def _strip_politeness(text: str) -> str:
    """Drop "could you ... please" style wrapping, keeping at least one word."""
    return _politeness_stages(text)[-1]


def _exact_command(text: str) -> str | None:
    for candidate in _politeness_stages(text):
        match = VOCAB.regexes["commands"].fullmatch(candidate)
        if match:
            return match.lastgroup
    return None


def _is_aside(words: list[str]) -> bool:
    """True for a short clause with no news, question, feeling or pleasantry of its own,
    said around a command ("louder, she is hard of hearing", "no, i do not")."""
    if not words or len(words) > _ASIDE_MAX_WORDS:
        return False
    text = " ".join(words)
    if VOCAB.regexes["query_start"].match(text) or _exact_command(text) is not None:
        return False
    said = clean(text)  # numbers as digits: "words five" is an amount of words
    if said is None:
        return True
    return not _holds_news(said.tokens) and feeling_of(said) is None and not is_social(said)


def _is_farewell(words: list[str]) -> bool:
    """True for a pleasantry alone ("night night", "thanks love"), said with a goodbye."""
    said = clean(" ".join(words))
    return said is not None and is_social(said)


def _says_goodbye(words: list[str]) -> bool:
    """True for a stop said as a goodbye ("see you tomorrow"): with thanks it is small talk."""
    cue = VOCAB.regexes["command_cues"].search(" ".join(words))
    return cue is not None and cue.lastgroup == "stop"


def _is_interjection(words: list[str]) -> bool:
    """True for a clause that is only what may lead a command ("hold up, delete that")."""
    text = " ".join(words) + " "
    match = VOCAB.regexes["leading_politeness"].match(text)
    return match is not None and match.end() == len(text)


def _holds_news(tokens: tuple[str, ...]) -> bool:
    """True when the words report something done, failed, planned or gone badly, or a
    goal reached ("yes i did it")."""
    if VOCAB.regexes["goal_reached"].search(" ".join(tokens)):
        return True
    analysis = analyse(tokens, _ANY_DAY)
    return bool(analysis.found) or analysis.setback_cue


def _strong(command: str | None, phrase: str) -> str | None:
    """The command, unless its words are too common to be one beside other words."""
    return None if phrase in VOCAB.words["weak_commands"] else command


def _cut_command(words: list[str]) -> str | None:
    """A command then an aside that starts as a clause does ("no i do not"), an aside then a
    command ("oops wrong one undo"), or an answer then a command ("no delete it"). Commands
    are short, so only cuts that leave one side short are tried."""
    subjects, open_ends = VOCAB.words["aside_subjects"], VOCAB.words["aside_open_ends"]
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        first = _strong(_exact_command(head), head) if cut <= _COMMAND_WORDS else None
        last = None
        if len(words) - cut <= _COMMAND_WORDS and words[cut - 1] not in open_ends:
            last = _strong(_exact_command(_strip_politeness(tail)), tail)
        if first in _ANSWERS and last is not None and last not in _ANSWERS:
            return last
        if (first is not None and words[cut] in subjects and _is_aside(words[cut:])
                and (words[cut], first) != ("me", "help")):  # "help me practise", not an aside
            return first
        if (
            last is not None
            and last not in _ANSWERS
            and tail not in VOCAB.words["command_nouns"]
            and _is_aside(words[:cut])
        ):
            return last
    return None


_LOST = re.compile(r"^(?:i am |i am a bit |i am so |i am really )?(?:stuck|lost|confused|baffled"
                   r"|clueless|muddled)$")
"""Being lost said with a call for help is why help is asked, not a feeling to answer."""
_WISH = re.compile(r"\b(?:want|wants|wanna|would like|would love|wish|hope|hoping)\b")


def _with_aside(cleaned: Cleaned) -> str | None:
    """The command said with asides that carry no news, or None.

    Said clause by clause ("wrong. delete.", "you are mumbling, speak up"): one kind of
    command and asides around it; unpunctuated, see ``_cut_command``.
    """
    if VOCAB.regexes["command_inside"].search(cleaned.light) is None:
        return None
    clauses = split_clauses(cleaned.tokens)
    if len(clauses) == 1:
        # "hold on someone at the door": what leads a command may be the command itself
        return (_cut_command(_strip_politeness(cleaned.light).split())
                or _cut_command(cleaned.light.split()))
    kinds = [_exact_command(_strip_politeness(" ".join(c))) for c in clauses]
    named = {k for k in kinds if k is not None}
    if len(named) == 2 and kinds[0] in _ANSWERS and kinds[0] not in kinds[1:]:
        # An answer leading into a command: "no, that's the wrong one".
        named.discard(kinds[0])
        clauses, kinds = clauses[1:], kinds[1:]
    asides = [
        c for c, k in zip(clauses, kinds, strict=True) if k is None and not _is_interjection(c)
        and not (named == {"stop"} and _is_farewell(c) and not any(  # "night night, i am done"
            _says_goodbye(d) for d, k in zip(clauses, kinds, strict=True) if k == "stop"))
    ]
    if named == {"help"}:
        asides = [c for c in asides if not _LOST.search(" ".join(c))]  # "i'm stuck, help"
    if len(named) != 1 or not all(_is_aside(c) for c in asides):
        return None
    if named == {"stop"} and kinds[-1] == "stop" and _WISH.search(" ".join(clauses[0])):
        return None  # "i just want to get stronger, that's all": a wish, not a goodbye
    # The asides together may be news that none is alone ("words, twenty, help").
    if _holds_news(tuple(w for c in asides for w in c)):
        return None
    return named.pop()


def command_of(cleaned: Cleaned) -> str | None:
    """The control request the whole utterance makes, or None.

    Two requests of the same kind in a row count as one ("goodbye see you tomorrow",
    "that's not right delete it"), and asides with no news may come with one ("louder,
    she is hard of hearing"). In telegraphic speech a "yes" or "no" among other fragments
    affirms them ("steps... hundred... yes... hundred"); it answers nothing.
    """
    command = _command_of(cleaned)
    if command in _ANSWERS and any(trails_off(c[-1]) for c in split_clauses(cleaned.tokens)
                                   if c and " ".join(c) not in _ANSWER_FRAGMENTS):
        return None  # "the thing with the... no": a word not found, not an answer
    if command in _ANSWERS and is_telegraphic(cleaned.tokens) and _holds_news(tuple(
            w for part in fragments(cleaned.tokens) if part not in _ANSWER_FRAGMENTS
            for w in (*part.split(), CLAUSE))):
        return None
    return command


def _command_of(cleaned: Cleaned) -> str | None:
    light = cleaned.light
    words = light.split()
    if len(words) > _COMMAND_MAX_WORDS:
        return None
    command = _exact_command(light)
    if command is not None:
        return command
    text = _strip_politeness(light)
    if len(words) <= 2 * _FUZZY_MAX_WORDS:
        # Each half drops its own wrapping ("that's me finished, bye for now").
        for cut in range(1, len(words)):
            first = _exact_command(" ".join(words[:cut]))
            if first is not None and first == _exact_command(" ".join(words[cut:])):
                return first
    if len(text) >= _FUZZY_MIN_CHARS and len(text.split()) <= _FUZZY_MAX_WORDS:
        best = process.extractOne(
            text, VOCAB.command_examples.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
        )
        if best is not None:
            return VOCAB.command_examples[best[0]]
    command = _with_aside(cleaned) or _cued(cleaned)
    if command is None and len(set(words)) < len(words):
        # "what can i um what can i say to you": a phrase said twice
        command = _exact_command(" ".join(dedupe(list(words))))
    return command


def _cued(cleaned: Cleaned) -> str | None:
    """A short request to the device said in a way no pattern has, named by its cue word
    ("you're deafening me": quieter); see ``[commands.cues]`` in the vocabulary."""
    words = cleaned.light.split()
    cue = VOCAB.regexes["command_cues"].search(cleaned.light)
    if cue is None or len(words) > _CUED_MAX_WORDS:
        return None
    addressed = not VOCAB.words["addressed"].isdisjoint(words)
    if not addressed and (len(words) > _CUED_ALWAYS_WORDS
                          or VOCAB.regexes["query_start"].match(cleaned.plain)):
        return None
    if (_holds_news(cleaned.tokens) or feeling_of(cleaned) or is_social(cleaned)
            or VOCAB.regexes["advice"].match(cleaned.plain)):
        return None
    return cue.lastgroup


def is_practice_request(cleaned: Cleaned) -> bool:
    """True for "let's practise", "give me an exercise", "quiz me", or practice named in a
    clause that tells nothing done ("ok mummy is ready for her speech homework", "he's had
    his tea, can we do his word practice")."""
    return VOCAB.regexes["practice"].search(cleaned.plain) is not None or (
        # "speech... practice... yes... now", not "did... practice... 20 minutes"
        fragment_says(cleaned.tokens, _PRACTICE_FRAGMENTS)
        and _nothing_done(cleaned)
    ) or (_nothing_done(cleaned) and any(
        VOCAB.regexes["practice_named"].search(said) is not None
        and VOCAB.regexes["practice_not_now"].search(said) is None
        and not any(map(is_past_only, clause))
        for clause in split_clauses(cleaned.tokens) for said in (" ".join(clause),)
    ))


def _nothing_done(cleaned: Cleaned) -> bool:
    """No "did", "done" or amount: practice named is asked for, not reported."""
    return _DONE_WORDS.isdisjoint(cleaned.tokens) and not any(
        parse_number(t) is not None for t in cleaned.tokens)


_ASKING = frozenset(("did", "was", "were", "had"))
"""Past forms that ask ("what did he manage?") rather than tell."""


def is_progress_query(cleaned: Cleaned) -> bool:
    """True for a question about the patient's own progress ("how am i doing"), also with a
    word before it ("honey, how many days in a row...") or asked after what it is about
    ("sit to stands yesterday how many times did i do")."""
    regexes = VOCAB.regexes
    lead = regexes["query_lead"]
    text, light = lead.sub("", cleaned.plain), lead.sub("", cleaned.light)
    return (
        regexes["query_start"].search(text) is not None
        and regexes["query_self"].search(light) is not None
        and regexes["query_topic"].search(text) is not None
    ) or (
        regexes["query_inside"].search(text) is not None
        and regexes["query_topic"].search(text) is not None
    ) or fragment_says(cleaned.tokens, _QUERY_FRAGMENTS) or (  # "steps... yesterday... how many"
        _asked_last(cleaned) and regexes["query_topic"].search(text) is not None
    ) or (cleaned.asked and regexes["query_asked"].search(text) is not None
          and regexes["asked_of_device"].search(text) is None
          and not any(is_past_only(t) for t in cleaned.tokens if t not in _ASKING))


def _asked_last(cleaned: Cleaned) -> bool:
    """ "Minutes on the bike so far this week, what's the total?": the question said last,
    after the things asked about, which say nothing done."""
    *before, last = split_clauses(cleaned.tokens)
    return (
        bool(before)
        and VOCAB.regexes["query_after"].match(" ".join(last)) is not None
        and not any(is_past_only(t) for clause in before for t in clause)
    )


def states_goal(cleaned: Cleaned) -> bool:
    """True when the utterance sets a goal even if no activity was recognised."""
    return VOCAB.regexes["goal_only"].search(cleaned.plain) is not None


def without_goal_reached(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """The tokens less "i did it" / "i reached my goal", and whether such words were heard.

    The words are taken out before activities are looked for: "reached" in "i reached my
    goal" is not an arm movement, and "my goal" would make the news after it ("i did it,
    i walked to the mailbox") look like a plan.
    """
    text, count = VOCAB.regexes["goal_reached"].subn(CLAUSE, " ".join(tokens))
    if not count:
        return tokens, False
    text = _REACHED_IT.sub(CLAUSE, text)
    return tuple(tidy_boundaries(text.split())), True


_REACHED_IT = re.compile(r"\b(?:i|we|he|she) (?:have |has |just |finally )*(?:reached|hit|met|"
                         r"achieved|smashed) it\b")
"""With a goal said done ("mark that goal off, we reached it"), "it" is the goal."""


def without_evaluations(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens less "how my walking is going": a verdict on an activity, not an event
    ("i am so happy with how my walking is going" is a feeling)."""
    text, count = VOCAB.regexes["evaluations"].subn(CLAUSE, " ".join(tokens))
    return tuple(tidy_boundaries(text.split())) if count else tokens
