"""Sending an answer's pending deliveries, in the background after the answer is committed.

Each automatic row is claimed first (one sender only), then sent by its adapter, then marked sent or failed. When
nothing automatic reached the citizen, a call-back task is added so the desk prompts a person. Logs name the
complaint code and route, never an address or a number.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bot.complaints.delivery import plan, records, texts
from bot.complaints.delivery.chat import ChatError, ChatSender
from bot.complaints.delivery.mailer import MailError, SmtpMailer
from bot.complaints.delivery.sms import SmsError, SmsSender, sms_from_settings
from bot.complaints.models import ComplaintRow
from bot.complaints.service import get_complaint, utcnow
from bot.settings import Settings

log = logging.getLogger("bot.complaints.delivery")


def zalo_ready(settings: Settings) -> bool:
    return bool(settings.zalo_app_id and settings.zalo_oa_secret_key and settings.zalo_access_token)


@dataclass
class Outcome:
    sent: list[str]
    failed: list[str]
    callback_added: bool = False


class DeliveryService:
    def __init__(
        self, settings: Settings, sessions: Any, sms: SmsSender | None = None, mailer: SmtpMailer | None = None
    ) -> None:
        self.sessions = sessions
        self.department = f"{settings.department_name} {settings.province_name}".strip()
        self.mailer = mailer or (SmtpMailer(settings) if settings.smtp_host and settings.smtp_from else None)
        self.sms = sms
        self.chat = ChatSender(settings)
        token = settings.telegram_token.get_secret_value().strip() if settings.telegram_token else ""
        self.caps = plan.Capabilities(
            email=self.mailer is not None, sms=sms is not None, telegram=bool(token), zalo=zalo_ready(settings)
        )

    @classmethod
    def from_settings(cls, settings: Settings, sessions: Any) -> DeliveryService:
        return cls(settings, sessions, sms=sms_from_settings(settings))

    def routes(self, row: ComplaintRow) -> list[str]:
        return plan.routes_for(row, self.caps)

    def promise(self, row: ComplaintRow) -> str:
        return plan.promise(row, self.caps)

    async def deliver(self, code: str) -> Outcome:
        """Send every open automatic delivery of the complaint's current answer. Never raises."""
        outcome = Outcome([], [])
        try:
            await self._deliver(code, outcome)
        except Exception as exc:  # a background task: log (no personal data) and leave the rows for a retry
            log.error("complaint %s: delivery stopped (%s)", code, type(exc).__name__)
        return outcome

    async def _deliver(self, code: str, outcome: Outcome) -> None:
        with self.sessions() as session:
            row = get_complaint(session, code)
            if row is None or row.answer is None:
                return
            todo = [d.id for d in records.current(session, row.id) if d.route != "callback"]
            for delivery_id in todo:
                if not records.claim(session, delivery_id, utcnow()):
                    continue
                route = session.get(records.ComplaintDeliveryRow, delivery_id).route
                error = await self._send(session, row, route)
                records.finish(session, delivery_id, error, utcnow())
                (outcome.failed if error else outcome.sent).append(route)
                log.info(
                    "complaint %s: answer %s by %s%s",
                    code,
                    "not delivered" if error else "delivered",
                    route,
                    f" ({error})" if error else "",
                )
            current = records.current(session, row.id)
            if outcome.failed and not any(d.status == "sent" for d in current):
                outcome.callback_added = records.ensure_callback(session, row, utcnow())

    async def _send(self, session: Session, row: ComplaintRow, route: str) -> str | None:
        """None when sent, else a reason without personal data."""
        try:
            if route == "chat":
                target = plan.chat_target(row, self.caps)
                if target is None:
                    return "kênh trò chuyện chưa được cấu hình"
                await self.chat.send(session, target[0], target[1], texts.chat_text(row, self.department))
            elif route == "email":
                if self.mailer is None:
                    return "chưa cấu hình SMTP"
                await asyncio.to_thread(
                    self.mailer.send,
                    row.contact,
                    texts.email_subject(row, self.department),
                    texts.email_body(row, self.department),
                    row.code,
                )
            elif route == "sms":
                if self.sms is None:
                    return "chưa cấu hình SMS"
                await asyncio.to_thread(self.sms.send, row.contact, texts.sms_text(row, self.department), row.code)
            else:
                return f"cách gửi không rõ: {route}"
        except (ChatError, MailError, SmsError) as exc:
            return str(exc)
        return None
