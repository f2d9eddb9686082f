"""Where spoken replies go: a speaker (speech.devices.Speaker) or a WAV file, behind one method.

An output that can start playing before the whole reply exists also has `play_stream`
(`StreamingOut`); the reply is then handed over one rendered sentence at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from speech.audio import Audio, join, write_wav

REPLY_GAP_S = 0.5


class AudioOut(Protocol):
    def play(self, audio: Audio) -> None: ...


@runtime_checkable
class StreamingOut(Protocol):
    def play_stream(self, pieces: Iterable[Audio]) -> None:
        """Play the pieces of one reply back to back, as one sound, starting with the first
        while the next is still being rendered (taking the next piece renders it)."""
        ...


class WavRecorder:
    """Collects every reply into one WAV file, rewritten after each reply so a crash keeps
    everything said so far."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._replies: list[Audio] = []

    def play(self, audio: Audio) -> None:
        self._replies.append(audio)
        partial = self.path.with_name(self.path.name + ".part")
        write_wav(partial, join(self._replies, REPLY_GAP_S))
        os.replace(partial, self.path)
