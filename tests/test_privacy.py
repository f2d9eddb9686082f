"""Privacy: the running assistant opens no network socket, its files are owner-only in a
private folder, and `smallwins forget` deletes for good, all of it or from a day on."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import time
from datetime import UTC, datetime

import psutil
import pytest
from live import LiveAssistant
from virtual_audio import virtual_audio  # noqa: F401  (fixture)

from assistant.record import forget
from assistant.record.journal import Journal, journal_path
from assistant.record.store import Store
from speech.audio import read_wav, silence

NETWORK_CALL = re.compile(r"\b(bind|connect|listen|sendto|sendmsg)\(")
LOOPBACK = re.compile(r'inet_(?:pton\(AF_INET6, |addr\()"(::1|127\.[\d.]+)"')


def network_use(trace: str) -> list[str]:
    """strace lines that could reach a network: listening at all, or connecting, sending or
    binding to an IPv4/IPv6 address other than loopback.

    (urllib3, imported by vosk and faster-whisper, makes one IPv6 socket at import and binds
    it to ::1 to learn whether IPv6 exists. It never connects or sends: not network use.)
    """
    found = []
    for line in trace.splitlines():
        call = NETWORK_CALL.search(line)
        if call is None:
            continue
        local = call[1] == "bind" and LOOPBACK.search(line)
        if call[1] == "listen" or ("sa_family=AF_INET" in line and not local):
            found.append(line)
    return found


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_listening_assistant_opens_no_network_socket(virtual_audio, tmp_path, speak):  # noqa: F811
    """Every socket() call of the whole process tree, traced by the kernel, while it hears,
    recognises, saves and answers on a (virtual) microphone and speaker."""
    trace = tmp_path / "sockets.trace"
    with LiveAssistant("run", "--db", str(tmp_path / "wins.db"), "--json", "--no-wake",
                       "--pause", "0.8", env=virtual_audio.env, typed=False,
                       wrapper=["strace", "-f", "-qq", "-o", str(trace),
                                "-e", "trace=socket,bind,connect,listen,sendto,sendmsg"]
                       ) as assistant:
        assistant.message("Listening")
        virtual_audio.feed(read_wav(speak("I walked thirty steps with my cane")))
        virtual_audio.feed(silence(1.5))
        assistant.turn(1)
        time.sleep(3)  # the reply is spoken
        assert assistant.stop() == 0
    calls = trace.read_text()
    assert "connect(" in calls, "the trace saw nothing: is strace working?"
    assert network_use(calls) == []


@pytest.mark.slow
def test_no_inet_socket_while_a_recording_is_heard(tmp_path, speak):
    """Without strace: the kernel's socket table for the process, sampled while it loads the
    recogniser, hears, saves and answers: no inet socket with a peer, listening, or bound
    beyond loopback."""
    with LiveAssistant("run", "--audio", str(speak("I stood up five times")), "--json",
                       "--db", str(tmp_path / "wins.db"),
                       "--reply-wav", str(tmp_path / "replies.wav"), typed=False) as assistant:
        process = psutil.Process(assistant.pid)
        samples = 0
        while assistant.process.poll() is None:
            try:
                for connection in process.net_connections(kind="inet"):
                    assert not connection.raddr and connection.status != psutil.CONN_LISTEN
                    assert not connection.laddr or connection.laddr.port == 0 or \
                        connection.laddr.ip in ("::1", "127.0.0.1"), connection
                samples += 1
            except psutil.NoSuchProcess:
                break
            time.sleep(0.02)
        assert assistant.finish() == 0
    assert assistant.turns() and samples > 10


def test_files_are_owner_only_in_a_private_folder_whatever_the_umask(tmp_path):
    previous = os.umask(0)  # the most permissive a careless setup could leave
    try:
        db = tmp_path / "data" / "smallwins" / "wins.db"
        store = Store(db)
        store.add_utterance(time=datetime.now(UTC), text="private", source="typed",
                            engine=None, confidence=None, duration_s=None, intent="other",
                            understanding={})
        Journal(journal_path(db)).append({"text": "kept for later"})
        made = [db, db.with_name("wins.db-wal"), db.with_name("wins.db-shm"), journal_path(db)]
        assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in made} == {"0o600"}
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    finally:
        os.umask(previous)


@pytest.mark.slow
def test_default_database_is_private_while_the_assistant_runs(private_home):
    with LiveAssistant("run", "--text", "--json") as assistant:
        assistant.say("I walked to the kitchen")
        assistant.turn(1)
        folder = private_home / "data" / "smallwins"
        files = sorted(p.name for p in folder.iterdir())
        assert {"smallwins.db", "smallwins.db-wal", "smallwins.db-shm"} <= set(files)
        stored = [p for p in folder.iterdir() if p.name.startswith("smallwins.db")]
        assert {stat.S_IMODE(p.stat().st_mode) for p in stored} == {0o600}
        assert {stat.S_IMODE(p.lstat().st_mode) for p in folder.iterdir() if p.is_dir()} <= {
            0o700}  # the models folder (Whisper base joined there) is the owner's only too
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert assistant.end_input() == 0


def two_days(cli, db):
    """Day one and day two of a scripted session, each with a word to look for."""
    for day, text in (("2026-03-02", "I walked 10 steps to my xylophone"),
                      ("2026-03-03", "I walked with the zither teacher for 12 minutes")):
        result = cli("run", "--text", "--db", db, input=text + "\n",
                     env={"SMALLWINS_NOW": f"{day}T09:15:00+00:00"})
        assert result.returncode == 0, result.stderr


def on_disk(db) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


def count(db, table):
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.slow
def test_forget_since_a_day_deletes_that_day_on(cli, tmp_path):
    db = tmp_path / "wins.db"
    two_days(cli, db)
    assert count(db, "milestones") == 2 and count(db, "replies") == 2

    result = cli("forget", "--since", "2026-03-03", "--yes", "--db", db)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Deleted 1 utterance, 1 milestone")
    with sqlite3.connect(db) as connection:
        texts = [r[0] for r in connection.execute("SELECT text FROM utterances")]
    assert texts == ["I walked 10 steps to my xylophone"]
    assert count(db, "milestones") == 1 and count(db, "replies") == 1
    assert b"zither" not in on_disk(db), "deleted words must not stay in the files"


@pytest.mark.slow
def test_forget_all_asks_first_then_leaves_no_trace(cli, tmp_path):
    db = tmp_path / "wins.db"
    two_days(cli, db)

    kept = cli("forget", "--all", "--db", db, input="n\n")
    assert kept.returncode == 1 and "cannot be undone" in kept.stderr
    assert count(db, "utterances") == 2

    gone = cli("forget", "--all", "--db", db, input="y\n")
    assert gone.returncode == 0, gone.stderr
    assert "Deleted 2 utterances" in gone.stdout
    assert all(count(db, t) == 0 for t in ("utterances", "milestones", "replies", "goals"))
    assert b"xylophone" not in on_disk(db) and b"zither" not in on_disk(db)


@pytest.mark.slow
def test_forget_needs_to_be_told_what(cli, tmp_path):
    for args in ([], ["--all", "--since", "2026-03-02"]):
        result = cli("forget", "--db", tmp_path / "wins.db", *args)
        assert result.returncode == 1 and "--all, or --since DATE" in result.stderr
    result = cli("forget", "--since", "last tuesday", "--db", tmp_path / "wins.db")
    assert result.returncode == 1 and "last tuesday" in result.stderr


def test_forget_reaches_words_still_waiting_in_the_journal(tmp_path):
    """What the voice path calls: kept-for-later words are deleted too, not replayed later."""
    db = tmp_path / "wins.db"
    store = Store(db)
    Journal(journal_path(db)).append({"time": "2026-03-02T09:15:00+00:00", "text": "pending",
                                      "source": "typed", "intent": "other", "key": "k1"})
    counts = forget.forget(store, None)
    assert str(counts) == "Deleted 1 utterance."
    assert journal_path(db).stat().st_size == 0 and store.utterances() == []
    assert str(forget.forget(store, None)) == "There was nothing to delete."


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_trace_check_sees_a_connection_attempt(tmp_path):
    """The strace check above can fail: a process that tries to reach a server is caught."""
    trace = tmp_path / "sockets.trace"
    subprocess.run(["strace", "-f", "-qq", "-o", str(trace), "-e", "trace=socket,connect",
                    "python3", "-c", "import socket; s = socket.socket(); s.settimeout(0.2); "
                    "s.connect_ex(('192.0.2.1', 9))"], check=True)
    assert len(network_use(trace.read_text())) == 1


def test_checks_see_a_socket_when_there_is_one():
    """The socket-table check above can fail: a process that listens is caught."""
    probe = subprocess.Popen(["python3", "-c", "import socket,time; s=socket.socket(); "
                              "s.bind(('127.0.0.1', 0)); s.listen(); time.sleep(5)"])
    try:
        deadline = time.monotonic() + 5
        while not psutil.Process(probe.pid).net_connections(kind="inet"):
            assert time.monotonic() < deadline, "psutil did not see the listening socket"
            time.sleep(0.05)
    finally:
        probe.kill()
        probe.wait()
