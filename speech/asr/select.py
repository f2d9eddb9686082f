"""Choosing an engine and finding its model on this machine, without ever downloading.

`auto` prefers Vosk when the user has installed a Vosk model (it streams and supports grammars),
and otherwise uses Whisper tiny.en, which ships inside a Python package and always works.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from speech.asr.base import ModelError, Recognizer
from speech.asr.vosk_model import is_vosk_model

ENGINES = ("auto", "vosk", "whisper")
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
    from speech.asr.whisper_engine import WhisperRecognizer

    return WhisperRecognizer(model)
