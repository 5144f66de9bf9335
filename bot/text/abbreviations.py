"""Abbreviations and teencode citizens type on Telegram/Zalo, expanded to plain Vietnamese."""

from __future__ import annotations

import re
import unicodedata

from bot.text.normalize import canonical, fold

# Keys are folded (no diacritics, lower case); values are written with diacritics.
ABBREVIATIONS: dict[str, str] = {
    "hs": "hồ sơ",
    "hso": "hồ sơ",
    "gp": "giấy phép",
    "gpkd": "giấy phép kinh doanh",
    "gcn": "giấy chứng nhận",
    "dkkd": "đăng ký kinh doanh",
    "ko": "không",
    "k": "không",
    "kh": "không",
    "khg": "không",
    "hok": "không",
    "hong": "không",
    "hông": "không",
    "dc": "được",
    "dk": "đăng ký",
    "tthc": "thủ tục hành chính",
    "tt": "thủ tục",
    "dvc": "dịch vụ công",
    "dvctt": "dịch vụ công trực tuyến",
    "sct": "Sở Công Thương",
    "bct": "Bộ Công Thương",
    "attp": "an toàn thực phẩm",
    "lpg": "LPG khí dầu mỏ hóa lỏng",
    "chxd": "cửa hàng xăng dầu",
    "vlncn": "vật liệu nổ công nghiệp",
    "kd": "kinh doanh",
    "sx": "sản xuất",
    "bn": "bao nhiêu",
    "nhiu": "bao nhiêu",
    "j": "gì",
    "ji": "gì",
    "ntn": "như thế nào",
    "ubnd": "Ủy ban nhân dân",
    "vpdd": "văn phòng đại diện",
    "dmt": "điện mặt trời",
    "vb": "văn bản",
    "nđ": "nghị định",
    "nd": "nghị định",
    "xk": "xuất khẩu",
    "nk": "nhập khẩu",
    "nhg": "những",
    "nv": "nhân viên",
    "vbpl": "văn bản pháp luật",
    "ptvt": "phương tiện vận tải",
    "pccc": "phòng cháy chữa cháy",
    "cnnt": "công nghiệp nông thôn",
    "ccn": "cụm công nghiệp",
    "bhdc": "bán hàng đa cấp",
    "xnk": "xuất nhập khẩu",
    "c/o": "C/O giấy chứng nhận xuất xứ",
    "tmdt": "thương mại điện tử",
    "mn": "mọi người",
    "ng": "người",
    "vs": "với",
    "r": "rồi",
    "oy": "rồi",
    "ak": "à",
    "z": "vậy",
    "dzay": "vậy",
    "dzậy": "vậy",
    "zay": "vậy",
    "wa": "qua",
    "lm": "làm",
    "mún": "muốn",
    "mun": "muốn",
    "bít": "biết",
    "bik": "biết",
    "onl": "online",
    "cty": "công ty",
    "gxn": "giấy xác nhận",
    "ctkm": "chương trình khuyến mại",
    "cb": "cán bộ",
    "tm": "thương mại",
    "tb": "thông báo",
    "dkien": "điều kiện",
    "đkien": "điều kiện",
}


def _has_marks(word: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word))


_FOLDED = {fold(k): v for k, v in ABBREVIATIONS.items()}
# Keys typed with tone or vowel marks ("hông"): a marked word expands only if it is one of these, so "hỏng"
# (broken) is not read as "hong" (không). "đ" is a letter, not a mark: "đc" still expands like "dc".
_MARKED_KEYS = frozenset(canonical(k).lower() for k in ABBREVIATIONS if _has_marks(k))
_TOKEN = re.compile(r"[^\W_]+(?:/[^\W_]+)?", re.UNICODE)


# "đủ đk" is "đủ điều kiện" (meets the conditions), never "đủ đăng ký"
_ENOUGH_CONDITIONS = re.compile(r"(?<!\w)(đủ|du)\s+(?:đk|dk|đkien|dkien)(?!\w)", re.IGNORECASE)


def expand_abbreviations(text: str) -> str:
    """Replace whole-word abbreviations by their expansion; other words stay as typed."""

    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        expansion = _FOLDED.get(fold(word))
        if expansion is None or (_has_marks(word) and word.lower() not in _MARKED_KEYS):
            return word
        return expansion

    return _TOKEN.sub(repl, _ENOUGH_CONDITIONS.sub(r"\1 điều kiện", canonical(text)))


def fold_expanded(text: str) -> str:
    """Folded text with abbreviations expanded: the key the catalogue search matches on."""
    return fold(expand_abbreviations(text))
