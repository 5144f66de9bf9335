"""Custom actions. Each one gathers what the tracker knows, asks the backend, and relays its answer."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.client import BackendClient, BackendError

UNAVAILABLE = (
    "Xin lỗi, hệ thống tra cứu thủ tục đang tạm gián đoạn. Anh/chị vui lòng thử lại sau ít phút, "
    "hoặc xem trực tiếp trên Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn"
)
CODE = re.compile(r"^\d\.\d{6}$")


def _user_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text  # button payloads carry no words to resolve


def relay_answer(dispatcher: CollectingDispatcher, body: dict) -> list[dict[str, Any]]:
    """Send the backend's composed answer; remember the procedure it is about for follow-up questions."""
    dispatcher.utter_message(text=body["text"], buttons=body.get("buttons") or [])
    events: list[dict[str, Any]] = [SlotSet("fallback_count", 0)]
    if body.get("procedure_code"):
        events += [
            SlotSet("procedure_code", body["procedure_code"]),
            SlotSet("procedure_name", body["procedure_name"]),
        ]
    return events


class ActionAnswerProcedure(Action):
    def name(self) -> str:
        return "action_answer_procedure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        chosen = next(tracker.get_latest_entity_values("procedure_code"), None)
        current = tracker.get_slot("procedure_code")
        try:
            body = await BackendClient().answer(
                text=_user_text(tracker),
                intent=(tracker.latest_message.get("intent") or {}).get("name") or "ask_procedure",
                mention=next(tracker.get_latest_entity_values("procedure"), None),
                current_code=current if current and CODE.match(current) else None,
                chosen_code=chosen if chosen and CODE.match(chosen) else None,
            )
        except BackendError:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        return relay_answer(dispatcher, body)


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        try:
            body = await BackendClient().out_of_scope(_user_text(tracker))
        except BackendError:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        dispatcher.utter_message(text=body["text"])
        return []


class ActionFallback(Action):
    """Two-stage fallback: first ask to rephrase, then offer a person or the menu."""

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        text = _user_text(tracker)
        mention = next(tracker.get_latest_entity_values("procedure"), None)
        if mention or len(text) >= 25:  # the NLU was unsure of the intent, but the message may name a procedure
            try:
                found = await BackendClient().answer(text=text, intent="ask_procedure", mention=mention)
            except BackendError:
                found = {}
            status = found.get("status")
            if (status == "answered" and found.get("procedure_code")) or (status == "choose" and mention):
                return relay_answer(dispatcher, found)
        try:
            body = await BackendClient().fallback(int(tracker.get_slot("fallback_count") or 0))
        except BackendError:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        dispatcher.utter_message(text=body["text"], buttons=body.get("buttons") or [])
        return [SlotSet("fallback_count", body["failures"])]


class ActionShortReply(Action):
    """A yes/no/cancel outside any form: if it names a procedure it was really a question, so answer it."""

    def name(self) -> str:
        return "action_short_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        mention = next(tracker.get_latest_entity_values("procedure"), None)
        if mention:
            try:
                body = await BackendClient().answer(text=_user_text(tracker), intent="ask_procedure", mention=mention)
            except BackendError:
                body = None
            if body and body.get("status") in ("answered", "choose"):
                return relay_answer(dispatcher, body)
        dispatcher.utter_message(response="utter_anything_else")
        return []
