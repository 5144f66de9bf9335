"""Writing the answer into the conversation a complaint came from: the web widget's outbox, the Telegram Bot API,
the Zalo OA message API (the same adapters the channels use)."""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import Bot
from telegram.error import TelegramError

from bot.channels.split import split_message
from bot.channels.zalo.client import MAX_TEXT as ZALO_MAX
from bot.channels.zalo.client import ZaloApiError, ZaloOaClient
from bot.db import outbox
from bot.settings import Settings


class ChatError(Exception):
    """Not delivered; the reason names no user."""


class ChatSender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(self, session: Session, channel: str, user: str, text: str) -> None:
        if channel == "web":  # the widget shows it when the citizen opens the chat again (same browser)
            for chunk in split_message(text, outbox.MAX_TEXT_CHARS):
                outbox.push(session, "web", user, "staff", chunk)
        elif channel == "telegram":
            await self._telegram(int(user), text)
        elif channel == "zalo":
            await self._zalo(user, text)
        else:
            raise ChatError(f"no chat on channel {channel}")

    async def _telegram(self, chat_id: int, text: str) -> None:
        s = self.settings
        if s.telegram_token is None:
            raise ChatError("Telegram is not configured")
        api = s.telegram_api_base_url.rstrip("/")
        try:
            async with Bot(s.telegram_token.get_secret_value(), base_url=f"{api}/bot") as bot:
                for chunk in split_message(text):
                    await bot.send_message(chat_id, chunk)
        except TelegramError as exc:
            raise ChatError(f"Telegram: {type(exc).__name__}") from exc

    async def _zalo(self, user_id: str, text: str) -> None:
        s = self.settings
        if s.zalo_access_token is None:
            raise ChatError("Zalo is not configured")
        client = ZaloOaClient(s.zalo_api_base_url, s.zalo_access_token.get_secret_value(), s.zalo_api_timeout)
        try:
            for chunk in split_message(text, ZALO_MAX):
                await client.send_text(user_id, chunk)
        except ZaloApiError as exc:  # e.g. the OA may no longer write to a user who has been silent for long
            raise ChatError(f"Zalo: {exc}") from exc
