"""Dossier codes as one-stop systems issue them, e.g. `000.00.18.H12-250412-0007`.

Structure: agency code `DDD.DD.DD.LDD` (the receiving unit in the national catalogue of agency codes),
`YYMMDD` (day of receipt) and a 4-digit sequence. People paste them in lower case, with spaces, with dots or
dashes missing or doubled, inside a sentence; `parse_code` finds the code and rewrites it canonically.

Short forms leave out the leading `000.00.` of a unit whose lower levels are zero: `H05.22-251103-0147` (as some
receipts print it) and `22.H05-251103-0147` both mean `000.00.22.H05-251103-0147`, the one canonical form the
look-up and the one-stop contract use.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from bot.identifiers import DOSSIER_CODE_PATTERN

_SEP = r"[\s.\-_–—/,:]*"
_D = "[0-9]"  # ASCII digits only (\d would accept other scripts' digits)
_CODE = re.compile(
    rf"(?<![0-9])({_D}{{3}}){_SEP}({_D}{{2}}){_SEP}({_D}{{2}}){_SEP}([A-Z]){_SEP}({_D}{{2}}){_SEP}({_D}{{6}}){_SEP}"
    rf"({_D}{{4}})(?![0-9])"
)
_SHORT_LETTER_FIRST = re.compile(
    rf"(?<![0-9A-Z])([A-Z]){_SEP}({_D}{{2}}){_SEP}({_D}{{2}}){_SEP}({_D}{{6}}){_SEP}({_D}{{4}})(?![0-9])"
)
_SHORT_UNIT_FIRST = re.compile(
    rf"(?<![0-9A-Z])({_D}{{2}}){_SEP}([A-Z]){_SEP}({_D}{{2}}){_SEP}({_D}{{6}}){_SEP}({_D}{{4}})(?![0-9])"
)
_AFTER_DIGITS = re.compile(r"[0-9][.\-_–—/,:]*$")  # "1000.00.18.H12-…" is no short code inside a longer number
CANONICAL = re.compile(DOSSIER_CODE_PATTERN)
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
    return _short_code(cleaned)


def _short_code(cleaned: str) -> str | None:
    """The full code of the first short form in `cleaned` (upper case): `H05.22-…` or `22.H05-…`."""
    found: list[tuple[int, str]] = []
    for match in _SHORT_LETTER_FIRST.finditer(cleaned):
        letter, province, unit, day, seq = match.groups()
        found.append((match.start(), f"{letter}{province}|{unit}|{day}|{seq}"))
    for match in _SHORT_UNIT_FIRST.finditer(cleaned):
        unit, letter, province, day, seq = match.groups()
        found.append((match.start(), f"{letter}{province}|{unit}|{day}|{seq}"))
    for start, parts in sorted(found):
        agency, unit, day, seq = parts.split("|")
        if _valid_day(day) and not _AFTER_DIGITS.search(cleaned[:start]):
            return f"000.00.{unit}.{agency}-{day}-{seq}"
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
