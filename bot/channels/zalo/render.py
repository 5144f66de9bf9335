"""Bot messages -> Zalo text messages. Buttons become a numbered list; the user answers with the number."""

from __future__ import annotations

import re
from collections import OrderedDict

from bot.channels.hub import BotMessage
from bot.channels.split import split_message
from bot.channels.zalo.client import MAX_TEXT

CHOOSE_HINT = "Anh/chị gõ số thứ tự (ví dụ: 1) để chọn."
NUMBER = re.compile(r"^\s*(\d{1,2})\s*\.?\s*$")


def render(messages: list[BotMessage]) -> tuple[list[str], list[str]]:
    """Texts to send, and the payloads behind the numbers 1, 2, … shown in them."""
    texts: list[str] = []
    payloads: list[str] = []
    for message in messages:
        text = message.text.strip()
        buttons = [b for b in message.buttons if b.payload]
        if buttons:
            start = len(payloads) + 1
            lines = [f"{start + i}. {b.title or b.payload}" for i, b in enumerate(buttons)]
            already_listed = all(line in text for line in lines)
            text = "\n".join(part for part in (text, "" if already_listed else "\n".join(lines), CHOOSE_HINT) if part)
            payloads.extend(b.payload for b in buttons)
        texts.extend(split_message(text, MAX_TEXT))
    return texts, payloads


class OptionMemory:
    """The last numbered choices offered to each user (bounded), so "2" can be turned back into its payload."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._items: OrderedDict[str, list[str]] = OrderedDict()

    def remember(self, user_id: str, payloads: list[str]) -> None:
        if not payloads:
            return
        self._items[user_id] = payloads
        self._items.move_to_end(user_id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def resolve(self, user_id: str, text: str) -> str:
        match = NUMBER.match(text)
        options = self._items.get(user_id)
        if match and options and 1 <= int(match.group(1)) <= len(options):
            return options[int(match.group(1)) - 1]
        return text
