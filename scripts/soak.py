#!/usr/bin/env python3
"""Soak test: many spoken updates through the real loop in one process; memory and errors.

    python scripts/soak.py [--utterances 1000] [--max-growth-mb 10]

Renders a handful of updates once with espeak-ng, then plays them over and over, with pauses,
as one endless recording into the loop the assistant runs: endpointing, Whisper recognition,
understanding, the dialog, a real SQLite file, and every reply synthesised into a WAV file.
Reports resident memory after loading, after a warm-up, and at the end, and every error
(an exception, a reply that could not be spoken, a turn missing from the database).
Exits 1 on any error or when memory grew more than --max-growth-mb after the warm-up.
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import soundfile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.conversation.dialog import Dialog, DialogSettings, remembered_voice_settings  # noqa: E402
from assistant.conversation.hearing import hear_audio  # noqa: E402
from assistant.conversation.loop import converse  # noqa: E402
from assistant.record.store import Store  # noqa: E402
from assistant.reply_speaker import ReplySpeaker  # noqa: E402
from assistant.turn import Turn  # noqa: E402
from speech.asr.select import load_recognizer  # noqa: E402
from speech.audio import Audio, chunks, resample, silence  # noqa: E402
from speech.tts import Synthesizer, VoiceSettings  # noqa: E402
from speech.vad import Endpointer  # noqa: E402

UPDATES = [
    "I walked twenty steps with my walker",
    "I stood up from the chair five times",
    "I buttoned my shirt by myself",
    "I read a page of my book out loud",
    "I lifted my left arm ten times",
    "I walked to the kitchen and back with my cane",
]
GAP_S = 1.6
"""Silence after each update: longer than the endpointing pause, as a patient would leave."""


class WavSink:
    """Every reply appended to one WAV file as it is spoken, never held in memory."""

    def __init__(self, path: Path, rate: int = 22_050) -> None:
        self.rate = rate
        self._file = soundfile.SoundFile(path, "w", samplerate=rate, channels=1,
                                         subtype="PCM_16")
        self.seconds = 0.0

    def play(self, audio: Audio) -> None:
        audio = resample(audio, self.rate)
        self._file.write(audio.samples)
        self.seconds += audio.duration_s

    def close(self) -> None:
        self._file.close()


def recording(updates: list[Audio], count: int) -> Iterator[Audio]:
    """`count` updates in turn, each followed by a pause, in 0.1 s blocks like a microphone."""
    gap = silence(GAP_S)
    for index in range(count):
        yield from chunks(updates[index % len(updates)])
        yield from chunks(gap)


def megabytes() -> float:
    gc.collect()
    return psutil.Process().memory_info().rss / 2**20


def soak(count: int, warm_up: int, folder: Path) -> dict[str, float | int | list[str]]:
    patient = Synthesizer(VoiceSettings(rate_wpm=150))
    updates = [resample(patient.synthesize(text), 16_000) for text in UPDATES]
    recognizer = load_recognizer("whisper")
    store = Store(folder / "wins.db")
    errors: list[str] = []
    sink = WavSink(folder / "replies.wav")
    voice = ReplySpeaker(VoiceSettings(), sink, errors.append)
    settings = remembered_voice_settings(store, None, None, "en-us")
    dialog = Dialog(store, DialogSettings(None), settings)
    figures: dict[str, float | int | list[str]] = {"rss_loaded_mb": megabytes()}
    turns = 0
    started = time.perf_counter()

    def show(turn: Turn) -> None:
        nonlocal turns
        turns += 1
        if turn.id is None or not turn.reply:
            errors.append(f"turn {turns}: no id or no reply ({turn.heard.text!r})")
        if turns == warm_up:
            figures["rss_start_mb"] = megabytes()
        if turns % 100 == 0:
            rate = turns / (time.perf_counter() - started)
            print(f"  {turns}/{count} turns, rss {megabytes():.1f} MB, {rate:.1f} turns/s",
                  flush=True)

    heard = hear_audio(recording(updates, count), recognizer, Endpointer(1.0), "recording")
    try:
        converse(heard, dialog.take, show, voice.say)
    except Exception as error:  # a soak reports whatever stops the loop, then fails
        errors.append(f"the loop stopped after {turns} turns: {error!r}")
    figures["rss_end_mb"] = megabytes()
    figures["seconds"] = time.perf_counter() - started
    sink.close()
    with sqlite3.connect(folder / "wins.db") as connection:
        stored = connection.execute("SELECT count(*) FROM utterances").fetchone()[0]
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if turns != count or stored != count:
        errors.append(f"{count} updates spoken, {turns} turns taken, {stored} stored")
    if integrity != "ok":
        errors.append(f"integrity_check: {integrity}")
    figures.update(turns=turns, stored=stored, replies_s=round(sink.seconds), errors=errors)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--utterances", type=int, default=1000)
    parser.add_argument("--warm-up", type=int, default=None,
                        help="Turns before the start figure (default: a tenth of the run): "
                        "memory settles over the first hundred or so turns as caches fill.")
    parser.add_argument("--max-growth-mb", type=float, default=10.0)
    args = parser.parse_args(argv)
    warm_up = args.warm_up or max(1, args.utterances // 10)
    with tempfile.TemporaryDirectory(prefix="smallwins-soak-") as folder:
        figures = soak(args.utterances, warm_up, Path(folder))
    growth = float(figures["rss_end_mb"]) - float(figures.get("rss_start_mb", 0.0))
    errors = figures["errors"]
    assert isinstance(errors, list)
    print(
        f"soak: {args.utterances} utterances, {figures['turns']} turns, {figures['stored']} "
        f"stored, {len(errors)} errors; rss after loading {figures['rss_loaded_mb']:.1f} MB, "
        f"after {warm_up} turns {figures.get('rss_start_mb', float('nan')):.1f} MB, at end "
        f"{figures['rss_end_mb']:.1f} MB (growth {growth:+.1f} MB); "
        f"{figures['seconds']:.0f} s, {figures['replies_s']} s of replies spoken"
    )
    for error in errors:
        print(f"  error: {error}")
    if growth > args.max_growth_mb:
        print(f"  memory grew {growth:.1f} MB, more than {args.max_growth_mb} MB")
    return 1 if errors or growth > args.max_growth_mb else 0


if __name__ == "__main__":
    sys.exit(main())
