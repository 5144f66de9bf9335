"""The rate-limiter interface: a sliding window of events per key, with the limit given per call.

One limiter serves every limit of the backend (chat messages per channel user, complaints per sender,
dossier look-ups per sender...): the caller names the key (with its namespace) and the `Limit`.
`Quota` binds a limiter to one limit and one namespace, so call sites read `quota.hit(sender)`.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    count: int  # at most this many events...
    window_seconds: float  # ...in any window of this many seconds

    def __post_init__(self) -> None:
        if self.count < 1 or self.window_seconds <= 0:
            raise ValueError("a limit needs count >= 1 and window_seconds > 0")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int  # events still allowed in the current window (after this one, for hit)
    retry_after: float = 0.0  # seconds until one more event is allowed (0 when allowed)

    @property
    def retry_minutes(self) -> int:
        """retry_after rounded up to whole minutes, at least 1 (for messages to citizens)."""
        return max(1, int(-(-self.retry_after // 60)))


class RateLimiter(ABC):
    """Sliding-window limiter. Refused events are never counted."""

    @abstractmethod
    def hit(self, key: str, limit: Limit) -> Decision:
        """Count one event for `key` if `limit` allows it (check and record in one atomic step)."""

    @abstractmethod
    def check(self, key: str, limit: Limit) -> Decision:
        """Would one more event be allowed now? Counts nothing."""

    @abstractmethod
    def record(self, key: str, limit: Limit) -> None:
        """Count an event that check() allowed and that really happened (even if the limit was reached meanwhile)."""

    @abstractmethod
    def reset(self, key: str) -> None:
        """Forget the events of `key`."""

    async def ahit(self, key: str, limit: Limit) -> Decision:
        """hit() for async code: a store reached over the network is called off the event loop."""
        return await asyncio.to_thread(self.hit, key, limit)

    def close(self) -> None:  # noqa: B027 (optional hook: only networked stores hold connections)
        """Release connections (nothing to do for a store without any)."""


@dataclass(frozen=True)
class Quota:
    """One limit in one namespace of a limiter: `Quota(limiter, Limit(5, 3600), "complaint-create").hit(sender)`."""

    limiter: RateLimiter
    limit: Limit
    namespace: str

    def _key(self, key: str) -> str:
        return f"{self.namespace}:{key}"

    def hit(self, key: str) -> Decision:
        return self.limiter.hit(self._key(key), self.limit)

    async def ahit(self, key: str) -> Decision:
        return await self.limiter.ahit(self._key(key), self.limit)

    def check(self, key: str) -> Decision:
        return self.limiter.check(self._key(key), self.limit)

    def record(self, key: str) -> None:
        self.limiter.record(self._key(key), self.limit)

    def reset(self, key: str) -> None:
        self.limiter.reset(self._key(key))
