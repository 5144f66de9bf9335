"""Both limiter stores behind one fixture, and a private Redis server that a test may kill."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator

import pytest
import redis

from bot.ratelimit import InMemoryRateLimiter, RateLimiter
from bot.ratelimit.redis_store import RedisRateLimiter
from tests.servers import free_port

REDIS_URL = "redis://127.0.0.1:6379/12"  # the machine's Redis, a database of its own


class Clock:
    """A settable clock: both limiters take their time source as a parameter."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["memory", "redis"])
def limiter(request, clock) -> Iterator[RateLimiter]:
    if request.param == "memory":
        yield InMemoryRateLimiter(clock)
        return
    prefix = f"test:{uuid.uuid4().hex[:8]}:"
    store = RedisRateLimiter(REDIS_URL, prefix=prefix, clock=clock)
    assert store.ping(), f"no Redis at {REDIS_URL}"
    yield store
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)
    store.close()


class RedisServer:
    """redis-server on a free port in a temporary folder, started and killed by the test."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tempfile.mkdtemp(prefix="sct-redis-")
        self.proc: subprocess.Popen | None = None

    def start(self) -> RedisServer:
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.proc = subprocess.Popen([*args, "--dir", self.dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("private redis-server did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.kill()
    shutil.rmtree(server.dir, ignore_errors=True)
