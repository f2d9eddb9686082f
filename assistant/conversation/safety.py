"""What the assistant says to a red flag: plain, without praise, graded as a clinician would.

It cannot call anyone, so every alert reply says so and tells the patient who can: the
emergency number, their alarm button, the carer the caregiver named. A fall with no injury
said is asked about first ("are you hurt?") and the doctor or carer told the same day; a
fall with a blow to the head, pain, bleeding or not being able to get up is an emergency.
Despair also gets the crisis line. Every sentence is in replies.toml under [alert].
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.conversation.phrasebook import Phrasebook
from assistant.understand import Alert, AlertKind, Understanding

NUMBERS = {"US": "911", "GB": "999", "UK": "999"}
"""Emergency numbers by the locale's country; every other country here answers 112."""
FALLBACK_NUMBER = "112"


def local_emergency_number(environ: Mapping[str, str]) -> str:
    """The emergency number for the locale (LC_ALL, then LC_MESSAGES, then LANG):
    en_US 911, en_GB 999, anything else 112 (the European and GSM number)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            country = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return NUMBERS.get(country, FALLBACK_NUMBER)
    return FALLBACK_NUMBER


@dataclass(frozen=True)
class Contacts:
    """Who can help, as the caregiver set it up."""

    emergency_number: str = FALLBACK_NUMBER
    carer_name: str | None = None
    carer_phone: str | None = None
    crisis_line: str | None = None


def needs_checking(alert: Alert, u: Understanding) -> bool:
    """A fall and nothing else, with no injury said: ask before sounding the alarm."""
    return alert.kinds == (AlertKind.FALL,) and u.injury is not True


def emergency(alert: Alert, heard: str, contacts: Contacts, book: Phrasebook) -> str:
    """The reply to a red flag: what was heard, that it cannot call, who to call now, and the
    offer to say the number again."""
    sentences = [book.say("alert.heard", words=heard), book.say(f"alert.{alert.kind}")]
    if alert.kind is AlertKind.SELF_HARM and contacts.crisis_line:
        sentences.append(book.say("alert.crisis_line", crisis=contacts.crisis_line))
    sentences += [
        book.say("alert.cannot_call"),
        book.say("alert.call_now", number=contacts.emergency_number),
        *_carer(contacts, book),
        book.say("alert.offer_repeat"),
    ]
    return " ".join(sentences)


def check_fall(heard: str, contacts: Contacts, book: Phrasebook) -> str:
    """A fall with no injury said: are you hurt, what would make it an emergency, tell
    someone today."""
    return " ".join([
        book.say("alert.heard", words=heard),
        book.say("alert.are_you_hurt"),
        book.say("alert.cannot_call"),
        book.say("alert.if_hurt", number=contacts.emergency_number),
        book.say("alert.tell_today", who=_who(contacts)),
    ])


def if_new(contacts: Contacts, book: Phrasebook) -> str:
    """Said before the reply to a stroke sign with nothing sudden about it ("his speech is
    slurred"): usually recovery, but if it is new it is an emergency, so say what to do."""
    return book.say("alert.if_new", number=contacts.emergency_number)


def not_hurt(contacts: Contacts, book: Phrasebook) -> str:
    return book.say("alert.not_hurt", who=_who(contacts), number=contacts.emergency_number)


def number(contacts: Contacts, book: Phrasebook) -> str:
    """The number again, digit by digit ("9, 1, 1"), and the carer's."""
    digits = ", ".join(contacts.emergency_number.replace(" ", ""))
    return " ".join([book.say("alert.number", number=digits), *_carer(contacts, book)])


def _carer(contacts: Contacts, book: Phrasebook) -> list[str]:
    if contacts.carer_name and contacts.carer_phone:
        return [book.say("alert.carer_phone", carer=contacts.carer_name,
                         phone=contacts.carer_phone)]
    if contacts.carer_name:
        return [book.say("alert.carer", carer=contacts.carer_name)]
    return []


def _who(contacts: Contacts) -> str:
    return f"your doctor or {contacts.carer_name}" if contacts.carer_name else \
        "your doctor or carer"
