"""The pending journal: utterances the database could not take yet, kept until it can.

When SQLite cannot write (disk full, file read-only, locked for too long), what the patient
just said must still not be lost. It goes here instead: one JSON object per line, appended,
fsync'd, in an owner-only file next to the database. The store replays the journal inside
its next successful transaction and empties it only after that transaction commits; every
row carries a unique key, so a replay repeated after a crash adds nothing twice.

If even the journal cannot be written (the disk is completely full), rows are held in
memory and written with the next successful write: lost only if the process dies first.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Row = dict[str, Any]


def journal_path(database: Path) -> Path:
    """wins.db → wins.db.pending.jsonl (not "-journal", which is SQLite's own file)."""
    return database.with_name(database.name + ".pending.jsonl")


class Journal:
    """Append-only, crash-tolerant rows for one database. Safe across processes: appends and
    drains hold an exclusive lock, and the file is truncated, never replaced, so no append
    can land in an unlinked file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._held: list[Row] = []

    def append(self, row: Row) -> None:
        """Make `row` durable on disk. Raises OSError (the row is then held in memory)."""
        rows = [*self._held, row]
        try:
            self._write(rows)
        except OSError:
            self._held = rows
            raise
        self._held = []

    def _write(self, rows: list[Row]) -> None:
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
        created = not self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data  # a crash cut the last line short: start afresh
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            _fsync_folder(self.path.parent)

    def pending(self) -> bool:
        """Cheap check made before every database write: is there anything to replay?"""
        try:
            return bool(self._held) or self.path.stat().st_size > 0
        except FileNotFoundError:
            return False

    @contextlib.contextmanager
    def draining(self) -> Iterator[list[Row]]:
        """Yield every pending row under the lock; empty the journal only if the block
        finishes without an exception (i.e. the rows are committed elsewhere)."""
        if not self.pending():
            yield []
            return
        try:
            fd = os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            fd = None
        try:
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            rows = _parse(_read_all(fd), self.path) if fd is not None else []
            rows += self._held
            yield rows
            if fd is not None:
                os.ftruncate(fd, 0)
                os.fsync(fd)
            self._held = []
        finally:
            if fd is not None:
                os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    return os.pread(fd, size, 0)


def _parse(data: bytes, path: Path) -> list[Row]:
    """Rows from the file; a line cut short by a crash was never acknowledged, so it is
    skipped (and logged) rather than failing the replay of everything else."""
    rows: list[Row] = []
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            log.warning("%s line %d is incomplete (cut off by a crash); skipped", path, number)
            continue
        if isinstance(row, dict):
            rows.append(row)
    return rows


def _fsync_folder(folder: Path) -> None:
    """A new file's name is only durable once its folder is synced."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
