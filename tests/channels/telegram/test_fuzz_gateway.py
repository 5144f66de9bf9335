"""Fuzz the Telegram gateway: generated updates posted to the real gateway process's webhook.

The gateway (python-telegram-bot, webhook mode) relays to the real backend + Rasa stack and answers through the
local fake Bot API. SCT_TELEGRAM_FUZZ_UPDATES updates (default 2 000; `make fuzz-long` sends 10 000): text with
emoji, control characters, right-to-left marks, lone surrogates, huge strings and random entities; commands,
callback queries (unknown, inline), edited messages, group chats and channel posts, stickers, photos, files and
locations, contacts (own and someone else's), service messages, update kinds the bot does not handle, JSON that
is not an update and bodies that are not JSON. Every webhook call answers 200, 400 or 413 (never 5xx); every
update is answered (a message to its chat) or deliberately ignored (nothing sent); the gateway stays alive with
no traceback in its log (a handler may fail only on objects Telegram never sends, and then answers politely),
and still answers a normal question afterwards.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections import Counter

import httpx
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.channels.telegram import updates
from tests.channels.telegram.fuzz_updates import ANSWER, IGNORE, Delivery, deliveries

FUZZ_UPDATES = int(os.environ.get("SCT_TELEGRAM_FUZZ_UPDATES", "2000"))
BATCH = 50
SECRET = {"X-Telegram-Bot-Api-Secret-Token": "s3cr3t_Hook-value", "content-type": "application/json"}


async def post_all(url: str, batch: list[Delivery], concurrency: int = 8) -> list[int]:
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=30) as client:

        async def one(item: Delivery) -> int:
            async with gate:
                return (await client.post(url, content=item.body, headers=SECRET)).status_code

        return await asyncio.gather(*(one(item) for item in batch))


def sent_per_chat(fake_api, token: str) -> Counter:
    return Counter(c.params.get("chat_id") for c in fake_api.calls_of(token, "sendMessage"))


def test_gateway_survives_generated_updates(fake_api, webhook_gateway, stack):
    gw = webhook_gateway
    delivered: list[Delivery] = []
    bad_status: list[str] = []

    @settings(
        max_examples=-(-FUZZ_UPDATES // BATCH),
        deadline=None,
        database=None,
        phases=[Phase.generate],  # a batch is checked update by update; shrinking would post it again
        suppress_health_check=list(HealthCheck),
    )
    @given(batch=st.lists(deliveries(), min_size=BATCH, max_size=BATCH))
    def fuzz(batch):
        for item, status in zip(batch, asyncio.run(post_all(gw.webhook_url, batch)), strict=True):
            if status not in (200, 400, 413) or (item.kind in ("bad_json", "not_an_update") and status == 200):
                bad_status.append(f"{item.kind}: HTTP {status} <- {item.body[:200]!r}")
        delivered.extend(batch)
        assert gw.alive(), gw.log()[-3000:]

    fuzz()
    assert len(delivered) >= FUZZ_UPDATES and not bad_status, "\n".join(bad_status[:10])
    must_answer = {str(d.chat_id) for d in delivered if d.expect == ANSWER}
    must_ignore = {str(d.chat_id) for d in delivered if d.expect == IGNORE and d.chat_id is not None}
    deadline = time.monotonic() + 120 + len(must_answer) * 0.2
    while time.monotonic() < deadline:
        missing = must_answer - set(sent_per_chat(fake_api, gw.token))
        if not missing:
            break
        time.sleep(1)
    time.sleep(2)  # anything an ignored update would have caused has been sent by now
    sent = sent_per_chat(fake_api, gw.token)
    kinds = {str(d.chat_id): d.kind for d in delivered}
    unanswered = sorted(must_answer - set(sent))
    lines = gw.log().splitlines()
    assert not unanswered, f"{len(unanswered)} updates never answered, e.g.\n" + "\n".join(
        f"{kinds[c]}:{c} " + " | ".join(line for line in lines if c in line) for c in unanswered[:10]
    )
    answered_ignored = sorted(must_ignore & set(sent))
    assert not answered_ignored, "ignored updates got replies: " + ", ".join(
        f"{kinds[c]}:{c}" for c in answered_ignored[:10]
    )
    assert gw.alive()
    log = gw.log()
    assert "Traceback" not in log, log[-3000:]
    # a handler may fail only on objects Telegram never sends (a number as text...): logged, answered politely
    failed = {chat: kinds.get(chat, "?") for chat in re.findall(r"chat (\S+): update failed", log)}
    assert all(kind == "wrong_types" for kind in failed.values()), failed
    print(f"\n{len(delivered)} updates: {Counter(d.kind for d in delivered).most_common()}")

    chat = 5999  # and it still answers a citizen
    genuine = {**updates.text(chat, "xin giấy phép bán lẻ rượu cần giấy tờ gì"), "update_id": 1}
    assert httpx.post(gw.webhook_url, json=genuine, headers=SECRET, timeout=10).status_code == 200
    [reply] = fake_api.wait_for(gw.token, "sendMessage", chat)
    assert "bán lẻ rượu" in reply.params["text"]
