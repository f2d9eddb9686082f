"""`smallwins heard` and `smallwins correct`: a caregiver puts right what the assistant
misheard, through the CLI as a subprocess on a real SQLite file."""

from __future__ import annotations

import json

import pytest

from assistant.record.store import Store
from assistant.record.vocabulary import missed, names, personal_words

pytestmark = pytest.mark.slow
MONDAY = {"SMALLWINS_NOW": "2026-03-02T10:00:00"}
THURSDAY = {"SMALLWINS_NOW": "2026-03-05T18:00:00"}


def heard(cli, db) -> list[dict]:
    done = cli("heard", "--json", "--db", db)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def said(cli, db, *lines: str) -> None:
    done = cli("run", "--text", "--db", db, "--voice", "espeak", "--reply-wav",
               db.with_suffix(".wav"), input="\n".join(lines) + "\n", env=MONDAY)
    assert done.returncode == 0, done.stderr


def test_a_misheard_amount_is_put_right_on_the_day_it_was_said(cli, tmp_path):
    db = tmp_path / "wins.db"
    said(cli, db, "I walked twenty steps with my walker", "I made a cup of tea")
    walk, tea = heard(cli, db)
    assert walk["recorded"] and walk["heard"] is None

    done = cli("correct", str(walk["id"]), "I walked twelve steps with my walker", "--json",
               "--db", db, env=THURSDAY)
    assert done.returncode == 0, done.stderr
    assert [(m["value"], m["unit"]) for m in json.loads(done.stdout)["milestones"]] == [
        (12, "steps")]
    stored = [json.loads(line)
              for line in cli("milestones", "--json", "--db", db).stdout.splitlines()]
    walks = [m for m in stored if m["category"] == "mobility"]
    assert [(m["value"], m["time"][:10]) for m in walks] == [(12, "2026-03-02")]
    assert any(m["category"] == "daily_living" for m in stored)  # the other entry is untouched
    after = {s["id"]: s for s in heard(cli, db)}
    assert after[walk["id"]]["heard"] == walk["words"]
    assert after[tea["id"]] == tea


def test_a_day_said_in_a_correction_counts_from_the_day_it_was_said(cli, tmp_path):
    db = tmp_path / "wins.db"
    said(cli, db, "I climbed for stairs")
    (entry,) = heard(cli, db)
    done = cli("correct", str(entry["id"]), "yesterday I climbed four stairs", "--json",
               "--db", db, env=THURSDAY)
    assert done.returncode == 0, done.stderr
    (milestone,) = json.loads(done.stdout)["milestones"]
    assert (milestone["value"], milestone["when"]) == (4, "2026-03-01")


def test_a_correction_never_erases_a_red_flag(cli, tmp_path):
    db = tmp_path / "wins.db"
    said(cli, db, "my face feels numb")
    (entry,) = heard(cli, db)
    assert cli("correct", str(entry["id"]), "my face feels fine", "--db", db).returncode == 0
    alerts = cli("alerts", "--json", "--db", db).stdout.splitlines()
    assert [json.loads(a)["utterance_id"] for a in alerts] == [entry["id"]]


def test_a_number_that_is_not_there_is_said_plainly_and_changes_nothing(cli, tmp_path):
    db = tmp_path / "wins.db"
    said(cli, db, "I walked twenty steps")
    before = heard(cli, db)
    done = cli("correct", "99", "I walked", "--db", db)
    assert done.returncode == 1
    assert "99" in done.stderr and "Traceback" not in done.stderr
    assert heard(cli, db) == before


def test_corrections_go_with_delete_that_and_forget(cli, tmp_path):
    db = tmp_path / "wins.db"
    said(cli, db, "I read a page", "I walked ten steps")
    first, last = heard(cli, db)
    for entry, words in ((first, "I read a page to Gwenllian"), (last, "I walked with Tadhg")):
        assert cli("correct", str(entry["id"]), words, "--db", db).returncode == 0
    assert personal_words(Store(db)) == ("Gwenllian", "Tadhg")
    said(cli, db, "delete that", "yes")
    assert personal_words(Store(db)) == ("Gwenllian",)
    assert cli("forget", "--all", "--yes", "--db", db).returncode == 0
    assert personal_words(Store(db)) == ()
    assert Store(db).db.table("corrections").count == 0


def test_only_the_names_the_recogniser_missed_are_learned():
    assert names([missed("walked with shove on and doctor come",
                         "Walked with Siobhan and Dr Okonkwo")]) == ("Siobhan", "Dr Okonkwo")
    assert names([missed("walked to the kitchen", "Walked to the kitchen.")]) == ()


def test_a_milestone_shared_with_the_family_stays_shared_when_corrected(cli, tmp_path):
    db = tmp_path / "wins.db"
    said(cli, db, "I walked twenty steps", "share this with my family")
    walk = heard(cli, db)[0]
    assert cli("correct", str(walk["id"]), "I walked twelve steps", "--db", db).returncode == 0
    rows = Store(db).db.execute("SELECT value, shared FROM milestones").fetchall()
    assert rows == [(12, 1)]
