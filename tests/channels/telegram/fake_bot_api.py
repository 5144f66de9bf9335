"""A fake Telegram Bot API: a real local HTTP server speaking the methods python-telegram-bot calls.

Each bot token has its own update queue, so several gateways can share one server. Tests inject updates
(returned by getUpdates long-polling) and read every call the gateway made.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.servers import ThreadedServer

BOT_USER = {
    "id": 7000001,
    "is_bot": True,
    "first_name": "Trợ lý Sở Công Thương",
    "username": "sct_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    token: str
    method: str
    params: dict[str, Any]

    def markup(self) -> dict | None:
        raw = self.params.get("reply_markup")
        return json.loads(raw) if isinstance(raw, str) else raw


@dataclass
class BotState:
    updates: list[dict] = field(default_factory=list)
    next_update_id: int = 1
    next_message_id: int = 1000
    webhook: dict[str, Any] = field(default_factory=dict)


def _decode(value: str) -> Any:
    """PTB JSON-encodes non-string parameters (reply_markup, allowed_updates); strings come as they are."""
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeBotApi:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._bots: dict[str, BotState] = {}
        self._lock = threading.Lock()
        self.server = ThreadedServer(
            Starlette(routes=[Route("/bot{token}/{method}", self._handle, methods=["GET", "POST"])])
        )

    # -- test side -------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> FakeBotApi:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def inject(self, token: str, update: dict) -> int:
        with self._lock:
            bot = self._bot(token)
            update = {**update, "update_id": bot.next_update_id}
            bot.next_update_id += 1
            bot.updates.append(update)
        return update["update_id"]

    def calls_of(self, token: str, method: str, chat_id: int | None = None) -> list[Call]:
        with self._lock:
            return [
                c
                for c in self.calls
                if c.token == token
                and c.method == method
                and (chat_id is None or c.params.get("chat_id") == str(chat_id))
            ]

    def wait_for(
        self, token: str, method: str, chat_id: int | None = None, count: int = 1, timeout: float = 60
    ) -> list[Call]:
        """Wait until at least `count` calls of `method` (for `chat_id`) were made; return them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_of(token, method, chat_id)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"{method} x{count} for chat {chat_id} not called within {timeout} s; got {len(found)}")

    def webhook_of(self, token: str) -> dict[str, Any]:
        with self._lock:
            return dict(self._bot(token).webhook)

    # -- API side --------------------------------------------------------------------------------------
    def _bot(self, token: str) -> BotState:
        return self._bots.setdefault(token, BotState())

    async def _handle(self, request: Request) -> JSONResponse:
        token, method = request.path_params["token"], request.path_params["method"]
        try:
            body = await request.body()
        except ClientDisconnect:  # the gateway gave up on the call (a cancelled "typing…", a shutdown)
            return JSONResponse({"ok": False, "error_code": 499, "description": "client went away"}, status_code=499)
        if request.headers.get("content-type", "").startswith("application/json") and body:
            params = json.loads(body)
        else:
            params = {k: _decode(v) for k, v in parse_qsl(body.decode() or request.url.query)}
        if method != "getUpdates":
            with self._lock:
                self.calls.append(Call(token, method, params))
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404)
        if "chat_id" in params and not re.fullmatch(r"-?\d{1,20}", str(params["chat_id"])):
            return JSONResponse(  # what Telegram answers for a chat that cannot exist
                {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}, status_code=400
            )
        result = await handler(token, params)
        return JSONResponse({"ok": True, "result": result})

    async def _api_getMe(self, token: str, params: dict) -> dict:  # noqa: N802 (Bot API method names)
        return BOT_USER

    async def _api_getUpdates(self, token: str, params: dict) -> list[dict]:  # noqa: N802
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 2.0)
        with self._lock:
            self.calls.append(Call(token, "getUpdates", params))
        while True:
            with self._lock:
                bot = self._bot(token)
                bot.updates = [u for u in bot.updates if u["update_id"] >= offset]
                ready = list(bot.updates)
            if ready or time.monotonic() >= deadline:
                return ready
            await asyncio.sleep(0.02)

    async def _api_sendMessage(self, token: str, params: dict) -> dict:  # noqa: N802
        with self._lock:
            bot = self._bot(token)
            bot.next_message_id += 1
            message_id = bot.next_message_id
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": BOT_USER,
            "text": params.get("text", ""),
        }

    async def _api_setWebhook(self, token: str, params: dict) -> bool:  # noqa: N802
        with self._lock:
            self._bot(token).webhook = params
        return True

    async def _api_deleteWebhook(self, token: str, params: dict) -> bool:  # noqa: N802
        with self._lock:
            self._bot(token).webhook = {}
        return True

    async def _api_getWebhookInfo(self, token: str, params: dict) -> dict:  # noqa: N802
        with self._lock:
            url = self._bot(token).webhook.get("url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    async def _true(self, token: str, params: dict) -> bool:
        return True

    _api_sendChatAction = _true  # noqa: N815
    _api_answerCallbackQuery = _true  # noqa: N815
    _api_editMessageReplyMarkup = _true  # noqa: N815
    _api_setMyCommands = _true  # noqa: N815
    _api_close = _true
    _api_logOut = _true  # noqa: N815
