"""The `smallwins` command, run as a real subprocess on real audio, models and databases."""

from __future__ import annotations

import json
import sqlite3

import pytest

from speech.audio import read_wav

pytestmark = pytest.mark.slow


def stored(db):
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return [dict(r) for r in connection.execute("SELECT * FROM utterances ORDER BY id")]


def test_transcribe_prints_one_line_per_file_in_order(cli, speak):
    first = speak("I took twelve steps with my walker this morning")
    second = speak("I walked twenty steps today")
    result = cli("transcribe", first, second, "--engine", "whisper")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "walker" in lines[0].lower() and "12" in lines[0]
    assert "20 steps" in lines[1].lower()


def test_transcribe_json_has_words_confidences_and_timings(cli, speak):
    result = cli("transcribe", speak("I buttoned my shirt by myself"), "--json")
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["engine"] == "whisper"
    assert "shirt" in record["text"].lower()
    assert record["words"] and all(0 <= w["confidence"] <= 1 for w in record["words"])
    assert all(w["start"] <= w["end"] for w in record["words"])
    assert record["duration_s"] > 1 and record["elapsed_s"] > 0


def test_transcribe_with_vosk_grammar(cli, speak, korean_model):
    korean = speak("바나나 포도", voice="ko")
    result = cli("transcribe", korean, "--engine", "vosk", "--model", korean_model,
                 "--words", "사과,바나나,포도,딸기")
    assert result.returncode == 0, result.stderr
    heard = result.stdout.split()
    assert heard and set(heard) <= {"사과", "바나나", "포도", "딸기"}


def test_bad_file_is_one_plain_line_and_others_still_transcribed(cli, tmp_path, speak):
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF....WAVEfmt garbage")
    good = speak("I stood up five times")
    result = cli("transcribe", broken, good)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "broken.wav: not a readable WAV file" in result.stderr
    assert result.stdout.splitlines()[0] == ""
    assert "stood" in result.stdout.splitlines()[1].lower()


def test_missing_vosk_model_is_explained(cli, speak):
    result = cli("transcribe", speak("hello"), "--engine", "vosk")
    assert result.returncode == 1
    assert "smallwins models fetch" in result.stderr
    assert "Traceback" not in result.stderr


def test_typed_turns_are_committed_with_the_scripted_clock(cli, tmp_path):
    db = tmp_path / "wins.db"
    result = cli(
        "run", "--text", "--json", "--db", db, "--reply-wav", tmp_path / "replies.wav",
        input="I walked twenty five steps with my walker\n\nhow am I doing\n",
        env={"SMALLWINS_NOW": "2026-03-02T09:15:00+00:00"},
    )
    assert result.returncode == 0, result.stderr
    turns = [json.loads(line) for line in result.stdout.splitlines()]
    assert [t["heard"] for t in turns] == ["I walked twenty five steps with my walker",
                                            "how am I doing"]
    assert [t["id"] for t in turns] == [1, 2]
    assert all(t["time"].startswith("2026-03-02T09:15") for t in turns)
    assert turns[0]["intent"] == "milestone"
    assert turns[1]["intent"] == "progress_query"
    rows = stored(db)
    assert [r["text"] for r in rows] == [t["heard"] for t in turns]
    assert all(r["source"] == "typed" for r in rows)
    assert json.loads(rows[0]["understanding"])["milestones"][0]["value"] == 25


def test_recording_with_three_updates(cli, tmp_path, spoken_session):
    session = spoken_session([
        "I walked twenty steps with my walker",
        "I buttoned my shirt by myself",
        "I read a page of my book out loud",
    ])
    db, replies = tmp_path / "wins.db", tmp_path / "replies.wav"
    result = cli("run", "--audio", session, "--reply-wav", replies, "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    rows = stored(db)
    assert len(rows) == 3
    assert "walk" in rows[0]["text"].lower() and "shirt" in rows[1]["text"].lower()
    assert all(r["engine"] == "whisper" and r["source"] == "recording" for r in rows)
    assert all(0 < r["confidence"] <= 1 and 1 < r["duration_s"] < 5 for r in rows)
    assert len(result.stdout.splitlines()) == 3
    spoken = read_wav(replies, rate=22_050)
    assert spoken.duration_s > 3 * 1.0
    assert spoken.rms() > 500


def test_broken_recording_stores_nothing_and_says_why(cli, tmp_path):
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"\x00" * 10)
    db, replies = tmp_path / "wins.db", tmp_path / "replies.wav"
    result = cli("run", "--audio", broken, "--db", db, "--reply-wav", replies)
    assert result.returncode == 1
    assert "not a readable WAV file" in result.stderr
    assert "Traceback" not in result.stderr
    assert stored(db) == []
    assert read_wav(replies, rate=22_050).rms() > 500, "the problem is spoken, too"


def test_no_microphone_falls_back_to_typing(cli, tmp_path):
    db = tmp_path / "wins.db"
    result = cli("run", "--db", db, input="I got dressed on my own\n")
    assert result.returncode == 0, result.stderr
    assert "microphone" in result.stderr.lower() and "type" in result.stderr.lower()
    assert [r["text"] for r in stored(db)] == ["I got dressed on my own"]
    assert "Small Wins:" in result.stdout


def test_say_writes_speech(cli, tmp_path):
    out = tmp_path / "hello.wav"
    result = cli("say", "Good morning. Ready when you are.", "--wav", out, "--rate", "120")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    audio = read_wav(out, rate=22_050)
    assert audio.duration_s > 1.5 and audio.rms() > 500


def test_say_without_a_speaker_is_explained(cli):
    result = cli("say", "hello")
    assert result.returncode == 1
    assert "speaker" in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_extract_reads_lines_and_survives_junk(cli):
    junk = "\x00\x01\x02\ufffe 잘 지냈어요"
    result = cli("extract", "--json",
                 input=f"i walked twenty five steps with my therapist helping me\n{junk}\n\n")
    assert result.returncode == 0, result.stderr
    first, second, third = [json.loads(line) for line in result.stdout.splitlines()]
    assert first["milestones"][0]["value"] == 25
    assert first["milestones"][0]["assistance"] == "helper"
    assert second["intent"] == third["intent"] == "other"


def test_devices_and_doctor_without_sound_hardware(cli, tmp_path):
    devices = cli("devices")
    assert devices.returncode == 0
    assert "No audio devices found" in devices.stdout
    doctor = cli("doctor", "--db", tmp_path / "wins.db")
    assert doctor.returncode == 1, "a voice assistant with neither microphone nor speaker"
    assert "[FAIL] voice" in doctor.stdout
    assert "[warn] microphone: none found" in doctor.stdout
    assert "[ok ] speech recognition: whisper" in doctor.stdout
    assert "[ok ] understanding" in doctor.stdout
    assert "[ok ] speech output" in doctor.stdout
    assert "[ok ] database" in doctor.stdout


def test_doctor_reports_a_missing_vosk_model(cli):
    doctor = cli("doctor", "--engine", "vosk")
    assert doctor.returncode == 1
    assert "[FAIL] speech recognition" in doctor.stdout


def test_module_entry_point_and_help(cli):
    result = cli("--help")
    assert result.returncode == 0
    for command in ("run", "transcribe", "say", "extract", "devices", "doctor", "models"):
        assert command in result.stdout


def test_junk_clock_is_explained(cli):
    result = cli("run", "--text", input="hi\n", env={"SMALLWINS_NOW": "yesterday-ish"})
    assert result.returncode == 1
    assert "SMALLWINS_NOW" in result.stderr
    assert "Traceback" not in result.stderr


def said(cli, db, *lines):
    """Each line typed to `run --text --json`, and the turns it answered with."""
    result = cli("run", "--text", "--json", "--db", db, input="".join(f"{x}\n" for x in lines),
                 env={"SMALLWINS_NOW": "2026-03-02T09:15:00"})
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def walked(cli, db):
    listed = cli("milestones", "--json", "--db", db).stdout.splitlines()
    return [json.loads(m)["value"] for m in listed]


def test_delete_that_after_something_that_saved_nothing_offers_the_entry_before(cli, tmp_path):
    db = tmp_path / "wins.db"
    turns = said(cli, db, "I walked fifty steps with my cane", "the kettle is on",
                 "delete that", "no", "delete that")
    offered = turns[2]
    assert offered["kind"] == "undo" and "50 steps" in offered["reply"]
    assert offered["reply"].endswith("?") and turns[3]["kind"] == "undo"
    assert walked(cli, db) == [50], "kept until a spoken yes"
    assert said(cli, db, "yes")[0]["kind"] == "ok", "the offer does not outlive the session"
    assert walked(cli, db) == [50]
    turns = said(cli, db, "the kettle is on", "delete that", "yes")
    assert "50 steps" in turns[2]["reply"] and walked(cli, db) == []
    turns = said(cli, db, "I walked 20 steps", "I stood up 3 times", "delete that")
    assert "3 times" in turns[2]["reply"] and walked(cli, db) == [20], "the last thing said goes"


def test_slower_at_the_slowest_rate_says_its_own_limit_and_is_stored_as_slower(cli, tmp_path):
    db = tmp_path / "wins.db"
    turns = said(cli, db, *["slower"] * 5, "louder", "louder")
    assert [t["kind"] for t in turns] == ["slower"] * 5 + ["louder"] * 2
    changed, at_limit, loudest = turns[:3], turns[3:5], turns[6]
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT value FROM settings WHERE key = 'rate_wpm'"
                                  ).fetchone()[0] == "80"
        kinds = [k for (k,) in connection.execute("SELECT kind FROM replies ORDER BY id")]
    assert kinds == [t["kind"] for t in turns]
    limit_replies = {t["reply"] for t in at_limit}
    assert limit_replies.isdisjoint({t["reply"] for t in changed})
    assert loudest["reply"] not in limit_replies, "not the volume sentence"
    assert len(limit_replies) == 2, "varied, not the same sentence twice in a row"


@pytest.mark.parametrize("args", [["run", "--text", "--pause", "-1"], ["run", "--rate", "0"],
                                  ["say", "--volume", "5", "hi"], ["say", ""]])
def test_mistakes_on_the_command_line_exit_1_with_one_sentence(cli, args):
    result = cli(*args)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Usage:" not in result.stderr
    assert "espeak" not in result.stderr


def test_forget_without_a_database_creates_none(cli, tmp_path):
    result = cli("forget", "--all", "--yes", "--db", tmp_path / "missing.db")
    assert result.returncode == 0 and "nothing to delete" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_goals_says_so_when_every_goal_is_done(cli, tmp_path):
    db = tmp_path / "wins.db"
    said(cli, db, "my goal is to walk 30 steps", "no", "I walked 40 steps")
    listed = cli("goals", "--db", db)
    assert listed.returncode == 0 and "walk 30 steps" not in listed.stdout
    assert "done" in listed.stdout.lower() and "--all" in listed.stdout
    assert "[x] walk 30 steps" in cli("goals", "--all", "--db", db).stdout


def test_report_speak_without_a_speaker_prints_the_summary_and_succeeds(cli, tmp_path):
    db = tmp_path / "wins.db"
    said(cli, db, "I walked 40 steps")
    spoken = cli("report", "--speak", "--db", db, env={"SMALLWINS_NOW": "2026-03-02T10:00:00"})
    assert spoken.returncode == 0, spoken.stderr
    assert "1 win" in spoken.stdout and "speak" in spoken.stderr


def test_report_starts_at_the_first_entry_and_a_streak_lives_until_today_ends(cli, tmp_path):
    db, page = tmp_path / "wins.db", tmp_path / "report.html"
    for day, steps in (("02", 10), ("03", 12), ("04", 14)):
        assert cli("run", "--text", "--db", db, input=f"I walked {steps} steps\n",
                   env={"SMALLWINS_NOW": f"2026-03-{day}T09:00:00"}).returncode == 0
    made = cli("report", "--html", page, "--db", db, env={"SMALLWINS_NOW": "2026-03-05T08:00:00"})
    assert made.returncode == 0, made.stderr
    html = page.read_text()
    assert "From Monday 2 March to Thursday 5 March" in html, "not three empty weeks first"
    assert 'id="streak-current">3<' in html, "yesterday's run is alive until today ends"
