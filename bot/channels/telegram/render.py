"""Turn the hub's bot messages into Telegram messages: split text, inline keyboards, contact keyboard."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.channels.hub import BotMessage
from bot.channels.split import split_message
from bot.channels.telegram import texts
from bot.channels.telegram.payload_store import PayloadStore

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove
MAX_BUTTON_TITLE = 120


@dataclass
class Outgoing:
    text: str
    markup: Markup | None = None


def asks_for_contact(message: BotMessage) -> bool:
    return isinstance(message.custom, dict) and message.custom.get("ask") == "contact"


def contact_keyboard() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(texts.SHARE_CONTACT_BUTTON, request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def inline_keyboard(message: BotMessage, store: PayloadStore) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton((b.title or b.payload)[:MAX_BUTTON_TITLE], callback_data=store.put(b.payload))]
        for b in message.buttons
        if b.payload
    ]
    return InlineKeyboardMarkup(rows)


def render(message: BotMessage, store: PayloadStore) -> list[Outgoing]:
    """One bot message -> Telegram messages; a keyboard goes on the last chunk of the text."""
    markup: Markup | None = inline_keyboard(message, store) if message.buttons else None
    text = message.text.strip() or (texts.CHOOSE if markup else "")
    out = [Outgoing(chunk) for chunk in split_message(text)]
    if out:
        out[-1].markup = markup
    if asks_for_contact(message):
        if out and out[-1].markup is None:  # the question itself carries the share-phone keyboard
            out[-1].markup = contact_keyboard()
        else:  # inline buttons already there, or a textless custom message
            out.append(Outgoing(texts.SHARE_CONTACT_HINT, contact_keyboard()))
    return out


def render_all(messages: list[BotMessage], store: PayloadStore, remove_keyboard: bool = False) -> list[Outgoing]:
    """All replies in order; `remove_keyboard` hides the contact keyboard once the contact was shared."""
    out = [item for message in messages for item in render(message, store)]
    if remove_keyboard:
        free = next((item for item in out if item.markup is None), None)
        if free is not None:
            free.markup = ReplyKeyboardRemove()
        else:
            out.insert(0, Outgoing(texts.CONTACT_RECEIVED, ReplyKeyboardRemove()))
    return out
