"""Mask personal data in free text: Vietnamese phone numbers, emails, 9/12-digit ID numbers, and names we know of.

Names cannot be recognised in general, so the services register the names (and contacts) they handle with
`remember_personal_value`; a bounded, most-recently-used registry keeps memory flat.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from urllib.parse import quote, quote_plus

# "@" also URL-encoded (%40), as in a query string or path of an access-log line.
EMAIL = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*?(?:@|%40)([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
)
# CMND (9 digits) and CCCD / personal ID (12 digits), standing alone.
# After a URL-encoded separator ("%20", "%2C", "%3A") the digit before is the code's, not the number's.
_ENCODED_BEFORE = r"(?<=%20)|(?<=%2[Cc])|(?<=%3[Aa])|(?<=%2[Bb])|(?<=[a-z]\+)"
ID_NUMBER = re.compile(r"(?:" + _ENCODED_BEFORE + r"|(?<![\d]))(\d{9}|\d{12})(?![\d])")
# 0xxxxxxxxx, 02xxxxxxxxx, +84 / 84 forms, with optional spaces (also URL-encoded), dots or dashes between digits.
PHONE = re.compile(r"(?:" + _ENCODED_BEFORE + r"|(?<![\w+]))(?:\+84|%2[Bb]84|84|0)(?:(?:[ .\-+]|%20)?\d){8,10}(?![\d])")

MAX_REMEMBERED = 1000
MIN_NAME_CHARS = 3


def mask_phone(match: re.Match) -> str:
    digits = re.sub(r"\D", "", re.sub("%20|%2B", "", match.group(0), flags=re.IGNORECASE))
    return digits[:3] + "*" * max(len(digits) - 5, 3) + digits[-2:]


def mask_email(match: re.Match) -> str:
    return f"{match.group(1)}***@{match.group(2)}"


def mask_id(match: re.Match) -> str:
    return "*" * (len(match.group(1)) - 3) + match.group(1)[-3:]


class _Registry:
    """Known personal values (names, contacts as typed), most recent first, compiled into one regex."""

    def __init__(self, size: int = MAX_REMEMBERED) -> None:
        self.size = size
        self._values: OrderedDict[str, None] = OrderedDict()
        self._pattern: re.Pattern | None = None
        self._lock = threading.Lock()

    def add(self, value: str) -> None:
        value = " ".join(value.split())
        if len(value) < MIN_NAME_CHARS:
            return
        with self._lock:
            # also as JSON-escaped (\u1ec5) and URL-encoded text
            for variant in {value, json.dumps(value)[1:-1], quote(value), quote_plus(value)}:
                self._values[variant] = None
                self._values.move_to_end(variant)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
            self._pattern = None

    def pattern(self) -> re.Pattern | None:
        with self._lock:
            if self._pattern is None and self._values:
                words = sorted(self._values, key=len, reverse=True)
                self._pattern = re.compile(
                    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE
                )
            return self._pattern

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._pattern = None


_registry = _Registry()


def remember_personal_value(value: str | None) -> None:
    """Register a name (or other personal value) so that later log lines containing it are masked."""
    if isinstance(value, str) and value.strip():
        _registry.add(value)


def mask_personal_data(text: str) -> str:
    if not text:
        return text
    known = _registry.pattern()
    if known is not None:
        text = known.sub("[tên]", text)
    text = EMAIL.sub(mask_email, text)
    text = ID_NUMBER.sub(mask_id, text)
    return PHONE.sub(mask_phone, text)
