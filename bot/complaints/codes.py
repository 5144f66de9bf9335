"""Tracking codes `PAKN-<year>-<6-digit sequence>`: formatting, and lenient parsing of what citizens type."""

from __future__ import annotations

import datetime as dt

from bot.identifiers import VIETNAM_TZ
from bot.identifiers import format_complaint_code as format_code
from bot.identifiers import parse_complaint_code as parse_code

__all__ = ["code_year", "format_code", "parse_code"]  # the code's format is bot.identifiers'


def code_year(moment: dt.datetime) -> int:
    """The year of a code is the year in Vietnam at the moment of reception (31/12 20:00 UTC is already 1/1)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(VIETNAM_TZ).year
