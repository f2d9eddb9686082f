"""Recogniser text to one clean token stream.

Vosk ("i walked twenty five steps") and Whisper ("I walked 25 steps.") differ in case,
punctuation and numbers; after this step they are the same: lowercase words, digits for
amounts, contractions spelt out, fillers ("um"), stutters and repeated words gone, and
self-corrections applied ("ten no wait fifteen" keeps fifteen). Punctuation and joining
words ("and then", "but") become clause boundaries: "|" between clauses, "||" between
sentences. Junk (binary, other scripts, other languages, runaway lines) is refused here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .lexicon import is_first_name, verb_form, with_g
from .numbers import format_number, parse_number, spoken_to_digits
from .vocab import VOCAB
from .when import WEEKDAYS

# No spoken update is this long; a longer line is a stuck recogniser or pasted junk.
MAX_CHARS = 1000

CLAUSE = "|"
SENTENCE = "||"

# Whole words spelt out, with or without the apostrophe Vosk sometimes drops.
_WORDS = {
    "can't": "can not",
    "cannot": "can not",
    "cant": "can not",
    "won't": "will not",
    "wont": "will not",
    "shan't": "shall not",
    "dont": "do not",
    "i'm": "i am",
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "kinda": "kind of",
    "dunno": "do not know",
    "ok": "okay",
    "let's": "let us",
    "lets": "let us",
    "my self": "myself",
    "step ups": "stepups",
    "step-ups": "stepups",
    "step up exercises": "stepups",
    "meself": "myself",
    "miself": "myself",
    "hisself": "himself",
    "herownself": "herself",
    "a step closer": "closer",
    "took a step back": "had a setback",
    "taken a step back": "had a setback",
    "a step backwards": "a setback",
    "a backward step": "a setback",
    "one step closer": "closer",
    "step by step": "bit by bit",
    "one step at a time": "bit by bit",
    "wi'": "with",
    "t'": "the",
    "tae": "to",
    "nae": "no",
    "mesen": "myself",
    "ah'm": "i am",
    "ah'd": "i would",
    "ah'll": "i will",
    "gie": "give",
    "whit": "what",
    "wis": "was",
    "fer": "for",
    "fi": "for",
    "di": "the",
    "hersel": "herself",
    "himsel": "himself",
    "masel": "myself",
    "mysel": "myself",
    "wisnae": "was not",
    "isnae": "is not",
    "dinnae": "do not",
    "cyaan": "can not",
    "cyan": "can not",
    "heself": "himself",
    "imself": "himself",
    "sheself": "herself",
    "she-self": "herself",
    "his own self": "himself",
    "her own self": "herself",
    "my own self": "myself",
    "her ainsel": "herself",
    "his ainsel": "himself",
    "ma ainsel": "myself",
    "on me ain": "on my own",
    "on ma ain": "on my own",
    "wi'out": "without",
    "wi'oot": "without",
    "wioot": "without",
    "doh": "do not",
    "kyaan": "can not",
    "nutten": "nothing",
    "noo": "now",
    "oot": "out",
    "roon": "round",
    "roond": "round",
    "aboot": "about",
    "intae": "into",
    "withoot": "without",
    "aff": "off",
    "wi": "with",
    "on ma own": "on my own",
    "of 'em": "of them",
    "o them": "of them",
    "hopin ta": "hoping to",
    "wid": "with",
    "inna": "in",
    "dis": "this",
    "mi own": "my own",
    "mi feel": "i feel",
    # Jamaican and Caribbean English: "mi nuh want be here", "mi just wan get mi strength back"
    "nuh want": "not want",
    "nuh want be": "not want to be",
    "nuh forget": "not forget",
    "nuh know": "not know",
    "nuh need": "not need",
    "nuh like": "not like",
    "nuh feel": "not feel",
    "nuh remember": "not remember",
    "nuh have": "not have",
    "nuh go": "not go",
    "nuh see": "not see",
    "nuh hear": "not hear",
    "wan": "want",
    "want fi": "want to",
    "want be": "want to be",
    "mi just": "i just",
    "mi wan": "i want",
    "mi wan fi": "i want to",
    "mi want fi": "i want to",
    "mi want": "i want",
    "mi not": "i not",
    "mi tired": "i am tired",
    "mi strength": "my strength",
    "likkle": "little",
    # Irish English "is after going numb": has just gone
    "is after going": "has gone",
    "was after going": "had gone",
    "after going numb": "has gone numb",
    "after going weak": "has gone weak",
    "after going dead": "has gone dead",
    "after going funny": "has gone funny",
    "after going floppy": "has gone floppy",
    "after going limp": "has gone limp",
    "after going heavy": "has gone heavy",
    "after going blurry": "has gone blurry",
    "after going droopy": "has gone droopy",
    "bout": "about",
    "ower loud": "too loud",
    "tun it": "turn it",
    "yuh": "you",
    "ting": "thing",
    "hol on": "hold on",
    "a dem": "of them",
    "no fit": "can not",
    "me da": "my dad",
    "me mam": "my mam",
    "me nan": "my nan",
    "ma best": "my best",
    "fur": "for",
    "twa": "two",
    "whit's": "what is",
    "ow's": "how is",
    "bootiful": "beautiful",
    "nee rail": "no rail",
    "nee stick": "no stick",
    "nee help": "no help",
    "yestiday": "yesterday",
    "yisterday": "yesterday",
    "yestaday": "yesterday",
    "ma ain": "my own",
    "his ain": "his own",
    "her ain": "her own",
    "hunder": "hundred",
    "hunderd": "hundred",
    "hunnerd": "hundred",
    "hunner": "hundred",
    "dat": "that",
    "dat's": "that is",
    "lata": "later",
    "awright": "alright",
    "it aw": "it all",
    "aw the": "all the",
    "wan fi": "want to",
    "hopin to": "hoping to",
    "o em": "of them",
    "'em": "them",
    "an'": "and",
    "of em": "of them",
    "doon": "down",
    "dae": "do",
    "w/o": "without",
    "all told": "altogether",
    "and half hours": "and a half hours",
    "and half hour": "and a half hour",
    "it were": "it was",
    "fall-back": "setback",
    "fallback": "setback",
    "cudnt": "could not",
    "couldnae": "could not",
    "cannae": "can not",
    "didnae": "did not",
    "wouldnae": "would not",
    "id like": "i would like",
    "id love": "i would love",
    "id rather": "i would rather",
    "canna": "can not",
    "tues": "tuesday",
    "weds": "wednesday",
    "thurs": "thursday",
    "outta": "out of",
    "prood": "proud",
    "o masel": "of myself",
    "dinna": "do not",
    "nane": "none",
    "naebody": "nobody",
    "naething": "nothing",
    "gied up": "gave up",
    **{  # Scots and Ulster negatives: "couldna", "didnae"
        f"{stem}{ending}": f"{stem} not"
        for stem in ("could", "would", "should", "did", "does", "was", "is", "has", "had", "were")
        for ending in ("na", "nae")
    },
    **{
        f"{stem}nt": f"{stem} not"
        for stem in (
            "could",
            "would",
            "should",
            "did",
            "do",
            "does",
            "was",
            "were",
            "is",
            "are",
            "has",
            "have",
            "had",
            "must",
            "need",
        )
    },
    **{
        f"{word}{s}": f"{word} is"
        for word in (
            "it",
            "that",
            "what",
            "there",
            "here",
            "he",
            "she",
            "who",
            "where",
            "how",
            "when",
            "everything",
            "nothing",
            "something",
        )
        for s in ("'s", "s")
        if f"{word}{s}" not in ("its", "hes", "whos", "whens", "heres")
    },
}
_WORD_RE = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True))
    + r")(?![\w'])"
)
_APOSTROPHES = re.compile(r"[’‘`´]")
_DROPPED_G = re.compile(r"\b([a-z]{2,})in'(?!\w)")
""" "holdin' me arm", "walkin' to the stop": the dropped g written as an apostrophe."""
_NO_G = re.compile(r"\b[a-z]{3,}in\b")
""" "di words dem slurrin", "feelin low": the dropped g not written at all (lexicon.with_g
says which of these words stand for an "-ing" word and are no words of their own)."""
_YORKSHIRE_THE = re.compile(r"\bt'(?=[a-z])")
""" "stood at t'sink": the article cut to "t'" and written onto its noun."""
# "'s" before a past participle is "has" ("she's been", "Dad's managed"), not "is" or a
# possessive; spelt out before the whole words below.
_HAS = re.compile(r"'s (?=(?:(?:just|only|finally|already|now|actually|really|even) )?"
                  r"(?:been|got|had|done|managed|walked|gone|started|stopped)\b)")
_IS = re.compile(r"'s (?=(?:(?:really|very|so|a bit|quite|proper|ever so|just|dead) )?"
                 r"(?:worried|frustrated|fed up|upset|exhausted|tired|bored|scared|pleased|"
                 r"chuffed|proud|grumpy|lonely|anxious|nervous|down|low|happy|thrilled|delighted|"
                 r"cross|angry)\b)")
""" "Dad's worried", "Mum's frustrated": "'s" before how someone is, not a possessive."""
_PART_IS = re.compile(r"\b(arm|leg|hand|side|face|foot|mouth|head|eye|lip|speech|voice|vision)"
                      r"'s (?=(?:(?:all|really|gone|just|still) )?[a-z]+ing\b)")
""" "the right side's tingling", "his arm's going dead": a body part cannot own what it is
doing, so "'s" is "is" (the sign is then read in its own clause)."""
# Suffixes, once the whole words above are done ("couldn't" -> "could not").
_SUFFIXES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"n't\b", " not"),
        (r"'ll\b", " will"),
        (r"'re\b", " are"),
        (r"'ve\b", " have"),
        (r"'d\b", " would"),
        (r"'s\b", ""),
    )
)
# "got up to 60 steps" reports a total reached, not climbing.
_GOT_UP_TO = re.compile(
    r"\b(get|got|gotten|getting|gets) up to (?=\d|[a-z]+ (?:steps|minutes|laps))"
)
_MANAGE = {
    "get": "manage", "got": "managed", "gotten": "managed", "getting": "managing", "gets": "manages"
}
"""The same tense of "manage": "want to get up to 20" stays a plan, "got up to 60" a win."""
# Whisper writes amounts with the unit glued on ("Walked 50m.", "15mins", "25x", "9am").
_GLUED_UNIT = re.compile(
    r"\b(\d+(?:\.\d+)?)(km|m|mins?|secs?|s|hrs?|h|kgs?|lbs?|ft|x|reps?|am|pm)\b"
)
_GLUED_NAMES = {"x": "times", "s": "seconds", "h": "hours"}
_THOUSAND = re.compile(r"\b(\d+(?:\.\d+)?) ?k\b( (?:steps|words|stairs)\b)?")
""" "2k steps" is 2000 steps; "a 5k walk", "did 2k on the bike" are kilometres."""
_MODAL_OUT = re.compile(r"\b(could|can|would|did) out([a-z]{3,})\b")
""" "I could outlift my arm": Whisper hearing "could not lift", the n of "not" run into
"could"; read so when "out" and the verb make no verb of their own ("outrun" stays)."""


def _modal_not(match: re.Match[str]) -> str:
    if verb_form(f"out{match[2]}") is None and verb_form(match[2]) is not None:
        return f"{match[1]} not {match[2]}"
    return match[0]


_BOTH_OF_THEM = re.compile(r"\bboth of them(?= [|]|$)")
""" "put the bins out, both of them": a count of the things named, closing its clause."""


_PEOPLE = VOCAB.words["helpers"] | VOCAB.words["proxies"] | VOCAB.words["others"]


def _both_things(text: str, match: re.Match[str]) -> str:
    """Two of the things just named; not of people ("with my sons, both of them")."""
    named = [w for w in text[: match.start()].split() if w not in (CLAUSE, SENTENCE)][-1:]
    return match[0] if not named or named[0] in _PEOPLE or named[0][:-1] in _PEOPLE else (
        "all 2 of them")


_IDIOMS = (
    # "up t' fell wi' t' dogs": a hill (Northern English and Scots), nobody falling
    (re.compile(r"\b(up|on|over|across|to|along) the fell(s?)\b"), r"\1 the hill\2"),
    # "Slowly but I reach": arrived (West African and Caribbean English), no arm movement
    (re.compile(r"\b(i|we|he|she|they) reach(?= [|]|$| home\b| there\b| safe\b)"),
     r"\1 arrived"),
    # "you could read every one": the writing was legible, nobody read aloud
    (re.compile(r"\b(?:you|i|we|they|anyone|anybody|people|everyone) (?:could|can) read "
                r"(?:it|them|everyone|every one|each one|every word|all of it)\b"),
     "it was legible"),
    # "I'm made up for her": delighted (Liverpool), no make-up
    (re.compile(r"\b(am|is|are|was|were) (?:so |well |proper |dead |really )?made up\b"),
     r"\1 delighted"),
    # "the names of all six grandchildren", "all four grandkids' names": six names, counted
    (re.compile(r"\bnames of (?:all )?(?:the |my |his |her |their |our )?(\d+) [a-z]+\b"),
     r"\1 names"),
    (re.compile(r"\b(?:all )?(\d+) (?:of )?(?:the |my |his |her |their |our )?[a-z]+(?: s)? "
                r"names\b"), r"\1 names"),
    # "got in and out the truck", "got herself out the bath": out of it, a transfer
    (re.compile(r"\b(in and out|out) (?:of )?(?=(?:the|my|his|her) (?:\w+ )?(?:bath|tub|"
                r"bathtub|shower|car|truck|van|taxi|cab|ute|bed|chair|armchair|deckchair)\b)"),
     r"\1 of "),
    # "worst headache of my life, came out of nowhere": it came on suddenly (an onset, which
    # "came out" as in "the bit of food came out" is not)
    (re.compile(r"\b(?:came |come |comes |coming )?out of (?:nowhere|the blue)\b"), "suddenly"),
    # "slipped getting out the shower and went down": a fall
    (re.compile(r"\b(slip(?:ped|s)?\b[^|]{0,80}?\band )(?:went|gone|go) down\b"
                r"(?= [|]|$| hard\b)"), r"\1fell"),
    # "couldn't get up off the low chair": a failed stand, not someone on the floor
    (re.compile(r"\b(can not|could not|cannot) get (?:him|her|me|myself|himself|herself )?up "
                r"(?:off|out of|from) (?:the |his |her |my )?(?:low )?(chair|sofa|settee|couch|"
                r"armchair|recliner)\b"), r"\1 stand up from the \2"),
    # "up and down, tidy", "tidy job": good (Welsh English), no tidying up
    (re.compile(r"(?:(?<=[|] )|^)tidy(?= [|]| job\b|$)"), "good"),
    # "Papaw set on the edge of the bed": sat (Appalachian and Southern English)
    (re.compile(r"\bset on (?=the (?:edge|side|bed|chair|bench|sofa|couch|stool|porch)\b)"),
     "sat on "),
    # "ten minutes in the standing frame": standing, held by a frame
    (re.compile(r"\b(?:in|on|using|with) (?:the|a|my|his|her) standing frame\b"),
     "standing in the frame"),
    # "counted to fifty out loud", "counted from one to fifty in Shona": fifty numbers said
    (re.compile(r"\bcount(ed|s|ing)? (?:from (?:1|one) )?(?:up )?to (\d+)\b"
                r"(?: out loud| aloud)?"), r"count\1 \2 numbers aloud"),
    # "just saying hi": a greeting, no speech practised; "Boxing Day" is a holiday, no boxing
    (re.compile(r"\b(?:just )?saying (?:hi|hello|hiya)\b"), "hello"),
    (re.compile(r"\bboxing day\b"), "the holiday"),
    (re.compile(r"\bgarden cent(?:re|er)\b"), "nursery"),  # a shop, no garden gone round
    # "the lift was banjaxed", "we take the lift": the elevator, no lifting
    (re.compile(r"\bthe lift\b(?! exercises?\b)"), "the elevator"),
)
"""Idioms whose words would name an activity the speaker did not do, or hide an amount."""
_OUT_OF = re.compile(r"\b(\d+) (?:out of (?:the |my )?\d+\b|of (?:the|my) (?:\d+ )?(?=[a-z]))")
""" "named 18 out of 20 pictures": what was done is the first number."""
_ATTEMPTS = re.compile(r"\b(took|take|takes|taking)((?: \w+){0,2}?) \d+ (goes|tries|attempts)\b")
""" "took me a couple of goes": tries before it came right, not repetitions done."""
_TIMES_FIRST = re.compile(
    r"(?<!\d )(?<!sets )(?<!set )\bx ?(\d+)\b"
    r"(?! ?(?:m|km|mins?|minutes?|secs?|seconds?|hrs?|hours?|steps?|laps?)\b)"
)
"""Written "x15" (fifteen times) puts the sign first; not "2 x 10 minutes" nor "2 sets x10"."""
_SETS_OF = re.compile(
    r"\b(\d+) ?(?:x|sets? (?:of|x)|lots of|rounds? of|batches of|goes of|turns of) ?(\d+)\b"
    r"(?! ?(?:m|km|mins?|minutes?|secs?|seconds?|hrs?|hours?|steps?(?! ?ups?)|stairs?|laps?"
    r"|meters?|metres?|feet|words?|sentences?)\b)"
)
"""Sets of repetitions ("3 sets of 10", "3x10", "three lots of twenty") are their total, 30
times; not bouts of a time or a distance ("2 x 10 minutes": the longest bout is what a
therapist follows)."""
# A written fraction before a unit ("1/2 a mile", "1 1/2 hours") is a decimal amount; one
# before anything else may be a date ("on 3/4"), so it is left alone.
_FRACTION = re.compile(
    r"\b(?:(\d+) )?(\d+)/(\d+) (?:of )?(?:an? )?(?=(?:hour|minute|mile|kilometer|kilometre|km"
    r"|meter|metre|yard|foot|feet|lap|block|pound|kilo|mins?\b|hrs?\b)[a-z]*\b)"
)


def _total_of_sets(match: re.Match[str]) -> str:
    return f"{format_number(int(match[1]) * int(match[2]))} times"


_BOUTS_OF = re.compile(
    r"\b(\d+) ?x (\d+(?:\.\d+)?) (m|km|metres|meters|ft|feet|min|mins|minutes|laps|steps|stairs)\b")
""" "3 x 20m with the frame": three bouts of an amount in a unit, the whole of them."""


def _total_of_bouts(match: re.Match[str]) -> str:
    return f"{format_number(int(match[1]) * float(match[2]))} {match[3]}"


def _fraction(match: re.Match[str]) -> str:
    numerator, denominator = int(match[2]), int(match[3])
    if not 0 < numerator < denominator:
        return match[0]
    return f"{format_number(int(match[1] or 0) + numerator / denominator)} "
_SCORE = re.compile(
    r"(?<!\bon )(?<!\bthe )\b(\d+)/(10|12|15|20|25|30|40|50|100)\b(?! (?:of|mile|hour|minute))")
""" "named 7/10 objects": a score out of a round number, not a fraction or a date."""
_FEET_MARK = re.compile(r"\b(\d+)['\u2019](?=\s|$|[,.;!?])")
""" "amb 75' w/ SPC": a therapist's mark for feet."""
# After "a", a verb hyphenated to a particle is a noun ("a write-off", "a wash-out", "a
# let-down"): written as one word so it is not read as the verb.
_PARTICLE_NOUN = re.compile(r"\b(an? )([a-z]+)-(off|out|down|in|through|over)\b")
# Written shorthands ("w/ the walker", "w/o help").
_SHORTHANDS = ((re.compile(r"\bw/o\b"), "without"), (re.compile(r"\bw/(?=\s|$)"), "with"))
# A filler is no pause in the sentence: "six sit uh, to stands" is one clause.
_FILLER_COMMA = re.compile(r"\b(?:um+|uh+|uhm|er|erm|ah+|hmm+|you know)\s*[,…]+")
_WITH_NAME = re.compile(r"(?<=\S )([Ww]ith|[Ww]i) ([A-ZÀ-ÖØ-Þ][^\W\d_]+)\b(?!['’])")
"""Mid-sentence, a capitalised word after "with" is a name as Whisper writes it ("walked to
the shop with Linda"): someone with the patient, read as "a helper" (not "someone", which the
red flags read as a call for help: "with someone helping")."""


_NOT_NAMES = VOCAB.words["function"] | VOCAB.words["helpers"] | VOCAB.words["device_heads"]


def _with_someone(match: re.Match[str]) -> str:
    return match[0] if match[2].lower() in _NOT_NAMES else f"{match[1]} a helper"


# "ten o'clock" is a time: kept as one word so its "o" is not read as a zero.
_OCLOCK = re.compile(r"\bo'? ?clock\b")
_EMERGENCY_NUMBERS = {"nine one one": "911", "nine nine nine": "999", "one one two": "112"}
_EMERGENCY_NUMBER = re.compile(
    r"\b(?:" + "|".join(n.replace(" ", "[ -]") for n in _EMERGENCY_NUMBERS) + "|"
    + "|".join("[ -]?".join(digits) for digits in _EMERGENCY_NUMBERS.values()) + r")\b")
"""An emergency number said digit by digit ("call nine one one", as Vosk writes it) is one
number: the repeated digit must not be taken for a stutter."""
_REPEATED_ON_PURPOSE = frozenset({"help"})
"""A word whose repetition is the message ("help help"), not a stutter."""
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_CURRENCY = re.compile(r"[$€£](\d+(?:\.\d+)?)")
_ELLIPSIS = re.compile(r"\.{2,}|…")
"""A trailing "..." is a pause in halting speech ("i walked... er, 40 metres"), not the end
of a sentence."""
_SENTENCE_END = re.compile(r"(?:(?<!\d)[.!?]+|[.!?]+(?!\d))")
_CLAUSE_PUNCT = re.compile(r"[,;:()\[\]—–]| - ")
_OTHER_PUNCT = re.compile(r"[^\w\s.|]|_")
_SPACES = re.compile(r"\s+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")

_SHORT_WORDS = frozenset(
    [
        "i",
        "a",
        "an",
        "to",
        "in",
        "on",
        "at",
        "up",
        "we",
        "me",
        "my",
        "no",
        "so",
        "do",
        "go",
        "he",
        "it",
        "is",
        "am",
        "of",
        "or",
        "by",
        "us",
        "be",
        "oh",
        "ok",
    ]
)


@dataclass(frozen=True)
class Cleaned:
    """One utterance after normalisation."""

    tokens: tuple[str, ...]
    plain: str
    light: str
    asked: bool = False
    """It ends with a question mark, as Whisper writes a question ("Best week so far?")."""


def _printable(text: str) -> tuple[str, int]:
    """Text with control, unassigned and private characters blanked, and how many there were."""
    if text.isprintable():
        return text, 0
    bad = 0
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") and char not in "\t\n\r" or char == "\ufffd":
            bad += 1
            out.append(" ")
        else:
            out.append(char)
    return "".join(out), bad


def _looks_like_speech(text: str, bad: int) -> bool:
    """False for junk: nothing to read, binary noise, or another script."""
    if not text.strip() or len(text) > MAX_CHARS or bad * 10 > len(text):
        return False
    if text.isascii():
        return _ASCII_LETTER.search(text) is not None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    latin = sum(1 for c in letters if ord(c) < 0x250)
    return latin * 2 >= len(letters)


_WORDS_AFTER_VERBS = frozenset(("to", "up", "down", "out", "back", "off", "on", "in", "over"))
"""Words that may follow a verb and are verbs too ("mi walk back home")."""
_MI = re.compile(r"(?:\b([a-z]+) )?\bmi (?=([a-z]+)(?: ([a-z]+))?)")
_STATES = frozenset(("low", "down", "high", "good", "bad", "weak", "strong", "better", "worse"))
"""Words that say how a thing of the speaker's is ("mi spirit low"), not what was done to it."""


def _mi(match: re.Match[str]) -> str:
    """Caribbean "mi" is "i" before a verb ("mi sing two hymn", "mi cook rice") and "my"
    before anything else, after a verb or preposition ("do mi exercise"), or before a word
    that is then said to do or be something ("mi hand feel numb", "mi spirit low")."""
    before, word, then = match[1] or "", match[2], match[3] or ""
    owned = (verb_form(word) is None or word in VOCAB.words["body_parts"]
             or verb_form(before) is not None or before in VOCAB.words["prepositions"]
             or then in _STATES and not word.endswith("ed")  # not "mi frustrated bad today"
             or verb_form(then) is not None and then not in _WORDS_AFTER_VERBS)
    return f"{before} " * bool(before) + ("my " if owned else "i ")


_THE_DAY = re.compile(
    r"(?<!\ball )(?<!\bacross )(?<!\bduring )(?<!\bthrough )(?<!\beach )(?<!\bevery )"
    r"(?<!\bper )(?<!\bone )(?<!\bthat )(?<!\bwhat )(?<!\bat )(?<!\bof )(?<!\bin )\bthe day\b"
    r"(?! (?:before|after|centre|center|room|trip|out|of|that|when|which|itself|hospital|unit"
    r"|care|ward|patient|patients|nurse|time)\b)")
"""Scots "the day" is today ("on sunday i did six stairs and the day ten"), not "the day
before" nor "the day centre"."""


def _with_mi(text: str) -> str:
    return _MI.sub(_mi, text) if "mi " in text else text


def _expand_contractions(text: str) -> str:
    if "'" in text or "’" in text or "`" in text or "‘" in text or "´" in text:
        text = _APOSTROPHES.sub("'", text)
        text = _DROPPED_G.sub(r"\1ing", text)
        text = _YORKSHIRE_THE.sub("the ", text)
        text = _PART_IS.sub(r"\1 is ", _IS.sub(" is ", _HAS.sub(" has ", text)))
        text = _WORD_RE.sub(lambda m: _WORDS[m.group()], text)
        for pattern, replacement in _SUFFIXES:
            text = pattern.sub(replacement, text)
    else:
        text = _WORD_RE.sub(lambda m: _WORDS[m.group()], text)
    text = _NO_G.sub(lambda m: with_g(m[0]) or m[0], text)
    if "up to" in text:
        text = _GOT_UP_TO.sub(lambda m: _MANAGE[m[1]] + " ", text)
    return text


def _thousand(match: re.Match[str]) -> str:
    if match[2]:
        return f"{float(match[1]) * 1000:g}{match[2]}"
    return f"{match[1]} km"


def _one_number(match: re.Match[str]) -> str:
    said = re.sub("[ -]", " ", match.group())
    return _EMERGENCY_NUMBERS.get(said, said.replace(" ", ""))


def _light(text: str) -> str:
    """Lowercase words only, fillers and stutters out ("i er i can't hear you"), for
    matching whole-utterance commands."""
    text = _OTHER_PUNCT.sub(" ", _CLAUSE_PUNCT.sub(" ", _SENTENCE_END.sub(" ", text)))
    if " ".join(text.split()) in VOCAB.words["backchannels"]:
        return " ".join(text.split())  # "uh huh" on its own is a yes, not two fillers
    words = VOCAB.regexes["filler_phrases"].sub(" ", f" {text} ").split()
    kept = [w for w in words if w not in VOCAB.words["carry_nothing"]]
    return " ".join(w for n, w in enumerate(kept)
                    if not n or w != kept[n - 1] or w in _REPEATED_ON_PURPOSE)


def _drop_stutters(tokens: list[str]) -> list[str]:
    """Drop fillers and false starts ("w walked", "st steps") the recogniser kept."""
    empty = VOCAB.words["carry_nothing"]
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token in empty:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (
            len(token) <= 2
            and token.isalpha()
            and token not in _SHORT_WORDS
            and following.startswith(token)
            and following != token
        ):
            continue
        out.append(token)
    return out


def dedupe(tokens: list[str]) -> list[str]:
    """Remove repeats: "i i walked walked", "i did the i did the pegboard"."""
    changed = True
    while changed:
        changed = False
        for n in (1, 2, 3, 4):
            i = 0
            while i + 2 * n <= len(tokens):
                first, second = tokens[i : i + n], tokens[i + n : i + 2 * n]
                gap = 0
                if first != second and i + 2 * n + 1 <= len(tokens) and tokens[i + n] == CLAUSE:
                    second, gap = tokens[i + n + 1 : i + 2 * n + 1], 1
                # "15, then 15 again": a number said again as a second bout is no repeat
                bout = tokens[i + n + gap + n : i + n + gap + n + 1] in (["again"], ["more"])
                if first == second and any(t not in (CLAUSE, SENTENCE) for t in first) and not (
                        bout and any(parse_number(t) is not None for t in first)):
                    del tokens[i : i + n + gap]
                    changed = True
                else:
                    i += 1
    return tokens


def _value_class(token: str) -> str | None:
    if parse_number(token) is not None:
        return "number"
    if token in ("left", "right"):
        return "side"
    if token in WEEKDAYS:
        return "day"  # "on friday no wait it was thursday"
    return None


_MARKS = (CLAUSE, SENTENCE)
_AFTERTHOUGHTS = frozenset(("really", "actually"))


def _counted_thing(word: str) -> bool:
    """A plural noun said after a count ("squeezes", "pegs"), which a correction keeps."""
    return (len(word) > 3 and word.isalpha() and word.endswith("s")
            and word not in VOCAB.words["function"])


def _apply_corrections(tokens: list[str]) -> list[str]:
    """Keep the second of two values around a correction ("10 no wait 15" -> "15")."""
    markers = VOCAB.words["corrections"]
    cues = VOCAB.words["correction_cues"]
    i = 0
    while i < len(tokens):
        kind = _value_class(tokens[i])
        if kind is None:
            i += 1
            continue
        j = i + 1
        unit = None
        if kind == "number" and j < len(tokens) and (tokens[j] in VOCAB.unit_forms
                                                     or _counted_thing(tokens[j])):
            unit = tokens[j]  # "30 steps, i mean 35"; "30 squeezes, no 35"
            j += 1
        said = j  # "50 steps on the treadmill at rehab, er no, it was 60": the words said
        while (unit and said < len(tokens) and said - j < 8 and tokens[said] not in _MARKS
               and tokens[said] not in cues):
            said += 1  # with the first amount may come before the correction
        if said < len(tokens) and said > j:
            corrected = _corrected_to(tokens, said, kind, markers, cues)
            if corrected is not None:
                tokens[i] = tokens[corrected]
                del tokens[said : corrected + 1]
                _drop_restatement(tokens, said, tokens[i])
                i += 1
                continue
        corrected = _corrected_to(tokens, j, kind, markers, cues)
        if corrected is not None:
            replacement = tokens[corrected : corrected + 1]
            if unit and (corrected + 1 >= len(tokens)
                         or tokens[corrected + 1] not in VOCAB.unit_forms):
                replacement.append(unit)
            said_before = _said_before_with_unit(tokens, i) if unit is None else None
            if said_before is not None:
                # "20 steps yesterday with his stick... 20, no, 25": the amount said again
                # bare is the one corrected, with its unit
                tokens[said_before] = tokens[corrected]
                del tokens[i : corrected + 1]
                continue
            tokens[i : corrected + 1] = replacement
        i += 1
    return tokens


def _drop_restatement(tokens: list[str], k: int, value: str) -> None:
    """ "twenty minutes - ten, Bill, ten minutes": the corrected value said again to the
    patient, after who it is said to, is the same amount, not a second bout."""
    j = k
    while j < len(tokens) and (tokens[j] in _MARKS or _addressed(tokens[j])):
        j += 1
    if j > k and j < len(tokens) and tokens[j] == value and any(
            _addressed(t) for t in tokens[k:j]):
        end = j + 1 + (j + 1 < len(tokens) and tokens[j + 1] in VOCAB.unit_forms)
        del tokens[k + 1 : end]


def _said_before_with_unit(tokens: list[str], i: int) -> int | None:
    """Where the same value as at ``i`` was said earlier with its unit, in the words just
    before (a bare value said again after a pause, to be corrected)."""
    if i == 0 or tokens[i - 1] not in _MARKS:
        return None
    for k in range(i - 2, max(-1, i - 12), -1):
        if tokens[k] == SENTENCE:
            return None
        if tokens[k] == tokens[i] and tokens[k + 1 : k + 2] and tokens[k + 1] in VOCAB.unit_forms:
            return k
    return None


def _addressed(word: str) -> bool:
    """A word that names who a correction is said to ("no, Mum, it was twelve", "four, love")."""
    return word in VOCAB.words["addressees"] or is_first_name(word)


def _corrected_to(tokens: list[str], j: int, kind: str, markers: frozenset[str],
                  cues: frozenset[str]) -> int | None:
    """Where the value that corrects an earlier one of ``kind`` stands, when the words from
    ``j`` are a correction ("no wait", "sorry", "it was") and then that value."""
    start, cued = j, False
    while j < len(tokens) and j - start < 8 and (tokens[j] in markers or tokens[j] in _MARKS
                                                 or _addressed(tokens[j])):
        # "more like 20" corrects; "20 more" is another bout
        cued = cued or tokens[j] in cues and (
            tokens[j] != "more" or tokens[j + 1 : j + 2] == ["like"])
        j += 1
    if j < len(tokens) and tokens[j] in ("my", "the", "a"):
        j += 1
    if not cued and j < len(tokens) and _value_class(tokens[j]) == kind:
        # "25 minutes, er, 20 minutes really", "six words - four, love", "forty steps...
        # thirty, she says thirty": the cue said after the second value.
        after = tokens[j + 1 : j + 5]
        cued = bool(_AFTERTHOUGHTS.intersection(after[:2])) or "says" in after or any(
            _addressed(w) and tokens[j + k] in _MARKS for k, w in enumerate(after))
    return j if cued and j < len(tokens) and _value_class(tokens[j]) == kind else None


_RESTATING = frozenset(("no", "yes", "sorry", "wait", "um", "er"))
"""Words a fragment of amounts may hold besides numbers and units ("sixty... no... sixty")."""


def _restated(tokens: list[str]) -> list[str]:
    """ "sixty... sixty-five... no... sixty steps... sixty", "hundred... a hundred... steps...
    hundred and ten": in halting speech, amounts said in fragments of their own, one after
    another and close to each other, are one amount said again until it is right; the last
    is kept, with the unit said among them."""
    pieces = marked_fragments(tokens)
    if len(pieces) < 3:
        return tokens
    out: list[tuple[str | None, list[str]]] = []
    run: list[tuple[str | None, list[str]]] = []
    for boundary, words in [*pieces, (None, [])]:
        if words and all(parse_number(w) is not None or w in VOCAB.unit_forms
                         or w in _RESTATING for w in words):
            run.append((boundary, words))
            continue
        values = [v for _, part in run for w in part if (v := parse_number(w)) is not None]
        if len(set(values)) > 1 and max(values) <= 1.5 * min(values):
            units = [w for _, part in run for w in part if w in VOCAB.unit_forms]
            run = [(run[0][0], [format_number(values[-1]), *units[-1:]])]
        out += run
        run = []
        if words:
            out.append((boundary, words))
    return [w for boundary, part in out for w in ([boundary] if boundary else []) + part]


def marked_fragments(tokens: tuple[str, ...] | list[str]) -> list[tuple[str | None, list[str]]]:
    """The words between boundaries, each stretch with the boundary before it (None first)."""
    found: list[tuple[str | None, list[str]]] = [(None, [])]
    for token in tokens:
        if token in (CLAUSE, SENTENCE):
            found.append((token, []))
        else:
            found[-1][1].append(token)
    return [(b, f) for b, f in found if f]


def split_clauses(tokens: tuple[str, ...] | list[str]) -> list[list[str]]:
    """The words between boundaries, each clause or fragment a list; empty ones left out."""
    return [words for _, words in marked_fragments(tokens)]


def tidy_boundaries(tokens: list[str]) -> list[str]:
    """Collapse runs of boundaries (the strongest wins) and trim them from the ends."""
    out: list[str] = []
    for token in tokens:
        if token in (CLAUSE, SENTENCE):
            if not out:
                continue
            if out[-1] in (CLAUSE, SENTENCE):
                if token == SENTENCE:
                    out[-1] = SENTENCE
                continue
        out.append(token)
    while out and out[-1] in (CLAUSE, SENTENCE):
        out.pop()
    return out


def _strip_preamble(text: str) -> str:
    """Drop "guess what", "okay so", "i wanted to tell you that" from the front."""
    preamble = VOCAB.regexes["preamble"]
    while True:
        match = preamble.match(text)
        if not match or match.end() == 0:
            return text
        rest = text[match.end() :].lstrip(" |")
        if not rest:
            return text
        text = rest


def _is_english(tokens: list[str]) -> bool:
    words = [t for t in tokens if t.isalpha()]
    if len(words) < 3:
        return True
    # English verbs count too: "Mark Mzee's goal done" is English with a name in it.
    known = [w for w in words if w in VOCAB.english or verb_form(w) is not None
             or parse_number(spoken_to_digits(w)) is not None]  # "sixty... sixty-five"
    if set(known) <= _SPANISH_TOO:
        known = [w for w in known if w != "mi"]  # "hoy mi mi no"; but "wha mi goals dem again"
    return len(known) * 3 >= len(words)


_SPANISH_TOO = frozenset(("mi", "no"))
"""Words of Caribbean English that are Spanish too: English only beside another English word."""


def clean(text: str) -> Cleaned | None:
    """Normalise one utterance; None when it is not speech we can read."""
    text, bad = _printable(unicodedata.normalize("NFKC", text))
    if not _looks_like_speech(text, bad):
        return None
    asked = text.rstrip().endswith("?")
    text = _OCLOCK.sub("oclock", _WITH_NAME.sub(_with_someone, text).lower())
    text = _EMERGENCY_NUMBER.sub(_one_number, text)
    text = VOCAB.regexes["aside_phrases"].sub(" ", _FILLER_COMMA.sub(" ", text))
    if "'" in text or "\u2019" in text:
        text = _FEET_MARK.sub(r"\1 ft", text)
    text = _expand_contractions(text)
    if "the day" in text:
        text = _THE_DAY.sub("today", text)
    if " out" in text:
        text = _MODAL_OUT.sub(_modal_not, text)
    light = _light(text)
    text = _THOUSANDS.sub("", text)
    if "w/" in text:
        for shorthand, word in _SHORTHANDS:
            text = shorthand.sub(word, text)
    if "/" in text:
        text = _SCORE.sub(r"\1 out of \2", _FRACTION.sub(_fraction, text))
    if "-" in text:
        text = _PARTICLE_NOUN.sub(r"\1\2\3", text)
    text = _GLUED_UNIT.sub(lambda m: f"{m[1]} {_GLUED_NAMES.get(m[2], m[2])}", text)
    if "x" in text:
        text = _BOUTS_OF.sub(_total_of_bouts, text)
    if "k" in text:
        text = _THOUSAND.sub(_thousand, text)
    if "x" in text:
        text = _TIMES_FIRST.sub(r"\1 times", text)
    text = _CURRENCY.sub(r"\1 dollars", text)
    text = text.replace("%", " percent")
    text = _ELLIPSIS.sub(f" {CLAUSE} ", text)
    text = _SENTENCE_END.sub(f" {SENTENCE} ", text)
    text = _CLAUSE_PUNCT.sub(f" {CLAUSE} ", text)
    text = _OTHER_PUNCT.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    tokens = _drop_stutters(text.split())
    if not _is_english(tokens):
        return None  # judged before "mi" is read as english: "no mi hoy" is spanish
    text = spoken_to_digits(_with_mi(" ".join(tokens)))
    if " k" in text:  # "two k near enough", once "two" is a digit
        text = _THOUSAND.sub(_thousand, text)
    text = _SETS_OF.sub(_total_of_sets, text)
    if "both of them" in text:
        text = _BOTH_OF_THEM.sub(lambda m: _both_things(text, m), text)
    text = _OUT_OF.sub(r"\1 ", text)
    for idiom, meaning in _IDIOMS:
        text = idiom.sub(meaning, text)
    text = _ATTEMPTS.sub(r"\1\2 a few \3", text)
    text = VOCAB.regexes["clause_words"].sub(CLAUSE, text)
    text = VOCAB.regexes["clause_adverbs"].sub(CLAUSE, text)
    tokens = _restated(tidy_boundaries(_apply_corrections(dedupe(tidy_boundaries(text.split())))))
    text = _strip_preamble(" ".join(tokens))
    tokens = text.split()
    plain = " ".join(t for t in tokens if t not in (CLAUSE, SENTENCE))
    return Cleaned(tokens=tuple(tokens), plain=plain, light=light, asked=asked)
