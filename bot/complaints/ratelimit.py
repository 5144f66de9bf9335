"""In-memory sliding-window rate limiter (per key), for one backend process.

With several backend processes each keeps its own counts; put the limits in a shared store (Redis) then.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0  # seconds until the next attempt would be allowed

    @property
    def retry_minutes(self) -> int:
        return max(1, int(-(-self.retry_after // 60)))


class RateLimiter:
    """At most `limit` attempts per `window` seconds per key; refused attempts are not counted."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic, max_keys: int = 50_000
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit, self.window, self.clock, self.max_keys = limit, window, clock, max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: str) -> Decision:
        """Count one attempt for `key` if allowed (check and record in one step)."""
        return self._attempt(key, record=True)

    def check(self, key: str) -> Decision:
        """Would an attempt be allowed now? Counts nothing; pair with record() once the attempt really happened."""
        return self._attempt(key, record=False)

    def record(self, key: str) -> None:
        """Count an attempt that check() allowed (even if the limit was reached meanwhile)."""
        now = self.clock()
        with self._lock:
            self._window(key, now).append(now)

    def _window(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
            while len(self._hits) > self.max_keys:  # forget the least recently seen keys
                self._hits.popitem(last=False)
        self._hits.move_to_end(key)
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def _attempt(self, key: str, record: bool) -> Decision:
        now = self.clock()
        with self._lock:
            hits = self._window(key, now)
            if len(hits) >= self.limit:
                return Decision(False, retry_after=hits[0] + self.window - now)
            if record:
                hits.append(now)
            return Decision(True)

    def reset(self, key: str | None = None) -> None:
        with self._lock:
            if key is None:
                self._hits.clear()
            else:
                self._hits.pop(key, None)


@dataclass
class ComplaintLimits:
    """The limiters of the complaint endpoints: new complaints, and look-ups by code."""

    create: RateLimiter
    lookup: RateLimiter

    @classmethod
    def from_settings(cls, settings) -> ComplaintLimits:  # noqa: ANN001
        return cls(
            create=RateLimiter(settings.complaint_create_limit, settings.complaint_create_window_seconds),
            lookup=RateLimiter(settings.complaint_lookup_limit, settings.complaint_lookup_window_seconds),
        )
