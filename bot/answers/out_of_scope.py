"""Where to go for what Sở Công Thương does not handle."""

from __future__ import annotations

from bot.text.abbreviations import fold_expanded

# (folded keywords, the competent body, a short hint)
TOPICS: list[tuple[tuple[str, ...], str]] = [
    (
        ("can cuoc", "cccd", "cmnd", "chung minh nhan dan", "dinh danh", "vneid"),
        "Căn cước, định danh điện tử do cơ quan Công an (Công an cấp xã/tỉnh) giải quyết.",
    ),
    (
        ("ho chieu", "passport", "xuat canh", "nhap canh", "visa"),
        "Hộ chiếu, xuất nhập cảnh do cơ quan Quản lý xuất nhập cảnh thuộc Công an tỉnh giải quyết.",
    ),
    (
        ("ket hon", "khai sinh", "khai tu", "ho tich", "ly hon"),
        "Hộ tịch (khai sinh, kết hôn, khai tử) do Ủy ban nhân dân cấp xã giải quyết; ly hôn do Tòa án nhân dân.",
    ),
    (
        ("so do", "so hong", "dat dai", "quyen su dung dat", "giay chung nhan quyen su dung"),
        "Đất đai, sổ đỏ do Văn phòng/Chi nhánh đăng ký đất đai và UBND cấp xã giải quyết.",
    ),
    (("thue", "ma so thue", "hoa don"), "Thuế, mã số thuế, hóa đơn do cơ quan Thuế quản lý."),
    (
        ("bang lai", "giay phep lai xe", "gplx", "lai xe"),
        "Giấy phép lái xe do cơ quan Công an (Cảnh sát giao thông) cấp theo quy định hiện hành.",
    ),
    (
        ("bao hiem xa hoi", "bhxh", "bao hiem y te", "bhyt", "luong huu"),
        "Bảo hiểm xã hội, bảo hiểm y tế do cơ quan Bảo hiểm xã hội giải quyết.",
    ),
    (
        ("dang ky kinh doanh", "thanh lap doanh nghiep", "thanh lap cong ty", "ho kinh doanh"),
        "Đăng ký doanh nghiệp, hộ kinh doanh do cơ quan đăng ký kinh doanh (Sở Tài chính / UBND cấp xã) giải quyết.",
    ),
    (
        ("xay dung", "giay phep xay dung", "xay nha"),
        "Giấy phép xây dựng do Sở Xây dựng hoặc UBND cấp xã giải quyết tùy công trình.",
    ),
]

GENERIC = (
    "Nội dung này không thuộc thẩm quyền của Sở Công Thương. Anh/chị có thể tra cứu cơ quan giải quyết trên "
    "Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn"
)


def matched_topic(text: str) -> str | None:
    """The competent body for a topic Sở Công Thương does not handle, if the text names one."""
    folded = f" {fold_expanded(text)} "
    for keywords, where in TOPICS:
        if any(f" {k} " in folded for k in keywords):
            return where
    return None


def out_of_scope_reply(text: str) -> str:
    where = matched_topic(text)
    if where is None:
        return GENERIC
    return (
        f"Xin lỗi, việc này không thuộc thẩm quyền của Sở Công Thương. {where} "
        "Anh/chị có thể tra cứu thêm trên Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn"
    )
