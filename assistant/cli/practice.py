"""`smallwins practice`: a speech-practice session by voice, homework lists, the caregiver's
own items and a report for the therapist.

"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import click

from assistant.cli.options import (
    PLAIN_ERRORS,
    audio_out,
    db_option,
    engine_option,
    listen,
    listening_options,
    model_option,
    plain_errors,
    voice_options,
    warn,
)
from assistant.clock import now
from assistant.conversation import hearing
from assistant.conversation.dialog import remembered_voice_settings
from assistant.conversation.numbers_and_dates import amount, day
from assistant.paths import database_path
from assistant.practice.items import (
    KINDS,
    LEVELS,
    Item,
    make_item,
    parse_list,
    read_file,
)
from assistant.practice.runner import practise
from assistant.practice.session import MAX_TRIES, Feedback, PracticeSession
from assistant.record import practice as records
from assistant.record.store import Store
from assistant.reply_speaker import ReplySpeaker
from assistant.turn import Heard
from speech.tts import VoiceSettings


@click.group(invoke_without_command=True)
@click.option("--items", "items_text", help='Homework: items said in this order, separated by ";".')
@click.option("--items-file", type=click.Path(path_type=Path),
              help="Homework from a file: one item a line, or TOML like the built-in sets.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Practise only this kind of exercise (repeatable). Default: all, in turn.")
@click.option("--count", type=click.IntRange(1, 100), default=10, show_default=True,
              help="Items in a session drawn from the sets.")
@click.option("--level", type=click.IntRange(LEVELS[0], LEVELS[-1]),
              help="Start the kinds practised at this level (it adapts from there).")
@listening_options
@click.option("--tries", type=click.IntRange(1, MAX_TRIES),
              help=f"Answers each item takes. Default: 1 with --audio (one recorded answer "
              f"per item), {MAX_TRIES} otherwise.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object per attempt: target, heard, score, passed.")
@engine_option
@model_option
@voice_options
@click.pass_context
@plain_errors
def practice(
    ctx: click.Context,
    items_text: str | None,
    items_file: Path | None,
    kinds: tuple[str, ...],
    count: int,
    level: int | None,
    audio: Path | None,
    reply_wav: Path | None,
    typed: bool,
    db: Path | None,
    mic: str | None,
    pause: float,
    max_pause: float,
    tries: int | None,
    as_json: bool,
    engine: str,
    model: Path | None,
    rate: int | None,
    volume: float | None,
    voice: str,
    voice_model: Path | None,
    speaker_device: str | None,
) -> None:
    """Speech practice: say each word or phrase after the cue, until done or "stop"."""
    if ctx.invoked_subcommand:
        return
    homework = _homework(items_text, items_file)
    store = Store(database_path(db))
    settings = remembered_voice_settings(store, rate, volume, voice, voice_model)
    speaker = ReplySpeaker(settings, audio_out(reply_wav, speaker_device), warn, load=False)
    session = PracticeSession(store, homework, kinds=kinds or KINDS, count=count, level=level,
                              tries=tries or (1 if audio else MAX_TRIES))
    try:
        def tell(message: str) -> None:
            speaker.tell(message, settings)

        source = hearing.open_source(audio, typed, mic, tell)
        answers = listen(source, pause, max_pause, engine, model, tell, hints=session.words)
        speaker.load()  # after the recogniser: their loading peaks do not add up
        practise(session, answers, _shower(as_json), _speaker(speaker, settings))
    except KeyboardInterrupt:
        session.stop()
        click.echo("Goodbye.", err=True)
    except PLAIN_ERRORS as error:
        session.stop()
        speaker.tell(str(error), settings)
        speaker.load()
        sys.exit(1)


def _homework(items_text: str | None, items_file: Path | None) -> list[Item] | None:
    if items_text and items_file:
        raise click.UsageError("Give --items or --items-file, not both.")
    if items_text is not None:
        return parse_list(items_text)
    return read_file(items_file) if items_file else None


def _shower(as_json: bool) -> Callable[[Feedback, Heard | None], None]:
    def show(feedback: Feedback, answer: Heard | None) -> None:
        if as_json:
            if feedback.attempt:
                click.echo(json.dumps(feedback.attempt.to_json(), ensure_ascii=False))
            return
        if answer and answer.source != "typed":
            click.echo(f"You: {answer.text}")
        click.echo(f"Small Wins: {feedback.text}")

    return show


def _speaker(speaker: ReplySpeaker, normal: VoiceSettings) -> Callable[[Feedback], None]:
    def speak(feedback: Feedback) -> None:
        for run in feedback.runs():
            speaker.say(run.text, run.voice(normal))

    return speak


@practice.command(name="add")
@click.argument("texts", nargs=-1)
@click.option("--file", "from_file", type=click.Path(path_type=Path),
              help="Add every item in this file (one a line, or TOML like the built-in sets).")
@click.option("--kind", type=click.Choice(KINDS), default="repetition", show_default=True)
@click.option("--level", type=click.IntRange(LEVELS[0], LEVELS[-1]),
              help="Difficulty. Default: guessed from the length.")
@click.option("--prompt", help="The cue to say, e.g. \"What is your wife's name?\". "
              "Default: the kind's, e.g. \"Say after me: …\".")
@click.option("--accept", multiple=True, help="Another right answer (repeatable).")
@db_option
@plain_errors
def add(
    texts: tuple[str, ...],
    from_file: Path | None,
    kind: str,
    level: int | None,
    prompt: str | None,
    accept: tuple[str, ...],
    db: Path | None,
) -> None:
    """Add personal items (names, places), e.g. practice add "Margaret" "Oak Lane"."""
    items = [make_item(t, kind, level, prompt, accept, personal=True) for t in texts]
    if from_file:
        items += read_file(from_file, personal=True)
    if not items:
        raise click.UsageError("Say what to add: words as arguments, or --file.")
    added = records.add_items(Store(database_path(db)), items, now())
    click.echo(f"Added for practice: {', '.join(i.target for i in added)}.")


@practice.command(name="remove")
@click.argument("text")
@db_option
@plain_errors
def remove(text: str, db: Path | None) -> None:
    """Remove a personal item (its past attempts stay in the record)."""
    if not records.remove_items(Store(database_path(db)), text):
        warn(f"There is no personal practice item '{text}'.")
        sys.exit(1)
    click.echo(f"Removed '{text}'.")


@practice.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per item.")
@db_option
@plain_errors
def list_items(as_json: bool, db: Path | None) -> None:
    """Show the personal items and the level reached in each kind of exercise."""
    store = Store(database_path(db))
    for item in records.personal_items(store):
        if as_json:
            click.echo(json.dumps({"target": item.target, "kind": item.kind, "level": item.level,
                                   "prompt": item.prompt, "accept": list(item.accept)},
                                  ensure_ascii=False))
        else:
            click.echo(f"{item.target} — {item.kind}, level {item.level}: {item.prompt}")
    if not as_json:
        levels = records.level_states(store)
        click.echo("Levels: " + ", ".join(f"{k} {s.level}" for k, s in levels.items()))


@practice.command(name="report")
@click.option("--days", "span", type=click.IntRange(1, 3650), default=14, show_default=True,
              help="How many days back.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@db_option
@plain_errors
def report(span: int, as_json: bool, db: Path | None) -> None:
    """Practice per day, the streak, words said clearly for the first time, and levels."""
    store = Store(database_path(db))
    today = now().date()
    since = today - timedelta(days=span - 1)
    days = records.days(store, since)
    firsts = records.firsts(store, since=since)
    levels = records.level_states(store)
    streak = records.streak(store, today)
    if as_json:
        click.echo(json.dumps({
            "streak": streak,
            "days": [{"day": d.day.isoformat(), "attempts": d.attempts, "passed": d.passed}
                     for d in days],
            "firsts": [{"target": f.target, "time": f.time.isoformat()} for f in firsts],
            "levels": {kind: state.level for kind, state in levels.items()},
        }, ensure_ascii=False))
        return
    click.echo(f"Practice streak: {streak} day{'s' * (streak != 1)}.")
    for d in days:
        click.echo(f"{d.day}: {amount(d.attempts, 'attempts')}, {d.passed} said clearly "
                   f"({d.passed / d.attempts:.0%})")
    for f in firsts:
        click.echo(f"'{f.target}' said clearly for the first time {day(f.time, today)}")
    click.echo("Levels: " + ", ".join(f"{k} {s.level}" for k, s in levels.items()))

