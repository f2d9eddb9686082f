"""Issue 17 items 4 and 6 through the CLI: what was done yesterday is stored, answered and
listed on yesterday; a report compared unfavourably ("worse than yesterday") is a setback,
met with empathy rather than praise."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow  # the CLI as a subprocess, a few seconds a test

NOW = "2026-03-04T10:00:00"
"""A Wednesday."""


def typed(cli, db, *lines: str) -> list[dict]:
    result = cli("run", "--text", "--json", "--db", db, input="".join(f"{x}\n" for x in lines),
                 env={"SMALLWINS_NOW": NOW})
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def stored(cli, db) -> list[dict]:
    listed = cli("milestones", "--json", "--db", db, env={"SMALLWINS_NOW": NOW})
    assert listed.returncode == 0, listed.stderr
    return [json.loads(line) for line in listed.stdout.splitlines()]


def test_yesterday_is_stored_answered_and_listed_on_yesterday(cli, tmp_path):
    db = tmp_path / "wins.db"
    told, asked, today = typed(cli, db, "Yesterday I walked twenty steps with my walker",
                               "what did I do yesterday", "what did I do today")
    assert told["kind"] == "encourage"
    assert "yesterday" in told["reply"].lower() and "20 steps" in told["reply"]
    assert told["time"].startswith("2026-03-04"), "the utterance keeps when it was said"
    [walk] = stored(cli, db)
    assert (walk["activity"], walk["value"], walk["unit"]) == ("walk", 20, "steps")
    assert walk["time"].startswith("2026-03-03")
    assert asked["kind"] == "answer" and "20 steps" in asked["reply"]
    assert "20 steps" not in today["reply"]


def test_two_days_in_one_sentence_are_two_entries(cli, tmp_path):
    db = tmp_path / "wins.db"
    typed(cli, db, "On Sunday I did six stairs and today eight")
    days = [(m["time"][:10], m["value"]) for m in stored(cli, db)]
    assert days == [("2026-03-01", 6), ("2026-03-04", 8)]


def test_worse_than_yesterday_is_a_setback_not_a_cheer(cli, tmp_path):
    db = tmp_path / "wins.db"
    typed(cli, db, "Yesterday I walked ten steps")
    [turn] = typed(cli, db, "I only walked three steps today. Worse than yesterday.")
    assert (turn["intent"], turn["kind"]) == ("setback", "setback")
    assert "well done" not in turn["reply"].lower()
    assert "10 steps" in turn["reply"], "the record gives perspective"
    assert [m["value"] for m in stored(cli, db)] == [10], "a setback is no achievement"
