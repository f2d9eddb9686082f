"""The conversation: one heard utterance in, one committed turn and its reply out.

It forgives: unsure recognitions are confirmed before they count, "delete that" undoes,
and voice commands (repeat, slower, louder, help, pause) work at any point. Outside a short
window after each reply it only listens to its wake phrase, so a radio or a visitor never
creates entries. Every utterance it reacts to is committed before its reply is decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from assistant.conversation import goals, safety, talk
from assistant.conversation.answers import answer, week_story
from assistant.conversation.encourage import encourage
from assistant.conversation.hearing import ENROLLED
from assistant.conversation.numbers_and_dates import amount, day, listing
from assistant.conversation.phrasebook import Phrasebook, addressed
from assistant.conversation.safety import Contacts
from assistant.conversation.soundslike import understand_heard
from assistant.practice.session import PracticeSession
from assistant.record import forget, history
from assistant.record.history import Goal
from assistant.record.store import Entries, Store, turn_entries
from assistant.turn import Heard, Part, Progress, ReplyKind, Turn
from assistant.understand import Milestone, Understanding, strip_wake, understand
from speech.tts import DEFAULT_RATE_WPM, VoiceSettings

DEFAULT_WAKE_PHRASE = "hey coach"
DEFAULT_WINDOW_S = 30.0
"""How long after a reply a follow-up needs no wake phrase: long enough to answer slowly."""
DEFAULT_CONFIRM_BELOW = 0.5
"""Recogniser confidence (0–1) under which a milestone is read back before it counts."""
RATE_STEP, RATE_RANGE = 20, (80, 220)
VOLUME_STEP, VOLUME_RANGE = 0.2, (0.2, 1.0)
_CAUTIONED = frozenset((ReplyKind.ENCOURAGE, ReplyKind.SETBACK, ReplyKind.HEARD, ReplyKind.FEELING,
                        ReplyKind.SOCIAL, ReplyKind.CONFIRM, ReplyKind.GOAL))
"""Replies to news that may carry a stroke sign with nothing sudden about it (a caution)."""
_LIMITS = {"slower": "slowest", "faster": "fastest", "louder": "loudest", "quieter": "quietest"}
"""The reply (in replies.toml) when a voice command is already at its limit."""


@dataclass(frozen=True)
class Offer:
    """A yes/no question the assistant is waiting on."""

    kind: str
    """confirm, share, next_goal, plan, first_step, undo, forget or details; after a red
    flag: number (say it again), hurt (are you hurt?) or forget_alert (delete a red flag?)."""
    utterance_id: int | None = None
    understanding: Understanding | None = None
    goal_id: int | None = None
    target: Milestone | None = None
    details: str = ""
    """What "yes" to "want to hear the details?" says."""


@dataclass(frozen=True)
class DialogSettings:
    wake_phrase: str | None = None
    """None: every utterance is for the assistant (typed input, recordings)."""
    window_s: float = DEFAULT_WINDOW_S
    confirm_below: float = DEFAULT_CONFIRM_BELOW
    contacts: Contacts = Contacts()
    """Who to call in an emergency, read out in every alert reply."""
    repair_by_sound: bool = False
    """Recognised speech read with a misheard unit or number mended (soundslike.py)."""


class Dialog:
    def __init__(self, store: Store, settings: DialogSettings, voice: VoiceSettings) -> None:
        self.store = store
        self.settings = settings
        self.voice = voice
        self._offer: Offer | None = None
        self._open_until: datetime | None = None
        self._last_reply = ""
        self._practice: PracticeSession | None = None
        self._progress: Progress | None = None
        """What the reply being decided celebrates, if it encourages."""
        self._finished: list[Goal] = []
        """The goals the turn being taken finishes, committed with its utterance."""

    def hints(self, engine: str) -> list[str] | None:
        """Words to help the recogniser: the practice target while a session runs."""
        return self._practice.words(engine) if self._practice else None

    def take(self, heard: Heard) -> Turn | None:
        """Commit and answer one utterance; None when it was not addressed to the assistant."""
        text = self._addressed(heard)
        if text is None:
            return None
        heard_speech = heard.engine not in (None, ENROLLED)
        read = understand_heard if self.settings.repair_by_sound and heard_speech else understand
        understanding = read(text, heard.at.date())
        self._finished = self._finishing(heard, understanding)
        utterance_id = self.store.add_utterance(
            time=heard.at, text=heard.text, source=heard.source, engine=heard.engine,
            confidence=heard.confidence, duration_s=heard.duration_s,
            intent=understanding.intent, understanding=understanding.to_dict(),
            entries=self._entries(heard, understanding, text),
        )
        book = Phrasebook(history.recent_replies(self.store), seed=utterance_id)
        parts: tuple[Part, ...] = ()
        self._progress = None
        if understanding.alert is not None:
            self._practice = None
            kind, reply = ReplyKind.ALERT, self._alert(understanding, utterance_id, heard.at, book)
        elif self._practice is not None or understanding.intent == "practice":
            kind, parts = ReplyKind.PRACTICE, self._practise(heard, text)
            reply = " ".join(p.text for p in parts)
        else:
            kind, reply = self._respond(heard, text, understanding, utterance_id, book)
            if understanding.caution is not None and kind in _CAUTIONED:
                reply = f"{safety.if_new(self.settings.contacts, book)} {reply}"
        if kind != ReplyKind.REPEAT:
            self.store.add_reply(heard.at, kind, reply)
            self._last_reply = reply
        spoken_for = (heard.duration_s or 0.0) + self.settings.window_s
        self._open_until = heard.at + timedelta(seconds=spoken_for)
        if kind == ReplyKind.PAUSED:
            self._open_until = None
        return Turn(utterance_id, heard.at, heard, understanding, kind, reply, self.voice, parts,
                    self._progress)

    def _entries(self, heard: Heard, u: Understanding, text: str) -> Entries:
        """What this turn records with its utterance, in the same transaction (or the same
        journal line, so a replay stores the same): a red flag with any milestones said with
        it; a feeling; milestones, except in practice and while they must be confirmed; the
        goals the turn finishes."""
        if u.alert is not None:
            return turn_entries(u.milestones, alert=(u.alert.kind, u.alert.words))
        if self._practice is not None:
            return {}
        if u.intent == "feeling" and u.mood is not None:
            return turn_entries(mood=(u.mood, text))
        finished = [g.id for g in self._finished]
        if u.intent != "milestone" or self._unsure(heard) or self._planning():
            return turn_entries(finished_goals=finished)
        return turn_entries(u.milestones, finished_goals=finished)

    def _planning(self) -> bool:
        """The patient is saying what a first small step toward a goal would be: not done yet."""
        return self._offer is not None and self._offer.kind == "first_step"

    def _finishing(self, heard: Heard, u: Understanding) -> list[Goal]:
        """The goals this turn finishes: those its milestones reach, or with "I did it" the
        goal being worked on; none in practice, after a red flag or before a confirmation."""
        if u.alert is not None or self._practice is not None or self._planning():
            return []
        if u.intent == "milestone" and not self._unsure(heard):
            return goals.finished_by(self.store, u.milestones, u.reached_goal)
        if u.intent == "command" and u.command == "done":
            return goals.finished_by(self.store, (), said_done=True)
        return []

    def _unsure(self, heard: Heard) -> bool:
        return heard.confidence is not None and heard.confidence < self.settings.confirm_below

    def _addressed(self, heard: Heard) -> str | None:
        """The words meant for the assistant, without the wake phrase; None if not for it.
        A red flag is always for it: someone who has fallen or feels their face go numb
        will not remember a wake phrase, and a false alarm from the radio costs far less."""
        phrase = self.settings.wake_phrase
        in_conversation = self._open_until is not None and heard.at <= self._open_until
        if phrase is None or in_conversation or self._practice is not None:
            return heard.text
        woken = strip_wake(heard.text, phrase)
        if woken is None and understand(heard.text).alert is not None:
            return heard.text
        return woken

    def _respond(
        self, heard: Heard, text: str, u: Understanding, utterance_id: int, book: Phrasebook
    ) -> tuple[ReplyKind, str]:
        offer, self._offer = self._offer, None
        if not text.strip():
            return ReplyKind.AWAKE, book.say("dialog.awake")
        if offer is not None and offer.kind in ("number", "hurt", "forget_alert"):
            said = self._after_alert(offer, u, book)
            if said is not None:
                return ReplyKind.ALERT, said
        if offer is not None and u.command in ("yes", "no"):
            return self._settle(offer, u.command == "yes", heard.at, book)
        if offer is not None and offer.kind == "first_step" and offer.goal_id is not None \
                and u.intent != "command":
            goal = history.goal(self.store, offer.goal_id)
            step = goals.goal_words(text)
            goals.add_step(self.store, goal, heard.at, step)
            return ReplyKind.PLAN, book.say("goal.first_step_set", step=step, goal=goal.text)
        if u.intent == "command" and u.command:
            return self._command(u.command, utterance_id, heard.at, book)
        if u.intent == "milestone" and u.milestones:
            if self._unsure(heard):
                self._offer = Offer("confirm", utterance_id, u)
                return ReplyKind.CONFIRM, book.say("dialog.confirm", summary=_listing(u.milestones))
            return self._record(utterance_id, u, heard.at, book, self._finished)
        if u.intent == "goal":
            goal = goals.create(self.store, utterance_id, heard.at, u)
            self._offer = Offer("plan", goal_id=goal.id)
            return ReplyKind.GOAL, book.say("goal.set", goal=goal.text)
        if u.intent == "setback":
            return ReplyKind.SETBACK, _setback(self.store, u, utterance_id, heard.at, book)
        if u.intent == "progress_query" and u.query is not None and u.query.kind == "goals" \
                and not any(g.parent_id is None for g in history.active_goals(self.store)):
            return ReplyKind.ANSWER, self._reached_before(heard.at, book)
        if u.intent == "progress_query" and u.query is not None and u.query.kind == "week":
            return ReplyKind.ANSWER, self._week(heard.at, u.query.period, book)
        if u.intent == "progress_query":
            return ReplyKind.ANSWER, answer(self.store, u.query, heard.at, book)
        if u.intent == "feeling" and u.mood is not None:
            return ReplyKind.FEELING, talk.feeling(self.store, u.mood, utterance_id, heard.at, book)
        if u.intent == "feeling":  # how the body feels ("my legs are sore"): no mood to keep
            return ReplyKind.FEELING, book.say("feeling.noted")
        if u.intent == "social":
            return ReplyKind.SOCIAL, talk.social(text, heard.at, book)
        if u.request is not None:
            return ReplyKind.REQUEST, book.say(f"request.{u.request}")
        # A win no activity of the vocabulary names (the learned intent): kept in their words.
        phrase = "dialog.heard_win" if u.intent == "milestone" else "dialog.heard"
        return ReplyKind.HEARD, book.say(phrase, text=_gist(text))

    def _alert(self, u: Understanding, utterance_id: int, now: datetime, book: Phrasebook) -> str:
        """A red flag comes first: before practice, a pending question, a command or a
        milestone. Milestones said with it are stored, so the record stays true and nothing
        said is lost, but not celebrated: praise next to a warning sign would soothe it."""
        assert u.alert is not None
        offer, self._offer = self._offer, None
        contacts = self.settings.contacts
        asked = offer is not None and offer.kind == "hurt"
        if safety.needs_checking(u.alert, u) and not asked:
            self._offer = Offer("hurt", utterance_id, u)
            return safety.check_fall(_gist(u.text), contacts, book)
        self._offer = Offer("number")
        return safety.emergency(u.alert, _gist(u.text), contacts, book)

    def _after_alert(self, offer: Offer, u: Understanding, book: Phrasebook) -> str | None:
        """The answer to what an alert reply asked; None when it answers something else.
        An answer to "are you hurt?" that is not a plain no ("my hip", "I don't know") is
        taken as yes: after a fall, asking twice costs time. A command ("slower") or a new
        update is taken as itself."""
        contacts = self.settings.contacts
        asks_number = u.command in ("yes", "repeat") or "number" in u.text.lower().split()
        if offer.kind == "number" and asks_number:
            self._offer = offer
            return safety.number(contacts, book)
        if offer.kind == "hurt" and (u.command == "no" or u.injury is False):
            return safety.not_hurt(contacts, book)
        if offer.kind == "hurt" and (u.command == "yes" or u.intent in ("other", "setback")):
            self._offer = Offer("number")
            fall = offer.understanding
            assert fall is not None and fall.alert is not None
            return safety.emergency(fall.alert, _gist(fall.text), contacts, book)
        if offer.kind == "forget_alert" and offer.utterance_id is not None and \
                u.command in ("yes", "no"):
            words = offer.understanding.text if offer.understanding else ""
            if u.command == "no":
                return book.say("alert.forget_kept")
            self.store.remove_utterance(offer.utterance_id)
            return book.say("alert.forget_done", words=_gist(words))
        return None

    def _practise(self, heard: Heard, text: str) -> tuple[Part, ...]:
        """Start a practice session ("let's practise"), or pass it the answer just heard."""
        if self._practice is None:
            self._practice = PracticeSession(self.store, clock=lambda: heard.at)
            feedback = self._practice.opening()
        else:
            feedback = self._practice.answer(text, heard.confidence, heard.engine or "typed")
        if feedback.done:
            self._practice = None
        return tuple(feedback.runs())

    def _record(
        self, utterance_id: int, u: Understanding, now: datetime, book: Phrasebook,
        finished: list[Goal],
    ) -> tuple[ReplyKind, str]:
        """Celebrate a goal the stored milestones finished, or encourage."""
        if finished:
            return ReplyKind.GOAL_REACHED, self._celebrate(goals.celebrated(finished), book)
        cheer = encourage(self.store, u.milestones, utterance_id, now, book)
        if cheer.offer:
            self._offer = Offer(cheer.offer, utterance_id, u, target=cheer.next_target)
        self._progress = cheer.progress
        return ReplyKind.ENCOURAGE, cheer.text

    def _settle(
        self, offer: Offer, yes: bool, now: datetime, book: Phrasebook
    ) -> tuple[ReplyKind, str]:
        """The patient answered the question the last reply asked."""
        if offer.kind == "confirm" and offer.understanding and offer.utterance_id is not None:
            if yes:
                said = offer.understanding
                finished = goals.finished_by(self.store, said.milestones, said.reached_goal)
                self.store.add_entries(offer.utterance_id, now, turn_entries(
                    said.milestones, finished_goals=[g.id for g in finished]))
                return self._record(offer.utterance_id, said, now, book, finished)
            self.store.remove_utterance(offer.utterance_id)
            return ReplyKind.CONFIRM_NO, book.say("dialog.confirm_no")
        if offer.kind == "share" and offer.utterance_id is not None:
            if yes:
                self.store.share(offer.utterance_id)
                return ReplyKind.SHARED, book.say("dialog.shared")
            return ReplyKind.NOT_SHARED, book.say("dialog.not_shared")
        if offer.kind == "next_goal" and offer.target is not None and yes:
            goal = goals.create_target(self.store, now, offer.target)
            return ReplyKind.GOAL, book.say("goal.next_goal_set", goal=goal.text)
        if offer.kind == "undo" and offer.utterance_id is not None:
            if not yes:
                return ReplyKind.UNDO, book.say("dialog.undo_kept")
            return ReplyKind.UNDO, self._remove(
                history.utterance(self.store, offer.utterance_id), book)
        if offer.kind == "details" and yes:
            return ReplyKind.ANSWER, offer.details
        if offer.kind == "forget":
            if not yes:
                return ReplyKind.FORGET, book.say("dialog.forget_kept")
            forget.forget(self.store, None)
            return ReplyKind.FORGET, book.say("dialog.forget_done")
        if offer.kind == "plan" and offer.goal_id is not None:
            goal = history.goal(self.store, offer.goal_id)
            if not yes:
                return ReplyKind.PLAN, book.say("goal.plan_declined", goal=goal.text)
            return ReplyKind.PLAN, self._plan(goal, now, book)
        return ReplyKind.OK, book.say("dialog.ok")

    def _command(
        self, command: str, utterance_id: int, now: datetime, book: Phrasebook
    ) -> tuple[ReplyKind, str]:
        if command == "repeat":
            return ReplyKind.REPEAT, self._last_reply or self._help(book)
        if command in ("slower", "faster", "louder", "quieter"):
            return self._adjust(command, book)
        if command == "undo":
            return self._undo(utterance_id, book)
        if command == "share":
            return ReplyKind.SHARED, self._share_last(book)
        if command == "forget":
            self._offer = Offer("forget")
            return ReplyKind.FORGET, book.say("dialog.forget_ask")
        if command == "done" and self._finished:
            return ReplyKind.GOAL_REACHED, self._celebrate(goals.celebrated(self._finished), book)
        if command == "done":
            return ReplyKind.GOAL_REACHED, self._reached_before(now, book)
        if command in ("stop", "pause"):
            if self.settings.wake_phrase:
                return ReplyKind.PAUSED, book.say("dialog.paused", wake=self.settings.wake_phrase)
            return ReplyKind.STOPPED, book.say("dialog.stopped")
        if command in ("yes", "no"):
            return ReplyKind.OK, book.say("dialog.ok")
        return ReplyKind.HELP, self._help(book)

    def _help(self, book: Phrasebook) -> str:
        return book.say("dialog.help", number=self.settings.contacts.emergency_number)

    def _adjust(self, command: str, book: Phrasebook) -> tuple[ReplyKind, str]:
        """Change and remember how the assistant speaks, within comfortable limits."""
        voice = self.voice
        if command in ("slower", "faster"):
            rate_step = -RATE_STEP if command == "slower" else RATE_STEP
            rate = min(max(voice.rate_wpm + rate_step, RATE_RANGE[0]), RATE_RANGE[1])
            changed = replace(voice, rate_wpm=rate)
        else:
            step = VOLUME_STEP if command == "louder" else -VOLUME_STEP
            volume = round(min(max(voice.volume + step, VOLUME_RANGE[0]), VOLUME_RANGE[1]), 2)
            changed = replace(voice, volume=volume)
        if changed == voice:
            return ReplyKind(command), book.say(f"dialog.{_LIMITS[command]}")
        self.voice = changed
        self.store.set_setting("rate_wpm", str(changed.rate_wpm))
        self.store.set_setting("volume", str(changed.volume))
        return ReplyKind(command), book.say(f"dialog.{command}")

    def _undo(self, utterance_id: int, book: Phrasebook) -> tuple[ReplyKind, str]:
        """"Delete that" takes back the last thing said. A red flag is only offered, and so is
        the entry before when the last thing said saved none: deleting the wrong thing, or a
        warning sign, must take a spoken yes."""
        said = history.said_before(self.store, utterance_id)
        if said is not None and said["intent"] in (*history.RECORD_INTENTS, "feeling"):
            return ReplyKind.UNDO, self._remove(said, book)
        last = history.last_record(self.store)
        alerts = history.alerts(self.store)
        if alerts and (last is None or alerts[-1].utterance_id > last["id"]):
            flag = alerts[-1]
            self._offer = Offer("forget_alert", flag.utterance_id, understand(flag.said))
            return ReplyKind.ALERT, book.say("alert.forget_ask", words=_gist(flag.said))
        if last is None:
            return ReplyKind.UNDO, book.say("dialog.undo_nothing")
        self._offer = Offer("undo", utterance_id=last["id"])
        return ReplyKind.UNDO, book.say("dialog.undo_offer", what=self._summary(last))

    def _remove(self, said: dict[str, Any], book: Phrasebook) -> str:
        summary = self._summary(said)
        self.store.remove_utterance(said["id"])
        return book.say("dialog.undo", what=summary)

    def _summary(self, said: dict[str, Any]) -> str:
        """What an utterance recorded, said to the patient, or else their words as said."""
        recorded = history.recorded_from(self.store, said["id"])
        return addressed(_listing(recorded)) if recorded else str(said["text"])

    def _share_last(self, book: Phrasebook) -> str:
        last = history.last_record(self.store)
        if last is None or not history.recorded_from(self.store, last["id"]):
            return book.say("dialog.share_nothing")
        self.store.share(last["id"])
        return book.say("dialog.shared")

    def _plan(self, goal: Goal, now: datetime, book: Phrasebook) -> str:
        """Smaller steps toward `goal`; when none make sense, the patient is asked for the
        first one (their answer becomes it), or told the goal is already the next step."""
        steps = goals.plan(self.store, goal, now)
        if len(steps) > 1:
            said = [book.say("goal.plan_first", step=steps[0]),
                    *(book.say("goal.plan_then", step=s) for s in steps[1:-1]),
                    book.say("goal.plan_last", step=steps[-1])]
            return book.say("goal.plan", plan=" ".join(said))
        if steps:
            return book.say("goal.plan_close", goal=goal.text)
        self._offer = Offer("first_step", goal_id=goal.id)
        return book.say("goal.ask_first_step", goal=goal.text)

    def _week(self, now: datetime, period: str | None, book: Phrasebook) -> str:
        """The week in about 30 words, and the rest if the patient wants it: a long answer
        at a slow speaking rate is hard to follow to the end."""
        week = week_story(self.store, now, book, period)
        if not week.details:
            return week.short
        self._offer = Offer("details", details=week.details)
        return f"{week.short} {book.say('answer.offer_details')}"

    def _celebrate(self, goal: Goal, book: Phrasebook) -> str:
        return f"{book.say('goal.reached', goal=goal.text)} {self._offer_next(goal, book)}"

    def _reached_before(self, now: datetime, book: Phrasebook) -> str:
        """No goal is open: celebrate the last one reached and look ahead, rather than
        talk as if there had never been a goal."""
        last = goals.last_reached(self.store)
        if last is None:
            return book.say("goal.none_active")
        goal, when = last
        said = book.say("goal.reached_before", goal=goal.text, when=day(when, now.date()))
        return f"{said} {self._offer_next(goal, book)}"

    def _offer_next(self, goal: Goal, book: Phrasebook) -> str:
        """A little more of a counted goal, as a yes/no question; otherwise ask the patient."""
        target = goals.after(goal)
        if target is None:
            return book.say("goal.ask_next")
        self._offer = Offer("next_goal", target=target)
        return book.say("also.offer_next_goal", next=amount(target.value, target.unit))


def _setback(store: Store, u: Understanding, utterance_id: int, now: datetime,
             book: Phrasebook) -> str:
    """Empathy and perspective from the record: the same activity going better before."""
    if u.setback is not None:
        before = history.milestones(store, activity=u.setback.activity,
                                    before_utterance=utterance_id)
        if before:
            best = max(before, key=lambda d: d.value or 0)
            return book.say("setback.with_history", previous=best.summary,
                            when=day(best.time, now.date()))
    return book.say("setback.plain")


def _gist(text: str, limit: int = 80) -> str:
    """What was heard, short enough to read back: a pasted page must not become an hour of
    speech (and espeak-ng is not built for endless symbol strings)."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _listing(found: Sequence[Milestone]) -> str:
    return listing([m.summary for m in found])


def remembered_voice_settings(store: Store, rate: int | None, volume: float | None, voice: str,
                              model: Path | None = None) -> VoiceSettings:
    """Rate and volume given now win; otherwise what the patient last asked for by voice,
    so "slower, please" outlasts a restart; otherwise the defaults."""
    remembered_rate, remembered_volume = store.setting("rate_wpm"), store.setting("volume")
    return VoiceSettings(
        rate_wpm=rate or (int(remembered_rate) if remembered_rate else DEFAULT_RATE_WPM),
        volume=volume if volume is not None else
        (float(remembered_volume) if remembered_volume else 1.0),
        voice=voice,
        model=model,
    )
