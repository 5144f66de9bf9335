"""Human handoff on Telegram: the real gateway process, the fake Bot API, the real stack. Staff and system
messages from the outbox reach the chat through the gateway's outbox poller; held messages never reach Rasa."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from bot.db.base import session_factory
from bot.handoff import texts
from bot.handoff.models import Handoff
from bot.staff.users import by_username, create_user
from tests.channels.telegram import updates
from tests.channels.telegram.conftest import Gateway, start_gateway, stop_gateway

PASSWORD = "mat-khau-ban-giao-1"
CHAT = 5101


@pytest.fixture(scope="module")
def handoff_gateway(fake_api, stack) -> Iterator[Gateway]:
    running = start_gateway(
        fake_api,
        "333:handoff-token-SECRETVALUE",
        stack.config.api_url,
        SCT_TELEGRAM_OUTBOX_POLL_SECONDS="0.5",
        SCT_CHANNEL_SECRET=stack.config.channel_secret,  # the backend hands staff replies to the gateway only
    )
    yield running
    stop_gateway(running)


@pytest.fixture(scope="module")
def staff_api(stack) -> Iterator[httpx.Client]:
    with session_factory(stack.config.env["SCT_DATABASE_URL"])() as db:
        if by_username(db, "ho-telegram") is None:
            create_user(db, "ho-telegram", PASSWORD, "staff", "Phạm Thu Hà")
    client = httpx.Client(base_url=f"{stack.config.api_url}/staff/api", timeout=30)
    token = client.post("/login", json={"username": "ho-telegram", "password": PASSWORD}).json()["token"]
    client.headers["Authorization"] = f"Bearer {token}"
    assert client.post("/handoff-desk", json={"mode": "open"}).status_code == 200
    yield client
    client.post("/handoff-desk", json={"mode": "auto"})
    client.close()


def test_staff_messages_reach_the_telegram_chat_and_the_bot_takes_over_after(
    fake_api, handoff_gateway, staff_api, stack
):
    gw = handoff_gateway

    def sent(count: int) -> list[str]:
        return [c.params["text"] for c in fake_api.wait_for(gw.token, "sendMessage", CHAT, count=count)]

    fake_api.inject(gw.token, updates.text(CHAT, "cho tôi gặp cán bộ"))
    assert sent(1) == [texts.QUEUED]
    with session_factory(stack.config.env["SCT_DATABASE_URL"])() as db:
        handoff = db.scalars(
            select(Handoff).where(
                Handoff.channel == "telegram", Handoff.sender == str(CHAT), Handoff.status == "queued"
            )
        ).one()

    assert staff_api.post(f"/handoffs/{handoff.id}/claim").status_code == 200
    assert sent(2)[1] == texts.JOINED.format(name="Phạm Thu Hà")

    fake_api.inject(gw.token, updates.text(CHAT, "hồ sơ của tôi nộp từ tuần trước"))
    answer = "Dạ, em đã kiểm tra, hồ sơ của anh/chị đang được thẩm định ạ."
    transcript: list = []
    for _ in range(50):  # the held message lands in the transcript (no reply of its own)
        transcript = staff_api.get(f"/handoffs/{handoff.id}").json()["messages"]
        if any(m["role"] == "citizen" for m in transcript):
            break
        time.sleep(0.1)
    assert [m["text"] for m in transcript if m["role"] == "citizen"] == ["hồ sơ của tôi nộp từ tuần trước"]
    assert staff_api.post(f"/handoffs/{handoff.id}/reply", json={"text": answer}).status_code == 200
    assert sent(3)[2] == f"👤 Cán bộ Phạm Thu Hà:\n{answer}"  # signed with the name the citizen was told

    assert staff_api.post(f"/handoffs/{handoff.id}/close").status_code == 200
    assert sent(4)[3] == texts.LEFT.format(name="Phạm Thu Hà")
    fake_api.inject(gw.token, updates.text(CHAT, "lệ phí cấp giấy phép bán lẻ rượu"))
    assert "bán lẻ rượu" in sent(5)[4]

    tracker = httpx.get(
        f"{stack.config.rasa_url}/conversations/telegram-{CHAT}/tracker", params=stack.rasa_params, timeout=10
    ).json()
    said = [e.get("text") for e in tracker["events"] if e["event"] == "user"]
    assert said == ["cho tôi gặp cán bộ", "lệ phí cấp giấy phép bán lẻ rượu"]  # the held message never reached Rasa
    assert gw.alive() and "SECRETVALUE" not in gw.log() and "Traceback" not in gw.log()
