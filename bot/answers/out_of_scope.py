"""Where to go for what Sở Công Thương does not handle."""

from __future__ import annotations

from bot.text.abbreviations import fold_expanded
from bot.text.scope import out_of_scope_topic

GENERIC = (
    "Nội dung này không thuộc thẩm quyền của Sở Công Thương. Anh/chị có thể tra cứu cơ quan giải quyết trên "
    "Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn"
)


def matched_topic(text: str) -> str | None:
    """The competent body for a topic Sở Công Thương does not handle, if the text names one (and nothing of the
    sector: "hộ kinh doanh bán lẻ rượu" is a question for this department)."""
    return out_of_scope_topic(fold_expanded(text), text)


def out_of_scope_reply(text: str) -> str:
    where = matched_topic(text)
    if where is None:
        return GENERIC
    return (
        f"Xin lỗi, việc này không thuộc thẩm quyền của Sở Công Thương. {where} "
        "Anh/chị có thể tra cứu thêm trên Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn"
    )
