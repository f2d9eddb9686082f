"""What the commands share: their common options, where speech goes, and the error policy
(the library's named errors become one plain sentence on standard error and exit code 1,
never a traceback)."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from assistant.cli.config import ConfigError
from assistant.clock import ClockError
from assistant.conversation import hearing
from assistant.conversation.safety import local_emergency_number
from assistant.enrolment import EnrolError
from assistant.practice.items import ItemsError
from assistant.record.store import StoreError
from assistant.turn import Heard
from speech.asr.base import ModelError
from speech.asr.select import ENGINES
from speech.audio import AudioFileError
from speech.devices import AudioDeviceError, Speaker
from speech.output import AudioOut, WavRecorder
from speech.templates import Phrase
from speech.tts import DEFAULT_RATE_WPM, PIPER, SpeechOutputError, VoiceSettings
from speech.vad import DEFAULT_MAX_PAUSE_S, DEFAULT_PAUSE_S
from speech.voices import FALLBACK_NOTICE, Voice, load_voice

PLAIN_ERRORS = (
    AudioFileError,
    ModelError,
    StoreError,
    AudioDeviceError,
    SpeechOutputError,
    ClockError,
    ConfigError,
    ItemsError,
    EnrolError,
)
F = TypeVar("F", bound=Callable[..., Any])


def warn(message: str) -> None:
    click.echo(f"Small Wins: {message}", err=True)


def plain_errors(command: F) -> F:
    """Report the library's named errors as one sentence on stderr with exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PLAIN_ERRORS as error:
            warn(str(error))
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


class _PlainUsage(click.ClickException):
    """A mistyped or out-of-range option: one sentence and exit code 1, like every other
    problem the command can explain, instead of click's usage block and code 2."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        warn(self.message)


class PlainGroup(click.Group):
    """The `smallwins` group: option mistakes in it or any subcommand are said plainly."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _plain_usage():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _plain_usage():
            return super().invoke(ctx)


@contextlib.contextmanager
def _plain_usage() -> Iterator[None]:
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise
    except click.UsageError as error:
        command = f" See `{error.ctx.command_path} --help`." if error.ctx else ""
        raise _PlainUsage(error.format_message() + command) from error


engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="Recogniser: vosk when a Vosk model is installed, otherwise whisper (base, or "
    "tiny.en on a machine too slow for base); whisper-base / whisper-tiny choose one.",
)
model_option = click.option(
    "--model",
    type=click.Path(path_type=Path),
    help="Model folder (Vosk, or CTranslate2 Whisper). Default: SMALLWINS_VOSK_MODEL, models/, "
    "the data folder, then the packaged Whisper tiny.en.",
)


db_option = click.option("--db", type=click.Path(path_type=Path),
                         help="Database file. Default: SMALLWINS_DB or the user data folder.")


def _together(*options: Callable[[F], F]) -> Callable[[F], F]:
    """Several click options as one decorator, in the order given."""

    def apply(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


voice_options = _together(
    click.option("--rate", type=click.IntRange(60, 300), default=None,
                 help=f"Speaking rate, words per minute. Default: {DEFAULT_RATE_WPM}, "
                 "or what the patient last asked for by voice."),
    click.option("--volume", type=click.FloatRange(0, 1), default=None,
                 help="Speech volume, 0 to 1. Default: 1, or what the patient last "
                 "asked for by voice."),
    click.option("--voice", default=PIPER, show_default=True,
                 help="'piper' (the clear neural voice), 'espeak' (espeak-ng), or an espeak-ng "
                 "voice for another language, e.g. 'ko'."),
    click.option("--voice-model", type=click.Path(path_type=Path), default=None,
                 help="A Piper voice file (.onnx, its .onnx.json next to it) for --voice "
                 "piper. Default: the shipped joe-medium voice."),
    click.option("--speaker", "speaker_device", default=None,
                 help="Output device name or index. Default: the system's."),
)
listening_options = _together(
    click.option("--audio", type=click.Path(path_type=Path),
                 help="Take speech from this recording instead of the microphone."),
    click.option("--reply-wav", type=click.Path(path_type=Path),
                 help="Write everything said into this WAV file instead of the speaker."),
    click.option("--text", "typed", is_flag=True,
                 help="Read lines typed or piped instead, one per line."),
    db_option,
    click.option("--mic", default=None, help="Microphone name or index. Default: the system's."),
    click.option("--pause", type=click.FloatRange(0.3, 5.0), default=DEFAULT_PAUSE_S,
                 show_default=True, help="Seconds of silence that end an utterance."),
    click.option("--max-pause", type=click.FloatRange(0, 15), default=DEFAULT_MAX_PAUSE_S,
                 show_default=True, help="Seconds of silence to wait through when the words "
                 "so far are unfinished (\"I walked to the…\"); at most --pause: never."),
)
"""Where speech comes from and where replies go, the same for `run` and `practice`."""
safety_options = _together(
    click.option("--emergency-number", default=lambda: local_emergency_number(os.environ),
                 show_default="from the locale: en_US 911, en_GB 999, else 112",
                 help="The number a red-flag reply tells the patient to call."),
    click.option("--carer-name", default=None,
                 help="Who else to call in an emergency, named in every red-flag reply."),
    click.option("--carer-phone", default=None, help="The carer's phone number, read out too."),
    click.option("--crisis-line", default=None,
                 help="A crisis line to give when the patient speaks of harming themselves."),
)
"""Who can help: the assistant cannot call anyone, so a red-flag reply says who can."""


def audio_out(wav: Path | None, speaker_device: str | None) -> AudioOut:
    """Where speech goes: into the WAV file when one is given, else out of the speaker."""
    return WavRecorder(wav) if wav else Speaker(speaker_device)


def given_voice_settings(rate: int | None, volume: float | None, voice: str,
                         voice_model: Path | None) -> VoiceSettings:
    """What the options ask for, nothing remembered (`remembered_voice_settings` adds what the
    patient last asked for by voice)."""
    return VoiceSettings(rate_wpm=rate or DEFAULT_RATE_WPM,
                         volume=1.0 if volume is None else volume, voice=voice, model=voice_model)


def loaded_voice(settings: VoiceSettings) -> Voice:
    """The voice for a one-off command (say, report --speak); a fallback is only printed."""
    synth, fallback = load_voice(settings)
    if fallback:
        warn(f"{FALLBACK_NOTICE} ({fallback})")
    return synth


def listen(
    source: hearing.Source,
    pause: float,
    max_pause: float,
    engine: str,
    model: Path | None,
    tell: Callable[[str], None],
    hints: Callable[[str], list[str] | None],
    enrolled: Sequence[Phrase] = (),
    vocabulary: Sequence[str] = (),
) -> Iterator[Heard]:
    """The utterances from `source`, saying on standard error when the microphone listens."""
    heard = hearing.listen(source, pause, max_pause, engine, model, tell, hints, enrolled,
                           vocabulary)
    if source.live:
        warn("Listening. Say what you did today; press Ctrl-C to stop.")
    return heard
