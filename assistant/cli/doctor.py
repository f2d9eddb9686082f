"""`smallwins doctor`: one check per part of the chain, each with a plain fix a caregiver can do."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.paths import database_path
from assistant.record import history
from assistant.record.store import Store, StoreError
from assistant.understand import intent_model
from speech.asr.base import ModelError
from speech.asr.select import load_recognizer, resolve_engine
from speech.devices import AudioDeviceError, list_devices
from speech.tts import ESPEAK, PIPER, SpeechOutputError, VoiceSettings
from speech.voices import load_voice


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True
    """A missing microphone or speaker is not fatal: typed input and printed replies still work."""


def run_checks(db: Path | None, engine: str, model: Path | None,
               voice_model: Path | None = None) -> Iterator[Check]:
    yield from _devices()
    yield _recogniser(engine, model)
    yield understanding()
    yield _speech_output(PIPER, voice_model)
    yield _speech_output(ESPEAK)
    yield _database(database_path(db))


def understanding() -> Check:
    """The learned second opinion on intent, a win's category and help: without it the rules
    answer alone, so the assistant still works, a little less well."""
    missing = intent_model.unavailable()
    if missing:
        return Check("understanding", False, f"{', '.join(missing)} did not load, so the rules "
                     "answer alone; reinstall Small Wins (bash scripts/setup.sh)", required=False)
    return Check("understanding", True, "the rules and the learned models load")


def contact_checks(settings: Mapping[str, Any]) -> Iterator[Check]:
    """Who a red-flag reply names besides the emergency number: a warning when unset, since
    the assistant works without them but cannot call anyone itself."""
    for key, name, fix in (
        ("carer_name", "carer", "add carer-name and carer-phone to the settings file, so a "
         "red-flag reply names who to call"),
        ("crisis_line", "crisis line", "add crisis-line to the settings file, so a reply to "
         "despair gives a number to talk to someone"),
    ):
        value = settings.get(key)
        detail = f"set: {value}" if value else f"not set. To fix: {fix}."
        yield Check(name, bool(value), detail, required=False)


def _devices() -> Iterator[Check]:
    """Either a microphone or a speaker can be missing (typing, printed replies), but a voice
    assistant with neither cannot hear or answer anyone: that fails."""
    try:
        found = list_devices()
    except AudioDeviceError as error:
        found = []
        yield Check("audio devices", False, str(error), required=False)
    else:
        for role, attribute, fix in (
            ("microphone", "inputs",
             "Plug in a microphone; until then, type with `smallwins run`."),
            ("speaker", "outputs", "Plug in a speaker; until then, replies are printed."),
        ):
            names = [d.name for d in found if getattr(d, attribute)]
            detail = f"found {', '.join(names)}" if names else f"none found. {fix}"
            yield Check(role, bool(names), detail, required=False)
    if not any(d.inputs or d.outputs for d in found):
        yield Check("voice", False, "neither a microphone nor a speaker is available, so no one "
                    "can talk to it. Plug in a speaker and a microphone, or a headset.")


def _recogniser(engine: str, model: Path | None) -> Check:
    try:
        chosen = resolve_engine(engine, model)
        recognizer = load_recognizer(chosen, model)
    except ModelError as error:
        return Check("speech recognition", False, str(error))
    which = " ".join(filter(None, (recognizer.name, getattr(recognizer, "label", ""))))
    why = getattr(recognizer, "why", "")
    return Check("speech recognition", True, f"{which} model loads" + (f": {why}" if why else ""))


def _speech_output(voice: str, model: Path | None = None) -> Check:
    """The Piper voice, and espeak-ng (the fallback, and the voice of other languages)."""
    name = "speech output (clear voice)" if voice == PIPER else "speech output (backup voice)"
    try:
        synth, fallback = load_voice(VoiceSettings(voice=voice, model=model))
        audio = synth.synthesize("Hello")
    except SpeechOutputError as error:
        return Check(name, False, str(error))
    if audio.rms() == 0:
        return Check(name, False, "the voice produced only silence; reinstall espeak-ng")
    if fallback:
        return Check(name, False, f"{fallback} Until it is fixed, the backup voice speaks: "
                     "reinstall Small Wins, or give a working Piper voice with --voice-model.",
                     required=False)
    return Check(name, True, "Piper voice works" if voice == PIPER else "espeak-ng voice works")


def _database(path: Path) -> Check:
    """Open the real database (creating it if needed) and prove a write works, leaving no trace."""
    try:
        store = Store(path)
        store.probe_write()
        count = history.utterance_count(store)
        store.close()
    except StoreError as error:
        return Check("database", False, str(error))
    return Check("database", True, f"{path} is writable, {count} utterances stored")


