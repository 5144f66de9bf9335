"""The same behaviour from both limiter stores (memory, Redis), and Redis failing open when it goes away."""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.ratelimit import InMemoryRateLimiter, Limit, Quota
from bot.ratelimit.redis_store import RedisRateLimiter
from tests.ratelimit.conftest import REDIS_URL


def test_sliding_window_limits_and_recovers(limiter, clock):
    limit = Limit(3, 600)
    assert [limiter.hit("a", limit).allowed for _ in range(4)] == [True, True, True, False]
    assert limiter.hit("b", limit).allowed  # another key is not affected
    blocked = limiter.check("a", limit)
    assert not blocked.allowed and blocked.remaining == 0 and 599 <= blocked.retry_after <= 600
    assert blocked.retry_minutes == 10
    clock.now += 601
    assert limiter.check("a", limit).allowed and limiter.check("a", limit).remaining == 3
    assert limiter.hit("a", limit).remaining == 2
    limiter.reset("a")
    assert limiter.check("a", limit).remaining == 3


def test_the_window_slides_event_by_event(limiter, clock):
    limit = Limit(2, 60)
    limiter.hit("s", limit)
    clock.now += 30
    limiter.hit("s", limit)
    refused = limiter.hit("s", limit)
    assert not refused.allowed and refused.retry_after == pytest.approx(30, abs=0.01)
    clock.now += 30  # the first event leaves the window, the second is still in it
    assert limiter.hit("s", limit).allowed
    assert not limiter.hit("s", limit).allowed


def test_refused_attempts_are_not_counted(limiter, clock):
    limit = Limit(1, 60)
    assert limiter.hit("k", limit).allowed
    for _ in range(5):
        clock.now += 10
        assert not limiter.hit("k", limit).allowed
    clock.now += 11  # 61 s after the only counted event
    assert limiter.hit("k", limit).allowed


def test_check_then_record(limiter, clock):
    limit = Limit(2, 60)
    assert limiter.check("c", limit).allowed
    assert limiter.check("c", limit).remaining == 2  # check counts nothing
    limiter.record("c", limit)
    limiter.record("c", limit)
    assert not limiter.check("c", limit).allowed
    limiter.record("c", limit)  # an allowed attempt that completed late still counts
    clock.now += 61
    assert limiter.check("c", limit).allowed


def test_each_key_has_its_own_window_length(limiter, clock):
    short, long = Limit(1, 10), Limit(1, 1000)
    limiter.hit("x", short)
    limiter.hit("y", long)
    clock.now += 11
    assert limiter.hit("x", short).allowed and not limiter.hit("y", long).allowed


def test_concurrent_hits_never_exceed_the_limit(limiter):
    limit = Limit(10, 60)
    with ThreadPoolExecutor(8) as pool:
        decisions = list(pool.map(lambda _: limiter.hit("burst", limit), range(40)))
    assert sum(d.allowed for d in decisions) == 10


def test_async_hit_and_quota_namespaces(limiter):
    create = Quota(limiter, Limit(1, 60), "complaint-create")
    lookup = Quota(limiter, Limit(1, 60), "complaint-lookup")
    assert asyncio.run(create.ahit("web-a")).allowed
    assert not create.hit("web-a").allowed
    assert lookup.hit("web-a").allowed  # another namespace, another count
    create.reset("web-a")
    assert create.check("web-a").allowed


def test_limit_must_be_meaningful():
    with pytest.raises(ValueError):
        Limit(0, 60)
    with pytest.raises(ValueError):
        Limit(1, 0)


def test_memory_store_is_bounded(clock):
    limiter = InMemoryRateLimiter(clock, max_keys=10)
    for i in range(10):
        limiter.hit(f"k{i}", Limit(1, 60))
    clock.now += 61
    limiter.hit("new", Limit(1, 60))
    assert len(limiter) == 1  # expired keys went first
    for i in range(20):
        limiter.hit(f"active{i}", Limit(1, 60))
    assert len(limiter) == 10  # then the least recently seen


def test_redis_keys_expire_with_their_window():
    import redis

    store = RedisRateLimiter(REDIS_URL, prefix="test:ttl:")
    store.reset("t")
    store.hit("t", Limit(5, 2))
    ttl = redis.Redis.from_url(REDIS_URL).pttl("test:ttl:t")
    assert 0 < ttl <= 2000
    store.close()


def test_redis_server_clock_is_used_without_a_clock():
    store = RedisRateLimiter(REDIS_URL, prefix="test:srvclock:")
    store.reset("t")
    limit = Limit(1, 1)
    assert store.hit("t", limit).allowed
    refused = store.hit("t", limit)
    assert not refused.allowed and 0 < refused.retry_after <= 1
    time.sleep(1.05)
    assert store.hit("t", limit).allowed
    store.reset("t")
    store.close()


def test_unreachable_redis_fails_open_with_one_warning(caplog):
    store = RedisRateLimiter("redis://127.0.0.1:1/0", prefix="test:down:", backoff_seconds=60)
    limit = Limit(1, 60)
    with caplog.at_level(logging.WARNING, logger="bot.ratelimit"):
        decisions = [store.hit("s", limit) for _ in range(5)]
        store.record("s", limit)
        store.reset("s")
    assert all(d.allowed for d in decisions)
    warnings = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING


def test_killed_redis_fails_open_then_limits_again_after_restart(redis_server, caplog):
    store = RedisRateLimiter(redis_server.url, prefix="test:kill:", backoff_seconds=0.5)
    limit = Limit(2, 600)
    assert [store.hit("s", limit).allowed for _ in range(3)] == [True, True, False]
    redis_server.kill()
    with caplog.at_level(logging.WARNING, logger="bot.ratelimit"):
        assert all(store.hit("s", limit).allowed for _ in range(5))  # fail open, no exception
    assert any("Redis unavailable" in r.getMessage() for r in caplog.records)
    redis_server.start()  # same port, empty: the counts are gone, the pooled connections are stale
    time.sleep(0.6)  # past the back-off
    assert [store.hit("s", limit).allowed for _ in range(3)] == [True, True, False]
    store.close()
