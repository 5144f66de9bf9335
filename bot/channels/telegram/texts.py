"""What the Telegram gateway says by itself, in polite Vietnamese."""

from __future__ import annotations


def welcome(department: str, province: str) -> str:
    return (
        f"Xin chào! Tôi là trợ lý ảo của {department} {province}.\n"
        "Tôi có thể giúp anh/chị về thủ tục hành chính của Sở:\n"
        "• Tìm đúng thủ tục cần làm\n"
        "• Giấy tờ, hồ sơ cần chuẩn bị\n"
        "• Lệ phí và thời hạn giải quyết\n"
        "• Nơi nộp và cách nộp trực tuyến\n"
        "• Tra cứu tình trạng hồ sơ\n"
        "• Gửi phản ánh, kiến nghị\n"
        "• Gặp cán bộ khi cần hỗ trợ thêm\n\n"
        "Anh/chị cứ gõ câu hỏi bằng tiếng Việt, có dấu hay không dấu đều được, ví dụ: "
        "«xin giấy phép bán lẻ rượu cần giấy tờ gì?». Gõ /help để xem lại hướng dẫn này."
    )


BACKEND_DOWN = (
    "Xin lỗi, hệ thống trợ lý đang tạm thời gián đoạn nên chưa nhận được tin nhắn của anh/chị. "
    "Anh/chị vui lòng gửi lại sau ít phút. Nếu cần gấp, anh/chị có thể tra cứu trên Cổng Dịch vụ công quốc gia: "
    "https://dichvucong.gov.vn"
)
BUTTON_EXPIRED = (
    "Nút anh/chị bấm đã hết hạn (trợ lý vừa được khởi động lại hoặc tin nhắn đã cũ). "
    "Anh/chị vui lòng gõ lại câu hỏi của mình nhé."
)
CHOOSE = "Anh/chị vui lòng chọn một mục bên dưới:"
SHARE_CONTACT_HINT = "Anh/chị có thể bấm nút «Chia sẻ số điện thoại» bên dưới, hoặc gõ số điện thoại của mình."
SHARE_CONTACT_BUTTON = "Chia sẻ số điện thoại"
CONTACT_RECEIVED = "Cảm ơn anh/chị, trợ lý đã nhận số điện thoại."
NOT_OWN_CONTACT = (
    "Trợ lý chỉ nhận số điện thoại của chính anh/chị. Anh/chị vui lòng bấm nút «Chia sẻ số điện thoại» "
    "hoặc gõ số điện thoại của mình."
)
NOT_UNDERSTOOD = "Xin lỗi, trợ lý chưa xử lý được tin nhắn này. Anh/chị vui lòng gõ lại câu hỏi ngắn gọn hơn nhé."
