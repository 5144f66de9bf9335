"""Complaints and petitions (PAKN): the form's questions, validation through the backend, submission, status.

The record is created by the backend before anything says "recorded": the confirmation text is the backend's
answer to a successful create, and the idempotency key drawn when the form starts makes a retry (after a
timeout or a crash) return the same record instead of a second one.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.actions import CODE, UNAVAILABLE
from actions.client import BackendClient, BackendError, BackendRejected

FORM_SLOTS = ("complaint_content", "complaint_consent", "complaint_name", "complaint_contact", "complaint_confirmed")
EDITABLE = {"complaint_content": "nội dung", "complaint_name": "họ tên", "complaint_contact": "liên hệ"}
EDIT_WORDS = {"complaint_contact": ("điện thoại", "sđt", "sdt", "email", "liên hệ", "số"), "complaint_name": ("tên",)}
COMPLAINT_CODE = re.compile(r"pakn\W*(\d{4})\W*(\d{1,6})", re.IGNORECASE)
QUESTION_INTENTS = {
    "ask_procedure",
    "ask_documents",
    "ask_fee",
    "ask_processing_time",
    "ask_online",
    "ask_where_submit",
    "ask_legal_basis",
    "ask_conditions",
}
CHANNELS = {"web", "telegram", "zalo", "hotline"}
MIN_OPENING_CONTENT = 40  # an opening message this long already describes the problem: kept as the content
NOT_RECORDED = (
    "Xin lỗi, hệ thống chưa ghi nhận được phản ánh của anh/chị (chưa có mã phản ánh). "
    "Thông tin anh/chị nhập vẫn được giữ: anh/chị bấm «Xác nhận gửi» để thử lại sau ít phút."
)


def _channel(tracker: Tracker) -> str:
    channel = (tracker.latest_message.get("metadata") or {}).get("channel")
    return channel if channel in CHANNELS else "rest"


def _edit_buttons() -> list[dict[str, str]]:
    return [
        {"title": f"✏️ Sửa {label}", "payload": f'/correct_complaint{{"complaint_field":"{slot}"}}'}
        for slot, label in EDITABLE.items()
    ]


def reset_events() -> list[dict[str, Any]]:
    return [SlotSet(slot, None) for slot in (*FORM_SLOTS, "complaint_key", "complaint_prefill_content")]


class ActionStartComplaint(Action):
    """Draws the idempotency key and pre-fills the content from a late dossier's suggested complaint."""

    def name(self) -> str:
        return "action_start_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        events = [*reset_events(), SlotSet("complaint_key", uuid.uuid4().hex)]
        dossier = next(tracker.get_latest_entity_values("dossier_code"), None)
        prefill = tracker.get_slot("complaint_prefill_content")
        intro = "Tôi sẽ giúp anh/chị gửi phản ánh, kiến nghị đến Sở Công Thương."
        opening = tracker.latest_message.get("text") or ""
        if dossier and prefill:
            events += [SlotSet("dossier_code", dossier), SlotSet("complaint_content", prefill)]
            intro += f" Tôi đã soạn sẵn nội dung về hồ sơ {dossier}; anh/chị có thể sửa ở bước xác nhận."
        elif len(opening) >= MIN_OPENING_CONTENT and not opening.startswith("/"):
            events.append(SlotSet("complaint_content", opening))  # the opening message already tells the problem
        dispatcher.utter_message(text=intro)
        return events


class ActionAskComplaintConsent(Action):
    def name(self) -> str:
        return "action_ask_complaint_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        try:
            body = await BackendClient().consent_text()
        except BackendError:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        dispatcher.utter_message(
            text=body["text"],
            buttons=[{"title": "Đồng ý", "payload": "/affirm"}, {"title": "Không đồng ý", "payload": "/deny"}],
        )
        return []


class ActionAskComplaintConfirmed(Action):
    """Shows the summary and asks for explicit confirmation, with a way to correct each field or cancel."""

    def name(self) -> str:
        return "action_ask_complaint_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        lines = ["Anh/chị vui lòng kiểm tra lại trước khi gửi:", f"• Nội dung: {tracker.get_slot('complaint_content')}"]
        if tracker.get_slot("dossier_code"):
            lines.append(f"• Hồ sơ liên quan: {tracker.get_slot('dossier_code')}")
        elif tracker.get_slot("procedure_name"):
            lines.append(f"• Thủ tục liên quan: {tracker.get_slot('procedure_name')}")
        lines += [
            f"• Họ tên: {tracker.get_slot('complaint_name')}",
            f"• Liên hệ: {tracker.get_slot('complaint_contact')}",
            "Anh/chị xác nhận gửi phản ánh này đến Sở Công Thương?",
        ]
        buttons = [{"title": "✅ Xác nhận gửi", "payload": "/affirm"}, *_edit_buttons()]
        buttons.append({"title": "❌ Hủy", "payload": "/cancel"})
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return []


class ValidateComplaintForm(FormValidationAction):
    """Each field is checked by the backend (one set of rules); a clear procedure question is answered instead."""

    def name(self) -> str:
        return "validate_complaint_form"

    async def _check(
        self, field: str, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        if value is None:  # a reset, not an answer
            return {slot: None}
        if slot != "complaint_content" and await self._answered_question(dispatcher, tracker):
            return {slot: None}
        try:
            body = await BackendClient().validate_complaint_field(field, str(value or ""))
        except BackendError:  # keep what the user typed: the backend validates again when the complaint is created
            return {slot: value}
        if body.get("valid"):
            return {slot: body.get("normalized") or value}
        dispatcher.utter_message(text=body.get("message") or "Thông tin chưa hợp lệ, anh/chị vui lòng nhập lại.")
        return {slot: None}

    async def _answered_question(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        """Switching topic mid-form: answer a confident procedure question, then the form asks its question again."""
        intent = tracker.latest_message.get("intent") or {}
        mention = next(tracker.get_latest_entity_values("procedure"), None)
        if intent.get("name") not in QUESTION_INTENTS or float(intent.get("confidence") or 0) < 0.9 or not mention:
            return False  # a name or phone number must never be taken for a question
        text = tracker.latest_message.get("text") or ""
        cue = tracker.latest_message.get("intent_cue") or {}
        if "?" not in text and not cue:  # "Nguyễn Thị Mẫu" can look like a mention: only a message that asks counts
            return False
        try:
            body = await BackendClient().answer(
                text=tracker.latest_message.get("text") or "", intent=intent["name"], mention=mention
            )
        except BackendError:
            return False
        if body.get("status") != "answered":
            return False
        dispatcher.utter_message(text=body["text"])
        dispatcher.utter_message(text="Anh/chị tiếp tục gửi phản ánh nhé (hoặc gõ «hủy» để dừng).")
        return True

    async def validate_complaint_content(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "file_complaint" and len(str(value or "")) < MIN_OPENING_CONTENT:
            return {"complaint_content": None}  # "tôi muốn phản ánh" opens the form; it is not the complaint itself
        return await self._check("content", "complaint_content", value, dispatcher, tracker)

    async def validate_complaint_name(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return await self._check("name", "complaint_name", value, dispatcher, tracker)

    async def validate_complaint_contact(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return await self._check("contact", "complaint_contact", value, dispatcher, tracker)


    async def validate_complaint_confirmed(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict:
        """A "no" at the summary is not a cancel: the summary is shown again with the edit buttons."""
        return {"complaint_confirmed": True if value is True else None}


class ActionCorrectComplaint(Action):
    """Empties the field to correct (button entity, or a word like "số điện thoại") so the form asks it again."""

    def name(self) -> str:
        return "action_correct_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        field = next(tracker.get_latest_entity_values("complaint_field"), None)
        if field not in EDITABLE:
            text = (tracker.latest_message.get("text") or "").lower()
            field = next((slot for slot, words in EDIT_WORDS.items() if any(w in text for w in words)), None)
        if field is None and "nội dung" in (tracker.latest_message.get("text") or "").lower():
            field = "complaint_content"
        events = [SlotSet("complaint_confirmed", None)]
        if field in EDITABLE:
            events.append(SlotSet(field, None))
        return events


class ActionSubmitComplaint(Action):
    def name(self) -> str:
        return "action_submit_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        if not tracker.get_slot("complaint_confirmed"):
            return reset_events()
        procedure = tracker.get_slot("procedure_code")
        try:
            body = await BackendClient().create_complaint(
                idempotency_key=tracker.get_slot("complaint_key") or uuid.uuid4().hex,
                sender=tracker.sender_id,
                channel=_channel(tracker),
                content=tracker.get_slot("complaint_content"),
                procedure_code=procedure if procedure and CODE.match(procedure) else None,
                dossier_code=tracker.get_slot("dossier_code"),
                name=tracker.get_slot("complaint_name"),
                contact=tracker.get_slot("complaint_contact"),
                consent=True,
            )
        except BackendRejected as exc:
            dispatcher.utter_message(text=exc.detail)
            slot = f"complaint_{exc.field}" if exc.field else None
            events = [SlotSet("complaint_confirmed", None), FollowupAction("complaint_form")]
            return [SlotSet(slot, None), *events] if slot in EDITABLE else events
        except BackendError:
            dispatcher.utter_message(text=NOT_RECORDED)
            return [SlotSet("complaint_confirmed", None), FollowupAction("complaint_form")]
        dispatcher.utter_message(text=body["text"])
        return [*reset_events(), SlotSet("last_complaint_code", body["code"])]


class ActionResetComplaint(Action):
    def name(self) -> str:
        return "action_reset_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        return reset_events()


class ActionComplaintStatus(Action):
    def name(self) -> str:
        return "action_complaint_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        found = COMPLAINT_CODE.search(tracker.latest_message.get("text") or "")
        code = f"PAKN-{found.group(1)}-{int(found.group(2)):06d}" if found else tracker.get_slot("last_complaint_code")
        if not code:
            dispatcher.utter_message(
                text="Anh/chị vui lòng gửi mã phản ánh (dạng PAKN-2026-000123) mà tôi đã gửi khi ghi nhận phản ánh."
            )
            return []
        try:
            body = await BackendClient().complaint_status(code, tracker.sender_id)
        except BackendRejected as exc:
            dispatcher.utter_message(text=exc.detail)
            return []
        except BackendError:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        dispatcher.utter_message(text=body["text"])
        return []
