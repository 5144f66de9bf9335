"""The backend with its limit store down: citizens are answered as usual (fail open), never a 500."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from bot.api.main import create_app
from bot.ratelimit.redis_store import RedisRateLimiter
from bot.settings import Settings
from tests.servers import free_port


@pytest.fixture(scope="module")
def app_without_redis(new_sqlite_db):
    url = new_sqlite_db("failopen")
    settings = Settings(
        database_url=url,
        environment="test",
        redis_url=f"redis://127.0.0.1:{free_port()}/0",
        rasa_url=f"http://127.0.0.1:{free_port()}",
        rasa_timeout=2,
        complaint_lookup_limit=1,
        chat_messages_per_minute=1,
    )
    return create_app(settings)


def test_the_settings_choose_redis(app_without_redis):
    assert isinstance(app_without_redis.state.rate_limiter, RedisRateLimiter)


def test_every_limited_endpoint_answers_while_redis_is_down(app_without_redis, caplog):
    with TestClient(app_without_redis) as client, caplog.at_level(logging.WARNING, logger="bot.ratelimit"):
        for _ in range(3):  # over every limit: not enforced, and no error either
            chat = client.post("/chat/messages", json={"channel": "web", "sender": "fo-1", "text": "xin chào"})
            assert chat.status_code == 200 and chat.json()["status"] == "unavailable"  # Rasa is down too here
            assert "gửi lại" in chat.json()["messages"][0]["text"]
            status = client.get("/bot/complaints/PAKN-2026-999999", params={"sender": "web-fo-1"})
            assert status.status_code == 200 and "PAKN-2026-999999" in status.json()["text"]  # asks the contact
            lookup = client.post("/bot/dossiers/lookup", json={"text": "000.00.18.H12-260213-0001", "sender": "fo"})
            assert lookup.status_code == 200 and lookup.json()["status"] != "rate_limited"
    assert any("Redis unavailable" in r.getMessage() for r in caplog.records)
