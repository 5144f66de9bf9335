"""What the citizen and the staff read during a handoff (Vietnamese, polite 'anh/chị')."""

# Citizens never see a login name: a staff member is named by the display name an admin set, else by the team.
TEAM = "Bộ phận Một cửa"


def staff_name(display_name: str | None) -> str:
    """How citizens see a staff member: 'Lê Văn Hùng', or 'Bộ phận Một cửa' without a display name."""
    return " ".join((display_name or "").split())[:120] or TEAM


QUEUED = (
    "Dạ, tôi đã chuyển yêu cầu của anh/chị tới cán bộ Sở Công Thương. Cán bộ sẽ tham gia cuộc trò chuyện "
    "trong giây lát; trong lúc chờ, anh/chị cứ nhắn nội dung cần hỏi, cán bộ sẽ đọc được."
)
ALREADY = "Dạ, yêu cầu gặp cán bộ của anh/chị đã được ghi nhận, cán bộ sẽ trả lời anh/chị trong giây lát."
CLOSED = (
    "Dạ, hiện chưa có cán bộ trực để trò chuyện trực tiếp{why} (giờ làm việc: {hours}). Anh/chị có thể gửi phản "
    "ánh, kiến nghị hoặc để lại lời nhắn, Sở sẽ liên hệ lại anh/chị trong giờ hành chính; tôi vẫn có thể trả lời "
    "các câu hỏi về thủ tục."
)
CLOSED_BUTTON = "Gửi phản ánh / để lại lời nhắn"
WAITING = "Cán bộ sẽ trả lời anh/chị trong giây lát, anh/chị vui lòng chờ ạ."
JOINED = "Cán bộ {name} đã tham gia cuộc trò chuyện và sẽ trả lời anh/chị ngay sau đây."
LEFT = "Cán bộ {name} đã kết thúc cuộc trò chuyện. Trợ lý ảo tiếp tục hỗ trợ anh/chị; anh/chị cần hỏi gì cứ nhắn nhé."
EXPIRED = (
    "Dạ, rất tiếc hiện các cán bộ đều bận nên chưa thể trả lời anh/chị. Trợ lý ảo tiếp tục hỗ trợ anh/chị; "
    "anh/chị cũng có thể gửi phản ánh để Sở liên hệ lại."
)
UNAVAILABLE = (
    "Dạ, hiện tôi chưa chuyển được yêu cầu tới cán bộ. Anh/chị vui lòng liên hệ trực tiếp Bộ phận Một cửa của "
    "Sở Công Thương tại Trung tâm Phục vụ hành chính công của tỉnh, hoặc thử lại sau ít phút."
)
NOT_ON_CHANNEL = (
    "Dạ, trên kênh này Sở chưa hỗ trợ trò chuyện trực tiếp với cán bộ. Anh/chị có thể gửi phản ánh, kiến nghị hoặc "
    "để lại lời nhắn, Sở sẽ liên hệ lại; hoặc nhắn cho Sở qua trang web hay Telegram để gặp cán bộ trong giờ làm việc."
)
