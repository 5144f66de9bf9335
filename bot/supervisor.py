"""Keep child processes running: restart a child that exits, with back-off; give up on a crash loop.

Used by `bot.stack` (both profiles), like supervisord or honcho do for a development machine. A child is a
name, a function that starts it (returns a `subprocess.Popen`) and its log file. `check()` is one pass: a child
found dead is logged and restarted after its back-off delay (0.5 s, then doubling per restart in the window, at
most `backoff_max`); the others are left alone. A child that needs a restart after `max_restarts` restarts in
the last `window` seconds is crash-looping: `check()` raises `CrashLoop` naming it and its log, and the caller
stops everything. `run()` loops `check()` until told to stop (a thread in tests, the main loop in `make run`).
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("sct.supervisor")


class CrashLoop(RuntimeError):
    def __init__(self, name: str, restarts: int, window: float, log_path: Path | None) -> None:
        where = f"; see {log_path}" if log_path else ""
        super().__init__(f"{name} keeps stopping ({restarts} restarts in {window:.0f} s){where}")
        self.name = name
        self.log_path = log_path


@dataclass
class Child:
    name: str
    start: Callable[[], subprocess.Popen]
    proc: subprocess.Popen
    log_path: Path | None = None
    restarts: deque[float] = field(default_factory=deque)  # monotonic times of the recent restarts
    restart_at: float | None = None  # set when found dead: when it will be started again
    exit_code: int | None = None


@dataclass
class Event:
    name: str
    kind: str  # "exited" | "restarted"
    detail: str


class Supervisor:
    def __init__(
        self,
        *,
        max_restarts: int = 5,
        window: float = 60.0,
        backoff_initial: float = 0.5,
        backoff_max: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_restarts = max_restarts
        self.window = window
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.clock = clock
        self.children: dict[str, Child] = {}
        self.events: list[Event] = []
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failure: CrashLoop | None = None  # set when run() gave up

    # --- children
    def watch(
        self,
        name: str,
        start: Callable[[], subprocess.Popen],
        proc: subprocess.Popen | None = None,
        log_path: Path | None = None,
    ) -> subprocess.Popen:
        """Start (or adopt `proc`) and keep `name` running; a child of the same name is replaced."""
        with self._lock:
            child = Child(name, start, proc if proc is not None else start(), log_path)
            self.children[name] = child
            return child.proc

    def forget(self, name: str) -> None:
        with self._lock:
            self.children.pop(name, None)

    def procs(self) -> list[tuple[str, subprocess.Popen]]:
        with self._lock:
            return [(c.name, c.proc) for c in self.children.values()]

    def delay(self, child: Child) -> float:
        """Back-off before the next restart: doubles with each restart in the window."""
        recent = len(child.restarts)
        return min(self.backoff_initial * (2**recent), self.backoff_max)

    # --- one pass
    def check(self) -> list[Event]:
        now = self.clock()
        events: list[Event] = []
        with self._lock:
            for child in list(self.children.values()):
                while child.restarts and now - child.restarts[0] > self.window:
                    child.restarts.popleft()
                if child.restart_at is None:
                    code = child.proc.poll()
                    if code is None:
                        continue
                    if len(child.restarts) >= self.max_restarts:
                        raise CrashLoop(child.name, len(child.restarts), self.window, child.log_path)
                    child.exit_code = code
                    child.restart_at = now + self.delay(child)
                    events.append(
                        self._event(
                            child.name, "exited", f"exit code {code}; restart in {child.restart_at - now:.1f} s"
                        )
                    )
                if child.restart_at is not None and now >= child.restart_at:
                    try:
                        child.proc = child.start()
                    except Exception as exc:  # could not even start: counts as a restart that failed at once
                        child.restarts.append(now)
                        child.restart_at = now + self.delay(child)
                        events.append(self._event(child.name, "exited", f"start failed: {exc}"))
                        continue
                    child.restarts.append(now)
                    child.restart_at = None
                    events.append(
                        self._event(
                            child.name,
                            "restarted",
                            f"pid {child.proc.pid}, restart {len(child.restarts)} in {self.window:.0f} s",
                        )
                    )
        return events

    def _event(self, name: str, kind: str, detail: str) -> Event:
        event = Event(name, kind, detail)
        self.events.append(event)
        (log.warning if kind == "exited" else log.info)("%s %s (%s)", name, kind, detail)
        return event

    # --- loops
    def run(self, interval: float = 0.2) -> None:
        """check() until stop(); a crash loop ends the loop and is kept in `failure` (and raised)."""
        while not self._stop.is_set():
            try:
                self.check()
            except CrashLoop as exc:
                self.failure = exc
                log.error("%s", exc)
                raise
            self._stop.wait(interval)

    def start_thread(self, interval: float = 0.2) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()

        def loop() -> None:
            with contextlib.suppress(CrashLoop):  # kept in self.failure
                self.run(interval)

        self._thread = threading.Thread(target=loop, name="sct-supervisor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop supervising (the children keep running: the caller terminates them)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
