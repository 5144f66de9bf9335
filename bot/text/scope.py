"""What Sở Công Thương does and does not handle, as folded keywords.

Standard library only: the backend (out-of-scope pointers) and the Rasa NLU (intent refinement) both use it.
Keywords are folded (no diacritics, lower case, abbreviations expanded) and matched as whole words.
"""

from __future__ import annotations

import re

from bot.text.normalize import canonical, has_diacritics

# (folded keywords, the competent body) for topics other agencies handle
OUT_OF_SCOPE_TOPICS: list[tuple[tuple[str, ...], str]] = [
    (
        ("can cuoc", "cccd", "cmnd", "chung minh nhan dan", "dinh danh", "vneid", "id card", "identity card"),
        "Căn cước, định danh điện tử do cơ quan Công an (Công an cấp xã/tỉnh) giải quyết.",
    ),
    (
        ("ho chieu", "passport", "xuat canh", "nhap canh", "visa"),
        "Hộ chiếu, xuất nhập cảnh do cơ quan Quản lý xuất nhập cảnh thuộc Công an tỉnh giải quyết.",
    ),
    (
        ("ket hon", "khai sinh", "khai tu", "ho tich", "ly hon", "thuong tru", "tam tru"),
        "Hộ tịch (khai sinh, kết hôn, khai tử), cư trú do Ủy ban nhân dân và Công an cấp xã giải quyết; "
        "ly hôn do Tòa án nhân dân.",
    ),
    (
        ("so do", "so hong", "dat dai", "quyen su dung dat", "giay chung nhan quyen su dung", "tach thua",
         "sang ten nha", "sang ten dat", "tranh chap dat", "ranh gioi dat"),
        "Đất đai, sổ đỏ do Văn phòng/Chi nhánh đăng ký đất đai và UBND cấp xã giải quyết.",
    ),
    (
        # "thuế" and "thuê" (rent) fold alike: only unmistakable tax phrases
        ("ma so thue", "hoa don dien tu", "nop thue", "khai thue", "quyet toan thue", "hoan thue", "thue thu nhap",
         "thue tncn", "thue gtgt", "thue vat", "thue dat", "thue mon bai", "co quan thue", "chi cuc thue"),
        "Thuế, mã số thuế, hóa đơn do cơ quan Thuế quản lý.",
    ),
    (
        ("bang lai", "giay phep lai xe", "gplx", "lai xe", "dang ky xe", "bien so xe", "driving license",
         "driving licence", "driver license", "driver licence"),
        "Giấy phép lái xe, đăng ký xe do cơ quan Công an cấp theo quy định hiện hành.",
    ),
    (
        ("bao hiem xa hoi", "bhxh", "bao hiem y te", "bhyt", "luong huu", "tro cap that nghiep",
         "bao hiem that nghiep"),
        "Bảo hiểm xã hội, bảo hiểm y tế, trợ cấp thất nghiệp do cơ quan Bảo hiểm xã hội và Sở Nội vụ giải quyết.",
    ),
    (
        ("dang ky kinh doanh", "thanh lap doanh nghiep", "thanh lap cong ty", "giay phep kinh doanh ho",
         "dang ky doanh nghiep", "nguoi dai dien theo phap luat", "bo sung nganh nghe", "nganh nghe kinh doanh"),
        "Đăng ký doanh nghiệp, hộ kinh doanh do cơ quan đăng ký kinh doanh (Sở Tài chính / UBND cấp xã) giải quyết.",
    ),
    (
        ("giay phep xay dung", "xay nha", "xay dung nha"),
        "Giấy phép xây dựng do Sở Xây dựng hoặc UBND cấp xã giải quyết tùy công trình.",
    ),
]

# Words that put a question inside the Công Thương sector even when an out-of-scope keyword appears
# ("hộ kinh doanh bán lẻ rượu", "thuế xăng dầu" is still asked of this department).
# Folded words are ambiguous ("chợ"/"cho", "điện"/"diện", "đập"/"đáp"): only unmistakable phrases here.
IN_SCOPE_WORDS: tuple[str, ...] = (
    "ruou", "bia", "thuoc la", "xang", "dau mo", "gas", "lpg", "lng", "cng", "khi dot", "khi hoa long",
    "dien luc", "dien mat troi", "an toan dien", "luoi dien", "tien dien", "dien nang", "cap dien", "dien gio",
    "thuy dien", "cong to dien", "tram bien ap", "khuyen mai", "hoi cho", "trien lam", "da cap", "hoa chat",
    "thuc pham", "vat lieu no", "tien chat", "van phong dai dien", "xuat xu", "c/o", "ha tang cho", "sieu thi",
    "trung tam thuong mai", "cum cong nghiep", "khuyen cong", "cong nghiep nong thon", "tap hoa", "dap thuy",
    "ho chua", "giam dinh", "chai", "tram nap", "quay so", "trung thuong", "giam gia", "kim cuong", "quan phuc",
    "qua canh", "tam nhap", "tai xuat", "tam xuat", "chuyen khau", "gia cong", "kiem dinh vien", "dai ly",
    "the an toan", "mai nha", "tam pin", "von nuoc ngoai", "dau tu nuoc ngoai", "fdi", "ban le", "ban buon",
    "phan phoi",
)


def _has(folded: str, words: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(f" {w} " in padded for w in words)


def one_swap_apart(a: str, b: str) -> bool:
    """Equal, or two neighbouring letters swapped ("cheiu" for "chieu"), the commonest fast-typing slip. Other
    one-letter differences are not accepted: "cong" must not read as "hong" (sổ hồng)."""
    if a == b:
        return True
    if len(a) != len(b) or len(a) < 4:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _has_typo_tolerant(folded: str, phrases: tuple[str, ...]) -> bool:
    """Like _has, but each word of a phrase may carry one swap of letters ("ho chieu" found in "ho cheiu")."""
    tokens = folded.split()
    for phrase in phrases:
        words = phrase.split()
        for start in range(len(tokens) - len(words) + 1):
            if all(one_swap_apart(t, w) for t, w in zip(tokens[start:start + len(words)], words, strict=True)):
                return True
    return False


# Sector words that are everyday words once folded: in a text typed with its marks, only the marked form
# counts ("hỏi cho chắc" is not "hội chợ", "bìa hồ sơ" is not "bia").
MARKED_FORMS: dict[str, str] = {"hoi cho": "hội chợ", "bia": "bia", "chai": "chai"}


def _marked_word_present(text: str, marked: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(marked) + r"(?!\w)", canonical(text).lower()) is not None


def in_scope(folded: str, text: str | None = None) -> bool:
    """Does the folded text name something of the Công Thương sector? `text`, the message as typed, settles
    folded words that are ambiguous when it has its diacritics."""
    padded = f" {folded} "
    marked = text is not None and has_diacritics(text)
    for word in IN_SCOPE_WORDS:
        if f" {word} " not in padded:
            continue
        if marked and word in MARKED_FORMS and not _marked_word_present(text, MARKED_FORMS[word]):
            continue
        return True
    return False


# Out-of-scope topics named with a sector word: paying a household bill is the supplier's business.
OUT_OF_SCOPE_EVEN_IN_SECTOR: list[tuple[tuple[str, ...], str]] = [
    (
        ("thanh toan tien dien", "dong tien dien", "tra tien dien", "pay tien dien", "nop tien dien",
         "hoa don tien dien", "thanh toan tien nuoc", "dong tien nuoc", "hoa don tien nuoc"),
        "Thanh toán tiền điện do công ty điện lực (EVN) của tỉnh giải quyết (ứng dụng, website hoặc điểm thu "
        "của điện lực); tiền nước do công ty cấp nước. Sở Công Thương giải quyết thủ tục, không thu tiền điện.",
    ),
]


def out_of_scope_topic(folded: str, text: str | None = None) -> str | None:
    """The competent body for an out-of-scope topic named in folded text, unless the text is about the sector."""
    for keywords, where in OUT_OF_SCOPE_EVEN_IN_SECTOR:
        if _has(folded, keywords):
            return where
    if in_scope(folded, text):
        return None
    for keywords, where in OUT_OF_SCOPE_TOPICS:
        if _has(folded, keywords):
            return where
    cleaned = re.sub(r"[^\w\s/]", " ", folded)
    for keywords, where in OUT_OF_SCOPE_TOPICS:  # typed with a typo: only phrases of two words or more
        if _has_typo_tolerant(cleaned, tuple(k for k in keywords if " " in k)):
            return where
    return None
