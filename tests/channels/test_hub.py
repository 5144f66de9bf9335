"""The chat hub through the backend's /chat/messages, against the real Rasa stack and with Rasa down."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.api.main import create_app
from bot.channels import messages
from bot.channels.hub import BotMessage, merge_custom
from bot.settings import Settings
from bot.text.clean import clean_text
from tests.servers import free_port


def _chat(stack, **body) -> dict:
    headers = stack.channel_headers if body.get("channel") != "web" else {}  # as the gateways post
    res = httpx.post(f"{stack.config.api_url}/chat/messages", json=body, headers=headers, timeout=30)
    assert res.status_code == 200, res.text
    return res.json()


def test_question_is_relayed_to_rasa_and_answered(stack):
    reply = _chat(stack, channel="web", sender="hub-1", text="xin giấy phép bán lẻ rượu cần giấy tờ gì")
    assert reply["status"] == "ok"
    assert "Cấp Giấy phép bán lẻ rượu" in reply["messages"][0]["text"]
    assert reply["messages"][0]["buttons"]


def test_each_channel_user_has_its_own_conversation(stack):
    _chat(stack, channel="web", sender="hub-2", text="xin giấy phép bán lẻ rượu cần giấy tờ gì")
    tracker = httpx.get(
        f"{stack.config.rasa_url}/conversations/web-hub-2/tracker", params=stack.rasa_params, timeout=10
    ).json()
    assert tracker["slots"]["procedure_code"] == "2.000620"
    other = httpx.get(
        f"{stack.config.rasa_url}/conversations/telegram-hub-2/tracker", params=stack.rasa_params, timeout=10
    ).json()
    assert other["slots"].get("procedure_code") is None


def test_duplicate_delivery_is_answered_once(stack):
    first = _chat(stack, channel="telegram", sender="hub-3", text="xin chào", message_id="42")
    again = _chat(stack, channel="telegram", sender="hub-3", text="xin chào", message_id="42")
    assert first["status"] == "ok" and again["status"] == "duplicate"
    assert again["messages"] == first["messages"]
    tracker = httpx.get(
        f"{stack.config.rasa_url}/conversations/telegram-hub-3/tracker", params=stack.rasa_params, timeout=10
    ).json()
    assert sum(1 for e in tracker["events"] if e["event"] == "user") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", messages.EMPTY), ("\u200b \x00", messages.EMPTY), ("a" * 10_000, messages.TOO_LONG.format(limit=2000))],
)
def test_empty_and_huge_messages_get_a_polite_answer_without_rasa(stack, text, expected):
    reply = _chat(stack, channel="web", sender="hub-4", text=text)
    assert reply["status"] == "rejected"
    assert reply["messages"][0]["text"] == expected


def test_bad_sender_ids_are_refused_in_vietnamese(stack):
    res = httpx.post(f"{stack.config.api_url}/chat/messages", json={"sender": "../../etc", "text": "hi"}, timeout=10)
    assert res.status_code == 422
    assert "không hợp lệ" in res.json()["detail"]


def test_rasa_down_gives_a_polite_retry_message(db_url):
    settings = Settings(database_url=db_url, environment="test", rasa_url=f"http://127.0.0.1:{free_port()}")
    with TestClient(create_app(settings)) as client:
        res = client.post("/chat/messages", json={"channel": "web", "sender": "down-1", "text": "xin chào"})
    assert res.status_code == 200
    body = res.json()
    assert body["status"] == "unavailable"
    assert body["messages"][0]["text"] == messages.RASA_DOWN


def test_clean_text_normalises_and_strips_invisible_characters():
    assert clean_text("  hoa\u0300\u200b\x07 ") == "hoà"


def test_textless_custom_payload_is_attached_to_the_message_before_it():
    replies = merge_custom([BotMessage("Số điện thoại?"), BotMessage(custom={"ask": "contact"}), BotMessage("")])
    assert len(replies) == 1
    assert replies[0].text == "Số điện thoại?" and replies[0].custom == {"ask": "contact"}


def test_a_sender_who_floods_is_asked_to_slow_down(db_url):
    rasa_url = f"http://127.0.0.1:{free_port()}"
    settings = Settings(database_url=db_url, environment="test", rasa_url=rasa_url, chat_messages_per_minute=2)
    with TestClient(create_app(settings)) as client:
        send = [client.post("/chat/messages", json={"sender": "flood-1", "text": f"câu {i}"}) for i in range(3)]
        bodies = [r.json() for r in send]
        other = client.post("/chat/messages", json={"sender": "flood-2", "text": "xin chào"}).json()
    assert [b["status"] for b in bodies] == ["unavailable", "unavailable", "rejected"]
    assert "gửi tin nhắn hơi nhanh" in bodies[2]["messages"][0]["text"]
    assert other["status"] == "unavailable"  # the limit is per sender
