"""The Vietnamese replies of the dossier look-up: status, plain explanation, next step, details if verified."""

from __future__ import annotations

import datetime as dt
import json

from bot.dossiers.calendar import WorkingCalendar
from bot.dossiers.masking import mask_name, mask_phone
from bot.dossiers.records import DossierRecord
from bot.dossiers.statuses import CHANNEL_LABELS, STATUS_INFO
from bot.dossiers.timeliness import Timeliness

CODE_EXAMPLE = "000.00.18.H12-250412-0007"
COMPLAINT_TITLE = "Gửi phản ánh về hồ sơ này"
LATE = frozenset({Timeliness.late, Timeliness.overdue})


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _dt(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M")


def help_line(hotline: str) -> str:
    where = "Bộ phận Một cửa (Trung tâm Phục vụ hành chính công)"
    return f"gọi {hotline} hoặc liên hệ {where}" if hotline else f"liên hệ {where}"


def invalid_code_text() -> str:
    return (
        "Tôi chưa nhận ra mã hồ sơ trong tin nhắn của anh/chị. Mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả "
        f"kết quả (hoặc trong tin nhắn, thư điện tử xác nhận nộp hồ sơ), có dạng {CODE_EXAMPLE}. "
        "Anh/chị vui lòng gửi lại mã; viết thường hay có dấu cách đều được."
    )


def not_found_text(code: str, hotline: str) -> str:
    return (
        f"Tôi không tìm thấy hồ sơ có mã {code}. Anh/chị vui lòng kiểm tra lại mã trên Giấy tiếp nhận hồ sơ. "
        "Nếu hồ sơ vừa nộp trong ngày, hệ thống có thể chưa cập nhật; anh/chị thử lại sau hoặc "
        f"{help_line(hotline)} để được hỗ trợ."
    )


def unavailable_text(code: str, hotline: str, portal_url: str) -> str:
    return (
        f"Hệ thống một cửa điện tử hiện không phản hồi nên tôi chưa tra cứu được hồ sơ {code}. Anh/chị vui lòng "
        f"thử lại sau ít phút, tra cứu trên Cổng dịch vụ công ({portal_url}) hoặc {help_line(hotline)}."
    )


def rate_limited_text(retry_after: float, verification: bool) -> str:
    minutes = max(1, int(retry_after // 60) + (1 if retry_after % 60 else 0))
    what = "nhập sai 4 số cuối điện thoại quá số lần cho phép" if verification else "tra cứu quá nhiều lần"
    return (
        f"Anh/chị đã {what} trong thời gian ngắn. Để bảo vệ thông tin hồ sơ, anh/chị vui lòng thử lại sau "
        f"khoảng {minutes} phút, hoặc liên hệ Bộ phận Một cửa để được hỗ trợ trực tiếp."
    )


def code_locked_text(code: str, retry_after: float, hotline: str) -> str:
    minutes = max(1, int(retry_after // 60) + (1 if retry_after % 60 else 0))
    return (
        f"Để bảo vệ thông tin, hồ sơ {code} đang tạm khoá xem chi tiết qua trợ lý ảo vì đã có nhiều lần nhập sai 4 số "
        f"cuối điện thoại. Anh/chị vui lòng thử lại sau khoảng {minutes} phút, hoặc {help_line(hotline)} (mang theo "
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả) để được hỗ trợ trực tiếp."
    )


def timeliness_sentence(timeliness: Timeliness | None) -> str:
    return {
        Timeliness.early: "Hồ sơ đã được giải quyết trước hạn.",
        Timeliness.on_time: "Hồ sơ đã được giải quyết đúng hạn.",
        Timeliness.late: "Hồ sơ đã được giải quyết nhưng chậm so với thời hạn quy định; chúng tôi thành thật xin lỗi "
        "anh/chị.",
        Timeliness.within_time: "Hồ sơ vẫn đang trong thời hạn giải quyết.",
        Timeliness.overdue: "Hồ sơ đã quá thời hạn giải quyết; chúng tôi thành thật xin lỗi anh/chị vì sự chậm trễ.",
    }.get(timeliness, "")


def found_text(
    record: DossierRecord,
    timeliness: Timeliness | None,
    *,
    verified: bool,
    verification_failed: bool = False,
    attempts_left: int | None = None,
    today: dt.date,
    calendar: WorkingCalendar,
) -> str:
    info = STATUS_INFO[record.status]
    name = f" (thủ tục «{record.procedure_name}»)" if record.procedure_name else ""
    lines = []
    if record.is_sample:
        lines.append("[Dữ liệu MẪU dùng để thử nghiệm, không phải hồ sơ thật.]")
    lines.append(f"Hồ sơ {record.code}{name} hiện ở trạng thái: {info.label}.")
    lines.append(f"{info.meaning} {info.next_step}")
    sentence = timeliness_sentence(timeliness)
    if sentence:
        lines.append(sentence)
    if timeliness in LATE:
        lines.append(
            "Nếu muốn, anh/chị có thể gửi phản ánh về việc chậm trễ này: tôi đã soạn sẵn nội dung, anh/chị chỉ cần "
            f"bấm «{COMPLAINT_TITLE}»."
        )
    if verified:
        lines.extend(_details(record, timeliness, today, calendar))
    elif verification_failed:
        left = f" Anh/chị còn {attempts_left} lần thử." if attempts_left else ""
        lines.append(
            "4 số cuối điện thoại anh/chị nhập không khớp với số đã đăng ký khi nộp hồ sơ, nên tôi chưa thể hiển thị "
            f"thông tin chi tiết.{left}"
        )
    else:
        lines.append(
            "Để xem chi tiết (người nộp, ngày hẹn trả kết quả, quá trình xử lý), anh/chị vui lòng cho biết 4 số cuối "
            "của số điện thoại đã đăng ký khi nộp hồ sơ."
        )
    return "\n".join(lines)


def _details(record: DossierRecord, timeliness: Timeliness | None, today: dt.date, calendar: WorkingCalendar):
    yield "Thông tin chi tiết (đã xác minh):"
    yield f"• Người nộp: {mask_name(record.applicant_name)} (điện thoại {mask_phone(record.applicant_phone)})"
    yield f"• Hình thức nộp: {CHANNEL_LABELS[record.channel]}"
    yield f"• Ngày tiếp nhận: {_dt(record.received_at)}"
    if record.due_date:
        limit = ""
        if record.processing_days:
            unit = "ngày làm việc" if record.processing_working_days else "ngày"
            limit = f" (thời hạn {record.processing_days} {unit})"
        yield f"• Hạn trả kết quả: {_d(record.due_date)}{limit}"
    if record.result_date:
        yield f"• Ngày có kết quả: {_d(record.result_date)}"
    if timeliness == Timeliness.overdue and record.due_date:
        late_by = calendar.working_days_between(record.due_date, today)
        if late_by > 0:
            yield f"• Đã quá hạn {late_by} ngày làm việc."
    if record.history:
        yield "Quá trình xử lý:"
        for event in record.history:
            note = f": {event.note}" if event.note else ""
            yield f"• {_dt(event.at)} – {STATUS_INFO[event.status].label}{note}"


def complaint_button(code: str) -> dict:
    slots = json.dumps({"dossier_code": code}, separators=(",", ":"))
    return {"title": COMPLAINT_TITLE, "payload": f"/file_complaint{slots}"}


def complaint_prefill(record: DossierRecord, timeliness: Timeliness, verified: bool) -> dict:
    name = f" (thủ tục «{record.procedure_name}»)" if record.procedure_name else ""
    if timeliness == Timeliness.overdue:
        fact = "đã quá thời hạn giải quyết nhưng tôi chưa nhận được kết quả"
        ask = "kiểm tra, cho biết lý do chậm trễ và thời gian dự kiến có kết quả"
    else:
        fact = "được trả kết quả chậm so với thời hạn quy định"
        ask = "kiểm tra, cho biết lý do chậm trễ"
    due = f" (hạn trả kết quả ngày {_d(record.due_date)})" if verified and record.due_date else ""
    content = (
        f"Kính gửi Quý cơ quan, hồ sơ mã {record.code}{name} của tôi{due} {fact}. "
        f"Kính đề nghị Quý cơ quan {ask}. Trân trọng cảm ơn."
    )
    return {"dossier_code": record.code, "procedure_code": record.procedure_code, "content": content}
