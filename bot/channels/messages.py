"""Fixed replies of the hub itself (when the bot cannot be asked), in polite Vietnamese."""

RASA_DOWN = (
    "Xin lỗi, hệ thống trợ lý đang tạm thời gián đoạn nên chưa trả lời được tin nhắn của anh/chị. "
    "Anh/chị vui lòng gửi lại sau ít phút. Nếu cần gấp, anh/chị có thể gọi đường dây nóng của Sở Công Thương "
    "hoặc tra cứu trên Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn"
)
EMPTY = "Anh/chị vui lòng nhập câu hỏi bằng chữ, ví dụ: «xin giấy phép bán lẻ rượu cần giấy tờ gì?»"
TOO_LONG = (
    "Tin nhắn của anh/chị dài quá {limit} ký tự nên trợ lý chưa đọc được. "
    "Anh/chị vui lòng tóm tắt câu hỏi trong vài câu ngắn, hoặc gửi phản ánh chi tiết qua mục «Phản ánh, kiến nghị»."
)
UNSUPPORTED = (
    "Hiện trợ lý chỉ đọc được tin nhắn chữ, chưa xem được hình ảnh, tệp hay nhãn dán. "
    "Anh/chị vui lòng gõ câu hỏi bằng chữ nhé."
)
NO_REPLY = (
    "Xin lỗi, tôi chưa có câu trả lời cho tin nhắn này. Bạn vui lòng hỏi lại bằng một câu đầy đủ, "
    "ví dụ: «cửa hàng xăng dầu cần giấy tờ gì?», hoặc nhắn «gặp cán bộ» để được hỗ trợ."
)
TOO_FAST = (
    "Anh/chị gửi tin nhắn hơi nhanh, trợ lý chưa kịp xử lý. "
    "Anh/chị vui lòng chờ khoảng {seconds} giây rồi gửi tiếp nhé."
)
