"""Rate limits shared by the chat hub, complaints and dossier look-ups (one interface, two stores).

`limiter_from_settings` picks the store: Redis when SCT_REDIS_URL is set (the production profile sets it, so
every backend instance counts in the same place), else memory (one process).
"""

from __future__ import annotations

from bot.ratelimit.base import Decision, Limit, Quota, RateLimiter
from bot.ratelimit.memory import InMemoryRateLimiter
from bot.settings import Settings


def limiter_from_settings(settings: Settings) -> RateLimiter:
    if settings.redis_url:
        from bot.ratelimit.redis_store import RedisRateLimiter

        return RedisRateLimiter(settings.redis_url, prefix=settings.ratelimit_prefix)
    return InMemoryRateLimiter()


__all__ = ["Decision", "InMemoryRateLimiter", "Limit", "Quota", "RateLimiter", "limiter_from_settings"]
