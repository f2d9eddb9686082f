"""Running a practice session on a stream of answers: a recording, a microphone or typed lines.

Each answer is recognised with the words of the item being practised at that moment (a Vosk
grammar or Whisper hints): `hear_audio` asks for them lazily, after the previous answer has
moved the session on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.practice.session import Feedback, PracticeSession
from assistant.turn import Heard


def practise(
    session: PracticeSession,
    answers: Iterable[Heard],
    show: Callable[[Feedback, Heard | None], None],
    speak: Callable[[Feedback], None],
) -> None:
    """Greet, then answer each answer, until the session or the input ends."""
    opening = session.opening()
    show(opening, None)
    speak(opening)
    if opening.done:
        return
    for answer in answers:
        feedback = session.answer(
            answer.text, answer.confidence, answer.engine or "typed", answer.words, answer.support
        )
        show(feedback, answer)
        speak(feedback)
        if feedback.done:
            return
    closing = session.stop()
    show(closing, None)
    speak(closing)
