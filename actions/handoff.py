"""Human handoff: the citizen asks for a person; the backend queues the conversation for staff or says nobody is
available now (outside office hours) and offers a complaint instead. From then on the chat hub, not Rasa, routes
the citizen's messages to the staff member until the conversation is handed back."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.client import BackendClient, BackendError

MAX_TURNS = 12
UNAVAILABLE = (
    "Dạ, hiện tôi chưa chuyển được yêu cầu tới cán bộ. Anh/chị vui lòng liên hệ trực tiếp Bộ phận Một cửa của "
    "Sở Công Thương tại Trung tâm Phục vụ hành chính công của tỉnh, hoặc thử lại sau ít phút. Trong lúc chờ, "
    "tôi vẫn có thể trả lời các câu hỏi về thủ tục."
)


class HandoffClient(BackendClient):
    async def request_handoff(self, sender: str, reason: str, turns: list[dict]) -> dict:
        return await self._request("POST", "/bot/handoff", json={"sender": sender, "reason": reason, "turns": turns})


def recent_turns(tracker: Tracker, limit: int = MAX_TURNS) -> list[dict[str, str]]:
    """What the citizen asked and what the bot answered, oldest first (button payloads left out)."""
    turns: list[dict[str, str]] = []
    for event in tracker.events:
        text = (event.get("text") or "").strip()
        if not text or text.startswith("/"):
            continue
        if event.get("event") == "user":
            turns.append({"role": "citizen", "text": text[:500]})
        elif event.get("event") == "bot":
            turns.append({"role": "bot", "text": text[:500]})
    return turns[-limit:]


def after_failed_understanding(tracker: Tracker) -> bool:
    """True when the bot's last message was the fallback's offer of a person (its "/request_human" button)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            buttons = (event.get("data") or {}).get("buttons") or []
            return any(b.get("payload") == "/request_human" for b in buttons if isinstance(b, dict))
    return False


class ActionRequestHuman(Action):
    def name(self) -> str:
        return "action_request_human"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reason = "fallback" if after_failed_understanding(tracker) else "asked"
        try:
            body = await HandoffClient().request_handoff(tracker.sender_id, reason, recent_turns(tracker))
        except BackendError:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        if body.get("status") in ("queued", "waiting"):
            dispatcher.utter_message(text=body["text"], json_message={"handoff": body["status"]})
        else:
            dispatcher.utter_message(text=body["text"], buttons=body.get("buttons") or [])
        return []
