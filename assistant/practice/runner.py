"""Running a practice session on a stream of answers: a recording, a microphone or typed lines.

Each answer is recognised with the words of the item being practised at that moment (a Vosk
grammar or Whisper hints): `hear_audio` asks for them lazily, after the previous answer has
moved the session on. The answers go through the conversation's turn loop (`take_turns`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.conversation.loop import take_turns
from assistant.practice.session import Feedback, PracticeSession
from assistant.turn import Heard

Answered = tuple[Heard | None, Feedback]
"""Feedback with the answer it is to (None for the greeting and the closing)."""


def practise(
    session: PracticeSession,
    answers: Iterable[Heard],
    show: Callable[[Feedback, Heard | None], None],
    speak: Callable[[Feedback], None],
) -> None:
    """Greet, then answer each answer, until the session or the input ends."""

    def give(answered: Answered) -> None:
        answer, feedback = answered
        show(feedback, answer)
        speak(feedback)

    def take(answer: Heard) -> Answered:
        return answer, session.answer(answer.text, answer.confidence, answer.engine or "typed",
                                      answer.words, answer.support)

    opening = session.opening()
    give((None, opening))
    if not opening.done:
        take_turns(answers, take, give, until=lambda answered: answered[1].done)
    if not session.done:
        give((None, session.stop()))
