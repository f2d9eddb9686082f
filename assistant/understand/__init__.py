"""Understanding: one recognised utterance in, its structured meaning out.

    from assistant.understand import understand
    understand("i walked twenty five steps with my therapist helping me").to_dict()

Pipeline: normalise (case, punctuation, numbers as digits, fillers, self-corrections) ->
intents (commands, practice requests, progress questions) -> milestones (activities,
amounts, assistance, side, failure or plan). Pure, offline and fast; never raises.

Intents: milestone | setback | goal | progress_query | practice | command | feeling |
social | alert | other.

Beyond the JSON contract of ``to_dict`` (text, intent, milestones, command, alert), which
stays fixed because it is stored and printed, an ``Understanding`` carries what the dialog
needs to answer: ``query`` (what a progress question asks), ``setback`` (what went badly),
``reached_goal`` (the patient said "i did it"), ``mood`` (how they feel) and ``request``
(something asked that the device cannot do). ``strip_wake`` finds the wake phrase.

Red flags come first: an utterance with an ``alert`` (a stroke sign, a fall, chest pain,
despair... see ``alerts``) has intent "alert" whatever else it says, and no command or
query, so nothing downstream can answer it as a win, a question or a control word; the
milestones, setback and mood said with it are kept for the record. Then, in order:
commands; practice requests; progress questions; greetings, thanks and pleasantries with
little else (intent "social"; a goodbye the command grammar takes stays the command
"stop"); requests the device cannot do ("call my daughter": intent "other" with
``request`` "call", never a milestone); milestones; "i did it"; feelings (intent
"feeling", ``mood`` low or good, a fear is low; a failure said with a mood stays a
setback unless it is feared); small talk on a topic ("it is cold today", "social");
setbacks; goals; and the rest, "other".

Conventions the labelled data and the extractor share:
  * "half an hour" is 30 minutes: fractional hours become minutes and fractional minutes
    seconds, so values stay whole where the speaker meant a whole amount; whole hours
    stay hours ("an hour" is 1 hour).
  * Miles and kilometres become meters, yards become feet; steps climbed are stairs.
  * "twice" is 2 times; exercise repetitions ("10 squats") are times; things counted that
    are not units ("10 coins") keep the value with unit null.
  * Assistance: helper over device over independent when several are heard.
  * A setback carries no milestones; a goal carries its target as milestones, with a
    base-form summary ("walk 50 steps"); milestones carry a past-tense one. What went
    badly is ``setback``, a milestone with a base-form summary ("lift your arm").
  * Commands "share" (pass the news to the family) and "done" ("i did it" with nothing
    else to report). "i did it, i walked to the mailbox" is a milestone with
    ``reached_goal`` set.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice
from typing import Any

from .alerts import Alert, AlertKind, injury_of, is_onset, red_flags
from .intent_model import likely_assistance, likely_category, likely_goal_category, likely_intent
from .intents import (
    command_of,
    is_practice_request,
    is_progress_query,
    states_goal,
    without_evaluations,
    without_goal_reached,
)
from .lexicon import base_form
from .mention import Milestone
from .milestones import UNSAID, Analysis, Found, analyse, names_nothing, without_carers_own
from .normalise import CLAUSE, SENTENCE, Cleaned, clean, marked_fragments, split_clauses
from .numbers import parse_number
from .queries import Query, query_of
from .talk import Mood, feeling_of, is_small_talk, is_social, request_of
from .telegraphic import fragment_says
from .vocab import VOCAB
from .wake import strip_wake
from .when import WEEKDAYS

_log = logging.getLogger(__name__)
_REPORT_LETTERS = 3

__all__ = [
    "Alert",
    "AlertKind",
    "Milestone",
    "Mood",
    "Query",
    "Understanding",
    "strip_wake",
    "understand",
]


@dataclass(frozen=True)
class Understanding:
    """What one utterance means.

    ``query`` is set for intent progress_query, ``setback`` (when an activity is named)
    for intent setback and ``goal`` (the target, when an activity is named) for intent
    goal, whose ``milestones`` are empty: a goal is not an achievement. ``reached_goal``
    is True when the patient says a goal is reached, whether or not they say what it was.
    ``alert`` is set exactly when intent is "alert"; ``mood`` whenever a feeling is said
    (intent "feeling" when nothing more is said);
    ``caution`` holds the words of a stroke sign said with nothing that makes it sudden
    ("his speech is slurred"), when there is no alert: the reply says what to do if it is new.
    ``request`` names what was asked that the device cannot do ("call"). ``injury`` says
    whether an injury is said (a blow to the head, pain, cannot get up: True), a plain "not
    hurt" is said (False), or neither (None), so a fall, or the answer to "are you hurt?",
    can be graded.
    """

    text: str
    intent: str
    milestones: tuple[Milestone, ...]
    command: str | None
    query: Query | None = None
    setback: Milestone | None = None
    reached_goal: bool = False
    alert: Alert | None = None
    mood: Mood | None = None
    request: str | None = None
    injury: bool | None = None
    goal: Milestone | None = None
    caution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``smallwins extract --json``, keys in contract order."""
        return {
            "text": self.text,
            "intent": self.intent,
            "milestones": [m.to_dict() for m in self.milestones],
            "command": self.command,
            "goal": self.goal.to_dict() if self.goal else None,
            "alert": self.alert.to_dict() if self.alert else None,
        }


def _milestone(found: Found, dated: bool = True) -> Milestone:
    """The milestone found, with its day, or without one for a goal's target."""
    return found.milestone if dated else replace(found.milestone, when=None)


def _patients_part(cleaned: Cleaned) -> Cleaned:
    """``cleaned`` less a carer's own clauses (``without_carers_own``)."""
    tokens = without_carers_own(cleaned.tokens)
    if tokens == cleaned.tokens:
        return cleaned
    said = " ".join(tokens)
    return Cleaned(tokens, said, said, cleaned.asked)


def _compared_worse(cleaned: Cleaned, setback_cue: bool = False) -> bool:
    """ "only 3 steps, worse than yesterday", "barely ten steps", or with ``setback_cue`` (a
    setback said too) "bad day, only 3 steps": a report that is a setback."""
    regexes = VOCAB.regexes
    worse = (
        regexes["comparison_setbacks"].search(cleaned.plain) is not None
        # "walk... bad... stopped... back home"
        or fragment_says(cleaned.tokens, _VERDICT_FRAGMENTS)
        or (setback_cue and regexes["played_down"].search(cleaned.plain) is not None)
        or _last_word_is_a_bad_verdict(cleaned)
    )
    return worse and regexes["comparison_wins"].search(cleaned.plain) is None


_VERDICT_FRAGMENTS = frozenset((
    "bad", "no good", "not good", "stopped", "gave up", "terrible", "awful", "rubbish",
    "bad bad", "not well", "hard", "too hard"))
_THOUGH = frozenset(("but", "still", "managed", "anyway", "though"))
"""Words after a bad verdict that bring a win in spite of it."""


def _last_word_is_a_bad_verdict(cleaned: Cleaned) -> bool:
    """ "the walk was a disaster": a bad verdict with nothing said after its clause but more
    of what went wrong ("my walking was rubbish, didn't even get to the gate"); "it was a
    struggle but i got to the end" is a win."""
    said = " ".join(cleaned.tokens)
    verdict = VOCAB.regexes["verdicts"].search(said)
    if verdict is None:
        return False
    after = said[verdict.end() :].split()
    return CLAUSE not in after or (
        not VOCAB.words["negators"].isdisjoint(after) and _THOUGH.isdisjoint(after))


_USUAL = frozenset(("usually", "normally", "typically", "generally"))
_BEFORE = WEEKDAYS | {"yesterday"}
"""Words that set an amount beside the one done as the usual, or (for news of today) as
an earlier day's."""
_EARLIER = frozenset(("before", "previously"))
"""Words that set an amount beside the one done as what it was before, whatever the day."""
_USUAL_REACH = 4
_MARK_DONE = re.compile(r"\b(?:tick|check|cross|mark)(?: \w+){0,4} (?:off|done|goal|target)\b"
                        r"|\bput (?:the|my|his|her) (?:\w+ )?goal down\b")
"""Asked to mark a goal done: an amount said beside it is the goal said again, not news."""


_STILL_A_WIN = re.compile(
    r"\bbut (?:i |he |she |we )?still\b|\bstill (?:did|managed|got|walked|made|counts)\b"
    r"|\bbut (?:i |he |she |we )?did (?:it|them|the lot)\b|\bbut (\w+) is \1\b|\bdo not care\b"
    r"|\bbut (?:that|it) (?:is|was) still \d")
"""Less than before, said to be a win all the same ("not as many as Monday but I still did 30
steps", "only 4 stairs today, was 6 on Sunday, but 4 is 4", "had to turn back, but that's
still 150m")."""
_ACHES = re.compile(r"\b(?:sore|aching|aches|ache|achy|stiff|stiffer|heavy|paining|giving me gyp"
                    r"|playing up)\b(?: something (?:terrible|awful|rotten|shocking|chronic))?")
_RED_FLAG_PARTS = re.compile(r"\b(?:chest|head|neck|jaw|heart|eye|eyes|face|arm|arms)\b")
"""Where an ache may be a warning sign (chest, head, a weak arm): left as it was, a setback."""
_UNDONE = re.compile(
    r"\b(?:no|not|never|nothing(?! new)|none|only|could|can|too|skip\w*|miss\w*|stop\w*)\b")
_ACHE_FROM = re.compile(r"\b(?:sore|aching|achy|stiff|heavy|tired|worn out)(?: \w+)? from\b")
"""An ache said with what caused it ("sore legs from all that walking"): the activity is the
cause, not news, unless an amount of it is said."""


def _setback_besides_mood(cleaned: Cleaned) -> bool:
    """ "we had to cancel physio, he was too exhausted": something went wrong in a clause that
    says no mood, so the mood is its cause and the news is the setback."""
    for clause in split_clauses(cleaned.tokens):
        said = " ".join(clause)
        if (VOCAB.regexes["setbacks"].search(said) is not None
                and feeling_of(Cleaned(tuple(clause), said, said)) is None):
            return True
    return False


def _only_an_ache(cleaned: Cleaned) -> bool:
    """ "my shoulder's aching", "legs are sore from yesterday": how the body feels, with
    nothing said of what it stopped, so a feeling rather than a setback."""
    plain = cleaned.plain
    return (_ACHES.search(plain) is not None and _UNDONE.search(plain) is None
            and _RED_FLAG_PARTS.search(plain) is None
            and VOCAB.regexes["setbacks"].search(_ACHES.sub(" ", plain)) is None)


_CONCESSIVE = frozenset(("but", "still", "though", "although", "anyway", "managed", "did",
                         "done", "proud", "finished", "nonetheless", "yet", "there"))
"""Said with a setback after a win without an amount, these keep the win ("shaky but you
can read it", "missed a bit but he did it")."""


def _fewer_than_usual(cleaned: Cleaned, done: list[Found], today: date) -> bool:
    """ "he managed five minutes on the arm bike, usually he does fifteen", "he only did ten
    steps, he did thirty on monday", "only ten seconds. Before, it was thirty": less than the
    usual, or than before, is a setback; so is less than an earlier day's amount said with it,
    when played down ("Only 5 steps today. Yesterday was 15.")."""
    first = done[0].milestone
    value = first.value
    if value is None:
        return False
    earlier = [f.milestone.value for f in done[1:]
               if (f.milestone.category, f.milestone.unit) == (first.category, first.unit)
               and (f.milestone.when or "") < (first.when or "") and f.milestone.value]
    if earlier and max(earlier) > value:
        # "Only 5 steps today. Yesterday was 15.": the earlier day's amount, played down
        return VOCAB.regexes["played_down"].search(cleaned.plain) is not None
    tokens = cleaned.tokens
    cues = _USUAL | _EARLIER | (_BEFORE if first.when == today.isoformat() else frozenset())
    if len(done) > 1 or cues.isdisjoint(tokens):
        return False
    for k, token in enumerate(tokens):
        if token not in cues:
            continue
        near = tokens[max(0, k - _USUAL_REACH) : k + _USUAL_REACH + 1]
        amounts = [n for n in map(parse_number, near) if n is not None and n != value]
        if amounts and min(amounts) > value:
            return True
    return False


def _news_after(tokens: tuple[str, ...], today: date) -> bool:
    """ "is it normal to be this tired? i peeled three potatoes": news told after the first
    clause, whatever that clause asked."""
    cut = next((k for k, t in enumerate(tokens) if t in (CLAUSE, SENTENCE)), len(tokens))
    return any(not f.negative and not f.goal for f in analyse(tokens[cut + 1 :], today).found)


def _understand(text: str, today: date | None = None) -> Understanding:
    today = today or date.today()
    cleaned = clean(text)
    if cleaned is None:
        return Understanding(text, "other", (), None)
    meaning = replace(_meaning(text, cleaned, today), injury=injury_of(cleaned))
    alert, caution = red_flags(text, cleaned)
    if alert is None:
        return replace(_reconsidered(meaning, cleaned, today), caution=caution)
    return replace(meaning, intent="alert", command=None, query=None, alert=alert,
                   milestones=_wins_besides(meaning, cleaned, alert, today))


def _wins_besides(meaning: Understanding, cleaned: Cleaned, alert: Alert,
                  today: date) -> tuple[Milestone, ...]:
    """The wins said with a red flag, kept for the record, read without the red flag's own
    words, nor any clause that raises a red flag of its own: "he suddenly stopped talking",
    "talking gibberish" or "talked about ending it" is no conversation had."""
    words = tuple(alert.words.split())
    tokens = cleaned.tokens
    if not meaning.milestones or not words:
        return meaning.milestones
    for k in range(len(tokens) - len(words) + 1):
        if tokens[k : k + len(words)] == words:
            rest = _without_red_flags(tokens[:k] + tokens[k + len(words) :])
            found = analyse(without_evaluations(rest), today).found
            return tuple(_milestone(f) for f in found if not f.negative and not f.goal)
    return meaning.milestones


def _without_red_flags(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """``tokens`` less each clause that raises a red flag when said on its own, or says when
    one began."""
    kept: list[str] = []
    for mark, clause in marked_fragments(tokens):
        said = " ".join(clause)
        if red_flags(said, Cleaned(tuple(clause), said, said))[0] is None and not is_onset(said):
            kept += [mark, *clause] if mark and kept else clause
    return tuple(kept)


SURE = 0.8
"""How likely the learned intent must be to overrule the rules (README, "A learned second
opinion on intent")."""
_KEPT = frozenset(("command", "alert"))
"""Intents only the rules give or take away: a command is an action, an alert a red flag."""
_HOLDS_A_WIN = frozenset(("setback", "goal"))
"""Intents whose fields keep a win the rules read ("setback", "goal"); to any other, a win
with an amount is not given up: "I walked 20 steps today, how many is that this week"."""


def _too_few_letters(text: str, cleaned: Cleaned) -> bool:
    """ "5m", "0M": an amount with no word to say what was done is no report, and neither is
    what binary junk decodes to, though cleaned it may read as words ("%A" is "a percent",
    "A¼K" "a 1/4 k")."""
    return any(len(list(islice(filter(str.isalpha, said), _REPORT_LETTERS))) < _REPORT_LETTERS
               for said in (text, cleaned.plain))


def _reconsidered(meaning: Understanding, cleaned: Cleaned, today: date) -> Understanding:
    """The rules' meaning, with the intent the learned model is sure of where they differ and
    `_may_overrule` allows it. What the rules read stays where the new intent holds it: a win
    the model is sure went badly is that setback, one it is sure is a plan is that goal. A win
    the rules did not read is read again as a win of the category the second model names."""
    if meaning.intent in _KEPT or _too_few_letters(meaning.text, cleaned):
        return meaning
    guess = likely_intent(meaning.text)
    if guess is None or guess.probability < SURE or guess.label == meaning.intent:
        return meaning
    intent = guess.label
    first = meaning.milestones[0] if meaning.milestones else None
    mood = meaning.mood
    if intent == "feeling" and mood is None:
        feeling = feeling_of(cleaned)
        mood = feeling.mood if feeling else None
    if not _may_overrule(meaning, intent, mood, cleaned):
        return meaning
    return Understanding(
        meaning.text, intent, _unnamed_wins(meaning.text, cleaned, today) if intent == "milestone"
        else (), None,
        query=query_of(cleaned) if intent == "progress_query" else None,
        setback=first if intent == "setback" else None,
        goal=_as_target(first) if intent == "goal" and first else None,
        reached_goal=meaning.reached_goal, mood=mood, injury=meaning.injury,
    )


def _may_overrule(meaning: Understanding, intent: str, mood: Mood | None,
                  cleaned: Cleaned) -> bool:
    """Where the model's intent may replace the rules'. Never for a command or a red flag, nor
    from a low mood; a setback is never made a win (praise for what went badly is the worse
    mistake), nor is anything said with a negation ("i thought i did it but i didn't": word
    pairs do not read negation), nor a setback made of what is said to be as good as usual or
    better, nor words that name nothing ("mi mi no"); a win with an amount is not given up for
    a question or small talk (nothing said is lost); a plan only from a win the rules read (its
    target); a feeling only with a mood the rules can name."""
    was = meaning.intent
    if intent in _KEPT or (was == "feeling" and meaning.mood is Mood.LOW):
        return False
    if intent == "milestone":
        return (was != "setback" and VOCAB.words["negators"].isdisjoint(cleaned.tokens)
                and not names_nothing(cleaned.tokens))
    if intent == "goal":
        return bool(meaning.milestones)
    if intent == "setback" and VOCAB.regexes["comparison_wins"].search(cleaned.plain):
        return False  # "I just walked 20 steps like I usually do": said to be as good
    if intent == "feeling" and mood is None:
        return False
    return intent in _HOLDS_A_WIN or not any(m.value for m in meaning.milestones)


def _unnamed_wins(text: str, cleaned: Cleaned, today: date) -> tuple[Milestone, ...]:
    """The wins in an utterance the learned model hears as one and the rules did not: read by
    the rules again, told the category. Empty when no verb says what was done."""
    category = likely_category(text)
    if category is None:
        return ()
    tokens, _ = without_goal_reached(without_evaluations(cleaned.tokens))
    found = _analysed(text, tokens, today, win=category.label).found
    return tuple(_milestone(f) for f in found if not f.negative and not f.goal)


def _unnamed_plans(text: str, tokens: tuple[str, ...], today: date) -> list[Found]:
    """The plan in a goal no activity names ("she hopes to get back to the allotment by the
    autumn"): read by the rules again, told the category the goal model is sure of; none for
    a wish with no activity ("i just want to get stronger")."""
    category = likely_goal_category(text)
    if (category is None or category.probability < SURE
            or category.label not in VOCAB.win_of_category):
        return []
    return [f for f in _analysed(text, tokens, today, win=category.label).found if f.goal]


SURE_OF_HELP = 0.9
"""How likely the learned help must be to overrule the rules' (README, "A learned second
opinion on intent")."""


def _analysed(text: str, tokens: tuple[str, ...], today: date,
              win: str | None = None) -> Analysis:
    """The rules' analysis; for an utterance of one win, with the help the learned model is
    sure of where the rules heard other help."""
    analysis = analyse(tokens, today, win=win)
    done = [f for f in analysis.found if not f.negative and not f.goal]
    if len(done) != 1:
        return analysis
    guess = likely_assistance(text)
    if (guess is None or guess.probability < SURE_OF_HELP
            or guess.label == (done[0].milestone.assistance or UNSAID)):
        return analysis
    return analyse(tokens, today, win=win, helped=guess.label)


def _as_target(done: Milestone) -> Milestone:
    """A win read as a plan: the same activity and amount, undated, said in the base form."""
    verb, _, rest = done.summary.partition(" ")
    return replace(done, when=None, summary=" ".join(filter(None, (base_form(verb), rest))))


def _meaning(text: str, cleaned: Cleaned, today: date) -> Understanding:
    """What the utterance means apart from any red flag."""
    command = command_of(cleaned)
    if command in ("yes", "help") and is_practice_request(cleaned):
        command = None  # "go on then, let's practise", "can you help me with my words now"
    if command is not None:
        return Understanding(text, "command", (), command)
    if not cleaned.tokens:
        return Understanding(text, "other", (), None)
    if is_practice_request(cleaned):
        return Understanding(text, "practice", (), None)
    if VOCAB.regexes["advice"].match(cleaned.plain) and not _news_after(cleaned.tokens, today):
        # "should i try the stairs": asking what to do is neither news nor a progress question.
        return Understanding(text, "other", (), None)
    if is_progress_query(cleaned):
        return Understanding(text, "progress_query", (), None, query=query_of(cleaned))
    if is_social(cleaned):
        return Understanding(text, "social", (), None)
    request = request_of(cleaned)
    if request is not None:
        return Understanding(text, "other", (), None, request=request)
    if _too_few_letters(text, cleaned):
        return Understanding(text, "other", (), None)
    tokens, reached = without_goal_reached(without_evaluations(cleaned.tokens))
    analysis = _analysed(text, tokens, today)
    done = [f for f in analysis.found if not f.negative and not f.goal]
    feeling = feeling_of(cleaned)
    mood = feeling.mood if feeling else None
    patients = _patients_part(cleaned)
    worse = done and not _STILL_A_WIN.search(cleaned.light) and (
        _compared_worse(patients, analysis.setback_cue) or _fewer_than_usual(patients, done, today))
    if worse:
        return Understanding(
            text, "setback", (), None, setback=_milestone(done[0]), reached_goal=reached, mood=mood
        )
    if reached and done and not analysis.setback_cue and _MARK_DONE.search(cleaned.plain):
        # "She's reached her goal, the fifty steps, tick it off": the goal said again, no news
        return Understanding(text, "command", (), "done", reached_goal=True)
    if (done and analysis.failed_after and all(f.milestone.value is None for f in done)
            and _CONCESSIVE.isdisjoint(cleaned.light.split())):
        return Understanding(text, "setback", (), None, setback=_milestone(done[0]), mood=mood)
    if done:
        milestones = tuple(_milestone(f) for f in done)
        return Understanding(text, "milestone", milestones, None, reached_goal=reached, mood=mood)
    if reached and not analysis.found and not analysis.setback_cue:
        return Understanding(text, "command", (), "done", reached_goal=True)
    failed = [f for f in analysis.found if f.negative]
    goals = [f for f in analysis.found if f.goal]
    if goals and not failed and not analysis.setback_cue and not (feeling and feeling.fear):
        # "i am determined to climb the stairs": the plan, not the mood, is the news.
        plan = _milestone(goals[0], dated=False)
        return Understanding(text, "goal", (), None, reached_goal=reached, mood=mood, goal=plan)
    if (
        feeling is not None
        and (feeling.fear or not failed and not _setback_besides_mood(cleaned)
             or VOCAB.regexes["mood_failures"].search(cleaned.plain) is not None)
        # "not many steps today, i was shattered": the comparison makes it a setback.
        and not (
            feeling.mood is Mood.LOW
            and VOCAB.regexes["comparison_setbacks"].search(cleaned.plain) is not None
        )
    ):
        return Understanding(text, "feeling", (), None, reached_goal=reached, mood=mood)
    if not failed and is_small_talk(cleaned):
        return Understanding(text, "social", (), None)
    if _only_an_ache(cleaned) and (not analysis.found or _ACHE_FROM.search(cleaned.plain) and all(
            f.milestone.value is None for f in analysis.found)):
        return Understanding(text, "feeling", (), None, reached_goal=reached, mood=mood)
    if analysis.setback_cue or failed or _compared_worse(cleaned):
        setback = _milestone(failed[0]) if failed else None
        return Understanding(
            text, "setback", (), None, setback=setback, reached_goal=reached, mood=mood
        )
    if goals or states_goal(cleaned):
        goals = goals or _unnamed_plans(text, tokens, today)
        target = _milestone(goals[0], dated=False) if goals else None
        return Understanding(text, "goal", (), None, reached_goal=reached, goal=target)
    return Understanding(text, "other", (), None)


def understand(text: str, today: date | None = None) -> Understanding:
    """The meaning of one recognised utterance; days said ("yesterday") are resolved
    against ``today`` (the assistant's clock; the system's date when not given).

    Never raises: the assistant runs unattended for a patient, so input that is not text,
    or a fault in a rule, yields intent "other" rather than a crash.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    elif not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        return _understand(text, today or date.today())
    except Exception:  # noqa: BLE001 - see docstring: a crash here would silence the assistant
        # Logged with its traceback, so that a fault in a rule is seen rather than only heard
        # as "other" (the words are not logged: the log may be shared for support).
        _log.exception("understanding failed; the utterance is kept as 'other'")
        return Understanding(text, "other", (), None)
