"""Related procedures for the copilot, ranked by topic: a liquor-fee question lists liquor procedures first, then
the same field, then whatever else the resolver found.

A topic is the goods or activity a procedure is about (rượu, thuốc lá, xăng dầu, khí, điện…); the catalogue's
`field` is too broad for this (liquor, tobacco and petrol share "Lưu thông hàng hóa trong nước"), and words like
"bán lẻ" or "giấy phép" are shared by every topic.
"""

from __future__ import annotations

import re

from bot.catalog.schema import Procedure
from bot.search.resolver import ProcedureIndex
from bot.text.normalize import fold

# topic -> folded phrases of names and aliases that belong to it (whole words)
TOPICS: dict[str, tuple[str, ...]] = {
    "rượu": ("ruou",),
    "thuốc lá": ("thuoc la",),
    "xăng dầu": ("xang dau", "cay xang"),
    "khí": ("lpg", "lng", "cng", "khi dau mo hoa long", "khi thien nhien", "binh gas", "gas"),
    "điện": (
        "dien luc",
        "luoi dien",
        "nguon dien",
        "dien mat troi",
        "an toan dien",
        "he thong dien",
        "cap dien",
        "phan phoi dien",
        "ban buon dien",
        "ban le dien",
    ),
    "thủy điện, đập": ("thuy dien", "ho chua", "ha du dap"),
    "vật liệu nổ": ("vat lieu no", "thuoc no", "tien chat"),
    "an toàn thực phẩm": ("an toan thuc pham", "thuc pham"),
    "khuyến mại": ("khuyen mai",),
    "hội chợ, triển lãm": ("hoi cho", "trien lam"),
    "bán hàng đa cấp": ("da cap",),
    "văn phòng đại diện, chi nhánh": ("van phong dai dien", "chi nhanh cua thuong nhan nuoc ngoai"),
    "cơ sở bán lẻ, vốn nước ngoài": ("co so ban le", "von dau tu nuoc ngoai"),
    "quyền xuất nhập khẩu": ("quyen xuat khau", "quyen nhap khau"),
    "hóa chất": ("hoa chat",),
    "thương mại điện tử": ("thuong mai dien tu", "website"),
    "cụm công nghiệp": ("cum cong nghiep",),
    "công nghiệp hỗ trợ": ("cong nghiep ho tro",),
    "công nghiệp nông thôn, thủ công": ("cong nghiep nong thon", "thu cong my nghe", "nghe nhan"),
    "khoáng sản": ("khoang san",),
    "người tiêu dùng": ("nguoi tieu dung", "hop dong theo mau"),
    "gia công": ("gia cong",),
    "xuất xứ": ("xuat xu", "c/o", "cfs", "luu hanh tu do"),
    "kim cương": ("kim cuong",),
    "quân phục": ("quan phuc",),
    "tạm nhập, tái xuất": ("tam nhap", "tai xuat", "tam xuat", "tai nhap", "chuyen khau", "qua canh"),
    "giám định": ("giam dinh",),
    "kiểm định": ("kiem dinh",),
    "đánh giá sự phù hợp": (
        "danh gia su phu hop",
        "hoat dong thu nghiem",
        "hoat dong chung nhan",
        "hop quy",
        "phu hop voi quy chuan",
    ),
    "chợ": ("ha tang cho",),
}
_PATTERNS = {
    topic: re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)") for topic, words in TOPICS.items()
}
POOL = 40  # resolver candidates considered before ranking


def topics_of(text: str) -> set[str]:
    folded = fold(text)
    return {topic for topic, pattern in _PATTERNS.items() if pattern.search(folded)}


def procedure_topics(p: Procedure) -> set[str]:
    return topics_of(" ; ".join([p.name, *p.aliases]))


def related(
    index: ProcedureIndex, by_code: dict[str, Procedure], queries: list[str], main: Procedure | None, limit: int = 5
) -> list[dict]:
    """Up to `limit` procedures other than `main`: same topic first, then same field, each by resolver score."""
    topics = procedure_topics(main) if main else set().union(*(topics_of(q) for q in queries))
    scores: dict[str, float] = {}
    for query in queries:
        for c in index.resolve(query, limit=POOL).candidates:
            scores[c.code] = max(scores.get(c.code, 0.0), c.score)
    for code, proc in by_code.items():  # a topic's procedures the words of the question did not reach
        if topics and code not in scores and procedure_topics(proc) & topics:
            scores[code] = 0.0
    if main is not None:
        scores.pop(main.code, None)

    def rank(code: str) -> tuple[int, float]:
        proc = by_code[code]
        group = 0 if procedure_topics(proc) & topics else 1 if main and proc.field == main.field else 2
        return group, -scores[code]

    chosen = sorted((c for c in scores if c in by_code), key=rank)[:limit]
    return [
        {
            "code": c,
            "name": by_code[c].name,
            "score": round(scores[c], 3),
            "topic": bool(procedure_topics(by_code[c]) & topics),
        }
        for c in chosen
    ]
