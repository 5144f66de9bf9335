"""A complaint taken over the phone by a hotline operator, stored by the real complaints service.

Channel "hotline", sender "hotline:<operator's username>" (so the record says who took it), consent given
aloud by the caller after the operator read out the short statement (bot.complaints.consent, its own
version). The same intake as the bot's complaint API (bot.complaints.intake); an idempotency key issued with the
form makes a double click or a resubmitted page return the first record instead of a second one.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.complaints import intake
from bot.complaints.consent import HOTLINE_VERSION
from bot.complaints.models import ComplaintRow
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
    form = intake.check_form(
        str(data.get("content") or ""), str(data.get("name") or ""), str(data.get("contact") or ""),
        str(data.get("procedure_code") or ""), str(data.get("dossier_code") or ""),
    )  # fmt: skip
    for field_name, message in form.errors.items():  # what the citizen typed is the caller's, as the operator reads it
        if field_name in ("content", "name", "contact"):
            message = message.replace("anh/chị", "người gọi").replace("Anh/chị", "Người gọi")
        errors[field_name] = message
    if data.get("consent") not in (True, "on", "true", "1", "yes"):
        errors["consent"] = CONSENT_MISSING
    if errors:
        return HotlineResult(errors=errors)
    new = form.complaint(
        idempotency_key=key, sender=f"hotline:{principal.username}", channel="hotline", consent_version=HOTLINE_VERSION
    )
    filed = intake.file_complaint(db, new)
    if isinstance(filed, intake.Problem):
        conflict = "Biểu mẫu này đã được dùng ở tài khoản khác: vui lòng mở lại biểu mẫu phản ánh rồi nhập lại."
        return HotlineResult(errors={"_form": conflict if filed.status == 409 else filed.detail})
    row, created = filed.row, filed.created
    complaints_desk.record_hotline(db, row, principal, created)
    return HotlineResult(row=row, created=created)
