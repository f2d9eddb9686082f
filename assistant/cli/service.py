"""Running unattended in a home: a systemd user unit, and logs fit for the journal.

The unit starts the assistant at boot (with lingering enabled, before anyone logs in),
restarts it if it fails, and sends its standard output, where turns and so the patient's
words are printed, to nowhere. Logs go to standard error, which systemd files in the journal;
at info level they say what happened (an utterance saved, a microphone lost) but never what
was said, which only appears at debug level.
"""

from __future__ import annotations

import getpass
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

UNIT_NAME = "smallwins.service"
LEVELS = ("debug", "info", "warning", "error")


def unit_path() -> Path:
    """$XDG_CONFIG_HOME/systemd/user/smallwins.service, where `systemctl --user` looks."""
    return platformdirs.user_config_path("systemd") / "user" / UNIT_NAME


def command_line(config: Path | None, db: Path | None) -> list[str]:
    """How the service starts this very installation: absolute paths, nothing from PATH."""
    script = Path(sys.executable).with_name("smallwins")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "assistant"]
    if config is not None:
        command += ["--config", str(config.absolute())]
    command.append("run")
    if db is not None:
        command += ["--db", str(db.absolute())]
    return command


def unit_text(command: list[str]) -> str:
    exec_start = " ".join(_quote(part) for part in command)
    return f"""[Unit]
Description=Small Wins, an offline voice companion for stroke recovery
After=pipewire-pulse.service pulseaudio.service

[Service]
Type=simple
ExecStart={exec_start}
Restart=on-failure
RestartSec=5
# Turns (the patient's words) are printed on standard output: keep them out of the journal.
StandardOutput=null
StandardError=journal
SyslogIdentifier=smallwins
Environment=PYTHONUNBUFFERED=1
UMask=0077
# Nothing leaves the device: only local sockets (sound server, device events) can be opened.
RestrictAddressFamilies=AF_UNIX AF_NETLINK
NoNewPrivileges=yes

[Install]
WantedBy=default.target
"""


def install(text: str, run: Callable[[list[str]], str | None]) -> tuple[Path, list[list[str]]]:
    """Write the unit (replacing any earlier one), then enable it through `run`, which
    returns None on success or why it failed. Returns the unit's path and the commands
    still to be run by hand (all of them when systemctl is missing or unusable)."""
    path = unit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(text)
    os.replace(partial, path)
    steps = [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", UNIT_NAME],
        ["loginctl", "enable-linger", getpass.getuser()],  # start at boot, not at login
    ]
    for index, step in enumerate(steps):
        if shutil.which(step[0]) is None:
            return path, steps[index:]
        problem = run(step)
        if problem is not None:
            log.warning("%s failed: %s", " ".join(step), problem)
            return path, steps[index:]
    return path, []


def run_quietly(step: list[str]) -> str | None:
    """Run one setup command; None if it worked, else its own words on why not."""
    done = subprocess.run(step, capture_output=True, text=True, check=False)
    return None if done.returncode == 0 else (done.stderr or done.stdout).strip()


def _quote(part: str) -> str:
    """systemd's command-line syntax: % and $ are specifiers; quote anything with spaces."""
    part = part.replace("%", "%%").replace("$", "$$")
    if re.fullmatch(r"[\w@%+=:,./-]+", part):
        return part
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'


_PRIORITY = {"DEBUG": 7, "INFO": 6, "WARNING": 4, "ERROR": 3, "CRITICAL": 2}


class JournalFormatter(logging.Formatter):
    """`<6>assistant.record.store: …`: journald reads the `<N>` prefix as the syslog priority and
    adds the time itself."""

    def format(self, record: logging.LogRecord) -> str:
        return f"<{_PRIORITY.get(record.levelname, 6)}>{super().format(record)}"


def setup_logging(level: str | None) -> None:
    """Log our own modules at `level` to standard error. Default: info under systemd (the
    journal), error in a terminal, where the caregiver reads the plain messages instead.
    Other libraries log warnings only."""
    journal = bool(os.environ.get("JOURNAL_STREAM"))
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JournalFormatter("%(name)s: %(message)s")
        if journal
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    chosen = (level or ("info" if journal else "error")).upper()
    for package in ("assistant", "speech"):
        logging.getLogger(package).setLevel(chosen)
