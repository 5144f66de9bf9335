"""Tracking codes `PAKN-<year>-<6-digit sequence>`: formatting, and lenient parsing of what citizens type."""

from __future__ import annotations

import datetime as dt
import re

PREFIX = "PAKN"
CODE_PATTERN = r"^PAKN-\d{4}-\d{6,}$"
VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")  # no daylight saving in Vietnam

_LENIENT = re.compile(r"^\s*pakn[\s\-_./:#]*(\d{4})[\s\-_./:#]*(\d{1,7})\s*$", re.IGNORECASE)


def format_code(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year:04d}-{sequence:06d}"


def code_year(moment: dt.datetime) -> int:
    """The year of a code is the year in Vietnam at the moment of reception (31/12 20:00 UTC is already 1/1)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(VIETNAM_TZ).year


def parse_code(raw: str) -> str | None:
    """`pakn 2026 000123`, `PAKN-2026-123`, ` Pakn_2026_000123 ` -> `PAKN-2026-000123`; None when malformed."""
    if not isinstance(raw, str) or len(raw) > 64:
        return None
    match = _LENIENT.match(raw)
    if not match:
        return None
    year, sequence = int(match.group(1)), int(match.group(2))
    if sequence == 0 or not 2000 <= year <= 2999:
        return None
    return format_code(year, sequence)
