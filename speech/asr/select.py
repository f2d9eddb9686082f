"""Choosing an engine and finding its model on this machine, without ever downloading.

`auto` prefers Vosk when the user has installed a Vosk model (it streams and supports grammars),
and otherwise uses Whisper. `whisper` is base (half tiny.en's errors on real human speech) when
this machine decodes it within the closing pause, otherwise tiny.en; `whisper-base` and
`whisper-tiny` choose one outright.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from speech.asr.base import ModelError, Recognizer
from speech.asr.vosk_model import is_vosk_model

ENGINES = ("auto", "vosk", "whisper", "whisper-base", "whisper-tiny")
SLOW_WINDOW_S = 0.25
"""Base is too slow when one encode of its shortest window would take longer than this on an
idle machine (processor time shared out over the cores).

Measured on 2 idle cores: that encode takes 0.08 s and base decodes a 2–3 s update in
0.3–0.4 s (4–5 times as long). At 0.25 s the same update would take 1.0–1.3 s, beyond the
0.9 s left of the default 1.2 s pause once recognition starts 0.3 s into it; tiny.en is
twice as fast."""
PROJECT_MODELS = Path(__file__).resolve().parents[2] / "models"


def model_folders() -> list[Path]:
    """Where installed Vosk models are looked for, in order."""
    return [PROJECT_MODELS, platformdirs.user_data_path("smallwins") / "models"]


def find_vosk_model(explicit: Path | None = None) -> Path | None:
    """--model, then SMALLWINS_VOSK_MODEL, then the first model in models/ or the data folder."""
    if explicit:
        return explicit
    if os.environ.get("SMALLWINS_VOSK_MODEL"):
        return Path(os.environ["SMALLWINS_VOSK_MODEL"])
    for folder in model_folders():
        if folder.is_dir():
            for candidate in sorted(folder.iterdir()):
                if is_vosk_model(candidate):
                    return candidate
    return None


def resolve_engine(engine: str, model: Path | None = None) -> str:
    if engine not in ENGINES:
        raise ModelError(f"Unknown engine '{engine}'; choose one of {', '.join(ENGINES)}.")
    if engine != "auto":
        return engine
    return "vosk" if find_vosk_model(model) else "whisper"



def load_recognizer(engine: str = "auto", model: Path | None = None) -> Recognizer:
    """Load the engine's model once; `model` is a Vosk folder or a CTranslate2 Whisper folder."""
    chosen = resolve_engine(engine, model)
    if chosen == "vosk":
        from speech.asr.vosk_engine import VoskRecognizer

        folder = find_vosk_model(model)
        if folder is None:
            places = " or ".join(str(f) for f in model_folders())
            raise ModelError(
                "No Vosk speech model is installed. Run `smallwins models fetch` (needs the "
                f"internet once), put an unzipped model in {places}, or use --engine whisper."
            )
        if not folder.exists():
            raise ModelError(
                f"The Vosk model folder {folder} does not exist. Check the path given with "
                "--model or SMALLWINS_VOSK_MODEL, or run `smallwins models fetch`."
            )
        return VoskRecognizer(folder)
    return load_whisper(chosen, model)


def load_whisper(engine: str = "whisper", model: Path | None = None) -> Recognizer:
    """Whisper from `model`, or base / tiny.en as `engine` says (`whisper`: base if fast enough).
    """
    from speech.asr.whisper_engine import WhisperRecognizer
    from speech.asr.whisper_models import base_installed, base_model_dir, tiny_model_dir

    if model:
        return _given_whisper(model)
    if engine == "whisper-tiny":
        return WhisperRecognizer(tiny_model_dir(), label="tiny.en", why="asked for")
    if engine == "whisper" and not base_installed():
        return WhisperRecognizer(
            tiny_model_dir(), label="tiny.en", why="Whisper base is not installed"
        )
    base = WhisperRecognizer(base_model_dir(), label="base", why="asked for")
    if engine == "whisper-base":
        return base
    cores = os.cpu_count() or 1
    took = min(base.window_cpu_seconds() for _ in range(2)) / cores  # the first warms up
    if took > SLOW_WINDOW_S:
        del base
        return WhisperRecognizer(
            tiny_model_dir(),
            label="tiny.en",
            why=f"this machine is too slow for base ({took:.2f} s to encode its shortest "
            f"window; base needs at most {SLOW_WINDOW_S} s to answer within the pause)",
        )
    base.why = f"fast enough here ({took:.2f} s to encode its shortest window)"
    return base


def _given_whisper(model: Path) -> Recognizer:
    """The Whisper folder given with --model: its fix is a right folder, not a reinstall."""
    from speech.asr.whisper_engine import WhisperRecognizer

    fix = ("Give the folder of a CTranslate2 Whisper model, or leave --model out to use the "
           "one installed.")
    if not (model / "model.bin").is_file():
        what = "has no Whisper model (model.bin)" if model.is_dir() else "does not exist"
        raise ModelError(f"The --model folder {model} {what}. {fix}")
    try:
        return WhisperRecognizer(model, why="the model folder given")
    except ModelError as error:
        raise ModelError(f"The Whisper model in {model} could not be loaded "
                         f"({error.__cause__ or 'damaged'}). {fix}") from error
