"""Replayed Zalo OA webhook events are not processed twice.

A signed event stays valid forever, so whoever captures one (a proxy log, a leaked capture) could send it again.
An event is accepted only when its `timestamp` (milliseconds, part of the signature) is within `max_age` of
now, and only the first time its signature is seen in twice that window. The seen-signature cache is the
shared rate limiter (a limit of one event per signature): in Redis with several backends, so a replay to
another instance is caught too; like every limit, it fails open if Redis is down (the time window still holds).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from bot.ratelimit import Limit, RateLimiter


class ReplayGuard:
    def __init__(self, limiter: RateLimiter, max_age_seconds: float = 300, clock: Callable[[], float] = time.time):
        self.limiter = limiter
        self.max_age = max_age_seconds
        self.clock = clock
        self._once = Limit(1, 2 * max_age_seconds)

    def fresh(self, timestamp: str) -> bool:
        """The event was signed within max_age of now (either way: the sender's clock may run a little fast)."""
        if not timestamp.isdigit() or len(timestamp) > 16:
            return False
        return abs(self.clock() - int(timestamp) / 1000) <= self.max_age

    async def first_time(self, signature: str) -> bool:
        key = "zalo-event:" + hashlib.sha256(signature.strip().lower().encode()).hexdigest()[:32]
        return (await self.limiter.ahit(key, self._once)).allowed
