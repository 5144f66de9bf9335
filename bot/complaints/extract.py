"""Details a citizen gives before the form asks for them: "tôi là Nguyễn Văn An, sđt 0912 345 678, phản ánh việc…".

Only what is unmistakable is taken (a phone or e-mail that validates, a name introduced as one, or a message that
is nothing but a name led by a Vietnamese family name, "Nguyễn Thị Hoa", "tran duc anh, sdt 0904 112 233"); the
form still asks for consent before anything is stored, and shows every field in the summary to confirm or correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.complaints.validation import check_contact, check_name, clean
from bot.text.normalize import fold

_PHONE = re.compile(r"(?<![\d])(?:\+?84|0)[\s.\-]?\d(?:[\s.\-]?\d){7,9}(?![\d])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_UPPER = "A-ZÀ-ỸĐ"
_NAME_WORD = rf"[{_UPPER}][a-zà-ỹđ]+"
_INTRO = re.compile(
    rf"(?:tôi|em|mình|tui|cháu|con)\s+(?:tên\s+)?là\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}})"
    rf"|(?:tên|họ tên|họ và tên)(?:\s+(?:tôi|em|mình|của tôi))?\s*(?:là|:)\s*({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}})"
)


# the commonest Vietnamese family names, folded: a short message led by one of them is a name
FAMILY_NAMES = frozenset(
    fold(name)
    for name in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Trịnh Đinh Lâm Mai Tô Hà "
        "Cao Lương Vương Trương Tạ Chu Kiều Lưu Quách Thái Tăng Mạc Phùng Nghiêm Triệu Lại Khúc Giang Tôn Hứa Doãn "
        "Châu Đàm Đồng Kim Lục Nông Quan Thân Tiêu Từ Hàn Diệp Khổng Bạch Lã Ninh Văn Vi Thạch Âu"
    ).split()
)
# words of a message that are no part of a name: "sđt", "tên tôi là", "ạ"
_NOT_NAME = frozenset(
    "sdt dt so dien thoai email mail lien he ten toi em minh la ho va cua a nhe nha day oi da vang ok y".split()
)
# words that show a message is a sentence, not a name ("Mai tôi nộp hồ sơ")
_SENTENCE_WORDS = frozenset(
    "co khong ko nop ho so giay phep cho gui di roi duoc dc vay sao gi j nao dau thi ma voi ban mua hang o tai".split()
)
MAX_NAME_WORDS = 5


@dataclass(frozen=True)
class Details:
    name: str | None
    contact: str | None
    only_details: bool = False  # the message holds nothing else (no complaint content)


def _without_contacts(text: str) -> str:
    return _PHONE.sub(" ", _EMAIL.sub(" ", text))


def bare_name(rest: str) -> str | None:
    """The name a message consists of, "sđt", "tên tôi là" aside (`rest`: the message without its contacts);
    None when it says anything else."""
    words = re.findall(r"[^\W\d_]+", rest)
    named = [w for w in words if fold(w) not in _NOT_NAME or w[0].isupper()]
    if not 2 <= len(named) <= MAX_NAME_WORDS or fold(named[0]) not in FAMILY_NAMES:
        return None
    if any(fold(w) in _SENTENCE_WORDS and not w[0].isupper() for w in named[1:]):
        return None
    if re.search(r"[^\w\s,.:;()+@-]", rest):  # "?" and the like: a question, not a name
        return None
    checked = check_name(" ".join(named))
    return checked.normalized if checked.valid else None


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
    rest = _without_contacts(text)
    bare = bare_name(rest)
    only_contact = contact is not None and not re.search(r"[^\W\d_]{3,}", rest)
    return Details(name or bare, contact, only_details=bare is not None or only_contact)
