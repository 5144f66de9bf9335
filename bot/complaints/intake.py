"""Taking a complaint in: one use case for the bot's API (bot.api.routes.complaints) and the hotline form
(bot.staff.hotline).

`check_form` validates and normalises what was typed (content, name, contact, the optional procedure and
dossier codes) and says what is wrong, field by field, in Vietnamese; `file_complaint` stores it once
(idempotency key), within the sender's limit, and says why not when it cannot; `confirmation` is the text the
citizen gets. A problem carries the field to ask again and an HTTP-like status for the web layer.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.complaints import replies
from bot.complaints.models import ComplaintRow
from bot.complaints.service import ComplaintError, KeyConflict, NewComplaint, create_complaint, find_by_key
from bot.complaints.validation import CONTACT_HINT, Checked, check_contact, check_content, check_name, clean
from bot.identifiers import DOSSIER_REFERENCE_PATTERN, PROCEDURE_CODE_PATTERN
from bot.privacy import remember_personal_value
from bot.ratelimit import Quota

log = logging.getLogger(__name__)

CONTENT_INPUT_MAX, NAME_INPUT_MAX, CONTACT_INPUT_MAX = 20000, 1000, 1000  # cut before checking
PROCEDURE_INPUT_MAX, DOSSIER_INPUT_MAX = 32, 64

FIELD_MESSAGES: dict[str, str] = {
    "idempotency_key": "Thiếu hoặc sai mã chống trùng (idempotency_key: 8–128 ký tự, không có dấu cách).",
    "sender": "Thiếu hoặc sai mã người gửi (sender).",
    "channel": "Kênh gửi không hợp lệ; chỉ nhận web, telegram, zalo, rest hoặc hotline.",
    "content": "Nội dung phản ánh phải là văn bản từ 10 đến 4000 ký tự. Vui lòng nhập lại.",
    "name": "Vui lòng nhập họ và tên của anh/chị (tối đa 120 ký tự).",
    "contact": CONTACT_HINT,
    "procedure_code": "Mã thủ tục không hợp lệ (ví dụ 2.000620). Anh/chị có thể bỏ trống nếu không nhớ mã.",
    "dossier_code": "Mã hồ sơ không hợp lệ (ví dụ 000.00.18.H12-250412-0007). Anh/chị có thể bỏ trống.",
    "consent": replies.CONSENT_REFUSED,
    "body": "Yêu cầu không hợp lệ: cần một đối tượng JSON với các trường của phản ánh.",
}
DOMAIN_CHECKS = {"content": check_content, "name": check_name, "contact": check_contact}


@dataclass(frozen=True)
class Problem:
    field: str
    detail: str
    status: int = 422
    retry_after: float | None = None  # seconds, for a limit


def problem(field_name: str, detail: str | None = None, status: int = 422) -> Problem:
    return Problem(field_name, detail or FIELD_MESSAGES[field_name], status)


def field_problem(field_name: str, value: object) -> Problem:
    """The problem of one field the request's schema refused: the domain's own message when it has one."""
    if field_name not in FIELD_MESSAGES:
        field_name = "body"
    check = DOMAIN_CHECKS.get(field_name)
    if check and isinstance(value, str):
        checked = check(value[:CONTENT_INPUT_MAX])
        if not checked.valid:
            return problem(field_name, checked.message)
    return problem(field_name)


@dataclass
class Form:
    """What was typed, checked: the normalised values, and what is wrong (in the order the fields are asked)."""

    content: Checked
    name: Checked
    contact: Checked
    procedure_code: str | None
    dossier_code: str | None
    errors: dict[str, str] = field(default_factory=dict)

    def complaint(self, **how: object) -> NewComplaint:
        """The complaint to store; `how`: idempotency_key, sender, channel (and consent_version)."""
        return NewComplaint(
            content=self.content.normalized or "",
            name=self.name.normalized or "",
            contact=self.contact.normalized or "",
            contact_kind=self.contact.kind or "phone",
            consent=True,
            procedure_code=self.procedure_code,
            dossier_code=self.dossier_code,
            **how,  # type: ignore[arg-type]
        )


def check_form(
    content: str, name: str, contact: str, procedure_code: str | None = None, dossier_code: str | None = None
) -> Form:
    name = name[:NAME_INPUT_MAX]
    remember_personal_value(clean(name))  # mask it in any later log line, even if it is refused below
    form = Form(
        content=check_content(content[:CONTENT_INPUT_MAX]),
        name=check_name(name),
        contact=check_contact(contact[:CONTACT_INPUT_MAX]),
        procedure_code=clean(procedure_code or "")[:PROCEDURE_INPUT_MAX] or None,
        dossier_code=clean(dossier_code or "").upper().replace(" ", "")[:DOSSIER_INPUT_MAX] or None,
    )
    for field_name in ("content", "name", "contact"):
        checked: Checked = getattr(form, field_name)
        if not checked.valid:
            form.errors[field_name] = checked.message
    if form.procedure_code and not re.match(PROCEDURE_CODE_PATTERN, form.procedure_code):
        form.errors["procedure_code"] = FIELD_MESSAGES["procedure_code"]
    if form.dossier_code and not re.match(DOSSIER_REFERENCE_PATTERN, form.dossier_code):
        form.errors["dossier_code"] = FIELD_MESSAGES["dossier_code"]
    return form


@dataclass(frozen=True)
class Filed:
    row: ComplaintRow
    created: bool  # False: the idempotency key's earlier record


def file_complaint(session: Session, new: NewComplaint, quota: Quota | None = None) -> Filed | Problem:
    """Store the complaint (committed before this returns), or return why not. A repeated idempotency key gets
    the first record back, whatever the limit; only new records count towards the sender's `quota`."""
    if quota is not None:
        try:
            existing = find_by_key(session, new.idempotency_key)
        except SQLAlchemyError:
            log.exception("complaint store unavailable")
            return problem("body", replies.STORE_FAILED, status=503)
        if existing is None:
            decision = quota.check(new.sender)
            if not decision.allowed:
                detail = replies.TOO_MANY_CREATE.format(minutes=decision.retry_minutes)
                return Problem("sender", detail, 429, retry_after=decision.retry_after)
    try:
        row, created = create_complaint(session, new)
    except KeyConflict:
        return problem("idempotency_key", replies.KEY_CONFLICT, status=409)
    except (ComplaintError, SQLAlchemyError):  # database down or refusing: never a code without a record
        log.exception("complaint not stored")
        return problem("body", replies.STORE_FAILED, status=503)
    if created and quota is not None:  # concurrent duplicate deliveries never reach the limit
        quota.record(new.sender)
    return Filed(row, created)


def confirmation(filed: Filed, department: str, promise: str) -> str:
    """What the citizen is told: the code, and how the answer will come (`promise`, from the delivery)."""
    return replies.confirmation(filed.row, department, filed.created, promise)
