#!/usr/bin/env python3
"""Write the tuning splits of the many-voices understanding set (issue 14).

    python scripts/make_understanding_voices.py

Writes tests/data/understanding_voices_train.jsonl and _dev.jsonl from templates in many
voices: the patient, a carer speaking for them ("Dad made his own toast"), telegraphic
speech ("stairs... three... rail"), disfluent speech, Whisper's punctuation and digits glued
to units ("Walked 50m."), British and American words, dates, setbacks, goals, commands and
talk that is not a milestone. ``when`` is an ISO date against 2026-03-04 (a Wednesday),
the clock scripts/eval_understanding.py runs with. The held-out split,
tests/data/understanding_test.jsonl, was written by hand in other words and is not made here.
voices_dev ends with lines written by hand (issue 14, 2026-11-30): regenerating keeps them.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 3, 4)
SEED = 14
GENERATED_DEV = 270
"""voices_dev's lines after this many were written by hand, not made from templates."""

# subject, possessive, reflexive, British?
PEOPLE = [
    ("I", "my", "myself", None),
    ("I", "my", "myself", None),
    ("I", "my", "myself", None),
    ("Mum", "her", "herself", True),
    ("Mom", "her", "herself", False),
    ("Dad", "his", "himself", None),
    ("my husband", "his", "himself", None),
    ("my wife", "her", "herself", None),
    ("Grandma", "her", "herself", None),
    ("Grandad", "his", "himself", True),
    ("he", "his", "himself", None),
    ("she", "her", "herself", None),
    ("my father", "his", "himself", None),
    ("my mother", "her", "herself", None),
]
WHEN = [
    ("", 0),
    ("", 0),
    ("", 0),
    ("today", 0),
    ("this morning", 0),
    ("this afternoon", 0),
    ("tonight", 0),
    ("yesterday", -1),
    ("yesterday", -1),
    ("last night", -1),
    ("yesterday morning", -1),
    ("on Sunday", -3),
    ("on Monday", -2),
    ("last Tuesday", -1),
    ("on Saturday", -4),
    ("on Friday", -5),
    ("last Thursday", -6),
    ("two days ago", -2),
    ("the day before yesterday", -2),
    ("three days ago", -3),
    ("a week ago", -7),
    ("last Wednesday", -7),
    ("earlier today", 0),
    ("on Tuesday", -1),
]
WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spoken(n: int) -> str:
    if n < 20:
        return WORDS[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + WORDS[n % 10])
    if n % 100 == 0 and n < 1000:
        return WORDS[n // 100] + " hundred"
    return str(n)


# (category, activity, past-tense templates with {n} {p} {r}, unit label,
#  the unit's words (spoken, glued to the digits), base form for goals)
AMOUNTED = [
    (
        "mobility",
        "walk",
        ["walked {n} {u}", "took {n} {u}", "managed {n} {u}", "did {n} {u}"],
        "steps",
        ["steps", None],
        "walk {n} steps",
    ),
    (
        "mobility",
        "walk",
        ["walked {n} {u}", "walked {n}{g}"],
        "meters",
        ["metres|meters", "m"],
        "walk {n} metres",
    ),
    (
        "mobility",
        "climb_stairs",
        ["climbed {n} {u}", "went up {n} {u}", "did {n} {u}", "managed {n} {u}"],
        "stairs",
        ["stairs", None],
        "climb {n} stairs",
    ),
    (
        "mobility",
        "stand",
        ["stood for {n} {u}", "stood at the sink for {n} {u}", "stood for {n}{g}"],
        "minutes",
        ["minutes", "mins|min"],
        "stand for {n} minutes",
    ),
    (
        "mobility",
        "stand",
        ["stood for {n} {u}", "stood unsupported for {n}{g}"],
        "seconds",
        ["seconds", "secs|s"],
        "stand for {n} seconds",
    ),
    (
        "mobility",
        "sit_to_stand",
        ["did {n} sit to stands", "did {n} sit-to-stands", "stood up from the chair {n} times"],
        "times",
        [None, None],
        "do {n} sit to stands",
    ),
    (
        "mobility",
        "leg_exercise",
        [
            "did {n} squats",
            "did {n} heel raises",
            "did {n} leg lifts",
            "did {n} reps of leg raises",
        ],
        "times",
        [None, None],
        "do {n} squats",
    ),
    (
        "mobility",
        "cycle",
        [
            "cycled for {n} {u}",
            "pedalled the exercise bike for {n} {u}",
            "rode the bike for {n}{g}",
        ],
        "minutes",
        ["minutes", "mins|min"],
        "cycle for {n} minutes",
    ),
    (
        "arm_hand",
        "lift",
        [
            "lifted {p} arm {n} times",
            "raised {p} left arm {n} times",
            "lifted {p} right arm over {p} head {n} times",
        ],
        "times",
        [None, None],
        "lift my arm {n} times",
    ),
    (
        "arm_hand",
        "arm_exercise",
        [
            "used the arm cycle for {n} {u}",
            "did the arm bike for {n} {u}",
            "pedalled the arm bike for {n}{g}",
        ],
        "minutes",
        ["minutes", "mins|min"],
        "use the arm bike for {n} minutes",
    ),
    (
        "arm_hand",
        "grip",
        ["squeezed the ball {n} times", "squeezed the putty {n} times"],
        "times",
        [None, None],
        "squeeze the ball {n} times",
    ),
    (
        "speech",
        "say",
        ["said {n} {u}", "said {n} {u} clearly"],
        "words",
        ["words", None],
        "say {n} words",
    ),
    (
        "speech",
        "read",
        ["read for {n} {u}", "read the paper for {n}{g}"],
        "minutes",
        ["minutes", "mins|min"],
        "read for {n} minutes",
    ),
    ("arm_hand", "write", ["wrote {n} {u}"], "words", ["words", None], "write {n} words"),
]
PLAIN = [
    (
        "mobility",
        "walk",
        [
            "walked to the kitchen",
            "walked to the end of the garden",
            "walked down the hall",
            "walked to the shop",
        ],
        "walk to the shop",
    ),
    (
        "mobility",
        "climb_stairs",
        ["managed the stairs", "went up the stairs", "climbed the stairs to bed"],
        "climb the stairs",
    ),
    (
        "mobility",
        "walk",
        ["pushed {p} wheelchair across the room", "wheeled {p} wheelchair to the kitchen"],
        "push my wheelchair",
    ),
    (
        "daily_living",
        "cook",
        ["made {p} own toast", "made a cup of tea", "cooked an omelette", "made a sandwich"],
        "make a cup of tea",
    ),
    (
        "daily_living",
        "dress",
        ["got dressed", "put {p} socks on", "put on {p} shoes"],
        "get dressed",
    ),
    ("arm_hand", "button", ["did up {p} buttons", "buttoned {p} cardigan"], "do up my buttons"),
    ("daily_living", "bathe", ["had a shower", "washed {p} hair", "had a bath"], "have a shower"),
    ("daily_living", "groom", ["brushed {p} teeth", "combed {p} hair", "shaved"], "brush my teeth"),
    (
        "daily_living",
        "eat",
        ["ate {p} lunch with a fork", "drank {p} tea from a normal cup", "fed {r} breakfast"],
        "eat with a fork",
    ),
    ("arm_hand", "write", ["wrote {p} name", "signed a birthday card"], "write my name"),
    ("cognition", "puzzle", ["did a crossword", "finished a jigsaw"], "do a crossword"),
    ("arm_hand", "open", ["opened a jar", "unscrewed the bottle top"], "open a jar"),
    (
        "daily_living",
        "housework",
        ["folded the washing", "made the bed", "washed the dishes"],
        "make the bed",
    ),
    (
        "speech",
        "converse",
        ["talked on the phone", "chatted with the neighbour"],
        "talk on the phone",
    ),
]
DEVICES = [
    ("with {p} walker", False),
    ("with {p} frame", True),
    ("with the zimmer", True),
    ("with {p} stick", True),
    ("with the cane", False),
    ("holding the rail", None),
    ("holding the banister", True),
    ("using the rollator", None),
]
HELPERS = [
    "with the physio",
    "with the physical therapist",
    "with my help",
    "with the nurse",
    "with help from the carer",
    "with my daughter helping",
    "with a bit of help",
]
ALONE = ["by {r}", "on {p} own", "without any help", "unaided", "all by {r}", "independently"]
FILLERS = ["um", "uh", "er", "erm", "you know"]


def _pick(rng: random.Random, choice: str) -> str:
    return rng.choice(choice.split("|"))


def _who(rng: random.Random, person: tuple, text: str) -> str:
    subject, possessive, reflexive, _ = person
    return text.replace("{p}", possessive).replace("{r}", reflexive)


def _style(rng: random.Random, text: str) -> str:
    """Vosk style (lowercase, no punctuation), Whisper style (capital, full stop), or as is."""
    kind = rng.random()
    if kind < 0.35:
        return (
            "".join(c for c in text.lower() if c.isalnum() or c in " '-").replace("  ", " ").strip()
        )
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + rng.choice([".", ".", "!"])


def _disfluent(rng: random.Random, text: str) -> str:
    words = text.split()
    if len(words) < 3:
        return text
    at = rng.randrange(1, len(words))
    filler = rng.choice(FILLERS)
    if rng.random() < 0.4:
        words.insert(at, words[at - 1])
    words.insert(at, filler + ",")
    return " ".join(words)


def _ms(category: str, value, unit, assistance, offset: int) -> dict:
    return {
        "category": category,
        "value": value,
        "unit": unit,
        "assistance": assistance,
        "when": (TODAY + timedelta(days=offset)).isoformat(),
    }


def _case(text: str, intent: str, milestones: list, command=None, goal=None) -> dict:
    return {
        "text": text,
        "intent": intent,
        "milestones": milestones,
        "command": command,
        "goal": goal,
    }


def _help(rng: random.Random, person: tuple, category: str) -> tuple[str, str | None]:
    roll = rng.random()
    if roll < 0.45:
        return "", None
    if roll < 0.65 and category == "mobility":
        return _who(rng, person, rng.choice(DEVICES)[0]), "device"
    if roll < 0.82:
        helper = rng.choice(HELPERS)
        if person[0] == "I" and helper == "with my help":
            helper = "with the physio"
        return helper, "helper"
    return _who(rng, person, rng.choice(ALONE)), "independent"


def _amount(rng: random.Random, unit: str) -> int:
    return rng.choice(
        {
            "steps": [5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 100],
            "meters": [10, 20, 30, 50, 100, 200],
            "stairs": [3, 4, 5, 6, 8, 10, 12, 14],
            "minutes": [2, 3, 5, 10, 15, 20, 30],
            "seconds": [10, 15, 20, 30, 45],
            "times": [2, 3, 5, 6, 8, 10, 12, 15, 20],
            "words": [3, 5, 10, 12, 20],
        }[unit]
    )


def milestone(rng: random.Random) -> dict:
    person = rng.choice(PEOPLE)
    said, offset = rng.choice(WHEN)
    if rng.random() < 0.6:
        category, _, forms, unit, (word, glued), _ = rng.choice(AMOUNTED)
        n = _amount(rng, unit)
        form = rng.choice(forms)
        number = str(n) if rng.random() < 0.5 or "{g}" in form else spoken(n)
        text = form.replace("{n}", number).replace("{u}", _pick(rng, word) if word else "")
        text = text.replace("{g}", _pick(rng, glued) if glued else "")
        value = n
    else:
        category, _, forms, _ = rng.choice(PLAIN)
        text, value, unit = rng.choice(forms), None, None
    text = _who(rng, person, text)
    helped, assistance = _help(rng, person, category)
    if "wheelchair" in text and assistance in (None, "independent"):
        assistance = "device"
    if "unsupported" in text and assistance is None:
        assistance = "independent"
    parts = [person[0], text] + ([helped] if helped else [])
    sentence = " ".join(p for p in parts if p)
    if said:
        sentence = f"{said} {sentence}" if rng.random() < 0.5 else f"{sentence} {said}"
    if rng.random() < 0.2:
        sentence = _disfluent(rng, sentence)
    return _case(
        _style(rng, sentence), "milestone", [_ms(category, value, unit, assistance, offset)]
    )


def telegraphic(rng: random.Random) -> dict:
    category, _, _, unit, (word, _), _ = rng.choice(AMOUNTED[:3] + AMOUNTED[11:12])
    n = _amount(rng, unit)
    noun = (word or unit).split("|")[0]
    bits = [noun, spoken(n)]
    assistance = None
    if rng.random() < 0.5:
        device = (
            rng.choice(["walker", "stick", "rail", "frame", "cane"])
            if category == "mobility"
            else "help"
        )
        bits.append(device)
        assistance = "helper" if device == "help" else "device"
    offset = 0
    if rng.random() < 0.3:
        bits.append("yesterday")
        offset = -1
    rng.shuffle(bits[1:]) if rng.random() < 0.3 else None
    sep = rng.choice(["... ", ", ", " ", "… "])
    return _case(sep.join(bits), "milestone", [_ms(category, n, unit, assistance, offset)])


def two_days(rng: random.Random) -> dict:
    category, _, forms, unit, (word, _), _ = rng.choice([AMOUNTED[0], AMOUNTED[2], AMOUNTED[3]])
    first, second = rng.sample([6, 8, 10, 12, 15, 20, 25, 30], 2)
    day, offset = rng.choice(
        [("On Sunday", -3), ("Yesterday", -1), ("On Monday", -2), ("Last Friday", -5)]
    )
    verb = forms[0].replace(" {u}", "").replace("{n}", spoken(first))
    noun = _pick(rng, word)
    text = rng.choice(
        [
            f"{day} I {verb} {noun} and today {spoken(second)}",
            f"{day} I {verb} {noun}, today {spoken(second)}.",
            f"{day} {spoken(first)} {noun}, today {second}.",
        ]
    )
    return _case(
        text,
        "milestone",
        [_ms(category, first, unit, None, offset), _ms(category, second, unit, None, 0)],
    )


def clock(rng: random.Random) -> dict:
    at = rng.choice(
        [
            "at ten o'clock",
            "at 9am",
            "at half past two",
            "at 3",
            "at 11 o'clock",
            "at quarter to four",
            "at 7.30",
        ]
    )
    category, _, forms, unit, (word, _), _ = rng.choice([AMOUNTED[0], AMOUNTED[2]])
    n = _amount(rng, unit)
    done = forms[0].replace("{n}", spoken(n)).replace("{u}", _pick(rng, word))
    text = rng.choice(
        [f"the physio came {at} and I {done}", f"{at} I {done}", f"I {done} {at} this morning"]
    )
    plain = rng.random() < 0.3
    if plain:
        text = rng.choice([f"the physio came {at} and I walked", f"{at} I walked to the door"])
        return _case(_style(rng, text), "milestone", [_ms("mobility", None, None, None, 0)])
    return _case(_style(rng, text), "milestone", [_ms(category, n, unit, None, 0)])


def corrected(rng: random.Random) -> dict:
    n = _amount(rng, "minutes")
    text = rng.choice(
        [
            f"I walked, no wait, I stood for {spoken(n)} minutes",
            f"I walked, sorry, I mean I stood for {n} minutes",
            f"I did twenty, no, {spoken(n + 20)} steps",
            f"I climbed, no, I walked {spoken(n + 20)} steps",
        ]
    )
    if "stood" in text:
        return _case(text, "milestone", [_ms("mobility", n, "minutes", None, 0)])
    return _case(text, "milestone", [_ms("mobility", n + 20, "steps", None, 0)])


def mixed(rng: random.Random) -> dict:
    """A win inside a setback (a milestone) or a setback said as a comparison (a setback)."""
    n = _amount(rng, "steps")
    if rng.random() < 0.5:
        text = rng.choice(
            [
                f"I couldn't walk far but I managed {spoken(n)} steps",
                f"my legs were weak but I still walked {n} steps",
                f"it was hard, but I did {spoken(n)} steps",
                f"I couldn't do the stairs but I walked {spoken(n)} steps",
            ]
        )
        return _case(_style(rng, text), "milestone", [_ms("mobility", n, "steps", None, 0)])
    person = rng.choice(PEOPLE)
    subj = person[0]
    text = rng.choice(
        [
            f"{subj} only walked {spoken(n)} steps today. Worse than yesterday.",
            f"barely {spoken(n)} steps today, much less than usual",
            f"only {n} steps, fewer than last week",
            f"{subj} walked {spoken(n)} steps but that's less than yesterday",
            f"not as many steps as yesterday, just {spoken(n)}",
            f"{subj} still can't walk more than {spoken(n)} steps",
            f"{subj} couldn't manage the stairs today",
            f"{subj} could not get dressed this morning",
            f"worse today, only {spoken(n)} steps",
        ]
    )
    return _case(_style(rng, text), "setback", [])


def goal(rng: random.Random) -> dict:
    if rng.random() < 0.5:
        category, activity, _, unit, _, base = rng.choice(AMOUNTED)
        n = _amount(rng, unit)
        value = n
        base = base.replace("{n}", spoken(n) if rng.random() < 0.6 else str(n))
        if unit == "meters":
            base = base.replace("metres", rng.choice(["metres", "meters"]))
    else:
        category, activity, _, base = rng.choice(PLAIN)
        value, unit = None, None
    assistance = None
    if rng.random() < 0.3:
        base += rng.choice([" by myself", " on my own", " without help"])
        assistance = "independent"
    text = rng.choice(
        [
            f"my goal is to {base}",
            f"I want to {base}",
            f"I'd like to {base} by the summer",
            f"I want to be able to {base} again",
            f"I'm hoping to {base} next week",
            f"next month I want to {base}",
            f"goal: {base}",
            f"I'm aiming to {base}",
        ]
    )
    return _case(
        _style(rng, text),
        "goal",
        [],
        goal={
            "category": category,
            "activity": activity,
            "value": value,
            "unit": unit,
            "assistance": assistance,
        },
    )


FIXED = [
    (
        "command",
        "undo",
        [
            "scrap that",
            "forget what I just said",
            "take that back",
            "delete that",
            "remove that last one",
            "that was wrong, delete it",
            "undo",
            "cancel that",
            "get rid of that",
            "erase that last entry",
            "never mind, delete that",
            "strike that",
        ],
    ),
    (
        "command",
        "repeat",
        [
            "say that again",
            "sorry, what was that?",
            "could you repeat that",
            "come again?",
            "I didn't catch that",
        ],
    ),
    (
        "command",
        "slower",
        ["slower please", "slow down", "you're talking too fast", "speak more slowly"],
    ),
    ("command", "louder", ["louder", "speak up please", "I can't hear you", "turn it up"]),
    ("command", "quieter", ["quieter please", "too loud", "turn it down"]),
    ("command", "stop", ["stop", "that's all for today", "goodbye", "stop listening"]),
    (
        "command",
        "share",
        ["share this with my family", "tell my daughter about that", "send that to my son"],
    ),
    ("command", "yes", ["yes", "yeah", "yes please", "that's right"]),
    ("command", "no", ["no", "no thanks", "nope"]),
    ("command", "help", ["help", "what can I say?", "what can you do"]),
    (
        "progress_query",
        None,
        [
            "how am I doing?",
            "how many steps did I walk this week?",
            "what's my best for walking?",
            "what did I do yesterday?",
            "am I getting better?",
            "how many stairs did I do last week?",
            "how far did I walk on Monday?",
            "how was my week?",
        ],
    ),
    (
        "practice",
        None,
        [
            "let's practise",
            "can we do some speech practice",
            "let's practice some words",
            "give me a word to say",
            "quiz me",
        ],
    ),
    (
        "feeling",
        None,
        [
            "I feel useless today",
            "I'm really down",
            "I'm so tired of all this",
            "I'm feeling good today",
            "I'm happy with how today went",
            "I'm scared of falling again",
            "feeling a bit low",
            "I'm frustrated",
        ],
    ),
    (
        "social",
        None,
        ["good morning", "thank you", "hello", "good night", "thanks a lot", "it's cold today"],
    ),
    (
        "other",
        None,
        [
            "the physio is coming at ten",
            "my daughter visits on Sunday",
            "we watched a film",
            "the doctor phoned",
            "my grandson walked to school",
            "the nurse came at nine o'clock",
            "it's my birthday next week",
            "my husband walked the dog",
            "the carer made lunch for herself",
            "I'm seeing the consultant on Friday",
        ],
    ),
    (
        "alert",
        None,
        [
            "I fell and I can't get up",
            "my arm suddenly went numb",
            "I have chest pain",
            "I can't breathe",
            "my face is drooping",
            "Dad fell over in the kitchen",
        ],
    ),
]


def fixed(rng: random.Random) -> dict:
    intent, command, texts = rng.choice(FIXED)
    text = rng.choice(texts)
    if rng.random() < 0.3:
        text = _disfluent(rng, text)
    return _case(_style(rng, text), intent, [], command=command)


MAKERS = [
    (milestone, 46),
    (telegraphic, 6),
    (two_days, 5),
    (clock, 5),
    (corrected, 3),
    (mixed, 10),
    (goal, 10),
    (fixed, 15),
]


def main() -> None:
    rng = random.Random(SEED)
    seen: set[str] = set()
    cases = []
    makers = [m for m, weight in MAKERS for _ in range(weight)]
    while len(cases) < 900:
        case = rng.choice(makers)(rng)
        case["text"] = " ".join(case["text"].split())
        if case["text"].lower() not in seen:
            seen.add(case["text"].lower())
            cases.append(case)
    rng.shuffle(cases)
    cut = len(cases) * 7 // 10
    for name, part in (("train", cases[:cut]), ("dev", cases[cut:])):
        path = ROOT / "tests" / "data" / f"understanding_voices_{name}.jsonl"
        by_hand = ""
        if name == "dev" and path.exists():
            by_hand = "".join(path.read_text(encoding="utf-8").splitlines(True)[GENERATED_DEV:])
        path.write_text(
            "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in part) + by_hand,
            encoding="utf-8",
        )
        print(f"{path.name}: {len(part)}")


if __name__ == "__main__":
    main()
