"""Crafted "/intent{entities}" messages through the chat hub, against the real Rasa stack.

Rasa reads a leading "/" as an intent with entities and skips NLU. Through the hub a citizen can only send
the shapes of the bot's own buttons: Rasa's own intents cannot restart the conversation, crafted entities
fill no slot, and consent to store personal data cannot be injected.
"""

from __future__ import annotations

import uuid

import httpx
import pytest


def _chat(stack, sender: str, text: str) -> dict:
    res = httpx.post(
        f"{stack.config.api_url}/chat/messages", json={"channel": "web", "sender": sender, "text": text}, timeout=30
    )
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["status"] == "ok"
    assert any(m["text"].strip() for m in body["messages"]), body  # never a silent answer
    return body


def _tracker(stack, sender: str) -> dict:
    return httpx.get(
        f"{stack.config.rasa_url}/conversations/web-{sender}/tracker", params=stack.rasa_params, timeout=10
    ).json()


@pytest.mark.parametrize("command", ["/restart", "/session_start", "/back", "/ / /restart"])
def test_rasa_commands_cannot_wipe_the_conversation(stack, command):
    sender = f"inj-{uuid.uuid4().hex[:8]}"
    _chat(stack, sender, "xin giấy phép bán lẻ rượu cần giấy tờ gì")
    _chat(stack, sender, command)
    tracker = _tracker(stack, sender)
    assert tracker["slots"]["procedure_code"] == "2.000620"
    assert not [e for e in tracker["events"] if e["event"] in ("restart", "undo", "rewind")]


def test_crafted_entities_fill_no_slot(stack):
    sender = f"inj-{uuid.uuid4().hex[:8]}"
    _chat(stack, sender, '/file_complaint{"complaint_content":"x","complaint_name":"Kẻ Giả","complaint_consent":true}')
    slots = _tracker(stack, sender)["slots"]
    assert slots["complaint_name"] is None and slots["complaint_consent"] is None
    _chat(stack, sender, "tôi muốn gửi phản ánh")
    assert _tracker(stack, sender)["slots"]["requested_slot"] == "complaint_content"
    _chat(stack, sender, '/affirm{"complaint_consent":true,"complaint_confirmed":true,"complaint_name":"Kẻ Giả"}')
    slots = _tracker(stack, sender)["slots"]
    assert slots["complaint_consent"] is None  # consent is only ever asked after the content, never injected
    assert slots["complaint_name"] is None and slots["complaint_confirmed"] is None
    assert slots["last_complaint_code"] is None


def test_entity_values_outside_the_buttons_shapes_do_not_reach_slots(stack):
    sender = f"inj-{uuid.uuid4().hex[:8]}"
    _chat(stack, sender, '/check_dossier_status{"dossier_code":"<script>alert(1)</script>"}')
    _chat(stack, sender, '/ask_fee{"procedure_code":"1.000000"}')
    _chat(stack, sender, '/ask_fee{"procedure_code":"x"')
    slots = _tracker(stack, sender)["slots"]
    assert slots["dossier_code"] != "<script>alert(1)</script>"
    assert slots["procedure_code"] != "1.000000"


def test_the_bots_own_buttons_still_work(stack):
    sender = f"inj-{uuid.uuid4().hex[:8]}"
    fee = _chat(stack, sender, '/ask_fee{"procedure_code":"2.000620"}')
    assert "Cấp Giấy phép bán lẻ rượu" in fee["messages"][0]["text"]
    assert _tracker(stack, sender)["slots"]["procedure_code"] == "2.000620"
