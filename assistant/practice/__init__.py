"""Speech-therapy practice by voice, for aphasia and dysarthria between therapy sessions.

The patient says "let's practise" (or runs `smallwins practice`, in assistant/cli/practice.py);
the session gives a cue, listens with the item's words as recognition hints, scores the answer
word by word, stores every attempt, says what to try next, and adapts the difficulty per
exercise kind.

    items.py    practice sets (sets/*.toml), personal items and homework lists
    scoring.py  an answer against its target, forgiving recogniser spelling (words.toml)
    level.py    adaptive difficulty
    talk.py     what the coach says and the commands it hears (talk.toml)
    session.py  the turn-by-turn session: PracticeSession, Feedback
    runner.py   a session over recorded, live or typed answers
"""
