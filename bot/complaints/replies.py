"""Vietnamese texts the bot shows about complaints: confirmation, status by code, refusals."""

from __future__ import annotations

import datetime as dt

from bot.complaints.models import ComplaintRow
from bot.complaints.status import EXPLANATIONS, Status, label
from bot.identifiers import VIETNAM_TZ

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
ASK_CONTACT = (
    "Để bảo vệ thông tin người gửi, anh/chị vui lòng gửi mã phản ánh kèm 4 số cuối số điện thoại (hoặc địa chỉ email) "
    "đã để lại khi gửi phản ánh, ví dụ: «{code} 5678»."
)
CONTACT_MISMATCH = (
    "Mã phản ánh {code} và thông tin liên hệ anh/chị nhập không khớp. Vui lòng kiểm tra lại mã trong tin nhắn xác nhận "
    "và 4 số cuối số điện thoại (hoặc email) đã để lại khi gửi phản ánh."
)
TOO_MANY_CONTACT = (
    "Anh/chị đã nhập sai thông tin liên hệ quá số lần cho phép. Vui lòng thử lại sau khoảng {minutes} phút hoặc liên "
    "hệ Văn phòng Sở để được hỗ trợ."
)
CODE_LOCKED = (
    "Để bảo vệ thông tin, việc tra cứu phản ánh {code} qua trợ lý ảo đang tạm khoá do có nhiều lần nhập sai thông tin "
    "liên hệ. Anh/chị vui lòng thử lại sau khoảng {minutes} phút hoặc liên hệ Văn phòng Sở để được hỗ trợ."
)


def local_date(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y")


def confirmation(row: ComplaintRow, department: str, created: bool, promise: str) -> str:
    """`promise` says how the answer will reach the citizen (bot.complaints.delivery.plan.promise): only what is
    configured is promised."""
    head = (
        f"{department} đã tiếp nhận phản ánh, kiến nghị của anh/chị."
        if created
        else "Phản ánh, kiến nghị này đã được ghi nhận trước đó, hệ thống không tạo thêm bản mới."
    )
    return (
        f"{head}\n"
        f"Mã theo dõi: {row.code} (vui lòng ghi lại mã này).\n"
        f"{promise}\n"
        f'Để xem tình trạng xử lý, anh/chị nhắn "tra cứu {row.code}" cho trợ lý bất cứ lúc nào.'
    )


def status_text(row: ComplaintRow, is_owner: bool, promise: str | None = None) -> str:
    """`promise` (the sender's own way of getting the answer) is said to the sender while the answer is awaited."""
    status = Status(row.status)
    lines = [f"Phản ánh, kiến nghị {row.code} (gửi ngày {local_date(row.created_at)}): {label(status)}."]
    if is_owner and row.answer:
        lines.append(f"Trả lời của Sở (ngày {local_date(row.answered_at)}):\n{row.answer}")
        if status is Status.processing:
            lines.append("Sở đang tiếp tục xem xét, xử lý phản ánh này.")
    elif row.answer:
        lines.append(
            f"{EXPLANATIONS[status]} Vì lý do bảo mật, nội dung trả lời chỉ hiển thị trong cuộc trò chuyện đã gửi "
            "phản ánh; người gửi cũng nhận được trả lời theo cách đã hẹn khi Sở tiếp nhận phản ánh."
        )
    else:
        lines.append(EXPLANATIONS[status])
        if status in (Status.received, Status.processing):
            lines.append(
                promise
                if is_owner and promise
                else "Khi có câu trả lời, Sở sẽ gửi tới người gửi theo cách đã hẹn khi tiếp nhận phản ánh."
            )
    return "\n".join(lines)
