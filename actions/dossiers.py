"""Dossier status look-up: relays the user's words (and, when asked, the last 4 phone digits) to the backend."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import UNAVAILABLE
from actions.client import BackendClient, BackendError, BackendRejected

FOUR_DIGITS = re.compile(r"(?<!\d)(\d{4})(?!\d)")


class ActionLookupDossier(Action):
    def name(self) -> str:
        return "action_lookup_dossier"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        phone_last4 = None
        if intent == "inform_digits":
            digits = FOUR_DIGITS.search(text)
            phone_last4 = digits.group(1) if digits else None
            text = tracker.get_slot("dossier_code") or ""
        elif text.startswith("/"):  # a button: the code travels as an entity
            text = next(tracker.get_latest_entity_values("dossier_code"), None) or ""
        try:
            body = await BackendClient().lookup_dossier(text=text, sender=tracker.sender_id, phone_last4=phone_last4)
        except BackendRejected as exc:
            dispatcher.utter_message(text=exc.detail)
            return []
        except BackendError:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        dispatcher.utter_message(text=body["text"], buttons=body.get("buttons") or [])
        events: list[dict[str, Any]] = []
        if body.get("code"):
            events.append(SlotSet("dossier_code", body["code"]))
        prefill = body.get("complaint_prefill")
        if isinstance(prefill, dict) and prefill.get("content"):
            events.append(SlotSet("complaint_prefill_content", prefill["content"]))
        return events
