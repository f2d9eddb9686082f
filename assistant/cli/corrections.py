"""`smallwins heard` and `smallwins correct`: the caregiver checks what the assistant heard and
puts right what it misheard, so the record (and the report) holds what the patient said, and
the names it missed are listened for from then on (record/vocabulary.py)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import click

from assistant.cli.options import db_option, plain_errors
from assistant.clock import now
from assistant.paths import database_path
from assistant.record import history
from assistant.record.store import Store
from assistant.understand import understand


@click.command(name="heard")
@click.option("--last", type=click.IntRange(1), default=20, show_default=True,
              help="How many of the latest utterances to list.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only from this day on.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per utterance.")
@db_option
@plain_errors
def heard(last: int, since: datetime | None, as_json: bool, db: Path | None) -> None:
    """List what the assistant heard, oldest first, each with its number for `correct`."""
    store = Store(database_path(db))
    start = since.replace(tzinfo=now().tzinfo) if since else None
    for said in history.heard(store, last, since=start):
        if as_json:
            click.echo(json.dumps({**asdict(said), "time": said.time.isoformat()},
                                  ensure_ascii=False))
            continue
        line = f"{said.id:>5}  {said.time:%Y-%m-%d %H:%M}  {said.words}"
        if said.recorded:
            line += f"  → {said.recorded}"
        if said.heard is not None:
            line += f"  (corrected; first heard as “{said.heard}”)"
        click.echo(line)


@click.command(name="correct")
@click.argument("number", type=int)
@click.argument("words")
@click.option("--json", "as_json", is_flag=True, help="Print the corrected utterance as JSON.")
@db_option
@plain_errors
def correct(number: int, words: str, as_json: bool, db: Path | None) -> None:
    """Put right what the assistant misheard: utterance NUMBER (see `smallwins heard`) now
    holds WORDS, and its milestones are made again from them. Red flags stay recorded."""
    store = Store(database_path(db))
    try:
        said_at = datetime.fromisoformat(history.utterance(store, number)["time"])
    except LookupError as missing:
        raise click.UsageError(f"{missing} `smallwins heard` lists them.") from None
    first = store.correct(number, now(), understand(words, today=said_at.date()))
    recorded = history.recorded_from(store, number)
    if as_json:
        click.echo(json.dumps({"id": number, "heard": first, "words": words,
                               "milestones": [m.to_dict() for m in recorded]},
                              ensure_ascii=False))
        return
    click.echo(f"Number {number} now reads “{words}” (first heard as “{first}”).")
    for milestone in recorded:
        click.echo(f"  recorded: {milestone.category}: {milestone.summary}")
    if not recorded:
        click.echo("  It records no milestone.")
