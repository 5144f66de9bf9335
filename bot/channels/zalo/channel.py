"""One Zalo OA event -> the chat hub -> replies through the OA API. Runs after the webhook has answered 200."""

from __future__ import annotations

import logging
import re
from typing import Any

from bot.channels import messages
from bot.channels.hub import BotMessage, ChatHub
from bot.channels.zalo.client import OaSender, ZaloApiError
from bot.channels.zalo.render import OptionMemory, render
from bot.identifiers import SENDER_PATTERN

log = logging.getLogger("bot.channels.zalo")

TEXT_EVENT = "user_send_text"
MEDIA_EVENTS = {
    "user_send_image",
    "user_send_gif",
    "user_send_sticker",
    "user_send_file",
    "user_send_audio",
    "user_send_video",
    "user_send_location",
    "user_send_link",
    "user_send_business_card",
}
USER_ID = re.compile(SENDER_PATTERN)


class ZaloChannel:
    def __init__(self, hub: ChatHub, sender: OaSender, options: OptionMemory | None = None) -> None:
        self.hub = hub
        self.sender = sender
        self.options = options or OptionMemory()

    async def handle(self, event: dict[str, Any]) -> None:
        """Never raises: a failure is logged (without message text) and the next event goes on."""
        try:
            await self._handle(event)
        except Exception as exc:  # the webhook already answered; nothing may escape a background task
            log.error("zalo event failed (%s)", type(exc).__name__)

    async def _handle(self, event: dict[str, Any]) -> None:
        name = event.get("event_name")
        sender = event.get("sender") if isinstance(event.get("sender"), dict) else {}
        user_id = str(sender.get("id") or "")
        if not USER_ID.match(user_id):
            return
        if name in MEDIA_EVENTS:
            await self._send(user_id, [BotMessage(messages.UNSUPPORTED)])
            return
        if name != TEXT_EVENT:
            return
        message = event.get("message") if isinstance(event.get("message"), dict) else {}
        text = self.options.resolve(user_id, str(message.get("text") or ""))
        msg_id = str(message.get("msg_id") or "")[:128] or None
        reply = await self.hub.handle("zalo", user_id, text, msg_id, {})
        if reply.status == "duplicate":
            log.info("zalo user %s: duplicate delivery, already answered", user_id)
            return
        await self._send(user_id, reply.messages)

    async def _send(self, user_id: str, replies: list[BotMessage]) -> None:
        texts, payloads = render(replies)
        self.options.remember(user_id, payloads)
        for text in texts:
            try:
                await self.sender.send_text(user_id, text)
            except ZaloApiError as exc:
                log.warning("zalo user %s: reply not delivered (%s)", user_id, exc)
                return
        log.info("zalo user %s: %d message(s) sent", user_id, len(texts))
