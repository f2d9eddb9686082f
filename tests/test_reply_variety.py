"""Variety is a property of every reply (issue 17 item 7): over 100 scripted turns through
`run --text` on one SQLite file, no sentence of a reply comes back while another of its
alternatives in replies.toml has not been said since, within the last 20 replies (the window
the phrasebook looks back over), whatever numbers were in it."""

from __future__ import annotations

import json

import pytest

from assistant.conversation.phrasebook import pattern, table
from assistant.record.history import recent_replies

WINDOW = recent_replies.__defaults__[0]

DAY = [
    "good morning", "I walked {steps} steps", "I stood up {stands} times", "how am I doing",
    "I walked {steps} steps", "slower", "slower", "slower", "slower", "slower",
    "faster", "louder", "thank you", "I feel useless today", "how many steps this week",
    "what's my best", "I couldn't walk much today", "what did I do today", "goodbye", "help",
]
"""One day's talk, 20 turns: updates, voice commands said until their limit, questions."""


def scripted_days():
    for n in range(5):
        lines = [line.format(steps=10 + 3 * n + (k % 3), stands=4 + n)
                 for k, line in enumerate(DAY)]
        yield f"2026-03-{2 + n:02d}T09:00:00", lines


def alternatives():
    """Every reply key with two or more sentences, each sentence's pattern."""
    return {f"{section}.{key}": [pattern(t) for t in options]
            for section, keys in table().items() for key, options in keys.items()
            if len(options) > 1}


@pytest.mark.slow
def test_no_sentence_comes_back_before_its_alternatives_over_100_turns(cli, tmp_path):
    db, replies = tmp_path / "wins.db", []
    for when, lines in scripted_days():
        result = cli("run", "--text", "--json", "--db", db, input="".join(f"{x}\n" for x in lines),
                     env={"SMALLWINS_NOW": when})
        assert result.returncode == 0, result.stderr
        replies += [json.loads(line)["reply"] for line in result.stdout.splitlines()]
    assert len(replies) >= 100
    checked = 0
    for key, patterns in alternatives().items():
        used = [{n for n, p in enumerate(patterns) if p.search(reply)} for reply in replies]
        last: dict[int, int] = {}
        for turn, said in enumerate(used):
            for n in said:
                if n in last and turn - last[n] <= WINDOW:
                    between = set().union(*used[last[n] + 1:turn])
                    assert between >= set(range(len(patterns))) - {n}, (
                        key, replies[last[n]], replies[turn])
                    checked += 1
                last[n] = turn
    assert checked >= 20, "the script brings sentences back often enough to test"


def test_every_reply_but_a_red_flag_has_alternatives():
    single = [f"{section}.{key}" for section, keys in table().items() if section != "alert"
              for key, options in keys.items() if len(options) < 2]
    assert single == []
