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
from bot.identifiers import COMPLAINT_CHANNELS, COMPLAINT_CODE_MENTION, PART_INTENTS, parse_complaint_code

FORM_SLOTS = ("complaint_content", "complaint_consent", "complaint_name", "complaint_contact", "complaint_confirmed")
EDITABLE = {"complaint_content": "nội dung", "complaint_name": "họ tên", "complaint_contact": "liên hệ"}
EARLY_LABELS = {"complaint_name": "họ tên", "complaint_contact": "số điện thoại/email"}
EDIT_WORDS = {"complaint_contact": ("điện thoại", "sđt", "sdt", "email", "liên hệ", "số"), "complaint_name": ("tên",)}
COMPLAINT_CODE = re.compile(COMPLAINT_CODE_MENTION, re.IGNORECASE)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
DIGIT_RUN = re.compile(r"\d(?:[ .-]?\d)*")
QUESTION_INTENTS = frozenset(PART_INTENTS)
MIN_OPENING_CONTENT = 40  # an opening message this long already describes the problem: kept as the content
NOT_RECORDED = (
    "Xin lỗi, hệ thống chưa ghi nhận được phản ánh của anh/chị (chưa có mã phản ánh). "
    "Thông tin anh/chị nhập vẫn được giữ: anh/chị bấm «Xác nhận gửi» để thử lại sau ít phút."
)


def _channel(tracker: Tracker) -> str:
    channel = (tracker.latest_message.get("metadata") or {}).get("channel")
    return channel if channel in COMPLAINT_CHANNELS else "rest"


def _edit_buttons() -> list[dict[str, str]]:
    return [
        {"title": f"✏️ Sửa {label}", "payload": f'/correct_complaint{{"complaint_field":"{slot}"}}'}
        for slot, label in EDITABLE.items()
    ]


def reset_events() -> list[dict[str, Any]]:
    slots = (*FORM_SLOTS, "complaint_key", "complaint_prefill_content", "complaint_consent_asked")
    return [SlotSet(slot, None) for slot in slots]


def detail_slots(found: dict) -> dict[str, str]:
    """The form's slots for what the backend's extract found (a name, a phone or e-mail)."""
    return {
        slot: found[key]
        for key, slot in (("name", "complaint_name"), ("contact", "complaint_contact"))
        if found.get(key)
    }


async def early_details(text: str) -> list[dict[str, Any]]:
    """A name and a phone or e-mail given before the form asks: kept for the form (still asked to consent and
    shown in the summary to confirm)."""
    try:
        found = await BackendClient().extract_complaint_details(text)
    except BackendError:
        return []
    return [SlotSet(slot, value) for slot, value in detail_slots(found).items()]


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
            events += await early_details(opening)
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
        asked = bool(tracker.get_slot("complaint_consent_asked"))  # the notice once per form, then a short reminder
        text = (body.get("reminder") if asked else body.get("short_text")) or body["text"]
        dispatcher.utter_message(
            text=text,
            buttons=[{"title": "Đồng ý", "payload": "/affirm"}, {"title": "Không đồng ý", "payload": "/deny"}],
        )
        return [SlotSet("complaint_consent_asked", True)]


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

    async def _details(self, tracker: Tracker) -> dict:
        """The name and contact the latest message holds, and whether it holds nothing else (the backend's reading),
        asked once per message: both extract_* methods and the content's validation read it."""
        cached = getattr(tracker, "_complaint_details", None)  # the tracker is this request's own object
        if cached is not None:
            return cached
        text = tracker.latest_message.get("text") or ""
        found: dict = {}
        if text and not text.startswith("/"):
            try:
                found = await BackendClient().extract_complaint_details(text)
            except BackendError:
                found = {}
        tracker._complaint_details = found
        return found

    async def _given_early(
        self, slot: str, key: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """A name or phone typed while the form asks something else ("Nguyễn Thị Hoa" to the consent question):
        kept for its own question, which is then not asked (the summary still shows it to confirm)."""
        requested = tracker.get_slot("requested_slot")
        if requested in (None, slot) or tracker.get_slot(slot):
            return {}
        value = (await self._details(tracker)).get(key)
        if not value:
            return {}
        dispatcher.utter_message(text=f"Tôi đã ghi {EARLY_LABELS[slot]} anh/chị vừa gửi.")  # never echoes the value
        return {slot: value}

    async def extract_complaint_name(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return await self._given_early("complaint_name", "name", dispatcher, tracker)

    async def extract_complaint_contact(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return await self._given_early("complaint_contact", "contact", dispatcher, tracker)

    async def validate_complaint_content(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        # "tôi muốn phản ánh" opens the form and an early "đồng ý" answers nothing yet: neither is the complaint
        # itself, so the content is asked again, without a reproach
        if intent in ("file_complaint", "affirm", "deny") and len(str(value or "")) < MIN_OPENING_CONTENT:
            return {"complaint_content": None}
        details = await self._details(tracker)
        if details.get("only_details"):
            return {"complaint_content": None}  # only a name or phone, given early: kept by extract_*
        checked = await self._check("content", "complaint_content", value, dispatcher, tracker)
        if checked.get("complaint_content"):  # "tôi là …, sđt …, phản ánh việc …": the details too
            for slot, found in detail_slots(details).items():
                if not tracker.get_slot(slot):
                    checked[slot] = found
        return checked

    async def validate_complaint_name(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return await self._check("name", "complaint_name", value, dispatcher, tracker)

    async def validate_complaint_contact(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        return await self._check("contact", "complaint_contact", value, dispatcher, tracker)

    async def validate_complaint_confirmed(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> dict:
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


def contact_in(text: str) -> str | None:
    """The contact a citizen gave to see a complaint's status: an email, or the last 4 digits of a number."""
    if email := EMAIL.search(text):
        return email.group(0)
    runs = [re.sub(r"\D", "", run) for run in DIGIT_RUN.findall(text)]
    digits = [run for run in runs if len(run) >= 4]
    return digits[-1][-4:] if digits else None


async def relay_complaint_status(
    dispatcher: CollectingDispatcher, tracker: Tracker, code: str, contact: str | None
) -> list[dict[str, Any]]:
    """Ask the backend (the contact proves the asker, unless this conversation filed it) and relay its answer."""
    client = (tracker.latest_message.get("metadata") or {}).get("client")
    try:
        body = await BackendClient().complaint_status(
            code, tracker.sender_id, contact=contact, client=client if isinstance(client, str) else None
        )
    except BackendRejected as exc:
        dispatcher.utter_message(text=exc.detail)
        return []
    except BackendError:
        dispatcher.utter_message(text=UNAVAILABLE)
        return []
    dispatcher.utter_message(text=body["text"])
    return [SlotSet("last_complaint_code", body.get("code") or code)]  # the digits may come in the next message


class ActionComplaintStatus(Action):
    def name(self) -> str:
        return "action_complaint_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        found = COMPLAINT_CODE.search(text)
        code = (parse_complaint_code(found.group(0)) if found else None) or tracker.get_slot("last_complaint_code")
        if not code:
            dispatcher.utter_message(
                text="Anh/chị vui lòng gửi mã phản ánh (dạng PAKN-2026-000123) mà tôi đã gửi khi ghi nhận phản ánh."
            )
            return []
        rest = text[: found.start()] + " " + text[found.end() :] if found else text
        return await relay_complaint_status(dispatcher, tracker, code, contact_in(rest))
