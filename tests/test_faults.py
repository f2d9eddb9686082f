"""Faults a home device meets, made for real: a database the kernel refuses to write, a full
disk, a lock held too long, a crash with words still in the journal, a microphone that goes
quiet, no speaker, a broken voice, a missing or damaged model. The loop says what is wrong in
plain words and goes on; no word it was given is lost."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
from live import LiveAssistant
from virtual_audio import virtual_audio  # noqa: F401  (fixture)

from assistant.record.journal import Journal, journal_path
from assistant.record.store import KeptForLater, Store
from speech.audio import read_wav, silence

WHEN = datetime(2026, 3, 2, 9, 15, tzinfo=UTC)


def texts(db):
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in connection.execute("SELECT text FROM utterances ORDER BY id")]


def add(store, text):
    return store.add_utterance(time=WHEN, text=text, source="typed", engine=None,
                               confidence=None, duration_s=None, intent="other",
                               understanding={})


@contextlib.contextmanager
def immutable(*paths):
    """chattr +i: the kernel refuses every write, even root's, even through open files."""
    done = []
    try:
        for path in paths:
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
                pytest.skip("this filesystem or user cannot make files immutable (chattr +i)")
            done.append(path)
        yield
    finally:
        for path in done:
            subprocess.run(["chattr", "-i", str(path)], check=True)


@contextlib.contextmanager
def tiny_disk(folder, size="2m"):
    """A real filesystem of `size`, so "disk full" is the kernel's ENOSPC."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                              str(folder)], capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder):
    """Write a filler file until the filesystem has no room left at all."""
    block = b"\0" * 65536
    with (folder / "filler").open("wb", buffering=0) as filler:
        while block:
            try:
                filler.write(block)
            except OSError as error:
                assert error.errno == errno.ENOSPC
                block = block[: len(block) // 2]
    return folder / "filler"


@contextlib.contextmanager
def held_lock(db):
    """Another program holding the database in an exclusive transaction, until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
         "c.execute('BEGIN EXCLUSIVE'); c.execute('SELECT 1'); print('locked', flush=True); "
         "time.sleep(600)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_milestones_said_while_locked_are_stored_by_the_replay(cli, tmp_path):
    db, clock = tmp_path / "p.db", {"SMALLWINS_NOW": "2026-03-02T09:15:00"}
    earlier = {"SMALLWINS_NOW": "2026-03-02T08:00:00"}  # the scripted clock runs on from there
    assert cli("run", "--text", "--db", db, input="I walked 10 steps\n", env=earlier
               ).returncode == 0
    with held_lock(db):
        during = cli("run", "--text", "--json", "--db", db, env=clock,
                     input="I walked thirty five steps\nI stood up five times\n"
                     "I feel so low today\nmy face feels numb\n")
    assert during.returncode == 0 and "kept what you said safe" in during.stderr + during.stdout
    assert journal_path(db).stat().st_size > 0

    after = cli("run", "--text", "--json", "--db", db, input="how many steps today\n", env=clock)
    assert journal_path(db).stat().st_size == 0
    answer = json.loads(after.stdout.splitlines()[-1])
    assert answer["kind"] == "answer" and "45 steps" in answer["reply"]
    listed = cli("milestones", "--json", "--db", db).stdout.splitlines()
    listed = [json.loads(line) for line in listed]
    assert [(m["activity"], m["value"], m["unit"]) for m in listed] == [
        ("walk", 10, "steps"), ("walk", 35, "steps"), ("stand", 5, "times")]
    with sqlite3.connect(db) as connection:
        assert connection.execute(
            "SELECT count(*) FROM milestones m JOIN utterances u ON u.id = m.utterance_id"
        ).fetchone()[0] == 3
        assert connection.execute("SELECT kind FROM alerts").fetchall() == [("stroke_sign",)]
        assert connection.execute("SELECT mood FROM moods").fetchall() == [("low",)]


@pytest.mark.slow
def test_practice_attempts_made_while_locked_are_stored_by_the_replay(cli, tmp_path):
    db, clock = tmp_path / "p.db", {"SMALLWINS_NOW": "2026-03-02T09:15:00"}
    assert cli("practice", "list", "--db", db).returncode == 0
    with held_lock(db):
        during = cli("practice", "--text", "--items", "cup; good morning", "--db", db,
                     "--reply-wav", tmp_path / "r.wav", input="cup\ngood evening\n", env=clock)
        assert during.returncode == 0, during.stderr
        assert during.stdout.count("is busy") == 1, during.stdout  # said once, then goes on
        assert "Say after me: good morning." in during.stdout and "'morning'" in during.stdout
        assert journal_path(db).stat().st_size > 0

    report = json.loads(cli("practice", "report", "--json", "--db", db, env=clock).stdout)
    assert journal_path(db).stat().st_size == 0
    assert report["days"] == [{"day": "2026-03-02", "attempts": 2, "passed": 1}]
    assert [f["target"] for f in report["firsts"]] == ["cup"]
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (session, ended), = connection.execute("SELECT id, ended FROM practice_sessions")
        assert ended is not None
        assert connection.execute(
            "SELECT target, heard, try, session_id FROM practice_attempts ORDER BY id"
        ).fetchall() == [("cup", "cup", 1, session), ("good morning", "good evening", 1, session)]


@contextlib.contextmanager
def unwritable(db, fault):
    """The database at `db` refusing writes the way `fault` makes it: the file read-only,
    another program's lock, or no room left on its disk."""
    if fault == "read-only":
        with immutable(db):
            yield
    elif fault == "locked":
        with held_lock(db):
            yield
    else:
        filler = fill(db.parent)
        try:
            yield
        finally:
            filler.unlink()


@pytest.mark.slow
@pytest.mark.parametrize(("fault", "said"), [
    ("read-only", "cannot be written"), ("locked", "is busy"), ("full", "is full")])
def test_unwritable_at_start_is_said_once_and_the_loop_goes_on(cli, tmp_path, fault, said):
    with tiny_disk(tmp_path / "disk") as disk:
        db, clock = disk / "p.db", {"SMALLWINS_NOW": "2026-03-02T09:15:00"}
        assert cli("run", "--text", "--db", db, input="I walked 10 steps\n",
                   env={"SMALLWINS_NOW": "2026-03-02T08:00:00"}).returncode == 0
        with unwritable(db, fault):
            during = cli("run", "--text", "--db", db, env=clock,
                         input="I walked 12 steps\nI stood up 3 times\nI read 4 pages\n")
        lines = [line for line in (during.stdout + during.stderr).splitlines() if "kept" in line
                 or "holding" in line]
        assert during.returncode == 0, during.stderr
        assert len(lines) == 3 and said in lines[0] and not any(said in x for x in lines[1:])
        cli("run", "--text", "--db", db, input="", env=clock)
        stored = cli("milestones", "--json", "--db", db).stdout.splitlines()
    if fault == "full":  # the journal had no room either: the words were held in memory only
        assert "please don't switch me off" in lines[0]
        return
    assert [json.loads(m)["value"] for m in stored] == [10, 12, 3, 4]


@pytest.mark.slow
def test_read_only_database_keeps_words_in_the_journal_even_through_a_crash(tmp_path):
    db = tmp_path / "wins.db"
    with LiveAssistant("run", "--text", "--json", "--db", str(db),
                       "--reply-wav", str(tmp_path / "replies.wav")) as assistant:
        assistant.say("I walked 11 steps")
        assert assistant.turn(1)["id"] == 1
        with immutable(db, db.with_name("wins.db-wal")):
            assistant.say("I stood up 12 times")
            first = assistant.message("kept what you said safe")
            assistant.say("I read 13 pages")
            assistant.message("kept that safe too")
            assert "cannot be written" in first
            assert assistant.process.poll() is None, "the loop must keep running"
            journal = journal_path(db)
            assert stat.S_IMODE(journal.stat().st_mode) == 0o600
            assert [json.loads(line)["text"] for line in journal.read_text().splitlines()] == [
                "I stood up 12 times", "I read 13 pages"]
            assistant.kill()  # the words are only in the journal now
    assert texts(db) == ["I walked 11 steps"]

    with LiveAssistant("run", "--text", "--json", "--db", str(db)) as restarted:
        restarted.say("I lifted my arm 14 times")
        restarted.turn(1)
        assert restarted.end_input() == 0
    assert texts(db) == ["I walked 11 steps", "I stood up 12 times", "I read 13 pages",
                         "I lifted my arm 14 times"]
    assert journal.stat().st_size == 0


@pytest.mark.slow
def test_full_disk_keeps_words_and_writes_them_when_there_is_room(tmp_path):
    with tiny_disk(tmp_path / "disk") as disk:
        db = disk / "wins.db"
        with LiveAssistant("run", "--text", "--json", "--db", str(db),
                           "--reply-wav", str(tmp_path / "replies.wav")) as assistant:
            assistant.say("I walked 21 steps")
            assistant.turn(1)
            filler = fill(disk)
            assistant.say("I stood up 22 times")
            said = assistant.message("is full")
            assistant.say("I read 23 pages")
            assistant.wait_for(lambda: len(assistant.messages("Small Wins:")) >= 2, "2nd notice")
            filler.unlink()
            assistant.say("I lifted my arm 24 times")
            assert assistant.turn(2)["heard"] == "I lifted my arm 24 times"
            assert assistant.end_input() == 0
        assert "Free some space" in said and ("kept" in said or "holding" in said)
        assert texts(db) == ["I walked 21 steps", "I stood up 22 times", "I read 23 pages",
                             "I lifted my arm 24 times"]


def test_lock_held_too_long_keeps_the_word_until_it_is_released(tmp_path):
    store = Store(tmp_path / "wins.db")
    store.db.execute("PRAGMA busy_timeout = 100")
    add(store, "before the lock")
    other_program = sqlite3.connect(tmp_path / "wins.db")
    other_program.execute("BEGIN EXCLUSIVE")
    with pytest.raises(KeptForLater, match="busy.*kept what you said safe"):
        add(store, "during the lock")
    other_program.rollback()
    add(store, "after the lock")
    assert texts(tmp_path / "wins.db") == ["before the lock", "during the lock", "after the lock"]


def test_replay_after_a_crash_adds_nothing_twice_and_skips_a_torn_line(tmp_path):
    """A crash after the replay committed but before the journal was emptied, and another
    in the middle of writing a journal line: the next start writes each word once."""
    db = tmp_path / "wins.db"
    store = Store(db)
    add(store, "already saved")
    saved = store.utterances()[0]
    journal = journal_path(db)
    pending = {**saved, "text": "only in the journal", "key": "k2"}
    del saved["id"], pending["id"]
    journal.write_text(json.dumps(saved) + "\n" + json.dumps(pending) + "\n" + '{"time": "20')
    store.close()

    reopened = Store(db)
    assert [u["text"] for u in reopened.utterances()] == ["already saved", "only in the journal"]
    assert journal.stat().st_size == 0
    Journal(journal).append({**pending, "key": "k3", "text": "after the torn line"})
    assert [u["text"] for u in Store(db).utterances()][-1] == "after the torn line"


@pytest.mark.slow
def test_unplugged_microphone_is_said_once_and_listening_resumes(virtual_audio, tmp_path, speak):  # noqa: F811
    db = tmp_path / "wins.db"
    with LiveAssistant("run", "--db", str(db), "--json", "--pause", "0.8", "--no-wake",
                       env=virtual_audio.env, typed=False) as assistant:
        assistant.message("Listening")
        virtual_audio.feed(read_wav(speak("I walked thirty steps with my cane")))
        virtual_audio.feed(silence(1.5))
        assistant.turn(1)
        virtual_audio.silence_microphone()  # unplugged: not a sample more arrives
        assistant.message("stopped sending sound", timeout=20)
        time.sleep(5)  # long enough for several attempts to reopen it
        assert len(assistant.messages("stopped sending sound")) == 1
        assert assistant.process.poll() is None
        virtual_audio.silence_microphone(False)  # plugged back in
        assistant.message("hear you again", timeout=20)
        virtual_audio.feed(read_wav(speak("I walked forty steps with my walker")))
        virtual_audio.feed(silence(1.5))
        assert "walker" in assistant.turn(2)["heard"].lower()
        assert assistant.stop() == 0
    assert len(texts(db)) == 2


@pytest.mark.slow
def test_no_microphone_under_a_service_waits_instead_of_exiting(tmp_path):
    """Standard input is /dev/null under systemd: there is nobody to type, so it waits."""
    with LiveAssistant("run", "--db", str(tmp_path / "wins.db"),
                       "--reply-wav", str(tmp_path / "replies.wav"), typed=False) as assistant:
        assistant.message("can't find a microphone")
        time.sleep(3)
        assert assistant.process.poll() is None
        assert len(assistant.messages("Small Wins: I can't find a microphone")) == 1
        assert assistant.stop() == 0


@pytest.mark.parametrize("args", [[], ["--voice", "no-such-voice"]], ids=["no speaker", "no voice"])
@pytest.mark.slow
def test_speech_output_failing_prints_the_replies(cli, tmp_path, args):
    db = tmp_path / "wins.db"
    result = cli("run", "--text", "--db", db, *args,
                 input="I walked 5 steps\nI stood up 6 times\nI read 7 pages\n")
    assert result.returncode == 0, result.stderr
    assert len([line for line in result.stdout.splitlines() if line.startswith("Small Wins:")]) == 3
    notices = [line for line in result.stderr.splitlines() if line.startswith("Small Wins:")]
    assert len(notices) == 1, "said once, not on every reply"
    assert len(texts(db)) == 3


@pytest.fixture
def damaged_models(tmp_path):
    vosk = tmp_path / "damaged-vosk"
    for part in ("am/final.mdl", "conf/model.conf", "graph/HCLr.fst"):
        (vosk / part).parent.mkdir(parents=True, exist_ok=True)
        (vosk / part).write_bytes(os.urandom(2000))
    whisper = tmp_path / "damaged-whisper"
    whisper.mkdir()
    (whisper / "model.bin").write_bytes(os.urandom(20000))
    (whisper / "config.json").write_text("{}")
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    return {"damaged-vosk": vosk, "damaged-whisper": whisper, "empty": empty,
            "nowhere": tmp_path / "nowhere"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("engine", "model", "fix"),
    [
        ("vosk", None, "smallwins models fetch"),
        ("vosk", "damaged-vosk", "smallwins models fetch"),
        ("vosk", "nowhere", "does not exist"),
        ("whisper", "empty", "leave --model out"),
        ("whisper", "nowhere", "does not exist"),
        ("whisper", "damaged-whisper", "leave --model out"),
    ],
)
def test_missing_or_damaged_model_names_the_fix(cli, tmp_path, speak, damaged_models,
                                                engine, model, fix):
    args = ["--engine", engine] + (["--model", damaged_models[model]] if model else [])
    result = cli("run", "--audio", speak("I walked ten steps"), "--db", tmp_path / "wins.db",
                 "--reply-wav", tmp_path / "replies.wav", *args)
    assert result.returncode == 1
    assert fix in result.stderr
    assert "Traceback" not in result.stderr
