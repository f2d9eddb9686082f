"""Enrolling phrases in the patient's own voice: `smallwins enrol` from recordings, by voice
(the library's loop, fed real takes), kept as features in the record and deleted by forget."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

import dysarthric_speech as ds
import pytest
import sqlite_utils
from conftest import ROOT, sox
from virtual_audio import pulseaudio_available, virtual_audio  # noqa: F401  (fixture)

from assistant import enrolment
from assistant.conversation import hearing
from assistant.record import enrolled
from assistant.record.schema import migrations
from assistant.record.store import Store
from speech import templates
from speech.audio import chunks, join, read_wav, silence, write_wav
from speech.vad import DEFAULT_PAUSE_S, Endpointer


@pytest.fixture(scope="module")
def takes(tmp_path_factory):
    return ds.enrolment(tmp_path_factory.mktemp("takes"))


def _audio_args(paths):
    return [arg for p in paths for arg in ("--audio", p)]


@pytest.mark.slow
def test_enrol_from_recordings_lists_removes_and_forgets(cli, tmp_path, takes):
    db = tmp_path / "wins.db"
    for phrase in ("yes", "delete that"):
        made = cli("enrol", phrase, *_audio_args(takes[phrase]), "--db", db)
        assert made.returncode == 0, made.stderr
        assert phrase in made.stdout
    listed = cli("enrol", "--list", "--db", db).stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["yes", "delete that"]
    with sqlite3.connect(db) as connection:
        kept = connection.execute("SELECT frames, dims, length(features) FROM enrolled_takes")
        rows = kept.fetchall()
    assert len(rows) == 6 and all(size == frames * dims * 2 for frames, dims, size in rows)
    assert cli("enrol", "--remove", "yes", "--db", db).returncode == 0
    assert cli("enrol", "--list", "--db", db).stdout.split("\t")[0] == "delete that"
    gone = cli("forget", "--all", "--yes", "--db", db)
    assert gone.returncode == 0 and "enrolled" in gone.stdout
    assert "No phrases" in cli("enrol", "--list", "--db", db).stdout


def test_recordings_are_kept_only_when_asked_listed_and_deleted(cli, tmp_path, takes):
    """`enrol --keep-audio` keeps each take's recording in the database, as the same samples
    it was given; `--list` says so; `--remove` and `forget` delete them with the features."""
    db = tmp_path / "wins.db"
    assert cli("enrol", "yes", *_audio_args(takes["yes"]), "--keep-audio",
               "--db", db).returncode == 0
    assert cli("enrol", "no", *_audio_args(takes["no"]), "--db", db).returncode == 0
    listed = dict(line.split("\t", 1) for line in
                  cli("enrol", "--list", "--db", db).stdout.splitlines())
    assert "3 recordings kept" in listed["yes"] and "kept" not in listed["no"]

    def recordings(phrase):
        with sqlite3.connect(db) as connection:
            return connection.execute(
                "SELECT t.audio, t.rate FROM enrolled_takes t JOIN enrolled_phrases p "
                "ON p.id = t.phrase_id WHERE p.text = ? ORDER BY t.id", [phrase]).fetchall()

    kept = recordings("yes")
    assert [audio for audio, _ in kept] == [read_wav(p).to_bytes() for p in takes["yes"]]
    assert {rate for _, rate in kept} == {16_000}
    assert all(audio is None for audio, _ in recordings("no"))
    assert cli("enrol", "--remove", "yes", "--db", db).returncode == 0
    with sqlite3.connect(db) as connection:
        assert connection.execute(
            "SELECT count(audio) FROM enrolled_takes").fetchone() == (0,)
    assert cli("enrol", "yes", *_audio_args(takes["yes"]), "--keep-audio",
               "--db", db).returncode == 0
    assert cli("forget", "--all", "--yes", "--db", db).returncode == 0
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM enrolled_takes").fetchone() == (0,)
    raw = db.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("wins.db*"))
    assert read_wav(takes["yes"][0]).to_bytes()[4000:4400] not in raw


def test_a_spread_measured_by_the_earlier_warping_is_measured_again(tmp_path, takes):
    """A file enrolled before the warping moved to dtaidistance holds spreads on the old
    scale; opening it measures them again from the stored takes."""
    old = sqlite_utils.Database(tmp_path / "wins.db")
    migrations.apply(old, stop_before="respread_enrolled_phrases")
    frames = [templates.features(read_wav(p)).astype("<f2") for p in takes["yes"]]
    phrase_id = old["enrolled_phrases"].insert(
        {"created": "2026-11-01T10:00:00", "text": "yes", "spread": 0.29}).last_pk
    old["enrolled_takes"].insert_all(
        {"phrase_id": phrase_id, "created": "2026-11-01T10:00:00", "frames": f.shape[0],
         "dims": f.shape[1], "features": f.tobytes()} for f in frames)
    old.close()
    store = Store(tmp_path / "wins.db")
    assert migrations.pending(store.db) == []
    [kept] = enrolled.phrases(store)
    assert kept.spread == pytest.approx(templates.phrase("yes", list(kept.takes)).spread)
    assert abs(kept.spread - 0.29) > 0.01


@pytest.mark.slow
def test_inconsistent_or_wrong_takes_are_refused_and_nothing_is_kept(cli, tmp_path, takes):
    db = tmp_path / "wins.db"
    mixed = cli("enrol", "stop", *_audio_args([*takes["stop"][:2], takes["repeat"][0]]),
                "--db", db)
    assert mixed.returncode == 1 and str(takes["repeat"][0].name) in mixed.stderr
    quiet = tmp_path / "quiet.wav"
    write_wav(quiet, silence(1.5))
    empty = cli("enrol", "stop", *_audio_args([*takes["stop"][:2], quiet]), "--db", db)
    assert empty.returncode == 1 and "no speech" in empty.stderr
    same = cli("enrol", "stop", *_audio_args([takes["stop"][0]] * 3), "--db", db)
    assert same.returncode == 1 and "more than once" in same.stderr
    too_few = cli("enrol", "stop", *_audio_args(takes["stop"][:1]), "--db", db)
    assert too_few.returncode == 1 and "3 to 5" in too_few.stderr
    missing = cli("enrol", "--remove", "stop", "--db", db)
    assert missing.returncode == 1 and "stop" in missing.stderr
    assert "No phrases" in cli("enrol", "--list", "--db", db).stdout


def test_by_voice_asks_again_after_silence_and_after_an_unlike_take(takes):
    said = [silence(2.0), *(read_wav(p) for p in takes["help"][:2]), read_wav(takes["no"][0]),
            read_wav(takes["help"][2])]
    told: list[str] = []
    kept = [said[1], said[2], said[4]]
    made = enrolment.by_voice("help", 3, lambda: said.pop(0) if said else None, told.append)
    assert made is not None and made.phrase.text == "help" and len(made.phrase.takes) == 3
    assert len(made.audio) == 3  # the unlike take's recording went with it
    assert all(a is b for a, b in zip(made.audio, kept, strict=True))
    assert not said
    assert told[0] == enrolment.say("prompt", phrase="help")
    assert enrolment.say("nothing_heard", phrase="help") in told
    assert enrolment.say("unlike", phrase="help") in told
    assert told[-1] == enrolment.say("enrolled", phrase="help")


def test_by_voice_gives_up_when_the_speech_runs_out(takes):
    said = [read_wav(takes["yes"][0])]
    told: list[str] = []
    assert enrolment.by_voice("yes", 3, lambda: said.pop(0) if said else None,
                              told.append) is None


KITCHEN = "I walked to the kitchen"


@pytest.mark.slow
def test_an_enrolled_yes_confirms_a_milestone_that_whisper_alone_would_not(cli, tmp_path, speak):
    """This patient's "yes" comes out as "ehhs" (the glide lost, the vowel drawn out), in the
    test speaker's slow, slurred, breathy voice; Whisper base writes it as "and". Enrolled
    from three takes, it confirms "Did you say you walked 12 steps?"; without enrolment the
    same recording saves nothing. An enrolled milestone is stored with its meaning."""
    yes_said = [ds.render("ehhs", tmp_path / f"yes{n}.wav", take)
                for n, take in enumerate([*ds.ENROL, ds.HELD_OUT[1]])]
    kitchen = [ds.render(KITCHEN, tmp_path / f"kitchen{n}.wav", take)
               for n, take in enumerate([*ds.ENROL, ds.HELD_OUT[2]])]
    parts = []
    for n, path in enumerate([speak("I walked twelve steps with my walker"), yes_said[3],
                              kitchen[3], yes_said[3]]):
        padded = tmp_path / f"part{n}.wav"
        sox(path, "-r", "16000", "-c", "1", padded, "pad", "0.5", "2.5")
        parts.append(padded)
    session = tmp_path / "session.wav"
    sox(*parts, session)

    def run(db):
        result = cli("run", "--audio", session, "--db", db, "--json", "--engine", "whisper-base",
                     "--confirm-below", "1.01", "--reply-wav", tmp_path / "replies.wav")
        assert result.returncode == 0, result.stderr
        turns = [json.loads(line) for line in result.stdout.splitlines()]
        with sqlite3.connect(db) as connection:
            saved = connection.execute("SELECT activity, value FROM milestones").fetchall()
        return turns, saved

    alone, saved_alone = run(tmp_path / "alone.db")
    assert alone[0]["reply"].startswith(("Did you say", "Just to check"))
    assert alone[-1]["heard"].lower().strip(".!") not in ("yes", "yeah", "yep")
    assert saved_alone == []

    db = tmp_path / "enrolled.db"
    for phrase, said in (("yes", yes_said), (KITCHEN, kitchen)):
        made = cli("enrol", phrase, *_audio_args(said[:3]), "--db", db)
        assert made.returncode == 0, made.stderr
    turns, saved = run(db)
    assert turns[0]["reply"].startswith(("Did you say", "Just to check"))
    assert [t["heard"] for t in turns][1:] == ["yes", KITCHEN, "yes"]
    assert saved == [("walk", 12), ("walk", None)], turns


@pytest.mark.slow
@pytest.mark.skipif(not pulseaudio_available(), reason="needs PulseAudio for a virtual microphone")
def test_enrol_by_voice_on_a_microphone(virtual_audio, tmp_path, takes):  # noqa: F811
    """`smallwins enrol "stop"` on a (virtual) microphone: each printed prompt is answered
    with a take, spoken into the microphone once the prompt has been said."""
    db = tmp_path / "wins.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "enrol", "stop", "--db", str(db), "--voice", "espeak",
         "--pause", "0.8"],
        cwd=ROOT, env={**os.environ, **virtual_audio.env}, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    printed = []
    try:
        for take in takes["stop"]:
            printed.append(process.stdout.readline().strip())
            assert "stop" in printed[-1], printed
            time.sleep(3)  # the prompt is said before the microphone opens
            virtual_audio.feed(read_wav(take))
            virtual_audio.feed(silence(1.5))
        printed.append(process.stdout.readline().strip())
        assert process.wait(timeout=60) == 0, process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert printed[0] == enrolment.say("prompt", phrase="stop")
    assert printed[-1] == enrolment.say("enrolled", phrase="stop")
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM enrolled_takes").fetchone() == (3,)


@pytest.mark.slow
def test_an_enrolled_phrase_is_not_held_as_unfinished(tmp_path, whisper):
    """Whisper writes this patient's "yes" ("ehhs") as "and", which would keep the turn
    waiting for the rest of a sentence; matched, it is answered after the normal pause."""
    said = [read_wav(ds.render("ehhs", tmp_path / f"yes{n}.wav", take))
            for n, take in enumerate([*ds.ENROL, ds.HELD_OUT[1]])]
    yes = templates.phrase("yes", [templates.features(a) for a in said[:3]])
    stream = join([said[3], silence(6.0)])

    def heard(enrolled):
        """What was heard, and how many seconds of the stream were read before it was."""
        read = []

        def blocks():
            for block in chunks(stream):
                read.append(block.duration_s)
                yield block

        endpointer = Endpointer(DEFAULT_PAUSE_S, max_pause_s=4.0)
        first = next(hearing.hear_audio(blocks(), whisper, endpointer, "recording",
                                        enrolled=enrolled))
        return first, sum(read)

    (alone, alone_s), (matched, matched_s) = heard(()), heard([yes])
    assert alone.text.lower().strip(".") == "and"
    assert (matched.text, matched.engine) == ("yes", hearing.ENROLLED)
    assert matched_s < alone_s - 2
