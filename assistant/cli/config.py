"""The settings file: a TOML file whose keys are the `run` options' own names.

    wake-phrase = "hey coach"
    voice = "piper"
    rate = 130
    pause = 1.5
    model = "~/models/vosk-model-small-en-us-0.15"

Every key is checked against the option of the same name on the commands that read the file
(`run`, and `practice` when it exists) and converted by that option's own click type, so the
file and the command line can never disagree about names, ranges or choices, and a new option
is a valid setting the day it is added. The result becomes click's `default_map`: a value on
the command line still wins over the file.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

import click
import platformdirs

COMMANDS = ("run", "practice")
"""Subcommands whose options can come from the file."""
NOT_SETTINGS = frozenset({"audio", "reply_wav", "typed", "as_json", "help"})
"""Options that say what to do this once (a recording, --json), not how the device behaves."""


class ConfigError(Exception):
    """The settings file is unreadable or has a wrong value; the message names file and key."""


def default_path() -> Path:
    """$XDG_CONFIG_HOME/smallwins/config.toml (usually ~/.config/smallwins/config.toml)."""
    return platformdirs.user_config_path("smallwins") / "config.toml"


def chosen_path(explicit: Path | None) -> Path | None:
    """The file to read: the one given, else the default one if it exists, else none."""
    if explicit is not None:
        return explicit
    default = default_path()
    return default if default.is_file() else None


def load_defaults(path: Path | None, group: click.Group) -> dict[str, dict[str, Any]]:
    """Read and validate the settings file as a click default_map for `group`'s commands."""
    if path is None:
        return {}
    values = _read(path)
    options = {name: _settings(group.commands[name]) for name in COMMANDS if name in group.commands}
    known = {key: option for found in options.values() for key, option in found.items()}
    defaults: dict[str, dict[str, Any]] = {name: {} for name in options}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{_where(path)}'{key}' is not a setting.{_suggest(key, known)}")
        for name, found in options.items():
            if key in found:
                defaults[name][found[key].name or key] = _convert(path, key, value, found[key])
    return defaults


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise ConfigError(f"The settings file {path} does not exist.") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"The settings file {path} is not valid TOML: {error}.") from error
    except UnicodeDecodeError:
        raise ConfigError(f"The settings file {path} is not UTF-8 text.") from None
    except OSError as error:
        raise ConfigError(f"The settings file {path} cannot be read ({error.strerror}).") from error


def _settings(command: click.Command) -> dict[str, click.Option]:
    """Options by their long name without dashes ("wake-phrase"), as the file spells them."""
    found = {}
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in NOT_SETTINGS:
            for opt in param.opts:
                if opt.startswith("--"):
                    found[opt[2:]] = param
    return found


_KINDS: list[tuple[type[click.ParamType[Any, Any]], tuple[type, ...], str]] = [
    (click.types.BoolParamType, (bool,), "true or false"),
    (click.types.IntParamType, (int,), "a whole number"),
    (click.types.FloatParamType, (int, float), "a number"),
    (click.types.StringParamType, (str, int), "text in quotes"),  # mic = 3: a device number
]


def _convert(path: Path, key: str, value: Any, option: click.Option) -> Any:
    """Check the TOML type (a quoted "130" is not a rate), then let click check the rest."""
    kind = option.type
    wanted, described = next(
        ((types, words) for cls, types, words in _KINDS if isinstance(kind, cls)),
        ((str,), "text in quotes"),
    )
    if option.is_flag:
        wanted, described = (bool,), "true or false"
    if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted):
        raise ConfigError(f"{_where(path)}{key} must be {described}, not {value!r}.")
    if isinstance(kind, click.Path):
        value = str(_beside(path, str(value)))
    try:
        return kind.convert(value, option, None)
    except click.BadParameter as error:
        raise ConfigError(f"{_where(path)}{key}: {error.message}") from error


def _beside(config: Path, value: str) -> Path:
    """`~` is the home folder; a relative path is relative to the settings file."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else config.parent / path


def _where(path: Path) -> str:
    return f"In the settings file {path}, "


def _suggest(key: str, known: dict[str, click.Option]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"{hint} The settings are: {', '.join(sorted(known))}."
