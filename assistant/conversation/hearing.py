"""Where utterances come from: a recording, lines typed or piped in, or the microphone.

The source is opened first, so that what depends on it (the wake phrase is only needed on a
live microphone) is settled before anything is heard.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import click

from assistant.loop import Heard, hear_audio, hear_typed
from speech.asr.select import load_recognizer
from speech.audio import chunks, read_wav, silence
from speech.devices import Microphone, NoMicrophone, keep_listening
from speech.vad import Endpointer


@dataclass(frozen=True)
class Source:
    """A recording, an opened microphone, or (neither) typed lines."""

    recording: Path | None = None
    microphone: Microphone | None = None

    @property
    def live(self) -> bool:
        """Speech from the room, where a radio or a visitor may be heard too."""
        return self.microphone is not None


def open_source(
    audio: Path | None, typed: bool, mic: str | None, tell: Callable[[str], None]
) -> Source:
    """The recording if given, typed lines if asked for, else the microphone; with no
    microphone, typed lines (said so), unless nobody can type (then the microphone is waited
    for)."""
    if typed:
        return Source()
    if audio:
        return Source(recording=audio)
    microphone = Microphone(mic)
    try:
        microphone.open()
    except NoMicrophone as error:
        if not _nobody_typing():
            tell(f"{error} I'll read what you type instead; press Enter after each line.")
            return Source()
    return Source(microphone=microphone)


def listen(
    source: Source,
    pause: float,
    engine: str,
    model: Path | None,
    tell: Callable[[str], None],
    hints: Callable[[str], list[str] | None] = lambda engine: None,
) -> Iterator[Heard]:
    """The utterances from `source`. `hints(engine)` gives the words to listen for at each
    moment (a practice target)."""
    if source.recording:
        recording = read_wav(source.recording)
        recognizer = load_recognizer(engine, model)
        heard = hear_audio(chunks(recording), recognizer, Endpointer(pause), "recording",
                           hints=hints)
        return _or_nothing_heard(heard, source.recording, tell)
    if source.microphone is None:
        return hear_typed(typed_lines())
    recognizer = load_recognizer(engine, model)
    blocks = keep_listening(
        source.microphone,
        lambda error: tell(f"{error} I'll carry on as soon as it works again."),
        lambda: tell("I can hear you again."),
        bridge=silence(pause + 0.3),
    )
    return hear_audio(blocks, recognizer, Endpointer(pause), "microphone", hints=hints)


def typed_lines() -> Iterator[str]:
    """Lines of standard input. Undecodable bytes are replaced, never fatal: junk input gets
    an answer like any other."""
    stream = click.get_binary_stream("stdin")
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def _nobody_typing() -> bool:
    """Standard input is /dev/null, as under systemd: with no microphone there is no keyboard
    to fall back on, so the microphone is waited for instead."""
    try:
        return os.path.samestat(os.fstat(sys.stdin.fileno()), os.stat(os.devnull))
    except (OSError, ValueError, AttributeError):  # no standard input at all
        return True


def _or_nothing_heard(heard: Iterator[Heard], audio: Path, tell: Callable[[str], None]
                      ) -> Iterator[Heard]:
    """A recording with no speech in it (silence, noise) gets a sentence, not a silent exit."""
    anything = False
    for item in heard:
        anything = True
        yield item
    if not anything:
        tell(f"I heard no speech in {audio}.")
