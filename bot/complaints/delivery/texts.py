"""What the citizen receives: the answer in the chat, by e-mail, by SMS; and how staff see each route."""

from __future__ import annotations

from bot.complaints.models import ComplaintRow
from bot.complaints.replies import local_date

ROUTE_LABELS = {
    "chat": "Tin nhắn vào cuộc trò chuyện",
    "email": "Email tự động",
    "sms": "Tin nhắn SMS",
    "callback": "Cán bộ liên hệ lại",
}
STATUS_LABELS = {
    "pending": "Đang gửi",
    "sending": "Đang gửi",
    "sent": "Đã gửi",
    "failed": "Gửi không được",
    "done": "Đã liên hệ",
    "superseded": "Thay bằng câu trả lời mới",
}


def status_label(route: str, status: str) -> str:
    if route == "callback" and status == "pending":
        return "Đang chờ cán bộ"
    return STATUS_LABELS.get(status, status)


def chat_text(row: ComplaintRow, department: str) -> str:
    return (
        f"{department} trả lời phản ánh, kiến nghị {row.code} của anh/chị (gửi ngày {local_date(row.created_at)}):\n"
        f"{row.answer}\n"
        "Nếu cần trao đổi thêm, anh/chị cứ nhắn cho trợ lý hoặc liên hệ Văn phòng Sở."
    )


def email_subject(row: ComplaintRow, department: str) -> str:
    return f"Trả lời phản ánh, kiến nghị {row.code} — {department}"


def email_body(row: ComplaintRow, department: str) -> str:
    quoted = "\n".join(f"> {line}" for line in row.content.splitlines())
    return (
        f"Kính gửi anh/chị {row.applicant_name},\n\n"
        f"{department} trả lời phản ánh, kiến nghị mã {row.code} anh/chị gửi ngày {local_date(row.created_at)}:\n\n"
        f"{row.answer}\n\n"
        f"Nội dung anh/chị đã phản ánh:\n{quoted}\n\n"
        "Thư này được gửi tự động từ hệ thống tiếp nhận phản ánh, kiến nghị của Sở. Nếu cần trao đổi thêm, anh/chị "
        f"vui lòng liên hệ Văn phòng Sở và nêu mã {row.code}.\n\n"
        f"Trân trọng,\n{department}\n"
    )


def sms_text(row: ComplaintRow, department: str) -> str:
    return f"{department} trả lời phản ánh {row.code}: {row.answer}"


def callback_hint(row: ComplaintRow) -> str:
    """What the staff member does for a call-back task."""
    if row.contact_kind == "email":
        return (
            f"Gửi câu trả lời tới email {row.contact} từ hộp thư công vụ (chưa cấu hình gửi email tự động), "
            "rồi đánh dấu đã liên hệ."
        )
    return f"Gọi số {row.contact}, đọc câu trả lời cho {row.applicant_name}, rồi đánh dấu đã gọi lại."
