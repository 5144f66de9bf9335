"""The line a hotline operator reads out first: one or two sentences with the amount or time that applies and for
whom, said to the caller. The full answer (caveats, sources) stays below it for the operator to consult."""

from __future__ import annotations

import re

from bot.answers.compose import DEFAULT_LOCALE, Locale, Part, _locale, vnd
from bot.catalog.schema import Procedure

MAX_AMOUNTS = 4  # more amounts than this are not heard on the phone: the rest are "xem chi tiết"
MAX_NAME = 70  # a longer official name is on the card: the line says "thủ tục này"
PORTAL = "Cổng Dịch vụ công quốc gia"
_REMARK = re.compile(r"\s*\([^()]*\)")


def _proc(p: Procedure) -> str:
    return f"thủ tục «{p.name}»" if len(p.name) <= MAX_NAME else "thủ tục này"


def _plain(text: str) -> str:
    """Without the remarks in parentheses, which are for the operator, not for the caller."""
    while _REMARK.search(text):
        text = _REMARK.sub("", text)
    return text.strip(" ;,")


def _whom(per: str) -> str:
    """'điểm kinh doanh/lần thẩm định — chủ thể là hộ kinh doanh (ghi chú)' without remarks and filler."""
    return _plain(per).replace("chủ thể là ", "")


def _days(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _first_sentence(text: str, limit: int = 160) -> str:
    head = text.split(". ")[0].strip().rstrip(".")
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


def _said(text: str) -> str:
    """A fee stated in words, as said after a colon: first sentence, no remarks, lower-case start."""
    said = _first_sentence(_plain(text), 120)
    return said[0].lower() + said[1:] if said[1:2].islower() else said


def _amounts(p: Procedure, loc: Locale = DEFAULT_LOCALE) -> str:
    """'phí thẩm định tính theo điểm kinh doanh/lần thẩm định: 1.200.000 đồng (tổ chức, doanh nghiệp); 400.000 đồng
    (…)': the rows in force today for the configured province only (an expired rate or another area's rate is never
    read out); a unit every item of a kind shares ('điểm kinh doanh/lần thẩm định — …') is said once."""
    kinds: dict[str, list[tuple[int | None, str]]] = {}
    for fee in loc.fees_in_force(p):
        if fee.amount_vnd or fee.text:
            kinds.setdefault(fee.kind.strip().lower() or "phí, lệ phí", []).append(
                (fee.amount_vnd, _whom(fee.per or "") if fee.amount_vnd else _said(fee.text or ""))
            )
    clauses, shown = [], 0
    for kind, items in kinds.items():
        units = {whom.split(" — ", 1)[0] for amount, whom in items if amount and " — " in whom}
        shared = units.pop() if len(units) == 1 and all(" — " in w for a, w in items if a) else ""
        said = []
        for amount, whom in items[: MAX_AMOUNTS - shown]:
            whom = whom.split(" — ", 1)[1] if shared else whom
            said.append(f"{vnd(amount)} ({whom})" if amount and whom else vnd(amount) if amount else whom)
        shown += len(said)
        clauses.append(f"{kind}{f' tính theo {shared}' if shared else ''}: " + "; ".join(said))
        if shown >= MAX_AMOUNTS:
            break
    rest = sum(len(items) for items in kinds.values()) - shown
    return "; ".join(clauses) + ("; và các mức khác (xem chi tiết bên dưới)" if rest > 0 else "")


def fees_line(p: Procedure, loc: Locale = DEFAULT_LOCALE) -> str:
    if p.fees.status == "none":
        return f"Dạ, {_proc(p)} không thu phí, lệ phí."
    amounts = _amounts(p, loc) if p.fees.status == "known" else ""
    if not amounts:
        return (
            f"Dạ, hiện Sở chưa có mức phí, lệ phí đã xác minh cho {_proc(p)}; anh/chị vui lòng xem trên "
            f"{PORTAL} hoặc hỏi Bộ phận Một cửa khi nộp hồ sơ."
        )
    return f"Dạ, {_proc(p)} có {amounts}."


def time_line(p: Procedure) -> str:
    t = p.processing_time
    if t.status == "unknown":
        return (
            f"Dạ, hiện Sở chưa có thời hạn giải quyết đã xác minh cho {_proc(p)}; anh/chị vui lòng xem trên {PORTAL}."
        )
    if t.working_days:
        return f"Dạ, {_proc(p)} được giải quyết trong {_days(t.working_days)} ngày làm việc."
    if t.calendar_days:
        return f"Dạ, {_proc(p)} được giải quyết trong {_days(t.calendar_days)} ngày."
    return f"Dạ, thời hạn giải quyết {_proc(p)}: {_said(t.text or '')}."


def documents_line(p: Procedure) -> str:
    if not p.documents:
        return f"Dạ, hiện Sở chưa có danh mục hồ sơ đã xác minh cho {_proc(p)}; anh/chị vui lòng xem trên {PORTAL}."
    if len(p.documents) > 1:
        return (
            f"Dạ, hồ sơ {_proc(p)} khác nhau theo {len(p.documents)} trường hợp; anh/chị thuộc trường "
            "hợp nào để tôi đọc đúng danh sách ạ?"
        )
    items = p.documents[0].items
    originals = sum(1 for d in items if d.original)
    copies = sum(1 for d in items if d.copies and not d.original)
    kinds = ", ".join(
        x for x in (f"{originals} bản chính" if originals else "", f"{copies} bản sao" if copies else "") if x
    )
    return (
        f"Dạ, hồ sơ {_proc(p)} gồm {len(items)} giấy tờ"
        + (f" ({kinds})" if kinds else "")
        + "; tôi xin đọc lần lượt từng giấy tờ."
    )


def online_line(p: Procedure) -> str:
    return {
        "toàn trình": f"Dạ, {_proc(p)} nộp trực tuyến toàn trình trên {PORTAL}, không phải đến nộp trực tiếp.",
        "một phần": f"Dạ, {_proc(p)} nộp hồ sơ trực tuyến được, nhưng vẫn có bước phải làm trực tiếp.",
        "không": (
            f"Dạ, {_proc(p)} chưa nộp trực tuyến được; anh/chị nộp "
            + (", ".join(c for c in p.channels if c != "trực tuyến") or "trực tiếp")
            + "."
        ),
    }.get(p.online_level, f"Dạ, Sở chưa có thông tin đã xác minh về nộp trực tuyến {_proc(p)}.")


def where_line(p: Procedure, department: str) -> str:
    agency = _plain(p.agency or "") or department
    return f"Dạ, {_proc(p)} do {agency} giải quyết; anh/chị nộp hồ sơ tại Bộ phận Một cửa."


def legal_line(p: Procedure) -> str:
    if not p.legal_basis:
        return f"Dạ, hiện Sở chưa có danh mục căn cứ pháp lý đã xác minh cho {_proc(p)}."
    return f"Dạ, căn cứ chính của {_proc(p)} là {p.legal_basis[0].number}."


def conditions_line(p: Procedure) -> str:
    if not p.conditions:
        return f"Dạ, {_proc(p)} không có điều kiện riêng ngoài thành phần hồ sơ."
    return f"Dạ, để làm {_proc(p)} cần đáp ứng các điều kiện sau, tôi xin đọc lần lượt."


def overview_line(p: Procedure) -> str:
    t = p.processing_time
    time = (
        f"giải quyết trong {_days(t.working_days)} ngày làm việc"
        if t.working_days
        else f"giải quyết trong {_days(t.calendar_days)} ngày"
        if t.calendar_days
        else ""
    )
    amounts = sorted(f.amount_vnd for f in p.fees.items if f.amount_vnd) if p.fees.status == "known" else []
    fee = (
        "không thu phí"
        if p.fees.status == "none"
        else f"phí {vnd(amounts[0])}"
        if len(set(amounts)) == 1
        else f"phí từ {vnd(amounts[0])} đến {vnd(amounts[-1])} tùy đối tượng"
        if amounts
        else ""
    )
    facts = ", ".join(x for x in (time, fee) if x)
    return f"Dạ, {_proc(p)}" + (f": {facts}." if facts else "; tôi xin đọc các thông tin chính.")


def readout(p: Procedure | None, part: Part, department: Locale | str = "Sở Công Thương") -> str | None:
    """The first thing to say for this part of this procedure; None without a procedure. With a Locale, the fees
    read out are those in force on its day for its province."""
    if p is None:
        return None
    loc = _locale(department)
    department = loc.department
    return {
        Part.fees: lambda: fees_line(p, loc),
        Part.time: lambda: time_line(p),
        Part.documents: lambda: documents_line(p),
        Part.online: lambda: online_line(p),
        Part.where: lambda: where_line(p, department),
        Part.legal: lambda: legal_line(p),
        Part.conditions: lambda: conditions_line(p),
        Part.overview: lambda: overview_line(p),
    }[part]()
