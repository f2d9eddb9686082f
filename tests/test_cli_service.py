"""Running as a home service: `smallwins install-service` writes a real systemd user unit and
enables it, and logs at info level (what the journal keeps) never contain the words said."""

from __future__ import annotations

import getpass
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the CLI as a subprocess, about a second a test

WORDS = "I buttered my toast with my left hand"


def unit(private_home) -> Path:
    return private_home / "config" / "systemd" / "user" / "smallwins.service"


def fake_commands(folder: Path, log: Path, fail: str | None = None) -> dict[str, str]:
    """systemctl and loginctl that record how they were called (and can fail like a machine
    without a user session bus), first on PATH."""
    folder.mkdir()
    for name in ("systemctl", "loginctl"):
        script = folder / name
        failing = 'echo "Failed to connect to bus: No medium found" >&2; exit 1' \
            if name == fail else "exit 0"
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n{failing}\n')
        script.chmod(0o755)
    return {"PATH": f"{folder}:{os.environ['PATH']}"}


def test_dry_run_prints_the_unit_and_changes_nothing(cli, private_home):
    result = cli("install-service", "--dry-run")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    command = Path(sys.executable).with_name("smallwins")
    assert re.search(rf"^ExecStart={re.escape(str(command))} run$", text, re.MULTILINE)
    for line in ("Restart=on-failure", "WantedBy=default.target", "StandardOutput=null",
                 "RestrictAddressFamilies=AF_UNIX AF_NETLINK", "UMask=0077"):
        assert f"\n{line}\n" in text
    assert not unit(private_home).exists()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_accepts_the_unit(cli, private_home, tmp_path):
    """systemd's own checker: every setting known and well-formed, ExecStart executable."""
    path = tmp_path / "smallwins.service"
    path.write_text(cli("install-service", "--dry-run").stdout)
    checked = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True,
                             text=True)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr


def test_install_writes_the_unit_and_enables_it(cli, private_home, tmp_path):
    log = tmp_path / "calls.log"
    result = cli("install-service", env=fake_commands(tmp_path / "bin", log))
    assert result.returncode == 0, result.stderr
    assert f"Wrote {unit(private_home)}" in result.stdout
    assert "Restart=on-failure" in unit(private_home).read_text()
    assert log.read_text().splitlines() == [
        "systemctl --user daemon-reload",
        "systemctl --user enable smallwins.service",
        f"loginctl enable-linger {getpass.getuser()}",
    ]


def test_without_a_user_session_it_says_what_to_run(cli, private_home, tmp_path):
    log = tmp_path / "calls.log"
    result = cli("install-service", env=fake_commands(tmp_path / "bin", log, fail="systemctl"))
    assert result.returncode == 1
    assert unit(private_home).exists()
    assert "To finish, run:\n  systemctl --user daemon-reload\n" \
           "  systemctl --user enable smallwins.service\n  loginctl enable-linger" in result.stdout


def test_without_systemd_it_says_what_to_run(cli, private_home):
    result = cli("install-service", env={"PATH": "/nonexistent"})
    assert result.returncode == 1
    assert unit(private_home).exists()
    assert "  systemctl --user daemon-reload\n" in result.stdout


def test_unit_runs_with_the_settings_file_and_database_given(cli, private_home, tmp_path):
    folder = tmp_path / "my settings"
    folder.mkdir()
    (folder / "config.toml").write_text("rate = 120\n")
    result = cli("--config", folder / "config.toml", "install-service", "--dry-run",
                 "--db", tmp_path / "wins.db")
    assert result.returncode == 0, result.stderr
    assert f' --config "{folder}/config.toml" run --db {tmp_path}/wins.db\n' in result.stdout


def test_default_settings_file_is_passed_to_the_service(cli, private_home):
    default = private_home / "config" / "smallwins" / "config.toml"
    default.parent.mkdir(parents=True)
    default.write_text('voice = "en-gb"\n')
    result = cli("install-service", "--dry-run")
    assert f" --config {default} run\n" in result.stdout


@pytest.mark.parametrize(("level", "words_logged"), [(None, False), ("debug", True)])
def test_journal_logs_never_hold_the_words_at_info(cli, tmp_path, level, words_logged):
    """As under systemd (JOURNAL_STREAM set): syslog priorities on each line, info by
    default, and the words only at debug level."""
    args = ["--log-level", level] if level else []
    result = cli(*args, "run", "--text", "--db", tmp_path / "wins.db",
                 "--reply-wav", tmp_path / "replies.wav", input=WORDS + "\n",
                 env={"JOURNAL_STREAM": "8:12345"})
    assert result.returncode == 0, result.stderr
    logs = [line for line in result.stderr.splitlines() if re.match(r"<\d>", line)]
    assert any(re.fullmatch(r"<6>assistant.record.store: utterance 1 saved \(typed, \w+\)", line)
               for line in logs), logs
    assert ("toast" in result.stderr) == words_logged
