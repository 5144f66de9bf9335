"""In-memory sliding-window limiter: one backend process (the embedded profile, tests)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.ratelimit.base import Decision, Limit, RateLimiter


@dataclass
class _Window:
    seconds: float
    events: deque[float] = field(default_factory=deque)


class InMemoryRateLimiter(RateLimiter):
    """A log of event times per key, thread-safe, bounded: at most `max_keys` keys are remembered.

    When full, keys without recent events are dropped first, then the least recently seen ones.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000) -> None:
        self._clock = clock
        self._max_keys = max_keys
        self._keys: OrderedDict[str, _Window] = OrderedDict()
        self._lock = threading.Lock()

    def _window(self, key: str, limit: Limit, now: float) -> deque[float]:
        window = self._keys.get(key)
        if window is None:
            if len(self._keys) >= self._max_keys:
                self._evict(now)
            window = self._keys[key] = _Window(limit.window_seconds)
        window.seconds = limit.window_seconds
        self._keys.move_to_end(key)
        events = window.events
        while events and events[0] <= now - limit.window_seconds:
            events.popleft()
        return events

    def _evict(self, now: float) -> None:
        for key in [k for k, w in self._keys.items() if not w.events or w.events[-1] <= now - w.seconds]:
            del self._keys[key]
        while len(self._keys) >= self._max_keys:
            self._keys.popitem(last=False)

    def _decide(self, key: str, limit: Limit, record: bool) -> Decision:
        with self._lock:
            now = self._clock()
            events = self._window(key, limit, now)
            if len(events) >= limit.count:
                retry = events[len(events) - limit.count] + limit.window_seconds - now
                return Decision(False, 0, max(retry, 0.0))
            if record:
                events.append(now)
            return Decision(True, limit.count - len(events))

    def hit(self, key: str, limit: Limit) -> Decision:
        return self._decide(key, limit, record=True)

    def check(self, key: str, limit: Limit) -> Decision:
        return self._decide(key, limit, record=False)

    def record(self, key: str, limit: Limit) -> None:
        with self._lock:
            now = self._clock()
            self._window(key, limit, now).append(now)

    def reset(self, key: str) -> None:
        with self._lock:
            self._keys.pop(key, None)

    async def ahit(self, key: str, limit: Limit) -> Decision:
        return self.hit(key, limit)  # no I/O: no thread needed

    def __len__(self) -> int:
        return len(self._keys)
