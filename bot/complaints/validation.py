"""Validation and normalisation of what the citizen types (one place: the API and the Rasa form both use it)."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from bot.text.clean import CONTROL_CHARS

log = logging.getLogger(__name__)

CONTENT_MIN, CONTENT_MAX = 10, 4000
NAME_MAX = 120
EMAIL_MAX = 254

# Mobile numbers: 10 digits 03/05/07/08/09x; landlines: 11 digits 02xx (area code + subscriber number).
MOBILE = re.compile(r"^0[35789]\d{8}$")
LANDLINE = re.compile(r"^02\d{9}$")
EMAIL = re.compile(
    r"^(?=.{3,254}$)[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$"
)
NAME_CHARS = re.compile(r"^[\w .,'&()\-/]+$")

CONTACT_HINT = (
    "Vui lòng nhập số điện thoại di động 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678, hoặc +84 912 345 678), "
    "số cố định kèm mã vùng (ví dụ 0222 3 822 555), hoặc một địa chỉ email (ví dụ ten@gmail.com)."
)


@dataclass(frozen=True)
class Checked:
    valid: bool
    normalized: str | None
    message: str
    kind: str | None = None  # contact only: phone | email


def clean(value: str) -> str:
    """NFC, no control or zero-width characters, whitespace collapsed, trimmed."""
    value = CONTROL_CHARS.sub("", unicodedata.normalize("NFC", value))
    return " ".join(value.split())


def clean_multiline(value: str) -> str:
    """Like clean() but keeps line breaks (at most one blank line)."""
    value = CONTROL_CHARS.sub("", unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")))
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def normalize_phone(value: str) -> str | None:
    compact = re.sub(r"[\s.\-()]", "", value)
    if compact.startswith("+84"):
        compact = "0" + compact[3:]
    elif compact.startswith("0084"):
        compact = "0" + compact[4:]
    elif compact.startswith("84") and len(compact) in (11, 12):
        compact = "0" + compact[2:]
    if compact.startswith("00"):
        return None
    return compact if MOBILE.match(compact) or LANDLINE.match(compact) else None


def check_contact(value: str) -> Checked:
    value = clean(value)
    if not value:
        return Checked(False, None, "Anh/chị chưa nhập thông tin liên hệ. " + CONTACT_HINT)
    if "@" in value:
        email = value
        if len(email) <= EMAIL_MAX and EMAIL.match(email) and ".." not in email:
            local, domain = email.rsplit("@", 1)
            return Checked(True, f"{local}@{domain.lower()}", "", kind="email")
        log.debug("contact rejected (email): %s", value)
        return Checked(False, None, "Địa chỉ email chưa đúng. " + CONTACT_HINT)
    if sum(ch.isdigit() for ch in value) >= 6:
        phone = normalize_phone(value)
        if phone:
            return Checked(True, phone, "", kind="phone")
        log.debug("contact rejected (phone): %s", value)
        return Checked(False, None, "Số điện thoại chưa đúng. " + CONTACT_HINT)
    return Checked(False, None, "Thông tin liên hệ chưa đúng. " + CONTACT_HINT)


def check_name(value: str) -> Checked:
    value = clean(value)
    if not value:
        return Checked(False, None, "Anh/chị chưa nhập họ tên. Vui lòng nhập họ và tên của anh/chị (hoặc tên tổ chức).")
    if len(value) > NAME_MAX:
        return Checked(False, None, f"Họ tên quá dài (tối đa {NAME_MAX} ký tự). Vui lòng nhập ngắn gọn hơn.")
    letters = sum(ch.isalpha() for ch in value)
    if letters < 2 or not NAME_CHARS.match(value) or "_" in value:
        return Checked(False, None, "Họ tên chỉ gồm chữ cái và khoảng trắng, ví dụ: Nguyễn Văn An. Vui lòng nhập lại.")
    if check_contact(value).valid:
        return Checked(False, None, "Đây có vẻ là số điện thoại hoặc email. Vui lòng nhập họ và tên của anh/chị.")
    return Checked(True, value, "")


def check_content(value: str) -> Checked:
    value = clean_multiline(value)
    if len(value) < CONTENT_MIN or sum(ch.isalpha() for ch in value) < 5:
        return Checked(
            False,
            None,
            "Nội dung phản ánh quá ngắn. Vui lòng mô tả rõ vấn đề anh/chị gặp (ít nhất 10 ký tự), "
            "ví dụ thủ tục nào, việc gì chưa được giải quyết.",
        )
    if len(value) > CONTENT_MAX:
        return Checked(False, None, f"Nội dung quá dài (tối đa {CONTENT_MAX} ký tự). Vui lòng rút gọn và gửi lại.")
    return Checked(True, value, "")


CHECKS = {"contact": check_contact, "name": check_name, "content": check_content}
