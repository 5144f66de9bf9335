"""The consent to personal-data processing the citizen gives before a complaint is stored (versioned).

Written for Nghị định 13/2023/NĐ-CP on personal-data protection (in force 01/07/2023):
- Điều 2 (definition): consent is a clear, voluntary, affirmative permission; hence an explicit "Đồng ý" and
  `consent: true` in the API, never a default.
- Điều 9 (data-subject rights): khoản 1 to know, 2 to consent or refuse, 3 to access and correct, 4 to withdraw
  consent, 5 to have the data deleted; the text names these rights and how to use them.
- Điều 11 khoản 2: consent is valid only if the person knows (a) which data, (b) the purpose, (c) who processes it,
  (d) their rights and obligations; every item is in the text. Điều 11 also requires consent to be clear and
  specific (a message or a button counts), for one stated purpose, silence is not consent, and it must be kept in
  a printable/verifiable form: we store the version of this text with the time of consent on each record.
  Điều 11 khoản 9: consent lasts until the person decides otherwise.
- Điều 12 khoản 1: withdrawing consent does not make processing done before the withdrawal unlawful; said plainly.
- Điều 13 (notice before processing): purpose, data, who processes, retention are stated before the question.
Law 91/2025/QH15 on personal-data protection (passed 26/06/2025, in force 01/01/2026) now governs this topic at
the level of a law and keeps these consent principles; have the wording reviewed against it and its decrees.

Any change of wording needs a new VERSION, so every stored record still says which text its sender accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "pakn-consent-2026-11-v2"

_TEMPLATE = (
    "Để tiếp nhận và trả lời phản ánh, kiến nghị của anh/chị, {department} {province} cần xử lý một số dữ liệu "
    "cá nhân của anh/chị (theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân):\n"
    "• Dữ liệu: họ tên, số điện thoại hoặc email, nội dung phản ánh và mã thủ tục, mã hồ sơ (nếu anh/chị cung cấp).\n"
    "• Mục đích: chỉ để tiếp nhận, xem xét, trả lời phản ánh, kiến nghị này và liên hệ lại với anh/chị về việc này.\n"
    "• Bên xử lý: cán bộ, công chức được giao nhiệm vụ của {department}; nếu nội dung thuộc thẩm quyền cơ quan "
    "khác, phản ánh được chuyển tới cơ quan có thẩm quyền. Dữ liệu không được dùng cho mục đích khác.\n"
    "• Thời gian lưu: trong thời gian xử lý và thời hạn lưu trữ hồ sơ theo quy định của pháp luật.\n"
    "• Quyền của anh/chị: được biết, xem, chỉnh sửa dữ liệu, rút lại sự đồng ý hoặc yêu cầu xóa dữ liệu bằng cách "
    "liên hệ Văn phòng {department}. Việc rút lại sự đồng ý không ảnh hưởng tới phần xử lý đã thực hiện trước đó.\n"
    "Anh/chị có thể không đồng ý: khi đó trợ lý sẽ không lưu phản ánh, anh/chị vẫn có thể gửi trực tiếp tại Bộ phận "
    "một cửa hoặc Văn phòng {department}.\n"
    "Anh/chị có đồng ý cho {department} xử lý dữ liệu trên không?"
)


@dataclass(frozen=True)
class ConsentText:
    version: str
    text: str


def consent_text(department: str = "Sở Công Thương", province: str = "") -> ConsentText:
    return ConsentText(VERSION, _TEMPLATE.format(department=department, province=province).replace("  ", " "))


# What a hotline operator reads out before taking a complaint over the phone (same items as above, said
# briefly: data, purpose, who processes it, rights, the right to refuse); the caller agrees aloud and the
# operator ticks the box, so records taken this way carry HOTLINE_VERSION.
HOTLINE_VERSION = "pakn-consent-hotline-2026-11-v1"

_HOTLINE_TEMPLATE = (
    "Để tiếp nhận và trả lời phản ánh của anh/chị, {department} {province} cần ghi lại họ tên, số điện thoại hoặc "
    "email và nội dung anh/chị phản ánh. Các thông tin này chỉ do cán bộ được giao nhiệm vụ của Sở dùng để xem xét, "
    "trả lời và liên hệ lại với anh/chị về việc này, theo Nghị định 13/2023/NĐ-CP. Anh/chị có quyền xem, sửa, "
    "yêu cầu xóa thông tin hoặc rút lại sự đồng ý bằng cách liên hệ Văn phòng Sở; nếu không đồng ý, anh/chị vẫn có "
    "thể gửi phản ánh trực tiếp tại Bộ phận một cửa. Anh/chị có đồng ý không ạ?"
)


def hotline_consent_text(department: str = "Sở Công Thương", province: str = "") -> ConsentText:
    return ConsentText(
        HOTLINE_VERSION, _HOTLINE_TEMPLATE.format(department=department, province=province).replace("  ", " ")
    )


# In a chat the notice is asked in a few lines, linking to the full text above (the same version: the link is part
# of the notice the citizen agrees to). At most 300 characters with the link, asked once per form.
CHAT_MAX_CHARS = 300
_CHAT_TEMPLATE = (
    "Để trả lời, {department} cần lưu họ tên và số điện thoại/email của anh/chị chỉ cho phản ánh này "
    "(Nghị định 13/2023/NĐ-CP). Chi tiết: {url}\nAnh/chị có đồng ý không?"
)
CHAT_REMINDER = "Anh/chị có đồng ý cho Sở lưu họ tên, số điện thoại để trả lời phản ánh không? (Đồng ý / Không đồng ý)"


def chat_consent_text(department: str, url: str) -> str:
    return _CHAT_TEMPLATE.format(department=department, url=url)
