"""The whole loop on live devices: speech written into a virtual microphone is stored and
answered, and the answer is played on a virtual speaker."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import ROOT
from virtual_audio import virtual_audio  # noqa: F401  (fixture)

from speech.audio import chunks, read_wav, silence

pytestmark = pytest.mark.slow


def wait_for(predicate, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def rows(db):
    if not db.exists():
        return []
    with sqlite3.connect(db) as connection:
        try:
            return connection.execute("SELECT text, source FROM utterances").fetchall()
        except sqlite3.OperationalError:
            return []


def test_spoken_update_is_stored_and_answered_on_the_speaker(virtual_audio, tmp_path, speak):  # noqa: F811
    db = tmp_path / "wins.db"
    env = {**os.environ, **virtual_audio.env}
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "run", "--db", str(db), "--json", "--pause", "0.8"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    try:
        virtual_audio.start_capture()
        wait_for(lambda: process.poll() is None and _listening(process), 60, "Listening")
        virtual_audio.feed(read_wav(speak("Hey coach, I walked thirty steps with my cane")))
        virtual_audio.feed(silence(1.5))
        stored = wait_for(lambda: rows(db), 60, "the utterance to be stored")
        assert stored[0][1] == "microphone"
        assert "30" in stored[0][0] or "thirty" in stored[0][0].lower()
        turn = json.loads(process.stdout.readline())
        assert turn["heard"] == stored[0][0]
        time.sleep(2 + len(turn["reply"].split()) / 2.3)
        played = virtual_audio.stop_capture()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    voiced = [b.rms() for b in chunks(played, 0.1)]
    assert sum(r > 300 for r in voiced) >= 10, "the reply was not heard on the speaker"
    assert process.returncode == 0, process.stderr.read()


def _listening(process) -> bool:
    line = process.stderr.readline()
    return "Listening" in line

