"""The shipped word-form table: current with lemminflect, and enough to understand without it."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from importlib import resources

import pytest

from assistant.understand import lexicon

VOCABULARY = resources.files("assistant.understand").joinpath("vocabulary.toml")


@pytest.mark.slow
def test_the_shipped_table_is_what_lemminflect_says_now():
    shipped = json.loads(
        gzip.decompress(resources.files("assistant.understand").joinpath(lexicon.TABLE).read_bytes())
    )
    built = lexicon.build_table(VOCABULARY.read_text(encoding="utf-8"))
    assert shipped == built, "vocabulary.toml or lemminflect changed: run scripts/build_lexicon.py"


def test_understanding_never_loads_lemminflect():
    script = (
        "import sys\n"
        "from assistant.understand import understand\n"
        "from assistant.conversation.goals import next_step\n"
        "found = understand('I walked twelve steps and brushed my teeth by myself').milestones\n"
        "print(len(found), next_step(found[-1]).summary, 'lemminflect' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    count, *summary, loaded = done.stdout.split()
    assert (count, loaded) == ("2", "False") and summary, done.stdout + done.stderr


def test_a_word_new_to_the_vocabulary_is_asked_of_lemminflect():
    assert "juggle" not in lexicon.vocabulary_words(VOCABULARY.read_text(encoding="utf-8"))
    assert {"juggles", "juggled", "juggling"} <= lexicon.inflections("juggle")


def test_verb_forms():
    assert lexicon.base_form("stood") == "stand"
    assert lexicon.past_tense("walking") == "walked"
    assert lexicon.is_past_only("walked") and not lexicon.is_past_only("read")
    assert lexicon.is_finite_verb("came") and not lexicon.is_finite_verb("take")
    assert lexicon.is_verb("read") and not lexicon.is_verb("crossword")
    assert lexicon.base_form("crossword") == "crossword"


@pytest.mark.parametrize(("word", "meant"), [
    ("slurrin", "slurring"), ("walkin", "walking"), ("mornin", "morning"), ("nothin", "nothing"),
    ("basin", None), ("robin", None), ("cousin", None), ("within", None),
])
def test_a_dropped_g_is_put_back_only_where_the_spelling_is_no_word(word, meant):
    assert lexicon.with_g(word) == meant
    assert lexicon.ask_with_g(word) == meant
