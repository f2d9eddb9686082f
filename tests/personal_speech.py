"""The splits that biasing recognition toward the patient's own names is measured on, spoken
by two synthetic speakers (espeak-ng and Piper), and how a transcript is scored.

tests/data/personal_vocabulary_heldout.json was written before any code change and is never
tuned on; tests/data/personal_vocabulary_tuned.json (other names, sentences and commands) is
where the rule for when to bias was chosen. Each split has the caregiver's vocabulary,
sentences naming people and places, plain updates with no name (the bias must not hurt
them) and short commands (which must come out with no invented word).
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
SPLITS = {"tuned": DATA / "personal_vocabulary_tuned.json",
          "held_out": DATA / "personal_vocabulary_heldout.json"}


@dataclass(frozen=True)
class Said:
    """One sentence of a split: its words, the kind ("named", "plain" or "command") and the
    personal words it holds."""

    text: str
    kind: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Split:
    vocabulary: tuple[str, ...]
    said: tuple[Said, ...]


@dataclass(frozen=True)
class Figures:
    """Over one split's renderings: the share of names heard as written; the share of
    utterances holding a personal word that was not said (a name the bias wrote in); the
    word error rate of the plain updates; and the share of commands heard with a word
    added (more words than said, or a personal word)."""

    names: float
    name_count: int
    stray: float
    plain_wer: float
    invented: float
    commands: int
    inventions: tuple[str, ...]


def split(name: str) -> Split:
    data = json.loads(SPLITS[name].read_text(encoding="utf-8"))
    said = [Said(s["text"], "named", tuple(s["names"])) for s in data["named"]]
    said += [Said(text, "plain") for text in data["plain"]]
    said += [Said(text, "command") for text in data["commands"]]
    return Split(tuple(data["vocabulary"]), tuple(said))


def espeak(text: str, path: Path) -> Path:
    subprocess.run(["espeak-ng", "-v", "en-gb", "-s", "140", "-w", str(path), text], check=True)
    return path


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def figures(vocabulary: Sequence[str], said: Sequence[Said], heard: Sequence[str],
            wer: Callable[[list[str], list[str]], float]) -> Figures:
    """Score what was `heard` for each of `said` (in order); `wer` scores the plain updates."""
    pairs = list(zip(said, heard, strict=True))
    personal = {word for entry in vocabulary for word in words(entry)}
    stray = [bool((personal & set(words(text))) - set(words(s.text))) for s, text in pairs]
    found = [name.lower() in words(text) for s, text in pairs for name in s.names]
    plain = [(s.text, text) for s, text in pairs if s.kind == "plain"]
    commands = [(s.text, text, wrong) for (s, text), wrong in zip(pairs, stray, strict=True)
                if s.kind == "command"]
    invented = [f"{text!r} for {command!r}" for command, text, wrong in commands
                if wrong or len(words(text)) > len(words(command))]
    return Figures(
        names=sum(found) / len(found),
        name_count=len(found),
        stray=sum(stray) / len(stray),
        plain_wer=wer([p for p, _ in plain], [h for _, h in plain]),
        invented=len(invented) / len(commands),
        commands=len(commands),
        inventions=tuple(invented),
    )
