"""Replies to feelings and everyday talk: empathy drawn from the patient's own record, and
a short natural answer to a greeting, thanks or goodbye."""

from __future__ import annotations

from datetime import datetime, timedelta

from assistant.conversation.numbers_and_dates import day
from assistant.conversation.phrasebook import Phrasebook
from assistant.record import history
from assistant.record.store import Store
from assistant.understand import Mood

RECENT = timedelta(days=7)
"""A low day is answered with a win from this far back at most: last month feels distant."""
THANKS = ("thank", "thanks", "cheers")
GOODBYE = ("bye", "goodbye", "night", "later", "tomorrow")
GREETING = ("hello", "hi", "hey", "morning", "afternoon", "evening")


def feeling(store: Store, mood: Mood, utterance_id: int, now: datetime, book: Phrasebook) -> str:
    """A low mood gets empathy and, when there is one, the week's best win in their own
    words ("On Monday you walked 40 steps; that was you"); a good mood a warm word."""
    if mood is Mood.GOOD:
        return book.say("feeling.good")
    done = history.milestones(store, since=now - RECENT, before_utterance=utterance_id)
    if not done:
        return book.say("feeling.low")
    win = max(done, key=lambda d: (d.value or 0, d.time))
    return book.say("feeling.low_with_win", when=day(win.time, now.date()), summary=win.summary)


def social(text: str, now: datetime, book: Phrasebook) -> str:
    """A short answer in kind: thanks, goodbye, hello (with the time of day), or chat."""
    words = set(text.lower().replace(",", " ").replace(".", " ").replace("!", " ").split())
    if words & set(THANKS):
        return book.say("social.thanks")
    if words & set(GOODBYE):
        return book.say("social.goodbye")
    if words & set(GREETING):
        part = "morning" if now.hour < 12 else "afternoon" if now.hour < 18 else "evening"
        return book.say("social.greeting", part=part)
    return book.say("social.chat")
