"""Running a practice session on a stream of answers: a recording, a microphone or typed lines.

Unlike the main loop, each answer is recognised with the words of the item being practised
at that moment (a Vosk grammar or Whisper hints), so the hint is asked for lazily, after the
previous answer has moved the session on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from assistant.practice.session import Feedback, PracticeSession
from speech.asr.base import Recognizer, Transcript, Word, transcribe
from speech.audio import Audio
from speech.vad import Endpointer, utterances


@dataclass(frozen=True)
class Answer:
    text: str
    engine: str
    confidence: float | None = None
    words: tuple[Word, ...] = ()


def hear_answers(
    blocks: Iterable[Audio],
    recognizer: Recognizer,
    endpointer: Endpointer,
    hints: Callable[[], list[str] | None],
) -> Iterator[Answer]:
    """Endpoint the stream and recognise each utterance with the hints of that moment.
    Utterances with no words at all (a cough) are skipped, as in the main loop."""
    for utterance in utterances(blocks, endpointer):
        transcript = recognise(recognizer, utterance.audio, hints())
        if transcript.text.strip():
            yield Answer(
                transcript.text.strip(), transcript.engine, transcript.confidence,
                transcript.words,
            )


def recognise(recognizer: Recognizer, audio: Audio, words: list[str] | None) -> Transcript:
    """Recognise one answer with `words`; when that hears nothing, once more without.

    Whisper under hints sometimes returns nothing for a correct short name ("Margaret"), and
    what was really said is worth storing and scoring.
    """
    transcript = transcribe(recognizer, audio, words)
    if words and not transcript.text.strip():
        return transcribe(recognizer, audio)
    return transcript


def typed_answers(lines: Iterable[str]) -> Iterator[Answer]:
    for line in lines:
        if line.strip():
            yield Answer(line.strip(), "typed")


def practise(
    session: PracticeSession,
    answers: Iterable[Answer],
    show: Callable[[Feedback, Answer | None], None],
    speak: Callable[[Feedback], None],
) -> None:
    """Greet, then answer each answer, until the session or the input ends."""
    opening = session.opening()
    show(opening, None)
    speak(opening)
    if opening.done:
        return
    for answer in answers:
        feedback = session.answer(answer.text, answer.confidence, answer.engine, answer.words)
        show(feedback, answer)
        speak(feedback)
        if feedback.done:
            return
    closing = session.stop()
    show(closing, None)
    speak(closing)
