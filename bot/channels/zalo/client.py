"""Sending messages to Zalo users: the adapter interface and its real HTTP implementation (OA API v3)."""

from __future__ import annotations

from typing import Protocol

import httpx

SEND_PATH = "/v3.0/oa/message/cs"  # customer-service message, allowed in reply to a user's message
MAX_TEXT = 2000  # characters per text message


class ZaloApiError(Exception):
    """The OA API refused the message, failed or timed out."""

    def __init__(self, reason: str, code: int | None = None) -> None:
        super().__init__(reason if code is None else f"{reason} (error {code})")
        self.reason, self.code = reason, code


class OaSender(Protocol):
    async def send_text(self, user_id: str, text: str) -> str | None:
        """Send one text message; return Zalo's message id. Raises ZaloApiError."""


class ZaloOaClient:
    """POST {base}/v3.0/oa/message/cs with the OA access token in the `access_token` header."""

    def __init__(self, base_url: str, access_token: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = access_token
        self.timeout = timeout

    async def send_text(self, user_id: str, text: str) -> str | None:
        body = {"recipient": {"user_id": user_id}, "message": {"text": text[:MAX_TEXT]}}
        headers = {"access_token": self._token, "Content-Type": "application/json"}
        try:
            async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout) as http:
                response = await http.post(SEND_PATH, json=body, headers=headers)
        except httpx.TimeoutException as exc:
            raise ZaloApiError("timeout") from exc
        except httpx.HTTPError as exc:
            raise ZaloApiError("unreachable") from exc
        if response.status_code >= 400:
            raise ZaloApiError(f"HTTP {response.status_code}")
        try:
            data = response.json()
        except ValueError as exc:
            raise ZaloApiError("invalid JSON") from exc
        code = data.get("error", 0) if isinstance(data, dict) else -1
        if code != 0:
            raise ZaloApiError(str(data.get("message", "error")) if isinstance(data, dict) else "error", int(code))
        return str((data.get("data") or {}).get("message_id") or "") or None
