"""Per-sender limits on dossier look-ups, so codes cannot be enumerated.

`RateLimiter` is the interface (a sliding window per key); `InMemoryRateLimiter` serves one backend process.
A Redis-backed limiter for several processes only has to implement the same three methods.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    count: int
    window_seconds: float


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: float  # seconds until one more event is allowed (0 when allowed)


class RateLimiter(ABC):
    @abstractmethod
    def hit(self, key: str, limit: Limit) -> Decision:
        """Record one event for `key` if the limit allows it; say whether it was allowed."""

    @abstractmethod
    def check(self, key: str, limit: Limit) -> Decision:
        """Whether one more event would be allowed, without recording anything."""

    @abstractmethod
    def reset(self, key: str) -> None:
        """Forget the events of `key` (e.g. after a successful verification)."""


class InMemoryRateLimiter(RateLimiter):
    """Sliding-window log per key, thread-safe; keys without recent events are dropped as they are seen."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000) -> None:
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._max_keys = max_keys

    def _window(self, key: str, limit: Limit, now: float) -> deque[float]:
        events = self._events.get(key)
        if events is None:
            if len(self._events) >= self._max_keys:
                self._evict(now, limit.window_seconds)
            events = self._events.setdefault(key, deque())
        while events and events[0] <= now - limit.window_seconds:
            events.popleft()
        return events

    def _evict(self, now: float, window: float) -> None:
        for key in [k for k, ev in self._events.items() if not ev or ev[-1] <= now - window]:
            del self._events[key]

    def _decide(self, events: deque[float], limit: Limit, now: float, record: bool) -> Decision:
        if len(events) >= limit.count:
            retry = events[len(events) - limit.count] + limit.window_seconds - now
            return Decision(False, 0, max(retry, 0.0))
        if record:
            events.append(now)
        return Decision(True, limit.count - len(events), 0.0)

    def hit(self, key: str, limit: Limit) -> Decision:
        with self._lock:
            now = self._clock()
            return self._decide(self._window(key, limit, now), limit, now, record=True)

    def check(self, key: str, limit: Limit) -> Decision:
        with self._lock:
            now = self._clock()
            return self._decide(self._window(key, limit, now), limit, now, record=False)

    def reset(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)
