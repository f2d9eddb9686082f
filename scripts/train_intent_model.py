#!/usr/bin/env python3
"""Train the learned second opinion on intent, a win's category and its help, as ONNX models.

    python scripts/train_intent_model.py [--out FOLDER] [--exclude NAME ...] [--check]

Fits scikit-learn's TF-IDF over word unigrams and bigrams with a logistic regression on every
labelled understanding set that is not blind (eval_understanding's roles), and converts it with
skl2onnx, so the assistant runs it on onnxruntime, which it already has for the Piper voice:
scikit-learn and SciPy would add about 86 MB to a process that must stay under 450 MB. The
category model is the same fitted on the wins alone (text, the first milestone's category),
the assistance model on utterances of one win (text, its help or "none"), the goal model on
goals (text, the target's category or "none").
Each model stores a checksum of what it was trained on; `--check` exits 1 when the labelled
sets have changed since (then train them again). `--exclude` leaves sets out, to measure how
the models do on sets they have not seen.

Text is lowercased before the vectoriser (the ONNX string normaliser needs a locale the
device may lack), the vectoriser's tokens are onnxruntime's (`[a-zA-Z0-9_]+`), and term
counts are raw (skl2onnx's sublinear counts differ from scikit-learn's), so the converted
model gives scikit-learn's probabilities.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "scripts"):
    sys.path.insert(0, str(folder))

import eval_understanding  # noqa: E402

from assistant.understand.intent_model import (  # noqa: E402
    ASSISTANCE_MODEL,
    CATEGORY_MODEL,
    GOAL_MODEL,
    MODEL,
    TOKENS,
    shipped_checksum,
    trained_on,
)
from assistant.understand.milestones import UNSAID  # noqa: E402

REGULARISATION = 30.0
"""Inverse L2 strength, chosen by scoring models trained without eight later writers' sets
on those sets (README, "A learned second opinion on intent")."""


def labelled(exclude: set[str]) -> list[dict[str, Any]]:
    """Every line of every labelled set that is neither blind nor excluded."""
    cases = []
    for path in eval_understanding.SCORED_FILES:
        name = path.stem.removeprefix("understanding_")
        if eval_understanding.role(path) == eval_understanding.BLIND or name in exclude:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        cases += [json.loads(line) for line in lines if line.strip()]
    return cases


def intents(cases: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(case["text"], case["intent"]) for case in cases]


def categories(cases: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(text, category) of each win: its first milestone's category."""
    return [(case["text"], case["milestones"][0]["category"]) for case in cases
            if case["intent"] == "milestone" and case["milestones"]]


def assistances(cases: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(text, help) of each utterance of one win ("none" where no help is said)."""
    return [(case["text"], case["milestones"][0]["assistance"] or UNSAID) for case in cases
            if case["intent"] == "milestone" and len(case["milestones"]) == 1]


def goal_categories(cases: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(text, category) of each goal: its target's category, or "none" with no target."""
    return [(case["text"], (case["goal"] or {}).get("category") or "none") for case in cases
            if case["intent"] == "goal"]


MODELS = ((MODEL, intents), (CATEGORY_MODEL, categories), (ASSISTANCE_MODEL, assistances),
          (GOAL_MODEL, goal_categories))


def train(pairs: list[tuple[str, str]]) -> bytes:
    """The fitted model as ONNX bytes, with the checksum of `pairs` in its metadata."""
    from skl2onnx import to_onnx
    from skl2onnx.common.data_types import StringTensorType
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from threadpoolctl import threadpool_limits

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, lowercase=False,
                                 token_pattern=TOKENS)
    classifier = LogisticRegression(C=REGULARISATION, max_iter=5000)
    pipeline = make_pipeline(vectoriser, classifier)
    texts = [text.lower() for text, _ in pairs]
    with threadpool_limits(1):  # one thread: the same sums, so the same probabilities, every run
        pipeline.fit(texts, [label for _, label in pairs])
    model = to_onnx(pipeline, initial_types=[("text", StringTensorType([None, 1]))],
                    options={id(classifier): {"zipmap": False}}, target_opset=17)
    _normalise_with_standard_ops(model)
    _check_conversion(pipeline, model, texts)
    for key, value in (("classes", json.dumps(list(classifier.classes_))),
                       ("trained_on", trained_on(pairs))):
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    return bytes(model.SerializeToString())


def _normalise_with_standard_ops(model: Any) -> None:
    """Replace skl2onnx's L2 Normalizer (ai.onnx.ml) by ReduceL2, Max and Div: the same
    probabilities (checked next) in 49 microseconds a call instead of 81."""
    import numpy as np
    from onnx import helper, numpy_helper

    graph = model.graph
    graph.initializer.extend([
        numpy_helper.from_array(np.array([1e-12], dtype=np.float32), "norm_floor"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "norm_axes")])
    nodes = []
    for node in graph.node:
        if node.op_type == "Normalizer" and helper.get_attribute_value(node.attribute[0]) == b"L2":
            x, y = node.input[0], node.output[0]
            nodes += [helper.make_node("ReduceL2", [x, "norm_axes"], [f"{y}_l2"], keepdims=1),
                      helper.make_node("Max", [f"{y}_l2", "norm_floor"], [f"{y}_floor"]),
                      helper.make_node("Div", [x, f"{y}_floor"], [y])]
        else:
            nodes.append(node)
    del graph.node[:]
    graph.node.extend(nodes)
    for opset in model.opset_import:
        if opset.domain == "":
            opset.version = 18  # ReduceL2 with its axes as an input


def _check_conversion(pipeline: Any, model: Any, texts: list[str]) -> None:
    """Refuse a converted model whose probabilities are not scikit-learn's."""
    import numpy as np
    import onnxruntime

    session = onnxruntime.InferenceSession(model.SerializeToString())
    converted = session.run(None, {"text": np.array([[t] for t in texts], dtype=object)})[1]
    worst = float(np.abs(converted - pipeline.predict_proba(texts)).max())
    if worst > 1e-4:
        raise SystemExit(f"the ONNX model differs from scikit-learn's by up to {worst:.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL.parent, help="folder for the models")
    parser.add_argument("--exclude", nargs="*", default=[], help="sets to leave out")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a shipped model was trained on other data")
    args = parser.parse_args(argv)
    cases = labelled(set(args.exclude))
    if args.check:
        stale = [path.name for path, pairs in MODELS
                 if shipped_checksum(path) != trained_on(pairs(cases))]
        print(f"trained on other data: {', '.join(stale)}; run scripts/train_intent_model.py"
              if stale else "the models are up to date")
        return 1 if stale else 0
    for path, pairs_of in MODELS:
        out = args.out / path.name
        pairs = pairs_of(cases)
        out.write_bytes(train(pairs))
        print(f"{out}: {len(pairs)} utterances, {out.stat().st_size // 1024} KB, "
              f"sha256 {hashlib.sha256(out.read_bytes()).hexdigest()[:12]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
