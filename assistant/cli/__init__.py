"""The `smallwins` command line, and running at home: the composition root.

    commands.py every command but `practice`, and `run`'s wiring
    options.py  the options commands share, where speech goes, and the plain-errors policy
    practice.py `smallwins practice`
    enrol.py    `smallwins enrol`
    corrections.py `smallwins heard` and `smallwins correct`
    config.py   the settings file's defaults for `run`
    service.py  the systemd user service and logging
    doctor.py   `smallwins doctor`'s checks
"""

from assistant.cli.commands import cli, main

__all__ = ["cli", "main"]
