"""The one HTTP client of the backend used by the actions. Configured from the environment."""

from __future__ import annotations

import logging
import os
from typing import Any

import httpx

log = logging.getLogger(__name__)
BACKEND_URL = os.environ.get("SCT_BACKEND_URL", "http://127.0.0.1:8000")
TIMEOUT = float(os.environ.get("SCT_BACKEND_TIMEOUT", "5"))
BOT_KEY_HEADER = "X-SCT-Bot-Key"  # the backend's /bot/* accept only callers that know SCT_BOT_API_KEY


class BackendError(Exception):
    """The backend could not be reached or answered with an error."""


class BackendRejected(BackendError):
    """The backend refused the input (4xx) with a message the user can act on."""

    def __init__(self, status: int, detail: str, field: str | None = None) -> None:
        super().__init__(f"{status} {detail}")
        self.status, self.detail, self.field = status, detail, field


_shared: dict[str, httpx.AsyncClient] = {}


def _client(base_url: str, timeout: float) -> httpx.AsyncClient:
    """One pooled client per backend URL: creating a client per call costs ~70 ms (TLS context set-up)."""
    key = f"{base_url}|{timeout}"
    if key not in _shared or _shared[key].is_closed:
        bot_key = os.environ.get("SCT_BOT_API_KEY", "")
        headers = {BOT_KEY_HEADER: bot_key} if bot_key else {}
        _shared[key] = httpx.AsyncClient(base_url=base_url, timeout=timeout, headers=headers)
    return _shared[key]


class BackendClient:
    def __init__(self, base_url: str = BACKEND_URL, timeout: float = TIMEOUT) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    async def _request(self, method: str, path: str, **kwargs: Any) -> dict:
        try:
            response = await _client(self.base_url, self.timeout).request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise BackendError(str(exc)) from exc
        if response.status_code in (401, 403):
            log.error("the backend refused this action server (HTTP %s): check SCT_BOT_API_KEY", response.status_code)
        if 400 <= response.status_code < 500 and response.status_code not in (401, 403, 405):
            try:
                body = response.json()
            except ValueError:
                body = {}
            detail = body.get("detail") if isinstance(body, dict) else None
            if isinstance(detail, str):
                raise BackendRejected(response.status_code, detail, body.get("field"))
        if response.status_code >= 400:
            raise BackendError(f"{response.status_code} {response.text[:200]}")
        return response.json()

    async def answer(self, **payload: Any) -> dict:
        return await self._request("POST", "/bot/answer", json=payload)

    async def out_of_scope(self, text: str) -> dict:
        return await self._request("GET", "/bot/out-of-scope", params={"q": text[:4000]})

    async def fallback(self, failures: int) -> dict:
        return await self._request("GET", "/bot/fallback", params={"failures": failures})

    async def lookup_dossier(
        self, text: str, sender: str, phone_last4: str | None = None, client: str | None = None
    ) -> dict:
        body = {"text": text[:500], "sender": sender, "phone_last4": phone_last4, "client": client}
        return await self._request("POST", "/bot/dossiers/lookup", json=body)

    async def consent_text(self) -> dict:
        return await self._request("GET", "/bot/complaints/consent-text")

    async def validate_complaint_field(self, field: str, value: str) -> dict:
        return await self._request("POST", "/bot/complaints/validate", json={"field": field, "value": value[:4000]})

    async def extract_complaint_details(self, text: str) -> dict:
        return await self._request("POST", "/bot/complaints/extract", json={"text": text[:4000]})

    async def create_complaint(self, **payload: Any) -> dict:
        return await self._request("POST", "/bot/complaints", json=payload)

    async def complaint_status(
        self, code: str, sender: str, contact: str | None = None, client: str | None = None
    ) -> dict:
        body = {"code": code, "sender": sender, "contact": contact, "client": client}
        return await self._request("POST", "/bot/complaints/status", json=body)  # the contact never in a URL
