"""Two-stage fallback: first ask the user to rephrase, then offer a person or the menu."""

from __future__ import annotations

from bot.answers.compose import Button, Reply

REPHRASE = (
    "Xin lỗi, tôi chưa hiểu rõ ý anh/chị. Anh/chị nói rõ hơn giúp tôi nhé, ví dụ: «giấy phép bán lẻ rượu cần "
    "giấy tờ gì?» hoặc «lệ phí cửa hàng xăng dầu bao nhiêu?»"
)
MENU = "Tôi vẫn chưa hiểu được câu hỏi. Anh/chị có thể chọn một mục dưới đây hoặc gặp cán bộ hỗ trợ:"


def fallback_reply(previous_failures: int) -> tuple[Reply, int]:
    """The reply for this failure and the failure count to remember afterwards."""
    if previous_failures < 1:
        return Reply(REPHRASE), 1
    buttons = [
        Button("Gặp cán bộ", "/request_human"),
        Button("Tra cứu hồ sơ", "/check_dossier_status"),
        Button("Hỏi về một thủ tục", "/ask_procedure"),
    ]
    return Reply(MENU, buttons), 0
