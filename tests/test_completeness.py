"""Is a sentence finished? The rule behind waiting through a word-finding pause."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from assistant.understand.completeness import unfinished
from speech.asr.base import loops


@pytest.mark.parametrize("text", [
    "I walked to, um", "I walked to, um...", "i took twelve steps and", "It was the",
    "I lifted my", "I made it to", "I walked two blocks with", "It was the sp-", "it was",
    "I walked", "i lifted", "uh", "I buttoned my shirt but",
])
def test_stops_where_no_sentence_ends(text):
    assert unfinished(text)


@pytest.mark.parametrize("text", [
    "I walked.", "I walked twenty steps.", "i walked twenty steps", "No matter.",
    "I wrote my name", "then i rested", "I stood up", "how many steps have i walked",
    "I put my shoes on", "", "  ", "yes", "I did it", "stop",
])
def test_finished_sentences_are_finished(text):
    assert not unfinished(text)


def test_labelled_utterances_are_almost_never_held():
    """Every labelled utterance is a whole sentence, without the recogniser's punctuation."""
    files = [ROOT / "tests" / "data" / f"understanding_{n}.jsonl" for n in ("train", "unseen")]
    files.append(ROOT / "tests" / "data" / "understanding_blind.jsonl")
    texts = [json.loads(line)["text"] for f in files for line in f.read_text().splitlines()]
    held = [text for text in texts if unfinished(text)]
    assert len(texts) > 700
    assert len(held) / len(texts) < 0.01, held


@pytest.mark.parametrize(("text", "looped"), [
    ("It was a season of light, it was a season, it was a season.", True),
    ("It was the age of wisdom. It was the age of wisdom.", True),
    ("we had. We had.", True),
    ("I walked, I walked to the door.", False),  # a restart, then a whole sentence
    ("no no no no", False),  # one word again and again is an answer
    ("It was the best of times, it was the worst of times.", False),
    ("", False),
])
def test_whisper_looping_at_the_end_is_told_apart(text, looped):
    """Whisper repeats the last clause on audio cut off mid-sentence; the hearing loop then
    keeps listening through the pause as it does for an unfinished sentence."""
    assert loops(text) is looped
