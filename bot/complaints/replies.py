"""Vietnamese texts the bot shows about complaints: confirmation, status by code, refusals."""

from __future__ import annotations

import datetime as dt

from bot.complaints.codes import VIETNAM_TZ
from bot.complaints.models import ComplaintRow
from bot.complaints.status import EXPLANATIONS, Status, label
from bot.privacy.masking import EMAIL, PHONE, mask_email, mask_phone

CONSENT_REFUSED = (
    "Trợ lý chỉ lưu được phản ánh khi anh/chị đồng ý cho Sở xử lý dữ liệu cá nhân (họ tên, thông tin liên hệ) "
    'để trả lời anh/chị. Nếu anh/chị đồng ý, vui lòng xác nhận "Đồng ý"; nếu không, anh/chị có thể gửi phản ánh '
    "trực tiếp tại Bộ phận một cửa hoặc Văn phòng Sở."
)
BAD_CODE = (
    "Mã phản ánh chưa đúng định dạng. Mã có dạng PAKN-2026-000123 và nằm trong tin nhắn xác nhận khi anh/chị gửi "
    "phản ánh. Vui lòng kiểm tra và nhập lại."
)
NOT_FOUND = (
    "Không tìm thấy phản ánh có mã {code}. Vui lòng kiểm tra lại mã trong tin nhắn xác nhận; nếu vẫn không được, "
    "hãy liên hệ Văn phòng Sở để được hỗ trợ."
)
TOO_MANY_CREATE = (
    "Anh/chị đã gửi nhiều phản ánh trong thời gian ngắn. Vui lòng thử lại sau khoảng {minutes} phút; "
    "nếu việc cần gấp, hãy liên hệ trực tiếp Văn phòng Sở."
)
TOO_MANY_LOOKUP = "Anh/chị đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau khoảng {minutes} phút."
KEY_CONFLICT = "Không lưu được phản ánh do trùng mã gửi tin với một phản ánh khác. Vui lòng gửi lại phản ánh từ đầu."
STORE_FAILED = (
    "Hệ thống chưa lưu được phản ánh của anh/chị. Vui lòng thử lại sau ít phút; nếu việc cần gấp, hãy liên hệ "
    "trực tiếp Văn phòng Sở."
)
LOOKUP_FAILED = "Hệ thống tra cứu phản ánh đang gián đoạn. Vui lòng thử lại sau ít phút."


def local_date(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y")


def masked_contact(row: ComplaintRow) -> str:
    """`số điện thoại 091*****78` / `email a***@example.vn`: enough to recognise it, not to read it."""
    if row.contact_kind == "email" and (match := EMAIL.fullmatch(row.contact)):
        return f"email {mask_email(match)}"
    if row.contact_kind == "phone" and (match := PHONE.fullmatch(row.contact)):
        return f"số điện thoại {mask_phone(match)}"
    return "thông tin liên hệ anh/chị đã cung cấp"


def confirmation(row: ComplaintRow, department: str, created: bool) -> str:
    head = (
        f"{department} đã tiếp nhận phản ánh, kiến nghị của anh/chị."
        if created
        else "Phản ánh, kiến nghị này đã được ghi nhận trước đó, hệ thống không tạo thêm bản mới."
    )
    return (
        f"{head}\n"
        f"Mã theo dõi: {row.code} (vui lòng ghi lại mã này).\n"
        f"Sở sẽ xem xét, xử lý và trả lời anh/chị qua {masked_contact(row)}. "
        f'Để xem tình trạng xử lý, anh/chị nhắn "tra cứu {row.code}" cho trợ lý bất cứ lúc nào.'
    )


def status_text(row: ComplaintRow, is_owner: bool) -> str:
    status = Status(row.status)
    lines = [f"Phản ánh, kiến nghị {row.code} (gửi ngày {local_date(row.created_at)}): {label(status)}."]
    if is_owner and row.answer:
        lines.append(f"Trả lời của Sở (ngày {local_date(row.answered_at)}):\n{row.answer}")
        if status is Status.processing:
            lines.append("Sở đang tiếp tục xem xét, xử lý phản ánh này.")
    elif row.answer:
        lines.append(
            f"{EXPLANATIONS[status]} Vì lý do bảo mật, nội dung trả lời chỉ hiển thị trong cuộc trò chuyện đã gửi "
            "phản ánh và được gửi tới số điện thoại hoặc email người gửi đã đăng ký."
        )
    else:
        lines.append(EXPLANATIONS[status])
        if status in (Status.received, Status.processing):
            lines.append("Khi có câu trả lời, Sở sẽ gửi tới thông tin liên hệ người gửi đã đăng ký.")
    return "\n".join(lines)
