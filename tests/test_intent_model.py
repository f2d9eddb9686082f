"""The learned second opinion on intent: shipped as trained from the labelled sets, consulted
only where it may overrule the rules, and the rules answer alone without it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.conversation.dialog import Dialog, DialogSettings
from assistant.record import history
from assistant.record.store import Store
from assistant.turn import Heard, ReplyKind
from assistant.understand import understand
from assistant.understand.intent_model import (
    ASSISTANCE_MODEL,
    CATEGORY_MODEL,
    GOAL_MODEL,
    MODEL,
    likely_assistance,
    likely_category,
    likely_goal_category,
    likely_intent,
    shipped_checksum,
    trained_on,
)
from speech.tts import VoiceSettings

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "train_intent_model.py"

UNNAMED_WIN = "Sat on the horse for ten minutes Sunday, only in the yard, the boys held the reins."
"""A win in words no activity of the vocabulary names, and no verb the rules can take as the
patient's: the rules alone make it "other"."""
SORTED = "Sorted the tins in the cupboard by date, 14 of them"
"""A win no activity names, with a verb the rules can read once told it is a win."""
PARALLEL_BARS = "I did four laps of the parallel bars at physio"
"""The physiotherapist named as where the patient had been: the rules hear a helper."""


def _trainer():
    spec = importlib.util.spec_from_file_location("train_intent_model", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_models_were_trained_on_the_labelled_sets_as_they_are():
    """A labelled set added or changed without training again fails here."""
    trainer = _trainer()
    cases = trainer.labelled(set())
    for path, pairs in trainer.MODELS:
        assert shipped_checksum(path) == trained_on(pairs(cases)), path.name


def test_no_blind_set_is_trained_on():
    trainer = _trainer()
    evaluation = trainer.eval_understanding

    def lines(paths):
        return sum(len([x for x in p.read_text().splitlines() if x.strip()]) for p in paths)

    blind = [p for p in evaluation.SCORED_FILES if evaluation.role(p) == evaluation.BLIND]
    seen = [p for p in evaluation.SCORED_FILES if evaluation.role(p) != evaluation.BLIND]
    assert len(blind) >= 4
    assert len(trainer.labelled(set())) == lines(seen) > 15_000
    assert 5_000 < len(trainer.categories(trainer.labelled(set()))) < lines(seen)


@pytest.mark.slow
def test_training_again_gives_the_shipped_models(tmp_path):
    """The same probabilities for every labelled line: byte for byte on the machine that
    trained it, to rounding elsewhere (the solver's sums depend on the processor)."""
    import numpy as np
    import onnxruntime

    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    texts = np.array([[case["text"].lower()] for case in _trainer().labelled(set())],
                     dtype=object)
    for model in (MODEL, CATEGORY_MODEL, ASSISTANCE_MODEL, GOAL_MODEL):
        shipped, again = (onnxruntime.InferenceSession(str(path)).run(None, {"text": texts})[1]
                          for path in (model, tmp_path / model.name))
        assert np.abs(shipped - again).max() < 1e-3, model.name


def test_a_win_told_in_new_words_is_read_in_the_category_the_second_model_names():
    category = likely_category(SORTED)
    assert category is not None and category.label == "cognition"
    (win,) = understand(SORTED).milestones
    assert (win.category, win.value, win.unit) == ("cognition", 14, None)


def test_help_heard_in_a_word_is_overruled_where_the_third_model_is_sure():
    guess = likely_assistance(PARALLEL_BARS)
    assert guess is not None and guess.label == "device" and guess.probability >= 0.9
    (win,) = understand(PARALLEL_BARS).milestones
    assert (win.category, win.value, win.unit, win.assistance) == ("mobility", 4, "laps",
                                                                   "device")


def test_a_win_no_rule_can_read_is_a_win_with_nothing_made_up():
    guess = likely_intent(UNNAMED_WIN)
    assert guess is not None and guess.label == "milestone" and guess.probability >= 0.8
    read = understand(UNNAMED_WIN)
    assert (read.intent, read.milestones, read.command) == ("milestone", (), None)


@pytest.mark.parametrize(("text", "intent"), [
    ("my face feels numb on one side", "alert"),
    ("stop", "command"),
    ("delete that", "command"),
    ("only 3 steps today, worse than yesterday", "setback"),
    ("I fell in the bathroom and couldn't get up", "alert"),
])
def test_red_flags_commands_and_setbacks_stay_the_rules(text, intent):
    assert understand(text).intent == intent


def test_a_setback_is_never_made_a_win_by_the_model():
    """The model is sure this is a win; the rules read a setback in it, and that stands."""
    text = "Made the bed. Not well, but made it."
    guess = likely_intent(text)
    assert guess is not None and (guess.label, guess.probability >= 0.8) == ("milestone", True)
    assert understand(text).intent == "setback"


def test_the_dialog_saves_an_unnamed_win_in_the_patients_words(tmp_path):
    store = Store(tmp_path / "wins.db")
    dialog = Dialog(store, DialogSettings(), VoiceSettings())
    turn = dialog.take(Heard(UNNAMED_WIN, "typed", datetime(2026, 3, 2, 9, tzinfo=UTC)))
    assert turn is not None and turn.kind == ReplyKind.HEARD
    assert "ten minutes" in turn.reply
    assert history.milestones(store) == []
    assert turn.understanding.intent == "milestone"


ALLOTMENT = "She hopes to get back to the allotment by the autumn."


def test_a_plan_no_activity_names_gets_the_category_the_goal_model_names():
    """A life-role goal has a target (category and the words of the plan); a wish with no
    activity has none, as the contract says."""
    result = understand(ALLOTMENT)
    assert result.intent == "goal" and result.goal is not None
    assert (result.goal.category, result.goal.summary) == (
        "daily_living", "get back to the allotment")
    guess = likely_goal_category("I just want to get stronger")
    assert guess is not None and guess.label == "none"
    assert understand("I just want to get stronger").goal is None


def test_without_the_model_the_rules_answer_alone(tmp_path):
    """A missing model file is logged, not fatal: the rules' intent, never a crash."""
    code = (
        "from pathlib import Path\n"
        "import assistant.understand.intent_model as m\n"
        f"m.MODEL = m.CATEGORY_MODEL = m.ASSISTANCE_MODEL = m.GOAL_MODEL = Path({str(tmp_path)!r})"
        " / 'no'\n"
        "from assistant.understand import understand\n"
        f"print(understand({UNNAMED_WIN!r}).intent, understand({SORTED!r}).intent,"
        f" understand('I walked 20 steps').intent, understand({PARALLEL_BARS!r}).milestones[0]"
        f".assistance, understand({ALLOTMENT!r}).goal)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["other", "other", "milestone", "None", "None"]
    assert "could not be loaded" in done.stderr


def test_doctor_says_whether_the_learned_models_load(tmp_path, monkeypatch):
    import assistant.understand.intent_model as models
    from assistant.cli.doctor import understanding

    assert understanding().ok
    monkeypatch.setattr(models, "CATEGORY_MODEL", tmp_path / "missing.onnx")
    check = understanding()
    assert (check.ok, check.required) == (False, False)
    assert "missing.onnx" in check.detail
