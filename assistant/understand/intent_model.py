"""A second opinion on intent, learned from the labelled sets.

The rules read what was done, how much, on which day and with whose help, and they read red
flags first. On wording no rule has met they most often miss the intent itself: a win told
in words of its own ("Ammi rolled out 6 rotis herself") comes out "other", and so does a
question about progress asked without a question word. A logistic regression over word
unigrams and bigrams (scikit-learn, trained on every labelled set that is not blind by
`scripts/train_intent_model.py`) reads intent from the wording as a whole. Trained without
eight later writers' sets, it was right on 97.4 % of their lines where the rules, on first
sight, were right on 90.4 % (README, "A learned second opinion on intent").

It runs on onnxruntime, which the assistant already loads for the Piper voice, in about a
tenth of a millisecond. Without the model file or onnxruntime the rules answer alone.

A second model, trained the same way on the wins alone, names the category of a win the
learned intent finds and no activity of the vocabulary names, so that the rules can read it
as one ("Sorted the tins in the cupboard by date, 14 of them": cognition, 14). A third, on
utterances of one win, names the help it was done with, where the rules' reading of help
words misses how people say it ("I did four laps of the parallel bars at physio": the bars
held, a device). A fourth, on goals, names the category of the plan, or "none" for a wish
with no activity ("I just want to get stronger"), where no activity of the vocabulary names
it ("she hopes to get back to the allotment by the autumn").
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL = Path(__file__).with_name("intent_model.onnx")
CATEGORY_MODEL = Path(__file__).with_name("win_category_model.onnx")
ASSISTANCE_MODEL = Path(__file__).with_name("assistance_model.onnx")
GOAL_MODEL = Path(__file__).with_name("goal_category_model.onnx")
TOKENS = r"[a-zA-Z0-9_]+"
"""The model's words: onnxruntime's tokeniser and scikit-learn's, so both read the same."""

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Guess:
    label: str
    probability: float


def trained_on(pairs: Iterable[tuple[str, str]]) -> str:
    """The checksum of (text, label) pairs, stored in a model to tell when it is stale."""
    digest = hashlib.sha256()
    for text, label in pairs:
        digest.update(f"{text}\t{label}\n".encode())
    return digest.hexdigest()


@cache
def _session(path: Path) -> tuple[Any, tuple[str, ...]] | None:
    try:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(str(path), options,
                                               providers=["CPUExecutionProvider"])
        classes = json.loads(session.get_modelmeta().custom_metadata_map["classes"])
    except Exception:  # noqa: BLE001 - a missing or damaged model leaves the rules to answer
        _log.exception("the learned model %s could not be loaded; the rules answer alone",
                       path.name)
        return None
    return session, tuple(classes)


def shipped_checksum(path: Path) -> str | None:
    """What the model at ``path`` was trained on (`trained_on`), or None without it."""
    loaded = _session(path)
    if loaded is None:
        return None
    return str(loaded[0].get_modelmeta().custom_metadata_map["trained_on"])


def _likeliest(path: Path, text: str) -> Guess | None:
    loaded = _session(path)
    if loaded is None:
        return None
    session, classes = loaded
    said = text.encode("utf-8", "replace").decode("utf-8").lower()  # a lone surrogate is "?"
    _, probabilities = session.run(None, {"text": np.array([[said]], dtype=object)})
    best = int(np.argmax(probabilities[0]))
    return Guess(classes[best], float(probabilities[0][best]))


def unavailable() -> list[str]:
    """The learned models that do not load (the rules answer without them)."""
    return [path.name for path in (MODEL, CATEGORY_MODEL, ASSISTANCE_MODEL, GOAL_MODEL)
            if _session(path) is None]


def likely_intent(text: str) -> Guess | None:
    """The likeliest intent for ``text`` and its probability; None without the model."""
    return _likeliest(MODEL, text)


def likely_category(text: str) -> Guess | None:
    """The likeliest category of the win told in ``text``; None without the model."""
    return _likeliest(CATEGORY_MODEL, text)


def likely_assistance(text: str) -> Guess | None:
    """The likeliest help for the one win told in ``text`` ("none": none said); None without
    the model."""
    return _likeliest(ASSISTANCE_MODEL, text)


def likely_goal_category(text: str) -> Guess | None:
    """The likeliest category of the plan in a goal ("none": no activity is planned); None
    without the model."""
    return _likeliest(GOAL_MODEL, text)
