"""A captured Zalo OA event cannot be replayed (issue 17, finding 5).

Two real backends (uvicorn on local ports) share Redis, as in the production profile; the OA API is a local fake
and Rasa is down (the hub's polite "try again" is still a reply the fake OA records). A signed event is processed
once, whichever instance gets it again; an event signed too long ago, or ahead of time, is refused.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest
import redis

from bot.api.main import create_app
from bot.channels.zalo.signature import HEADER, event_signature
from bot.settings import Settings
from tests.channels.zalo.fake_oa_api import FakeOaApi
from tests.servers import ThreadedServer, free_port

APP_ID, SECRET, TOKEN = "360846524940903967", "oa-secret-key-REPLAY", "oa-access-token-REPLAY"
REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture(scope="module")
def backends(new_sqlite_db) -> Iterator[tuple[list[str], FakeOaApi]]:
    fake_oa = FakeOaApi().start()
    prefix = f"test:zalo:{uuid.uuid4().hex[:8]}:"
    settings = Settings(
        database_url=new_sqlite_db("zalo-replay"),
        environment="test",
        rasa_url=f"http://127.0.0.1:{free_port()}",
        rasa_timeout=2,
        redis_url=REDIS_URL,
        ratelimit_prefix=prefix,
        zalo_app_id=APP_ID,
        zalo_oa_secret_key=SECRET,
        zalo_access_token=TOKEN,
        zalo_api_base_url=fake_oa.url,
    )
    servers = [ThreadedServer(create_app(settings)).start() for _ in range(2)]
    yield [s.url for s in servers], fake_oa
    for server in servers:
        server.stop()
    fake_oa.stop()
    client = redis.Redis.from_url(REDIS_URL)
    if keys := list(client.scan_iter(f"{prefix}*")):
        client.delete(*keys)


def _signed(user: str, text: str, age_seconds: float = 0) -> tuple[bytes, dict[str, str]]:
    timestamp = str(int((time.time() - age_seconds) * 1000))
    event = {
        "app_id": APP_ID,
        "event_name": "user_send_text",
        "timestamp": timestamp,
        "sender": {"id": user},
        "recipient": {"id": "4001"},
        "message": {"text": text, "msg_id": f"msg-{uuid.uuid4().hex}"},
    }
    body = json.dumps(event, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", HEADER: event_signature(APP_ID, body, timestamp, SECRET)}
    return body, headers


def _post(url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{url}/zalo/webhook", content=body, headers=headers, timeout=10)


def test_a_replayed_event_is_processed_once_whichever_instance_gets_it(backends):
    (first, second), fake_oa = backends
    body, headers = _signed("7101", "xin chào")
    assert _post(first, body, headers).json() == {"status": "accepted"}
    fake_oa.wait_for("7101")
    for url in (first, second, second):
        replay = _post(url, body, headers)
        assert replay.status_code == 200 and replay.json() == {"status": "duplicate"}
    time.sleep(3)  # a replay processed anyway would have been answered by now (Rasa down: 2 s timeout)
    assert len(fake_oa.sent_to("7101")) == 1


@pytest.mark.parametrize("age_seconds", [600, -600])
def test_an_event_signed_too_long_ago_or_ahead_is_refused(backends, age_seconds):
    (first, _second), fake_oa = backends
    user = f"72{abs(age_seconds)}{'f' if age_seconds < 0 else 'p'}"
    body, headers = _signed(user, "xin chào", age_seconds=age_seconds)
    res = _post(first, body, headers)
    assert res.status_code == 403 and "quá hạn" in res.json()["detail"]
    time.sleep(1)
    assert fake_oa.sent_to(user) == []


def test_a_fresh_event_a_little_late_is_still_served(backends):
    (_first, second), fake_oa = backends
    body, headers = _signed("7301", "xin chào", age_seconds=60)
    assert _post(second, body, headers).json() == {"status": "accepted"}
    assert len(fake_oa.wait_for("7301")) == 1
