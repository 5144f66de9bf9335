"""Human handoff end to end on the real stack: widget API -> hub -> Rasa -> action -> backend queue -> staff API.

The desk mode (auto/open/closed) makes the test independent of the real time of day: "open" while a person is
asked for, "closed" for the out-of-hours answer; the office-hours clock itself is tested in test_hours.py and
test_handoff_api.py with an injected clock.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from bot.db.base import session_factory
from bot.handoff import texts
from bot.handoff.models import Handoff
from bot.staff.users import by_username, create_user

PASSWORD = "mat-khau-ban-giao-1"


class Site:
    def __init__(self, stack) -> None:
        self.stack = stack
        self.http = httpx.Client(base_url=stack.config.api_url, timeout=30)
        with session_factory(stack.config.env["SCT_DATABASE_URL"])() as db:
            if by_username(db, "ho-e2e") is None:
                create_user(db, "ho-e2e", PASSWORD, "staff", "Trần Thị Mai")
        token = self.http.post("/staff/api/login", json={"username": "ho-e2e", "password": PASSWORD}).json()["token"]
        self.auth = {"Authorization": f"Bearer {token}"}

    def say(self, sender: str, text: str) -> dict:
        answer = self.http.post("/chat/messages", json={"channel": "web", "sender": sender, "text": text})
        assert answer.status_code == 200, answer.text
        return answer.json()

    def session(self) -> tuple[str, str]:
        """A web conversation opened as the widget opens it: its sender id and the token that reads its updates."""
        body = self.http.post("/chat/sessions").json()
        return body["sender"], body["token"]

    def updates(self, sender: str, token: str, after: int = 0) -> dict:
        params = {"channel": "web", "sender": sender, "after": after}
        return self.http.get("/chat/updates", params=params, headers={"X-SCT-Conversation-Token": token}).json()

    def staff(self, method: str, path: str, **kw) -> httpx.Response:
        return self.http.request(method, f"/staff/api{path}", headers=self.auth, **kw)

    def desk(self, mode: str) -> None:
        assert self.staff("POST", "/handoff-desk", json={"mode": mode}).json()["mode"] == mode

    def rasa_user_texts(self, sender: str) -> list[str]:
        url = f"{self.stack.config.rasa_url}/conversations/web-{sender}/tracker"
        events = httpx.get(url, params=self.stack.rasa_params, timeout=10).json()["events"]
        return [e.get("text") for e in events if e["event"] == "user"]


@pytest.fixture(scope="module")
def site(stack) -> Iterator[Site]:
    running = Site(stack)
    yield running
    running.desk("auto")
    running.http.close()


def test_citizen_asks_for_a_person_staff_answers_and_hands_back(site):
    site.desk("open")
    sender, token = site.session()
    first = site.say(sender, "lệ phí cấp giấy phép bán lẻ rượu là bao nhiêu")
    bot_answer = first["messages"][0]["text"]
    asked = site.say(sender, "cho tôi gặp cán bộ")
    assert asked["messages"][0]["text"] == texts.QUEUED
    assert asked["messages"][0]["custom"] == {"handoff": "queued"}

    queue = site.staff("GET", "/handoffs").json()["handoffs"]
    item = next(
        h
        for h in queue
        if h["summary"]
        and h["status"] == "queued"
        and h["channel"] == "web"
        and h["summary"][0]["text"] == "lệ phí cấp giấy phép bán lẻ rượu là bao nhiêu"
    )
    assert {"role": "bot", "text": bot_answer[:500]} in item["summary"]
    assert item["summary"][-1] == {"role": "citizen", "text": "cho tôi gặp cán bộ"}

    claimed = site.staff("POST", f"/handoffs/{item['id']}/claim")
    assert claimed.status_code == 200, claimed.text
    held = site.say(sender, "cửa hàng của tôi ở huyện Tiên Du thì nộp ở đâu?")
    assert held == {"status": "handoff", "messages": []}
    assert "cửa hàng của tôi ở huyện Tiên Du thì nộp ở đâu?" not in site.rasa_user_texts(sender)
    transcript = site.staff("GET", f"/handoffs/{item['id']}").json()["messages"]
    assert ("citizen", "cửa hàng của tôi ở huyện Tiên Du thì nộp ở đâu?") in [
        (m["role"], m["text"]) for m in transcript
    ]

    reply = "Dạ, anh/chị nộp tại Trung tâm Phục vụ hành chính công tỉnh ạ."
    assert site.staff("POST", f"/handoffs/{item['id']}/reply", json={"text": reply}).status_code == 200
    updates = site.updates(sender, token)
    assert [(m["sender_role"], m["text"]) for m in updates["messages"]] == [
        ("system", texts.JOINED.format(name="Trần Thị Mai")),
        ("staff", reply),
    ]
    assert updates["handoff"]["status"] == "claimed"

    assert site.staff("POST", f"/handoffs/{item['id']}/close").json()["status"] == "closed"
    after = site.updates(sender, token, updates["cursor"])
    assert [m["text"] for m in after["messages"]] == [texts.LEFT.format(name="Trần Thị Mai")]
    back = site.say(sender, "thời hạn giải quyết giấy phép bán lẻ rượu bao lâu")
    assert back["status"] == "ok" and "bán lẻ rượu" in back["messages"][0]["text"]
    assert site.rasa_user_texts(sender)[-1] == "thời hạn giải quyết giấy phép bán lẻ rượu bao lâu"


def test_nobody_on_duty_offers_a_complaint_instead(site):
    site.desk("closed")
    sender = f"ho-{uuid.uuid4().hex[:10]}"
    answer = site.say(sender, "cho tôi gặp cán bộ")["messages"][0]
    assert "chưa có cán bộ trực" in answer["text"] and "7:30–11:30" in answer["text"]
    assert answer["buttons"] == [{"title": texts.CLOSED_BUTTON, "payload": "/file_complaint"}]
    form = site.say(sender, answer["buttons"][0]["payload"])
    assert "nội dung phản ánh" in form["messages"][-1]["text"]
    with session_factory(site.stack.config.env["SCT_DATABASE_URL"])() as db:
        assert db.scalars(select(Handoff).where(Handoff.sender == sender)).all() == []


def test_two_failed_understandings_offer_the_person_button_which_opens_a_handoff(site):
    site.desk("open")
    sender = f"ho-{uuid.uuid4().hex[:10]}"
    # the hub reads "/nlu_fallback" as plain words, so two messages NLU cannot place stand for two failures
    site.say(sender, "zxqv wkrp ghtl")
    second = site.say(sender, "bzzt krrr pfft")
    payloads = [b["payload"] for m in second["messages"] for b in m["buttons"]]
    assert "/request_human" in payloads
    asked = site.say(sender, "/request_human")
    assert asked["messages"][0]["text"] == texts.QUEUED
    hid = next(h["id"] for h in site.staff("GET", "/handoffs").json()["handoffs"] if h["reason"] == "fallback")
    assert site.staff("POST", f"/handoffs/{hid}/claim").status_code == 200
    assert site.staff("POST", f"/handoffs/{hid}/close").status_code == 200
