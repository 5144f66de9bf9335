"""Composing the bot's replies about a procedure, in plain polite Vietnamese.

The asked part comes first, then a one-line offer of the other parts as buttons, then the source and the
last-reviewed date. Unknown facts are said to be unknown, with the official portal page to check.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

from bot import identifiers as ids
from bot.catalog.province import ProvinceProfile, load_profile
from bot.catalog.schema import LOCAL_FACTS, Fact, Fee, Procedure, Source, province_key

MAX_REPLY_CHARS = 700  # a phone's chat screen: the rest of a long part is paged behind a «Xem tiếp» button


@dataclass(frozen=True)
class Locale:
    """Who answers: the department and the configured province (whose own sources alone give local facts)."""

    department: str = "Sở Công Thương"
    province: ProvinceProfile | None = None
    today: dt.date | None = None  # the day whose fees are in force; None = the real today (tests inject a date)

    @property
    def on(self) -> dt.date:
        return self.today or dt.date.today()

    @property
    def area(self) -> str | None:
        """The configured province's kind of area for fee rates (None = unknown: every area's rate is shown)."""
        return self.province.area if self.province else None

    def fees_in_force(self, p: Procedure) -> list[Fee]:
        """The fee rows a citizen is told about: in force today for the configured province's kind of area."""
        return p.fees.in_force(self.on, self.area)

    @property
    def portal(self) -> str:
        return self.province.portal if self.province else "https://dichvucong.gov.vn"

    def is_local(self, src: Source) -> bool:
        """A source counts for local facts when it is national or the configured province's own."""
        if src.province is None:
            return True
        return self.province is not None and province_key(src.province) == province_key(self.province.short_name)

    def local_fact(self, p: Procedure, fact: Fact) -> bool:
        return fact.value not in LOCAL_FACTS or self.is_local(p.source_for(fact))


DEFAULT_LOCALE = Locale()


def locale_from_settings(settings) -> Locale:  # noqa: ANN001 (bot.settings.Settings; no import cycle)
    """The department and the configured province's profile (none when the profile file is missing)."""
    try:
        profile = load_profile(settings.province)
    except FileNotFoundError:
        profile = None
    department = profile.department if profile else f"{settings.department_name} {settings.province_name}".strip()
    return Locale(department=department, province=profile)


def _locale(value: Locale | str | None) -> Locale:
    if isinstance(value, Locale):
        return value
    return Locale(department=value) if value else DEFAULT_LOCALE


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
    Part.overview: ids.ASK_PROCEDURE,
    Part.documents: ids.ASK_DOCUMENTS,
    Part.fees: ids.ASK_FEE,
    Part.time: ids.ASK_PROCESSING_TIME,
    Part.online: ids.ASK_ONLINE,
    Part.where: ids.ASK_WHERE_SUBMIT,
    Part.legal: ids.ASK_LEGAL_BASIS,
    Part.conditions: ids.ASK_CONDITIONS,
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


_AREA_WORDS = {"centrally_run_city": "thành phố trực thuộc trung ương", "province": "tỉnh"}


def fee_state_label(fee: Fee, loc: Locale = DEFAULT_LOCALE) -> str | None:
    """For the staff views, which show every row: why a row is not told to citizens (None = told, in force)."""
    state = fee.state(loc.on, loc.area)
    if state == "expired":
        return f"lịch sử — hết hiệu lực sau ngày {fee.valid_until:%d/%m/%Y}, không hiện cho người dân"
    if state == "future":
        return f"chưa áp dụng — từ ngày {fee.valid_from:%d/%m/%Y}"
    if state == "other_area":
        return f"mức của {_AREA_WORDS.get(fee.applies_to or '', 'khu vực khác')} — không áp dụng tại " + (
            loc.province.short_name if loc.province else "tỉnh đã cấu hình"
        )
    return None


def _until(fee: Fee) -> str:
    return f" (áp dụng đến hết ngày {fee.valid_until:%d/%m/%Y})" if fee.valid_until else ""


def fees_text(p: Procedure, loc: Locale = DEFAULT_LOCALE) -> str:
    """The fee rows in force today for the configured province, each with its legal basis; expired rows and other
    areas' rates are for staff (the staff app shows them marked as such)."""
    if p.fees.status == "none":
        return f"💰 Thủ tục «{p.name}» không thu phí, lệ phí (theo nguồn chính thức đã dẫn)."
    if p.fees.status == "unknown":
        return (
            f"💰 Nguồn chính thức tôi có chưa công bố mức phí, lệ phí của thủ tục «{p.name}», nên tôi không thể "
            f"trả lời chắc chắn. Anh/chị vui lòng kiểm tra tại {p.portal_url} hoặc hỏi Bộ phận Một cửa trước khi nộp."
        )
    rows = loc.fees_in_force(p)
    if not rows:
        return (
            f"💰 Tôi chưa có mức phí, lệ phí đang áp dụng đã được xác minh cho thủ tục «{p.name}». Anh/chị vui lòng "
            f"kiểm tra tại {p.portal_url} hoặc hỏi Bộ phận Một cửa trước khi nộp."
        )
    head = f"💰 Phí, lệ phí thủ tục «{p.name}»"
    if loc.province and any(fee.applies_to for fee in rows):
        where = _AREA_WORDS.get(loc.area or "", "")
        head += f" áp dụng tại {loc.province.short_name}" + (f" ({where})" if where else "")
    lines = [head + ":"]
    for fee in rows:
        parts = [fee.kind + ":"]
        if fee.amount_vnd:
            parts.append(vnd(fee.amount_vnd))
            if fee.per:
                parts.append(f"/{fee.per}")
        said = vnd(fee.amount_vnd) if fee.amount_vnd else ""
        tail = fee.text[len(said) :].strip(" /") if said and fee.text and fee.text.startswith(said) else None
        restated = tail is not None and tail in (fee.per or "")
        if fee.text and not restated:
            parts.append(fee.text if not fee.amount_vnd else f"({fee.text})")
        if fee.legal_basis:
            parts.append(f"— căn cứ {fee.legal_basis}")
        lines.append("• " + " ".join(parts) + _until(fee))
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


def online_text(p: Procedure, loc: Locale = DEFAULT_LOCALE) -> str:
    submit = f"{p.portal_url}"
    if not loc.local_fact(p, Fact.online_level):  # another province's level is not ours
        where = loc.province.short_name if loc.province else "tỉnh"
        return (
            f"🌐 Tôi chưa có thông tin của {where} về mức độ dịch vụ công trực tuyến của thủ tục «{p.name}». "
            f"Anh/chị vui lòng kiểm tra tại {loc.portal} hoặc hỏi Bộ phận Một cửa."
        )
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


def _is_commune(p: Procedure) -> bool:
    return "xã" in p.levels and "tỉnh" not in p.levels


def where_text(p: Procedure, loc: Locale | str = DEFAULT_LOCALE) -> str:
    """Where and how to submit, from the procedure's level and the configured province's profile."""
    loc = _locale(loc)
    prov = loc.province
    agency = p.agency or loc.department
    lines = [f"🏢 Cơ quan giải quyết thủ tục «{p.name}»: {agency}."]
    if _is_commune(p):
        local = f" ({prov.commune_submission})" if prov and prov.commune_submission else ""
        lines.append(f"Nộp tại: Bộ phận Một cửa của UBND xã, phường, đặc khu nơi đặt cơ sở kinh doanh{local}.")
    else:
        centre = prov.centre_name if prov else "Trung tâm Phục vụ hành chính công của tỉnh"
        address = f" ({prov.service_centre.address})" if prov and prov.service_centre.address else ""
        lines.append(f"Nộp tại: Bộ phận tiếp nhận của {loc.department} tại {centre}{address}.")
        if prov and prov.service_centre.hours:
            lines.append(f"Giờ tiếp nhận: {prov.service_centre.hours}.")
    offline = [c for c in p.channels if c != "trực tuyến"]
    if offline:
        lines.append("Cách nộp: " + ", ".join(offline) + ".")
    if "trực tuyến" in p.channels and loc.local_fact(p, Fact.online_level):
        lines.append(f"Nộp trực tuyến: {p.portal_url}")
    else:
        lines.append(f"Tra cứu, nộp trực tuyến (nếu có): {loc.portal}")
    if prov and prov.hotline:
        lines.append(f"Hỗ trợ: {prov.hotline}.")
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


def overview_text(p: Procedure, loc: Locale | str = DEFAULT_LOCALE) -> str:
    loc = _locale(loc)
    lines = [f"📌 {p.name} (mã {p.code})", f"• Cơ quan giải quyết: {p.agency or loc.department}"]
    if _is_commune(p):
        lines.append("• Nộp tại: Bộ phận Một cửa của UBND xã, phường, đặc khu")
    t = p.processing_time
    if t.working_days:
        lines.append(f"• Thời hạn: {_days(t.working_days)} ngày làm việc")
    elif t.calendar_days:
        lines.append(f"• Thời hạn: {_days(t.calendar_days)} ngày")
    if p.fees.status == "none":
        lines.append("• Phí, lệ phí: không")
    elif p.fees.status == "known":
        amounts = [vnd(f.amount_vnd) for f in loc.fees_in_force(p) if f.amount_vnd]
        lines.append("• Phí, lệ phí: " + (", ".join(amounts[:3]) if amounts else "có (xem chi tiết)"))
    else:
        lines.append("• Phí, lệ phí: chưa có thông tin chính thức")
    level = {"toàn trình": "toàn trình", "một phần": "một phần", "không": "không"}.get(p.online_level)
    if not loc.local_fact(p, Fact.online_level):
        level = None
    lines.append(
        f"• Nộp trực tuyến: {level}"
        if level
        else "• Nộp trực tuyến: có thể (mức độ chưa xác nhận)"
        if "trực tuyến" in p.channels and loc.local_fact(p, Fact.online_level)
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
    Part.where: Fact.where_to_submit,
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
    """Provenance for staff: the source that vouches for the asked part, plus the main one when they differ.
    Never shown to citizens (see citizen_source_line)."""
    main = p.source
    fact = PART_FACTS.get(part) if part else None
    specific = p.source_for(fact) if fact else main
    cited = _cite(specific, p.portal_url)
    if specific is not main:
        cited += f"; thông tin chung: {_cite(main, p.portal_url)}"
    return f"Nguồn: {cited}. Rà soát ngày {p.last_reviewed:%d/%m/%Y}."


_LEGAL_NUMBER = re.compile(r"\b\d{1,4}/\d{4}/[A-ZĐ0-9Ơ-]+(?:-[A-ZĐ]+)*\b|\b\d{1,4}/\d{4}/QH\d+\b")


def _legal_numbers(p: Procedure, part: Part | None, loc: Locale = DEFAULT_LOCALE) -> list[str]:
    numbers: list[str] = []
    if part == Part.fees:
        for fee in loc.fees_in_force(p):
            numbers += _LEGAL_NUMBER.findall(fee.legal_basis or "")
    numbers += [doc.number for doc in p.legal_basis]
    return list(dict.fromkeys(n.strip() for n in numbers if n and n.strip()))


def citizen_source_line(p: Procedure, part: Part | None = None, loc: Locale = DEFAULT_LOCALE) -> str:
    """What a citizen sees of the sources, in at most two lines: the legal documents, the portal page, the
    review date. Where a fact was read (repository, page, search) stays in the catalogue for staff."""
    numbers = _legal_numbers(p, part, loc)
    shown = numbers[:3]
    legal = f"Căn cứ: {', '.join(shown)}{' …' if len(numbers) > len(shown) else ''}" if shown else None
    portal = f"Tra cứu: {p.portal_url} (rà soát {p.last_reviewed:%d/%m/%Y})"
    return "\n".join(x for x in (legal, portal) if x)


def part_text(p: Procedure, part: Part, department: Locale | str = DEFAULT_LOCALE) -> str:
    loc = _locale(department)
    return {
        Part.overview: lambda: overview_text(p, loc),
        Part.documents: lambda: documents_text(p),
        Part.fees: lambda: fees_text(p, loc),
        Part.time: lambda: time_text(p),
        Part.online: lambda: online_text(p, loc),
        Part.where: lambda: where_text(p, loc),
        Part.legal: lambda: legal_text(p),
        Part.conditions: lambda: conditions_text(p),
    }[part]()


def _split_long_line(line: str, budget: int) -> list[str]:
    """A line longer than the budget, cut at sentence or clause ends, else at a space."""
    pieces: list[str] = []
    rest = line
    while len(rest) > budget:
        window = rest[:budget]
        cut = max(window.rfind(". "), window.rfind("; "), window.rfind(": "))
        if cut < budget // 3:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = budget - 1
        pieces.append(rest[: cut + 1].rstrip())
        rest = rest[cut + 1 :].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def paginate(body: str, budget: int) -> list[str]:
    """Pages of at most `budget` characters, cut between lines (a too long line between its sentences)."""
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for line in (x for raw in body.split("\n") for x in _split_long_line(raw, budget)):
        extra = len(line) + (1 if current else 0)
        if current and size + extra > budget:
            pages.append("\n".join(current))
            current, size = [], 0
            extra = len(line)
        current.append(line)
        size += extra
    if current:
        pages.append("\n".join(current))
    return pages or [""]


def _payload(part: Part, code: str, page: int | None = None) -> str:
    extra = f',"page":"{page}"' if page else ""
    return f'/{PART_INTENTS[part]}{{"procedure_code":"{code}"{extra}}}'


def answer(p: Procedure, part: Part, department: Locale | str = DEFAULT_LOCALE, page: int = 1) -> Reply:
    """The asked part (paged to fit a phone screen), the source in two lines, the other parts as buttons."""
    loc = _locale(department)
    footer = citizen_source_line(p, part, loc)
    body = part_text(p, part, loc)
    budget = MAX_REPLY_CHARS - len(footer) - 40  # room for the page marker and blank line
    pages = paginate(body, budget) if len(body) + len(footer) + 2 > MAX_REPLY_CHARS else [body]
    page = min(max(page, 1), len(pages))
    text = pages[page - 1]
    buttons: list[Button] = []
    if len(pages) > 1:
        text += f"\n(trang {page}/{len(pages)})"
        if page < len(pages):
            buttons.append(Button(f"Xem tiếp ({page + 1}/{len(pages)})", _payload(part, p.code, page + 1)))
    text += f"\n\n{footer}"
    others = [x for x in BUTTON_TITLES if x != part]
    buttons += [Button(BUTTON_TITLES[x], _payload(x, p.code)) for x in others]
    return Reply(text, buttons)


def choose(candidates: list[tuple[str, str]], part: Part) -> Reply:
    lines = ["Anh/chị đang hỏi về thủ tục nào dưới đây? Vui lòng chọn một thủ tục:"]
    buttons = []
    for i, (code, name) in enumerate(candidates, 1):
        lines.append(f"{i}. {name}")
        title = name if len(name) <= 60 else name[:57] + "…"
        buttons.append(Button(title, f'/{PART_INTENTS[part]}{{"procedure_code":"{code}"}}'))
    return Reply("\n".join(lines), buttons)


def ask_which(recent: list[tuple[str, str]] | None = None, part: Part = Part.overview) -> Reply:
    """Which procedure? With the ones discussed last as buttons."""
    if recent:
        buttons = [
            Button((name if len(name) <= 60 else name[:57] + "…"), _payload(part, code)) for code, name in recent
        ]
        return Reply(
            "Anh/chị đang hỏi về thủ tục nào ạ? Chọn một thủ tục vừa trao đổi, hoặc nhắn tên thủ tục khác.", buttons
        )
    return Reply(
        "Anh/chị cho tôi biết tên thủ tục cần hỏi nhé, ví dụ: «giấy phép bán lẻ rượu», «cửa hàng bán lẻ xăng dầu», "
        "«thông báo khuyến mại», «điện mặt trời mái nhà»."
    )
