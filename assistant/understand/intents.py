"""Utterances that talk to the assistant rather than report: commands, practice, questions.

These are checked before looking for milestones because they can contain activity words
("how many steps did i walk this week" is a question, not 0 steps walked).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from .normalise import CLAUSE, Cleaned, tidy_boundaries
from .vocab import VOCAB

# Fuzzy matching only for short utterances, where a misheard word is the likely reason a
# command did not match exactly; longer ones are reports.
_FUZZY_MAX_WORDS = 6
_FUZZY_MIN_CHARS = 6
_FUZZY_CUTOFF = 88.0
# Commands are short; anything longer is a report that may merely contain "stop" or "help".
_COMMAND_MAX_WORDS = 14


def _strip_politeness(text: str) -> str:
    """Drop "could you ... please" style wrapping, keeping at least one word."""
    leading = VOCAB.regexes["leading_politeness"]
    trailing = VOCAB.regexes["trailing_politeness"]
    while True:
        before = text
        match = leading.match(text)
        if match and match.end() < len(text):
            text = text[match.end() :]
        match = trailing.search(text)
        if match and match.start() > 0:
            text = text[: match.start()]
        if text == before:
            return text


def _exact_command(text: str) -> str | None:
    for candidate in (text, _strip_politeness(text)):
        match = VOCAB.regexes["commands"].fullmatch(candidate)
        if match:
            return match.lastgroup
    return None


def command_of(light: str) -> str | None:
    """The control request the whole utterance makes, or None.

    Two requests of the same kind in a row count as one ("goodbye see you tomorrow",
    "that's not right delete it").
    """
    words = light.split()
    if len(words) > _COMMAND_MAX_WORDS:
        return None
    command = _exact_command(light)
    if command is not None:
        return command
    text = _strip_politeness(light)
    words = text.split()
    if len(words) <= 2 * _FUZZY_MAX_WORDS:
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
    return None


def is_practice_request(cleaned: Cleaned) -> bool:
    """True for "let's practise", "give me an exercise", "quiz me"."""
    return VOCAB.regexes["practice"].search(cleaned.plain) is not None


def is_progress_query(cleaned: Cleaned) -> bool:
    """True for a question about the patient's own progress ("how am i doing")."""
    text = cleaned.plain
    regexes = VOCAB.regexes
    return (
        regexes["query_start"].search(text) is not None
        and regexes["query_self"].search(cleaned.light) is not None
        and regexes["query_topic"].search(text) is not None
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
    return tuple(tidy_boundaries(text.split())), True
