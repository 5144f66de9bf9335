"""Deliver staff and system messages (human handoff) to Telegram chats.

The gateway watches a chat once the hub says it is in a handoff (a reply with status "handoff" or a message
marked `custom.handoff`). For each watched chat it polls GET /chat/updates?channel=telegram&sender=<chat id>
and sends what is new; the first poll only learns where the handoff started in the outbox (so older messages
are never re-sent). A chat is dropped when its handoff is over and nothing is left to deliver.
Watched chats live in memory: after a restart a chat is watched again at the citizen's next message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import httpx
from telegram import Bot
from telegram.error import TelegramError

log = logging.getLogger("bot.channels.telegram")


def as_text(message: dict) -> str:
    """A staff reply is signed with the name the citizen was told when the staff member joined."""
    text = str(message.get("text") or "")
    author = message.get("author")
    if message.get("sender_role") == "staff" and isinstance(author, str) and author.strip():
        return f"👤 Cán bộ {author.strip()[:120]}:\n{text}"
    return text


class OutboxPoller:
    def __init__(self, backend_url: str, interval: float = 3.0, timeout: float = 10.0, secret: str = "") -> None:
        self.interval = interval
        headers = {"X-SCT-Channel-Secret": secret} if secret else {}  # the backend serves chat updates to gateways only
        self._http = httpx.AsyncClient(base_url=backend_url.rstrip("/"), timeout=timeout, headers=headers)
        self._cursors: dict[int, int | None] = {}  # chat id -> outbox cursor (None: not learnt yet)
        self._task: asyncio.Task | None = None

    def watch(self, chat_id: int) -> None:
        self._cursors.setdefault(chat_id, None)

    @property
    def watched(self) -> set[int]:
        return set(self._cursors)

    def start(self, bot: Bot) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(bot))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._http.aclose()

    async def _run(self, bot: Bot) -> None:
        while True:
            for chat_id in list(self._cursors):
                try:
                    await self.poll_chat(bot, chat_id)
                except Exception as exc:  # noqa: BLE001  (one bad chat must not stop delivery to the others)
                    log.warning("chat %s: outbox poll failed (%s)", chat_id, type(exc).__name__)
            await asyncio.sleep(self.interval)

    async def poll_chat(self, bot: Bot, chat_id: int) -> None:
        cursor = self._cursors.get(chat_id)
        params = {"channel": "telegram", "sender": str(chat_id), "after": cursor or 0}
        response = await self._http.get("/chat/updates", params=params)
        response.raise_for_status()
        data = response.json()
        handoff = data.get("handoff")
        if cursor is None:
            if handoff is None:
                self._cursors.pop(chat_id, None)  # nothing open (any more): nothing to deliver
            else:
                self._cursors[chat_id] = int(handoff.get("outbox_cursor") or 0)
            return
        for message in data.get("messages") or []:
            try:
                await bot.send_message(chat_id, as_text(message))
            except TelegramError as exc:
                log.warning("chat %s: sending a staff message failed (%s)", chat_id, type(exc).__name__)
                return  # the cursor stays: the message is retried at the next poll
            self._cursors[chat_id] = int(message["id"])
        if handoff is None and not data.get("messages"):
            self._cursors.pop(chat_id, None)
            log.info("chat %s: handoff over, back to the bot", chat_id)
