"""The types every stage passes on: what was heard, the turn taken on it, and the reply's
pieces. They live here, outside any one stage, so that hearing, the conversation and
practice share them without importing one another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from assistant.understand import Understanding
from speech.asr.base import Word
from speech.asr.verify import Support
from speech.tts import VoiceSettings, clearly

SLOW = 0.6
"""A slowly spoken piece goes at this fraction of the patient's usual rate."""


class ReplyKind(StrEnum):
    """What a reply does; stored with it in the replies table."""

    AWAKE = "awake"
    CONFIRM = "confirm"
    CONFIRM_NO = "confirm_no"
    ENCOURAGE = "encourage"
    GOAL = "goal"
    GOAL_REACHED = "goal_reached"
    PLAN = "plan"
    SETBACK = "setback"
    ANSWER = "answer"
    HEARD = "heard"
    SHARED = "shared"
    NOT_SHARED = "not_shared"
    FORGET = "forget"
    OK = "ok"
    REPEAT = "repeat"
    UNDO = "undo"
    PAUSED = "paused"
    STOPPED = "stopped"
    HELP = "help"
    SLOWER = "slower"
    FASTER = "faster"
    LOUDER = "louder"
    QUIETER = "quieter"
    PRACTICE = "practice"
    ALERT = "alert"
    FEELING = "feeling"
    SOCIAL = "social"
    REQUEST = "request"


class Progress(StrEnum):
    """How a new milestone stands against the earlier record of the same activity, strongest
    first: what an encouraging reply celebrates."""

    FIRST_INDEPENDENT = "first_independent"
    FIRST_TIME = "first_time"
    PERSONAL_BEST = "personal_best"
    BETTER_THAN_LAST_WEEK = "better_than_last_week"
    STEADY = "steady"


@dataclass(frozen=True)
class Heard:
    """What reached the assistant, from a microphone, a recording or the keyboard."""

    text: str
    source: str
    at: datetime
    """When it was said: the clock for typed lines, stream start + offset for audio."""
    engine: str | None = None
    confidence: float | None = None
    duration_s: float | None = None
    words: tuple[Word, ...] = ()
    """Recognised words with timings and confidences (none for typed lines)."""
    support: tuple[Support, ...] = ()
    """How well the audio supports each text listened for (Whisper, in practice)."""


@dataclass(frozen=True)
class Part:
    """A piece of a reply; `slow` pieces (the target, modelled) are spoken at a slower rate."""

    text: str
    slow: bool = False

    def voice(self, normal: VoiceSettings) -> VoiceSettings:
        """How to speak this piece, given how the patient likes replies spoken."""
        if not self.slow:
            return normal
        return replace(normal, rate_wpm=max(60, round(normal.rate_wpm * SLOW)))


def joined(parts: Sequence[Part]) -> list[Part]:
    """Neighbouring parts of the same pace joined, so each is one utterance to speak: the one
    way a reply, a turn's or a practice session's, is split into what is said."""
    runs: list[Part] = []
    for part in parts:
        if runs and runs[-1].slow == part.slow:
            runs[-1] = Part(f"{runs[-1].text} {part.text}", part.slow)
        else:
            runs.append(part)
    return runs


@dataclass(frozen=True)
class Turn:
    id: int
    time: datetime
    heard: Heard
    understanding: Understanding
    kind: ReplyKind
    reply: str
    voice: VoiceSettings
    """How to speak the reply (the patient may have asked for slower or louder)."""
    parts: tuple[Part, ...] = ()
    """The reply in pieces when some are paced differently (a practice word said slowly)."""
    progress: Progress | None = None
    """For an encouraging reply, what it celebrates."""

    def spoken(self) -> list[tuple[str, VoiceSettings]]:
        """What to say, piece by piece, and how; a red flag's reply clearly, a little slower."""
        voice = self.voice
        if self.kind is ReplyKind.ALERT:
            voice = clearly(voice)
        return [(p.text, p.voice(voice)) for p in joined(self.parts or (Part(self.reply),))]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time.isoformat(timespec="seconds"),
            "heard": self.heard.text,
            "intent": self.understanding.intent,
            "kind": self.kind,
            "reply": self.reply,
        }
