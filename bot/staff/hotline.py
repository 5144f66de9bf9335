"""A complaint taken over the phone by a hotline operator, stored by the real complaints service.

Channel "hotline", sender "hotline:<operator's username>" (so the record says who took it), consent given
aloud by the caller after the operator read out the short statement (bot.complaints.consent, its own
version). The same validation as the bot's complaint API; an idempotency key issued with the form makes a
double click or a resubmitted page return the first record instead of a second one.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.api.routes.complaints import DOSSIER_PATTERN, FIELD_MESSAGES
from bot.catalog.schema import CODE_PATTERN as PROCEDURE_CODE_PATTERN
from bot.complaints.consent import HOTLINE_VERSION
from bot.complaints.models import ComplaintRow
from bot.complaints.service import KeyConflict, NewComplaint, create_complaint
from bot.complaints.validation import check_contact, check_content, check_name, clean
from bot.privacy import remember_personal_value
from bot.staff import complaints_desk
from bot.staff.auth import Principal

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,100}$")
CONSENT_MISSING = (
    "Chưa đánh dấu sự đồng ý của người gọi. Đọc nội dung đồng ý cho người gọi nghe; chỉ đánh dấu khi người gọi "
    "nói đồng ý. Nếu người gọi không đồng ý, hướng dẫn gửi phản ánh trực tiếp tại Bộ phận một cửa."
)


def new_form_key() -> str:
    return "hl-" + secrets.token_urlsafe(18)


@dataclass
class HotlineResult:
    row: ComplaintRow | None = None
    created: bool = False
    errors: dict[str, str] = field(default_factory=dict)


def take_complaint(db: Session, data: dict, principal: Principal) -> HotlineResult:
    """data: idempotency_key, content, name, contact, procedure_code, dossier_code, consent (bool or "on")."""
    errors: dict[str, str] = {}
    key = str(data.get("idempotency_key") or "")
    if not KEY_PATTERN.match(key):
        errors["_form"] = "Biểu mẫu đã cũ hoặc không hợp lệ: vui lòng mở lại biểu mẫu phản ánh rồi nhập lại."
    name_raw = str(data.get("name") or "")[:1000]
    remember_personal_value(clean(name_raw))
    content, name = check_content(str(data.get("content") or "")[:20000]), check_name(name_raw)
    contact = check_contact(str(data.get("contact") or "")[:1000])
    for field_name, checked in (("content", content), ("name", name), ("contact", contact)):
        if not checked.valid:
            errors[field_name] = checked.message.replace("anh/chị", "người gọi").replace("Anh/chị", "Người gọi")
    procedure = clean(str(data.get("procedure_code") or ""))[:32] or None
    if procedure and not re.match(PROCEDURE_CODE_PATTERN, procedure):
        errors["procedure_code"] = FIELD_MESSAGES["procedure_code"]
    dossier = clean(str(data.get("dossier_code") or "")).upper().replace(" ", "")[:64] or None
    if dossier and not re.match(DOSSIER_PATTERN, dossier):
        errors["dossier_code"] = FIELD_MESSAGES["dossier_code"]
    if data.get("consent") not in (True, "on", "true", "1", "yes"):
        errors["consent"] = CONSENT_MISSING
    if errors:
        return HotlineResult(errors=errors)
    new = NewComplaint(
        idempotency_key=key, sender=f"hotline:{principal.username}", channel="hotline",
        content=content.normalized or "", name=name.normalized or "", contact=contact.normalized or "",
        contact_kind=contact.kind or "phone", consent=True, procedure_code=procedure, dossier_code=dossier,
        consent_version=HOTLINE_VERSION,
    )
    try:
        row, created = create_complaint(db, new)
    except KeyConflict:
        return HotlineResult(errors={"_form": "Biểu mẫu này đã được dùng ở tài khoản khác: vui lòng mở lại biểu "
                                              "mẫu phản ánh rồi nhập lại."})
    complaints_desk.record_hotline(db, row, principal, created)
    return HotlineResult(row=row, created=created)
