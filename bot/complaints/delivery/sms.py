"""SMS behind an adapter: the interface the delivery uses, and the HTTP contract a province's SMS gateway answers.

No SMS provider runs here; a province connects its brandname SMS service (Viettel, VNPT, …) through a thin gateway
that speaks this contract (docs/staff.md), as the one-stop system does for dossiers:

    POST {SCT_SMS_API_URL}   Authorization: Bearer {SCT_SMS_API_KEY}
    {"to": "0912345678", "text": "…", "reference": "PAKN-2026-000012"}
    2xx {"id": "<gateway message id>"}  — anything else is a failure (the desk shows it; a call-back task is added)
"""

from __future__ import annotations

from typing import Protocol

import httpx

from bot.settings import Settings


class SmsError(Exception):
    """Not accepted by the gateway; the reason names no phone number."""


class SmsSender(Protocol):
    def send(self, phone: str, text: str, reference: str) -> str | None:
        """Blocking: hand one message to the gateway; return its id. Raises SmsError."""


class HttpSmsGateway:
    def __init__(self, url: str, api_key: str, timeout: float = 10.0) -> None:
        self.url, self._key, self.timeout = url, api_key, timeout

    def send(self, phone: str, text: str, reference: str) -> str | None:
        headers = {"Authorization": f"Bearer {self._key}"} if self._key else {}
        try:
            response = httpx.post(
                self.url,
                json={"to": phone, "text": text, "reference": reference},
                headers=headers,
                timeout=self.timeout,
            )
        except httpx.HTTPError as exc:
            raise SmsError(type(exc).__name__) from exc
        if not response.is_success:
            raise SmsError(f"HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            body = {}
        return str(body.get("id") or "") or None if isinstance(body, dict) else None


def sms_from_settings(settings: Settings) -> SmsSender | None:
    if not settings.sms_api_url:
        return None
    key = settings.sms_api_key.get_secret_value() if settings.sms_api_key else ""
    return HttpSmsGateway(settings.sms_api_url, key, settings.sms_timeout)
