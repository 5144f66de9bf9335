"""Status vocabulary of the national and provincial one-stop systems, explained for citizens."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Status(str, Enum):
    received = "received"
    supplement_requested = "supplement_requested"
    payment_requested = "payment_requested"
    in_progress = "in_progress"
    rejected = "rejected"
    stopped = "stopped"
    withdrawal_requested = "withdrawal_requested"
    processed = "processed"
    returned = "returned"


class Channel(str, Enum):
    direct = "direct"
    postal = "postal"
    online = "online"


CHANNEL_LABELS = {Channel.direct: "trực tiếp", Channel.postal: "bưu chính", Channel.online: "trực tuyến"}


@dataclass(frozen=True)
class StatusInfo:
    label: str
    meaning: str
    next_step: str


STATUS_INFO: dict[Status, StatusInfo] = {
    Status.received: StatusInfo(
        "Đã tiếp nhận",
        "Bộ phận Một cửa đã nhận hồ sơ và chuyển cho phòng chuyên môn giải quyết.",
        "Anh/chị chưa cần làm gì thêm; kết quả sẽ được trả đúng ngày hẹn ghi trên giấy tiếp nhận.",
    ),
    Status.supplement_requested: StatusInfo(
        "Yêu cầu bổ sung hồ sơ",
        "Hồ sơ còn thiếu hoặc chưa hợp lệ; cơ quan đã gửi thông báo nêu rõ những gì cần bổ sung, sửa đổi.",
        "Anh/chị vui lòng xem thông báo (qua tài khoản dịch vụ công, tin nhắn hoặc thư) và nộp phần bổ sung; "
        "thời hạn giải quyết được tính lại từ khi nhận đủ hồ sơ hợp lệ.",
    ),
    Status.payment_requested: StatusInfo(
        "Chờ thực hiện nghĩa vụ tài chính",
        "Hồ sơ đang chờ anh/chị nộp phí, lệ phí hoặc nghĩa vụ tài chính theo quy định.",
        "Anh/chị vui lòng nộp phí, lệ phí theo thông báo (trực tuyến trên Cổng dịch vụ công hoặc tại Bộ phận "
        "Một cửa) để hồ sơ được tiếp tục xử lý.",
    ),
    Status.in_progress: StatusInfo(
        "Đang xử lý",
        "Phòng chuyên môn đang thẩm định, giải quyết hồ sơ.",
        "Anh/chị chưa cần làm gì thêm; nếu cơ quan cần thêm thông tin, anh/chị sẽ được liên hệ.",
    ),
    Status.rejected: StatusInfo(
        "Từ chối giải quyết",
        "Cơ quan không giải quyết hồ sơ này và đã có văn bản nêu rõ lý do.",
        "Anh/chị vui lòng đọc văn bản trả lời để biết lý do; nếu không đồng ý, anh/chị có thể gửi phản ánh, "
        "kiến nghị hoặc nộp lại hồ sơ khi đã đủ điều kiện.",
    ),
    Status.stopped: StatusInfo(
        "Dừng xử lý",
        "Hồ sơ đã dừng xử lý (ví dụ quá thời hạn bổ sung mà chưa nhận được phần bổ sung, hoặc theo đề nghị "
        "của anh/chị).",
        "Nếu vẫn cần giải quyết thủ tục, anh/chị vui lòng nộp hồ sơ mới; cần làm rõ lý do, anh/chị liên hệ "
        "Bộ phận Một cửa.",
    ),
    Status.withdrawal_requested: StatusInfo(
        "Đề nghị rút hồ sơ",
        "Cơ quan đã nhận đề nghị rút hồ sơ của anh/chị và đang làm thủ tục trả lại hồ sơ.",
        "Anh/chị chờ thông báo trả lại hồ sơ; nếu không phải anh/chị đề nghị rút, vui lòng liên hệ ngay Bộ phận "
        "Một cửa.",
    ),
    Status.processed: StatusInfo(
        "Đã có kết quả",
        "Hồ sơ đã giải quyết xong và kết quả đang chờ trả cho anh/chị.",
        "Anh/chị nhận kết quả theo cách đã đăng ký: tại Bộ phận Một cửa (mang theo giấy tiếp nhận), qua bưu "
        "chính hoặc tải bản điện tử trên tài khoản dịch vụ công.",
    ),
    Status.returned: StatusInfo(
        "Đã trả kết quả",
        "Kết quả giải quyết đã được trả cho anh/chị; hồ sơ đã hoàn tất.",
        "Anh/chị không cần làm gì thêm; nếu chưa nhận được kết quả, vui lòng liên hệ Bộ phận Một cửa.",
    ),
}

FINISHED_WITH_RESULT = frozenset({Status.processed, Status.returned})
ENDED_WITHOUT_RESULT = frozenset({Status.rejected, Status.stopped, Status.withdrawal_requested})
WAITING_FOR_CITIZEN = frozenset({Status.supplement_requested, Status.payment_requested})


def parse_status(value: str | None) -> Status | None:
    try:
        return Status(value) if value else None
    except ValueError:
        return None
