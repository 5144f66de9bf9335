"""What Sở Công Thương does and does not handle, as folded keywords.

Standard library only: the backend (out-of-scope pointers) and the Rasa NLU (intent refinement) both use it.
Keywords are folded (no diacritics, lower case, abbreviations expanded) and matched as whole words.
"""

from __future__ import annotations

# (folded keywords, the competent body) for topics other agencies handle
OUT_OF_SCOPE_TOPICS: list[tuple[tuple[str, ...], str]] = [
    (
        ("can cuoc", "cccd", "cmnd", "chung minh nhan dan", "dinh danh", "vneid"),
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
         "sang ten nha", "sang ten dat"),
        "Đất đai, sổ đỏ do Văn phòng/Chi nhánh đăng ký đất đai và UBND cấp xã giải quyết.",
    ),
    (
        # "thuế" and "thuê" (rent) fold alike: only unmistakable tax phrases
        ("ma so thue", "hoa don dien tu", "nop thue", "khai thue", "quyet toan thue", "hoan thue", "thue thu nhap",
         "thue tncn", "thue gtgt", "thue vat", "thue dat", "thue mon bai", "co quan thue", "chi cuc thue"),
        "Thuế, mã số thuế, hóa đơn do cơ quan Thuế quản lý.",
    ),
    (
        ("bang lai", "giay phep lai xe", "gplx", "lai xe", "dang ky xe", "bien so xe"),
        "Giấy phép lái xe, đăng ký xe do cơ quan Công an cấp theo quy định hiện hành.",
    ),
    (
        ("bao hiem xa hoi", "bhxh", "bao hiem y te", "bhyt", "luong huu", "tro cap that nghiep",
         "bao hiem that nghiep"),
        "Bảo hiểm xã hội, bảo hiểm y tế, trợ cấp thất nghiệp do cơ quan Bảo hiểm xã hội và Sở Nội vụ giải quyết.",
    ),
    (
        ("dang ky kinh doanh", "thanh lap doanh nghiep", "thanh lap cong ty", "giay phep kinh doanh ho"),
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
    "ho chua", "giam dinh", "chai", "tram nap",
)


def _has(folded: str, words: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(f" {w} " in padded for w in words)


def in_scope(folded: str) -> bool:
    """Does the folded text name something of the Công Thương sector?"""
    return _has(folded, IN_SCOPE_WORDS)


def out_of_scope_topic(folded: str) -> str | None:
    """The competent body for an out-of-scope topic named in folded text, unless the text is about the sector."""
    if _has(folded, IN_SCOPE_WORDS):
        return None
    for keywords, where in OUT_OF_SCOPE_TOPICS:
        if _has(folded, keywords):
            return where
    return None
