"""Whole conversations through the chat hub (POST /chat/messages, the path every channel takes): a typed answer to
"which one?", a follow-up with no procedure, a procedure the catalogue lacks."""

from __future__ import annotations

import uuid

import httpx

from bot.stack import Stack


class Chat:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.sender = f"conv{uuid.uuid4().hex[:10]}"
        self.buttons: list[dict] = []

    def say(self, text: str) -> str:
        res = httpx.post(
            f"{self.stack.config.api_url}/chat/messages", json={"sender": self.sender, "text": text}, timeout=30
        )
        assert res.status_code == 200, res.text
        messages = res.json()["messages"]
        self.buttons = [b for m in messages for b in m["buttons"]]
        return "\n".join(m["text"] for m in messages)

    def press(self, title: str) -> str:
        button = next(b for b in self.buttons if title in b["title"])
        return self.say(button["payload"])


def test_an_ordinal_answer_picks_the_listed_option(stack):
    chat = Chat(stack)
    chat.say("giấy phép rượu nộp ở đâu")
    second = chat.buttons[1]["title"].rstrip("…")
    reply = chat.say("cái thứ hai")
    assert "🏢" in reply and second[:30].lower() in reply.lower()


def test_a_follow_up_with_no_procedure_asks_which_one(stack):
    chat = Chat(stack)
    reply = chat.say("thế phí bao nhiêu vậy?")
    assert "thủ tục" in reply and "💰" not in reply


def test_a_procedure_we_do_not_hold_is_said_so_through_the_hub(stack):
    chat = Chat(stack)
    reply = chat.say("cho hỏi thủ tục xin giấy phép kinh doanh dịch vụ karaoke cần giấy tờ gì")
    assert "không có trong danh mục" in reply or "không thuộc thẩm quyền" in reply
    assert "📄" not in reply  # never another procedure's documents
