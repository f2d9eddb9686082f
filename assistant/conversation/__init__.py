"""The conversation: one heard utterance in, one committed turn and its spoken reply out.

    hearing.py          where utterances come from, and audio → what was heard (speculating)
    loop.py             the turn loop: heard → turn taken → reply spoken
    dialog.py           one turn: understand, commit, decide the reply; voice commands
    encourage.py        the reply to a milestone, from the patient's own record
    goals.py            goals, their smaller steps, and when one is reached
    answers.py          answers to questions about progress
    phrasebook.py       reply sentences from replies.toml, not repeated
    numbers_and_dates.py numbers, amounts, days and periods the way a person says them
"""
