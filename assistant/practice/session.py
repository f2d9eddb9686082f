"""One practice session, turn by turn: what to say next, what to listen for, and what to make
of each answer. No audio here: a caller (the CLI runner, the dialog) speaks `Feedback` and
feeds back what the recogniser heard, so the same logic serves the microphone, a recording
and typed text.

Each item gets up to MAX_TRIES attempts, or as many as the session is given. The first miss
names the missing word and offers to say it slowly; the second miss says it slowly without
being asked (modelling, as a therapist would); the third moves on kindly. Every attempt is
committed before the reply is decided; when the database refuses it, it waits in the pending
journal, the next feedback says so once, and the session goes on.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

from assistant.clock import now
from assistant.conversation.numbers_and_dates import amount, listing
from assistant.practice import talk
from assistant.practice.items import KINDS, Item, answer_words, builtin_items
from assistant.practice.level import LevelState, Outcome, after_item
from assistant.practice.scoring import Score, score, supported
from assistant.record import practice as records
from assistant.record.store import KeptForLater, Store
from assistant.turn import Part, joined
from speech.asr.base import Word
from speech.asr.verify import Support

P = ParamSpec("P")
T = TypeVar("T")

MAX_TRIES = 3
FOILS = 30
"""Words of other items added to a Vosk grammar, so a wrong answer has somewhere to go."""


@dataclass(frozen=True)
class Attempt:
    id: int | None
    """None while the attempt waits in the pending journal."""
    time: datetime
    item: Item
    score: Score
    try_number: int
    engine: str
    confidence: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.item.target,
            "heard": self.score.heard,
            "score": self.score.value,
            "passed": self.score.passed,
            "missed": self.score.missed,
            "kind": self.item.kind,
            "level": self.item.level,
            "try": self.try_number,
            "time": self.time.isoformat(timespec="seconds"),
        }


@dataclass(frozen=True)
class Feedback:
    parts: tuple[Part, ...]
    attempt: Attempt | None = None
    """The stored attempt this answers; None for a command ("again", "skip")."""
    done: bool = False
    """The session is over; `parts` end with the closing words."""

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts)

    def runs(self) -> list[Part]:
        """The parts as utterances to speak (`joined`)."""
        return joined(self.parts)


class PracticeSession:
    """A session over `items` in order (homework), or drawn from the sets at the patient's
    level, one kind after another, `count` items long."""

    def __init__(
        self,
        store: Store,
        items: Sequence[Item] | None = None,
        *,
        kinds: Sequence[str] = KINDS,
        count: int = 10,
        level: int | None = None,
        clock: Callable[[], datetime] = now,
        tries: int = MAX_TRIES,
    ) -> None:
        self.store = store
        self._notice: str | None = None
        """What to say first in the next feedback: the database refused a write (kept)."""
        self._max_tries = tries
        """Attempts an item gets: a recording holds one answer per item unless told more."""
        self.clock = clock
        self._assigned = list(items) if items is not None else None
        self._kinds = tuple(kinds) or KINDS
        self._count = len(self._assigned) if self._assigned is not None else count
        self._pool = self._assigned or [*builtin_items(), *records.personal_items(store)]
        self._levels = records.level_states(store)
        if level is not None and self._assigned is None:
            for kind in self._kinds:
                self._levels[kind] = LevelState(level)
                self._save(records.save_level, store, kind, self._levels[kind], clock())
        self._last_seen = records.last_practised(store)
        self._finished: list[tuple[Item, Outcome]] = []
        self._said: Counter[str] = Counter()
        """How often each kind of line was said: each goes through its alternatives in turn."""
        self._tries = 0
        self._offered = False
        self._ended = False
        self.session_key = uuid.uuid4().hex
        self.session_id = self._save(records.start_session, store, self.session_key, clock(),
                                     self._assigned is not None)
        """None while the session's start waits in the pending journal."""
        self._item = self._next_item()

    @property
    def item(self) -> Item | None:
        """The item being practised (None once the session is over)."""
        return self._item

    @property
    def done(self) -> bool:
        return self._ended

    def opening(self) -> Feedback:
        """The greeting and the first cue."""
        if self._item is None:
            return self._told(self._close([]))
        return self._told(Feedback((Part(self._say("opening")), Part(self._item.prompt))))

    def prompt(self) -> str:
        """The cue for the current item, as first said ('' when the session is over)."""
        return self._item.prompt if self._item else ""

    def words(self, engine: str) -> list[str] | None:
        """What to tell the recogniser for the next answer (see `recognition_words`)."""
        if self._item is None:
            return None
        return recognition_words(self._item, self._pool, engine, self._offered)

    def answer(
        self,
        text: str,
        confidence: float | None = None,
        engine: str = "typed",
        words: Sequence[Word] = (),
        support: Sequence[Support] = (),
    ) -> Feedback:
        """Take what was heard: a spoken command, or an attempt that is scored and stored."""
        return self._told(self._answer(text, confidence, engine, words, support))

    def _answer(
        self,
        text: str,
        confidence: float | None,
        engine: str,
        words: Sequence[Word],
        support: Sequence[Support],
    ) -> Feedback:
        if self._item is None:
            return self._close([])
        text = text.strip()
        scored = score(self._item.answers, text, engine=engine, words=words,
                       confidence=confidence, support=support)
        if not scored.passed and text:
            answers = {a.lower() for a in self._item.answers}
            said = [s.text for s in support if s.text.lower() not in answers and supported(s)]
            command = talk.command(text, self._offered) or talk.command(
                said[0] if said else "", self._offered)
            if command:
                return self._command(command)
        self._offered = False
        self._tries += 1
        attempt = self._store_attempt(scored, engine, confidence)
        if scored.passed:
            return self._passed(attempt)
        if self._tries >= self._max_tries:
            return self._end_item(Outcome.MISSED, [self._miss(scored), self._say("give_up")],
                                  attempt)
        if self._tries == 1:
            self._offered = bool(text)
            follow = [self._say("offer")] if text else [self._item.prompt]
            return Feedback((Part(self._miss(scored)), *map(Part, follow)), attempt)
        return Feedback((Part(self._miss(scored)), *self._model()), attempt)

    def stop(self) -> Feedback:
        """End now (the patient said stop, the input ended, the dialog timed out)."""
        return self._told(self._close([]))

    def _save(self, write: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """`write(*args, **kwargs)`; if the database refused it, it waits in the journal and
        the next feedback says so (once, until the database takes a write again)."""
        try:
            return write(*args, **kwargs)
        except KeptForLater as kept:
            if kept.first:
                self._notice = str(kept)
            return None

    def _told(self, feedback: Feedback) -> Feedback:
        """`feedback`, after the notice of a refused write if there is one."""
        notice, self._notice = self._notice, None
        if notice is None:
            return feedback
        return Feedback((Part(notice), *feedback.parts), feedback.attempt, feedback.done)

    def _command(self, command: str) -> Feedback:
        self._offered = False
        assert self._item is not None
        if command == "stop":
            return self._close([])
        if command == "skip":
            return self._end_item(Outcome.MISSED, [self._say("skipped")], None)
        if command in ("slowly", "yes"):
            return Feedback(self._model())
        if command == "hint":
            return Feedback((Part(self._say("hint", target=self._item.target)),
                             Part(self._say("your_turn"))))
        if command == "no":
            return Feedback((Part(self._say("declined")),))
        return Feedback((Part(self._item.prompt),))

    def _model(self) -> tuple[Part, ...]:
        """The target said slowly, word by word, then the patient's turn."""
        assert self._item is not None
        slow = ", ".join(self._item.target.split())
        return (Part(self._say("slowly")), Part(self._say("modelled", target=slow), slow=True),
                Part(self._say("your_turn")))

    def _miss(self, scored: Score) -> str:
        """Name the missed words ("nearly" when each was close); when most were missed, say
        the whole target again."""
        assert self._item is not None
        if not scored.heard:
            return self._say("nothing_heard")
        missed = scored.missed
        if missed == scored.near:
            return self._say("nearly", words=_quoted(missed))
        if len(missed) * 2 > len([w for w in scored.words if w.needed]):
            return self._say("different", target=self._item.target)
        return self._say("missed_words", words=_quoted(missed))

    def _passed(self, attempt: Attempt) -> Feedback:
        first_try = self._tries == 1
        parts = [self._say("passed" if first_try else "passed_after_retry")]
        before_passed, before_failed = records.history(
            self.store, attempt.item.target, attempt.id
        )
        if not before_passed and (attempt.item.level >= 2 or before_failed or not first_try):
            parts.append(self._say("first_time", word=attempt.item.target))
        return self._end_item(Outcome.FIRST_TRY if first_try else Outcome.WITH_RETRY, parts,
                              attempt)

    def _end_item(self, outcome: Outcome, parts: list[str], attempt: Attempt | None) -> Feedback:
        """Finish the current item: adapt the level, then the next cue or the closing."""
        assert self._item is not None
        item = self._item
        self._finished.append((item, outcome))
        self._last_seen[item.target.lower()] = self.clock().isoformat()
        if self._assigned is None:
            before = self._levels[item.kind]
            after = after_item(before, outcome)
            self._levels[item.kind] = after
            self._save(records.save_level, self.store, item.kind, after, self.clock())
            if after.level != before.level:
                parts.append(self._say("level_up" if after.level > before.level else "level_down"))
        self._tries = 0
        self._item = self._next_item()
        if self._item is None:
            return self._close(parts, attempt)
        return Feedback((*map(Part, parts), Part(self._item.prompt)), attempt)

    def _next_item(self) -> Item | None:
        """The next homework item, or the least recently practised item of the next kind,
        as near the patient's level for that kind as the sets allow."""
        if len(self._finished) >= self._count:
            return None
        if self._assigned is not None:
            return self._assigned[len(self._finished)]
        used = {item.target.lower() for item, _ in self._finished}
        for step in range(len(self._kinds)):
            kind = self._kinds[(len(self._finished) + step) % len(self._kinds)]
            level = self._levels[kind].level
            fresh = [
                (abs(i.level - level), self._last_seen.get(i.target.lower(), ""), not i.personal,
                 index, i)
                for index, i in enumerate(self._pool)
                if i.kind == kind and i.target.lower() not in used
            ]
            if fresh:
                return min(fresh)[-1]
        return None

    def _store_attempt(self, scored: Score, engine: str, confidence: float | None) -> Attempt:
        assert self._item is not None
        time = self.clock()
        attempt_id = self._save(
            records.add_attempt,
            self.store,
            session_key=self.session_key,
            item=self._item,
            time=time,
            heard=scored.heard,
            score=scored.value,
            passed=scored.passed,
            try_number=self._tries,
            engine=engine,
            confidence=confidence,
        )
        return Attempt(attempt_id, time, self._item, scored, self._tries, engine, confidence)

    def _close(self, parts: list[str], attempt: Attempt | None = None) -> Feedback:
        """The closing words: what was done, the streak, and first-time words."""
        if not self._ended:
            self._ended = True
            self._item = None
            self._save(records.end_session, self.store, self.session_key, self.clock())
        outcomes = [outcome for _, outcome in self._finished]
        if outcomes:
            clear = sum(o is not Outcome.MISSED for o in outcomes)
            closing = "closing" if clear else "closing_none_clear"  # never a bare "0 of them"
            tried = [item for item, _ in self._finished]
            parts = [*parts, self._say(closing, tried=_tried(tried),
                                       clear=_how_many(clear, len(outcomes)))]
        else:
            parts = [*parts, self._say("closing_early")]
        days = records.streak(self.store, self.clock().date())
        if days >= 2:
            parts.append(self._say("streak", days=amount(days, "days")))
        firsts = records.firsts(self.store, session_key=self.session_key)
        if firsts:
            parts.append(self._say("firsts", words=_quoted([f.target for f in firsts])))
        return Feedback(tuple(map(Part, parts)), attempt, done=True)

    def _say(self, key: str, **facts: object) -> str:
        self._said[key] += 1
        return talk.line(key, self._said[key], **facts)


def recognition_words(
    item: Item, pool: Sequence[Item], engine: str, offered: bool = False
) -> list[str]:
    """The word list that helps the engine hear an answer to `item`.

    Whisper gets the right answers and one way of saying each command, to read each against
    the audio (scoring.verified); only the target can become a decoding hint, as command
    words among the hints made it hear them everywhere ("cup stop stop stop"). Vosk gets a
    grammar:
    the answers' words, words of other items of the kind in `pool` and the commands (so a
    wrong answer or "skip" is not forced onto the target), and "[unk]" for anything else.
    """
    if engine != "vosk":
        return [*item.answers, *talk.spoken_commands(offered)]
    own = answer_words([item])
    others = [i for i in pool if i.kind == item.kind and i != item]
    foils = [w for w in answer_words(others) if w not in own][:FOILS]
    return list(dict.fromkeys([*own, *foils, *talk.command_words(), "[unk]"]))


def _tried(items: list[Item]) -> str:
    """"1 word", "3 phrases", "4 words and phrases": what the session went through."""
    phrases = sum(" " in item.target.strip() for item in items)
    noun = "phrases" if phrases == len(items) else "words" if not phrases else "words and phrases"
    return amount(len(items), noun)


def _how_many(some: int, of: int) -> str:
    """"it", "all of them", "2 of them": how many of the words tried were said clearly."""
    if some == of:
        return "it" if of == 1 else "all of them"
    return f"{some} of them"


def _quoted(words: list[str]) -> str:
    return listing([f"'{word}'" for word in words])
