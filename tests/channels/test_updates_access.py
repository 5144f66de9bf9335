"""Staff replies are read only by their own conversation's client (issue 17, finding 1).

The probe: `GET /chat/updates?channel=telegram&sender=<chat id>` returned a staff member's reply to that user
with no credential. Now the gateways poll with their secret and the widget with its conversation's token.
Against the real backend process of the stack, over HTTP.
"""

from __future__ import annotations

import uuid

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.api.main import create_app
from bot.db.base import session_factory
from bot.db.outbox import push
from bot.settings import Settings
from bot.stack import Stack

SECRET_REPLY = "Dạ, hồ sơ của anh Nguyễn Văn Mẫu đã được chuyển phòng Quản lý thương mại ạ."


def _staff_reply(stack: Stack, channel: str, sender: str) -> None:
    with session_factory(stack.config.env["SCT_DATABASE_URL"])() as session:
        push(session, channel, sender, "staff", SECRET_REPLY)


def _updates(stack: Stack, channel: str, sender: str, headers: dict[str, str] | None = None) -> httpx.Response:
    params = {"channel": channel, "sender": sender, "after": 0}
    return httpx.get(f"{stack.config.api_url}/chat/updates", params=params, headers=headers or {}, timeout=10)


def _session(stack: Stack) -> tuple[str, str]:
    res = httpx.post(f"{stack.config.api_url}/chat/sessions", timeout=10)
    assert res.status_code == 200, res.text
    body = res.json()
    return body["sender"], body["token"]


@pytest.mark.parametrize("channel", ["telegram", "zalo"])
def test_only_the_gateway_reads_a_telegram_or_zalo_users_staff_replies(stack, channel):
    chat_id = str(uuid.uuid4().int % 10**10)
    _staff_reply(stack, channel, chat_id)
    for headers in ({}, {"X-SCT-Channel-Secret": "guess"}, {"X-SCT-Conversation-Token": "guess"}):
        refused = _updates(stack, channel, chat_id, headers)
        assert refused.status_code == 403, refused.text
        assert SECRET_REPLY not in refused.text and "tải lại trang" in refused.json()["detail"]
    gateway = _updates(stack, channel, chat_id, stack.channel_headers)
    assert gateway.status_code == 200
    assert [m["text"] for m in gateway.json()["messages"]] == [SECRET_REPLY]


def test_the_widget_reads_only_its_own_conversation(stack):
    sender, token = _session(stack)
    other_sender, other_token = _session(stack)
    assert sender != other_sender and sender.startswith("w-")
    _staff_reply(stack, "web", sender)
    for headers in (
        {},
        {"X-SCT-Conversation-Token": other_token},
        {"X-SCT-Conversation-Token": token[:-1]},
        stack.channel_headers,  # the gateways' secret is not a widget's token
    ):
        refused = _updates(stack, "web", sender, headers)
        assert refused.status_code == 403 and SECRET_REPLY not in refused.text
    own = _updates(stack, "web", sender, {"X-SCT-Conversation-Token": token})
    assert own.status_code == 200 and [m["text"] for m in own.json()["messages"]] == [SECRET_REPLY]
    assert _updates(stack, "web", other_sender, {"X-SCT-Conversation-Token": other_token}).json()["messages"] == []


def test_the_gateway_must_hold_the_secret_to_speak_for_a_telegram_user(stack):
    body = {"channel": "telegram", "sender": "4242424242", "text": "xin chào"}
    stranger = httpx.post(f"{stack.config.api_url}/chat/messages", json=body, timeout=30)
    assert stranger.status_code == 403
    gateway = httpx.post(f"{stack.config.api_url}/chat/messages", json=body, headers=stack.channel_headers, timeout=60)
    assert gateway.status_code == 200 and gateway.json()["status"] == "ok"


def test_without_a_configured_secret_nobody_reads_telegram_updates(client):
    """Development without SCT_CHANNEL_SECRET: posting stays open, reading Telegram/Zalo updates does not."""
    assert client.get("/chat/updates", params={"channel": "telegram", "sender": "12345"}).status_code == 403


def test_tokens_hold_across_instances_sharing_the_secret(new_sqlite_db):
    db = new_sqlite_db("tokens")
    apps = [create_app(Settings(database_url=db, environment="test", channel_secret="s" * 32)) for _ in range(2)]
    other = create_app(Settings(database_url=db, environment="test", channel_secret="t" * 32))
    with TestClient(apps[0]) as one, TestClient(apps[1]) as two, TestClient(other) as rotated:
        session = one.post("/chat/sessions").json()
        params = {"channel": "web", "sender": session["sender"]}
        headers = {"X-SCT-Conversation-Token": session["token"]}
        assert two.get("/chat/updates", params=params, headers=headers).status_code == 200
        assert rotated.get("/chat/updates", params=params, headers=headers).status_code == 403


def test_production_refuses_to_start_without_the_secret(pg_server_url):
    settings = Settings(database_url=pg_server_url, environment="production", bot_api_key="k" * 32)
    with pytest.raises(RuntimeError, match="SCT_CHANNEL_SECRET"):
        create_app(settings)
