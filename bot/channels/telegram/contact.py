"""A shared Telegram contact -> the phone number as the user would type it."""

from __future__ import annotations

import re


def phone_from_contact(raw: str) -> str:
    """Telegram sends the number with its country code (84912345678 or +84...); Vietnamese ones become 0912345678."""
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("84") and len(digits) in (11, 12):
        return "0" + digits[2:]
    return ("+" + digits) if digits else ""
