"""`smallwins practice` as a real subprocess: homework on recorded answers (Whisper, and
Vosk in grammar mode), the caregiver's items, typed answers, the report, plain errors."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from speech.audio import read_wav

pytestmark = pytest.mark.slow

NOW = {"SMALLWINS_NOW": "2026-03-02T09:15:00+00:00"}


def attempts(db):
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return [dict(r) for r in connection.execute("SELECT * FROM practice_attempts ORDER BY id")]


def test_homework_on_recorded_answers_with_whisper(cli, spoken_session, tmp_path):
    db, replies = tmp_path / "wins.db", tmp_path / "replies.wav"
    answers = spoken_session(["butterfly", "good evening", "good morning", "toothbrush"])
    result = cli("practice", "--items", "butterfly; good morning; toothbrush",
                 "--audio", answers, "--tries", "2", "--reply-wav", replies, "--json",
                 "--db", db, "--engine", "whisper", env=NOW)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(a["target"], a["passed"]) for a in lines] == [
        ("butterfly", True), ("good morning", False), ("good morning", True),
        ("toothbrush", True)]
    assert all(0 <= a["score"] <= 1 and a["heard"] for a in lines)
    assert lines[1]["missed"] == ["morning"] and lines[1]["score"] == 0.5
    assert read_wav(replies).duration_s > 15  # greeting, feedback, cues and closing
    stored = attempts(db)
    assert [(a["target"], a["passed"], a["engine"]) for a in stored] == [
        (a["target"], int(a["passed"]), "whisper") for a in lines]
    assert stored[0]["time"].startswith("2026-03-02T09:1")


def test_a_recording_holds_one_answer_per_item_by_default(cli, spoken_session, tmp_path):
    answers = spoken_session(["good evening", "butterfly", "toothbrush"])
    result = cli("practice", "--items", "good morning; butterfly; toothbrush", "--audio",
                 answers, "--reply-wav", tmp_path / "r.wav", "--json",
                 "--db", tmp_path / "wins.db", "--engine", "whisper")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(a["target"], a["passed"], a["try"]) for a in lines] == [
        ("good morning", False, 1), ("butterfly", True, 1), ("toothbrush", True, 1)]
    assert "evening" in lines[0]["heard"].lower()  # what was heard, not the target


def test_vosk_grammar_mode_through_the_cli(cli, spoken_session, tmp_path, korean_model):
    answers = spoken_session(["안녕하세요", "안녕하세요", "물 주세요"], voice="ko")
    result = cli("practice", "--items", "안녕하세요; 물 주세요", "--audio", answers, "--tries", "3",
                 "--reply-wav", tmp_path / "r.wav", "--json", "--db", tmp_path / "wins.db",
                 "--engine", "vosk", "--model", korean_model)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(a["target"], a["passed"]) for a in lines] == [
        ("안녕하세요", True), ("물 주세요", False), ("물 주세요", True)]
    assert {a["engine"] for a in attempts(tmp_path / "wins.db")} == {"vosk"}


def test_caregiver_items_typed_session_and_report(cli, tmp_path):
    db = tmp_path / "wins.db"
    names = tmp_path / "names.txt"
    names.write_text("Sophie\nOak Lane\n", encoding="utf-8")
    added = cli("practice", "add", "Margaret", "--level", "1", "--db", db)
    assert added.returncode == 0 and "Margaret" in added.stdout
    assert cli("practice", "add", "--file", names, "--db", db).returncode == 0
    listed = cli("practice", "list", "--json", "--db", db)
    assert [json.loads(line)["target"] for line in listed.stdout.splitlines()] == [
        "Margaret", "Sophie", "Oak Lane"]

    session = cli("practice", "--text", "--kind", "repetition", "--count", "2", "--db", db,
                  "--reply-wav", tmp_path / "r.wav", input="Margret\nskip\n", env=NOW)
    assert session.returncode == 0, session.stderr
    assert "Say after me: Margaret." in session.stdout
    assert re.search(r"\btried 2\b.* said 1\b", session.stdout), "2 tried, 1 clearly"
    assert "For the first time, you said 'Margaret' clearly" in session.stdout

    report = cli("practice", "report", "--json", "--db", db, env=NOW)
    figures = json.loads(report.stdout)
    assert figures["streak"] == 1
    assert figures["days"] == [{"day": "2026-03-02", "attempts": 1, "passed": 1}]
    assert [f["target"] for f in figures["firsts"]] == ["Margaret"]

    removed = cli("practice", "remove", "margaret", "--db", db)
    assert removed.returncode == 0
    assert attempts(db)[0]["item_id"] is None


def test_bad_homework_is_one_plain_sentence(cli, tmp_path):
    result = cli("practice", "--items-file", tmp_path / "missing.txt", "--text",
                 "--db", tmp_path / "wins.db")
    assert result.returncode == 1
    assert "missing.txt: no such file" in result.stderr and "Traceback" not in result.stderr
