"""Spoken amounts to digits.

text2num's ``alpha2digit`` turns "twenty five" into "25" and "two point five" into "2.5";
this module adds only what it leaves alone: "a dozen", "a couple of", "half an hour",
"one and a half", "three quarters of", "once"/"twice" and "a"/"an" before a unit
("an hour" is one hour). Fractions are written as decimals ("1.5 hour"); turning a
fractional hour into minutes is the unit layer's job.
"""

from __future__ import annotations

import re
from functools import partial

from text_to_num import alpha2digit

# Words alpha2digit would read as the number one although nobody is counting.
_ONE_IDIOMS = (
    (re.compile(r"\bno one\b"), "nobody"),
    (re.compile(r"\bone day\b"), "someday"),
    (re.compile(r"\bevery one\b"), "everyone"),
    (re.compile(r"\bthe one\b"), "the thing"),
    (re.compile(r"\bone of\b"), "some of"),
    (re.compile(r"\bone by one\b"), "in turn"),
)

_ONES = re.compile(r"\bones\b")
_ONEZ = re.compile(r"\bonez\b")
""" "the velcro ones", "the little ones": a pronoun, which text2num would read as 1."""

_NUM = r"\d+(?:\.\d+)?"

# Units that "a"/"an" can stand in front of to mean one of them.
_UNIT_WORDS = (
    r"hour|minute|second|sec|min|mile|kilometer|kilometre|km|meter|metre|yard|foot|lap|"
    r"block|step|stair|flight|pound|kilo|kilogram|sentence|circuit|couple|half"
)
_UNIT_ADJECTIVES = r"full|whole|good|solid|long|short|single|straight|complete|quick"
_UNIT_LOOKAHEAD = rf"(?=(?: (?:{_UNIT_ADJECTIVES}))? (?:{_UNIT_WORDS})s?\b)"

# (needle, pattern, replacement): a rule runs only when its needle is in the text, which
# keeps the common case (no fraction, no "dozen") to a few substring checks.
_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (needle, re.compile(pattern), replacement)
    for needle, pattern, replacement in (
        # "Hour on the bike", "Mile near enough": a unit opening a fragment is one of it.
        ("hour", r"(?:^|(?<=\| ))(?=hour\b)", "1 "),
        ("mile", r"(?:^|(?<=\| ))(?=mile\b)", "1 "),
        # "an hour and a half" / "a minute and a half" before the plain "a|an" rule.
        ("half", r"\b(?:an|a|1) (hour|minute|mile|lap|block|day|week) and a half\b", r"1.5 \1"),
        ("half", rf"\b({_NUM}) (hours?|minutes?|miles?|laps?|blocks?) and a half\b", r"\1.5 \2"),
        ("half", rf"\b({_NUM}) and a half\b", r"\1.5"),
        ("quarter", r"\b(?:an|a|1) (hour|minute|mile) and a quarter\b", r"1.25 \1"),
        ("quarter", rf"\b({_NUM}) and a quarter\b", r"\1.25"),
        ("quarter", rf"\b({_NUM}) and 3 quarters\b", r"\1.75"),
        ("dozen", r"\bhalf (?:a|an) dozen\b", "6"),
        ("dozen", r"\b(?:a|1) dozen\b", "12"),
        ("dozen", r"\bdozens of\b", "many"),
        ("quarter", r"\b(?:3|three) quarters? of (?:a|an|the|1)\b", "0.75"),
        ("quarter", r"\b(?:a|1) quarter of (?:a|an|the|1)\b", "0.25"),
        ("quarter", r"\bquarter of (?:a|an|the)\b", "0.25"),
        ("half", r"\b(?:a |1 )?half (?:a|an|of a|of an)\b", "0.5"),
        # "a half hour", "a good half hour": the half is the amount, "a" only its article.
        ("half", rf"\b(?:a|1)(?: (?:{_UNIT_ADJECTIVES}))? half (?=hour|mile|day\b)", "0.5 "),
        ("quarter", r"\b(?:a|1) quarter (?=mile|kilometre|kilometer|km\b)", "0.25 "),
        ("couple", r"\b(?:a|1) couple of 100\b", "200"),
        ("couple", r"\b(?:a|1) couple of 1000\b", "2000"),
        ("couple", r"\b(?:a|1) couple(?: of)?\b", "2"),
        # Said without the article, as people in a hurry and telegraphic speech do: "couple
        # of minutes", "quarter mile", "half mile", "half hour".
        ("couple", r"\bcouple of\b", "2"),
        ("quarter", r"(?<![\d.] )\bquarter (?=mile|kilometre|kilometer|km\b)", "0.25 "),
        ("half", r"(?<![\d.] )\bhalf (?=hour|mile\b)", "0.5 "),

        ("pair", r"\b(?:a|1) pair of\b", "2"),
        ("a", rf"\b(?:a|an) ({_NUM})\b", r"\1"),
        # "never once needed me", "not once", "all at once": no count.
        ("once",
         r"(?<!never )(?<!not )(?<!even )(?<!at )\bonce\b(?! (?:i|you|we|it|he|she|they|the|my)\b)",
         "1 time"),
        ("twice", r"\btwice\b", "2 times"),
        ("thrice", r"\bthrice\b", "3 times"),
        ("a", rf"\b(?:a|an){_UNIT_LOOKAHEAD}", "1"),
        # alpha2digit reads "second" as an ordinal; put the unit back after an amount.
        ("2nd", rf"\b({_NUM}) 2nd\b", r"\1 second"),
        (
            "2nd",
            r"\ba 2nd\b(?! (?:time|try|attempt|go|round|lap|set|day|week|one|session|walk))",
            "1 second",
        ),
    )
)
_DOZEN = re.compile(rf"\b({_NUM}) dozen\b")
_COMPOUND_TIMES = (
    (
        ("hour", "hr"),
        re.compile(rf"\b({_NUM}) (?:hours?|hrs?) (?:and )?({_NUM}) min(?:ute)?s?\b"),
        "minutes",
    ),
    (
        ("sec",),
        re.compile(rf"\b({_NUM}) min(?:ute)?s? (?:and )?({_NUM}) sec(?:ond)?s?\b"),
        "seconds",
    ),
)
""""an hour and ten minutes", "1 min 30 seconds": one amount, in the smaller unit."""
_HUNDREDS_AND = re.compile(r"(?<![\d.,])([1-9]\d*00) and ([1-9]\d?)\b(?![.,]\d)")
"""Whisper writes "one hundred and twenty" as "100 and 20": one amount, not two."""


def spoken_to_digits(text: str) -> str:
    """Rewrite every spoken amount in lowercase, contraction-free ``text`` as digits."""
    ones = False
    if "one" in text:
        for pattern, replacement in _ONE_IDIOMS:
            text = pattern.sub(replacement, text)
        ones = "ones" in text
        if ones:
            text = _ONES.sub("onez", text)
    text = alpha2digit(text, "en", threshold=0)
    if ones:
        text = _ONEZ.sub("ones", text)
    for needle, pattern, replacement in _RULES:
        if needle in text:
            text = pattern.sub(replacement, text)
    if "dozen" in text:
        text = _DOZEN.sub(lambda m: format_number(float(m.group(1)) * 12), text)
    for needles, pattern, unit in _COMPOUND_TIMES:
        if any(needle in text for needle in needles):
            text = pattern.sub(partial(_in_smaller_unit, unit), text)
    if "00 and " in text:
        text = _HUNDREDS_AND.sub(lambda m: str(int(m.group(1)) + int(m.group(2))), text)
    return text


def _in_smaller_unit(unit: str, match: re.Match[str]) -> str:
    """ "1 hour 20" -> "80 minutes": the larger amount counted in the smaller unit."""
    return f"{format_number(float(match[1]) * 60 + float(match[2]))} {unit}"


def parse_number(token: str) -> int | float | None:
    """The value of a digit token ("25", "1.5"), ints kept as ints; None if not a number."""
    if not token or not (token[0].isdigit() or token[0] in "+-."):
        return None  # most tokens are words: no exception raised and caught for each
    try:
        value = float(token)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return tidy(value)


def tidy(value: float) -> int | float:
    """An int when the value is whole, else the float rounded to two places."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def format_number(value: float) -> str:
    """Digits for a value, without a trailing ".0"."""
    return str(tidy(value))
