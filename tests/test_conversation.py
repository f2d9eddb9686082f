"""A scripted week, spoken: each day is a recording rendered by espeak-ng and played to
`smallwins run --audio` with the clock set to that day, against one database."""

from __future__ import annotations

import json
import sqlite3

import pytest

from speech.audio import read_wav

pytestmark = pytest.mark.slow

WEEK = {
    "2026-03-02": ["I walked twelve steps with my walker", "I lifted my arm five times"],
    "2026-03-03": ["I walked twenty steps with my walker", "My goal is walking thirty steps", "no"],
    "2026-03-04": ["I could not lift my arm today", "How many steps did I walk this week",
                   "I lifted my arm five times", "Delete the last one"],
    "2026-03-05": ["I walked thirty one steps", "no", "I walked thirty one steps", "yes"],
}




def values(db, activity):
    with sqlite3.connect(db) as connection:
        return [v for (v,) in connection.execute(
            "SELECT value FROM milestones WHERE activity = ? ORDER BY id", [activity])]


def test_a_spoken_week(cli, spoken_session, tmp_path):
    db = tmp_path / "wins.db"
    replies: dict[str, list[dict]] = {}
    for day, lines in WEEK.items():
        options = ["--confirm-below", "1.01"] if day == "2026-03-05" else []
        reply_wav = tmp_path / f"{day}.wav"
        # the model named, not chosen by a speed check that a loaded moment could tip
        result = cli("run", "--audio", spoken_session(lines), "--db", db, "--json",
                     "--engine", "whisper-base", "--reply-wav", reply_wav, *options,
                     env={"SMALLWINS_NOW": f"{day}T09:00:00+00:00"})
        assert result.returncode == 0, result.stderr
        replies[day] = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(replies[day]) == len(lines), replies[day]
        assert read_wav(reply_wav, rate=22_050).rms() > 500

    monday, tuesday, wednesday, thursday = (
        [t["reply"] for t in replies[d]] for d in WEEK)
    assert "first" in monday[0].lower() and "12 steps" in monday[0]
    assert "20 steps" in tuesday[0], "personal best"
    assert "8 more" in tuesday[0] or "12 steps" in tuesday[0], "compared with the record"
    assert "30 steps" in tuesday[1], "goal set"
    assert "Monday" in wednesday[0] and "5 times" in wednesday[0], "setback with perspective"
    assert "32 steps" in wednesday[1], "progress answer from the database"
    assert "lifted your arm 5 times" in wednesday[3], "undo says what it removed"
    assert values(db, "lift") == [5]
    assert thursday[0].startswith(("Did you say", "Just to check")) and "31 steps" in thursday[0]
    assert replies["2026-03-05"][1]["kind"] == "confirm_no", "the unconfirmed 31 is not kept"
    assert "goal" in thursday[3].lower() and "walk 30 steps" in thursday[3], "goal reached"
    assert values(db, "walk") == [12, 20, 31], "the rejected 31 was never saved"
    with sqlite3.connect(db) as connection:
        times = [t for (t,) in connection.execute("SELECT time FROM utterances ORDER BY id")]
    assert [t[:10] for t in times][:2] == ["2026-03-02", "2026-03-02"]
    assert times[-1].startswith("2026-03-05")
