"""Details a citizen gives before the form asks for them: "tôi là Nguyễn Văn An, sđt 0912 345 678, phản ánh việc…".

Only what is unmistakable is taken (a phone or e-mail that validates, a name introduced as one); the form still
asks for consent before anything is stored, and shows every field in the summary to confirm or correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.complaints.validation import check_contact, check_name, clean

_PHONE = re.compile(r"(?<![\d])(?:\+?84|0)[\s.\-]?\d(?:[\s.\-]?\d){7,9}(?![\d])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_UPPER = "A-ZÀ-ỸĐ"
_NAME_WORD = rf"[{_UPPER}][a-zà-ỹđ]+"
_INTRO = re.compile(
    rf"(?:tôi|em|mình|tui|cháu|con)\s+(?:tên\s+)?là\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}})"
    rf"|(?:tên|họ tên|họ và tên)(?:\s+(?:tôi|em|mình|của tôi))?\s*(?:là|:)\s*({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}})"
)


@dataclass(frozen=True)
class Details:
    name: str | None
    contact: str | None


def extract_details(text: str) -> Details:
    text = clean(text or "")[:2000]
    contact = None
    for pattern in (_EMAIL, _PHONE):
        for match in pattern.finditer(text):
            checked = check_contact(match.group(0))
            if checked.valid:
                contact = checked.normalized
                break
        if contact:
            break
    name = None
    intro = _INTRO.search(text)
    if intro:
        candidate = intro.group(1) or intro.group(2)
        checked = check_name(candidate)
        name = checked.normalized if checked.valid else None
    return Details(name, contact)
