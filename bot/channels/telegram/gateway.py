"""The gateway's handlers: every Telegram update becomes at most one hub request and its replies.

Nothing here may raise out of a handler: a failing update is logged (without personal data) and the
gateway goes on with the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator
from typing import Any

from telegram import Bot, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.channels import messages
from bot.channels.hub import BotMessage
from bot.channels.telegram import texts
from bot.channels.telegram.contact import phone_from_contact
from bot.channels.telegram.hub_client import BackendUnavailable, HubAnswer, HubClient
from bot.channels.telegram.outbox_poller import OutboxPoller
from bot.channels.telegram.payload_store import PayloadStore
from bot.channels.telegram.render import render_all
from bot.privacy import mask_personal_data

log = logging.getLogger("bot.channels.telegram")

ALLOWED_UPDATES = ["message", "callback_query"]
TYPING_EVERY = 4.0  # Telegram shows "typing…" for about 5 s
SURROGATES = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """Drop unpaired surrogates: JSON can carry them (\\udXXX), UTF-8 cannot, so the hub call would fail."""
    return SURROGATES.sub("", text)


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Keep the typing indicator on while the hub works."""

    async def keep_typing() -> None:
        while True:
            with contextlib.suppress(TelegramError):
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_EVERY)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def in_handoff(answer: HubAnswer) -> bool:
    return answer.status == "handoff" or any(
        isinstance(m.custom, dict) and m.custom.get("handoff") for m in answer.messages
    )


class TelegramGateway:
    def __init__(self, hub: HubClient, store: PayloadStore, welcome: str, poller: OutboxPoller | None = None) -> None:
        self.hub = hub
        self.store = store
        self.welcome = welcome
        self.poller = poller  # delivers staff replies while the chat is handed over to a person

    def register(self, app: Application) -> None:
        private_new = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        app.add_handler(CommandHandler(["start", "help"], self.on_start, filters=private_new))
        app.add_handler(MessageHandler(private_new & filters.COMMAND, self.on_start))
        app.add_handler(MessageHandler(private_new & filters.TEXT, self.on_text))
        app.add_handler(MessageHandler(private_new & filters.CONTACT, self.on_contact))
        app.add_handler(MessageHandler(private_new & ~filters.StatusUpdate.ALL, self.on_unsupported))
        app.add_handler(CallbackQueryHandler(self.on_callback))
        app.add_error_handler(self.on_error)

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._say(context.bot, update.effective_chat.id, self.welcome)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        await self._relay(context.bot, message.chat_id, scrub(message.text or ""), str(message.message_id), {})

    async def on_contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        contact = message.contact
        user = update.effective_user
        if user is None or contact.user_id != user.id:
            log.info("chat %s: refused a contact that is not the user's own", message.chat_id)
            await self._say(context.bot, message.chat_id, texts.NOT_OWN_CONTACT)
            return
        phone = phone_from_contact(scrub(contact.phone_number or ""))
        log.info("chat %s: shared own phone %s", message.chat_id, mask_personal_data(phone))
        await self._relay(
            context.bot, message.chat_id, phone, str(message.message_id), {"contact": True}, remove_keyboard=True
        )

    async def on_unsupported(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.info("chat %s: unsupported message kind", update.effective_chat.id)
        await self._say(context.bot, update.effective_chat.id, messages.UNSUPPORTED)

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        with contextlib.suppress(TelegramError):
            await query.answer()
        chat = update.effective_chat
        if chat is None:
            return
        payload = self.store.get(scrub(query.data or ""))
        if payload is None:
            log.info("chat %s: expired or unknown button", chat.id)
            await self._say(context.bot, chat.id, texts.BUTTON_EXPIRED)
            return
        await self._relay(context.bot, chat.id, payload, f"cb-{query.id}", {"button": True})

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A bug must not leave the citizen without an answer: log it (no personal data) and say sorry."""
        kind = type(context.error).__name__ if context.error else "unknown"
        chat = update.effective_chat if isinstance(update, Update) else None
        log.error("chat %s: update failed (%s)", chat.id if chat else "-", kind)
        if chat is not None and chat.type == "private":
            await self._say(context.bot, chat.id, texts.NOT_UNDERSTOOD)

    async def _relay(
        self,
        bot: Bot,
        chat_id: int,
        text: str,
        message_id: str,
        metadata: dict[str, Any],
        remove_keyboard: bool = False,
    ) -> None:
        async with typing(bot, chat_id):
            try:
                answer = await self.hub.send(str(chat_id), text, message_id, metadata)
            except BackendUnavailable as exc:
                log.warning("chat %s: backend unavailable (%s)", chat_id, exc)
                replies = [BotMessage(texts.BACKEND_DOWN)]
            else:
                if answer.status == "duplicate":
                    log.info("chat %s: duplicate delivery, already answered", chat_id)
                    return
                if self.poller is not None and in_handoff(answer):
                    self.poller.watch(chat_id)
                replies = answer.messages or ([BotMessage(texts.NOT_UNDERSTOOD)] if answer.status == "rejected" else [])
        log.info("chat %s: %d repl%s", chat_id, len(replies), "y" if len(replies) == 1 else "ies")
        for item in render_all(replies, self.store, remove_keyboard=remove_keyboard):
            try:
                await bot.send_message(chat_id, item.text, reply_markup=item.markup)
            except TelegramError as exc:
                log.warning("chat %s: sending failed (%s)", chat_id, type(exc).__name__)
                return

    async def _say(self, bot: Bot, chat_id: int, text: str) -> None:
        try:
            await bot.send_message(chat_id, text)
        except TelegramError as exc:
            log.warning("chat %s: sending failed (%s)", chat_id, type(exc).__name__)
