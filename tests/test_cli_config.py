"""The settings file: `run` options by their own names, checked by the options' own types,
found at ~/.config/smallwins/config.toml or given with --config, and overridden by the
command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import cli as smallwins
from assistant.cli.config import ConfigError, load_defaults
from speech.audio import read_wav


def settings_file(folder: Path, text: str | bytes) -> Path:
    path = folder / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def reply_seconds(cli, folder: Path, *args: str | Path) -> float:
    """How long the reply to one update lasts (a fresh database, so always the same words)."""
    folder.mkdir()
    replies = folder / "replies.wav"
    result = cli(*args, "--db", folder / "wins.db", "--reply-wav", replies,
                 input="I walked twenty steps with my walker\n")
    assert result.returncode == 0, result.stderr
    return read_wav(replies, rate=22_050).duration_s


@pytest.mark.slow
def test_rate_comes_from_the_file_and_the_command_line_wins(cli, tmp_path):
    slow = settings_file(tmp_path, "rate = 80\n")
    usual = reply_seconds(cli, tmp_path / "usual", "run", "--text")
    from_file = reply_seconds(cli, tmp_path / "file", "--config", slow, "run", "--text")
    overridden = reply_seconds(cli, tmp_path / "flag", "--config", slow, "run", "--text",
                               "--rate", "240")
    assert from_file > 1.4 * usual and overridden < 0.8 * usual, (usual, from_file, overridden)


def test_every_kind_of_value_becomes_a_run_default(tmp_path):
    values = {"rate": 120, "volume": 1, "voice": "en-gb", "engine": "whisper", "pause": 2,
              "mic": 3, "wake": True, "wake-phrase": "hello coach", "db": "~/wins.db",
              "model": "models/tiny"}
    path = settings_file(tmp_path, "\n".join(f"{k} = {json.dumps(v)}" for k, v in values.items()))
    defaults = load_defaults(path, smallwins)
    assert defaults["run"] == {
        "rate": 120, "volume": 1.0, "voice": "en-gb", "engine": "whisper", "pause": 2.0,
        "mic": "3", "wake": True, "wake_phrase": "hello coach",
        "db": Path.home() / "wins.db", "model": tmp_path / "models" / "tiny",
    }
    for name, given in defaults.items():  # `practice` takes those of its options it has
        assert set(given) <= {p.name for p in smallwins.commands[name].params}


@pytest.mark.parametrize(("text", "message"), [
    ("rat = 130", "'rat' is not a setting. Did you mean 'rate'? The settings are: "),
    ("audio = 'session.wav'", "'audio' is not a setting."),
    ('rate = "fast"', "rate must be a whole number, not 'fast'."),
    ("rate = 130.5", "rate must be a whole number, not 130.5."),
    ("volume = true", "volume must be a number, not True."),
    ("volume = 2.0", "volume: 2.0 is not in the range 0<=x<=1."),
    ("pause = 0.1", "pause: 0.1 is not in the range 0.3<=x<=5.0."),
    ('engine = "google"', "engine: 'google' is not one of 'auto', 'vosk', 'whisper', "
     "'whisper-base', 'whisper-tiny'."),
    ("voice = 12.5", "voice must be text in quotes, not 12.5."),
    ("wake = 1", "wake must be true or false, not 1."),
    ("rate = \nvoice = 'en-gb'\n", "is not valid TOML: Invalid value (at line 1, column 8)."),
    ("[run]\nrate = 120", "'run' is not a setting."),
    (b"voice = '\xff'", "is not UTF-8 text."),
])
def test_mistakes_are_named_with_the_file_and_the_fix(tmp_path, text, message):
    path = settings_file(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_defaults(path, smallwins)
    assert message in str(caught.value) and str(path) in str(caught.value)


@pytest.mark.slow
def test_a_mistake_stops_the_program_with_one_plain_line(cli, tmp_path):
    path = settings_file(tmp_path, "volume = 2.0\n")
    result = cli("--config", path, "run", "--text", input="hello\n")
    assert result.returncode == 1
    assert result.stderr == (f"Small Wins: In the settings file {path}, volume: 2.0 is not in "
                             "the range 0<=x<=1.\n")


def test_missing_file_given_on_the_command_line(cli, tmp_path):
    result = cli("--config", tmp_path / "nowhere.toml", "devices")
    assert result.returncode == 1 and "nowhere.toml does not exist" in result.stderr


@pytest.mark.slow
def test_the_usual_place_is_read_without_being_asked(cli, private_home, tmp_path):
    usual = settings_file(private_home / "config" / "smallwins", "rate = 500\n")
    result = cli("run", "--text", "--db", tmp_path / "wins.db", input="hello\n")
    assert result.returncode == 1 and str(usual) in result.stderr and "rate: 500" in result.stderr
    usual.unlink()
    assert cli("run", "--text", "--db", tmp_path / "wins.db", input="hello\n").returncode == 0


@pytest.mark.slow
def test_wake_phrase_from_the_file(cli, tmp_path):
    path = settings_file(tmp_path, 'wake = true\nwake-phrase = "hello coach"\n')
    result = cli("--config", path, "run", "--text", "--json", "--db", tmp_path / "wins.db",
                 "--reply-wav", tmp_path / "replies.wav",
                 input="I walked five steps\nhello coach I walked six steps\n")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["heard"] for line in result.stdout.splitlines()] == [
        "hello coach I walked six steps"]
