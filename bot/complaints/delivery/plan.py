"""Which ways a complaint's answer goes, from what is configured, and the promise the citizen reads.

Routes: `chat` (back into the conversation the complaint came from: the web widget always, Telegram and Zalo when
their channel is configured), `email` (the citizen gave an e-mail address and SMTP is configured), `sms` (a phone
number and an SMS gateway), `callback` (a task on the complaints desk: a staff member calls the number, or
writes from their own mailbox when SMTP is not configured). Every complaint gets at least one route.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.complaints.models import ComplaintRow
from bot.identifiers import parse_rasa_sender_id
from bot.privacy.masking import EMAIL, PHONE, mask_email, mask_phone


@dataclass(frozen=True)
class Capabilities:
    """What this installation can send by itself (from the settings)."""

    email: bool = False
    sms: bool = False
    telegram: bool = False
    zalo: bool = False


def chat_target(row: ComplaintRow, caps: Capabilities) -> tuple[str, str] | None:
    """(channel, user id) to answer in, when the complaint came from a chat the system can write to."""
    parsed = parse_rasa_sender_id(row.sender)
    if parsed is None or parsed[0] != row.channel:
        return None
    channel = parsed[0]
    if channel == "web" or (channel == "telegram" and caps.telegram) or (channel == "zalo" and caps.zalo):
        return parsed
    return None


def routes_for(row: ComplaintRow, caps: Capabilities) -> list[str]:
    routes = ["chat"] if chat_target(row, caps) else []
    if row.contact_kind == "email":
        routes.append("email" if caps.email else "callback")
    else:
        routes.append("sms" if caps.sms else "callback")
    return routes


def _contact(row: ComplaintRow) -> str:
    if row.contact_kind == "email" and (match := EMAIL.fullmatch(row.contact)):
        return f"email {mask_email(match)}"
    if row.contact_kind == "phone" and (match := PHONE.fullmatch(row.contact)):
        return f"số {mask_phone(match)}"
    return "thông tin liên hệ anh/chị đã để lại"


CHAT_WORDS = {
    "web": "vào khung trò chuyện này",
    "telegram": "qua tin nhắn Telegram này",
    "zalo": "qua tin nhắn Zalo này",
}


def promise(row: ComplaintRow, caps: Capabilities) -> str:
    """'Khi có trả lời, Sở sẽ gửi vào khung trò chuyện này và tới email a***@x.vn.' — only configured routes."""
    sent: list[str] = []
    manual = ""
    for route in routes_for(row, caps):
        if route == "chat":
            sent.append(CHAT_WORDS[row.channel])
        elif route == "email":
            sent.append(f"tới {_contact(row)}")
        elif route == "sms":
            sent.append(f"bằng tin nhắn SMS tới {_contact(row)}")
        elif row.contact_kind == "email":
            manual = f"cán bộ của Sở sẽ gửi email tới {_contact(row).removeprefix('email ')}"
        else:
            manual = f"cán bộ của Sở sẽ gọi điện tới {_contact(row)} để thông báo"
    if sent and manual:
        return f"Khi có trả lời, Sở sẽ gửi {' và '.join(sent)}; {manual}."
    if sent:
        return f"Khi có trả lời, Sở sẽ gửi {' và '.join(sent)}."
    return f"Khi có trả lời, {manual}."
