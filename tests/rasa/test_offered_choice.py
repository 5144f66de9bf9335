"""A message the NLU read as small talk or out of scope, right after the bot listed procedures, is first tried as
the citizen's choice of that list (the real action server and backend, over HTTP)."""

from __future__ import annotations

import httpx

from bot.stack import Stack

WHOLESALE, RETAIL = "2.001624", "2.000620"  # liquor wholesale and retail licences


def run_action(stack: Stack, action: str, text: str, intent: str, slots: dict) -> dict:
    tracker = {
        "sender_id": "offered-choice",
        "slots": slots,
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    res = httpx.post(
        f"http://127.0.0.1:{stack.config.action_port}/webhook",
        json={"next_action": action, "sender_id": "offered-choice", "tracker": tracker, "domain": {}},
        headers=stack.action_headers,
        timeout=30,
    )
    assert res.status_code == 200, res.text
    return res.json()


def slot_events(result: dict) -> dict:
    return {e["name"]: e["value"] for e in result["events"] if e.get("event") == "slot"}


def test_a_choice_read_as_chitchat_answers_the_offered_procedure(stack):
    offered = {"offered_codes": [RETAIL, WHOLESALE], "pending_part": "ask_documents"}
    result = run_action(stack, "action_chitchat", "loại bán buôn nha, công ty mình bán cho đại lý", "chitchat", offered)
    assert slot_events(result)["procedure_code"] == WHOLESALE
    assert "📄" in result["responses"][0]["text"]  # the part asked before the list: the documents


def test_small_talk_without_a_list_gets_the_scope_reminder(stack):
    result = run_action(stack, "action_chitchat", "hôm nay trời đẹp ghê", "chitchat", {})
    assert [r.get("response") for r in result["responses"]] == ["utter_chitchat"]
    assert slot_events(result) == {}


def test_small_talk_after_a_list_that_picks_nothing_gets_the_scope_reminder(stack):
    offered = {"offered_codes": [RETAIL, WHOLESALE], "pending_part": "ask_fee"}
    result = run_action(stack, "action_chitchat", "hôm nay trời đẹp ghê", "chitchat", offered)
    assert [r.get("response") for r in result["responses"]] == ["utter_chitchat"]
