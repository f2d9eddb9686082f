"""The assistant as a live subprocess: feed it lines, watch what it prints, signal it.

`python -m assistant run …` is started for real; threads collect its standard output (JSON
turns with --json) and standard error (its plain messages and logs) as they come, so a test
can wait for a turn or a message with a timeout while the process keeps running.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any

import psutil
from conftest import ROOT


class LiveAssistant:
    def __init__(self, *args: str, env: dict[str, str] | None = None, typed: bool = True,
                 wrapper: list[str] | None = None) -> None:
        """Start `python -m assistant ARGS`; with `typed`, standard input is a pipe for
        `say()`, otherwise it is /dev/null, as under systemd. `wrapper` runs it under
        another program (strace)."""
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE")}
        full_env.update(env or {})
        self.process = subprocess.Popen(
            [*(wrapper or []), sys.executable, "-m", "assistant", *args],
            cwd=ROOT,
            env=full_env,
            stdin=subprocess.PIPE if typed else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        self._wrapped = bool(wrapper)
        self.out: list[str] = []
        self.err: list[str] = []
        self._changed = threading.Condition()
        self._readers = [self._read(self.process.stdout, self.out),
                         self._read(self.process.stderr, self.err)]

    @property
    def pid(self) -> int:
        """The assistant's own process id, also when it runs under a wrapper."""
        if not self._wrapped:
            return self.process.pid
        wrapper = psutil.Process(self.process.pid)
        return self.wait_for(lambda: next((c.pid for c in wrapper.children(recursive=True)
                                           if "assistant" in c.cmdline()), None),
                             "the assistant under its wrapper", timeout=30)

    def _read(self, stream: IO[str] | None, lines: list[str]) -> threading.Thread:
        def pump() -> None:
            assert stream is not None
            for line in stream:
                with self._changed:
                    lines.append(line.rstrip("\n"))
                    self._changed.notify_all()

        thread = threading.Thread(target=pump, daemon=True)
        thread.start()
        return thread

    def say(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def wait_for(self, found: Callable[[], Any], what: str, timeout: float = 60) -> Any:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not (value := found()):
                left = deadline - time.monotonic()
                if left <= 0 or (self.process.poll() is not None and not self._alive()):
                    raise AssertionError(f"no {what}; stderr:\n" + "\n".join(self.err))
                self._changed.wait(min(left, 0.2))
        return value

    def _alive(self) -> bool:
        return any(r.is_alive() for r in self._readers)

    def turns(self) -> list[dict[str, Any]]:
        """The JSON turns printed so far (a line cut short by a kill is not a turn)."""
        found = []
        for line in list(self.out):
            with contextlib.suppress(ValueError):
                found.append(json.loads(line))
        return found

    def turn(self, number: int, timeout: float = 60) -> dict[str, Any]:
        """Wait until at least `number` turns are printed; return the last of those."""
        return self.wait_for(lambda: len(self.turns()) >= number and self.turns()[number - 1],
                             f"turn {number}", timeout)

    def messages(self, containing: str) -> list[str]:
        return [line for line in list(self.err) if containing in line]

    def message(self, containing: str, timeout: float = 60) -> str:
        return self.wait_for(lambda: self.messages(containing) and self.messages(containing)[-1],
                             f"message with {containing!r}", timeout)

    def kill(self) -> None:
        """SIGKILL: no clean-up, no last flush, as in a power cut."""
        self._signal(signal.SIGKILL)
        self.finish()

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, as systemd stops a service; returns the exit code."""
        self._signal(signal.SIGTERM)
        return self.finish(timeout)

    def _signal(self, number: int) -> None:
        if not self._wrapped:
            self.process.send_signal(number)  # does nothing once it has finished
            return
        with contextlib.suppress(ProcessLookupError):  # it may have just finished
            os.kill(self.pid, number)

    def end_input(self, timeout: float = 60) -> int:
        """Close standard input (the typed session ends) and wait for the exit code."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self.finish(timeout)

    def finish(self, timeout: float = 30) -> int:
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        for reader in self._readers:
            reader.join(timeout=10)
        return code

    def __enter__(self) -> LiveAssistant:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
