"""With SCT_CHANNEL_SECRET set, only the gateways (holding the secret) may post as a Telegram or Zalo user."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.api.main import create_app
from bot.api.routes.chat import GATEWAY_ONLY
from bot.settings import Settings
from tests.servers import free_port


@pytest.fixture(scope="module")
def guarded(db_url):
    rasa_down = f"http://127.0.0.1:{free_port()}"
    settings = Settings(database_url=db_url, environment="test", rasa_url=rasa_down, channel_secret="s3cret")
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize("channel", ["telegram", "zalo"])
def test_a_stranger_cannot_speak_for_a_telegram_or_zalo_user(guarded, channel):
    for headers in ({}, {"X-SCT-Channel-Secret": "guess"}):
        res = guarded.post(
            "/chat/messages", json={"channel": channel, "sender": "123456789", "text": "hi"}, headers=headers
        )
        assert res.status_code == 403
        assert res.json()["detail"] == GATEWAY_ONLY


def test_the_gateway_with_the_secret_and_the_web_channel_are_served(guarded):
    gateway = guarded.post(
        "/chat/messages",
        json={"channel": "telegram", "sender": "123456789", "text": "xin chào"},
        headers={"X-SCT-Channel-Secret": "s3cret"},
    )
    web = guarded.post("/chat/messages", json={"channel": "web", "sender": "w-1", "text": "xin chào"})
    assert gateway.status_code == web.status_code == 200
    assert gateway.json()["status"] == web.json()["status"] == "unavailable"  # reached the hub (Rasa is down here)


def test_without_a_secret_configured_every_channel_is_accepted(client):
    res = client.post("/chat/messages", json={"channel": "zalo", "sender": "z-1", "text": ""})
    assert res.status_code == 200 and res.json()["status"] == "rejected"
