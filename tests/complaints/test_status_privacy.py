"""A complaint code alone reveals nothing (issue 17, finding 5).

Codes are sequential (PAKN-2026-000001, -000002...): the probe learnt which exist, when they were filed and their
status, 20 look-ups per sender. Now only the conversation that filed a complaint sees its status at once; anyone
else first gives the last 4 digits of the phone (or the email) left with it, and an unknown code gets the same
answer as a known one. Against the real stack: the backend over HTTP, and the chat through the hub and Rasa.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from bot.stack import Stack
from tests.complaints.helpers import body


@pytest.fixture(scope="module")
def filed(stack: Stack) -> dict:
    data = body(sender=f"web-pk-{uuid.uuid4().hex[:8]}", contact="0912 345 678")
    res = httpx.post(f"{stack.config.api_url}/bot/complaints", json=data, headers=stack.bot_headers, timeout=10)
    assert res.status_code == 201, res.text
    return {**data, "code": res.json()["code"]}


def _status(stack: Stack, code: str, sender: str, contact: str | None = None, client: str | None = None) -> dict:
    res = httpx.post(
        f"{stack.config.api_url}/bot/complaints/status",
        json={"code": code, "sender": sender, "contact": contact, "client": client},
        headers=stack.bot_headers,
        timeout=10,
    )
    assert res.status_code in (200, 429), res.text
    return res.json()


def _chat(stack: Stack, sender: str, text: str) -> str:
    res = httpx.post(
        f"{stack.config.api_url}/chat/messages", json={"channel": "web", "sender": sender, "text": text}, timeout=60
    )
    assert res.status_code == 200, res.text
    return "\n".join(m["text"] for m in res.json()["messages"])


def test_a_stranger_learns_nothing_from_a_code_known_or_not(stack, filed):
    year = filed["code"].split("-")[1]
    unknown = f"PAKN-{year}-999999"
    for code in (filed["code"], unknown):
        for ask in (
            lambda c: httpx.get(
                f"{stack.config.api_url}/bot/complaints/{c}",
                params={"sender": "web-probe"},
                headers=stack.bot_headers,
                timeout=10,
            ).json(),
            lambda c: _status(stack, c, "web-probe"),
        ):
            answer = ask(code)
            assert answer["status"] is None and answer["status_label"] is None and answer["needs_contact"]
            assert "ngày" not in answer["text"] and "Đã tiếp nhận" not in answer["text"]
    known = _status(stack, filed["code"], "web-probe")["text"].replace(filed["code"], "<code>")
    assert known == _status(stack, unknown, "web-probe")["text"].replace(unknown, "<code>")


def test_the_filer_sees_the_status_and_others_after_giving_the_contact(stack, filed):
    owner = _status(stack, filed["code"], filed["sender"])
    assert owner["status"] == "received" and "Đã tiếp nhận" in owner["text"]
    wrong = _status(stack, filed["code"], "web-other", contact="1111")
    assert wrong["status"] is None and "không khớp" in wrong["text"]
    right = _status(stack, filed["code"], "web-other", contact="5678")
    assert right["status"] == "received" and "Đã tiếp nhận" in right["text"]


def test_rotating_senders_cannot_guess_the_contact(stack):
    data = body(sender=f"web-pk-{uuid.uuid4().hex[:8]}", contact="0987 654 321")
    code = httpx.post(f"{stack.config.api_url}/bot/complaints", json=data, headers=stack.bot_headers).json()["code"]
    for i in range(5):
        guess = _status(stack, code, f"web-g{i}-{uuid.uuid4().hex[:6]}", contact=f"{1000 + i}", client=f"c{i}")
        assert "không khớp" in guess["text"]
    locked = _status(stack, code, f"web-g-{uuid.uuid4().hex[:6]}", contact="4321", client="c-last")
    assert "status" not in locked or locked.get("status") is None
    assert "tạm khoá" in locked["detail"] and "Văn phòng Sở" in locked["detail"]


def test_the_chat_asks_a_stranger_for_the_contact_and_then_shows_the_status(stack, filed):
    stranger = f"pk-{uuid.uuid4().hex[:8]}"
    asked = _chat(stack, stranger, f"tra cứu {filed['code']}")
    assert "4 số cuối" in asked and "Đã tiếp nhận" not in asked
    shown = _chat(stack, stranger, "5678")
    assert filed["code"] in shown and "Đã tiếp nhận" in shown
    in_one = _chat(stack, f"pk-{uuid.uuid4().hex[:8]}", f"tra cứu {filed['code']} sđt 0912345678")
    assert "Đã tiếp nhận" in in_one
    owner = _chat(stack, filed["sender"].removeprefix("web-"), f"phản ánh {filed['code']} xử lý tới đâu rồi")
    assert "Đã tiếp nhận" in owner and "4 số cuối" not in owner
