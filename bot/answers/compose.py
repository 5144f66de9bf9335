"""Composing the bot's replies about a procedure, in plain polite Vietnamese.

The asked part comes first, then a one-line offer of the other parts as buttons, then the source and the
last-reviewed date. Unknown facts are said to be unknown, with the official portal page to check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from bot.catalog.schema import Fact, Procedure, Source


class Part(str, Enum):
    overview = "overview"
    documents = "documents"
    fees = "fees"
    time = "time"
    online = "online"
    where = "where"
    legal = "legal"
    conditions = "conditions"


# intent that asks for each part (the Rasa domain uses these names)
PART_INTENTS: dict[Part, str] = {
    Part.overview: "ask_procedure",
    Part.documents: "ask_documents",
    Part.fees: "ask_fee",
    Part.time: "ask_processing_time",
    Part.online: "ask_online",
    Part.where: "ask_where_submit",
    Part.legal: "ask_legal_basis",
    Part.conditions: "ask_conditions",
}
INTENT_PARTS = {intent: part for part, intent in PART_INTENTS.items()}

BUTTON_TITLES: dict[Part, str] = {
    Part.documents: "Hồ sơ cần nộp",
    Part.fees: "Phí, lệ phí",
    Part.time: "Thời hạn",
    Part.online: "Nộp trực tuyến",
    Part.where: "Nộp ở đâu",
    Part.legal: "Căn cứ pháp lý",
}


@dataclass
class Button:
    title: str
    payload: str


@dataclass
class Reply:
    text: str
    buttons: list[Button] = field(default_factory=list)


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _days(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _count(n: int | None, what: str) -> str | None:
    return f"{n:02d} {what}" if n else None


def documents_text(p: Procedure) -> str:
    if not p.documents:
        return (
            f"Hiện tôi chưa có danh mục thành phần hồ sơ đã được xác minh cho thủ tục «{p.name}». "
            f"Anh/chị vui lòng xem danh mục chính thức tại: {p.portal_url}"
        )
    lines = [f"📄 Hồ sơ thủ tục «{p.name}» gồm:"]
    for group in p.documents:
        if group.case:
            lines.append(f"▸ {group.case}")
        for i, doc in enumerate(group.items, 1):
            extra = [x for x in (_count(doc.original, "bản chính"), _count(doc.copies, "bản sao")) if x]
            if doc.form:
                extra.append(f"mẫu: {doc.form}")
            suffix = f" ({'; '.join(extra)})" if extra else ""
            lines.append(f"{i}. {doc.name}{suffix}")
    return "\n".join(lines)


def fees_text(p: Procedure) -> str:
    if p.fees.status == "none":
        return f"💰 Thủ tục «{p.name}» không thu phí, lệ phí (theo nguồn chính thức đã dẫn)."
    if p.fees.status == "unknown":
        return (
            f"💰 Nguồn chính thức tôi có chưa công bố mức phí, lệ phí của thủ tục «{p.name}», nên tôi không thể "
            f"trả lời chắc chắn. Anh/chị vui lòng kiểm tra tại {p.portal_url} hoặc hỏi Bộ phận Một cửa trước khi nộp."
        )
    lines = [f"💰 Phí, lệ phí thủ tục «{p.name}»:"]
    for fee in p.fees.items:
        parts = [fee.kind + ":"]
        if fee.amount_vnd:
            parts.append(vnd(fee.amount_vnd))
            if fee.per:
                parts.append(f"/{fee.per}")
        if fee.text and (not fee.amount_vnd or fee.text != vnd(fee.amount_vnd)):
            parts.append(fee.text if not fee.amount_vnd else f"({fee.text})")
        if fee.legal_basis:
            parts.append(f"— căn cứ {fee.legal_basis}")
        lines.append("• " + " ".join(parts))
    return "\n".join(lines)


def time_text(p: Procedure) -> str:
    t = p.processing_time
    if t.status == "unknown":
        return (
            f"⏱ Tôi chưa có thông tin đã xác minh về thời hạn giải quyết thủ tục «{p.name}». "
            f"Anh/chị vui lòng xem tại {p.portal_url}"
        )
    if t.working_days:
        head = f"⏱ Thời hạn giải quyết thủ tục «{p.name}»: {_days(t.working_days)} ngày làm việc"
    elif t.calendar_days:
        head = f"⏱ Thời hạn giải quyết thủ tục «{p.name}»: {_days(t.calendar_days)} ngày"
    else:
        head = f"⏱ Thời hạn giải quyết thủ tục «{p.name}»:"
    wording = f"\nCách ghi chính thức: {t.text}" if t.text else ""
    return head + "." + wording if wording or not head.endswith(":") else head + f" {t.text}"


def online_text(p: Procedure) -> str:
    submit = f"{p.portal_url}"
    if p.online_level == "toàn trình":
        return (
            f"🌐 Thủ tục «{p.name}» được cung cấp dịch vụ công trực tuyến toàn trình: anh/chị có thể nộp hồ sơ "
            f"và nhận kết quả hoàn toàn trên mạng tại {submit}"
        )
    if p.online_level == "một phần":
        return (
            f"🌐 Thủ tục «{p.name}» là dịch vụ công trực tuyến một phần: anh/chị nộp hồ sơ trực tuyến tại {submit}, "
            "nhưng vẫn có bước phải thực hiện trực tiếp (ví dụ nhận kết quả bản giấy)."
        )
    if p.online_level == "không":
        offline = [c for c in p.channels if c != "trực tuyến"] or ["trực tiếp"]
        text = (
            f"🌐 Thủ tục «{p.name}» chưa được cung cấp dưới dạng dịch vụ công trực tuyến (toàn trình hay một "
            f"phần); anh/chị nộp hồ sơ theo cách: {', '.join(offline)}."
        )
        if "trực tuyến" in p.channels:  # the page still lists online submission: say so rather than contradict it
            text += f" Trang thủ tục vẫn ghi có hình thức nộp trực tuyến; anh/chị có thể kiểm tra tại {submit}"
        return text
    if "trực tuyến" in p.channels:
        return (
            f"🌐 Thủ tục «{p.name}» có thể nộp hồ sơ trực tuyến tại {submit}. Mức độ (toàn trình hay một phần) "
            "chưa được xác nhận, anh/chị vui lòng kiểm tra trên trang này."
        )
    return f"🌐 Tôi chưa có thông tin đã xác minh về việc nộp trực tuyến thủ tục «{p.name}». Vui lòng xem: {submit}"


def where_text(p: Procedure, department: str) -> str:
    agency = p.agency or f"{department} (nguồn không ghi rõ cơ quan thực hiện)"
    lines = [f"🏢 Cơ quan giải quyết thủ tục «{p.name}»: {agency}."]
    if p.channels:
        lines.append("Cách nộp: " + ", ".join(p.channels) + ".")
    if p.where_to_submit:
        lines.append(f"Địa chỉ tiếp nhận: {p.where_to_submit}")
    else:
        lines.append("Anh/chị nộp tại Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) nơi tiếp nhận thủ tục này.")
    if "trực tuyến" in p.channels:
        lines.append(f"Nộp trực tuyến: {p.portal_url}")
    return "\n".join(lines)


def legal_text(p: Procedure) -> str:
    if not p.legal_basis:
        return f"⚖️ Tôi chưa có danh mục căn cứ pháp lý đã xác minh cho thủ tục «{p.name}». Xem: {p.portal_url}"
    lines = [f"⚖️ Căn cứ pháp lý của thủ tục «{p.name}»:"]
    for doc in p.legal_basis:
        title = f" — {doc.title}" if doc.title and doc.title != doc.number else ""
        lines.append(f"• {doc.number}{title}")
    return "\n".join(lines)


def conditions_text(p: Procedure) -> str:
    if p.conditions:
        return f"✅ Điều kiện thực hiện thủ tục «{p.name}»: {p.conditions}"
    return (
        f"✅ Nguồn chính thức không nêu yêu cầu, điều kiện riêng cho thủ tục «{p.name}» ngoài thành phần hồ sơ. "
        f"Chi tiết: {p.portal_url}"
    )


def overview_text(p: Procedure, department: str) -> str:
    lines = [f"📌 {p.name} (mã {p.code})", f"• Cơ quan giải quyết: {p.agency or department}"]
    t = p.processing_time
    if t.working_days:
        lines.append(f"• Thời hạn: {_days(t.working_days)} ngày làm việc")
    elif t.calendar_days:
        lines.append(f"• Thời hạn: {_days(t.calendar_days)} ngày")
    if p.fees.status == "none":
        lines.append("• Phí, lệ phí: không")
    elif p.fees.status == "known":
        amounts = [vnd(f.amount_vnd) for f in p.fees.items if f.amount_vnd]
        lines.append("• Phí, lệ phí: " + (", ".join(amounts) if amounts else "có (xem chi tiết)"))
    else:
        lines.append("• Phí, lệ phí: chưa có thông tin chính thức")
    level = {"toàn trình": "toàn trình", "một phần": "một phần", "không": "không"}.get(p.online_level)
    lines.append(
        f"• Nộp trực tuyến: {level}"
        if level
        else "• Nộp trực tuyến: có thể (mức độ chưa xác nhận)"
        if "trực tuyến" in p.channels
        else "• Nộp trực tuyến: chưa có thông tin"
    )
    if p.documents:
        n = sum(len(g.items) for g in p.documents)
        lines.append(f"• Hồ sơ: {n} thành phần (bấm «Hồ sơ cần nộp» để xem)")
    return "\n".join(lines)


# the fact each answered part rests on, for citing the source that vouches for it
PART_FACTS: dict[Part, Fact] = {
    Part.documents: Fact.documents,
    Part.fees: Fact.fees,
    Part.time: Fact.processing_time,
    Part.online: Fact.online_level,
    Part.legal: Fact.legal_basis,
    Part.conditions: Fact.conditions,
}


def _cite(src: Source, fallback_url: str) -> str:
    when = src.published or src.decision_date
    updated = f", cập nhật {when:%d/%m/%Y}" if when else ""
    decision = f", {src.decision}" if src.decision else ""
    locator = getattr(src, "locator", None)
    where = f" ({locator})" if locator else ""
    return f"{src.title}{where}{decision}{updated} — {src.url or fallback_url}"


def source_line(p: Procedure, part: Part | None = None) -> str:
    """The answer's source: the one that vouches for the asked part, plus the main one when they differ."""
    main = p.source
    fact = PART_FACTS.get(part) if part else None
    specific = p.source_for(fact) if fact else main
    cited = _cite(specific, p.portal_url)
    if specific is not main:
        cited += f"; thông tin chung: {_cite(main, p.portal_url)}"
    return f"Nguồn: {cited}. Rà soát ngày {p.last_reviewed:%d/%m/%Y}."


def part_text(p: Procedure, part: Part, department: str = "Sở Công Thương") -> str:
    return {
        Part.overview: lambda: overview_text(p, department),
        Part.documents: lambda: documents_text(p),
        Part.fees: lambda: fees_text(p),
        Part.time: lambda: time_text(p),
        Part.online: lambda: online_text(p),
        Part.where: lambda: where_text(p, department),
        Part.legal: lambda: legal_text(p),
        Part.conditions: lambda: conditions_text(p),
    }[part]()


def answer(p: Procedure, part: Part, department: str = "Sở Công Thương") -> Reply:
    body = part_text(p, part, department)
    others = [x for x in BUTTON_TITLES if x != part]
    text = f"{body}\n\nAnh/chị muốn xem thêm: " + ", ".join(BUTTON_TITLES[x].lower() for x in others) + "?"
    text += f"\n{source_line(p, part)}"
    buttons = [Button(BUTTON_TITLES[x], f'/{PART_INTENTS[x]}{{"procedure_code":"{p.code}"}}') for x in others]
    return Reply(text, buttons)


def choose(candidates: list[tuple[str, str]], part: Part) -> Reply:
    lines = ["Anh/chị đang hỏi về thủ tục nào dưới đây? Vui lòng chọn một thủ tục:"]
    buttons = []
    for i, (code, name) in enumerate(candidates, 1):
        lines.append(f"{i}. {name}")
        title = name if len(name) <= 60 else name[:57] + "…"
        buttons.append(Button(title, f'/{PART_INTENTS[part]}{{"procedure_code":"{code}"}}'))
    return Reply("\n".join(lines), buttons)


def ask_which() -> Reply:
    return Reply(
        "Anh/chị cho tôi biết tên thủ tục cần hỏi nhé, ví dụ: «giấy phép bán lẻ rượu», «cửa hàng bán lẻ xăng dầu», "
        "«thông báo khuyến mại», «điện mặt trời mái nhà»."
    )
