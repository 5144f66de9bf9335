"""A typed answer to "which one?": matched against the options the bot just offered.

After a list ("1. Cấp Giấy phép bán buôn rượu  2. Cấp Giấy phép bán lẻ rượu ..."), citizens type "cái thứ hai",
"số 2", "loại bán buôn", "cấp mới", "cho hộ kinh doanh nhỏ". The answer is read against the offered options only:
an ordinal, the action (cấp mới / cấp lại / sửa đổi / gia hạn), or words that only some options' names have. One
option left: chosen. Several: the list is narrowed to them. None: the caller decides (a new question, or the same
list again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.search.query import prepare

# ordinal words, folded: "thứ hai", "số 2", "cái đầu", "cuối cùng"
_ORDINALS: dict[str, int] = {
    "nhat": 1,
    "mot": 1,
    "dau": 1,
    "dau tien": 1,
    "hai": 2,
    "nhi": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "sau": 6,
}
_ORDINAL = re.compile(
    r"(?<![a-z0-9])(?:(?:cai|so|muc|dong|loai|y|phuong an|lua chon|option|thu tuc)\s+)?(?:thu\s+)?"
    r"(nhat|nhi|hai|ba|bon|tu|nam|sau|dau tien|[1-9])(?![a-z0-9])"
)
_EXPLICIT_ORDINAL = re.compile(
    r"(?<![a-z0-9])(thu|so|cai|muc|dong|option|#)\s*([1-9]|nhat|hai|ba|bon|tu|nam)(?![a-z0-9])"
)
_LAST = re.compile(r"(?<![a-z])(cuoi( cung)?|sau cung)(?![a-z])")
# "đầu" folds like "đâu" (where): alone it is the first option only when the answer is nothing but it
_FIRST = re.compile(r"(?<![a-z])(dau tien|cai dau|so dau|muc dau|dong dau|loai dau)(?![a-z])")
_FIRST_ALONE = re.compile(r"\s*(cai |so )?dau( a| nhe| nha| ad)?\s*")

# what the citizen says about the action, folded -> the action word of a name (whole words: the "hong" of a
# damaged paper is not the "không" of a question, folded "khong")
_ACTION_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(cap moi|xin moi|lam moi|lan dau|moi mo|chua co|moi tinh|dang ky moi|tu dau|first)\b"), "first"),
    (re.compile(r"\b(cap lai|xin lai|lam lai|bi mat|mat giay|that lac|hong|rach|het han|reissue)\b"), "reissue"),
    (re.compile(r"\b(sua doi|bo sung|dieu chinh|thay doi|doi ten|doi dia chi|chuyen dia diem|amend)\b"), "amend"),
    (re.compile(r"\b(gia han|extend)\b"), "extend"),
]
_NAME_ACTIONS: list[tuple[str, str]] = [
    ("cap sua doi bo sung", "amend"),
    ("sua doi bo sung", "amend"),
    ("cap dieu chinh", "amend"),
    ("dieu chinh", "amend"),
    ("cap lai", "reissue"),
    ("gia han", "extend"),
]
_FILLER = frozenset(
    [
        "cap",
        "giay",
        "phep",
        "chung",
        "nhan",
        "dang",
        "ky",
        "thu",
        "tuc",
        "cho",
        "cua",
        "toi",
        "em",
        "minh",
        "loai",
        "cai",
        "la",
        "nhe",
        "a",
        "ak",
        "nha",
        "the",
        "thi",
        "con",
        "va",
        "ve",
        "voi",
        "muon",
        "hoi",
        "xin",
        "can",
        "lam",
        "di",
        "nay",
        "do",
        "o",
        "tai",
        "theo",
        "quy",
        "dinh",
        "doi",
        "duoc",
        "kinh",
        "doanh",
        "ho",
        "nho",
    ]
)


@dataclass(frozen=True)
class Choice:
    chosen: str | None  # the code picked, if one option is left
    narrowed: list[tuple[str, str]]  # the options still in play (all offered when nothing matched)
    matched: bool  # the answer said something about the options


def _action_of(name: str) -> str:
    folded = prepare(name)
    return next((action for phrase, action in _NAME_ACTIONS if phrase in folded), "first")


def _without_action(folded_name: str) -> str:
    """The name without its action words: the "hạn" of "gia hạn" is not the "thời hạn" a citizen asks about."""
    for phrase, _ in _NAME_ACTIONS:
        folded_name = re.sub(rf"(?<![a-z]){phrase}(?![a-z])", " ", folded_name)
    return folded_name


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text) if w not in _FILLER and len(w) > 1}


def _pairs(text: str) -> set[str]:
    """Adjacent word pairs: "do sở công thương" tells the Sở's option from the Bộ's though «sở» alone is
    also the «sở» of every «cơ sở»."""
    words = re.findall(r"[a-z0-9]+", text)
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if not {a, b} <= _FILLER}


def _ordinal(folded: str, n: int) -> int | None:
    if _LAST.search(folded):
        return n
    explicit = _EXPLICIT_ORDINAL.search(folded)
    token = explicit.group(2) if explicit else None
    if token is None:
        bare = folded.strip(" .!?")
        if re.fullmatch(r"[1-9]", bare) or bare in _ORDINALS:
            token = bare
    if token is None:
        first = _FIRST.search(folded) or _FIRST_ALONE.fullmatch(folded)
        return 1 if first and len(folded.split()) <= 4 else None
    value = int(token) if token.isdigit() else _ORDINALS.get(token)
    return value if value and 1 <= value <= n else None


def names_action(name: str, action: str) -> bool:
    """Whether a procedure's own name carries the words of that action ("hàng hóa không thay đổi xuất xứ")."""
    folded = prepare(name)
    return any(pattern.search(folded) for pattern, act in _ACTION_WORDS if act == action)


def action_asked(text: str) -> str | None:
    """The action a message names on its own ("cấp lại", "bị mất", "gia hạn"), if exactly one."""
    folded = prepare(text)
    found = {action for pattern, action in _ACTION_WORDS if pattern.search(folded)}
    return found.pop() if len(found) == 1 else None


def match_choice(text: str, options: list[tuple[str, str]]) -> Choice:
    """Which of the offered (code, name) options a typed answer picks."""
    if not options:
        return Choice(None, [], False)
    folded = prepare(text)
    index = _ordinal(folded, len(options))
    if index is not None:
        return Choice(options[index - 1][0], [options[index - 1]], True)
    pool = list(options)
    said = False
    wanted = [action for pattern, action in _ACTION_WORDS if pattern.search(folded)]
    if wanted:
        kept = [o for o in pool if _action_of(o[1]) in wanted]
        if kept:
            pool, said = kept, True
    plain = {code: _without_action(prepare(name)) for code, name in pool}  # actions were read above
    option_words = {code: _words(name) | _pairs(name) for code, name in plain.items()}
    shared = set.intersection(*option_words.values()) if option_words else set()
    asked = _words(folded) | _pairs(folded)
    scores = {code: len((words - shared) & asked) for code, words in option_words.items()}
    best = max(scores.values(), default=0)
    if best > 0:
        pool = [o for o in pool if scores[o[0]] == best]
        said = True
    if said and len(pool) == 1:
        return Choice(pool[0][0], pool, True)
    return Choice(None, pool if said else list(options), said)
