"""HTTP client of Rasa's REST channel (`/webhooks/rest/webhook`).

It sends Rasa's API token (`?token=`, SCT_RASA_TOKEN) too: Rasa checks it on its HTTP API, not on channel
webhooks, but a client that always carries it keeps working if a guard is put on the channel as well.
"""

from __future__ import annotations

from typing import Any

import httpx


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out or answered with a server error."""


class RasaClient:
    def __init__(self, base_url: str, timeout: float = 10.0, token: str = "") -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.params = {"token": token} if token else {}
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None or self._client.is_closed:
            self._client = httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout, params=self.params)
        return self._client

    async def send(self, sender_id: str, text: str, metadata: dict[str, Any] | None = None) -> list[dict]:
        """Send one user message; return Rasa's bot messages (dicts with text, buttons, custom...)."""
        payload = {"sender": sender_id, "message": text, "metadata": metadata or {}}
        try:
            response = await self._http().post("/webhooks/rest/webhook", json=payload)
        except httpx.HTTPError as exc:
            raise RasaUnavailable(type(exc).__name__) from exc
        if response.status_code >= 500:
            raise RasaUnavailable(f"HTTP {response.status_code}")
        if response.status_code >= 400:
            raise RasaUnavailable(f"HTTP {response.status_code}: {response.text[:200]}")
        data = response.json()
        return data if isinstance(data, list) else []

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
