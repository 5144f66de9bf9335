"""Keep personal data out of the logs: phone numbers are masked in every record that goes through the filter."""

from __future__ import annotations

import logging
import re

# Vietnamese mobile/landline numbers as users type or share them: 0912345678, +84 912 345 678, 84912345678.
PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)")


def mask_phone(text: str) -> str:
    """Replace each phone number by its last three digits, e.g. 0912345678 -> ***678."""
    return PHONE.sub(lambda m: "***" + re.sub(r"\D", "", m.group())[-3:], text)


class PhoneMaskFilter(logging.Filter):
    """Formats the record once with its arguments and masks phone numbers in the result."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        masked = mask_phone(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        return True


def install_log_masking(level: int = logging.INFO) -> None:
    """Root logging for a channel process: masked phones, and no HTTP client URL lines (they carry bot tokens)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(PhoneMaskFilter())
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
