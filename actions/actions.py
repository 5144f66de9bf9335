"""Custom actions. Each one gathers what the tracker knows, asks the backend, and relays its answer."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.client import BackendClient, BackendError
from bot import identifiers as ids
from bot.identifiers import PROCEDURE_CODE_PATTERN

UNAVAILABLE = (
    "Xin lỗi, hệ thống tra cứu thủ tục đang tạm gián đoạn. Anh/chị vui lòng thử lại sau ít phút, "
    "hoặc xem trực tiếp trên Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn"
)
CODE = re.compile(PROCEDURE_CODE_PATTERN)


def _user_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text  # button payloads carry no words to resolve


PART_INTENTS = frozenset(ids.PART_INTENTS)
MAX_RECENT = 4


def _codes(value: Any) -> list[str]:
    return [c for c in (value or []) if isinstance(c, str) and CODE.match(c)]


def context(tracker: Tracker) -> dict[str, Any]:
    """What the conversation knows for the backend: the list offered last, the procedures discussed lately."""
    absent = tracker.get_slot("absent_phrase")
    return {
        "offered": _codes(tracker.get_slot("offered_codes")),
        "recent": _codes(tracker.get_slot("recent_codes")),
        "absent_phrase": absent[:300] if isinstance(absent, str) and absent else None,
    }


def asked_intent(tracker: Tracker) -> str:
    """The part asked: this message's, else (a typed choice, a fallback) the part of the question before it.

    A bare procedure name right after "which procedure?" ("lệ phí bao nhiêu?" → "giấy phép bán buôn thuốc lá") or
    right after an answer ("bán buôn cơ") reads as ask_procedure, but it goes on with the question asked before:
    unless a cue asked for the overview itself ("thủ tục thế nào"), the pending part wins."""
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    pending = tracker.get_slot("pending_part")
    if intent == "ask_procedure" and pending in PART_INTENTS and not tracker.latest_message.get("intent_cue"):
        return pending
    if intent in PART_INTENTS:
        return intent
    return pending if pending in PART_INTENTS else "ask_procedure"


def relay_answer(dispatcher: CollectingDispatcher, body: dict, tracker: Tracker | None = None) -> list[dict[str, Any]]:
    """Send the backend's composed answer; remember the procedure it is about, the list it offers and the
    recent procedures, for the next turn."""
    dispatcher.utter_message(text=body["text"], buttons=body.get("buttons") or [])
    events: list[dict[str, Any]] = [SlotSet("fallback_count", 0), SlotSet("offered_codes", body.get("offered") or None)]
    if body.get("procedure_code") or body.get("offered"):
        events.append(SlotSet("topic", "procedure"))
    recent = _codes(tracker.get_slot("recent_codes")) if tracker else []
    if body.get("status") == "not_in_catalogue":  # its follow-ups are about what is not held, not the last procedure
        events += [
            SlotSet("absent_phrase", body.get("absent_phrase")),
            SlotSet("procedure_code", None),
            SlotSet("procedure_name", None),
        ]
    elif body.get("procedure_code") or body.get("offered"):
        events.append(SlotSet("absent_phrase", None))
    if body.get("procedure_code"):
        code = body["procedure_code"]
        events += [
            SlotSet("procedure_code", code),
            SlotSet("procedure_name", body["procedure_name"]),
            SlotSet("recent_codes", [code, *[c for c in recent if c != code]][:MAX_RECENT]),
        ]
    if tracker is not None:
        # keep the part asked when the bot asked "which one?" (a list, or no procedure known), and when it answered:
        # "bán buôn ạ" right after the documents of a retail licence still asks for documents
        waiting = bool(body.get("offered")) or body.get("status") == "ask_procedure"
        keep = waiting or bool(body.get("procedure_code"))
        events.append(SlotSet("pending_part", asked_intent(tracker) if keep else None))
    return events


class ActionAnswerProcedure(Action):
    def name(self) -> str:
        return "action_answer_procedure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        chosen = next(tracker.get_latest_entity_values("procedure_code"), None)
        mention = next(tracker.get_latest_entity_values("procedure"), None)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if (  # "thế khi nào tôi nhận được giấy?" right after a dossier look-up is about that dossier
            tracker.get_slot("topic") == "dossier"
            and tracker.get_slot("dossier_code")
            and not (chosen or mention)
            and intent in ("ask_processing_time", "check_dossier_status")
        ):
            from actions.dossiers import lookup_and_reply

            return await lookup_and_reply(
                dispatcher, tracker, tracker.get_slot("dossier_code"), tracker.get_slot("dossier_last4")
            )
        current = tracker.get_slot("procedure_code")
        page = next(tracker.get_latest_entity_values("page"), None)
        try:
            body = await BackendClient().answer(
                text=_user_text(tracker),
                intent=asked_intent(tracker),
                mention=mention,
                current_code=current if current and CODE.match(current) else None,
                chosen_code=chosen if chosen and CODE.match(chosen) else None,
                page=int(page) if isinstance(page, str) and page.isdigit() and 0 < int(page) <= 50 else 1,
                **context(tracker),
            )
        except BackendError:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        return relay_answer(dispatcher, body, tracker)


async def answer_to_offered_list(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """Right after the bot listed procedures, a message the NLU read as something else ("loại bán buôn ạ" as
    chitchat) may be the citizen's choice: answer it when it picks one of the list; None when it does not."""
    ctx = context(tracker)
    if not ctx["offered"] or not _user_text(tracker):
        return None
    try:
        picked = await BackendClient().answer(text=_user_text(tracker), intent=asked_intent(tracker), **ctx)
    except BackendError:
        return None
    if picked.get("status") == "answered" and picked.get("procedure_code") in ctx["offered"]:
        return relay_answer(dispatcher, picked, tracker)
    return None


class ActionChitchat(Action):
    """Small talk gets the scope reminder, unless it answers the list just offered."""

    def name(self) -> str:
        return "action_chitchat"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        if (picked := await answer_to_offered_list(dispatcher, tracker)) is not None:
            return picked
        dispatcher.utter_message(response="utter_chitchat")
        return []


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        # "cho trạm nạp vào xe" right after a list is an answer to it, not another agency's matter
        if (picked := await answer_to_offered_list(dispatcher, tracker)) is not None:
            return picked
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
        ctx = context(tracker)
        if mention or len(text) >= 25 or ctx["offered"]:  # unsure of the intent: it may name or pick a procedure
            try:
                found = await BackendClient().answer(text=text, intent=asked_intent(tracker), mention=mention, **ctx)
            except BackendError:
                found = {}
            status = found.get("status")
            picked = status == "answered" and found.get("procedure_code")
            if picked or (status in ("choose", "not_in_catalogue") and (mention or ctx["offered"])):
                return relay_answer(dispatcher, found, tracker)
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
        ctx = context(tracker)
        if mention or ctx["offered"]:  # "cấp mới", "đúng cái đó": an answer to the list just offered
            try:
                body = await BackendClient().answer(
                    text=_user_text(tracker), intent=asked_intent(tracker), mention=mention, **ctx
                )
            except BackendError:
                body = None
            if body and (body.get("status") == "answered" or (mention and body.get("status") == "choose")):
                return relay_answer(dispatcher, body, tracker)
        dispatcher.utter_message(response="utter_anything_else")
        return []
