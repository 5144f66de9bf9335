"""What citizens call a procedure: alias suggestions from its official name.

Used when a procedure file is created (importer, admin); the aliases are then stored and reviewed in the
procedure's YAML file, which is what the search reads.
"""

from __future__ import annotations

import re

from bot.text.normalize import fold

# (all folded substrings that must be in the name, phrases citizens use)
TOPIC_ALIASES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("ban le ruou",), ("giấy phép bán rượu", "xin phép bán rượu bia", "bán lẻ rượu")),
    (("ban buon ruou",), ("giấy phép bán sỉ rượu", "bán buôn rượu")),
    (("ruou thu cong",), ("giấy phép nấu rượu", "nấu rượu để bán", "sản xuất rượu thủ công")),
    (("ruou cong nghiep",), ("giấy phép sản xuất rượu", "nhà máy rượu")),
    (("ban le", "thuoc la"), ("giấy phép bán thuốc lá", "bán lẻ thuốc lá")),
    (("ban buon", "thuoc la"), ("giấy phép bán sỉ thuốc lá", "bán buôn thuốc lá")),
    (("ban le xang dau",), ("giấy phép cây xăng", "mở cây xăng", "cửa hàng xăng dầu")),
    (("tong dai ly", "xang dau"), ("tổng đại lý xăng dầu",)),
    (("dai ly ban le xang dau",), ("đại lý xăng dầu",)),
    (("lpg chai",), ("cửa hàng gas", "bán bình gas", "cửa hàng bán gas")),
    (("nap lpg vao chai",), ("trạm nạp gas vào bình", "chiết nạp gas")),
    (("nap lpg vao phuong tien",), ("trạm nạp gas cho xe", "nạp LPG cho ô tô")),
    (("cng",), ("khí nén thiên nhiên CNG",)),
    (("chai lpg",), ("sửa chữa bình gas", "sản xuất vỏ bình gas")),
    (("khuyen mai",), ("khuyến mãi", "chương trình khuyến mãi", "xin phép khuyến mãi")),
    (("hoi cho",), ("tổ chức hội chợ", "hội chợ triển lãm")),
    (("dien mat troi mai nha",), ("điện mặt trời áp mái", "lắp pin mặt trời trên mái nhà", "solar mái nhà")),
    (("ban hang da cap",), ("đa cấp", "bán hàng đa cấp")),
    (("an toan thuc pham",), ("giấy chứng nhận an toàn thực phẩm", "giấy vệ sinh an toàn thực phẩm")),
    (("vat lieu no cong nghiep",), ("giấy phép thuốc nổ", "sử dụng thuốc nổ công nghiệp")),
    (("van phong dai dien",), ("văn phòng đại diện công ty nước ngoài",)),
    (("hoat dong dien luc",), ("giấy phép điện lực",)),
    (("luoi dien trung ap",), ("đầu tư lưới điện trung thế, hạ thế",)),
    (("hoa chat",), ("giấy phép hóa chất",)),
    (("cum cong nghiep",), ("lập cụm công nghiệp",)),
    (("cong nghiep nong thon tieu bieu",), ("sản phẩm công nghiệp nông thôn tiêu biểu",)),
    (("dap", "thuy dien"), ("đập thủy điện",)),
    (("ban hang khong tai dia diem giao dich thuong xuyen",), ("bán hàng lưu động", "bán hàng tận nhà")),
    (("lap co so ban le",), ("mở cửa hàng bán lẻ vốn nước ngoài", "siêu thị vốn nước ngoài")),
]

VARIANT_VERBS = {"cấp lại", "cấp sửa đổi, bổ sung", "cấp sửa đổi bổ sung", "cấp điều chỉnh"}

_ACTION_PREFIX = re.compile(
    r"^(thủ tục\s+)?(cấp\s+sửa đổi,?\s+bổ sung|cấp\s+điều chỉnh|cấp\s+lại|cấp|đăng ký|thông báo)\s+",
    re.IGNORECASE,
)


def aliases_for(name: str) -> list[str]:
    folded = fold(name)
    out: list[str] = []
    base = re.sub(r"^thủ tục\s+", "", name.strip(), flags=re.IGNORECASE)
    if base != name.strip():
        out.append(base)
    short = re.sub(r"(?i)giấy phép", "gp", base)
    short = re.sub(r"(?i)giấy chứng nhận", "gcn", short)
    if short != base:
        out.append(short)
    action = _ACTION_PREFIX.match(base)
    verb = action.group(2).lower() if action else ""
    variant = verb if verb in VARIANT_VERBS else ""
    for needles, phrases in TOPIC_ALIASES:
        if all(n in folded for n in needles):
            out.extend(f"{variant} {p}".strip() for p in phrases)
    seen: set[str] = set()
    unique: list[str] = []
    for alias in out:
        key = fold(alias)
        if key and key != folded and key not in seen:
            seen.add(key)
            unique.append(alias)
    return unique
