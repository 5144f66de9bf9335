"""Masking of personal data for replies and logs: nobody sees a full name or phone number."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\D")


def mask_name(name: str | None) -> str:
    """'Nguyễn Văn An' -> 'N*** V*** A***'."""
    words = (name or "").split()
    return " ".join(f"{w[0]}***" for w in words) if words else "***"


def mask_phone(phone: str | None) -> str:
    """'0912345678' -> '091*****78'."""
    digits = _DIGITS.sub("", phone or "")
    if len(digits) < 6:
        return "***"
    return f"{digits[:3]}{'*' * (len(digits) - 5)}{digits[-2:]}"


def phone_last4(phone: str | None) -> str | None:
    digits = _DIGITS.sub("", phone or "")
    return digits[-4:] if len(digits) >= 4 else None


def clean_last4(value: str | None) -> str | None:
    """The 4 digits a citizen typed ('56 78', '5678.'), or None when it is not exactly 4 digits."""
    if value is None or not isinstance(value, str):
        return None
    digits = _DIGITS.sub("", value[:50])
    return digits if len(digits) == 4 else None
