"""`smallwins enrol`: the caregiver enrols words and phrases in the patient's own voice, by
voice (prompts spoken and printed) or from recordings made earlier; lists and removes them."""

from __future__ import annotations

from pathlib import Path

import click

from assistant import enrolment
from assistant.cli.options import (
    audio_out,
    db_option,
    loaded_voice,
    plain_errors,
    voice_options,
    warn,
)
from assistant.clock import now
from assistant.conversation.dialog import remembered_voice_settings
from assistant.paths import database_path
from assistant.record import enrolled
from assistant.record.store import Store
from speech.audio import Audio, read_wav
from speech.devices import AudioDeviceError, Microphone
from speech.tts import VoiceSettings
from speech.vad import DEFAULT_PAUSE_S, Endpointer, utterances


@click.command()
@click.argument("phrase", required=False)
@click.option("--audio", "recordings", multiple=True, type=click.Path(path_type=Path),
              help="A recording of one take of PHRASE; give it once per take (3 to 5).")
@click.option("--takes", type=click.IntRange(enrolment.FEWEST_TAKES, enrolment.MOST_TAKES),
              default=enrolment.FEWEST_TAKES, show_default=True,
              help="Takes to ask for when enrolling by voice.")
@click.option("--list", "listing", is_flag=True, help="List the enrolled phrases.")
@click.option("--remove", metavar="PHRASE", help="Forget an enrolled phrase.")
@click.option("--keep-audio", is_flag=True,
              help="Keep the takes' recordings in the database too (deleted with the phrase "
              "and by forget). Without it only sound features are kept.")
@db_option
@click.option("--mic", default=None, help="Microphone name or index. Default: the system's.")
@click.option("--pause", type=click.FloatRange(0.3, 5.0), default=DEFAULT_PAUSE_S,
              show_default=True, help="Seconds of silence that end a take.")
@voice_options
@plain_errors
def enrol(phrase: str | None, recordings: tuple[Path, ...], takes: int, listing: bool,
          remove: str | None, keep_audio: bool, db: Path | None, mic: str | None, pause: float,
          rate: int | None, volume: float | None, voice: str, voice_model: Path | None,
          speaker_device: str | None) -> None:
    """Teach Small Wins how the patient says PHRASE (default: yes, no, stop, repeat, slower,
    help, delete that, each not yet enrolled), so it is understood however a general
    recogniser hears it. Only sound features are kept, not the recording, unless
    --keep-audio asks for it."""
    store = Store(db or database_path())
    if listing:
        _list(store)
    elif remove is not None:
        if not enrolled.remove(store, remove):
            raise enrolment.EnrolError(f'No phrase "{remove}" is enrolled; see smallwins enrol '
                                       '--list.')
        click.echo(f'Removed "{remove}".')
    elif recordings:
        if not phrase or not phrase.strip():
            raise click.UsageError('Say which phrase the recordings hold, e.g. '
                                   'smallwins enrol "yes" --audio take1.wav --audio take2.wav …')
        _from_recordings(store, phrase.strip(), recordings, keep_audio)
    else:
        known = {p.text.lower() for p in enrolled.phrases(store)}
        wanted = [phrase.strip()] if phrase and phrase.strip() else [
            p for p in enrolment.DEFAULT_PHRASES if p not in known]
        if not wanted:
            click.echo("The default phrases are all enrolled; name a phrase to add another.")
            return
        _by_voice(store, wanted, takes, mic, pause,
                  remembered_voice_settings(store, rate, volume, voice, voice_model),
                  speaker_device, keep_audio)


def _list(store: Store) -> None:
    phrases = enrolled.phrases(store)
    if not phrases:
        click.echo('No phrases are enrolled yet; smallwins enrol asks for the usual ones.')
    kept = enrolled.recordings_kept(store)
    for p in phrases:
        click.echo(f"{p.text}\t{len(p.takes)} takes"
                   + (f"\t{kept[p.text]} recordings kept" if kept.get(p.text) else ""))


def _from_recordings(store: Store, phrase: str, recordings: tuple[Path, ...],
                     keep_audio: bool) -> None:
    audio = [read_wav(p) for p in recordings]
    made = enrolment.from_recordings(phrase, list(zip(recordings, audio, strict=True)))
    enrolled.save(store, made, now(), audio if keep_audio else ())
    click.echo(f'Enrolled "{phrase}" from {len(made.takes)} takes.')


def _by_voice(store: Store, wanted: list[str], takes: int, mic: str | None, pause: float,
              settings: VoiceSettings, speaker_device: str | None, keep_audio: bool) -> None:
    """Each phrase in turn: prompts printed and spoken, takes from the microphone, opened
    only while the patient answers, so the prompt itself is never taken as a take."""
    synth = loaded_voice(settings)
    out = audio_out(None, speaker_device)
    speaking = True

    def tell(sentence: str) -> None:
        nonlocal speaking
        click.echo(sentence)
        if speaking:
            try:
                out.play(synth.synthesize(sentence))
            except AudioDeviceError as error:
                warn(f"{error} The prompts are printed only.")
                speaking = False

    def hear() -> Audio | None:
        microphone = Microphone(mic).open()
        try:
            return next((u.audio for u in utterances(microphone.chunks(), Endpointer(pause))),
                        None)
        finally:
            microphone.close()

    for text in wanted:
        made = enrolment.by_voice(text, takes, hear, tell)
        if made is not None:
            enrolled.save(store, made.phrase, now(), made.audio if keep_audio else ())
