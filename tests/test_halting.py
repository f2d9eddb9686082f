"""Word-finding pauses: a 2–3 s silence inside an unfinished sentence no longer cuts it in two,
and a finished clause is still answered after the normal pause with no extra recognition.

Real human speech (moonshine-voice's recordings) and espeak-ng updates, cut at word boundaries
(tests/halting_speech.py), through the real hearing loop and Whisper tiny.en, the recogniser
the split was tuned with (Whisper base, the default, finishes more of these sentences itself:
it writes a trailing "um" as "arm."; bench.py's halting() measures the default). Only the tuning
part of the split is used here; the held-out part is measured by scripts/bench.py.
"""

from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT
from halting_speech import all_cases, hear

from speech.audio import write_wav

sys.path.insert(0, str(ROOT / "scripts"))
from bench import CountingRecognizer  # noqa: E402

pytestmark = pytest.mark.slow
PAUSE_S, MAX_PAUSE_S = 1.2, 4.0


@pytest.fixture(scope="module")
def cases():
    return [case for case in all_cases() if not case.held_out]


@pytest.fixture(scope="module")
def outcomes(cases, whisper_tiny):
    return [hear(case, whisper_tiny, PAUSE_S, MAX_PAUSE_S) for case in cases]


def share(outcomes) -> float:
    return sum(o.right for o in outcomes) / len(outcomes)


def test_unfinished_sentences_stay_one_turn(outcomes):
    unfinished = [o for o in outcomes if o.case.unfinished]
    assert len(unfinished) >= 20
    assert {o.case.source for o in unfinished} == {"human", "espeak"}
    assert {o.case.gap_s for o in unfinished} == {2.0, 3.0}
    assert share(unfinished) >= 0.75, [o.turns for o in unfinished if not o.right]


def test_finished_clauses_are_still_answered_on_their_own(outcomes):
    controls = [o for o in outcomes if not o.case.unfinished]
    assert len(controls) >= 10
    assert share(controls) >= 0.9, [o.turns for o in controls if not o.right]


def test_without_a_longer_pause_the_cuts_split_the_sentence(cases, whisper_tiny):
    unfinished = [c for c in cases if c.unfinished][::6]
    assert all(len(hear(c, whisper_tiny, PAUSE_S, None).turns) == 2 for c in unfinished)


def test_a_finished_clause_costs_no_extra_recognition(cases, whisper_tiny):
    """Whether the words are finished is read from the speculative transcript itself."""
    controls = [c for c in cases if not c.unfinished][::3]
    counts = []
    for max_pause in (None, MAX_PAUSE_S):
        counting = CountingRecognizer(whisper_tiny)
        turns = [hear(c, counting, PAUSE_S, max_pause).turns for c in controls]
        counts.append((counting.started, [len(t) for t in turns]))
    assert counts[0] == counts[1]
    assert counts[0][1] == [2] * len(controls)


def test_max_pause_on_the_command_line(cli, tmp_path, cases):
    case = next(c for c in cases if c.unfinished and c.source == "espeak" and "um" in c.first)
    recording = tmp_path / "halting.wav"
    write_wav(recording, case.audio)
    db = tmp_path / "wins.db"
    turns = {}
    for max_pause in ("4", "0"):
        result = cli("run", "--audio", recording, "--db", db, "--json", "--max-pause", max_pause,
                     "--engine", "whisper-tiny",
                     "--reply-wav", tmp_path / f"replies{max_pause}.wav")
        assert result.returncode == 0, result.stderr
        turns[max_pause] = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(turns["4"]) == 1 and turns["4"][0]["intent"] == "milestone"
    assert len(turns["0"]) == 2
