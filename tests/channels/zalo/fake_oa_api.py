"""A fake Zalo OA API (v3 customer-service message endpoint): a real local HTTP server recording each call.

`mode` chooses how it answers: ok, error (Zalo's HTTP 200 with a non-zero error code), http500, slow.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.servers import ThreadedServer


@dataclass
class Sent:
    access_token: str | None
    user_id: str
    text: str


class FakeOaApi:
    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self.mode = "ok"
        self.slow_seconds = 3.0
        self._lock = threading.Lock()
        self.server = ThreadedServer(Starlette(routes=[Route("/v3.0/oa/message/cs", self._send, methods=["POST"])]))

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> FakeOaApi:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def sent_to(self, user_id: str) -> list[str]:
        with self._lock:
            return [s.text for s in self.sent if s.user_id == user_id]

    def wait_for(self, user_id: str, count: int = 1, timeout: float = 30) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(found := self.sent_to(user_id)) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"{count} message(s) to {user_id} not sent within {timeout} s; got {found}")

    async def _send(self, request: Request) -> JSONResponse:
        body = await request.json()
        with self._lock:
            mode = self.mode
            self.sent.append(
                Sent(request.headers.get("access_token"), body["recipient"]["user_id"], body["message"]["text"])
            )
        if mode == "slow":
            await asyncio.sleep(self.slow_seconds)
        if mode == "http500":
            return JSONResponse({"error": -1, "message": "internal"}, status_code=500)
        if mode == "error":
            return JSONResponse({"error": -216, "message": "Access token is invalid"})
        return JSONResponse(
            {"error": 0, "message": "Success", "data": {"message_id": f"m{len(self.sent)}", "user_id": "u"}}
        )
