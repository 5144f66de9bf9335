"""Short ids for button payloads: Telegram's callback data holds at most 64 bytes, Rasa payloads can be longer."""

from __future__ import annotations

import secrets
from collections import OrderedDict

CALLBACK_PREFIX = "b:"
MAX_CALLBACK_BYTES = 64


class PayloadStore:
    """A bounded, least-recently-used map id -> payload. Old ids fall out; the gateway then asks to retype."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._by_id: OrderedDict[str, str] = OrderedDict()
        self._by_payload: dict[str, str] = {}

    def put(self, payload: str) -> str:
        """Callback data for `payload` (the same payload keeps its id while it stays in the store)."""
        key = self._by_payload.get(payload)
        if key is None:
            key = secrets.token_urlsafe(6)
            while key in self._by_id:
                key = secrets.token_urlsafe(6)
            self._by_id[key] = payload
            self._by_payload[payload] = key
            while len(self._by_id) > self.size:
                _old_key, old_payload = self._by_id.popitem(last=False)
                self._by_payload.pop(old_payload, None)
        self._by_id.move_to_end(key)
        return CALLBACK_PREFIX + key

    def get(self, callback_data: str | None) -> str | None:
        """The payload behind callback data, or None when it is unknown or has expired."""
        if not callback_data or not callback_data.startswith(CALLBACK_PREFIX):
            return None
        key = callback_data[len(CALLBACK_PREFIX) :]
        payload = self._by_id.get(key)
        if payload is not None:
            self._by_id.move_to_end(key)
        return payload

    def __len__(self) -> int:
        return len(self._by_id)
