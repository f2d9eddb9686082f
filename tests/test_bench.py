"""scripts/bench.py runs end to end and writes every figure the README and issue 8 rely on.

Only the shape and sanity of the figures are checked here: how fast the loop is on a given
machine is for the benchmark's own output, not for a test.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from conftest import ROOT
from virtual_audio import pulseaudio_available

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--json", str(out)],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text()), done.stdout


def finite(value) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def test_turn_latency_figures(figures):
    results, _ = figures
    for name in ("turn_latency_ms", "end_of_speech_to_reply_ms"):
        for when in (results, results["before"]):
            assert 0 < when[name]["p50"] <= when[name]["p95"]
    assert results["turn_latency_ms"]["n"] >= 3
    for part in ("recognition", "understanding_db", "synthesis"):
        assert finite(results["breakdown_ms"][part]["p95"])
    # (b) holds the pause (1.2 s) that (a) does not
    assert results["end_of_speech_to_reply_ms"]["p50"] > results["turn_latency_ms"]["p50"] + 1000
    speculation = results["speculation"]
    assert speculation["same_transcripts_as_before"] == speculation["turns"]


def test_recognition_figures(figures):
    results, _ = figures
    assert results["default_engine"] in results["asr"]
    for engine in ("whisper", "whisper_as_before", "vosk", "pocketsphinx"):
        assert results["asr"][engine]["rtf"] > 0
        assert 0 <= results["asr"][engine]["wer"] <= 3
    assert set(results["asr"]["whisper"]["by_condition"]) == {"normal", "slow", "noisy"}
    understanding = results["understanding"]
    for kind in ("text", "audio_whisper", "audio_whisper_as_before"):
        assert 0 <= understanding[kind]["f1"] <= 1
    assert finite(understanding["gap_points"])


def test_startup_memory_and_extraction(figures):
    results, stdout = figures
    assert results["extract_per_s"] > 100
    if pulseaudio_available():
        assert 0 < results["startup_s"] < 60
        assert 50 < results["rss_mb"] <= results["rss_peak_mb"] < 4000
    memory = results["understanding_memory_mb"]
    assert 10 < memory["now"] < memory["with_lemminflect_tables"]
    assert "goals" in stdout and "before p50/p95" in stdout


def test_halting_speech_figures(figures):
    halting = figures[0]["halting_speech"]
    before, now = halting["before"], halting["now"]
    assert before["tuned unfinished"]["of"] == now["tuned unfinished"]["of"] >= 2
    assert before["tuned unfinished"]["right"] == 0  # without the longer pause every cut splits
    for when in (before, now):
        assert 1000 < when["end of speech to heard, ms"]["finished"]["p50"] < 10_000


def test_enrolled_phrase_figures(figures):
    results, output = figures
    enrolled = results["enrolled_phrases"]
    for key in ("correct", "wrong", "false_match", "whisper_base_exact"):
        assert 0 <= enrolled["held_out"][key] <= 1
    assert enrolled["held_out"]["enrolled_renderings"] > 0
    assert 0 < enrolled["match_50_phrases_ms"]["p50"] <= enrolled["match_50_phrases_ms"]["p95"]
    assert "enrolled phrases" in output


def test_personal_vocabulary_figures(figures):
    results, output = figures
    found = results["personal_vocabulary"]
    for split in ("tuned", "held_out"):
        for way in ("unbiased", "always", "rule_any_text", "rule"):
            f = found[split][way]
            for key in ("names", "stray", "plain_wer", "invented"):
                assert 0 <= f[key] <= (3 if key == "plain_wer" else 1)
            assert f["recognition_ms"]["p50"] > 0
        assert found[split]["rule"]["invented"] <= found[split]["always"]["invented"]
    assert "personal vocabulary" in output


def test_understanding_per_voice_figures(figures):
    results, output = figures
    found = results["understanding_per_voice"]
    for voice in ("espeak-ng", "Piper"):
        for half in ("tuned", "held_out"):
            f = found[voice][half]
            assert f["clips"] >= 1
            for value in (f["f1"], f["f1_domain_biased"], *f["by_condition"].values()):
                assert 0 <= value <= 1
            assert 0 <= f["misses_heard_right"] <= f["misses"] <= f["clips"]
    assert found["text_f1"]["tuned"] == found["text_f1"]["held_out"] == 1.0
    assert found["recognition_ms"]["plain"]["p50"] > 0
    controls = found["bias_controls"]
    for way in (controls["plain"], controls["biased"]):
        assert 0 <= way["human_wer"] <= 3
        assert way["commands_added"] == len(way["added"]) <= controls["commands"]
    assert "understanding through speech" in output


def test_practice_verification_figures(figures):
    results, out = figures
    practice = results["whisper_models"]["practice"]
    assert set(practice) == {"tuned", "held_out", "fresh", "fresh2"}
    for split in practice.values():
        assert split["right"] + split["wrong"] == split["answers"] > 0
        assert 0 <= split["right_failed"] <= split["right"]
        assert 0 <= split["wrong_passed"] <= split["wrong"]
    times = results["practice_answer_time"]
    assert times["answers"] > 0
    assert all(finite(times[k]["p50"]) and times[k]["p50"] > 0 for k in ("plain_ms", "verified_ms"))
    assert "practice answer, recognised plainly" in out
