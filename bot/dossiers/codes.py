"""Dossier codes as one-stop systems issue them, e.g. `000.00.18.H12-250412-0007`.

Structure: agency code `DDD.DD.DD.LDD` (the receiving unit in the national catalogue of agency codes),
`YYMMDD` (day of receipt) and a 4-digit sequence. People paste them in lower case, with spaces, with dots or
dashes missing or doubled, inside a sentence; `parse_code` finds the code and rewrites it canonically.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_SEP = r"[\s.\-_–—/,:]*"
_D = "[0-9]"  # ASCII digits only (\d would accept other scripts' digits)
_CODE = re.compile(
    rf"(?<![0-9])({_D}{{3}}){_SEP}({_D}{{2}}){_SEP}({_D}{{2}}){_SEP}([A-Z]){_SEP}({_D}{{2}}){_SEP}({_D}{{6}}){_SEP}"
    rf"({_D}{{4}})(?![0-9])"
)
CANONICAL = re.compile(r"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}$")
MAX_TEXT = 2000


def parse_code(text: str | None) -> str | None:
    """The canonical code found in `text`, or None when there is none (or its date part is impossible)."""
    if not text or not isinstance(text, str):
        return None
    cleaned = unicodedata.normalize("NFKC", text[:MAX_TEXT]).upper()
    for match in _CODE.finditer(cleaned):
        a, b, c, letter, unit, day, seq = match.groups()
        if _valid_day(day):
            return f"{a}.{b}.{c}.{letter}{unit}-{day}-{seq}"
    return None


def received_day(code: str) -> dt.date | None:
    """The day of receipt written in a canonical code."""
    return _valid_day(code.split("-")[1]) if CANONICAL.match(code) else None


def _valid_day(yymmdd: str) -> dt.date | None:
    try:
        return dt.date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
    except ValueError:
        return None


def make_code(agency: str, received: dt.date, sequence: int) -> str:
    """Build a code the way the one-stop software does (used for sample data)."""
    return f"{agency}-{received:%y%m%d}-{sequence:04d}"
