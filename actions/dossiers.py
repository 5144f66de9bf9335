"""Dossier status look-up: relays the user's words (and, when asked, the last 4 phone digits) to the backend."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import UNAVAILABLE
from actions.client import BackendClient, BackendError, BackendRejected
from actions.complaints import relay_complaint_status
from bot.identifiers import DOSSIER_CODE_MENTION

FOUR_DIGITS = re.compile(r"(?<!\d)(\d{4})(?!\d)")
CLIENT = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def client_of(tracker: Tracker) -> str | None:
    """The hub's tag of who is behind this conversation (address or account): the backend's limits count per client."""
    client = (tracker.latest_message.get("metadata") or {}).get("client")
    return client if isinstance(client, str) and CLIENT.match(client) else None


def asked_complaint_last(tracker: Tracker) -> bool:
    """Whether the bot's last look-up was of a complaint: 4 digits typed now answer its request for the contact."""
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in ("action_complaint_status", "action_lookup_dossier"):
            return event["name"] == "action_complaint_status"
    return False


# something that looks like a dossier code in any official form (the backend parses it for real)
CODE_LIKE = re.compile(DOSSIER_CODE_MENTION, re.IGNORECASE)
# follow-ups that stay about the dossier just looked up: "thế khi nào tôi nhận được giấy?", "sao trễ vậy"
DOSSIER_FOLLOWUPS = frozenset({"check_dossier_status", "ask_processing_time", "inform_digits"})


async def lookup_and_reply(
    dispatcher: CollectingDispatcher, tracker: Tracker, text: str, phone_last4: str | None
) -> list[dict[str, Any]]:
    """Ask the backend about the dossier in `text`; remember the code (and the digits that verified it) so
    follow-ups stay about the same dossier."""
    try:
        body = await BackendClient().lookup_dossier(
            text=text, sender=tracker.sender_id, phone_last4=phone_last4, client=client_of(tracker)
        )
    except BackendRejected as exc:
        dispatcher.utter_message(text=exc.detail)
        return []
    except BackendError:
        dispatcher.utter_message(text=UNAVAILABLE)
        return []
    dispatcher.utter_message(text=body["text"], buttons=body.get("buttons") or [])
    events: list[dict[str, Any]] = [SlotSet("topic", "dossier"), SlotSet("offered_codes", None)]
    if body.get("code"):
        events.append(SlotSet("dossier_code", body["code"]))
    if body.get("verified") and phone_last4:
        events.append(SlotSet("dossier_last4", phone_last4))
    prefill = body.get("complaint_prefill")
    if isinstance(prefill, dict) and prefill.get("content"):
        events.append(SlotSet("complaint_prefill_content", prefill["content"]))
    return events


class ActionLookupDossier(Action):
    def name(self) -> str:
        return "action_lookup_dossier"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        known = tracker.get_slot("dossier_code")
        phone_last4 = None
        # the last four phone digits for the dossier (or complaint) asked about; a bare code is looked up as typed
        if intent == "inform_digits" and not CODE_LIKE.search(text):
            digits = FOUR_DIGITS.search(text)
            phone_last4 = digits.group(1) if digits else None
            complaint = tracker.get_slot("last_complaint_code")
            if complaint and phone_last4 and asked_complaint_last(tracker):
                return await relay_complaint_status(dispatcher, tracker, complaint, phone_last4)
            text = known or ""
        elif text.startswith("/"):  # a button: the code travels as an entity
            text = next(tracker.get_latest_entity_values("dossier_code"), None) or ""
        elif known and not CODE_LIKE.search(text):  # a follow-up about the dossier already looked up
            text, phone_last4 = known, tracker.get_slot("dossier_last4")
        return await lookup_and_reply(dispatcher, tracker, text, phone_last4)
