"""Goals through the CLI on a real SQLite file (issue 17 item 11): a reached goal is
celebrated and the next one offered, also when asked about later ("what are my goals", "I did
it"), and a milestone kept in the journal while the database was locked finishes its goal when
it is replayed, as the live turn would have."""

from __future__ import annotations

import json
import re

import pytest
from test_faults import held_lock

from assistant.conversation.phrasebook import table
from assistant.record.journal import journal_path

pytestmark = pytest.mark.slow  # the CLI as a subprocess, several runs a test

NO_GOAL = set(table()["goal"]["none_active"])
MONDAY = {"SMALLWINS_NOW": "2026-03-02T09:15:00"}
TUESDAY = {"SMALLWINS_NOW": "2026-03-03T10:00:00"}


def said(cli, db, *lines, env=MONDAY):
    result = cli("run", "--text", "--json", "--db", db, input="".join(f"{x}\n" for x in lines),
                 env=env)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def goals(cli, db):
    listed = cli("goals", "--all", "--json", "--db", db).stdout.splitlines()
    return [json.loads(line) for line in listed]


def test_a_reached_goal_is_celebrated_and_asked_about_later(cli, tmp_path):
    db = tmp_path / "wins.db"
    turns = said(cli, db, "My goal is to walk to the mailbox on my own", "yes",
                 "I walked to the mailbox on my own")
    assert [t["kind"] for t in turns] == ["goal", "plan", "goal_reached"]
    assert "mailbox" in turns[2]["reply"] and "?" in turns[2]["reply"]
    assert all(g["status"] == "done" for g in goals(cli, db)), "its steps go with it"

    later = said(cli, db, "what are my goals", "I did it", env=TUESDAY)
    assert [t["kind"] for t in later] == ["answer", "goal_reached"]
    for turn in later:
        assert not any(sentence in turn["reply"] for sentence in NO_GOAL), turn
        assert "mailbox" in turn["reply"] and "yesterday" in turn["reply"]
        assert "?" in turn["reply"], "the next goal is asked for"
    assert later[0]["reply"] != later[1]["reply"]


def test_a_counted_goal_reached_offers_a_little_more(cli, tmp_path):
    db = tmp_path / "wins.db"
    turns = said(cli, db, "my goal is to walk 40 steps", "no", "I walked 40 steps",
                 "what are my goals", "yes")
    assert [t["kind"] for t in turns] == ["goal", "plan", "goal_reached", "answer", "goal"]
    assert "40 steps" in turns[3]["reply"] and "?" in turns[3]["reply"]
    listed = goals(cli, db)
    assert [(g["target_value"], g["status"]) for g in listed] == [(40, "done"), (50, "active")]


def test_i_did_it_with_no_goal_ever_says_how_to_set_one(cli, tmp_path):
    turns = said(cli, tmp_path / "wins.db", "I did it")
    assert turns[0]["reply"] in NO_GOAL


def test_a_milestone_kept_while_locked_finishes_its_goal_when_replayed(cli, tmp_path):
    db = tmp_path / "p.db"
    said(cli, db, "My goal is to walk to the mailbox on my own", "no",
         env={"SMALLWINS_NOW": "2026-03-02T08:00:00"})
    with held_lock(db):
        during = cli("run", "--text", "--json", "--db", db, env=MONDAY,
                     input="I walked to the mailbox on my own\n")
    assert during.returncode == 0 and "kept what you said safe" in during.stderr + during.stdout
    assert journal_path(db).stat().st_size > 0

    assert [g["status"] for g in goals(cli, db)] == ["done"], "the replay finished it"
    assert journal_path(db).stat().st_size == 0
    asked = said(cli, db, "what are my goals", env=TUESDAY)[0]
    assert "mailbox" in asked["reply"] and "yesterday" in asked["reply"]
    assert not any(sentence in asked["reply"] for sentence in NO_GOAL)


def a_week(cli, db):
    """Seven days, Monday 2 March to Monday 9 March: the first Monday falls outside the week
    asked about on the second, and the calendar week would hold only that second Monday."""
    days = [
        ("2026-03-02T09:00:00", ["I walked 5 steps"]),
        ("2026-03-03T09:00:00", ["I walked 10 steps",
                                 "My goal is to walk to the mailbox on my own", "yes"]),
        ("2026-03-05T09:00:00", ["I walked 20 steps",
                                 "I walked to the mailbox with someone beside me"]),
        ("2026-03-08T09:00:00", ["I walked 30 steps", "I walked to the mailbox on my own"]),
        ("2026-03-09T09:00:00", ["I stood up 5 times"]),
    ]
    for when, lines in days:
        said(cli, db, *lines, env={"SMALLWINS_NOW": when})


def test_how_was_my_week_is_short_offers_the_details_and_counts_goals_not_steps(cli, tmp_path):
    db = tmp_path / "wins.db"
    a_week(cli, db)
    turns = said(cli, db, "how was my week", "yes", "how many steps this week",
                 env={"SMALLWINS_NOW": "2026-03-09T18:00:00"})
    assert [t["kind"] for t in turns] == ["answer"] * 3
    short, details, steps = (t["reply"] for t in turns)
    assert len(short.split()) <= 32, short
    assert "?" in short and "?" not in details, "the details are offered, then given"
    assert re.search(r"\b6 wins\b.*\b4 days\b", short), "the seven days ending today"
    assert "mailbox" in short and not re.search(r"\b\d+ goals\b", short), "one goal, not its steps"
    assert re.search(r"\b3 steps toward", details), "its steps are told apart"
    assert "30 steps" in details and "5 steps" in details, "the biggest gain"
    assert "60 steps" in steps, "the same seven days"
    assert short not in details and details not in short


def steps_of(cli, db):
    return [g for g in goals(cli, db) if g["parent_id"] is not None]


def test_a_counted_plan_has_steps_far_enough_apart(cli, tmp_path):
    db = tmp_path / "wins.db"
    turns = said(cli, db, "I walked 12 steps", "my goal is to walk 30 steps", "yes")
    assert turns[2]["kind"] == "plan"
    values = [12] + [g["target_value"] for g in steps_of(cli, db)]
    assert values[-1] == 30 and len(values) == 4
    assert all(b - a >= 5 for a, b in zip(values, values[1:], strict=False)), values


def test_a_goal_already_close_is_not_broken_into_crumbs(cli, tmp_path):
    db = tmp_path / "wins.db"
    turns = said(cli, db, "I walked 45 steps", "my goal is to walk fifty steps", "yes")
    assert turns[2]["kind"] == "plan" and "50 steps" in turns[2]["reply"]
    assert not re.search(r"\b4[6-9] steps", turns[2]["reply"])
    assert steps_of(cli, db) == []


def test_holding_a_grandson_is_graded_by_sub_task(cli, tmp_path):
    db = tmp_path / "wins.db"
    turns = said(cli, db, "I want to be able to hold my grandson", "yes")
    assert [t["kind"] for t in turns] == ["goal", "plan"]
    assert "hold your grandson" in turns[0]["reply"] and "I want" not in turns[0]["reply"]
    steps = [g["text"] for g in steps_of(cli, db)]
    assert len(steps) == 3 and all("grandson" in s for s in steps)
    assert "part of the way" not in turns[1]["reply"] and len(set(steps)) == 3


def test_help_is_faded_for_a_task_of_the_hands_without_a_walker(cli, tmp_path):
    db = tmp_path / "wins.db"
    said(cli, db, "My goal is to button my shirt by myself", "yes")
    steps = steps_of(cli, db)
    assert [g["assistance"] for g in steps][-1] == "independent" and len(steps) == 3
    assert not any("walker" in g["text"] or "way" in g["text"] for g in steps)


def test_with_no_sensible_breakdown_the_patient_is_asked_for_a_first_step(cli, tmp_path):
    db = tmp_path / "wins.db"
    turns = said(cli, db, "I want to paint a picture", "yes", "paint a small card with my hand")
    assert [t["kind"] for t in turns] == ["goal", "plan", "plan"]
    assert "?" in turns[1]["reply"]
    assert [g["text"] for g in steps_of(cli, db)] == ["paint a small card with their hand"]
    assert cli("milestones", "--json", "--db", db).stdout.strip() == "", "a plan, not a deed"
