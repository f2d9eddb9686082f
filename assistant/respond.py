"""What the assistant says back after a turn has been saved.

For now the reply reads back what was understood, so the patient hears that it was caught
correctly; history-aware encouragement replaces this in the encouragement module.
"""

from __future__ import annotations

from assistant.understand import Understanding

HELP = (
    "Tell me about something you did today, like: I walked twenty steps with my walker. "
    "I'll keep a record of every win."
)


def reply_to(understanding: Understanding) -> str:
    summaries = [m.summary for m in understanding.milestones]
    if understanding.intent == "milestone" and summaries:
        return f"Well done. I've noted that you {_and(summaries)}."
    if understanding.intent == "setback":
        return "Thank you for telling me. Some days are harder, and I've noted it."
    if understanding.intent == "goal":
        return "That's a good goal. I've written it down."
    if understanding.intent == "command" and understanding.command == "help":
        return HELP
    return f"I heard: {understanding.text.strip()}. I've saved it."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
