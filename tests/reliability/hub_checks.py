"""Send many chat-hub requests concurrently and say what is wrong with each answer (empty list: nothing)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import ValidationError

from bot.api.main import MAX_BODY_BYTES
from bot.api.routes.chat import ChatOut
from tests.reliability.fuzz_inputs import encode, is_valid


@dataclass
class Outcome:
    body: dict[str, Any]
    status: int
    data: Any


async def send_all(
    api_url: str, bodies: list[dict[str, Any]], concurrency: int = 8, headers: dict[str, str] | None = None
) -> list[Outcome]:
    """`headers`: e.g. the gateways' secret, so Telegram/Zalo bodies are fuzzed as the gateways send them."""
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=api_url, timeout=60, headers=headers) as client:

        async def one(body: dict[str, Any]) -> Outcome:
            async with gate:
                res = await client.post(
                    "/chat/messages", content=encode(body), headers={"content-type": "application/json"}
                )
            try:
                data = res.json()
            except json.JSONDecodeError:
                data = None
            return Outcome(body, res.status_code, data)

        return await asyncio.gather(*(one(b) for b in bodies))


def problems(outcome: Outcome) -> list[str]:
    """What breaks the hub's contract in one answer."""
    status, data = outcome.status, outcome.data
    if status >= 500:
        return [f"server error {status}"]
    if not isinstance(data, dict):
        return [f"HTTP {status} without a JSON object"]
    if len(encode(outcome.body)) > MAX_BODY_BYTES:
        return [] if status == 413 and isinstance(data.get("detail"), str) else [f"oversized body got {status}"]
    if not is_valid(outcome.body):
        if status == 422 and "không hợp lệ" in str(data.get("detail")):
            return []
        return [f"invalid request got {status}: {str(data)[:200]}"]
    if status != 200:
        return [f"valid request got {status}: {str(data)[:200]}"]
    try:
        reply = ChatOut.model_validate(data)
    except ValidationError as exc:
        return [f"reply does not match the schema: {exc}"]
    if reply.status not in ("ok", "rejected", "duplicate", "handoff"):
        return [f"hub status {reply.status!r}"]
    # a message held for a person (a fuzzed sender may ask for one) is answered by staff: the hub may add no text,
    # and a duplicate of it replays that empty answer
    if reply.status in ("handoff", "duplicate"):
        return []
    if not any(m.text.strip() or m.buttons for m in reply.messages):
        return [f"empty reply (status {reply.status})"]
    return []


def rasa_was_busy(outcome: Outcome) -> bool:
    """The hub's polite "try again": Rasa timed out or failed; told apart by sending the message again alone."""
    return outcome.status == 200 and isinstance(outcome.data, dict) and outcome.data.get("status") == "unavailable"
