"""Is a sentence finished? The rule behind waiting through a word-finding pause."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from assistant.understand.completeness import unfinished


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
