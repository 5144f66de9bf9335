"""The chat hub: one entry point for every channel, in front of Rasa.

Channels (web widget, Telegram gateway, Zalo OA webhook) hand the hub a user message; the hub cleans it,
answers trivially bad input itself, drops duplicate deliveries (same channel message id: the cached reply is
returned, Rasa is not asked twice) and relays the rest to Rasa with one Rasa sender id per channel user.
When Rasa is down the user gets a polite "try again" instead of an error.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from bot.channels import messages
from bot.channels.payloads import guard_payload
from bot.channels.rasa_client import RasaClient, RasaUnavailable
from bot.identifiers import rasa_sender_id
from bot.ratelimit import InMemoryRateLimiter, Limit, Quota, RateLimiter
from bot.text.clean import clean_text


@dataclass
class Button:
    title: str
    payload: str


@dataclass
class BotMessage:
    text: str = ""
    buttons: list[Button] = field(default_factory=list)
    custom: dict[str, Any] | None = None

    @classmethod
    def from_rasa(cls, raw: dict) -> BotMessage:
        buttons = [
            Button(title=str(b.get("title", ""))[:200], payload=str(b.get("payload", ""))[:500])
            for b in raw.get("buttons") or []
            if isinstance(b, dict)
        ]
        custom = raw.get("custom") if isinstance(raw.get("custom"), dict) else None
        return cls(text=str(raw.get("text") or ""), buttons=buttons, custom=custom)


@dataclass
class HubReply:
    messages: list[BotMessage]
    status: str = "ok"  # ok | unavailable | rejected | duplicate | handoff (held for a person)


def merge_custom(replies: list[BotMessage]) -> list[BotMessage]:
    """Rasa sends a response's `custom` payload as a separate, textless message: attach it to the text before it."""
    merged: list[BotMessage] = []
    for message in replies:
        if not message.text and not message.buttons and message.custom is not None and merged:
            merged[-1].custom = {**(merged[-1].custom or {}), **message.custom}
        elif message.text or message.buttons or message.custom is not None:
            merged.append(message)
    return merged


class ReplyCache:
    """Recent replies by (channel, message id), so a re-delivered message gets the same answer once."""

    def __init__(self, size: int = 5000, ttl: float = 600.0) -> None:
        self.size, self.ttl = size, ttl
        self._items: OrderedDict[tuple[str, str], tuple[float, HubReply]] = OrderedDict()

    def get(self, key: tuple[str, str]) -> HubReply | None:
        item = self._items.get(key)
        if item is None or time.monotonic() - item[0] > self.ttl:
            return None
        return item[1]

    def put(self, key: tuple[str, str], reply: HubReply) -> None:
        self._items[key] = (time.monotonic(), reply)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


class ChatHub:
    def __init__(
        self, rasa: RasaClient, max_chars: int = 2000, per_minute: int = 30, limiter: RateLimiter | None = None
    ) -> None:
        self.rasa = rasa
        self.max_chars = max_chars
        self.cache = ReplyCache()
        store = limiter or InMemoryRateLimiter()
        self.limiter = Quota(store, Limit(per_minute, 60.0), "chat") if per_minute > 0 else None  # per channel user
        self.handoff: Any = None  # bot.channels.handoff_guard.HandoffGuard: holds messages while a person answers

    async def handle(
        self,
        channel: str,
        sender: str,
        text: str,
        message_id: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> HubReply:
        key = (channel, f"{sender}:{message_id}") if message_id else None
        if key and (cached := self.cache.get(key)) is not None:
            return HubReply(cached.messages, status="duplicate")
        if self.limiter is not None and not (decision := await self.limiter.ahit(f"{channel}:{sender}")).allowed:
            wait = max(1, round(decision.retry_after))
            return HubReply([BotMessage(messages.TOO_FAST.format(seconds=wait))], status="rejected")
        reply = await self._answer(channel, sender, guard_payload(clean_text(text)), metadata or {})
        if key and reply.status in ("ok", "handoff"):
            self.cache.put(key, reply)
        return reply

    async def _answer(self, channel: str, sender: str, text: str, metadata: dict[str, Any]) -> HubReply:
        if not text:
            return HubReply([BotMessage(messages.EMPTY)], status="rejected")
        if len(text) > self.max_chars:
            return HubReply([BotMessage(messages.TOO_LONG.format(limit=self.max_chars))], status="rejected")
        if self.handoff is not None and (held := await self.handoff.hold(channel, sender, text)) is not None:
            return held
        try:
            raw = await self.rasa.send(rasa_sender_id(channel, sender), text, {**metadata, "channel": channel})
        except RasaUnavailable:
            return HubReply([BotMessage(messages.RASA_DOWN)], status="unavailable")
        replies = merge_custom([BotMessage.from_rasa(m) for m in raw if isinstance(m, dict)])
        return HubReply(replies or [BotMessage(messages.NO_REPLY)])  # never leave the user without an answer
