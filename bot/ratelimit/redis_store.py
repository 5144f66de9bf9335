"""Redis sliding-window limiter: the limits hold across every backend instance that shares the Redis.

Each key is a sorted set of event times (score = milliseconds) that expires one window after its last event.
One Lua script drops the events that left the window, counts, and adds the new event, so a check and its
record are atomic even when two instances count the same sender at the same moment. Time comes from the
Redis server (one clock for every instance) unless a clock is given (tests).

When Redis cannot be reached the limiter fails open: the event is allowed and a warning is logged, so a
citizen never gets an error because the limit store is down. After a failure Redis is not tried again for
`backoff_seconds`, so a dead Redis costs one refused connection every few seconds, not one per message.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.ratelimit.base import Decision, Limit, RateLimiter

log = logging.getLogger("bot.ratelimit")

# KEYS[1] the key; ARGV: now in ms ("" = the server's TIME), window ms, count, mode (hit|check|record), member
SCRIPT = """
local key = KEYS[1]
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local window = tonumber(ARGV[2])
local count = tonumber(ARGV[3])
local mode = ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local n = redis.call('ZCARD', key)
if mode ~= 'record' and n >= count then
  local oldest = redis.call('ZRANGE', key, n - count, n - count, 'WITHSCORES')
  return {0, 0, tonumber(oldest[2]) + window - now}
end
if mode ~= 'check' then
  redis.call('ZADD', key, now, ARGV[5])
  redis.call('PEXPIRE', key, window)
  n = n + 1
end
return {1, math.max(count - n, 0), 0}
"""


class RedisRateLimiter(RateLimiter):
    def __init__(
        self,
        url: str,
        prefix: str = "sct:rl:",
        clock: Callable[[], float] | None = None,
        timeout: float = 0.5,
        backoff_seconds: float = 5.0,
    ) -> None:
        self.prefix = prefix
        self._clock = clock
        self._client = redis.Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 1),  # one immediate retry: a pooled connection may predate a Redis restart
            health_check_interval=30,
        )
        self._script = self._client.register_script(SCRIPT)
        self._backoff = backoff_seconds
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _run(self, key: str, limit: Limit, mode: str) -> Decision:
        if time.monotonic() < self._down_until:
            return Decision(True, limit.count)
        now = "" if self._clock is None else str(int(self._clock() * 1000))
        window_ms = max(1, int(limit.window_seconds * 1000))
        args = [now, window_ms, limit.count, mode, uuid.uuid4().hex]
        try:
            allowed, remaining, retry_ms = self._script(keys=[self.prefix + key], args=args)
        except redis.RedisError as exc:
            self._failed(exc)
            return Decision(True, limit.count)
        return Decision(bool(allowed), int(remaining), max(0.0, int(retry_ms) / 1000))

    def _failed(self, exc: Exception) -> None:
        with self._lock:
            first = time.monotonic() >= self._down_until
            self._down_until = time.monotonic() + self._backoff
        if first:
            log.warning(
                "rate limits not enforced for %.0f s: Redis unavailable (%s); requests are allowed",
                self._backoff,
                type(exc).__name__,
            )

    def hit(self, key: str, limit: Limit) -> Decision:
        return self._run(key, limit, "hit")

    def check(self, key: str, limit: Limit) -> Decision:
        return self._run(key, limit, "check")

    def record(self, key: str, limit: Limit) -> None:
        self._run(key, limit, "record")

    def reset(self, key: str) -> None:
        if time.monotonic() < self._down_until:
            return
        try:
            self._client.delete(self.prefix + key)
        except redis.RedisError as exc:
            self._failed(exc)

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        self._client.close()
