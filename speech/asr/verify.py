"""How well an utterance supports a known text: Whisper forced to read the text (teacher
forcing through CTranslate2's `align`), word piece by word piece.

Open recognition answers "what was said?", and on a bare word it often writes something else
("butterfly" → "What a fly!"). Practice knows what should have been said, so the question is
a verification: how likely is each piece of the target given the audio? A piece the audio does
not support ("morning" when "evening" was said) gets a probability near zero (log -5.4 or
below on espeak-ng and Piper speech), while every piece of a clearly spoken target mostly
stays likely (above -4.5); what the recogniser wrote is read the same way, as the reference
for this audio.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import ctranslate2
import numpy as np
from faster_whisper.tokenizer import Tokenizer

PROBABILITY_FLOOR = 1e-9
"""Log-probabilities are taken of at least this, so a zero is a large negative, not -inf."""


@dataclass(frozen=True)
class Support:
    """One text read against the audio: log-probabilities of its word pieces, in order."""

    text: str
    log_probs: tuple[float, ...]
    word_worst: tuple[float, ...] = ()
    """The least likely piece of each word of the text, in order."""
    behind: float = 0.0
    """How much more likely (log) the recogniser's own text is than this one: near 0 or below
    when this text is what was said, large when the audio has something else ("umbrellas"
    against "umbrella": every piece fairly likely, but the plural far more so)."""

    @property
    def worst(self) -> float:
        """The least likely piece: where the audio disagrees most with the text."""
        return min(self.log_probs, default=float("-inf"))

    @property
    def mean(self) -> float:
        return float(np.mean(self.log_probs)) if self.log_probs else float("-inf")

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "worst": round(self.worst, 2), "mean": round(self.mean, 2),
                "behind": round(self.behind, 2)}


def written_like_whisper(text: str) -> str:
    """The target as Whisper would begin to write it: a leading space and a capital, with no
    end punctuation (whose likelihood says whether the speaker went on, not what was said)."""
    text = " ".join(text.split()).strip(" .!?")
    return " " + text[:1].upper() + text[1:]


def support(
    model: ctranslate2.models.Whisper,
    tokenizer: Tokenizer,
    encoded: ctranslate2.StorageView,
    frames: int,
    texts: Sequence[str],
) -> list[Support]:
    """Each text's word-piece log-probabilities given the encoded audio (`frames` long)."""
    found = []
    for text in texts:
        pieces = tokenizer.encode(text)
        probs = (
            model.align(encoded, tokenizer.sot_sequence, [pieces], frames)[0].text_token_probs
            if pieces
            else []
        )
        logs = tuple(float(np.log(max(p, PROBABILITY_FLOOR))) for p in probs)
        found.append(Support(text.strip(), logs, _per_word(tokenizer, pieces, logs)))
    return found


def _per_word(tokenizer: Tokenizer, pieces: list[int], logs: tuple[float, ...]
              ) -> tuple[float, ...]:
    """The worst piece of each word: a piece written with a leading space starts a word."""
    words: list[float] = []
    for piece, log in zip(pieces, logs, strict=False):
        if not words or tokenizer.decode([piece]).startswith(" "):
            words.append(log)
        else:
            words[-1] = min(words[-1], log)
    return tuple(words)


def against(heard: Support, targets: Sequence[Support]) -> tuple[Support, ...]:
    """The targets with how far each is behind what the recogniser wrote (`Support.behind`)."""
    return tuple(replace(t, behind=sum(heard.log_probs) - sum(t.log_probs)) for t in targets)
