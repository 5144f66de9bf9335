"""Per-chat ordering of concurrent updates."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.channels.telegram.ordering import PerChatUpdateProcessor
from tests.channels.telegram import updates


def _update(chat_id: int, n: int) -> Update:
    return Update.de_json({**updates.text(chat_id, f"m{n}"), "update_id": n}, None)


def test_one_chat_is_processed_in_order_while_other_chats_run_alongside():
    done: list[str] = []

    async def handle(chat: int, n: int, delay: float) -> None:
        await asyncio.sleep(delay)
        done.append(f"{chat}:{n}")

    async def scenario() -> PerChatUpdateProcessor:
        processor = PerChatUpdateProcessor(8)
        jobs = [
            (1, 1, 0.3),  # slow first message of chat 1
            (1, 2, 0.0),  # must still come after it
            (2, 3, 0.0),  # another chat is not held up by chat 1
        ]
        await asyncio.gather(*(processor.process_update(_update(c, n), handle(c, n, d)) for c, n, d in jobs))
        return processor

    processor = asyncio.run(scenario())
    assert done == ["2:3", "1:1", "1:2"]
    assert processor._locks == {} and processor._pending == {}
