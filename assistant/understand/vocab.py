"""The vocabulary file, loaded once and compiled into fast lookups.

All word knowledge sits in ``vocabulary.toml`` so it can be extended without code. Words in
activity patterns are expanded to every inflection (see ``lexicon``), so the file lists "walk"
and the extractor also knows "walked", "walking" and "walks"; "stand" brings "stood".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from itertools import groupby

from .lexicon import inflections

# A pattern gap: up to four tokens that are neither clause boundaries ("|", "||") nor "and",
# so one pattern does not swallow two actions ("got out of bed and into my chair"), nor "in"
# or "during", which set the scene ("finished the sudoku in my lunch break").
_GAP = r"(?: (?!(?:and|in|during)(?: |$))[^ |][^ ]*){0,4}?"


@dataclass(frozen=True)
class Unit:
    """A canonical unit of the output contract."""

    name: str
    one: str
    activity: str | None
    duration: bool
    alone: str | None


@dataclass(frozen=True)
class Activity:
    """Something a patient can do, with how it is reported."""

    name: str
    category: str
    does: str
    units: tuple[str, ...]
    count: bool
    place: bool
    partner: bool
    unit_aliases: dict[str, str] = field(default_factory=dict)
    noun_unit: str | None = None
    """The unit a count of things is in ("named 15 animals": words); None keeps no unit."""
    things: bool = False
    """Its word said as a plural noun names things, not movements: "did seven buttons" counts
    buttons (no unit), where "25 squeezes" counts squeezes (times)."""

    def unit_rank(self, unit: str | None) -> int:
        """Lower is preferred when one mention carries several amounts."""
        if unit is None:
            return len(self.units) + 1
        return self.units.index(unit) if unit in self.units else len(self.units)


@dataclass(frozen=True)
class Pattern:
    """One compiled activity pattern, tried at tokens that are one of its first word's forms."""

    activity: str
    regex: re.Pattern[str]
    weak: bool


@dataclass
class Vocabulary:
    """Everything compiled from the TOML file."""

    units: dict[str, Unit]
    unit_forms: dict[str, tuple[str, float]]
    said_units: dict[str, tuple[str, str]]
    """How an amount converted from a unit form is said back: (one, many)."""
    activities: dict[str, Activity]
    anchors: dict[str, list[Pattern]]
    words: dict[str, frozenset[str]]
    regexes: dict[str, re.Pattern[str]]
    command_examples: dict[str, str]
    summary_words: dict[str, str]
    english: frozenset[str]
    query_kinds: dict[str, re.Pattern[str]]
    query_periods: dict[str, re.Pattern[str]]
    wake_alike: dict[str, frozenset[str]]
    win_kinds: dict[str, frozenset[str]]
    """For a win no activity names: the activity its clause's words say it was."""
    win_of_category: dict[str, str]
    """For a win no activity names, of a category the learned model names: its activity."""


def _alternation(words: list[str] | frozenset[str] | set[str]) -> str:
    """A regex group matching any of ``words`` as whole tokens, longest first."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


_PRONOUNS = frozenset(("his", "hers", "its", "ours", "yours", "theirs"))
"""Forms a lemmatiser gives as plurals ("hi" -> "his") that are only ever pronouns: "said
his shoulder was killing him" says no hello."""


def _term_forms(term: str, lists: dict[str, list[str]]) -> set[str]:
    """The token forms one pattern term stands for ("a|=b|@list|out_of")."""
    forms: set[str] = set()
    for option in term.split("|"):
        if option.startswith("@"):
            for word in lists[option[1:]]:
                forms |= inflections(word)
        elif option.startswith("="):
            forms.add(option[1:].replace("_", " "))
        else:
            forms |= inflections(option.replace("_", " "))
    return forms - _PRONOUNS


def _compile_pattern(text: str, lists: dict[str, list[str]]) -> tuple[set[str], re.Pattern[str]]:
    """Turn "brush ... teeth" into (anchor forms, regex matched at the anchor)."""
    terms = text.split()
    if not terms or terms[0] == "...":
        raise ValueError(f"pattern must start with a word: {text!r}")
    anchor = _term_forms(terms[0], lists)
    first_words = {form.split()[0] for form in anchor}
    parts = [_alternation(anchor)]
    gap = False
    for term in terms[1:]:
        if term == "...":
            gap = True
            continue
        parts.append((_GAP if gap else "") + " " + _alternation(_term_forms(term, lists)))
        gap = False
    return first_words, re.compile("".join(parts) + r"(?= |$)")


def _expand(pattern: str, lists: dict[str, list[str]]) -> str:
    """Replace "@name" in a regex with an alternation of that word list."""
    return re.sub(r"@(\w+)", lambda m: _alternation(lists[m.group(1)]), pattern)


def _joined(patterns: list[str], lists: dict[str, list[str]]) -> re.Pattern[str]:
    """One alternation of ``patterns``, tried in order. A run of patterns that each open with
    "\\b" shares it: inside a word the run then fails on one test, not on one per pattern."""
    parts = []
    for bounded, run in groupby(patterns, key=lambda p: p.startswith(r"\b")):
        said = "|".join(f"(?:{_expand(p[2:] if bounded else p, lists)})" for p in run)
        parts.append(rf"\b(?:{said})" if bounded else said)
    return re.compile("|".join(parts))


def _load() -> Vocabulary:
    text = resources.files(__package__).joinpath("vocabulary.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    assistance = raw["assistance"]
    lists: dict[str, list[str]] = dict(raw["lists"])
    # A device is named in the plural too ("my sticks", "the rails"); only the noun's own
    # plural is taken, not the verb's forms ("stuck" is no stick).
    lists["devices"] = sorted(
        {
            form
            for device in assistance["devices"]
            for form in inflections(device)
            if form in (device, device + "s", device + "es")
        }
    )
    lists["helpers"] = assistance["helpers"]

    units = {
        name: Unit(
            name, spec["one"], spec.get("activity"), spec.get("duration", False), spec.get("alone")
        )
        for name, spec in raw["units"].items()
    }
    unit_forms: dict[str, tuple[str, float]] = {}
    for name, spec in raw["units"].items():
        for form in spec["forms"]:
            unit_forms[form] = (name, 1.0)
    for form, (name, factor) in raw["conversions"].items():
        unit_forms[form] = (name, float(factor))

    activities: dict[str, Activity] = {}
    anchors: dict[str, list[Pattern]] = {}
    for name, spec in raw["activities"].items():
        activities[name] = Activity(
            name=name,
            category=spec["category"],
            does=spec["does"],
            units=tuple(spec["units"]),
            count=spec.get("count", False),
            place=spec.get("place", False),
            partner=spec.get("partner", False),
            unit_aliases=dict(spec.get("unit_aliases", {})),
            noun_unit=spec.get("noun_unit"),
            things=spec.get("things", False),
        )
        for weak, key in ((False, "patterns"), (True, "weak")):
            for source in spec.get(key, []):
                first_words, regex = _compile_pattern(source, lists)
                for word in first_words:
                    anchors.setdefault(word, []).append(Pattern(name, regex, weak))

    intents = raw["intents"]
    numbers = raw["numbers"]
    device_heads = frozenset(device.split()[-1] for device in lists["devices"])
    words = {
        "fillers": frozenset(intents["fillers"]),
        # fillers and texting asides: what normalising drops ("um", "lol")
        "carry_nothing": frozenset(intents["fillers"] + intents["asides"]),
        "backchannels": frozenset(intents["backchannels"]),
        "corrections": frozenset(intents["corrections"]),
        "correction_cues": frozenset(intents["correction_cues"]),
        "addressees": frozenset(intents["addressees"]),
        "negators": frozenset(intents["negators"]),
        "attempts": frozenset(intents["attempts"]),
        "despite": frozenset(intents["despite"]),
        "others": frozenset(intents["others"]),
        "proxies": frozenset(intents["patient_proxies"]),
        "self": frozenset(intents["self_words"]),
        "weak_commands": frozenset(raw["commands"]["weak"]),
        "aside_subjects": frozenset(raw["commands"]["aside_subjects"]),
        "addressed": frozenset(raw["commands"]["addressed"]),
        "command_nouns": frozenset(raw["commands"]["nouns"]),
        "aside_open_ends": frozenset(raw["commands"]["aside_open_ends"]),
        "light_verbs": frozenset(intents["light_verbs"]),
        "attitudes": frozenset(intents["attitudes"]),
        "not_amounts": frozenset(numbers["not_amounts"]),
        "labels": frozenset(numbers["labels"]),
        "prepositions": frozenset(numbers["prepositions"]),
        "helpers": frozenset(assistance["helpers"]),
        "body_parts": frozenset(raw["sides"]["body_parts"]),
        "function": frozenset(intents["english"]),
        **{
            key: frozenset(raw["summary"][key])
            for key in (
                "determiners", "not_objects", "verb_context", "place_prepositions", "owners",
                "noun_heads"
            )
        },
        "modifiers": frozenset(numbers["modifiers"]),
        # "with one stick": a device counted is not the thing achieved.
        "not_counted": frozenset(numbers["not_counted"]) | device_heads,
        # "the walker kept catching on the rug": a device as the subject.
        "device_heads": device_heads,
        "query_unit_ignore": frozenset(raw["queries"]["unit_ignore"]),
        "wake_continues": frozenset(raw["wake"]["continues"]),
        "win_not_tasks": frozenset(raw["wins"]["not_tasks"]),
        "win_before_verb": frozenset(raw["wins"]["before_verb"]),
        "win_not_plans": frozenset(raw["wins"]["not_plans"]),
    }

    def joined(patterns: list[str]) -> re.Pattern[str]:
        return _joined(patterns, lists)

    regexes = {
        "independent": joined(assistance["independent"]),
        "helped": joined(assistance["helped"]),
        "devices": re.compile(r"\b" + _alternation(lists["devices"]) + r"\b"),
        "device_phrases": joined(assistance["device_phrases"]),
        "device_places": re.compile(
            "|".join(f"(?:{_expand(p, lists)})" for p in assistance["device_places"])
        ),
        "sides": re.compile(
            r"\b(?:(?P<by>with|using|on|in|through) )?(?:(?:my|his|her|their|the) )?"
            r"(?P<side>left|right|both)\b(?: \w+)?? (?P<part>"
            + _alternation(raw["sides"]["body_parts"]) + r")\b"
        ),
        "preamble": re.compile(r"^(?:" + intents["preambles"] + r")\b ?"),
        "filler_phrases": re.compile(
            r"(?<= )(?:" + "|".join(f for f in intents["fillers"] + intents["asides"] if " " in f)
            + r")(?= )"
        ),
        "aside_phrases": re.compile(
            r"\b(?:" + "|".join(f for f in intents["asides"] if " " in f) + r")\b"
        ),
        "clause_words": re.compile(
            r"(?<![^ ])" + _alternation(intents["clause_words"]) + r"(?![^ ])"
        ),
        "clause_adverbs": re.compile(
            r"(?<![^ ])" + _alternation(intents["clause_adverbs"]) + r"(?= (?:\d|"
            + _alternation(intents["clause_subjects"]) + r"(?![^ ])))"
        ),
        "query_start": re.compile(intents["query_start"]),
        "query_topic": re.compile(intents["query_topic"]),
        "query_self": re.compile(intents["query_self"]),
        "practice": joined(intents["practice"]),
        "goal_before": re.compile(intents["goal_before"]),
        "goal_after": re.compile(intents["goal_after"]),
        "goal_only": re.compile(intents["goal_only"]),
        "setbacks": re.compile(intents["setbacks"]),
        "win_markers": re.compile(raw["wins"]["markers"]),
        "goal_reached": re.compile(intents["goal_reached"]),
        "query_trend": re.compile(raw["queries"]["trend"]),
        "query_listing": re.compile(raw["queries"]["listing"]),
        "query_not_subject": re.compile(raw["queries"]["not_subject"]),
        "query_categories": re.compile(
            "|".join(
                rf"\b(?P<{name}>{_alternation(words)})\b"
                for name, words in raw["queries"]["categories"].items()
            )
        ),
        "setback_cancel": re.compile(intents["setback_cancel"]),
        "comparison_setbacks": re.compile(intents["comparison_setbacks"]),
        "comparison_wins": re.compile(intents["comparison_wins"]),
        "mood_failures": re.compile(intents["mood_failures"]),
        "gave_up": re.compile(intents["gave_up"]),
        "query_after": re.compile(intents["query_after"]),
        "query_asked": re.compile(intents["query_asked"]),
        "asked_of_device": re.compile(intents["asked_of_device"]),
        "query_lead": re.compile(intents["query_lead"]),
        "query_inside": re.compile(intents["query_inside"]),
        "practice_named": re.compile(intents["practice_named"]),
        "practice_not_now": re.compile(intents["practice_not_now"]),
        "verdicts": re.compile(intents["verdicts"]),
        "advice": re.compile(intents["advice"]),
        "evaluations": re.compile(intents["evaluations"]),
        "played_down": re.compile(intents["played_down"]),
        "negation_exceptions": re.compile(
            r"^(?:" + "|".join(intents["negation_exceptions"]) + r")\b"
        ),
        "leading_politeness": re.compile(
            r"^(?:" + raw["commands"]["politeness"]["leading"] + r") "
        ),
        "trailing_politeness": re.compile(
            r" (?:" + raw["commands"]["politeness"]["trailing"] + r")$"
        ),
    }
    regexes["commands"] = re.compile(
        "|".join(
            f"(?P<{name}>" + "|".join(f"(?:{_expand(p, lists)})" for p in patterns) + ")"
            for name, patterns in raw["commands"]["patterns"].items()
        )
    )
    regexes["command_cues"] = re.compile(
        "|".join(f"(?P<{name}>{cue})" for name, cue in raw["commands"]["cues"].items())
    )
    regexes["command_inside"] = re.compile(
        r"(?:^| )(?:" + regexes["commands"].pattern + r")(?= |$)"
    )
    command_examples = {
        example: name
        for name, examples in raw["commands"]["examples"].items()
        for example in examples
    }
    english: set[str] = set(intents["english"]) | set(unit_forms) | set(anchors)
    for values in lists.values():
        english.update(values)
    for name in ("safety.toml", "talk.toml"):
        english.update(_words_in(name))
    return Vocabulary(
        units=units,
        unit_forms=unit_forms,
        said_units={form: (one, many) for form, (one, many) in raw["said_units"].items()},
        activities=activities,
        anchors=anchors,
        words=words,
        regexes=regexes,
        command_examples=command_examples,
        summary_words=dict(raw["summary"]["say_back"]),
        english=frozenset(english),
        query_kinds={name: re.compile(p) for name, p in raw["queries"]["kinds"].items()},
        query_periods={name: re.compile(p) for name, p in raw["queries"]["periods"].items()},
        wake_alike={word: frozenset(alike) for word, alike in raw["wake"]["sound_alike"].items()},
        win_kinds={name: frozenset(words) for name, words in raw["wins"]["kinds"].items()},
        win_of_category=dict(raw["wins"]["of_category"]),
    )



def _words_in(name: str) -> set[str]:
    """Every word of a data file's phrases (red flags, feelings, social talk): a short
    sentence made of them is English, so "my face feels numb" is read, not dropped as noise."""
    found: set[str] = set()
    pending: list[object] = [tomllib.loads(resources.files(__package__).joinpath(name).read_text())]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            found.update(re.findall(r"[a-z]+", value.lower()))
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
    return found


VOCAB = _load()

