"""HTTP client of the backend's chat hub (POST /chat/messages), as used by the Telegram gateway."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from bot.channels.hub import BotMessage


class BackendUnavailable(Exception):
    """The backend could not be reached, timed out or answered with a server error."""


@dataclass
class HubAnswer:
    status: str
    messages: list[BotMessage]


class HubClient:
    def __init__(self, base_url: str, channel: str = "telegram", timeout: float = 30.0, secret: str = "") -> None:
        self.channel = channel
        headers = {"X-SCT-Channel-Secret": secret} if secret else {}  # proves to the hub this is the gateway
        self._http = httpx.AsyncClient(base_url=base_url.rstrip("/"), timeout=timeout, headers=headers)

    async def send(
        self, sender: str, text: str, message_id: str | None = None, metadata: dict[str, Any] | None = None
    ) -> HubAnswer:
        body = {"channel": self.channel, "sender": sender, "text": text, "message_id": message_id}
        body["metadata"] = metadata or {}
        try:
            response = await self._http.post("/chat/messages", json=body)
        except httpx.HTTPError as exc:
            raise BackendUnavailable(type(exc).__name__) from exc
        if response.status_code >= 500:
            raise BackendUnavailable(f"HTTP {response.status_code}")
        if response.status_code >= 400:
            return HubAnswer("rejected", [])
        try:
            data = response.json()
        except ValueError as exc:
            raise BackendUnavailable("invalid JSON") from exc
        raw = data.get("messages") if isinstance(data, dict) else None
        messages = [BotMessage.from_rasa(m) for m in raw or [] if isinstance(m, dict)]
        return HubAnswer(str(data.get("status", "ok")), messages)

    async def aclose(self) -> None:
        await self._http.aclose()
